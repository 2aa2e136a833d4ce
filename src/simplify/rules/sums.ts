// Sums over an index and Kronecker deltas: the δ-collapse and its helpers.
//
// Σ_i δ_{i a} f(i) = f(a) when a lies in i's range; more generally the δ fixes i
// when i has coefficient ±1 in it (`Σ_i δ_{i+k,m} f_i = [1 ≤ m-k ≤ \#i] f_{m-k}`).
// For a sum over the declared range and an a of the same range that always
// holds, and so it does for `\sum_{n=1}^{N}` where bounds declare n's slot to run
// over 1..N ("Ranges" in docs/notation.md); otherwise (a bounded sum, a shifted, summed or literal index) the
// condition stays in the result as an Iverson bracket, `[1 ≤ p ≤ i] f_p`, unless
// it can be decided.
//
// A δ reaches the collapse from anywhere in a product body (`-2 t_i δ_{ij}`),
// from a numerator, or from inside a sum factor, which is then distributed
// (only then: a product of sums is otherwise left as the user wrote it).

import {
  add, addIndices, coefficient, type Delta, div, type Expr, type Index, indexConstant, inum, isReduction, iverson, ivar, mul,
  neg, num, type ReduceBy, rel, shiftIndex, sum,
} from '../../core/ast.js';
import { readsSlotAt } from '../../core/extents.js';
import { freeIndices, substituteIndex } from '../../core/indices.js';
import type { Rule } from '../engine.js';
import { decide, indexExpr, type RangeFacts, sizeOf, upperOf } from '../ranges.js';
import { factorsOf, ONE, product, splitCoeff, withCoeff, ZERO } from '../terms.js';

type Of<K extends Expr['kind']> = Expr & { kind: K };
type Sum = ReduceBy<'sum'>;

/** The rules here hold for Σ only: each looks at reductions and tests the operator, so another reduction gets none of them. */
const asSum = (e: Expr): Sum | null => (isReduction(e, 'sum') ? e : null);

/** A subterm found in product position, with a way to put something else in its place. */
interface Hole<T extends Expr> { readonly node: T; readonly rebuild: (by: Expr) => Expr }

/** The first node satisfying `pick` among the factors of `e`, looking through products, negations and numerators. */
function findFactor<T extends Expr>(e: Expr, pick: (x: Expr) => x is T, rebuild: (by: Expr) => Expr = (x) => x): Hole<T> | null {
  if (pick(e)) return { node: e, rebuild };
  switch (e.kind) {
    case 'mul':
      for (let k = 0; k < e.factors.length; k++) {
        // Putting 1 in place of a factor removes it (the collapse needs no `1 ·` step).
        const put = (by: Expr) => rebuild(by === ONE ? product(e.factors.filter((_, m) => m !== k)) : mul(e.factors.map((f, m) => (m === k ? by : f))));
        const found = findFactor(e.factors[k]!, pick, put);
        if (found !== null) return found;
      }
      return null;
    case 'neg': return findFactor(e.arg, pick, (by) => rebuild(neg(by)));
    case 'div': return findFactor(e.num, pick, (by) => rebuild(div(by, e.den)));
    default: return null;
  }
}

/**
 * The value that δ forces on `i` (`δ_{i+1,p}` gives p-1, `δ_{i+k,m}` gives m-k), or null when δ
 * does not pin `i` down: `i` cancels (`δ_{i,i+1}`), or its coefficient is not ±1 (`δ_{2i,m}`
 * holds for no i when m is odd).
 */
function solve(d: Delta, i: string): Index | null {
  if (d.a.kind !== 'ilin' && d.b.kind !== 'ilin') { // the common case, without building a combination
    for (const [s, x] of [[d.a, d.b], [d.b, d.a]] as const) {
      if (s.kind === 'ivar' && s.name === i && !(x.kind === 'ivar' && x.name === i)) return shiftIndex(x, -s.offset);
    }
    return null;
  }
  // a - b = c·i + rest = 0, so i = -c·rest for c = ±1.
  const diff = addIndices(d.a, d.b, -1);
  const c = coefficient(diff, i);
  if (Math.abs(c) !== 1) return null;
  return addIndices(inum(0), addIndices(diff, ivar(i), -c), -c);
}

const collapsibleIn = (i: string) => (x: Expr): x is Delta => x.kind === 'delta' && solve(x, i) !== null;

