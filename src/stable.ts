// Numerically stable forms of what Kronecker prints (issue 14): the evaluator and the compiler
// compute these instead of the formula as written, which overflows or cancels.
//
//   \log(1 + e^u)              softplus(u) = max(u, 0) + log1p(e^{-|u|})
//   e^u / (1 + e^u)            σ(u), by the sign of u
//   σ(u)(1 - σ(u))             e^{-|u|} / (1 + e^{-|u|})^2 (1 - σ(u) cancels for u ≫ 0)
//   1 - \tanh^2 u              1 / \cosh^2 u
//   e^{a} / \sum_i e^{b_i}     e^{a - M} / \sum_i e^{b_i - M}, M = \max_i b_i
//   \log \sum_i e^{b_i}        M + log1p(R), R = \sum_i e^{b_i - M} - 1 summed without the 1
//   \log(e^{x} / d)             x - \log d (cross-entropy of a softmax: no log of an underflowed 0)
//
// Each is the same function (the shifted forms exactly so for every a), so a value computed from
// the stable form is the formula's value, rounded better; `test/stable.test.ts` compares both
// with a 50-digit reference at ±1e3 and ±1e6. The rewrite is one pass over the expression,
// memoised by node, and nothing else changes: printing and differentiating see the formula as
// written.

import { add, call, div, type Expr, iverson, mapChildren, mul, neg, num, pow, reduce, type Reduce, rel } from './core/ast.js';

const ONE = num(1);

const isCall = (e: Expr, fn: string): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === fn && e.args.length === 1;

/** `u` of `1 + e^u` (either order), or null. */
function onePlusExp(e: Expr): Expr | null {
  if (e.kind !== 'add' || e.terms.length !== 2) return null;
  const [a, b] = e.terms as [Expr, Expr];
  const other = a === ONE ? b : b === ONE ? a : null;
  return other !== null && isCall(other, 'exp') ? other.args[0]! : null;
}

/** `u` of `1 - σ(u)` (either order), or null. */
function oneMinusSigmoid(e: Expr): Expr | null {
  if (e.kind !== 'add' || e.terms.length !== 2) return null;
  const [a, b] = e.terms as [Expr, Expr];
  const other = a === ONE ? b : b === ONE ? a : null;
  return other !== null && other.kind === 'neg' && isCall(other.arg, 'sigmoid') ? other.arg.args[0]! : null;
}

/** `u` of `-\tanh(u)^2`, or null. */
function minusTanhSquared(e: Expr): Expr | null {
  if (e.kind !== 'neg' || e.arg.kind !== 'pow' || e.arg.exp !== num(2) || !isCall(e.arg.base, 'tanh')) return null;
  return e.arg.base.args[0]!;
}

/** `\sum_i e^{b_i}` as its sum and exponent, or null. */
function sumOfExp(e: Expr): { s: Reduce; b: Expr } | null {
  if (e.kind !== 'reduce' || e.op !== 'sum' || !isCall(e.body, 'exp')) return null;
  return { s: e, b: e.body.args[0]! };
}

/** The max-shift of a sum of exponentials: M = \max_i b_i and \sum_i e^{b_i - M}. */
function shifted(s: Reduce, b: Expr): { m: Expr; sum: Expr; log: Expr } {
  const m = reduce('max', s.index, b, s.lower, s.upper);
  const over = (body: Expr) => reduce('sum', s.index, body, s.lower, s.upper);
  const below = add([b, neg(m)]);
  // \log \sum_i e^{b_i - M} = \log(1 + R): R, the terms other than one largest, is summed on its
  // own (the entries equal to M, less one, then those below M) and taken through softplus(\log R),
  // which is log1p(R): the log-softmax of an entry near the largest keeps its digits.
  const ties = over(iverson(rel(['='], [b, m])));
  const rest = over(mul([iverson(rel(['<'], [b, m])), call('exp', [below])]));
  const log = call('softplus', [call('log', [add([ties, num(-1), rest])])]);
  return { m, sum: over(call('exp', [below])), log };
}

/** e^{-|u|} / (1 + e^{-|u|})^2, which is σ(u)(1 - σ(u)). */
function sigmoidSlope(u: Expr): Expr {
  const e = call('exp', [neg(call('abs', [u]))]);
  const d = add([ONE, e]);
  return div(e, mul([d, d])); // d·d, as the compiled code computes a square: interpreter and kernel agree to the bit

}

function rewrite(e: Expr): Expr {
  switch (e.kind) {
    case 'call': {
      if (e.fn !== 'log' || e.args.length !== 1) return e;
      const arg = e.args[0]!;
      const u = onePlusExp(arg);
      if (u !== null) return call('softplus', [u]);
      // \log \frac{e^{x}}{d} = x - \log d: the log-softmax of cross-entropy, after the shift below.
      if (arg.kind === 'div' && isCall(arg.num, 'exp')) return add([arg.num.args[0]!, neg(rewrite(call('log', [arg.den])))]);
      const se = sumOfExp(arg);
      if (se === null) return e;
      const { m, log } = shifted(se.s, se.b);
      return add([m, log]);
    }
    case 'div': {
      if (!isCall(e.num, 'exp')) return e;
      const u = onePlusExp(e.den);
      if (u !== null && u === e.num.args[0]) return call('sigmoid', [u]);
      const se = sumOfExp(e.den);
      if (se === null) return e;
      const { m, sum } = shifted(se.s, se.b);
      return div(call('exp', [add([e.num.args[0]!, neg(m)])]), sum);
    }
    case 'mul': {
      // σ(u) and 1 - σ(u) side by side, anywhere in the product.
      const k = e.factors.findIndex((f) => {
        const u = oneMinusSigmoid(f);
        return u !== null && e.factors.some((g) => isCall(g, 'sigmoid') && g.args[0] === u);
      });
      if (k < 0) return e;
      const u = oneMinusSigmoid(e.factors[k]!)!;
      const s = e.factors.findIndex((g) => isCall(g, 'sigmoid') && g.args[0] === u);
      // In the place of σ(u), the other factors in their order.
      const factors = e.factors.flatMap((f, n) => (n === s ? [sigmoidSlope(u)] : n === k ? [] : [f]));
      return factors.length === 1 ? factors[0]! : mul(factors);
    }
    case 'add': {
      const one = e.terms.indexOf(ONE);
      const t = e.terms.findIndex((x) => minusTanhSquared(x) !== null);
      if (one < 0 || t < 0) return e;
      const sech2 = pow(call('cosh', [minusTanhSquared(e.terms[t]!)!]), num(-2));
      const rest = e.terms.filter((_, n) => n !== one && n !== t);
      return rest.length === 0 ? sech2 : add([...rest, sech2]);
    }
    default: return e;
  }
}

const memo = new WeakMap<Expr, Expr>();

/** `e` with every recognised form replaced by its stable equivalent, innermost first. */
export function stableForm(e: Expr): Expr {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  const out = rewrite(e.kind === 'diff' ? e : mapChildren(e, stableForm));
  memo.set(e, out);
  return out;
}
