// One test for "is this an equation", next to `equation()` (src/core/ast.ts).

import { expect, test } from 'vitest';
import { equation, type Expr, isEquation, rel, variable } from '../../src/core/ast.js';
import { parse } from '../../src/parse/index.js';

test('isEquation: one "=", nothing else', () => {
  const [a, b, c] = [variable('a'), variable('b'), variable('c')];
  expect(isEquation(equation(a, b))).toBe(true);
  expect(isEquation(rel(['=', '='], [a, b, c]))).toBe(false);
  expect(isEquation(rel(['<='], [a, b]))).toBe(false);
  expect(isEquation(a as Expr)).toBe(false);
  expect(isEquation(parse('x = y + 1'))).toBe(true);
  expect(isEquation(parse('1 \\le n \\le N'))).toBe(false);
});
