// fast-check generators of random well-formed expressions, for property tests
// across the project (printers, parser, differentiator, simplifier, compiler).
//
// By default every generated Expr is one the parser can produce, so
// `parse(print(e)) === e` is a fair property:
//  - `add` has ≥ 2 terms and `mul` ≥ 2 factors (a single term is no node);
//  - numbers are non-negative: the parser reads `-2` as neg(num(2));
//  - no `neg` directly inside `neg` (that needs `-(-x)`, which is fine, but
//    keeps the shape the parser would produce from what people write);
//  - an index value (`\sum_j j`) names a letter bound by an enclosing sum, and
//    scalar names are disjoint from index letters and size names (the parser
//    turns a bare `j` into an index value whenever `j` is used as an index);
//  - relations appear only at the top and inside Iverson brackets, and no
//    equation's left side is a function applied to a variable (`f(x) = …`
//    is refused as a function definition);
//  - calls are of known functions, with a spelling the parser records;
//  - `w_{i+1,k}` can only be written with commas, so such variables carry
//    `commaIndices: true` (the parser records what was written);
//  - a variable's first index may be a superscript index (`x^{(i)}_j`, `a^{[l]}`);
//  - an index may add or subtract two letters (`i+k`, `j-i+1`: index arithmetic),
//    except a superscript index.

import fc from 'fast-check';
import {
  add, call, children, delta, diff, type DiffForm, type DiffNotation, div, type Expr, extent, type Index, indexValue, inum,
  iverson, ivar, linearIndex, mul, neg, num, pow, rel, type RelOp, sum, type SuperscriptBracket, variable, type Var,
} from '../src/core/ast.js';
import { FUNCTIONS } from '../src/functions.js';
import { needsCommaIndices } from '../src/print/index.js';

export interface ArbExprOptions {
  /** Maximum nesting of compound nodes (default 3). */
  readonly maxDepth?: number;
  /** Scalar variable names (default `x`, `y`, `E`, `b`, `lambda`, `eta`, `lr`, `x'`). */
  readonly scalars?: readonly string[];
  /** Names of indexed variables (default `w`, `o`, `t`, `z`). */
  readonly arrays?: readonly string[];
  /** Index letters, free or bound (default `i`, `j`, `k`). */
  readonly indexLetters?: readonly string[];
  /** Names used as upper bounds of sums (default `n`, `m`). */
  readonly sizes?: readonly string[];
  /** Functions to call, by canonical name (default: the whole function table). */
  readonly functions?: readonly string[];
  /** Only what can be differentiated and evaluated: no `diff`, `rel`, `iverson` nodes nor Lagrange primes. */
  readonly differentiable?: boolean;
  /** No free indices: every index is a number or a letter bound by an enclosing sum. */
  readonly closed?: boolean;
  /** Presentation hints (function spellings, `w_{j,k}`, derivative forms); default true. Off: house style only. */
  readonly styled?: boolean;
  /** Bind primed letters too (`\sum_{j'}`), as α-renaming makes them. Default false. */
  readonly primedBinders?: boolean;
}

/** Spellings the LaTeX parser records for a function (null: the house style). */
export const SPELLINGS: Readonly<Record<string, readonly (string | null)[]>> = {
  sigmoid: [null, '\\text{sigmoid}', '\\operatorname{sigmoid}'],
  log: [null, '\\ln'],
  exp: [null, 'e^'],
  abs: [null, '|'],
  relu: [null, '\\operatorname{ReLU}'],
  // Functions as textbooks write them (issue 9).
  arcsin: [null, '\\sin^{-1}'],
  arccos: [null, '\\cos^{-1}'],
  arctan: [null, '\\tan^{-1}'],
  log2: [null, '\\log_{2}'],
  erf: [null, '\\mathrm{erf}'],
  leakyrelu: [null, '\\text{lrelu}'],
};

const REL_OPS: readonly RelOp[] = ['=', '!=', '<', '<=', '>', '>='];

