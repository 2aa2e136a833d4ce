// Views of a normalised expression used by several rules: a term as
// coefficient × rest, a factor as base^exponent, and builders that make the
// smallest node for a list (no `mul([x])`, no `1·x`).

import { call, div, type Expr, mul, neg, num, pow } from '../core/ast.js';

export const ZERO = num(0);
export const ONE = num(1);

/** A number without the sign of zero (`-0` would be a different node). */
export function clean(v: number): number {
  return v === 0 ? 0 : v;
}

export function isNum(e: Expr, value?: number): e is Expr & { kind: 'num' } {
  return e.kind === 'num' && (value === undefined || e.value === value);
}

/** The product of `factors`: `1` for none, the factor itself for one. */
export function product(factors: readonly Expr[]): Expr {
  return factors.length === 0 ? ONE : factors.length === 1 ? factors[0]! : mul(factors);
}

/** `e` as `c · rest` with a numeric `c` (rest is `1` for a number). Looks through `neg` and numeric factors. */
export function splitCoeff(e: Expr): { c: number; rest: Expr } {
  switch (e.kind) {
    case 'num': return { c: e.value, rest: ONE };
    case 'neg': {
      const s = splitCoeff(e.arg);
      return { c: clean(-s.c), rest: s.rest };
    }
    case 'mul': {
      let c = 1;
      let changed = false;
      const rest: Expr[] = [];
      for (const f of e.factors) {
        if (f.kind === 'num' || f.kind === 'neg') {
          changed = true;
          const s = splitCoeff(f);
          c *= s.c;
          if (s.rest !== ONE) rest.push(...(s.rest.kind === 'mul' ? s.rest.factors : [s.rest]));
        } else rest.push(f);
      }
      return { c: clean(c), rest: changed ? product(rest) : e };
    }
    default: return { c: 1, rest: e };
  }
}

/** `c · rest` in normal form: the coefficient leads a product, `-1` becomes `neg`, `1` disappears. */
export function withCoeff(c: number, rest: Expr): Expr {
  if (c === 0) return ZERO;
  if (rest === ONE) return num(clean(c));
  if (c === 1) return rest;
  if (c === -1) return neg(rest);
  return mul([num(c), ...(rest.kind === 'mul' ? rest.factors : [rest])]);
}

/** The factors of a product (a non-product is its own single factor; `1` has none). */
export function factorsOf(e: Expr): readonly Expr[] {
  return e.kind === 'mul' ? e.factors : e === ONE ? [] : [e];
}

export const HALF = div(num(1), num(2));

/** `e` as base^exponent (exponent `1` when `e` is not a power; `√u` is u^{1/2}, so that `√u · u = u^{3/2}` and `√u / u = 1/√u`). */
export function powerOf(e: Expr): { base: Expr; exp: Expr } {
  if (e.kind === 'call' && e.fn === 'sqrt' && e.args.length === 1) return { base: e.args[0]!, exp: HALF };
  return e.kind === 'pow' ? { base: e.base, exp: e.exp } : { base: e, exp: ONE };
}

/** A rational number p/q (q > 0, reduced). */
export type Rational = readonly [p: number, q: number];

/** The value of `e` when it is a whole number or a quotient of whole numbers (`\frac{3}{2}`), else null. */
export function rationalOf(e: Expr): Rational | null {
  if (e.kind === 'num') return Number.isInteger(e.value) ? [e.value, 1] : null;
  if (e.kind === 'neg') {
    const r = rationalOf(e.arg);
    return r === null ? null : [clean(-r[0]), r[1]];
  }
  if (e.kind === 'div' && e.num.kind === 'num' && e.den.kind === 'num' && Number.isInteger(e.num.value) && Number.isInteger(e.den.value) && e.den.value !== 0) {
    const sign = Math.sign(e.den.value);
    const g = gcd(e.num.value, e.den.value);
    return [clean((sign * e.num.value) / g), Math.abs(e.den.value) / g];
  }
  return null;
}

/** a + s·b for rationals, reduced. */
export function addRational(a: Rational, b: Rational, s = 1): Rational {
  const p = a[0] * b[1] + s * b[0] * a[1];
  const q = a[1] * b[1];
  const g = gcd(p, q) || 1;
  return [clean(p / g), q / g];
}

/** `base^{p/q}` in normal form: `1` for p = 0, the base for 1, `√base` for 1/2, else a power with a whole or `\frac{p}{q}` exponent. */
export function powerExpr(base: Expr, [p, q]: Rational): Expr {
  if (p === 0) return ONE;
  if (q === 1) return p === 1 ? base : pow(base, num(p));
  if (p === 1 && q === 2) return call('sqrt', [base]);
  return pow(base, p < 0 ? neg(div(num(-p), num(q))) : div(num(p), num(q)));
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
