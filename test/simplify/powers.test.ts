// Powers, roots and numeric index sums (src/simplify/rules/powers.ts,
// src/simplify/rules/index-sums.ts, `alg.power-of-power`): each rewrite checked
// by evaluating both sides at random points, including where it must not fire
// or where the left side has no value; then the forms before → after.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { call, type Expr, indexValue, inum, linearIndex, mul, num, pow, sum, variable } from '../../src/core/ast.js';
import { evaluate } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { simplify } from '../../src/simplify/index.js';
import { cli } from '../cli/run.js';

const [a, b, u, m] = ['a', 'b', 'u', 'm'].map((name) => variable(name)) as [Expr, Expr, Expr, Expr];

/** The value of a scalar expression at a point (NaN where it has none). */
const at = (e: Expr, values: Record<string, number>): number => evaluate(e, { sizes: {}, values }).value as number;
const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
const real = fc.double({ min: -4, max: 4, noNaN: true });
/** Points with exact zeros and signs (the domain edges) as well as random ones. */
const point = fc.oneof(real, fc.constantFrom(0, -1, 1, -0.5, 2));

/** Simplifies `e`, checks that `rule` fired, and that both sides agree at `values` where `defined(values)` says the left has a value. */
function check(e: Expr, rule: string, values: Record<string, number>): Expr {
  const { result, steps } = simplify(e, { steps: true });
  expect(steps.map((s) => s.rule)).toContain(rule);
  const before = at(e, values);
  const after = at(result, values);
  // A rewrite may extend a domain (the right side has a value where the left had none), never change a value.
  if (Number.isFinite(before)) expect(close(before, after), `${toLatex(e)} → ${toLatex(result)} at ${JSON.stringify(values)}: ${before} vs ${after}`).toBe(true);
  return result;
}

describe('alg.power-of-product: (ab)^n = a^n b^n', () => {
  test('at random points, with a numeric factor and signs', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: -3, max: 3 }), point, point, (n, k, x, y) => {
      check(pow(mul([num(k === 0 ? 2 : k), a, pow(b, num(2))]), num(n)), 'alg.power-of-product', { a: x, b: y });
    }), { numRuns: 200 });
  });

  test('not for a fractional or symbolic exponent ((ab)^{1/2} ≠ a^{1/2} b^{1/2} for a, b < 0)', () => {
    for (const exp of [num(0.5), m]) {
      const e = pow(mul([a, b]), exp);
      expect(simplify(e).result).toBe(e);
    }
  });
});

describe('alg.power-of-power: (x^a)^b = x^{ab} for an integer b', () => {
  test('symbolic inner exponent, at random points (x > 0 and x ≤ 0, where the left may have no value)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 4 }), point, fc.double({ min: -2, max: 2, noNaN: true }), (n, x, e) => {
      const r = check(pow(pow(a, m), num(n)), 'alg.power-of-power', { a: x, m: e });
      expect(r).toBe(pow(a, mul([num(n), m])));
    }), { numRuns: 200 });
  });

  test('(x^{1/2})^2 = x extends to x < 0; (x^2)^{1/2} is refused (it is |x|)', () => {
    expect(simplify(pow(pow(a, num(0.5)), num(2))).result).toBe(a);
    const refused = pow(pow(a, num(2)), num(0.5));
    expect(simplify(refused).result).toBe(refused);
  });
});

describe('alg.root-squared: √u^{2k} = u^k where u ≥ 0', () => {
  test('at random points; for u < 0 the left side has no value and the right one has', () => {
    fc.assert(fc.property(fc.constantFrom(2, 4, 6), point, (n, x) => {
      const e = pow(call('sqrt', [u]), num(n));
      const r = check(e, 'alg.root-squared', { u: x });
      expect(r).toBe(n === 2 ? u : pow(u, num(n / 2)));
      if (x < 0) expect(at(e, { u: x })).toBeNaN();
    }), { numRuns: 200 });
  });

  test('an odd power of a root is left alone', () => {
    const e = pow(call('sqrt', [u]), num(3));
    expect(simplify(e).result).toBe(e);
  });
});

