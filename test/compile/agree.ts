// The compiler's oracle check, shared by the compile tests: compiled and
// interpreted values agree to 1e-12 relative, or both refuse alike.

import { expect } from 'vitest';
import type { Expr } from '../../src/core/ast.js';
import { compile } from '../../src/compile/index.js';
import { evaluate, EvaluationError } from '../../src/evaluate.js';
import type { Inputs, NestedArray } from '../../src/values.js';

export function flatten(v: number | NestedArray): number[] {
  return typeof v === 'number' ? [v] : v.flatMap((x) => flatten(x));
}

/**
 * Compiled and interpreted agree to 1e-12 (relative) at every index
 * assignment, or both refuse with an EvaluationError. Returns the number of
 * values compared (0 when both refused).
 */
export function agree(e: Expr, inputs: Inputs, free?: readonly string[], symbols?: readonly string[]): number {
  let expected: number[] | Error;
  try {
    expected = flatten(evaluate(e, inputs, { free, symbols }).value);
  } catch (err) {
    expected = err as Error;
  }
  let got: number[] | Error;
  try {
    const r = compile(e, { free, symbols }).fn(inputs);
    got = typeof r.value === 'number' ? [r.value] : [...r.value];
  } catch (err) {
    got = err as Error;
  }
  if (expected instanceof Error || got instanceof Error) {
    const both = `compiled: ${String(got)}; interpreted: ${String(expected)}`;
    expect(got instanceof EvaluationError, both).toBe(expected instanceof EvaluationError);
    expect(expected instanceof EvaluationError, both).toBe(true);
    return 0;
  }
  expect(got.length).toBe(expected.length);
  got.forEach((g, i) => {
    const x = expected[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(g)) expect(g, `entry ${i}`).toBe(x);
    else expect(Math.abs(g - x), `entry ${i}: ${g} vs ${x}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
  });
  return got.length;
}
