// Powers and roots in the form a textbook prints them: a product to a whole
// power is the product of the powers (`(2σ²)² = 4σ⁴`, so that the quotient it
// sits in can cancel), and a square root meets a square.
//
// Domains. `√u² = u` holds where the left side is defined (u ≥ 0); the right
// side also has a value where the left had none (u < 0), as `(x^{1/2})^2 = x`
// does in `alg.power-of-power`: a rewrite may extend a domain, never change a
// value. `√(u²) = |u|` holds everywhere. Odd powers of a root
// (`√u³ = u√u`) and fractional powers of a product (`(xy)^{1/2}`, which is
// not `x^{1/2} y^{1/2}` for x, y < 0) are left alone.

import { call, type Expr, num, pow } from '../../core/ast.js';
import type { Rule } from '../engine.js';
import { product } from '../terms.js';

type Of<K extends Expr['kind']> = Expr & { kind: K };

/** The value of `e` when it is a whole number ≥ 2 that is even, else null. */
function evenExponent(e: Expr): number | null {
  return e.kind === 'num' && Number.isInteger(e.value) && e.value >= 2 && e.value % 2 === 0 ? e.value : null;
}

/** `(ab)^n = a^n b^n` for a whole n ≥ 2 (negative n became `1/(ab)^{-n}` first, `alg.negative-exponent`). */
const powerOfProduct: Rule = {
  id: 'alg.power-of-product', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    if (p.base.kind !== 'mul' || p.exp.kind !== 'num' || !Number.isInteger(p.exp.value) || p.exp.value < 2) return null;
    return product(p.base.factors.map((f) => pow(f, p.exp)));
  },
};

/** `√u^{2k} = u^k` (where √u is defined; see the head of this file). */
const rootSquared: Rule = {
  id: 'alg.root-squared', kinds: ['pow'],
  apply(e) {
    const p = e as Of<'pow'>;
    const n = evenExponent(p.exp);
    if (n === null || p.base.kind !== 'call' || p.base.fn !== 'sqrt' || p.base.args.length !== 1) return null;
    const u = p.base.args[0]!;
    return n === 2 ? u : pow(u, num(n / 2));
  },
};

/** `√(u^{2k}) = |u|^k`, and `u^k` when k is even (an even power is never negative). */
const rootOfSquare: Rule = {
  id: 'alg.root-of-square', kinds: ['call'],
  apply(e) {
    const c = e as Of<'call'>;
    const arg = c.args[0];
    if (c.fn !== 'sqrt' || c.args.length !== 1 || arg === undefined || arg.kind !== 'pow') return null;
    const n = evenExponent(arg.exp);
    if (n === null) return null;
    const k = n / 2;
    const base = k % 2 === 0 ? arg.base : call('abs', [arg.base], '|');
    return k === 1 ? base : pow(base, num(k));
  },
};

export const POWER_RULES: readonly Rule[] = [powerOfProduct, rootSquared, rootOfSquare];
