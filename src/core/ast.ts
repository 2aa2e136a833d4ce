// The expression tree every part of Kronecker works on.
//
// `Expr` is a tagged union; every consumer dispatches with an exhaustive
// `switch (e.kind)` ending in `assertNever`, so a new node kind is a compile
// error wherever it is not handled yet.
//
// Nodes are hash-consed: the constructors below are the only way to make one,
// and two structurally equal nodes are the same object. Hence `a === b` is
// structural equality, `e.id` is a stable hash key for memo tables, and shared
// subtrees are stored once — a derivative of a 40-deep `σ(σ(…))` repeats its
// inner subterms, and with sharing its size grows linearly, not exponentially.
//
// Presentation hints (how the user spelled a function, whether indices were
// comma-separated, which derivative notation was used) are part of the node,
// so printers can echo the user; `sameShape` compares while ignoring them.

import type { Label, MatrixFunction, VarName } from './names.js';
import type { ReduceOp } from './reductions.js';
import { Store } from './store.js';

/**
 * An index expression: a linear combination of index variables with integer coefficients plus an
 * integer constant. It has one form per value, chosen by `linearIndex`: no variable is `inum` (`2`),
 * one variable with coefficient 1 is `ivar` (`j`, `i+1`, `n-1`), anything else is `ilin` (`i+k`,
 * `n-m`, `i-j+1`; its terms sorted by name, no coefficient 0). So equal index expressions are equal
 * keys (`indexKey`), and code that reads one variable never sees a sum by mistake: it must ask for
 * `ilin` (docs/architecture.md, "Indices are linear combinations").
 */
export type Index =
  | { readonly kind: 'ivar'; readonly name: string; readonly offset: number }
  | { readonly kind: 'inum'; readonly value: number }
  | { readonly kind: 'ilin'; readonly terms: readonly IndexTerm[]; readonly offset: number };

/** One variable of an index expression with its coefficient: `-k` in `m-k`. */
export interface IndexTerm { readonly name: string; readonly coef: number }

export type RelOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** How a derivative was written: `\frac{\partial E}{\partial w}` (fraction) or `\frac{\partial}{\partial w}(E)` (operator). */
export type DiffForm = 'fraction' | 'operator';
export type DiffNotation = 'partial' | 'd';

interface Node {
  /** Unique per structurally distinct node; use as a memo key. */
  readonly id: number;
}

export interface Num extends Node { readonly kind: 'num'; readonly value: number }
/**
 * A scalar (`E`, `\lambda`) or an indexed variable (`w_{jk}`); `indices` is empty for scalars.
 * `name` is as the user wrote it; `version` and `family` tell apart quantities written with
 * the same name (a definition's result, a range family): ./names.ts.
 */
export interface Var extends Node, VarName {
  readonly kind: 'var';
  readonly label: Label | null;
  /** `inverse`: an entry of X^{-1} (two indices); `determinant`: \det X (none); null: X's own entries. */
  readonly of: MatrixFunction | null;
  readonly indices: readonly Index[];
  /** Printed `w_{j,k}` rather than `w_{jk}` (the subscripts, after any superscript index). */
  readonly commaIndices: boolean;
  /**
   * Printed with its first index as a superscript in these brackets: `x^{(i)}_j`, `a^{[l]}_j`
   * (the entry `x_{ij}`, `a_{lj}`: the superscript index is the first slot, docs/notation.md).
   */
  readonly superscript: SuperscriptBracket | null;
}
/** The brackets of a superscript index: `x^{(i)}` (a training example), `a^{[l]}` (a layer). */
export type SuperscriptBracket = '(' | '[';
export interface Add extends Node { readonly kind: 'add'; readonly terms: readonly Expr[] }
export interface Neg extends Node { readonly kind: 'neg'; readonly arg: Expr }
export interface Mul extends Node { readonly kind: 'mul'; readonly factors: readonly Expr[] }
export interface Div extends Node { readonly kind: 'div'; readonly num: Expr; readonly den: Expr }
export interface Pow extends Node { readonly kind: 'pow'; readonly base: Expr; readonly exp: Expr }
/** A function application. `fn` is the canonical name (`sigmoid`, `log`, …); `spelling` is how the user wrote it (`\sigma`, `\ln`), if different from the house style. */
export interface Call extends Node {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly spelling: string | null;
}
/**
 * An indexed reduction `\sum_{index=lower}^{upper} body`, its operator one of
 * src/core/reductions.ts. It binds `index` in `body` (not in its bounds);
 * bounds absent mean the index's whole declared range `1..N`.
 */
