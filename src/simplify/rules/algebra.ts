// Algebraic normalisation of sums, products, negations, quotients, powers and
// calls. The normal form is the one a person writes: a numeric coefficient
// leads a product (`-2 (t_k - o_k) o_j`), `-1` is a `neg`, terms and factors
// keep the order in which they first appeared, a product with fractions is
// one fraction, and nothing is expanded (`-2(t_k - o_k)` stays as it is).
//
// Each rule does one thing and returns null when it does not apply; together
// they reach a fixpoint because each one shrinks the tree or removes a
// disorder (a nested sum, a stray constant, a duplicate base) that no other
// rule reintroduces.

import { add, call, div, type Expr, mul, neg, num, pow } from '../../core/ast.js';
import { functionByName } from '../../functions.js';
import { alphaEqual, canonical, roughHash } from '../canonical.js';
import type { StepExprs } from '../../core/steps.js';
import type { Rule } from '../engine.js';
import { rangeRenaming } from './collect.js';
import { addRational, clean, HALF, factorsOf, gcd, isNum, ONE, powerExpr as rationalPower, powerOf, product, rationalOf, splitCoeff, withCoeff, ZERO } from '../terms.js';

type Of<K extends Expr['kind']> = Expr & { kind: K };

/**
 * Groups by canonical form (α-equivalent sums land in one group), in order of
 * first appearance. Canonical forms are computed only for items whose rough
 * hashes collide: usually none do, and then grouping costs a hash per item.
 */
function groupBy<T>(items: readonly T[], key: (t: T) => Expr): T[][] {
  const buckets = new Map<number, number>();
  let collide = false;
  for (const it of items) {
    const h = roughHash(key(it));
    const seen = buckets.get(h) ?? 0;
    if (seen > 0) collide = true;
    buckets.set(h, seen + 1);
  }
  if (!collide) return items.map((it) => [it]);
  const groups = new Map<number, T[]>();
  for (const it of items) {
    const k = key(it);
    const id = buckets.get(roughHash(k))! > 1 ? canonical(k).id : -1 - k.id;
    const g = groups.get(id);
    if (g === undefined) groups.set(id, [it]);
    else g.push(it);
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------
// Sums of terms

const flattenAdd: Rule = {
  id: 'alg.flatten-sum', kinds: ['add'],
  apply(e) {
    const { terms } = e as Of<'add'>;
    if (!terms.some((t) => t.kind === 'add' || (t.kind === 'neg' && t.arg.kind === 'add'))) return null;
    return add(terms.flatMap((t) => (t.kind === 'add' ? t.terms : t.kind === 'neg' && t.arg.kind === 'add' ? t.arg.terms.map(neg) : [t])));
  },
};

const addZero: Rule = {
  id: 'alg.add-zero', kinds: ['add'],
  apply(e) {
    const { terms } = e as Of<'add'>;
    const kept = terms.filter((t) => !isNum(t, 0));
    if (kept.length === terms.length) return null;
    return kept.length === 0 ? ZERO : kept.length === 1 ? kept[0]! : add(kept);
  },
};

/** A sum of one term (as collecting terms may leave) is that term. */
const singleTerm: Rule = {
  id: 'alg.single-term', kinds: ['add'],
  apply(e) {
    const { terms } = e as Of<'add'>;
    return terms.length === 0 ? ZERO : terms.length === 1 ? terms[0]! : null;
  },
};

const foldAdd: Rule = {
  id: 'alg.add-numbers', kinds: ['add'],
  apply(e) {
    const { terms } = e as Of<'add'>;
    const nums = terms.filter((t) => t.kind === 'num');
    if (nums.length < 2) return null;
    const total = num(clean(nums.reduce((s, t) => s + (t as Of<'num'>).value, 0)));
    const at = terms.indexOf(nums[0]!);
    return add(terms.flatMap((t, i): Expr[] => (i === at ? [total] : t.kind === 'num' ? [] : [t])));
  },
};

/**
 * `2x + 3x = 5x`, terms compared up to α-equivalence. A term merged from differently spelled members
 * (`Σ_j x_j + Σ_i x_i`) is written with the first letter of each range group (`2Σ_i x_i`), as
 * `collect.like-terms` writes its merges.
 */
const collectTerms: Rule = {
  id: 'alg.collect-terms', kinds: ['add'],
  apply(e, ctx) {
    const split = (e as Of<'add'>).terms.map(splitCoeff);
    const groups = groupBy(split, (s) => s.rest);
    if (groups.length === split.length) return null;
    let rename: ((x: Expr) => Expr) | null = null;
    const terms = groups.map((g) => {
      const rest = g.every((t) => t.rest === g[0]!.rest) ? g[0]!.rest : (rename ??= rangeRenaming(e, ctx))(g[0]!.rest);
      return withCoeff(clean(g.reduce((s, t) => s + t.c, 0)), rest);
    });
    return add(terms);
  },
};

/** `-t + y` reads better as `y - t`: a positive term leads a sum when there is one. */
const positiveFirst: Rule = {
  id: 'alg.reorder', kinds: ['add'],
  apply(e) {
    const { terms } = e as Of<'add'>;
    if (splitCoeff(terms[0]!).c >= 0) return null;
    const at = terms.findIndex((t) => splitCoeff(t).c > 0);
    if (at < 0) return null;
    return add([terms[at]!, ...terms.filter((_, i) => i !== at)]);
  },
};

// ---------------------------------------------------------------------------
// Negation

const doubleNeg: Rule = {
  id: 'alg.double-neg', kinds: ['neg'],
  apply(e) {
    const { arg } = e as Of<'neg'>;
    return arg.kind === 'neg' ? arg.arg : null;
  },
};

/** The sign goes into the coefficient: `-(2x) = -2x`, `-(-3) = 3`. */
const foldNeg: Rule = {
  id: 'alg.neg-coefficient', kinds: ['neg'],
  apply(e) {
    const { c, rest } = splitCoeff(e);
    return c === -1 ? null : withCoeff(c, rest);
  },
};

/**
 * `-(a - b) = b - a` (a product keeps its factor: `-2(t - o)` is not expanded). Each term's sign is
 * turned, not wrapped in another minus: `-(x - H μ)` is `-x + H μ`, never `-x - (-H μ)` (a proof row).
 */
const negSum: Rule = {
  id: 'alg.neg-sum', kinds: ['neg'],
  apply(e) {
    const { arg } = e as Of<'neg'>;
    return arg.kind === 'add' ? add(arg.terms.map((t) => { const { c, rest } = splitCoeff(t); return withCoeff(clean(-c), rest); })) : null;
  },
};

// ---------------------------------------------------------------------------
// Products

const flattenMul: Rule = {
  id: 'alg.flatten-product', kinds: ['mul'],
  apply(e) {
    const { factors } = e as Of<'mul'>;
    return factors.some((f) => f.kind === 'mul') ? mul(factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f]))) : null;
  },
};

