// The emitted module's `into(values, out, sizes)`: the same numbers as `run`, written into the
// caller's array, for inputs updated in place between calls.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { add, call, inum, ivar, mul, neg, num, sum, variable } from '../../src/core/ast.js';
import { compile, emitModule } from '../../src/compile/index.js';
import { randomInputs } from '../../src/check.js';

type Module = {
  run: (v: object, s?: object) => Float64Array | number;
  into: (v: object, out: Float64Array, s?: object) => Float64Array;
};

async function load(src: string, name: string): Promise<Module> {
  const file = join(mkdtempSync(join(tmpdir(), 'kronecker-')), `${name}.mjs`);
  writeFileSync(file, src);
  return (await import(pathToFileURL(file).href)) as Module;
}

const j = ivar('j');
const k = ivar('k');
const z = sum('j', mul([variable('w', [j, k]), variable('o', [j])]));
const s = call('sigmoid', [z]);
const seed = mul([num(-2), add([variable('t', [k]), neg(s)]), s, add([num(1), neg(s)]), variable('o', [j])]);

describe('emitModule into()', () => {
  it('writes what run returns into the given array, and follows inputs changed in place', async () => {
    const c = compile(seed);
    const m = await load(emitModule(c), 'seed');
    for (const [J, K] of [[7, 3], [100, 10], [5, 9]] as const) {
      const inputs = randomInputs([seed], { seed: J, sizes: { j: J, k: K } });
      const values = Object.fromEntries(Object.entries(inputs.values).map(([key, v]) => [key, Float64Array.from((v as number[][]).flat(2) as number[])]));
      const out = new Float64Array(J * K);
      expect(m.into(values, out, { j: J, k: K })).toBe(out);
      expect([...out]).toEqual([...(m.run(values, { j: J, k: K }) as Float64Array)]);
      expect([...out]).toEqual([...(c.fn({ values, sizes: { j: J, k: K } }).value as Float64Array)]);
      // Sizes inferred from the 1-d arrays, as run does; a weight changed in place is read anew.
      (values.w as Float64Array)[0] += 1;
      m.into(values, out);
      expect([...out]).toEqual([...(m.run(values) as Float64Array)]);
    }
  });

  it('handles slots read only through offsets and size symbols', async () => {
    const e = mul([sum('j', variable('o', [ivar('j', 1)]), inum(1), ivar('n')), variable('t', [k])]);
    const m = await load(emitModule(compile(e)), 'offsets');
    const out = new Float64Array(2);
    m.into({ o: new Float64Array([1, 2, 4]), t: new Float64Array([1, 10]), n: 2 }, out);
    expect([...out]).toEqual([6, 60]);
    m.into({ o: new Float64Array([1, 2, 4]), t: new Float64Array([1, 10]), n: 1 }, out);
    expect([...out]).toEqual([2, 20]);
  });
});