export interface Reduce extends Node {
  readonly kind: 'reduce';
  readonly op: ReduceOp;
  readonly index: string;
  readonly lower: Index | null;
  readonly upper: Index | null;
  readonly body: Expr;
}
/** A reduction by one operator: `ReduceBy<'sum'>` is a Σ. */
export type ReduceBy<O extends ReduceOp> = Reduce & { readonly op: O };
/** The Kronecker delta `δ_{ab}`. */
export interface Delta extends Node { readonly kind: 'delta'; readonly a: Index; readonly b: Index }
/** An unevaluated derivative `∂body/∂wrt`. */
export interface Diff extends Node {
  readonly kind: 'diff';
  readonly body: Expr;
  readonly wrt: Var;
  readonly form: DiffForm;
  readonly notation: DiffNotation;
}
/** A chain of relations `a op1 b op2 c`; an equation is `rel` with one `=`. */
export interface Rel extends Node { readonly kind: 'rel'; readonly ops: readonly RelOp[]; readonly args: readonly Expr[] }
/** An equation `lhs = rhs` (see `isEquation`). */
export interface Equation extends Rel { readonly ops: readonly ['=']; readonly args: readonly [Expr, Expr] }
/** The Iverson bracket `[cond]`: 1 where `cond` holds, else 0. */
export interface Iverson extends Node { readonly kind: 'iverson'; readonly cond: Rel }
/** The number of values an index ranges over (`\#j`), as in `Σ_j c = \#j · c`. */
export interface Extent extends Node { readonly kind: 'extent'; readonly index: string }
/** The value of an index variable used as a number (`\sum_i i`, `[i \le n]`). */
export interface IndexValue extends Node { readonly kind: 'index'; readonly index: Index }

export type Expr = Num | Var | Add | Neg | Mul | Div | Pow | Call | Reduce | Delta | Diff | Rel | Iverson | Extent | IndexValue;
export type ExprKind = Expr['kind'];

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

// ---------------------------------------------------------------------------
// Indices

