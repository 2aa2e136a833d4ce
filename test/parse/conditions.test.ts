// Conditions under a reduction (issue 9): `\sum_{i \ne j} f_i` is `\sum_i [i \ne j] f_i`, the
// condition an Iverson bracket factor of the body; `\sum_{j=1, j \ne i}^{n}` keeps its bounds. It
// prints as the bracket form, which reads back to the same tree. Under `\prod` a condition is
// refused (a product skips a term, it does not multiply it by 0), and the condition must relate
// the bound index to another index or an integer.

import { describe, expect, test } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { cli } from '../cli/run.js';
import { accepts, add, type Expr, indexValue, inum, ivar, iverson, mul, neg, num, pow, rejects, rel, type RelOp, sum, v } from './helpers.js';

/** `[a op b]`, `a` the bound index; `b` a name, or `ix(…)` where it is an index used elsewhere (the parser's index value), or an integer. */
const ix = (name: string): Expr => indexValue(ivar(name));
const cond = (op: RelOp, a: string, b: string | number | Expr): Expr =>
  iverson(rel([op], [ix(a), typeof b === 'number' ? num(b) : typeof b === 'string' ? v(b) : b]));

export const ACCEPTED: [string, Expr, string][] = [
  ['\\sum_{i \\neq j} f_i', sum('i', mul([cond('!=', 'i', 'j'), v('f', 'i')])), '\\sum_{i} [i \\neq j] f_i'],
  ['\\sum_{i \\ne j} f_i', sum('i', mul([cond('!=', 'i', 'j'), v('f', 'i')])), '\\sum_{i} [i \\neq j] f_i'],
  ['\\sum_{j=1, j \\ne i}^{n} f_j', sum('j', mul([cond('!=', 'j', 'i'), v('f', 'j')]), inum(1), ivar('n')),
    '\\sum_{j=1}^{n} [j \\neq i] f_j'],
  ['\\sum^{n}_{j=1, j \\neq i} f_j', sum('j', mul([cond('!=', 'j', 'i'), v('f', 'j')]), inum(1), ivar('n')),
    '\\sum_{j=1}^{n} [j \\neq i] f_j'],
  ['\\sum_{i < j} f_{ij}', sum('i', mul([cond('<', 'i', ix('j')), v('f', 'i', 'j')])), '\\sum_{i} [i < j] f_{ij}'],
  ['\\sum_{i \\le j} f_{ij}', sum('i', mul([cond('<=', 'i', ix('j')), v('f', 'i', 'j')])), '\\sum_{i} [i \\le j] f_{ij}'],
  ['\\sum_{i > j} f_{ij}', sum('i', mul([cond('>', 'i', ix('j')), v('f', 'i', 'j')])), '\\sum_{i} [i > j] f_{ij}'],
  ['\\sum_{i \\geq j} f_{ij}', sum('i', mul([cond('>=', 'i', ix('j')), v('f', 'i', 'j')])), '\\sum_{i} [i \\ge j] f_{ij}'],
  ['\\sum_{i \\ne 2} x_i', sum('i', mul([cond('!=', 'i', 2), v('x', 'i')])), '\\sum_{i} [i \\neq 2] x_i'],
  ['\\sum_{j=0, j < k} x_j', sum('j', mul([cond('<', 'j', 'k'), v('x', 'j')]), inum(0)), '\\sum_{j=0} [j < k] x_j'],
  // The condition is a factor of the whole body, the product that follows the operator.
  ['\\sum_{i \\ne j} a_i b_i + c', add([sum('i', mul([cond('!=', 'i', 'j'), v('a', 'i'), v('b', 'i')])), v('c')]),
    '\\sum_{i} [i \\neq j] a_i b_i + c'],
  ['\\sum_i \\sum_{j \\ne i} (x_i - x_j)^2',
    sum('i', sum('j', mul([cond('!=', 'j', ix('i')), pow(add([v('x', 'i'), neg(v('x', 'j'))]), num(2))]))),
    '\\sum_{i} \\sum_{j} [j \\neq i] (x_i - x_j)^2'],
];

