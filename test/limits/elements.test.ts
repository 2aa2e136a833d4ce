// The cap on the elements of one evaluation (src/values.ts MAX_ELEMENTS, `maxElements`,
// `eval --max-elements`): an evaluation is refused, before it allocates or loops, when its
// output entries plus the terms of its sums (at every assignment of each sum's free indices)
// pass the cap; at the cap it runs.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { evaluate, EvaluationError, type Inputs } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { MAX_ELEMENTS } from '../../src/values.js';
import { cli } from '../cli/run.js';

const ones = (n: number) => Array.from({ length: n }, () => 1);

/** Formulas with their element count at sizes J, K, n (by hand: output entries, plus each sum's terms at each assignment of its free indices). */
const CASES: readonly { text: string; elements: (J: number, K: number, n: number) => number; values: (J: number, K: number, n: number) => Inputs }[] = [
  { text: String.raw`\sum_j \sum_k w_{jk} x_k`, elements: (J, K) => 1 + J + J * K, values: (J, K) => ({ values: { w: ones(J).map(() => ones(K)), x: ones(K) } }) },
  { text: String.raw`\sum_k w_{jk} x_k`, elements: (J, K) => J + J * K, values: (J, K) => ({ values: { w: ones(J).map(() => ones(K)), x: ones(K) } }) },
  { text: String.raw`\sum_j x_j + \sum_k y_k`, elements: (J, K) => 1 + J + K, values: (J, K) => ({ values: { x: ones(J), y: ones(K) } }) },
  { text: String.raw`\sum_{j=1}^{n} x_j`, elements: (_J, _K, n) => 1 + Math.max(1, n), values: (_J, _K, n) => ({ values: { x: ones(Math.max(1, n)), n: Math.max(1, n) } }) },
  { text: String.raw`x_j y_k`, elements: (J, K) => J * K, values: (J, K) => ({ values: { x: ones(J), y: ones(K) } }) },
];

describe('the element cap', () => {
  test.each(CASES.map((c) => [c.text, c] as const))('%s: runs at the cap, refused one below it (interpreter and compiler)', (_t, c) => {
    const expr = parse(c.text);
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }), (J, K, n) => {
      const inputs = c.values(J, K, n);
      const at = c.elements(J, K, n);
      const compiled = compile(expr, { maxElements: at });
      expect(() => evaluate(expr, inputs, { maxElements: at })).not.toThrow();
      expect(() => compiled.fn(inputs)).not.toThrow();
      if (at > 1) {
        expect(() => evaluate(expr, inputs, { maxElements: at - 1 })).toThrow(EvaluationError);
        expect(() => compile(expr, { maxElements: at - 1 }).fn(inputs)).toThrow(/would touch .* elements .* more than the limit/);
      }
    }), { seed: 14, numRuns: 40 });
  });

  test('sizes of 1e10 and 1e15 are refused at once, by default', () => {
    for (const n of [1e10, 1e15]) {
      const t = performance.now();
      expect(() => evaluate(parse(String.raw`\sum_j j`), { sizes: { j: n }, values: {} })).toThrow(`more than the limit ${MAX_ELEMENTS}`);
      expect(() => compile(parse(String.raw`x \delta_{jk}`)).fn({ sizes: { j: n, k: 2 }, values: { x: 1 } })).toThrow(EvaluationError);
      expect(performance.now() - t).toBeLessThan(500);
    }
  });

  test('eval --max-elements: exit 2 naming the sizes; a bad value is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-elements-'));
    writeFileSync(join(dir, 'v.json'), JSON.stringify({ sizes: { j: 30000, k: 30000 }, values: { x: 1 } }));
    const big = await cli(['eval', String.raw`x \delta_{jk}`, '--values', join(dir, 'v.json')]);
    expect(big.code).toBe(2);
    expect(big.err).toBe('error: this evaluation would touch 9.00e+8 elements (sizes j = 30000, k = 30000), more than the limit 100000000; give smaller sizes or raise the limit (--max-elements, or the maxElements option)');
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ values: { x: [1, 2, 3] } }));
    const small = ['eval', String.raw`\sum_j x_j`, '--values', join(dir, 'w.json')];
    expect((await cli([...small, '--max-elements', '4'])).out).toBe('{"free":[],"shape":[],"value":6}');
    expect((await cli([...small, '--max-elements', '3'])).code).toBe(2);
    for (const bad of ['0', '1.5', 'lots']) {
      const r = await cli([...small, '--max-elements', bad]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--max-elements must be a positive integer');
    }
  });
});
