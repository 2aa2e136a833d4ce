// Σ of a constant over symbolic bounds (issue 14, part 1): the count hi - lo + 1 is never negative.
// Where the bounds could cross, the count keeps its condition, [lo ≤ hi](hi - lo + 1). A property
// draws random bounds (reversed and empty ranges, index sizes 1 to 4, the bound n from 0) and compares the simplified sum with
// the sum itself, evaluated at every index assignment.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { simplify } from '../../src/simplify/index.js';

const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : (v as unknown[]).flatMap(flat));

describe('a constant summed between symbolic bounds', () => {
  it('keeps the condition where the range can be empty, or proves it cannot be', () => {
    expect(toLatex(simplify(parse('\\sum_{k=i}^{j} a')).result)).toBe('[i \\le j] (j-i+1) a');
    expect(toLatex(simplify(parse('\\sum_{k=1}^{j} a')).result)).toBe('j a');
    expect(toLatex(simplify(parse('\\sum_{k=i}^{i+2} a')).result)).toBe('3 a');
    expect(toLatex(simplify(parse('\\sum_{k=i+3}^{i} a')).result)).toBe('0');
  });

  const LOWER = ['1', 'i', 'i+1', 'i+2', '3', 'j-1'];
  const UPPER = ['n', 'j', 'j-1', '2', 'i', 'i-2'];
  it('equals the sum itself at every assignment, empty and reversed ranges included', () => {
    fc.assert(fc.property(
      fc.constantFrom(...LOWER), fc.constantFrom(...UPPER), fc.boolean(),
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 5 }), fc.double({ min: -3, max: 3, noNaN: true }),
      (lo, hi, nested, I, J, n, a) => {
        const inner = `\\sum_{k=${lo}}^{${hi}} a`;
        const e = parse(nested ? `\\sum_{i=1}^{n} ${inner}` : inner);
        const s = simplify(e).result;
        const inputs = { values: { a, n }, sizes: { i: I, j: J } };
        const options = { free: nested ? ['j'] : ['i', 'j'].filter((x) => toLatex(e).includes(x)), symbols: ['n'] };
        const before = flat(evaluate(e, inputs, options).value);
        const after = flat(evaluate(s, inputs, options).value);
        expect(after.length).toBe(before.length);
        after.forEach((x, k) => expect(x, `${toLatex(e)} → ${toLatex(s)}`).toBeCloseTo(before[k]!, 9));
      },
    ), { numRuns: 400 });
  });
});