export const REJECTED: [string, string, number, number][] = [
  // A product under a condition has no Iverson-factor reading.
  ['\\prod_{i \\ne j} f_i', 'a condition under \\prod is not read', 1, 10],
  ['\\prod_{j=1, j < i}^{n} f_j', 'a condition under \\prod is not read', 1, 15],
  // The condition must constrain the bound index.
  ['\\sum_{j=1, k \\ne i}^{n} f_j', 'must constrain its index j', 1, 14],
  // Only an index or an integer on the other side.
  ['\\sum_{i \\ne x_2} f_i', "unexpected '_'", 1, 14],
  ['\\sum_{i < n+1} f_i', "unexpected '+'", 1, 12],
  ['\\sum_{i < j < k} f_i', "unexpected '<'", 1, 13],
  ['\\sum_{i \\ne j, k} f_i', "unexpected ','", 1, 14],
];

// Plain text writes the condition where LaTeX does: `sum(i != j, f[i])`, `sum(j=1..n, j != i, f[j])`.
export const TEXT_ACCEPTED: [string, Expr, string][] = [
  ['sum(i != j, f[i])', sum('i', mul([cond('!=', 'i', 'j'), v('f', 'i')])), 'sum(i, [i != j] * f[i])'],
  ['sum(j=1..n, j != i, f[j])', sum('j', mul([cond('!=', 'j', 'i'), v('f', 'j')]), inum(1), ivar('n')), 'sum(j=1..n, [j != i] * f[j])'],
  ['sum(i < j, f[i,j])', sum('i', mul([cond('<', 'i', ix('j')), v('f', 'i', 'j')])), 'sum(i, [i < j] * f[i,j])'],
  ['sum(i >= 2, x[i])', sum('i', mul([cond('>=', 'i', 2), v('x', 'i')])), 'sum(i, [i >= 2] * x[i])'],
  ['sum(i, sum(j != i, (x[i] - x[j])^2))',
    sum('i', sum('j', mul([cond('!=', 'j', ix('i')), pow(add([v('x', 'i'), neg(v('x', 'j'))]), num(2))]))),
    'sum(i, sum(j, [j != i] * (x[i] - x[j])^2))'],
];

export const TEXT_REJECTED: [string, string, number, number][] = [
  ['prod(i != j, f[i])', 'a condition under prod is not read', 1, 8],
  ['sum(j=1..n, k != i, f[j])', 'must constrain its index j', 1, 15],
  ['sum(i != x[2], f[i])', "unexpected '['", 1, 11],
  ['sum(i < j < k, f[i])', "unexpected '<'", 1, 11],
];

describe('conditions under a reduction, plain text', () => {
  test.each(TEXT_ACCEPTED)('%s', (input, expected, printed) => {
    accepts('text', input, expected);
    expect(toText(expected)).toBe(printed);
    accepts('text', printed, expected);
  });
  test.each(TEXT_REJECTED)('%s', (input, fragment, line, column) => rejects('text', input, fragment, line, column));
});

describe('conditions under a reduction: accepted, one parse each', () => {
  test.each(ACCEPTED)('%s', (input, expected, printed) => {
    accepts('latex', input, expected);
    expect(toLatex(expected)).toBe(printed);
    // The printed bracket form reads back to the same tree.
    accepts('latex', printed, expected);
  });
});

describe('conditions under a reduction: rejected', () => {
  test.each(REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});

describe('conditions under a reduction: derivatives', () => {
  test('∂/∂x_k Σ_{i≠j} x_i is [k ≠ j], every step checked', async () => {
    const r = await cli(['simplify', '--check', '\\frac{\\partial}{\\partial x_k} \\sum_{i \\ne j} x_i']);
    expect(r.out).toBe('[k \\neq j]');
    expect(r.err).toContain('steps: ok');
    expect(r.code).toBe(0);
  });
  test('the parsed tree is the bracket form', () => {
    expect(parse('\\sum_{i \\ne j} x_i', { syntax: 'latex' })).toBe(parse('\\sum_i [i \\ne j] x_i', { syntax: 'latex' }));
  });
});