export function ivar(name: string, offset = 0): Index {
  return { kind: 'ivar', name, offset };
}
export function inum(value: number): Index {
  return { kind: 'inum', value };
}
/** The index `Σ coef·name + offset` in its one form (terms in any order; repeated names add up). */
export function linearIndex(terms: readonly IndexTerm[], offset = 0): Index {
  const coefs = new Map<string, number>();
  for (const t of terms) coefs.set(t.name, (coefs.get(t.name) ?? 0) + t.coef);
  const kept = [...coefs].filter(([, c]) => c !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (kept.length === 0) return inum(offset);
  if (kept.length === 1 && kept[0]![1] === 1) return ivar(kept[0]![0], offset);
  return { kind: 'ilin', terms: kept.map(([name, coef]) => ({ name, coef })), offset };
}
/** The variables of an index with their coefficients (none for an integer). */
export function indexTerms(i: Index): readonly IndexTerm[] {
  return i.kind === 'inum' ? [] : i.kind === 'ivar' ? [{ name: i.name, coef: 1 }] : i.terms;
}
/** The constant part of an index: `1` in `i-j+1`. */
export function indexConstant(i: Index): number {
  return i.kind === 'inum' ? i.value : i.offset;
}
/** The coefficient of `name` in `i` (0 when it does not occur). */
export function coefficient(i: Index, name: string): number {
  return indexTerms(i).find((t) => t.name === name)?.coef ?? 0;
}
/** `a + scale·b`. */
export function addIndices(a: Index, b: Index, scale = 1): Index {
  // The common cases without building a combination (the simplifier compares δ indices often).
  if (b.kind === 'inum') return shiftIndex(a, scale * b.value);
  if (a.kind === 'ivar' && b.kind === 'ivar' && a.name === b.name && scale === -1) return inum(a.offset - b.offset);
  return linearIndex([...indexTerms(a), ...indexTerms(b).map((t) => ({ name: t.name, coef: scale * t.coef }))], indexConstant(a) + scale * indexConstant(b));
}
/** The value of `i` where each variable has the value `at(name)`. */
export function indexAt(i: Index, at: (name: string) => number): number {
  return indexTerms(i).reduce((v, t) => v + t.coef * at(t.name), indexConstant(i));
}
export function indexKey(i: Index): string {
  switch (i.kind) {
    case 'inum': return `#${i.value}`;
    case 'ivar': return i.offset === 0 ? i.name : `${i.name}${i.offset > 0 ? '+' : ''}${i.offset}`;
    // In parentheses: no name starts with `(`, so no sum's key is a variable's.
    case 'ilin': return `(${i.terms.map((t) => `${t.coef}*${t.name}`).join(',')}${i.offset === 0 ? '' : `,${i.offset}`})`;
    default: return assertNever(i);
  }
}
export function indexEquals(a: Index, b: Index): boolean {
  return indexKey(a) === indexKey(b);
}
/** Shift an index by a constant: `j` + 1 = `j+1`, `2` + 1 = `3`, `i+k` - 1 = `i+k-1`. */
export function shiftIndex(i: Index, by: number): Index {
  switch (i.kind) {
    case 'inum': return inum(i.value + by);
    case 'ivar': return ivar(i.name, i.offset + by);
    case 'ilin': return { kind: 'ilin', terms: i.terms, offset: i.offset + by };
    default: return assertNever(i);
  }
}

// ---------------------------------------------------------------------------
// Hash-consing

/**
 * Every node, held weakly (`src/core/store.ts`): a node lives as long as
 * someone references it, so a long-running process stays bounded by what it
 * still uses. `store.stats()` reports its size.
 */
export const store = new Store<Expr>();

function intern<T extends Expr>(key: string, make: (id: number) => T): T {
  return store.intern(key, make);
}

const ids = (es: readonly Expr[]) => es.map((e) => e.id).join(',');
const bound = (i: Index | null) => (i === null ? '_' : indexKey(i));

// ---------------------------------------------------------------------------
// Constructors: structural only, they never simplify (the tree says what the user wrote).

export function num(value: number): Num {
  // Object.is keeps 0 and -0 apart, as JSON would not.
  return intern(`n|${Object.is(value, -0) ? '-0' : String(value)}`, (id) => ({ id, kind: 'num', value }));
}

/**
 * A variable: `of` is a plain name (an input) or the identity of another variable (to re-index it, keeping what it is).
 * `commaIndices` and `superscript` are presentation hints (re-indexing code passes the old node's on).
 */
export function variable(
  of: string | VarName, indices: readonly Index[] = [], commaIndices = false, superscript: SuperscriptBracket | null = null,
): Var {
  const { name, version, family, marks } = typeof of === 'string' ? { name: of, version: 0, family: null, marks: [] } : of;
  const label = typeof of === 'string' ? null : of.label ?? null;
  const fnOf = typeof of === 'string' ? null : of.of ?? null;
  // A superscript index is one letter with an offset (`x^{(i+k)}` is not read): a sum goes to the subscripts.
  const sup = indices.length > 0 && indices[0]!.kind !== 'ilin' ? superscript : null;
  const comma = commaIndices && indices.length - (sup === null ? 0 : 1) > 1;
  const labelKey = label === null ? '' : `${label.font}:${label.word}`;
  return intern(`v|${name}|${indices.map(indexKey).join(',')}|${comma ? 1 : 0}|${sup ?? ''}|${version}|${family ?? ''}|${marks.join(',')}|${labelKey}|${fnOf ?? ''}`, (id) => ({
    id, kind: 'var', name, version, family, marks: [...marks], label, of: fnOf, indices: [...indices], commaIndices: comma, superscript: sup,
  }));
}

export function add(terms: readonly Expr[]): Add {
  return intern(`+|${ids(terms)}`, (id) => ({ id, kind: 'add', terms: [...terms] }));
}

export function neg(arg: Expr): Neg {
  return intern(`-|${arg.id}`, (id) => ({ id, kind: 'neg', arg }));
}

export function mul(factors: readonly Expr[]): Mul {
  return intern(`*|${ids(factors)}`, (id) => ({ id, kind: 'mul', factors: [...factors] }));
}

export function div(numerator: Expr, den: Expr): Div {
  return intern(`/|${numerator.id},${den.id}`, (id) => ({ id, kind: 'div', num: numerator, den }));
}

export function pow(base: Expr, exp: Expr): Pow {
  return intern(`^|${base.id},${exp.id}`, (id) => ({ id, kind: 'pow', base, exp }));
}

export function call(fn: string, args: readonly Expr[], spelling: string | null = null): Call {
  return intern(`f|${fn}|${spelling ?? ''}|${ids(args)}`, (id) => ({ id, kind: 'call', fn, args: [...args], spelling }));
}

/**
 * The `fn` of a call of a user-defined function (issue 9): `f(2y)` after `f(x) = x^2` is
 * `call(APPLY, [f, 2y])`, the head a variable first (its primes count derivatives: `f'(x)`).
 * Not a function of the table: src/definitions.ts replaces each such call by the body.
 */
export const APPLY = 'apply';

/** `f(a, b)`: the call of the user-defined function named by `head` (see `APPLY`). */
export function applyUser(head: Var, args: readonly Expr[]): Call {
  return call(APPLY, [head, ...args]);
}

export function reduce(op: ReduceOp, index: string, body: Expr, lower: Index | null = null, upper: Index | null = null): Reduce {
  return intern(`S|${op}|${index}|${bound(lower)}|${bound(upper)}|${body.id}`, (id) => ({
    id, kind: 'reduce', op, index, lower, upper, body,
  }));
}

/** `\sum_{index=lower}^{upper} body`. */
export function sum(index: string, body: Expr, lower: Index | null = null, upper: Index | null = null): ReduceBy<'sum'> {
  return reduce('sum', index, body, lower, upper) as ReduceBy<'sum'>;
}

/** Whether `e` is a reduction by `op`: the test of a rule that holds for that operator only. */
export function isReduction<O extends ReduceOp>(e: Expr, op: O): e is ReduceBy<O> {
  return e.kind === 'reduce' && e.op === op;
}

export function delta(a: Index, b: Index): Delta {
  return intern(`d|${indexKey(a)},${indexKey(b)}`, (id) => ({ id, kind: 'delta', a, b }));
}

export function diff(body: Expr, wrt: Var, form: DiffForm = 'operator', notation: DiffNotation = 'partial'): Diff {
  return intern(`D|${body.id}|${wrt.id}|${form}|${notation}`, (id) => ({ id, kind: 'diff', body, wrt, form, notation }));
}

export function rel(ops: readonly RelOp[], args: readonly Expr[]): Rel {
  if (args.length !== ops.length + 1 || ops.length === 0) throw new Error('rel: need one more argument than operators');
  return intern(`R|${ops.join(' ')}|${ids(args)}`, (id) => ({ id, kind: 'rel', ops: [...ops], args: [...args] }));
}

export function equation(lhs: Expr, rhs: Expr): Equation {
  return rel(['='], [lhs, rhs]) as Equation;
}

/** Whether `e` is an equation `lhs = rhs` (a relation with exactly one `=`, not a chain `a = b = c`). */
export function isEquation(e: Expr): e is Equation {
  return e.kind === 'rel' && e.ops.length === 1 && e.ops[0] === '=';
}

export function iverson(cond: Rel): Iverson {
  return intern(`I|${cond.id}`, (id) => ({ id, kind: 'iverson', cond }));
}

export function extent(index: string): Extent {
  return intern(`N|${index}`, (id) => ({ id, kind: 'extent', index }));
}

export function indexValue(index: Index): IndexValue {
  return intern(`i|${indexKey(index)}`, (id) => ({ id, kind: 'index', index }));
}

// ---------------------------------------------------------------------------
// Generic traversal

/** The direct subexpressions of `e`, in printing order. */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'num': case 'var': case 'delta': case 'extent': case 'index': return [];
    case 'add': return e.terms;
    case 'mul': return e.factors;
    case 'neg': return [e.arg];
    case 'div': return [e.num, e.den];
    case 'pow': return [e.base, e.exp];
    case 'call': return e.args;
    case 'reduce': return [e.body];
    case 'diff': return [e.body, e.wrt];
    case 'rel': return e.args;
    case 'iverson': return [e.cond];
    default: return assertNever(e);
  }
}

