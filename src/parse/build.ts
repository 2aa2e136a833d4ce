// What the grammar postprocessors return: deferred constructors.
//
// Earley completes a rule at every position where it could end, including in
// branches that die later: `Sum -> Sum "+" Term` completes after each of a
// thousand terms. Building `add([...])` there would cost O(n) each time and
// O(n²) in all. So postprocessors return thunks over persistent lists, and the
// AST (built only with the constructors of src/ast.ts) is made once, from the
// single surviving parse.

import {
  add, addIndices, applyUser, assertNever, call, children, delta, diff, div, type DiffForm, type DiffNotation, type Expr, extent, type Index, indexKey, inum, iverson, ivar,
  mul, neg, num, pow, reduce, rel, type RelOp, type SuperscriptBracket, variable, type Var,
} from '../core/ast.js';
import { type Label, type Mark, sameName, userName } from '../core/names.js';
import { allIndexNames, freeIndices } from '../core/indices.js';
import { baseLetter, freshIndex } from '../core/fresh.js';
import type { ReduceOp } from '../core/reductions.js';
import { replaceSubterm } from '../core/replace.js';
import { GrammarError } from './errors.js';
import { builtFrom } from './located.js';
import { latexSpelling, type Tok } from './tokens.js';

export type Lazy = () => Expr;

/** A persistent list, newest element first; sharing tails makes `push` O(1) and safe across parse branches. */
export interface List<T> {
  readonly head: T;
  readonly tail: List<T> | null;
}

export function list<T>(x: T): List<T> {
  return { head: x, tail: null };
}
export function push<T>(l: List<T>, x: T): List<T> {
  return { head: x, tail: l };
}
export function toArray<T>(l: List<T> | null): T[] {
  const out: T[] = [];
  for (let x = l; x !== null; x = x.tail) out.push(x.head);
  return out.reverse();
}

const force = (l: List<Lazy>): Expr[] => toArray(l).map((f) => f());

/** `a + b - c` → one flat `add`; a single term stays itself. */
export function terms(l: List<Lazy>): Lazy {
  return () => {
    const ts = force(l);
    return ts.length === 1 ? ts[0]! : add(ts);
  };
}

/** A run of factors → one flat `mul`; a single factor stays itself. */
export function factors(l: List<Lazy>): Lazy {
  return () => {
    const fs = force(l);
    return fs.length === 1 ? fs[0]! : mul(fs);
  };
}

export const constant = (text: string): Lazy => () => num(Number(text));
export const negate = (x: Lazy): Lazy => () => neg(x());
export const quotient = (a: Lazy, b: Lazy): Lazy => () => div(a(), b());
export const power = (a: Lazy, b: Lazy): Lazy => () => pow(a(), b());
export const apply = (fn: string, arg: Lazy, spelling: string | null = null): Lazy => () => call(fn, [arg()], spelling);
/** `\max(a, b, c)`: a call with the arguments of a comma-separated list. */
export const applyMany = (fn: string, args: List<Lazy>, spelling: string | null = null): Lazy => () => call(fn, force(args), spelling);
export const count = (index: string): Lazy => () => extent(index);

/** `f(2y)`, `f'(x)` (a `userFn` token: docs/notation.md, "Function definitions"): the call of a user-defined function. */
export const applyDefined = (head: Tok, args: List<Lazy>): Lazy => () =>
  applyUser(asVar(parts(marked(head.value, head.marks, head.label), head.primes ?? 0)), force(args));

/** `(ax)'`: the derivative of a group, in Lagrange's notation (see docs/notation.md). */
export const primeOf = (x: Lazy, primes: number, spelling: string): Lazy => () => {
  let e = x();
  for (let i = 0; i < primes; i++) e = call('prime', [e], spelling);
  return e;
};

/** A relation chain `a op b op c`, kept as parallel lists. */
export interface Chain {
  readonly ops: List<RelOp>;
  readonly args: List<Lazy>;
}
export function relation(c: Chain): Lazy {
  return () => rel(toArray(c.ops), force(c.args));
}
export const bracket = (r: Lazy): Lazy => () => {
  const cond = r();
  if (cond.kind !== 'rel') throw new Error('internal: an Iverson bracket without a relation');
  return iverson(cond);
};

