// Properties of simplify on random expressions: it preserves the value (checked
// with the reference interpreter at every index assignment), it is idempotent,
// its steps chain up to its result, and it terminates.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  add, call, delta, div, type Expr, inum, ivar, mul, neg, num, pow, sum, variable,
} from '../../src/core/ast.js';
import { evaluate, type NestedArray } from '../../src/evaluate.js';
import { freeIndices, substituteIndex } from '../../src/core/indices.js';
import { toText } from '../../src/print/index.js';
import { canonical, equivalent, simplify } from '../../src/simplify/index.js';

const LETTERS = ['i', 'j', 'k'] as const;
const N = 3;

/** Random expressions over x_i, y_{ij}, a, b, δ, Σ — all of them evaluable (denominators stay positive). */
function arb(depth: number): fc.Arbitrary<Expr> {
  const letter = fc.constantFrom(...LETTERS).map((l) => ivar(l));
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.integer({ min: -2, max: 3 }).map(num),
    fc.constantFrom('a', 'b').map((name) => variable(name)),
    letter.map((i) => variable('x', [i])),
    fc.tuple(letter, letter).map(([i, j]) => variable('y', [i, j])),
    fc.tuple(letter, letter).map(([i, j]) => delta(i, j)),
  );
  if (depth === 0) return leaf;
  const sub = arb(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map(add) },
    { weight: 3, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map(mul) },
    { weight: 1, arbitrary: sub.map(neg) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...LETTERS), sub).map(([l, b]) => sum(l, b)) },
    // Bounded sums: numeric bounds, or a triangular upper bound (another letter).
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...LETTERS), fc.constantFrom(1, 2), fc.oneof(letter, fc.constantFrom(1, 2, 3).map(inum)), sub)
        .map(([l, lo, hi, b]) => sum(l, b, inum(lo), hi.kind === 'ivar' && hi.name === l ? inum(N) : hi)),
    },
    { weight: 1, arbitrary: fc.tuple(sub, fc.integer({ min: 0, max: 3 })).map(([b, k]) => pow(b, num(k))) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => div(a, add([num(1), pow(b, num(2))]))) },
    { weight: 1, arbitrary: sub.map((a) => call('sigmoid', [a])) },
  );
}

const seededValues = (seed: number): Record<string, number | NestedArray> => {
  let s = seed;
  const r = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const vec = () => Array.from({ length: N }, r);
  return { a: r(), b: r(), x: vec(), y: Array.from({ length: N }, vec) };
};

function flat(v: number | NestedArray): number[] {
  return typeof v === 'number' ? [v] : v.flatMap(flat);
}

function value(e: Expr, free: readonly string[], values: Record<string, number | NestedArray>): number[] {
  const sizes = Object.fromEntries(LETTERS.map((l) => [l, N]));
  // Every variable is given: one the simplified form no longer reads is ignored.
  return flat(evaluate(e, { sizes, values }, { free }).value);
}

const sub2 = (a: Expr, b: Expr) => add([a, neg(b)]);

const close = (a: number[], b: number[]) =>
  a.length === b.length && a.every((x, k) => Math.abs(x - b[k]!) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(b[k]!)));

describe('simplify on random expressions', () => {
  const stats = { total: 0, changed: 0 };
  test('preserves the value at every index assignment', () => {
    fc.assert(fc.property(arb(3), fc.integer({ min: 1, max: 1e6 }), (e, seed) => {
      const free = [...freeIndices(e)].sort();
      const values = seededValues(seed);
      const before = value(e, free, values);
      const after = value(simplify(e).result, free, values);
      stats.total++;
      if (simplify(e).result !== e) stats.changed++;
      if (!close(before, after)) throw new Error(`${toText(e)} ⇒ ${toText(simplify(e).result)}: ${before} vs ${after}`);
    }), { numRuns: 400 });
    // The property must exercise the rules, not just pass through.
    expect(stats.changed).toBeGreaterThan(stats.total / 2);
  });

  test('is idempotent', () => {
    fc.assert(fc.property(arb(3), (e) => {
      const once = simplify(e).result;
      expect(toText(simplify(once).result)).toBe(toText(once));
      expect(simplify(once).result).toBe(once);
    }), { numRuns: 400 });
  });

  test('records steps that chain from the input to the result', () => {
    fc.assert(fc.property(arb(3), (e) => {
      const { result, steps } = simplify(e, { steps: true });
      expect(result).toBe(simplify(e).result);
      let at = e;
      for (const st of steps) {
        expect(st.before).toBe(at);
        expect(st.focus).not.toBe(st.replacement);
        at = st.after;
      }
      expect(at).toBe(result);
    }), { numRuns: 200 });
  });

  test('equivalent is reflexive under renaming and reordering', () => {
    fc.assert(fc.property(arb(2), arb(2), (a, b) => {
      expect(equivalent(add([a, b]), add([b, a]))).toBe(true);
      expect(equivalent(mul([a, b]), mul([b, a]))).toBe(true);
      // α-renaming the binder (capture-avoiding) does not change the canonical form.
      expect(canonical(sum("i'", substituteIndex(a, 'i', ivar("i'"))))).toBe(canonical(sum('i', a)));
      expect(equivalent(sub2(add([a, b]), add([b, a])), num(0))).toBe(true);
    }), { numRuns: 200 });
  });
});
