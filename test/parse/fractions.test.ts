// `\frac` with unbraced arguments, as TeX reads them (each argument is one token):
// `\frac12` is `\frac{1}{2}`, `\frac1m` is `\frac{1}{m}`; a decimal is refused (TeX would split it).

import { describe, expect, test } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { accepts, add, div, type Expr, mul, num, pow, reduce, rejects, v, vc } from './helpers.js';

const [x, m] = [v('x'), v('m')];
const half = div(num(1), num(2));

/** Input, its tree, and the LaTeX it prints back as. */
const ACCEPTED: [string, Expr, string][] = [
  ['\\frac12', half, '\\frac{1}{2}'],
  ['\\frac12 x^2', mul([half, pow(x, num(2))]), '\\frac{1}{2} x^2'],
  ['\\frac 1 2 x', mul([half, x]), '\\frac{1}{2} x'],
  ['\\dfrac12 x', mul([half, x]), '\\frac{1}{2} x'],
  ['\\frac{1}2', half, '\\frac{1}{2}'],
  ['\\frac1{2}', half, '\\frac{1}{2}'],
  ['\\frac1m \\sum_i x_i', mul([div(num(1), m), reduce('sum', 'i', vc('x', 'i'))]), '\\frac{1}{m} \\sum_{i} x_i'],
  ['\\frac\\pi2 x', mul([div(v('pi'), num(2)), x]), '\\frac{\\pi}{2} x'],
  // Only the first digit is the numerator, as in TeX: `\frac123` is `\frac{1}{2} 3`.
  ['\\frac123', mul([half, num(3)]), '\\frac{1}{2} \\cdot 3'],
  ['\\frac{\\frac12}3 x', mul([div(half, num(3)), x]), '\\frac{\\frac{1}{2}}{3} x'],
  ['1 + \\frac{x}2', add([num(1), div(x, num(2))]), '1 + \\frac{x}{2}'],
];

describe('unbraced fraction arguments (LaTeX): accepted', () => {
  test.each(ACCEPTED)('%s', (input, expected, printed) => {
    accepts('latex', input, expected);
    expect(toLatex(expected)).toBe(printed);
    expect(parse(printed, { syntax: 'latex' })).toBe(expected);
  });
});

const REJECTED: [string, string, number, number][] = [
  ['\\frac1.5 x', 'write \\frac{1.5}{…}', 1, 6],
  ['\\frac x', 'unexpected end of input', 1, 8],
  ['\\frac{1}', 'unexpected end of input', 1, 9],
];

describe('unbraced fraction arguments (LaTeX): rejected', () => {
  test.each(REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});
