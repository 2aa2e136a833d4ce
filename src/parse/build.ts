// What the grammar postprocessors return: deferred constructors.
//
// Earley completes a rule at every position where it could end, including in
// branches that die later: `Sum -> Sum "+" Term` completes after each of a
// thousand terms. Building `add([...])` there would cost O(n) each time and
// O(n²) in all. So postprocessors return thunks over persistent lists, and the
// AST (built only with the constructors of src/ast.ts) is made once, from the
// single surviving parse.

import {
  add, addIndices, call, delta, diff, div, type DiffForm, type DiffNotation, type Expr, extent, type Index, indexKey, inum, iverson, ivar,
  mul, neg, num, pow, reduce, rel, type RelOp, type SuperscriptBracket, variable, type Var,
} from '../core/ast.js';
import type { Mark } from '../core/names.js';
import type { ReduceOp } from '../core/reductions.js';
import { GrammarError } from './errors.js';
import type { Tok } from './tokens.js';

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
}
export const marked = (name: string, marks: readonly Mark[] | undefined): Marked => ({ name, marks: marks ?? [] });

export function parts(
  of: string | Marked, primes = 0, indices: readonly Index[] = [], comma = false, sup: SuperscriptBracket | null = null,
): VarParts {
  const { name, marks } = typeof of === 'string' ? { name: of, marks: [] } : of;
  return { name, marks, primes, indices, comma, sup };
}

export function asVar(p: VarParts): Var {
  return variable({ name: p.name + "'".repeat(p.primes), version: 0, family: null, marks: p.marks }, p.indices, p.comma, p.sup);
}

/** A variable as a value: `\delta` with exactly two indices (and no prime) is the Kronecker delta. */
export function varValue(p: VarParts): Lazy {
  return () => (p.name === 'delta' && p.marks.length === 0 && p.primes === 0 && p.sup === null && p.indices.length === 2 ? delta(p.indices[0]!, p.indices[1]!) : asVar(p));
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
  return () => {
    // `\sum_{j,k} f` is `\sum_j \sum_k f`.
    let e = body();
    for (let i = indices.length - 1; i >= 0; i--) e = reduce(op, indices[i]!, e, i === 0 ? lower : null, i === 0 ? upper : null);
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
 * product would need `[c] f + [not c]`; that reading is refused rather than guessed.
 */
export function conditioned(op: Tok, c: Condition | undefined, body: Lazy): Lazy {
  if (c === undefined) return body;
  if (op.value !== 'sum') {
    throw new GrammarError(`a condition under ${op.text.trim()} is not read (a product skips a term, it does not multiply it by 0): write ${op.text.trim()}_{i} ([i \\ne j] f_i + [i = j])`, c.at);
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
