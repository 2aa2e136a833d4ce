// Issue 10, "Ranges": bounds 1..N over an index that addresses an array slot
// declare that slot's range (docs/notation.md, core/extents.ts). Each derivative
// is checked against central differences of f at random sizes, N = 0 and 1 included.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { derive } from '../../src/derive/index.js';
import { evaluate, EvaluationError, type Inputs } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';

const latex = String.raw;
const gradient = (f: string, wrt: string) => derive(parse(f), wrt).result;

describe('before → after', () => {
  test.each([
    [latex`\frac{1}{N}\sum_{n=1}^{N}(p_n - y_n)^2`, 'p_n', latex`2 \frac{p_n - y_n}{N}`],
    [latex`\sum_{n=1}^{N}(p_n - y_n)^2`, 'p_k', latex`2(p_k - y_k)`],
    [latex`\sum_{n=1}^{N} p_n^2 + \sum_{m} p_m`, 'p_k', latex`2 p_k + 1`],
    // The bracket stays where bounds cut the range, or two bounds disagree about one slot.
    [latex`\sum_{i=2}^{N} x_i^2`, 'x_k', latex`2 [2 \le k \le N] x_k`],
    [latex`\sum_{i=1}^{3} x_i^2`, 'x_k', latex`2 [1 \le k \le 3] x_k`],
    [latex`\sum_{n=1}^{N}\sum_{i=1}^{n-1} x_i x_n`, 'x_k', latex`\sum_{n=1}^{N} [1 \le k \le n-1] x_n + \sum_{i=1}^{k-1} x_i`],
    [latex`\sum_{n=1}^{N} p_n^2 + \sum_{m=1}^{M} p_m`, 'p_k', latex`2 [1 \le k \le N] p_k + [1 \le k \le M]`],
    // A bound that is also an index (`y_N`) is no size symbol: it declares nothing.
    [latex`\sum_{n=1}^{N} p_n^2 + y_N`, 'p_k', latex`2 [1 \le k \le N] p_k`],
  ])('%s by %s', (f, wrt, expected) => {
    expect(toLatex(gradient(f, wrt))).toBe(expected);
  });
});

/** ∂f/∂p_k for every k by central differences (f is at most quadratic in each entry, so they are exact up to rounding). */
function differences(f: string, inputs: Inputs, array: string): number[] {
  const e = parse(f);
  const base = inputs.values[array] as number[];
  const at = (k: number, h: number) => {
    const moved = base.map((x, m) => (m === k ? x + h : x));
    return evaluate(e, { ...inputs, values: { ...inputs.values, [array]: moved } }).value as number;
  };
  return base.map((_, k) => (at(k, 1e-3) - at(k, -1e-3)) / 2e-3);
}

function agrees(f: string, wrt: string, inputs: Inputs, array: string): void {
  const want = differences(f, inputs, array);
  const d = gradient(f, wrt);
  // The derivative's index is an output even where it is read only as a number (`\sum_{i=1}^{k-1}`).
  const free = [wrt.slice(2)];
  const at = { ...inputs, sizes: { [free[0]!]: want.length } };
  for (const got of [evaluate(d, at, { free }).value, [...(compile(d, { free }).fn(at).value as Float64Array)]]) {
    const list = typeof got === 'number' ? [got] : (got as number[]);
    expect(list.length).toBe(want.length);
    list.forEach((g, k) => expect(Math.abs(g - want[k]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(g))));
  }
}

const entries = (n: number) => fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n });
const sized = (min: number) => fc.integer({ min, max: 5 }).chain((n) => fc.tuple(fc.constant(n), entries(n), entries(n)));

