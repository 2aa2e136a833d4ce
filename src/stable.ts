// Numerically stable forms, for evaluation only. What Kronecker prints is what a person writes:
// σ(u)(1 - σ(u)), 1 - tanh(u)², e^{z_k}/Σ_i e^{z_i}. Evaluated as written, these lose every digit
// or overflow: 1 - σ(40) is 0 in double precision (true 4.2e-18), e^{710} is ∞ and ∞/∞ is NaN.
// Before the interpreter, the compiler or the Python export computes a formula, `stableForm`
// rewrites these patterns into equal forms that do not:
//
//   1 - σ(u)               σ(-u)                              no cancellation
//   1 - tanh(u)²           cosh(u)^{-2}                       no cancellation
//   log(1 + e^u)           softplus(u)                        max(u, 0) + log1p(e^{-|u|})
//   e^u / (1 + e^u)        σ(u)
//   1 / (1 + e^{-u})       σ(u)
//   e^a / Σ_i e^{b_i}      e^{a - m} / Σ_i e^{b_i - m}         m = max_i b_i: no overflow
//   log Σ_i e^{b_i}        m + log1p(Σ_i e^{b_i - m} - 1), the 1 never added
//   log(e^a / Σ_i e^{b_i}) a - log Σ_i e^{b_i}                 then as above
//   b^e log b · …          0 at b = 0 for e > 0                 its limit, not 0·(-∞)
//
// Each is an identity of real numbers (test/stable.test.ts checks them against an
// arbitrary-precision reference), applied bottom-up once; anything else is left as it is.

import { add, call, div, type Expr, isReduction, iverson, ivar, mapChildren, mul, neg, num, pow, reduce, type Reduce, rel } from './core/ast.js';
import { freshIndex } from './core/fresh.js';
import { allIndexNames, substituteIndex } from './core/indices.js';

/** `e` with the patterns above in their stable forms. */
export function stableForm(e: Expr): Expr {
  const memo = new Map<Expr, Expr>();
  const visit = (x: Expr): Expr => {
    let out = memo.get(x);
    if (out === undefined) {
      out = rewrite(mapChildren(x, visit));
      memo.set(x, out);
    }
    return out;
  };
  return visit(e);
}

const isCall = (e: Expr, fn: string): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === fn && e.args.length === 1;
const isOne = (e: Expr) => e.kind === 'num' && e.value === 1;
const sumOfExp = (e: Expr): e is Reduce => isReduction(e, 'sum') && isCall(e.body, 'exp');

function rewrite(e: Expr): Expr {
  switch (e.kind) {
    case 'add': return rewriteSum(e.terms);
    case 'mul': return powerTimesLog(e.factors) ?? e;
    case 'div': {
      // e^u / (1 + e^u) and 1 / (1 + e^{-u}) are σ(u).
      const onePlus = onePlusExp(e.den);
      if (onePlus !== null && isCall(e.num, 'exp') && e.num.args[0] === onePlus) return call('sigmoid', [onePlus]);
      if (onePlus !== null && isOne(e.num) && onePlus.kind === 'neg') return call('sigmoid', [onePlus.arg]);
      if (sumOfExp(e.den)) return shiftedRatio(e.num, e.den);
      return e;
    }
    case 'call': {
      if (!isCall(e, 'log')) return e;
      const arg = e.args[0]!;
      const onePlus = onePlusExp(arg);
      if (onePlus !== null) return call('softplus', [onePlus]);
      if (sumOfExp(arg)) return logSumExp(arg);
      // log of a softmax (already shifted by the rule above): a - m - log Σ_i e^{b_i - m}.
      if (arg.kind === 'div' && isCall(arg.num, 'exp') && sumOfExp(arg.den)) return add([arg.num.args[0]!, neg(logSumExp(arg.den))]);
      return e;
    }
    default: return e;
  }
}

/**
 * A product with b^e and log b among its factors (d/dx b^x = b^x log b) is 0 at b = 0 for e > 0,
 * its limit there (0^x is constant for x > 0), where 0·log 0 would be NaN; for e ≤ 0 it stays
 * undefined: [b ≠ 0] P + [b = 0][e ≤ 0] P, the brackets strong zeros.
 */