const zeroMul: Rule = {
  id: 'alg.mul-zero', kinds: ['mul'],
  apply(e) {
    return (e as Of<'mul'>).factors.some((f) => isNum(f, 0)) ? ZERO : null;
  },
};

const mulOne: Rule = {
  id: 'alg.mul-one', kinds: ['mul'],
  apply(e) {
    const { factors } = e as Of<'mul'>;
    return factors.some((f) => isNum(f, 1)) ? product(factors.filter((f) => !isNum(f, 1))) : null;
  },
};

/** A product of one factor (only a library caller builds one) is that factor. */
const singleFactor: Rule = {
  id: 'alg.single-factor', kinds: ['mul'],
  apply(e) {
    const { factors } = e as Of<'mul'>;
    return factors.length <= 1 ? product(factors) : null;
  },
};

/** Numbers and signs gather into one leading coefficient. */
const foldMul: Rule = {
  id: 'alg.mul-numbers', kinds: ['mul'],
  apply(e) {
    const { factors } = e as Of<'mul'>;
    const loose = factors.filter((f, i) => f.kind === 'neg' || (f.kind === 'num' && (i > 0 || f.value === -1)));
    if (loose.length === 0) return null;
    const { c, rest } = splitCoeff(e);
    return withCoeff(c, rest);
  },
};

