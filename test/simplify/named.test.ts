// Exp forms that are a named function (src/simplify/rules/named.ts): σ, tanh, cosh and sinh
// written out with e^u are recognised, with extra factors and in any operand order; each rewrite
// checked by evaluating both sides at random points, including |u| where e^u overflows.

import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { add, call, div, type Expr, mul, neg, num, variable } from '../../src/core/ast.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { sigmoid } from '../../src/functions.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { simplify } from '../../src/simplify/index.js';
import { splitCoeff } from '../../src/simplify/terms.js';

const latex = (e: Expr) => toLatex(simplify(e).result);
const exp = (u: Expr) => call('exp', [u]);

describe('before → after', () => {
  test.each([
    [String.raw`\frac{e^{u}}{1 + e^{u}}`, String.raw`\sigma(u)`],
    [String.raw`\frac{e^{u}}{e^{u} + 1}`, String.raw`\sigma(u)`],
    [String.raw`\frac{\exp(u)}{1 + \exp(u)}`, String.raw`\sigma(u)`],
    [String.raw`\frac{1}{1 + e^{-u}}`, String.raw`\sigma(u)`],
    [String.raw`\frac{1}{1 + \exp(-u)}`, String.raw`\sigma(u)`],
    [String.raw`\frac{e^{-u}}{1 + e^{-u}}`, String.raw`\sigma(-u)`],
    [String.raw`\frac{e^{u} x}{1 + e^{u}}`, String.raw`\sigma(u) x`],
    [String.raw`\frac{x e^{u}}{(1 + e^{u}) y}`, String.raw`\frac{x \sigma(u)}{y}`],
    [String.raw`-\frac{e^{-u} x}{1 + e^{-u}}`, String.raw`-\sigma(-u) x`],
    [String.raw`\frac{1}{1 + e^{-x - y}}`, String.raw`\sigma(x + y)`],
    [String.raw`\frac{e^{x - y}}{1 + e^{x - y}}`, String.raw`\sigma(x - y)`],
    [String.raw`\sigma(u) e^{-u} x`, String.raw`\sigma(-u) x`],
    [String.raw`\sigma(u) e^{u}`, String.raw`\sigma(u) e^{u}`],
    [String.raw`\frac{e^{u} - e^{-u}}{e^{u} + e^{-u}}`, String.raw`\tanh(u)`],
    [String.raw`\frac{e^{-u} - e^{u}}{e^{-u} + e^{u}}`, String.raw`-\tanh(u)`],
    [String.raw`\frac{(e^{u} - e^{-u}) x}{e^{-u} + e^{u}}`, String.raw`\tanh(u) x`],
    [String.raw`\frac{e^{u} + e^{-u}}{2}`, String.raw`\cosh(u)`],
    [String.raw`\frac{e^{-u} + e^{u}}{6}`, String.raw`\frac{\cosh(u)}{3}`],
    [String.raw`\frac{e^{u} - e^{-u}}{2}`, String.raw`\sinh(u)`],
    [String.raw`\frac{x (e^{u} - e^{-u})}{4 y}`, String.raw`\frac{x \sinh(u)}{2 y}`],
  ])('%s → %s', (input, output) => {
    expect(latex(parse(input))).toBe(output);
  });

  test.each([
    // No minus sign is added: 1/(1 + e^u) = σ(-u), but the input had none.
    String.raw`\frac{1}{1 + e^{u}}`,
    String.raw`\frac{1}{1 + e^{y - x}}`,
    String.raw`\frac{e^{v}}{1 + e^{u}}`,
    String.raw`\frac{e^{u}}{2 + e^{u}}`,
    String.raw`\frac{e^{u}}{1 + e^{u} + x}`,
    String.raw`\frac{e^{u} - e^{-v}}{e^{u} + e^{-u}}`,
    String.raw`\frac{e^{u} + e^{-u}}{e^{u} + e^{-u} + 1}`,
    String.raw`\frac{e^{u} + e^{-u}}{3}`,
    String.raw`\frac{e^{u} + e^{u}}{2}`,
    String.raw`\frac{e^{u} - e^{-u}}{e^{u} - e^{-u} + 2}`,
  ])('%s is left alone', (input) => {
    expect(latex(parse(input))).not.toMatch(/\\sigma|\\tanh|\\cosh|\\sinh/);
  });

  it('the issue\'s example: the derivative of Σ_j log(1 + e^{w_j x_j}) is σ(w_j x_j) x_j', () => {
    const r = derive(parse(String.raw`\sum_j \log(1 + e^{w_j x_j})`), 'w_j');
    expect(toLatex(r.result)).toBe(String.raw`\sigma(w_j x_j) x_j`);
  });

  it('the derivative of log(1 + e^{-u}) is -σ(-u), with no e^{-u} left over', () => {
    expect(toLatex(derive(parse(String.raw`\log(1 + e^{-u})`), 'u').result)).toBe(String.raw`-\sigma(-u)`);
  });
});