/**
 * Rebuild `e` with its direct subexpressions mapped by `f`, called in the order of `children(e)`
 * (returns `e` itself when nothing changed).
 */
export function mapChildren(e: Expr, f: (c: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'num': case 'var': case 'delta': case 'extent': case 'index': return e;
    case 'add': return add(e.terms.map(f));
    case 'mul': return mul(e.factors.map(f));
    case 'neg': return neg(f(e.arg));
    case 'div': return div(f(e.num), f(e.den));
    case 'pow': return pow(f(e.base), f(e.exp));
    case 'call': return call(e.fn, e.args.map(f), e.spelling);
    case 'reduce': return reduce(e.op, e.index, f(e.body), e.lower, e.upper);
    case 'diff': {
      const body = f(e.body); // first: f sees the children in the order of children(e)
      const wrt = f(e.wrt);
      if (wrt.kind !== 'var') throw new Error('mapChildren: a derivative must stay with respect to a variable');
      return diff(body, wrt, e.form, e.notation);
    }
    case 'rel': return rel(e.ops, e.args.map(f));
    case 'iverson': {
      const cond = f(e.cond);
      if (cond.kind !== 'rel') throw new Error('mapChildren: an Iverson bracket must hold a relation');
      return iverson(cond);
    }
    default: return assertNever(e);
  }
}

