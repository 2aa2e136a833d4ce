// Speed, termination and step records on inputs beyond the rule tables.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { add, call, delta, type Expr, isReduction, ivar, mul, neg, num, pow, sum, variable } from '../../src/core/ast.js';
import { RULE_IDS } from '../../src/core/steps.js';
import { simplify } from '../../src/simplify/index.js';
import { arbExpr } from '../arbitrary.js';
import { d, n, sub, times, v } from './helpers.js';

/** The seed's ∂E/∂w_{jk} as the differentiator leaves it, with fresh names so no memo helps. */
function seedDerivative(tag: string): Expr {
  const o = (i: string) => v(`o${tag}`, i);
  const z = sum('j', times(v('w', 'j', 'k'), o('j')));
  const s = call('sigmoid', [z], '\\text{sigmoid}');
  return sum("k'", times(n(2), sub(v('t', "k'"), o("k'")), neg(times(s, sub(n(1), s))),
    sum("j'", times(d("j'", 'j'), d("k'", 'k'), o("j'")))));
}

describe('the seed', () => {
  test('∂E/∂w_{jk} simplifies to -2(t_k - o_k) σ(z)(1 - σ(z)) o_j', () => {
    const z = sum('j', times(v('w', 'j', 'k'), v('o', 'j')));
    const s = call('sigmoid', [z], '\\text{sigmoid}');
    expect(simplify(seedDerivative('')).result).toBe(times(n(-2), sub(v('t', 'k'), v('o', 'k')), s, sub(n(1), s), v('o', 'j')));
  });

  test('steps chain, name the collapse, and end at the result', () => {
    const e = seedDerivative('');
    const { result, steps } = simplify(e, { steps: true });
    expect(steps[0]!.before).toBe(e);
    for (let k = 1; k < steps.length; k++) expect(steps[k]!.before).toBe(steps[k - 1]!.after);
    expect(steps.at(-1)!.after).toBe(result);
    const rules = steps.map((st) => st.rule);
    expect(rules.filter((r) => r === 'sum.delta-collapse')).toHaveLength(2);
    expect(rules.every((r) => (RULE_IDS as readonly string[]).includes(r))).toBe(true);
    const collapse = steps.find((st) => st.rule === 'sum.delta-collapse')!;
    expect(isReduction(collapse.focus, 'sum')).toBe(true);
  });

  test('simplifies in well under a millisecond', () => {
    for (let k = 0; k < 50; k++) simplify(seedDerivative(`warm${k}`));
    const runs = 200;
    const inputs = Array.from({ length: runs }, (_, k) => seedDerivative(`t${k}`));
    const t0 = performance.now();
    for (const e of inputs) simplify(e);
    const each = (performance.now() - t0) / runs;
    // ~0.1–0.3 ms alone; the bound leaves room for test files running in parallel on a shared machine.
    expect(each).toBeLessThan(1);
  });
});

describe('size and termination', () => {
  const bigSum = (size: number) => add(Array.from({ length: size }, (_, k) => mul([num(k % 7 + 1), variable(`x${k % (size / 2)}`)])));

  test('a 1000-term sum is collected in linear-ish time', () => {
    simplify(bigSum(200));
    const time = (size: number) => {
      const e = bigSum(size);
      const t0 = performance.now();
      const r = simplify(e).result;
      expect(r.kind === 'add' && r.terms.length).toBe(size / 2);
      return performance.now() - t0;
    };
    const small = time(1000);
    const large = time(8000);
    expect(small).toBeLessThan(100);
    expect(large / small).toBeLessThan(8 * 4); // 8× the size, far from 64× (quadratic)
  });

  test('deep compositions terminate and stay shared', () => {
    let e: Expr = variable('x');
    for (let k = 0; k < 300; k++) e = call('sigmoid', [add([mul([num(1), e]), num(0)])]);
    let r = simplify(e).result;
    for (let k = 0; k < 300; k++) {
      expect(r.kind).toBe('call');
      r = (r as Expr & { kind: 'call' }).args[0]!;
    }
    expect(r).toBe(variable('x'));
  });

  test('many deltas in one sum collapse', () => {
    const body = mul(Array.from({ length: 50 }, (_, k) => delta(ivar('i'), ivar(`a${k}`))));
    const r = simplify(sum('i', mul([body, v('x', 'i')]))).result;
    expect(r.kind).toBe('mul');
    expect(JSON.stringify(r)).not.toContain('"sum"');
  });

  test('random expressions of every kind terminate and are idempotent', () => {
    fc.assert(fc.property(arbExpr({ maxDepth: 3 }), (e) => {
      const once = simplify(e).result;
      expect(simplify(once).result).toBe(once);
    }), { numRuns: 300 });
  });

  test('powers of sums are left alone', () => {
    const e = pow(add([v('x'), v('y')]), num(2));
    expect(simplify(e).result).toBe(e);
  });
});