export const RELATIONS: Record<string, RelOp> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** The parts of a variable as written: `w'_{j,k}` is name `w`, one prime, indices j and k, with commas. */
export interface VarParts {
  readonly name: string;
  /** `\hat{y}`: the marks, outermost first (src/core/names.ts). */
  readonly marks: readonly Mark[];
  /** `D_{\mathrm{KL}}`: the word subscript (src/core/names.ts), or null. */
  readonly label: Label | null;
  readonly primes: number;
  readonly indices: readonly Index[];
  readonly comma: boolean;
  /** `x^{(i)}`: the first index is a superscript in these brackets. */
  readonly sup: SuperscriptBracket | null;
}

/** A decorated name as read (`\hat{y}` is `y` with the mark hat; `hat(y)` in plain text). */
export interface Marked {
  readonly name: string;
  readonly marks: readonly Mark[];
  readonly label: Label | null;
}
export const marked = (name: string, marks: readonly Mark[] | undefined, label?: Label): Marked => ({ name, marks: marks ?? [], label: label ?? null });

export function parts(
  of: string | Marked, primes = 0, indices: readonly Index[] = [], comma = false, sup: SuperscriptBracket | null = null,
): VarParts {
  const { name, marks, label } = typeof of === 'string' ? { name: of, marks: [], label: null } : of;
  return { name, marks, label, primes, indices, comma, sup };
}

export function asVar(p: VarParts): Var {
  const v = variable({ name: p.name + "'".repeat(p.primes), version: 0, family: null, marks: p.marks, label: p.label }, p.indices, p.comma, p.sup);
  builtFrom(v, p);
  return v;
}

/** A variable as a value: `\delta` with exactly two indices (and no prime) is the Kronecker delta. */
export function varValue(p: VarParts): Lazy {
  return () => (p.name === 'delta' && p.marks.length === 0 && p.label === null && p.primes === 0 && p.sup === null && p.indices.length === 2 ? delta(p.indices[0]!, p.indices[1]!) : asVar(p));
}

export function indexVar(name: string, primes: string | null, offsetSign = 0, offset = '0'): Index {
  return ivar(name + (primes ?? ''), offsetSign * Number(offset));
}

// --- Index arithmetic (issue 9): `x_{i+k}`, `x_{i-j+1}`, `x[n-m]`

/**
 * `sum ± next` in an index, `sign` the `+` or `-` token. A variable written twice (`x_{i-i}`) is
 * refused before the grammar runs (src/parse/index-arithmetic.ts): here, where Earley also builds
 * partial parses (`i + i` on the way to `i + i'`), nothing may throw.
 */
export function indexPlus(sum: Index, sign: Tok, next: Index): Index {
  return addIndices(sum, next, sign.type === 'plus' ? 1 : -1);
}

/** `w_{12}`: each digit of an uncommaed subscript is its own index. */
export function digits(text: string): Index[] {
  return [...text].map((c) => inum(Number(c)));
}
/** The names of binders `j, k` (index variables). */
export function names(l: List<Index>): string[] {
  return toArray(l).map((i) => (i.kind === 'inum' ? String(i.value) : indexKey(i)));
}
export const wholeIndex = (text: string): Index => inum(Number(text));

/** A reduction `op` (the grammar token's value, from src/core/reductions.ts) over `indices`, the bounds on the first. */
export function reduction(op: ReduceOp, indices: readonly string[], body: Lazy, lower: Index | null, upper: Index | null): Lazy {
  // `\sum_i^N` counts from 1, as ranges do: one tree with `\sum_{i=1}^{N}` (and one printed form, in both syntaxes).
  const from = lower === null && upper !== null ? inum(1) : lower;
  return () => {
    // `\sum_{j,k} f` is `\sum_j \sum_k f`.
    let e = body();
    for (let i = indices.length - 1; i >= 0; i--) e = reduce(op, indices[i]!, e, i === 0 ? from : null, i === 0 ? upper : null);
    return e;
  };
}

// --- Conditions under a reduction (issue 9)