// Brute force: u is a random combination of a and b (so also -a, a - b, -2a - b), the quotient
// gets random extra factors, and both sides are evaluated at random points.
const a = variable('a');
const b = variable('b');
const x = variable('x');
const y = variable('y');

/**
 * u = p a + q b in normal form, and whether no term of that form has a minus (then every term of -u
 * has one): `2a - 2b` is `2(a - b)`, one term without a minus (collect.common-factor).
 */
const arbU: fc.Arbitrary<{ u: Expr; positive: boolean }> = fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }))
  .filter(([p, q]) => p !== 0 || q !== 0)
  .map(([p, q]) => {
    const u = simplify(add([mul([num(p), a]), mul([num(q), b])])).result;
    return { u, positive: (u.kind === 'add' ? u.terms : [u]).every((t) => splitCoeff(t).c >= 0) };
  });

/** A form written out, with extra factors `x` above and `y` below when asked, the commutative operands in either order. */
function written(kind: number, u: Expr, extra: boolean, swap: boolean): Expr {
  const pair = (s: 1 | -1) => (swap ? add([s === 1 ? exp(neg(u)) : neg(exp(neg(u))), exp(u)]) : add([exp(u), s === 1 ? exp(neg(u)) : neg(exp(neg(u)))]));
  const one = (t: Expr) => (swap ? add([t, num(1)]) : add([num(1), t]));
  const [top, bottom] = ([
    [exp(u), one(exp(u))],
    [num(1), one(exp(neg(u)))],
    [exp(neg(u)), one(exp(neg(u)))],
    [pair(-1), pair(1)],
    [pair(1), num(2)],
    [pair(-1), num(2)],
  ] as const)[kind]!;
  return extra ? div(mul([top, x]), mul([bottom, y])) : div(top, bottom);
}

/** The exact value of form `kind` at u, computed without overflow. */
function exact(kind: number, u: number): number {
  return [sigmoid(u), sigmoid(u), sigmoid(-u), Math.tanh(u), Math.cosh(u), Math.sinh(u)][kind]!;
}

const valueAt = (e: Expr, values: Record<string, number>) => evaluate(e, { sizes: {}, values }).value as number;

const NAMES = ['sigmoid', 'sigmoid', 'sigmoid', 'tanh', 'cosh', 'sinh'];