function powerTimesLog(factors: readonly Expr[]): Expr | null {
  const log = factors.find((f) => isCall(f, 'log') && factors.some((g) => g.kind === 'pow' && g.base === f.args[0]));
  if (log === undefined) return null;
  const b = (log as Expr & { kind: 'call' }).args[0]!;
  const e = (factors.find((g) => g.kind === 'pow' && g.base === b) as Expr & { kind: 'pow' }).exp;
  const product = mul(factors);
  return add([
    mul([iverson(rel(['!='], [b, num(0)])), product]),
    mul([iverson(rel(['='], [b, num(0)])), iverson(rel(['<='], [e, num(0)])), product]),
  ]);
}

/** u when `e` is 1 + e^u (in either order), else null. */
function onePlusExp(e: Expr): Expr | null {
  if (e.kind !== 'add' || e.terms.length !== 2) return null;
  const [a, b] = e.terms as [Expr, Expr];
  const exp = isOne(a) ? b : isOne(b) ? a : null;
  return exp !== null && isCall(exp, 'exp') ? exp.args[0]! : null;
}

/** A sum with 1 and -σ(u) among its terms has σ(-u) instead; with 1 and -tanh(u)², cosh(u)^{-2}. */
function rewriteSum(terms: readonly Expr[]): Expr {
  const one = terms.findIndex(isOne);
  if (one < 0) return add(terms);
  const other = terms.findIndex((t) => t.kind === 'neg' && (isCall(t.arg, 'sigmoid') || isTanhSquared(t.arg)));
  if (other < 0) return add(terms);
  const t = (terms[other] as Expr & { kind: 'neg' }).arg;
  const stable = t.kind === 'call' ? call('sigmoid', [neg(t.args[0]!)]) : pow(call('cosh', [((t as Expr & { kind: 'pow' }).base as Expr & { kind: 'call' }).args[0]!]), num(-2));
  const rest = terms.filter((_, k) => k !== one && k !== other);
  return rest.length === 0 ? stable : add([...rest, stable]);
}

const isTanhSquared = (e: Expr) => e.kind === 'pow' && isCall(e.base, 'tanh') && e.exp.kind === 'num' && e.exp.value === 2;

/** max_{i'} b_{i'} over the sum's range, `i'` a letter `avoid` does not hold. */
function maxOf(s: Reduce & { body: Expr & { kind: 'call' } }, avoid: Expr): { m: Expr; b: Expr } {
  const b = s.body.args[0]!;
  const taken = allIndexNames(avoid);
  const i = freshIndex(s.index, taken);
  return { m: reduce('max', i, substituteIndex(b, s.index, ivar(i)), s.lower, s.upper), b };
}

/** N / Σ_i e^{b_i} as (N e^{-m}) / Σ_i e^{b_i - m}, an e^a factor of N taking the shift as e^{a - m}. */
function shiftedRatio(numerator: Expr, den: Reduce): Expr {
  const { m, b } = maxOf(den as Reduce & { body: Expr & { kind: 'call' } }, div(numerator, den));
  const shiftedDen = reduce('sum', den.index, call('exp', [add([b, neg(m)])]), den.lower, den.upper);
  const shift = (f: Expr): Expr | null => (isCall(f, 'exp') ? call('exp', [add([f.args[0]!, neg(m)])]) : null);
  const direct = shift(numerator);
  if (direct !== null) return div(direct, shiftedDen);
  if (numerator.kind === 'mul') {
    const k = numerator.factors.findIndex((f) => isCall(f, 'exp'));
    if (k >= 0) return div(mul(numerator.factors.map((f, j) => (j === k ? shift(f)! : f))), shiftedDen);
  }
  return div(mul([numerator, call('exp', [neg(m)])]), shiftedDen);
}

/**
 * log Σ_i e^{b_i} as m + log(1 + R), R the shifted terms but one largest: (ties - 1) + Σ_{b_i < m}
 * e^{b_i - m}, summed without the 1 and taken through softplus(log R) = log1p(R), so that the
 * log-softmax of an entry near the largest keeps its digits.
 */
function logSumExp(s: Reduce): Expr {
  const { m, b } = maxOf(s as Reduce & { body: Expr & { kind: 'call' } }, s);
  const over = (body: Expr) => reduce('sum', s.index, body, s.lower, s.upper);
  const ties = over(iverson(rel(['='], [b, m])));
  const below = over(mul([iverson(rel(['<'], [b, m])), call('exp', [add([b, neg(m)])])]));
  return add([m, call('softplus', [call('log', [add([ties, num(-1), below])])])]);
}
