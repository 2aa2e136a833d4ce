// The rewriting engine: one id per rule, and a run that says why it stopped.

import { describe, expect, test } from 'vitest';
import { add, equation, type Expr, num, variable } from '../../src/core/ast.js';
import { compileRules, type Memo, type Rule, type RuleContext, run } from '../../src/simplify/engine.js';
import { simplify } from '../../src/simplify/index.js';
import { RULES } from '../../src/simplify/rules/index.js';

const ctx: RuleContext = { sizes: {}, sameRange: () => false, declared: () => undefined, floor: () => 1, assumptions: [] };
const x = variable('x');
const y = variable('y');
const zero = num(0);

describe('rule ids', () => {
  test('two rules with one id are refused when the table is built', () => {
    const a: Rule = { id: 'alg.add-zero', kinds: ['add'], apply: () => null };
    const b: Rule = { id: 'alg.add-zero', kinds: ['mul'], apply: () => null };
    expect(() => compileRules([a, b])).toThrow(/two rules have the id 'alg.add-zero'/);
    expect(() => compileRules([a, { ...b, id: 'alg.mul-one' }])).not.toThrow();
  });

  test("the simplifier's table holds each rule once", () => {
    const rules = new Set([...RULES.values()].flat());
    const ids = [...rules].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('why a run stops', () => {
  // (x + 0) + (y + 0) needs two rewrites (x + 0 = x, y + 0 = y).
  const e: Expr = add([add([x, zero]), add([y, zero])]);

  test('a fixpoint', () => {
    expect(simplify(e)).toMatchObject({ result: add([x, y]), stop: 'fixpoint' });
    expect(run(e, RULES, ctx, { memo: new Map(), fuel: 2, steps: false }).stop).toBe('fixpoint');
  });

  test('the fuel budget, with the partly normalised result; a cut-short result is not memoised', () => {
    const memo: Memo = new Map();
    const cut = run(e, RULES, ctx, { memo, fuel: 1, steps: false });
    expect(cut.stop).toBe('fuel');
    expect(cut.result).toBe(add([x, add([y, zero])]));
    // The same memo with fuel to spare reaches the fixpoint: nothing half-done was kept for e.
    expect(run(e, RULES, ctx, { memo, fuel: 100, steps: false })).toMatchObject({ result: add([x, y]), stop: 'fixpoint' });
  });

  test('the cycle guard, also when the result comes from the memo', () => {
    const a = variable('a');
    const b = variable('b');
    const assumptions = [equation(a, b), equation(b, a)];
    expect(simplify(a, { assumptions }).stop).toBe('cycle');
    expect(simplify(a, { assumptions }).stop).toBe('cycle');
    expect(simplify(add([a, x]), { assumptions }).stop).toBe('cycle');
    expect(simplify(x, { assumptions }).stop).toBe('fixpoint');
  });
});