/** `a · b/c = ab/c`: a product holding fractions becomes one fraction (a numeric coefficient may stay in front). */
const combineFractions: Rule = {
  id: 'alg.combine-fractions', kinds: ['mul'],
  apply(e) {
    const { c, rest } = splitCoeff(e);
    const fs = factorsOf(rest);
    const fracs = fs.filter((f) => f.kind === 'div');
    if (fracs.length === 0) return null;
    const denCoeff = splitCoeff((fracs[0] as Of<'div'>).den).c;
    if (fs.length === 1 && (Math.abs(c) === 1 || denCoeff === 1)) return null;
    const nums = fs.flatMap((f) => (f.kind === 'div' ? factorsOf(f.num) : [f]));
    const dens = fracs.flatMap((f) => factorsOf((f as Of<'div'>).den));
    return div(withCoeff(c, product(nums)), product(dens));
  },
};

/** `x · x = x²`, `x^a x^b = x^{a+b}` (bases compared up to α-equivalence). */
const collectPowers: Rule = {
  id: 'alg.collect-powers', kinds: ['mul'],
  apply(e) {
    const { factors } = e as Of<'mul'>;
    const parts = factors.map(powerOf);
    const groups = groupBy(parts, (p) => p.base);
    if (groups.length === parts.length) return null;
    let merged = false;
    const out = groups.flatMap((g): Expr[] => {
      const own = g.map((p) => factors[parts.indexOf(p)]!);
      if (g.length === 1) return own;
      // Whole and fractional exponents add up to a number (`√u · u = u^{3/2}`, `√u · √u = u`).
      const rs = g.map((p) => rationalOf(p.exp));
      if (rs.every((r) => r !== null) && rs.some((r) => r![1] !== 1)) {
        const total = rs.reduce((a, r) => addRational(a!, r!))!;
        // A number keeps its root unless the exponents make a whole power: `2√2` stays, `√2 √2 = 2`.
        if (g[0]!.base.kind === 'num' && total[1] !== 1) return own;
        merged = true;
        return [rationalPower(g[0]!.base, total)];
      }
      merged = true;
      return [pow(g[0]!.base, add(g.map((p) => p.exp)))];
    });
    return merged ? product(out) : null;
  },
  explain(e): StepExprs {
    const group = groupBy((e as Of<'mul'>).factors.map(powerOf), (p) => p.base).find((g) => g.length > 1);
    return group === undefined ? {} : { base: group[0]!.base };
  },
};

// ---------------------------------------------------------------------------
// Quotients

const zeroDiv: Rule = {
  id: 'alg.zero-numerator', kinds: ['div'],
  apply(e) {
    return isNum((e as Of<'div'>).num, 0) ? ZERO : null;
  },
};

const identityDiv: Rule = {
  id: 'alg.div-one', kinds: ['div'],
  apply(e) {
    const d = e as Of<'div'>;
    return d.den === ONE ? d.num : null;
  },
};

/** `(a/b)/c = a/(bc)`, `a/(b/c) = ac/b`. */
const flattenDiv: Rule = {
  id: 'alg.flatten-fraction', kinds: ['div'],
  apply(e) {
    const d = e as Of<'div'>;
    const nf = factorsOf(d.num);
    const df = factorsOf(d.den);
    if (!nf.some((f) => f.kind === 'div') && !df.some((f) => f.kind === 'div')) return null;
    const nums: Expr[] = [];
    const dens: Expr[] = [];
    for (const f of nf) if (f.kind === 'div') { nums.push(...factorsOf(f.num)); dens.push(...factorsOf(f.den)); } else nums.push(f);
    for (const f of df) if (f.kind === 'div') { dens.push(...factorsOf(f.num)); nums.push(...factorsOf(f.den)); } else dens.push(f);
    return div(product(nums), product(dens));
  },
};

type Power = { readonly base: Expr; readonly exp: Expr };
const powerExpr = (p: Power) => (p.exp === ONE ? p.base : p.exp === HALF ? call('sqrt', [p.base]) : pow(p.base, p.exp));

/** `x² y / (x z) = x y / z`: common bases cancel (numeric exponents subtract; equal exponents cancel whole). */
/** Whether the sums `a` and `b` are opposite, term by term (`p - 1` and `1 - p`; a `-1` may be `neg(1)` or the number). */
function opposite(a: Of<'add'>, b: Of<'add'>): boolean {
  if (a.terms.length !== b.terms.length) return false;
  const tb = b.terms.map(splitCoeff);
  const used = new Set<number>();
  return a.terms.every((t) => {
    const s = splitCoeff(t);
    const k = tb.findIndex((u, m) => !used.has(m) && u.c === -s.c && alphaEqual(u.rest, s.rest));
    if (k < 0) return false;
    used.add(k);
    return true;
  });
}