/** The range of a sum's index as (lower, upper) expressions. */
function range(s: Sum): [Expr, Expr] {
  return [s.lower === null ? ONE : indexExpr(s.lower), s.upper === null ? upperOf(s.index) : indexExpr(s.upper)];
}

/** `[lo ≤ v ≤ hi]` as a factor: ONE when it certainly holds, ZERO when it certainly fails. */
function inRange(v: Expr, lo: Expr, hi: Expr, facts: RangeFacts): Expr {
  const a = decide('<=', lo, v, facts);
  const b = decide('<=', v, hi, facts);
  if (a === false || b === false) return ZERO;
  if (a === true && b === true) return ONE;
  return iverson(rel(['<=', '<='], [lo, v, hi]));
}

const zeroSum: Rule = {
  id: 'sum.zero', kinds: ['reduce'],
  apply(e) {
    return asSum(e)?.body === ZERO ? ZERO : null;
  },
};

const deltaCollapse: Rule = {
  id: 'sum.delta-collapse', kinds: ['reduce'],
  apply(e, ctx) {
    const s = asSum(e);
    if (s === null) return null;
    const hole = findFactor(s.body, collapsibleIn(s.index));
    if (hole === null) return null;
    const at = solve(hole.node, s.index)!;
    const [lo, hi] = range(s);
    // Over i's whole range, with neither range declared, `at` certainly lies in it when the two
    // letters address one array slot somewhere (ctx.sameRange), or when the value reads an array
    // slot at `at` where the body read it at i (it exists only where `at` is in that range).
    // Declared ranges decide the condition themselves.
    const implied = s.lower === null && s.upper === null && at.kind === 'ivar' && at.offset === 0
      && sizeOf(at.name, ctx.sizes) === undefined && sizeOf(s.index, ctx.sizes) === undefined && ctx.floor(at.name) >= 1
      && (ctx.sameRange(at.name, s.index) || readsSlotAt(hole.rebuild(ONE), s.index));
    const cond = implied ? ONE : inRange(indexExpr(at), lo, hi, ctx);
    if (cond === ZERO) return ZERO;
    const value = substituteIndex(hole.rebuild(ONE), s.index, at);
    return cond === ONE ? value : mul([cond, value]);
  },
};

const hasDeltaOn = (i: string) => (t: Expr) => findFactor(t, collapsibleIn(i)) !== null;

/** Σ_i a (δ_{ij} b + c) → Σ_i (a δ_{ij} b + a c): only to let the δ collapse. */
const distributeDelta: Rule = {
  id: 'sum.distribute-delta', kinds: ['reduce'],
  apply(e) {
    const s = asSum(e);
    if (s === null) return null;
    const withDelta = hasDeltaOn(s.index);
    const isSumWithDelta = (x: Expr): x is Of<'add'> => x.kind === 'add' && x.terms.some(withDelta);
    const hole = s.body.kind === 'add' ? null : findFactor(s.body, isSumWithDelta);
    if (hole === null) return null;
    return sum(s.index, add(hole.node.terms.map(hole.rebuild)), s.lower, s.upper);
  },
};

/** Σ (f + g) = Σ f + Σ g, when some term then collapses or does not depend on the index. */
const splitSum: Rule = {
  id: 'sum.split', kinds: ['reduce'],
  apply(e) {
    const s = asSum(e);
    if (s === null || s.body.kind !== 'add') return null;
    const withDelta = hasDeltaOn(s.index);
    if (!s.body.terms.some((t) => withDelta(t) || !freeIndices(t).has(s.index))) return null;
    return add(s.body.terms.map((t) => sum(s.index, t, s.lower, s.upper)));
  },
};

/** The number of values lo..hi, as simple as it can be written. */
function count(s: Sum): Expr {
  if (s.lower === null && s.upper === null) return upperOf(s.index);
  const lo = s.lower ?? inum(1);
  if (s.upper === null) return add([upperOf(s.index), neg(indexExpr(lo)), ONE]);
  const hi = s.upper;
  const width = addIndices(hi, lo, -1);
  if (width.kind === 'inum') return num(Math.max(0, width.value + 1)); // `1..3`, `j..j+2`
  if (lo.kind === 'inum') return indexExpr(shiftIndex(hi, 1 - lo.value));
  return indexExpr(shiftIndex(width, 1)); // `n - i - 1` for i+2..n
}