/** `e` with every presentation hint reset to the house style. */
export function withoutStyle(e: Expr): Expr {
  switch (e.kind) {
    // A word subscript's font is a hint (`\mathrm` is the house style); the word is the name.
    case 'var': return variable(e.label === null ? e : { ...e, label: { word: e.label.word, font: 'mathrm' } }, e.indices, false);
    case 'call': return call(e.fn, e.args.map(withoutStyle), null);
    case 'diff': return diff(withoutStyle(e.body), variable(e.wrt, e.wrt.indices), 'operator', 'partial');
    default: return mapChildren(e, withoutStyle);
  }
}

/** Structural equality ignoring presentation hints. */
export function sameShape(a: Expr, b: Expr): boolean {
  return a === b || withoutStyle(a) === withoutStyle(b);
}

/** Number of distinct nodes (shared subtrees counted once): the size that memory and work scale with. */
export function dagSize(e: Expr): number {
  const seen = new Set<number>();
  const visit = (x: Expr): void => {
    if (seen.has(x.id)) return;
    seen.add(x.id);
    children(x).forEach(visit);
  };
  visit(e);
  return seen.size;
}

/** Number of nodes counting every occurrence: the size of the printed tree. */
export function treeSize(e: Expr): number {
  return 1 + children(e).reduce((n, c) => n + treeSize(c), 0);
}