function cancelCommon(d: Of<'div'>): { result: Expr; common: Expr } | null {
  const n = splitCoeff(d.num);
  const m = splitCoeff(d.den);
  const nf = factorsOf(n.rest).map(powerOf);
  const df = factorsOf(m.rest).map(powerOf);
  const common: Power[] = [];
  let sign = 1;
  for (let j = 0; j < df.length; j++) {
    const base = df[j]!.base;
    const i = nf.findIndex((p) => alphaEqual(p.base, base));
    if (i < 0) {
      // A difference over its opposite is -1: `(σ - 1)/(1 - σ)`, to a whole power (-1)^n.
      const e = df[j]!.exp;
      if (base.kind !== 'add' || e.kind !== 'num' || !Number.isInteger(e.value)) continue;
      const k = nf.findIndex((p) => p.base.kind === 'add' && p.exp === e && opposite(p.base, base));
      if (k < 0) continue;
      if (e.value % 2 !== 0) sign = -sign;
      common.push(df[j]!);
      nf.splice(k, 1);
      df.splice(j--, 1);
      continue;
    }
    const a = nf[i]!.exp;
    const b = df[j]!.exp;
    if (a === b) {
      common.push(df[j]!);
      nf.splice(i, 1);
      df.splice(j--, 1);
    } else if (rationalOf(a) !== null && rationalOf(b) !== null && (a.kind !== 'num' || b.kind !== 'num') && base.kind !== 'num') {
      // A fractional exponent (a square root is u^{1/2}): `√u / u = 1/√u`, `u / √u = √u`.
      const left = addRational(rationalOf(a)!, rationalOf(b)!, -1);
      const base = nf[i]!.base;
      common.push(left[0] > 0 ? df[j]! : nf[i]!);
      // What is left stays where its factor was.
      if (left[0] > 0) nf.splice(i, 1, powerOf(rationalPower(base, left)));
      else nf.splice(i, 1);
      if (left[0] < 0) df.splice(j, 1, powerOf(rationalPower(base, [-left[0], left[1]])));
      else df.splice(j--, 1);
    } else if (a.kind === 'num' && b.kind === 'num') {
      const left = a.value - b.value;
      common.push(left > 0 ? df[j]! : nf[i]!);
      if (left > 0) { nf[i] = { base: nf[i]!.base, exp: num(left) }; df.splice(j--, 1); }
      else { df[j] = { base: df[j]!.base, exp: num(-left) }; nf.splice(i, 1); }
    }
  }
  if (common.length === 0) return null;
  const build = (ps: Power[]) => product(ps.map(powerExpr));
  return { result: div(withCoeff(sign * n.c, build(nf)), withCoeff(m.c, build(df))), common: build(common) };
}

const cancel: Rule = {
  id: 'alg.cancel', kinds: ['div'],
  apply(e) {
    return cancelCommon(e as Of<'div'>)?.result ?? null;
  },
  explain(e): StepExprs {
    const c = cancelCommon(e as Of<'div'>);
    return c === null ? {} : { factor: c.common };
  },
};

/** Coefficients of a quotient: reduced by their gcd, the sign in front, a whole coefficient in front of the fraction. */
const foldDiv: Rule = {
  id: 'alg.reduce-fraction', kinds: ['div'],
  apply(e) {
    const d = e as Of<'div'>;
    const n = splitCoeff(d.num);
    const m = splitCoeff(d.den);
    if (n.c === 1 && m.c === 1) return null;
    if (m.c === 0) return null; // x/0 is left for the evaluator to report
    const sign = Math.sign(n.c) * Math.sign(m.c);
    let a = Math.abs(n.c);
    let b = Math.abs(m.c);
    if (Number.isInteger(a) && Number.isInteger(b)) {
      const g = gcd(a, b);
      a /= g;
      b /= g;
    } else {
      a /= b;
      b = 1;
    }
    if (b === 1) return withCoeff(sign * a, div(n.rest, m.rest));
    return withCoeff(sign, div(withCoeff(a, n.rest), withCoeff(b, m.rest)));
  },
};

