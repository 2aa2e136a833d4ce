// The loop schedule of contractions (src/compile/kernel.ts `rowIndex`, `contract`): a Σ over a
// product written into a row-major array runs with the unit-stride free index innermost,
// register-tiled, and gives the interpreter's values at every size (tiles and remainders alike).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, type Expr, type Index, ivar, mul, sum, variable } from '../../src/core/ast.js';
import { randomInputs } from '../../src/check.js';
import { compile, compileAll } from '../../src/compile/index.js';
import { agree } from './agree.js';

const j = ivar('j');
const k = ivar('k');
const zk = sum('j', mul([variable('w', [j, k]), variable('o', [j])]));

/** Source lines of the innermost loops (a `for` whose body holds no other `for`). */
function innermost(src: string): string[] {
  const lines = src.split('\n');
  const bodies: string[] = [];
  lines.forEach((line, n) => {
    if (!/^\s*for \(/.test(line)) return;
    const indent = line.search(/\S/);
    const body: string[] = [];
    for (let m = n + 1; m < lines.length && lines[m]!.search(/\S/) > indent; m++) body.push(lines[m]!);
    if (!body.some((l) => /^\s*for \(/.test(l))) bodies.push(body.join('\n'));
  });
  return bodies;
}

describe('compile: loop order from memory layout', () => {
  it('runs Σ_j w_{jk} o_j along the rows of w: k innermost, four rows of w per partial sum', () => {
    const src = compile(call('sigmoid', [zk])).source;
    const inner = innermost(src);
    // The tiled loop: four reads of w at unit stride (row offset + k), one load and store of the partial sum.
    const tiled = inner.find((b) => (b.match(/x\d+\[o\d+ \+ i\d+\]/g) ?? []).length === 4);
    expect(tiled).toBeDefined();
    expect(tiled).toMatch(/(a\d+)\[(i\d+)\] = \1\[\2\] \+ t\d+ \+ t\d+ \+ t\d+ \+ t\d+;/);
    // No innermost loop multiplies a loop counter by an extent (a strided read).
    for (const b of inner) expect(b).not.toMatch(/i\d+ \* d\d+_\d+ \+/);
  });

  it('keeps a dot product innermost where the reads run along the summed index', () => {
    // Σ_k a_k w_{jk} over j: w's rows run along k, the summed index.
    const e = sum('k', mul([variable('a', [k]), variable('w', [j, k])]));
    const inner = innermost(compile(e).source);
    expect(inner.some((b) => /s\d+ \+= t\d+;/.test(b))).toBe(true);
  });

  it('tiles the batch of a batched layer: four rows of the batch share each read of w', () => {
    const b = ivar('b');
    const i = ivar('i');
    const e = sum('i', mul([variable('w', [i, j]), variable('x', [b, i])]));
    const src = compile(e, { free: ['b', 'j'] }).source;
    // w is x0, x is x1 (inputs in order of appearance): 4 × 4 products from four reads of w per step along j.
    const tiled = innermost(src).find((body) => (body.match(/out\[/g) ?? []).length === 8);
    expect(tiled).toBeDefined();
    expect(tiled!.match(/x0\[o\d+ \+ i\d+\]/g)).toHaveLength(4);
    expect(tiled!).not.toMatch(/x1\[/);
    expect(tiled!.match(/ \* /g)).toHaveLength(16);
  });

  const letters = ['a', 'b', 'c'] as const;
  const slotOrder = fc.shuffledSubarray(['a', 'b', 'c', 'r'], { minLength: 1 });
  it('agrees with the interpreter for random contractions, output orders and sizes (fast-check)', () => {
    fc.assert(fc.property(
      fc.array(slotOrder, { minLength: 1, maxLength: 3 }),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 1000 }),
      (reads, sizes, reversed, seed) => {
        const factors: Expr[] = reads.map((slots, n) => variable(`x${n}`, slots.map((s): Index => ivar(s))));
        if (!reads.some((slots) => slots.includes('r'))) factors.push(variable('v', [ivar('r')]));
        const e = sum('r', factors.length === 1 ? factors[0]! : mul(factors));
        const used = letters.filter((l) => reads.some((slots) => slots.includes(l)));
        const free = reversed ? [...used].reverse() : used;
        const inputs = randomInputs([e], { seed, sizes: { a: sizes[0]!, b: sizes[1]!, c: sizes[2]!, r: sizes[3]! } });
        expect(agree(e, inputs, free)).toBeGreaterThan(0);
      },
    ), { numRuns: 300 });
  });

  it('gives the same numbers, bit for bit, as the dot-product order (terms added in the same order)', () => {
    const e = zk;
    for (const [J, K] of [[1, 1], [3, 5], [4, 4], [9, 2], [100, 10]] as const) {
      const inputs = randomInputs([e], { seed: J * K, sizes: { j: J, k: K } });
      const w = inputs.values.w as number[][];
      const o = inputs.values.o as number[];
      const expected = Array.from({ length: K }, (_, kk) => {
        let s = 0;
        for (let jj = 0; jj < J; jj++) s += w[jj]![kk]! * o[jj]!;
        return s;
      });
      expect([...(compile(e).fn(inputs).value as Float64Array)]).toEqual(expected);
      expect([...(compileAll([e]).fn(inputs)[0]!.value as Float64Array)]).toEqual(expected);
    }
  });
});
