// The emitted module (`kronecker compile --emit js`, src/compile/module.ts) checks its inputs
// with the library's own code (src/values.ts `bind`, whose source it carries): whatever
// compile().fn refuses, run() refuses with the same message; whatever fn accepts, run computes
// the same numbers from.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { compile, emitModule } from '../../src/compile/index.js';
import { parse } from '../../src/parse/index.js';
import type { InputValue } from '../../src/values.js';

type Run = (values: Record<string, unknown>, sizes?: Record<string, unknown>) => number | Float64Array;

async function moduleOf(text: string): Promise<{ run: Run; fn: ReturnType<typeof compile>['fn'] }> {
  const c = compile(parse(text));
  const file = join(mkdtempSync(join(tmpdir(), 'kronecker-module-')), 'm.mjs');
  writeFileSync(file, emitModule(c));
  const m = (await import(pathToFileURL(file).href)) as { run: Run };
  return { run: m.run, fn: c.fn };
}

/** What a call does: its numbers, or its error's class name and message. */
function outcome(f: () => number | Float64Array | { value: number | Float64Array }): unknown {
  try {
    const r = f();
    const v = typeof r === 'object' && !(r instanceof Float64Array) ? r.value : r;
    return typeof v === 'number' ? v : [...v];
  } catch (e) {
    return { error: (e as Error).name, message: (e as Error).message };
  }
}

const F = (xs: number[]) => new Float64Array(xs);

/** Per formula, calls (values, sizes) that are right and wrong in every way the issue lists. */
const CASES: readonly [string, readonly [Record<string, unknown>, Record<string, unknown> | undefined][]][] = [
  [String.raw`\sum_k w_{jk} x_k`, [
    [{ w: F([1, 2, 3, 4, 5, 6]), x: F([1, 0, 2]) }, { j: 2, k: 3 }], // right
    [{ w: F([1, 2, 3, 4, 5, 6]), x: F([1, 0, 2]) }, { j: 3, k: 2 }], // transposed sizes
    [{ w: F([1, 2, 3, 4, 5, 6]), x: F([1, 0, 2]) }, {}], // missing sizes (w is flat)
    [{ w: [[1, 2, 3], [4, 5, 6]], x: [1, 0, 2] }, undefined], // nested arrays: shapes give the sizes
    [{ w: [[1, 2, 3], [4, 5]], x: [1, 0, 2] }, undefined], // ragged
    [{ w: [[1, 2, 3], [4, 5, 6]], x: [1, 0] }, undefined], // wrong length
    [{ w: F([1, 2, 3, 4, 5, 6]), x: F([1, 0, 2]) }, { j: 2.5, k: 3 }], // fractional size
    [{ w: F([1, 2, 3, 4, 5, 6]) }, { j: 2, k: 3 }], // missing input
    [{ w: F([1, 2, 3, 4, 5, 6]), x: 'abc' }, { j: 2, k: 3 }], // not an array
    [{ w: [[[1]]], x: [1] }, undefined], // too many dimensions
  ]],
  [String.raw`\sum_{j=1}^{n} a_j + b`, [
    [{ a: F([1, 2, 3]), b: 1, n: 3 }, undefined],
    [{ a: F([1, 2, 3]), b: 1, n: 2 }, undefined], // the bounds run over n = 2, a has 3
    [{ a: F([1, 2, 3]), b: [1], n: 3 }, undefined], // a scalar given an array
    [{ a: F([1, 2, 3]), b: 1 }, undefined], // a size symbol missing
    [{ a: F([1, 2, 3]), b: 1, n: -1 }, undefined],
  ]],
];

describe('the emitted module checks its inputs as compile().fn does', () => {
  test.each(CASES.map(([t, calls]) => [t, calls] as const))('%s', async (text, calls) => {
    const { run, fn } = await moduleOf(text);
    let errors = 0;
    for (const [values, sizes] of calls) {
      const viaFn = outcome(() => fn({ values: values as Record<string, InputValue>, sizes: sizes as Record<string, number> | undefined }));
      const viaModule = outcome(() => run(values, sizes));
      expect(viaModule, JSON.stringify({ values, sizes })).toEqual(viaFn);
      if (typeof viaFn === 'object' && viaFn !== null && 'error' in viaFn) errors++;
    }
    expect(errors).toBeGreaterThanOrEqual(calls.length - 3);
  });
});