describe('on random points', () => {
  it('each form becomes its named function and keeps its value, no less accurate where e^u overflows', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 5 }), arbU, fc.boolean(), fc.boolean(),
      fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -400, max: 400, noNaN: true })),
      fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }),
      (kind, { u, positive }, extra, swap, av, bv, xy) => {
        const before = written(kind, u, extra, swap);
        const after = simplify(before).result;
        // 1/(1 + e^{-u}) is σ(u) when every term of -u has a minus: otherwise (u = -b, u = b - a)
        // its normal form 1/(1 + e^{b}), 1/(1 + e^{a - b}) would become σ(-b), σ(b - a), with a
        // minus the normal form does not show, and it stays.
        const fires = kind !== 1 || positive;
        expect(JSON.stringify(after).includes('"fn":"exp"')).toBe(!fires);
        expect(JSON.stringify(after).includes(`"fn":"${NAMES[kind]}"`)).toBe(fires);
        const values = { a: av, b: bv, x: xy, y: 1 / xy };
        const uv = valueAt(u, values);
        const want = exact(kind, uv) * (extra ? xy * xy : 1);
        const got = valueAt(after, values);
        const old = valueAt(before, values);
        const err = (v: number) => (Number.isFinite(want) ? Math.abs(v - want) / Math.max(Math.abs(want), 1e-300) : v === want ? 0 : Infinity);
        // Exact to rounding wherever the value is a number (cosh and sinh overflow with it).
        if (Number.isFinite(want)) expect(err(got)).toBeLessThan(1e-12);
        else expect(got).toBe(want);
        // Never less accurate than the form written out (which is NaN once e^u overflows).
        if (!Number.isNaN(old)) expect(err(got)).toBeLessThanOrEqual(err(old) + 1e-12);
      },
    ), { numRuns: 400 });
  });

  it('σ(u) e^{-u} becomes σ(-u), exact where e^{-u} overflows', () => {
    fc.assert(fc.property(arbU, fc.double({ min: -400, max: 400, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), ({ u }, av, bv) => {
      const before = mul([call('sigmoid', [u]), exp(neg(u)), x]);
      const after = simplify(before).result;
      expect(JSON.stringify(after)).not.toContain('"fn":"exp"');
      const values = { a: av, b: bv, x: 1.5 };
      const want = sigmoid(-valueAt(u, values)) * 1.5;
      expect(Math.abs(valueAt(after, values) - want)).toBeLessThanOrEqual(1e-12 * Math.abs(want));
      const old = valueAt(before, values);
      if (Number.isFinite(old)) expect(Math.abs(old - want)).toBeLessThanOrEqual(1e-12 * Math.abs(want) + Number.MIN_VALUE);
    }), { numRuns: 200 });
  });

  it('the derivative of log(1 + e^{a u}) stays finite and right for large u', () => {
    const r = derive(parse(String.raw`\log(1 + e^{c t})`), 'c').result;
    for (const [c, t] of [[1, 800], [-1, 800], [2, -500], [0.5, 3]] as const) {
      const want = sigmoid(c * t) * t;
      expect(valueAt(r, { c, t })).toBeCloseTo(want, 9);
    }
  });
});

describe('quotients of hyperbolic functions, and a number times its sign', () => {
  test.each([
    [String.raw`\frac{\sinh(u)}{\cosh(u)}`, String.raw`\tanh(u)`],
    [String.raw`\frac{2 \cosh(u) y}{\sinh(u)}`, String.raw`2 \coth(u) y`],
    [String.raw`\frac{\sinh(p - q)}{x \cosh(p - q)}`, String.raw`\frac{\tanh(p - q)}{x}`],
    [String.raw`x \operatorname{sign}(x)`, String.raw`\lvert x \rvert`],
    [String.raw`a \operatorname{sign}(x - y) (x - y) b`, String.raw`a \lvert x - y \rvert b`],
  ])('%s → %s', (input, output) => {
    expect(latex(parse(input))).toBe(output);
  });

  test.each([String.raw`\frac{\sinh(u)}{\cosh(v)}`, String.raw`x \operatorname{sign}(y)`])('%s is left alone', (input) => {
    expect(latex(parse(input))).not.toMatch(/\\tanh|\\coth|\\lvert/);
  });

  it('keep their values at random points, including u = 0 and signs of both kinds', () => {
    const cases = ['\\frac{\\sinh(u) x}{\\cosh(u)}', '\\frac{\\cosh(u)}{\\sinh(u) x}', 'x u \\operatorname{sign}(u)', '\\operatorname{sign}(u) u'].map((s) => parse(s));
    fc.assert(fc.property(fc.oneof(fc.constant(0), fc.double({ min: -20, max: 20, noNaN: true })), fc.double({ min: 0.5, max: 2, noNaN: true }), (u, x) => {
      for (const e of cases) {
        const values = { values: { u, x } };
        const before = evaluate(e, values).value as number;
        const after = evaluate(simplify(e).result, values).value as number;
        if (!Number.isFinite(before)) expect(Number.isFinite(after)).toBe(false);
        else expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(before)));
      }
    }), { numRuns: 300 });
  });
});
