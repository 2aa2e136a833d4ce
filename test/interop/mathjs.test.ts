// mathjs interop: every scalar formula of the derivative corpus and its derivative round-trip
// through mathjs node trees, and mathjs evaluates toMathjs(result) to Kronecker's value;
// indexed formulas (sums, δ, shifted indices) evaluate the same at every index assignment.

import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { children, type Expr, sameShape, type Var } from '../../src/core/ast.js';
import { allIndexNames, freeIndices } from '../../src/core/indices.js';
import { inputKey } from '../../src/core/names.js';
import { unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { InputError } from '../../src/core/errors.js';
import { parse } from '../../src/parse/index.js';
import { fromMathjs, importKronecker, toMathjs } from '../../src/interop/mathjs.js';
import { CORPUS } from '../corpus.js';
import { prepare } from '../derive/corpus.test.js';

const math = importKronecker(create(all));

function variablesOf(e: Expr): Var[] {
  return e.kind === 'var' ? [e] : children(e).flatMap(variablesOf);
}

/** Kronecker's value and mathjs' value of toMathjs(e), relative difference. */
function agree(e: Expr, values: Record<string, number | number[] | number[][]>, sizes: Record<string, number>, at: Record<string, number>): void {
  const ours = evaluate(e, { values, sizes }, { free: Object.keys(at) });
  // Kronecker's tensor over the free indices, picked at `at` (1-based, as mathjs reads it).
  let got: unknown = ours.value;
  for (const n of Object.keys(at)) got = (got as unknown[])[at[n]! - 1];
  // N_j is j's extent; a primed copy j' (mathjs j_) has j's.
  const extents = Object.fromEntries([...allIndexNames(e, new Set<string>())].map((k) => [`N_${k.replace(/'/g, '_')}`, sizes[k.replace(/'/g, '')]]));
  const want = math.evaluate(toMathjs(e).toString(), { ...values, ...extents, ...at }) as number;
  expect(Math.abs((got as number) - want) / Math.max(1, Math.abs(want))).toBeLessThan(1e-12);
}

describe('the scalar corpus through mathjs', () => {
  const scalar = CORPUS.filter((e) => e.tags.includes('scalar'));
  it('has scalar entries', () => expect(scalar.length).toBeGreaterThan(10));
  it.each(scalar.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    const { definitions, target, wrt } = prepare(entry);
    const f = unfoldAll(target, definitions);
    const result = unfoldAll(derive(target, wrt, { definitions }).result, definitions);
    for (const e of [f, result]) expect(sameShape(fromMathjs(toMathjs(e)), e)).toBe(true);
    // A scalar entry may still sum over an index of a vector input (Σ_j a x_j): every index runs over 1..3.
    const arity = new Map([...variablesOf(f), ...variablesOf(result)].map((v) => [inputKey(v), v.indices.length]));
    const sizes = Object.fromEntries([...allIndexNames(f, new Set<string>())].map((n) => [n, 3]));
    for (let trial = 0; trial < 4; trial++) {
      const values: Record<string, number | number[]> = {};
      for (const [v, n] of arity) {
        const x = (k: number) => (entry.positive?.includes(v) ? 0.3 + trial * 0.37 + k * 0.11 : -1.3 + trial * 0.61 + k * 0.23);
        values[v] = n === 0 ? x(0) : [x(0), x(1), x(2)];
      }
      agree(result, values, sizes, {});
    }
  });
});

describe('indexed formulas through mathjs', () => {
  const cases = [
    ['\\sum_j w_{jk} o_j', 'w_{jk}'],
    ['\\sum_k (t_k - \\sigma(\\sum_j w_{jk} o_j))^2', 'w_{jk}'],
    ['\\log \\sum_i e^{z_i}', 'z_j'],
    ['\\sum_{i=1}^{n-1} x_{i+1} x_i', 'x_k'],
    ['\\prod_i x_i + \\sum_i \\delta_{ij} x_i^2', 'x_j'],
  ] as const;
  it.each(cases)('%s by %s', (text, by) => {
    const f = parse(text);
    const d = derive(f, by).result;
    const sizes = { i: 3, j: 3, k: 2 };
    const values = { w: [[0.1, -0.2], [0.3, 0.5], [-0.7, 0.2]], o: [0.4, -1.1, 0.9], t: [0.2, 0.8], z: [0.3, -0.4, 1.2], x: [0.5, 1.5, -0.8], n: 3 };
    for (const e of [f, d]) {
      expect(sameShape(fromMathjs(toMathjs(e)), e)).toBe(true);
      const free = [...freeIndices(e)].sort();
      // Inner positions: mathjs evaluates a term whose Iverson bracket is 0 too, so x_{k-1} must exist.
      const at = Object.fromEntries(free.map((n) => [n, 2]));
      agree(e, values, { ...sizes, n: 3 }, at);
    }
  });

  it('the plugin differentiates a mathjs sum by an entry, with index semantics', () => {
    const got = math.derivativeIndexed('sum(map(1:N_j, f_j(j) = w[j, k] * o[j]))', 'w[j, k]');
    expect(sameShape(fromMathjs(got), parse('o_j'))).toBe(true);
    const simplified = math.simplifyIndexed('sum(map(1:N_j, f_j(j) = (j == k ? 1 : 0) * o[j]))');
    expect(sameShape(fromMathjs(simplified), parse('o_k'))).toBe(true);
  });

  it('refuses what mathjs cannot express, saying what', () => {
    expect(() => toMathjs(parse('\\frac{\\partial}{\\partial x} x^2'))).toThrow(/unevaluated derivative/);
    expect(() => toMathjs(parse('\\hat{y}^2'))).toThrow(InputError);
    // Issue 11: the inverse and the determinant of matrix notation.
    expect(() => toMathjs(parse('\\sum_i \\sum_j a_i (X^{-1})_{ij} b_j'))).toThrow(/an entry of the inverse of X has no mathjs node/);
    expect(() => toMathjs(parse('\\ln\\det X'))).toThrow(/the determinant of X/);
    expect(() => toMathjs('x' as unknown as Expr)).toThrow(TypeError);
    expect(() => fromMathjs(math.parse('[1, 2]'))).toThrow(/no Kronecker form/);
  });
});