describe('alg.root-of-square: √(u^{2k}) = |u|^k', () => {
  test('at random points of both signs', () => {
    fc.assert(fc.property(fc.constantFrom(2, 4, 6), point, (n, x) => {
      const r = check(call('sqrt', [pow(u, num(n))]), 'alg.root-of-square', { u: x });
      expect(at(r, { u: x })).toBeCloseTo(Math.abs(x) ** (n / 2), 9);
    }), { numRuns: 200 });
    expect(toLatex(simplify(parse('\\sqrt{u^2}')).result)).toBe('\\lvert u \\rvert');
    expect(toLatex(simplify(parse('\\sqrt{u^4}')).result)).toBe('u^2');
  });

  test('the root of an odd power is left alone', () => {
    const e = call('sqrt', [pow(u, num(3))]);
    expect(simplify(e).result).toBe(e);
  });
});

describe('sum.index-values: Σ_{i=a}^{b} (c i + d) over numeric bounds is a number', () => {
  test('against the interpreter, with empty ranges (b < a, b = a - 1) and ranges of one value', () => {
    fc.assert(fc.property(fc.integer({ min: -3, max: 6 }), fc.integer({ min: -4, max: 7 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }),
      (lo, hi, coef, d) => {
        const body = coef === 0 ? indexValue(inum(d)) : indexValue(linearIndex([{ name: 'i', coef }], d));
        const e = sum('i', body, inum(lo), inum(hi));
        const r = simplify(e).result;
        expect(r.kind).toBe('num');
        let want = 0;
        for (let i = lo; i <= hi; i++) want += coef * i + d;
        expect(at(r, {})).toBe(want === 0 ? 0 : want);
        expect(at(e, {})).toBe(want);
      }), { numRuns: 300 });
  });

  test('a symbolic bound is left as it is', () => {
    const e = parse('\\sum_{i=1}^{n} i');
    expect(simplify(e).result).toBe(e);
  });
});

describe('the forms of issue 10, before → after', () => {
  const derive = async (formula: string, wrt: string) => (await cli(['derive', '--wrt', wrt, '--', formula])).out;
  test.each([
    // was 4 \frac{\left(\sum_{n} (x_n - \mu)^2\right) \sigma}{(2 \sigma^2)^2} - \frac{N}{\sigma}
    ['L = -\\frac{N}{2}\\log(2\\pi\\sigma^2) - \\frac{\\sum_n (x_n - \\mu)^2}{2\\sigma^2}', '\\sigma',
      '\\frac{\\partial L}{\\partial \\sigma} = \\frac{\\sum_{n} (x_n - \\mu)^2}{\\sigma^3} - \\frac{N}{\\sigma}'],
    // was 4 \sum_{i=1}^{3} i
    ['\\sum_{i=1}^{3}\\sum_{j=2}^{5} i\\, y', 'y', '\\frac{\\partial \\left(\\sum_{i=1}^{3} \\sum_{j=2}^{5} i y\\right)}{\\partial y} = 24'],
    // batch norm's normalised output: the denominator was \sqrt{v + \epsilon}^2, then a fraction in a
    // fraction (\frac{(\delta_{ij} - \frac{1}{m}) \sqrt{v + \epsilon} - \frac{…}{\sqrt{v + \epsilon} m}}{v + \epsilon});
    // flattened (collect.flatten-nested, collect.clear-fractions) with √ as a half power
    ['\\mu = \\frac{1}{m}\\sum_{i=1}^{m} x_i; v = \\frac{1}{m}\\sum_{i=1}^{m}(x_i - \\mu)^2; \\hat{x}_i = \\frac{x_i - \\mu}{\\sqrt{v + \\epsilon}}', 'x_j',
      '\\frac{\\partial \\hat{x}_i}{\\partial x_j} = \\frac{(\\delta_{ij} m - 1) (v + \\epsilon) m - (x_i - \\mu) \\left(x_j m - \\sum_{i=1}^{m} x_i\\right)}{(v + \\epsilon)^{\\frac{3}{2}} m^2}'],
  ])('derive %s by %s', async (formula, wrt, want) => {
    expect(await derive(formula, wrt)).toBe(want);
  });

  test.each([
    ['(2\\sigma^2)^2', '4 \\sigma^4'],
    ['\\frac{4 \\sigma \\cdot s}{(2\\sigma^2)^2}', '\\frac{s}{\\sigma^3}'],
    ['\\sqrt{v + \\epsilon}^2', 'v + \\epsilon'],
    ['\\sum_{j=2}^{5} 3', '12'],
    ['\\sum_{i=4}^{2} i', '0'],
    // nested fractions were already one fraction (alg.flatten-fraction)
    ['\\frac{\\frac{a}{b}}{c}', '\\frac{a}{b c}'],
  ])('simplify %s', (formula, want) => {
    expect(toLatex(simplify(parse(formula)).result)).toBe(want);
  });
});