describe('the collapse under a declared range agrees with brute force', () => {
  test('Σ_{n=1}^{N} (p_n - y_n)^2 / N by p_n, N = 1..5', () => {
    fc.assert(fc.property(sized(1), ([n, p, y]) => {
      agrees(latex`\frac{1}{N}\sum_{n=1}^{N}(p_n - y_n)^2`, 'p_n', { values: { N: n, p, y } }, 'p');
    }), { numRuns: 30 });
  });

  test('Σ_{n=1}^{N} p_n^2 + Σ_m p_m y_m by p_k: the unbounded sum runs over 1..N too', () => {
    fc.assert(fc.property(sized(1), ([n, p, y]) => {
      agrees(latex`\sum_{n=1}^{N} p_n^2 + \sum_m p_m y_m`, 'p_k', { values: { N: n, p, y } }, 'p');
    }), { numRuns: 30 });
  });

  test('Σ_{n=1}^{N} Σ_{i=1}^{n-1} x_i x_n by x_k: the inner bounds cut, the outer declare (k ≤ N needs no bracket)', () => {
    fc.assert(fc.property(sized(1), ([n, x]) => {
      agrees(latex`\sum_{n=1}^{N}\sum_{i=1}^{n-1} x_i x_n`, 'x_k', { values: { N: n, x } }, 'x');
    }), { numRuns: 30 });
  });

  test('N = 0, an empty range: f is 0, and a derivative by p_k has no entry to evaluate', () => {
    const f = parse(latex`\sum_{n=1}^{N}(p_n - y_n)^2`);
    const inputs = { values: { N: 0, p: [], y: [] } };
    expect(evaluate(f, inputs).value).toBe(0);
    expect(compile(f).fn(inputs).value).toBe(0);
    expect(() => evaluate(gradient(latex`\sum_{n=1}^{N}(p_n - y_n)^2`, 'p_k'), inputs)).toThrow(/at least 1/);
  });
});

describe('where bounds cut the range, the bracket keeps the answer right', () => {
  // x is longer than the bounds: entries outside them have derivative 0.
  const cut = (min: number) => fc.tuple(fc.integer({ min, max: 5 }), fc.integer({ min: 0, max: 3 }))
    .chain(([n, extra]) => fc.tuple(fc.constant(n), entries(n + extra), fc.constant([] as number[])));

  test('Σ_{i=2}^{N} x_i^2 by x_k', () => {
    fc.assert(fc.property(cut(1), ([n, x]) => agrees(latex`\sum_{i=2}^{N} x_i^2`, 'x_k', { values: { N: n, x } }, 'x')), { numRuns: 30 });
  });

  test('two bounds on one slot (N, M): nothing declared, p may be longer than both', () => {
    const f = latex`\sum_{n=1}^{N} p_n^2 + \sum_{m=1}^{M} p_m`;
    fc.assert(fc.property(cut(0), fc.integer({ min: 0, max: 5 }), ([n, p], m) => {
      fc.pre(p.length >= 1 && p.length >= m);
      agrees(f, 'p_k', { values: { N: n, M: m, p } }, 'p');
    }), { numRuns: 30 });
  });
});

describe('an array of another length than the declared range is an error naming it', () => {
  const f = parse(latex`\frac{1}{N}\sum_{n=1}^{N}(p_n - y_n)^2`);
  const inputs = { values: { N: 3, p: [1, 2, 3, 4], y: [0, 0, 0, 0] } };
  test.each([
    ['interpreter', () => evaluate(f, inputs)],
    ['compiler', () => compile(f).fn(inputs)],
    ['given sizes', () => evaluate(f, { ...inputs, sizes: { n: 4 } })],
  ])('%s', (_, run) => {
    expect(run).toThrow(EvaluationError);
    expect(run).toThrow(/'p' has 4 entries .*1\.\.N .*N = 3/);
  });
  test('the right length is accepted, and bounds that cut the range accept a longer array', () => {
    expect(evaluate(f, { values: { N: 4, p: [1, 2, 3, 4], y: [0, 0, 0, 0] } }).value).toBe(7.5);
    expect(evaluate(parse(latex`\sum_{i=2}^{N} x_i`), { values: { N: 2, x: [1, 2, 3] } }).value).toBe(2);
  });
});
