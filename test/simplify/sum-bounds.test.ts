// Sums over symbolic bounds (issue 14): every rewrite of a sum is sound for every value of its
// bounds, empty and reversed ranges included. A property draws nested sums with random bounds
// (size symbols n and m from 0, literal bounds 0..3, bounds that cross or follow the outer binder)
// and random bodies (a constant, the index values, δ's that the collapse removes), and compares
// the simplified sum, and the derivative by a, with brute-force evaluation of the sum itself
// (the derivative: with central differences in a).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { simplify } from '../../src/simplify/index.js';
import type { Expr } from '../../src/core/ast.js';
import { signature } from '../../src/values.js';
import { checkDerivative } from '../../src/check.js';
import type { Var } from '../../src/core/ast.js';

const OUTER_LOWER = ['1', '0', '2', 'n-2', 'm'];
const OUTER_UPPER = ['n', 'n-1', 'n+1', 'm', '0', '1', '3'];
const INNER_LOWER = ['1', '0', 'i', 'i+1', 'i+2', 'i-1', 'n', 'm-1'];
const INNER_UPPER = ['n', 'n-1', 'i', 'i-1', 'i+1', 'm', '2'];
const BODIES = ['a', 'a^2', 'k a', 'i a^2', '(k - i) a', '\\delta_{k i} a', '\\delta_{k,i+1} a^2', 'a^2 \\delta_{k,i-1}'];

/**
 * The values of `e` at `p`, flattened: n and m are size symbols; i is one too where the original
 * formula reads it only as a number, and otherwise (a δ on i outside a sum over i) a free index
 * over 1..p.i + 1. The original decides, for the simplified form and the derivative alike.
 */
const valuesAt = (original: Expr, e: Expr, p: { n: number; m: number; i: number; a: number }): number[] => {
  const iFree = signature(original).free.includes('i');
  const options = iFree ? { free: ['i'], symbols: ['n', 'm'] } : { symbols: ['n', 'm', 'i'] };
  const values: Record<string, number> = iFree ? { n: p.n, m: p.m, a: p.a } : { n: p.n, m: p.m, i: p.i, a: p.a };
  const v = evaluate(e, { values, sizes: iFree ? { i: p.i + 1 } : {} }, options).value;
  return typeof v === 'number' ? [v] : v.flat(9) as number[];
};
const valueOf = (e: Expr, values: Record<string, number>): number => {
  const v = evaluate(e, { values }, { symbols: ['n', 'm'] }).value;
  if (typeof v !== 'number') throw new Error('not a scalar');
  return v;
};

const formula = fc.record({
  nested: fc.boolean(),
  ol: fc.constantFrom(...OUTER_LOWER), ou: fc.constantFrom(...OUTER_UPPER),
  il: fc.constantFrom(...INNER_LOWER), iu: fc.constantFrom(...INNER_UPPER),
  body: fc.constantFrom(...BODIES),
}).map(({ nested, ol, ou, il, iu, body }) => {
  // Without the outer sum, i is a size symbol too (like n): drawn with them.
  const inner = `\\sum_{k=${il}}^{${iu}} ${body}`;
  return nested ? `\\sum_{i=${ol}}^{${ou}} ${inner}` : inner;
});
const point = fc.record({
  n: fc.integer({ min: 0, max: 3 }), m: fc.integer({ min: 0, max: 3 }), i: fc.integer({ min: 0, max: 3 }),
  a: fc.double({ min: -2, max: 2, noNaN: true }),
});

describe('sums over symbolic bounds', () => {
  it('the issue\'s cases: never a negative count', () => {
    const at = (text: string, values: Record<string, number>) => valueOf(simplify(parse(text)).result, values);
    expect(toLatex(derive(parse('\\sum_{k=i}^{j} a'), 'a').result)).toBe('[i \\le j] (j-i+1)');
    for (const n of [0, 1, 2, 3, 4, 6]) {
      const e = parse('\\sum_{i=1}^{n}\\sum_{j=i+2}^{n} a');
      expect(at('\\sum_{i=1}^{n}\\sum_{j=i+2}^{n} a', { n, a: 1 })).toBe(valueOf(e, { n, a: 1 }));
      const d = derive(parse('\\sum_{t=1}^{n-1} x^2'), 'x').result;
      expect(valueOf(d, { n, x: 1.5 })).toBe(3 * Math.max(0, n - 1));
    }
  });

  it('every rewrite agrees with brute-force evaluation, empty and reversed ranges included', () => {
    fc.assert(fc.property(formula, point, (text, p) => {
      const e = parse(text);
      const s = simplify(e).result;
      const expected = valuesAt(e, e, p);
      const got = valuesAt(e, s, p);
      expect(got.length).toBe(expected.length);
      got.forEach((x, k) => expect(x, `${text} → ${toLatex(s)} at ${JSON.stringify(p)}`).toBeCloseTo(expected[k]!, 9));
    }), { numRuns: 3000, seed: 14 });
  });

  it('the derivative by a agrees with central differences at every size from 0', () => {
    fc.assert(fc.property(formula, point, (text, p) => {
      const e = parse(text);
      const d = derive(e, 'a').result;
      const h = 1e-5;
      const plus = valuesAt(e, e, { ...p, a: p.a + h });
      const minus = valuesAt(e, e, { ...p, a: p.a - h });
      const got = valuesAt(e, d, p);
      expect(got.length).toBe(plus.length);
      got.forEach((x, k) => {
        const slope = (plus[k]! - minus[k]!) / (2 * h);
        expect(Math.abs(x - slope), `∂/∂a ${text} = ${toLatex(d)} at ${JSON.stringify(p)}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(slope)));
      });
    }), { numRuns: 1500, seed: 41 });
  });

  // By an entry of an array read under symbolic bounds: the δ-collapse leaves range brackets that
  // must hold at every size, 0 and 1 included; the check (src/check.ts) draws those sizes.
  const READ_LOWER = ['1', '2', 'i', 'i+1']; // (from n-1, the formula itself reads x_0 at n = 1)
  const READ_UPPER = ['n', 'n-1', 'i', 'i+1', 'm'];
  const READ_BODIES = ['x_k^2', 'a x_k', 'x_k x_i', '\\sigma(x_k)'];
  it('the derivative by x_p agrees with finite differences at sizes from 0', () => {
    fc.assert(fc.property(
      fc.boolean(), fc.constantFrom(...READ_LOWER), fc.constantFrom(...READ_UPPER), fc.constantFrom(...READ_BODIES), fc.nat(1000),
      (nested, lo, hi, body, seed) => {
        // Beside x_i (which, under \\sum_{i=1}^{n}, declares x to have n entries), up to i+1 reads x
        // past its end whatever its size: the formula's own out-of-range read.
        fc.pre(hi !== 'i+1' || (nested && !body.includes('x_i')));
        const inner = `\\sum_{k=${lo}}^{${hi}} ${body}`;
        const text = nested ? `\\sum_{i=1}^{n} ${inner}` : `${inner} + x_i`;
        const f = parse(text);
        const wrt = parse('x_p') as Var;
        const d = derive(f, wrt).result;
        const report = checkDerivative({ f, wrt, derivative: d, seed: seed + 1 });
        expect(report.ok, `∂/∂x_p ${text} = ${toLatex(d)}: ${JSON.stringify(report.failures.slice(0, 2))}`).toBe(true);
        expect(report.checked).toBeGreaterThan(0);
      },
    ), { numRuns: 150, seed: 7 });
  });
});