/**
 * Σ_{i=lo}^{hi} c = (hi - lo + 1) c when that count cannot be negative; where it could be (symbolic
 * bounds, `\sum_{k=i}^{j}` with j < i - 1 is 0, not j - i + 1), the count keeps its condition:
 * `[i \le j] (j - i + 1) c`, which is right for every i and j (0 at j = i - 1 either way).
 */
const constSum: Rule = {
  id: 'sum.const', kinds: ['reduce'],
  apply(e, ctx) {
    const s = asSum(e);
    if (s === null || freeIndices(s.body).has(s.index)) return null;
    const n = count(s);
    if ((s.lower === null && s.upper === null) || n.kind === 'num') return mul([n, s.body]);
    const lo = s.lower === null ? ONE : indexExpr(s.lower);
    const hi = s.upper === null ? upperOf(s.index) : indexExpr(s.upper);
    const nonEmpty = decide('<=', lo, add([hi, ONE]), ctx);
    if (nonEmpty === true) return mul([n, s.body]);
    if (nonEmpty === false) return ZERO;
    // The constant moved to the left: `[2 \le n]` rather than `[1 \le n-1]`.
    const c = s.upper === null ? 0 : indexConstant(s.upper);
    const left = s.lower === null ? num(1 - c) : indexExpr(shiftIndex(s.lower, -c));
    const right = s.upper === null ? hi : indexExpr(shiftIndex(s.upper, -c));
    return mul([iverson(rel(['<='], [left, right])), n, s.body]);
  },
};

/** Σ_j c f_j = c Σ_j f_j: factors (and a numeric coefficient) that do not mention j move out. */
const factorSum: Rule = {
  id: 'sum.factor', kinds: ['reduce'],
  apply(e) {
    const s = asSum(e);
    if (s === null) return null;
    const i = s.index;
    const mentions = (f: Expr) => freeIndices(f).has(i);
    const inner = (body: Expr) => sum(i, body, s.lower, s.upper);
    const b = s.body;
    if (b.kind === 'div') {
      const n = splitCoeff(b.num);
      const nf = factorsOf(n.rest);
      const df = factorsOf(b.den);
      const out = [...nf.filter((f) => !mentions(f))];
      const dout = df.filter((f) => !mentions(f));
      if (n.c === 1 && out.length === 0 && dout.length === 0) return null;
      const kept = inner(div(product(nf.filter(mentions)), product(df.filter(mentions))));
      return withCoeff(n.c, div(product([...out, kept]), product(dout)));
    }
    const { c, rest } = splitCoeff(b);
    const fs = factorsOf(rest);
    if (c === 1 && fs.every(mentions)) return null;
    // Keep the order of first appearance: factors written before the first one that
    // mentions i go in front of the sum (`c Σ_j x_j`), later ones after it, as in
    // back-propagation's `(Σ_k δ_k w_{jk}) σ'(h_j) x_i`.
    const first = fs.findIndex(mentions);
    const before = first < 0 ? fs : fs.slice(0, first);
    const after = first < 0 ? [] : fs.slice(first).filter((f) => !mentions(f));
    return withCoeff(c, product([...before, inner(product(fs.filter(mentions))), ...after]));
  },
};

const deltaEval: Rule = {
  id: 'delta.eval', kinds: ['delta'],
  apply(e) {
    const { a, b } = e as Delta;
    // Equal, or a constant apart (`2` vs `3`, `j` vs `j+1`, `i+k` vs `i+k-1`).
    if (a.kind === 'ivar' && b.kind === 'ivar' && a.name !== b.name) return null;
    const d = addIndices(a, b, -1);
    return d.kind !== 'inum' ? null : d.value === 0 ? ONE : ZERO;
  },
};

/** An Iverson bracket whose condition can be decided from the index ranges is 0 or 1; otherwise it stays whole. */
const decideIverson: Rule = {
  id: 'iverson.decide', kinds: ['iverson'],
  apply(e, ctx) {
    const { cond } = e as Of<'iverson'>;
    let all = true;
    for (let k = 0; k < cond.ops.length; k++) {
      const v = decide(cond.ops[k]!, cond.args[k]!, cond.args[k + 1]!, ctx);
      if (v === false) return ZERO;
      if (v === null) all = false;
    }
    return all ? ONE : null;
  },
};

export const SUM_RULES: readonly Rule[] = [
  zeroSum, deltaCollapse, distributeDelta, splitSum, constSum, factorSum, deltaEval, decideIverson,
];