// ---------------------------------------------------------------------------
// Powers

const powOne: Rule = {
  id: 'alg.pow-one', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    return p.exp === ONE ? p.base : null;
  },
};

const powZero: Rule = {
  id: 'alg.pow-zero', kinds: ['pow'],
  apply(e) {
    return isNum((e as Of<'pow'>).exp, 0) ? ONE : null;
  },
};

const onePow: Rule = {
  id: 'alg.one-pow', kinds: ['pow'],
  apply(e) {
    return (e as Of<'pow'>).base === ONE ? ONE : null;
  },
};

/** δ and Iverson brackets are 0 or 1: any positive power is themselves. */
const powIndicator: Rule = {
  id: 'alg.pow-indicator', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    return (p.base.kind === 'delta' || p.base.kind === 'iverson') && p.exp.kind === 'num' && p.exp.value > 0 ? p.base : null;
  },
};

const powNumbers: Rule = {
  id: 'alg.pow-numbers', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    if (p.base.kind !== 'num' || p.exp.kind !== 'num' || !Number.isInteger(p.exp.value) || p.exp.value <= 0) return null;
    const v = Math.pow(p.base.value, p.exp.value);
    return Number.isFinite(v) ? num(v) : null;
  },
};

const negativeExponent: Rule = {
  id: 'alg.negative-exponent', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    return p.exp.kind === 'num' && Number.isInteger(p.exp.value) && p.exp.value < 0 ? div(ONE, pow(p.base, num(-p.exp.value))) : null;
  },
};

const negBasePower: Rule = {
  id: 'alg.neg-base-power', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    if (p.base.kind !== 'neg' || p.exp.kind !== 'num' || !Number.isInteger(p.exp.value)) return null;
    return withCoeff(p.exp.value % 2 === 0 ? 1 : -1, pow(p.base.arg, p.exp));
  },
};

/**
 * `(x^a)^b = x^{ab}` for an integer b, any a (`(x^n)^2 = x^{2n}`, `(x^{1/2})^2 = x`, which extends the
 * domain to x < 0, never changes a value). A fractional b would lose a sign: (x²)^{1/2} = |x|.
 */
const powerOfPower: Rule = {
  id: 'alg.power-of-power', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    if (p.base.kind !== 'pow' || p.exp.kind !== 'num' || !Number.isInteger(p.exp.value)) return null;
    const a = p.base.exp;
    return pow(p.base.base, a.kind === 'num' ? num(a.value * p.exp.value) : withCoeff(p.exp.value, a));
  },
};

// ---------------------------------------------------------------------------
// Calls and index values

/** A function of a number folds when the value is exact (exp 0 = 1, log 1 = 0, √4 = 2), not when it is a float. */
const foldCall: Rule = {
  id: 'alg.eval-function', kinds: ['call'],
  apply(e) {
    const c = e as Of<'call'>;
    const arg = c.args[0];
    if (c.args.length !== 1 || arg === undefined || arg.kind !== 'num') return null;
    const spec = functionByName(c.fn);
    const v = spec?.eval(arg.value);
    return v !== undefined && Number.isInteger(v) ? num(clean(v)) : null;
  },
};

const logExp: Rule = {
  id: 'alg.log-exp', kinds: ['call'],
  apply(e) {
    const c = e as Of<'call'>;
    const arg = c.args[0];
    return c.fn === 'log' && arg !== undefined && arg.kind === 'call' && arg.fn === 'exp' && arg.args.length === 1 ? arg.args[0]! : null;
  },
};

const literalIndex: Rule = {
  id: 'alg.index-number', kinds: ['index'],
  apply(e) {
    const i = (e as Of<'index'>).index;
    return i.kind === 'inum' ? num(i.value) : null;
  },
};

export const ALGEBRA_RULES: readonly Rule[] = [
  flattenAdd, addZero, singleTerm, foldAdd, collectTerms, positiveFirst,
  doubleNeg, foldNeg, negSum,
  flattenMul, zeroMul, mulOne, singleFactor, foldMul, combineFractions, collectPowers,
  zeroDiv, identityDiv, flattenDiv, cancel, foldDiv,
  powOne, powZero, onePow, powIndicator, powNumbers, negativeExponent, negBasePower, powerOfPower,
  foldCall, logExp,
  literalIndex,
];