/** A condition under a reduction, `i \ne j`, with the relation token for error positions. */
export interface Condition {
  readonly cond: Lazy;
  readonly at: Tok;
}

/**
 * `\sum_{i \ne j}`: the condition must constrain the bound index `bound` (written `index`
 * here), related to another index or an integer; `\sum_{j=1, k \ne i}` is refused.
 */
export function condition(bound: Index, index: Index, op: Tok, other: Index): Condition {
  if (bound.kind !== 'ivar' || index.kind !== 'ivar' || index.name !== bound.name) {
    throw new GrammarError(`a condition under a reduction must constrain its index ${bound.kind === 'ivar' ? bound.name : ''}: write \\sum_{${bound.kind === 'ivar' ? bound.name : 'i'} ${op.text.trim()} …}`, op);
  }
  const side = (i: Index): Expr => (i.kind === 'inum' ? num(i.value) : variable(indexKey(i), []));
  const relOp = RELATIONS[op.value]!;
  return { cond: () => rel([relOp], [side(index), side(other)]), at: op };
}

/**
 * The body of a reduction under a condition: `\sum_{i \ne j} f` is `\sum_i [i \ne j] f`. A
 * product would need `[c] f + [not c]`, a max or min a term that loses to every other; those
 * readings are refused rather than guessed, with the form to write.
 */
export function conditioned(op: Tok, c: Condition | undefined, body: Lazy): Lazy {
  if (c === undefined) return body;
  const written = op.text.trim();
  const latex = written.startsWith('\\');
  const refuse = (why: string, how: string) => {
    throw new GrammarError(`a condition under ${written} is not read (${why}): write ${how}`, c.at);
  };
  const reduction = op.value as ReduceOp;
  switch (reduction) {
    case 'sum': break;
    case 'prod':
      refuse('a product skips a term, it does not multiply it by 0', latex ? `${written}_{i} ([i \\ne j] f_i + [i = j])` : `${written}(i, [i != j] * f[i] + [i = j])`);
      break;
    // The other operator of the pair puts, in place of the skipped term, one that never wins (exact when some i ≠ j is in range).
    case 'max':
      refuse('max skips a term; a factor [i \\ne j] would put a 0 among the values',
        latex ? '\\max_{i} ([i \\ne j] f_i + [i = j] \\min_{k} f_k)' : 'maxover(i, [i != j] * f[i] + [i = j] * minover(k, f[k]))');
      break;
    case 'min':
      refuse('min skips a term; a factor [i \\ne j] would put a 0 among the values',
        latex ? '\\min_{i} ([i \\ne j] f_i + [i = j] \\max_{k} f_k)' : 'minover(i, [i != j] * f[i] + [i = j] * maxover(k, f[k]))');
      break;
    default: assertNever(reduction);
  }
  return () => {
    const cond = c.cond();
    if (cond.kind !== 'rel') throw new Error('internal: a reduction condition without a relation');
    const e = body();
    return mul([iverson(cond), ...(e.kind === 'mul' ? e.factors : [e])]);
  };
}

export function derivative(body: Lazy, wrt: VarParts, form: DiffForm, notation: DiffNotation): Lazy {
  return () => diff(body(), asVar(wrt), form, notation);
}

// --- The gradient (issue 9): `\nabla_w L`, `\nabla_{\theta} J`, `\nabla_{\mathbf{w}} E`

/** The formulas of the input built so far, while `buildFormulas` runs: where `\nabla_w` also looks for `w`. */
let earlier: readonly Expr[] = [];

/** The formulas of one input, built in order (`L = …; \nabla_w L` finds `w`'s shape in the definition of `L`). */
export function buildFormulas(l: List<Lazy>): Expr[] {
  const out: Expr[] = [];
  try {
    for (const f of toArray(l)) {
      earlier = out;
      out.push(f());
    }
  } finally {
    earlier = [];
  }
  return out;
}

/**
 * `\nabla_w L` is read as one entry of the gradient, in index form: where `w` occurs in `L` (as
 * written after `\nabla`, or in an earlier formula of the input) with one index, `\frac{\partial L}{\partial w_j}`, `j` the letter of
 * those occurrences unless it is free in `L` (then a fresh `j'`); where it occurs without
 * indices, `\frac{\partial L}{\partial w}`. Refused: `w` in neither (its shape is unknown), with
 * two or more indices (a matrix), or with both shapes.
 */
