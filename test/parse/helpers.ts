// Short names for building expected trees in the parser's data tables.

import { expect } from 'vitest';
import { type Expr, type Index, inum, ivar, variable } from '../../src/core/ast.js';
import { parse, parseAll, ParseError, type Syntax } from '../../src/parse/index.js';

export * from '../../src/core/ast.js';

/** `v('w', 'j', 'k')`: a variable with index variables (or integers) as indices. */
export function v(name: string, ...indices: (string | number | Index)[]): Expr {
  return variable(name, indices.map(idx));
}
/** The same with the comma hint: `w_{j,k}`. */
export function vc(name: string, ...indices: (string | number | Index)[]): Expr {
  return variable(name, indices.map(idx), true);
}
export function idx(i: string | number | Index): Index {
  return typeof i === 'number' ? inum(i) : typeof i === 'string' ? ivar(i) : i;
}

/** `expect(parse(input)).toBe(expected)` with exactly one parse. */
export function accepts(syntax: Syntax, input: string, expected: Expr): void {
  expect(parseAll(input, { syntax })).toHaveLength(1);
  expect(parse(input, { syntax })).toBe(expected);
}

/** The input is rejected with a message containing `fragment`, at `line:column`. */
export function rejects(syntax: Syntax, input: string, fragment: string, line: number, column: number): void {
  let error: unknown;
  try {
    parse(input, { syntax });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParseError);
  const pe = error as ParseError;
  expect(pe.message).toContain(fragment);
  expect(`${pe.line}:${pe.column}`).toBe(`${line}:${column}`);
  expect(pe.message).not.toMatch(/\n/);
}
