// A derivative's own leading minus goes into a difference (`-(y_k - p_k) x_j` is `(p_k - y_k) x_j`),
// only at the top: checked by printed form and by value at random points.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { absorbLeadingMinus, simplify } from '../../src/simplify/index.js';

describe('the leading minus of a derivative', () => {
  it.each([
    ['\\frac{(y - \\mu)^2}{2 \\sigma^2}', '\\mu', '\\frac{\\mu - y}{\\sigma^2}'],
    ['-(t \\log(\\sigma(z)) + (1 - t) \\log(1 - \\sigma(z))) x', 'z', '(\\sigma(z) - t) x'],
  ])('∂(%s)/∂%s = %s', (f, wrt, expected) => {
    expect(toLatex(derive(parse(f), wrt).result)).toBe(expected);
  });

  it('keeps a coefficient and a difference with a number: -2(t - o) and -(1 - σ) stay', () => {
    // In normal form (simplified), as derive hands them over: -2 is a coefficient there, not a minus.
    for (const s of ['-2 (t - o) x', '-(1 - s) x', '-(a + b) c', 'a - (x - m) b']) expect(absorbLeadingMinus(simplify(parse(s)).result)).toBeNull();
  });

  it('keeps the value', () => {
    const cases = ['-(a - b) c', '-\\frac{a - b}{c}', '-(a - 2 b) (c - d)', '-\\frac{(a - b) c}{d}'].map((s) => parse(s));
    fc.assert(fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
      for (const e of cases) {
        const after = absorbLeadingMinus(e);
        expect(after).not.toBeNull();
        const v = { values: { a: a!, b: b!, c: c!, d: d! + 6 } };
        const x = evaluate(e, v).value as number;
        expect(evaluate(after!, v).value as number).toBeCloseTo(x, 9);
      }
    }));
  });
});