export function arbExpr(options: ArbExprOptions = {}): fc.Arbitrary<Expr> {
  const maxDepth = options.maxDepth ?? 3;
  const scalars = options.scalars ?? ['x', 'y', 'E', 'b', 'lambda', 'eta', 'lr', "x'"];
  const arrays = options.arrays ?? ['w', 'o', 't', 'z'];
  const letters = options.indexLetters ?? ['i', 'j', 'k'];
  const sizes = options.sizes ?? ['n', 'm'];
  const fns = options.functions ?? FUNCTIONS.filter((f) => f.partials === undefined).map((f) => f.name); // one argument each
  const differentiable = options.differentiable ?? false;
  const closed = options.closed ?? false;
  const styled = options.styled ?? true;
  const clash = scalars.filter((n) => letters.includes(n) || sizes.includes(n));
  if (clash.length > 0) throw new Error(`arbExpr: scalar names ${clash.join(', ')} would parse as index values`);
  const binders = options.primedBinders ? [...letters, ...letters.map((l) => `${l}'`)] : letters;

  const choose = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
  const flag = (on: boolean): fc.Arbitrary<boolean> => (on ? fc.boolean() : fc.constant(false));

  const number = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(0.5, 0.25, 1.5, 100, 2048) },
  ).map(num);

  const letterIndex = (scope: readonly string[]): fc.Arbitrary<Index> | null => {
    const names = closed ? scope : [...new Set([...letters, ...scope])];
    if (names.length === 0) return null;
    const single = fc.tuple(choose(names), fc.constantFrom(0, 0, 0, 0, 1, -1)).map(([n, o]) => ivar(n, o));
    if (names.length < 2) return single;
    // Index arithmetic (issue 9): `i+k`, `j-i+1` — two letters, the first with coefficient 1, as the parser reads them.
    const twoLetters = fc.tuple(fc.shuffledSubarray([...names], { minLength: 2, maxLength: 2 }), fc.constantFrom(1, -1), fc.constantFrom(0, 0, 1, -1))
      .map(([[a, b], c, o]) => linearIndex([{ name: a!, coef: 1 }, { name: b!, coef: c }], o));
    return fc.oneof({ weight: 6, arbitrary: single }, { weight: 1, arbitrary: twoLetters });
  };
  const anyIndex = (scope: readonly string[]): fc.Arbitrary<Index> => {
    const l = letterIndex(scope);
    const digit = fc.integer({ min: 0, max: 9 }).map(inum);
    return l === null ? digit : fc.oneof({ weight: 4, arbitrary: l }, { weight: 1, arbitrary: digit });
  };

  const indexedVar = (scope: readonly string[]): fc.Arbitrary<Var> =>
    fc.tuple(
      choose(arrays), fc.array(anyIndex(scope), { minLength: 1, maxLength: 2 }), flag(styled),
      // A superscript index (`x^{(i)}_j`) is the first slot; the comma hint is about the subscripts after it.
      styled ? choose<SuperscriptBracket | null>([null, null, null, '(', '[']) : fc.constant(null),
    ).map(([name, is, comma, written]) => {
      // A superscript index is one letter with an offset (`x^{(i+k)}` is refused as doubtful).
      const sup = is[0]!.kind === 'ilin' ? null : written;
      return variable(name, is, comma || needsCommaIndices(sup === null ? is : is.slice(1)), sup);
    });
  const anyVar = (scope: readonly string[]): fc.Arbitrary<Var> =>
    fc.oneof(choose(scalars).map((n) => variable(n)), indexedVar(scope));

  const leaf = (scope: readonly string[]): fc.Arbitrary<Expr> => {
    const leaves: fc.WeightedArbitrary<Expr>[] = [
      { weight: 4, arbitrary: number },
      { weight: 3, arbitrary: choose(scalars).map((n) => variable(n)) },
      { weight: 3, arbitrary: indexedVar(scope) },
    ];
    const l = letterIndex(scope);
    if (l !== null) leaves.push({ weight: 1, arbitrary: fc.tuple(l, l).map(([a, b]) => delta(a, b)) });
    if (!closed || scope.length > 0) leaves.push({ weight: 1, arbitrary: choose(closed ? scope : letters).map(extent) });
    if (scope.length > 0) leaves.push({ weight: 3, arbitrary: choose(scope).map((j) => indexValue(ivar(j))) });
    return fc.oneof(...leaves);
  };

  const spelling = (fn: string): fc.Arbitrary<string | null> => (styled ? choose(SPELLINGS[fn] ?? [null]) : fc.constant(null));
  const bounds: fc.Arbitrary<[Index | null, Index | null]> = fc.oneof(
    { weight: 3, arbitrary: fc.constant<[null, null]>([null, null]) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constantFrom(0, 1).map(inum),
        closed
          ? fc.constant(inum(5)) // a size symbol would be a free index
          : fc.oneof(choose(sizes).map((s) => ivar(s)), choose(sizes).map((s) => ivar(s, -1)), fc.constant(inum(5))),
      ),
    },
  );

  const memo = new Map<string, fc.Arbitrary<Expr>>();
  const gen = (depth: number, scope: readonly string[]): fc.Arbitrary<Expr> => {
    const key = `${depth}|${scope.join(',')}`;
    const found = memo.get(key);
    if (found !== undefined) return found;
    if (depth === 0) {
      const a = leaf(scope);
      memo.set(key, a);
      return a;
    }
    const child = gen(depth - 1, scope);
    const children = fc.array(child, { minLength: 2, maxLength: 3 });
    const relation = (c: fc.Arbitrary<Expr>) =>
      fc.tuple(fc.array(choose(REL_OPS), { minLength: 1, maxLength: 2 }), c, c, c).map(([ops, a, b, c3]) =>
        rel(ops, [a, b, c3].slice(0, ops.length + 1)),
      );
    const compounds: fc.Arbitrary<Expr>[] = [
      children.map(add),
      children.map(mul),
      child.filter((x) => x.kind !== 'neg').map(neg),
      fc.tuple(child, child).map(([a, b]) => div(a, b)),
      fc.tuple(child, child).map(([a, b]) => pow(a, b)),
      choose(fns).chain((fn) => fc.tuple(child, spelling(fn)).map(([a, s]) => call(fn, [a], s))),
      fc.tuple(choose(binders), bounds).chain(([j, [lo, hi]]) =>
        gen(depth - 1, [...new Set([...scope, j])].sort()).map((body) => sum(j, body, lo, hi)),
      ),
    ];
    if (!differentiable) {
      const form = styled ? choose<DiffForm>(['operator', 'fraction']) : fc.constant<DiffForm>('operator');
      const notation = styled ? choose<DiffNotation>(['partial', 'd']) : fc.constant<DiffNotation>('partial');
      compounds.push(
        fc.tuple(child, anyVar(scope), form, notation).map(([b, w, f, n]) => diff(b, w, f, n)),
        relation(child).map(iverson),
        // Lagrange's prime on a group, `(a x)'`: the parser makes it, the differentiator leaves it alone.
        fc.tuple(child, styled ? choose(["'", '^\\prime']) : fc.constant("'")).map(([a, s]) => call('prime', [a], s)),
      );
    }
    const a = fc.oneof({ weight: compounds.length, arbitrary: leaf(scope) }, ...compounds.map((c) => ({ weight: 3, arbitrary: c })));
    memo.set(key, a);
    return a;
  };

  const body = gen(maxDepth, []);
  if (differentiable) return body;
  const top = gen(Math.max(0, maxDepth - 1), []);
  // `f(x) = …`, a function applied to a variable on the left of `=`, is refused as a function definition (src/parse/guards.ts).
  const definesFunction = (lhs: Expr) =>
    lhs.kind === 'call' && lhs.fn !== 'prime' && lhs.args.every((a) => a.kind === 'var' || a.kind === 'delta' || a.kind === 'index');
  const equation = fc.tuple(top, top).filter(([a]) => !definesFunction(a)).map(([a, b]) => rel(['='], [a, b]));
  return fc.oneof({ weight: 4, arbitrary: body }, { weight: 1, arbitrary: equation });
}

/**
 * Formulas outside every function's domain at almost every point: a δ or a
 * literal 0 in a denominator divides by zero, and a power whose base holds a literal 0 or a δ
 * is mostly 0^u, whose derivative 0^u log 0 has no value even where 0^u is constant.
 * Large constants (x^{2048}, cos(2048/x)) and towers of powers (x^{3^6},
 * c^{Σ_i …}) overflow or make f ill-conditioned beyond what any finite
 * difference resolves.
 */
export function degenerate(e: Expr): boolean {
  const has = (x: Expr, p: (y: Expr) => boolean): boolean => p(x) || children(x).some((c) => has(c, p));
  if (e.kind === 'num' && Math.abs(e.value) > 64) return true;
  if (e.kind === 'pow' && has(e.exp, (x) => x.kind === 'pow' || x.kind === 'reduce' || x.kind === 'extent')) return true;
  if (e.kind === 'div' && has(e.den, (x) => x.kind === 'delta' || (x.kind === 'num' && x.value === 0))) return true;
  if (e.kind === 'pow' && has(e.base, (x) => (x.kind === 'num' && x.value === 0) || x.kind === 'delta')) return true;
  return children(e).some(degenerate);
}