export function gradient(at: Tok, body: Lazy, wrt: VarParts): Lazy {
  return () => {
    const e = body();
    const v = asVar(wrt);
    const name = at.text.trim();
    const shapes = new Set<number>();
    let letter: string | null = null;
    const seen = new Set<number>();
    const visit = (x: Expr): void => {
      if (seen.has(x.id)) return;
      seen.add(x.id);
      if (x.kind === 'var' && sameName({ ...x, version: 0 }, v)) {
        shapes.add(x.indices.length);
        const i = x.indices[0];
        if (x.indices.length === 1 && i?.kind === 'ivar' && letter === null) letter = baseLetter(i.name);
      }
      children(x).forEach(visit);
    };
    [e, ...earlier].forEach(visit);
    const written = latexSpelling(wrt.name);
    const spelled = `\\frac{\\partial L}{\\partial ${written}_j}`;
    if (v.indices.length > 0) throw new GrammarError(`the subscript of \\nabla is the name of the vector, without indices: for one entry write ${spelled}`, at);
    if (shapes.size === 0) {
      throw new GrammarError(`${name}: ${userName(v)} does not occur in what follows \\nabla nor in an earlier formula, so its shape is unknown: write one entry, ${spelled}`, at);
    }
    if (shapes.size > 1) throw new GrammarError(`${name}: ${userName(v)} occurs both with and without indices; write the entry you mean, ${spelled} or \\frac{\\partial L}{\\partial ${written}}`, at);
    const [shape] = shapes;
    if (shape === 0) return diff(e, v, 'operator');
    if (shape! > 1) throw new GrammarError(`${name}: the gradient by ${userName(v)}, which has ${shape} indices (a matrix), is not read: write one entry, \\frac{\\partial L}{\\partial ${written}_{jk}}`, at);
    const chosen = letter ?? 'j';
    const index = freeIndices(e).has(chosen) ? freshIndex(chosen, allIndexNames(e)) : chosen;
    return diff(e, variable(v, [ivar(index)]), 'operator');
  };
}

// --- Derivative notation (issue 9)

/** One `\\partial x^k` of a higher derivative's denominator. */
export interface Wrt {
  readonly wrt: VarParts;
  readonly order: number;
}

/**
 * `\\frac{\\partial^2 f}{\\partial x_j \\partial x_k}` is ∂/∂x_j (∂f/∂x_k): nested first
 * derivatives, the rightmost variable innermost, as the operators compose. The innermost keeps
 * the written form; the outer ones are operators (docs/notation.md shows the printed form).
 */
export function higherDerivative(body: Lazy, wrts: List<Wrt>, form: DiffForm, notation: DiffNotation): Lazy {
  return () => {
    let e = body();
    let first = true;
    for (const w of toArray(wrts).reverse()) {
      for (let i = 0; i < w.order; i++) {
        e = diff(e, asVar(w.wrt), first ? form : 'operator', notation);
        first = false;
      }
    }
    return e;
  };
}

// --- Evaluation bars (issue 9)

/**
 * `\left. f \right|_{x=a}`: f with the variable x (one without indices) replaced by a. Over a
 * derivative the bar would need the derivative first (∂f/∂x at x = a is not ∂f(a)/∂a): refused,
 * with the form that reads, `f(x) = …; f'(a)`.
 */
export function evaluatedAt(at: Tok, f: Lazy, x: VarParts, a: Lazy): Lazy {
  return () => {
    const v = asVar(x);
    if (v.indices.length > 0) throw new GrammarError('an evaluation bar sets a variable without indices: \\left. f \\right|_{x=a}', at);
    const body = f();
    const hasDiff = (e: Expr): boolean => e.kind === 'diff' || children(e).some(hasDiff);
    if (hasDiff(body)) {
      throw new GrammarError("an evaluation bar over a derivative is not read: define the function and evaluate its derivative, f(x) = …; f'(a)", at);
    }
    return replaceSubterm(body, v, a());
  };
}
