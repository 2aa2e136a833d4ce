// Delimiters (issue 9): `\big( \Big( \bigg( \Bigg(` and their `l`/`r` forms only size the
// delimiter, so they read as the plain one; `\left.`/`\right.` (an evaluation bar, the open side of
// cases) are refused with how to write them; `\{ \}` group like parentheses.

import { describe, expect, test } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { accepts, add, call, type Expr, iverson, mul, neg, num, pow, rejects, rel, sum, v } from './helpers.js';

const x = v('x');
const y = v('y');
const xy = add([x, y]);

const DELIMITERS: [string, Expr][] = [
  ['\\big( x + y \\big)', xy],
  ['\\Big( x + y \\Big)', xy],
  ['\\bigg( x + y \\bigg)', xy],
  ['\\Bigg( x + y \\Bigg)', xy],
  ['\\bigl( x + y \\bigr)', xy],
  ['\\Bigl( x + y \\Bigr)', xy],
  ['\\biggl( x + y \\biggr)', xy],
  ['\\Biggl( x + y \\Biggr)', xy],
  ['\\big[ x + y \\big]', xy],
  ['\\Bigl[ x + y \\Bigr]', xy],
  ['\\big\\{ x + y \\big\\}', xy],
  ['\\biggl\\{ x + y \\biggr\\}', xy],
  ['\\big ( x + y \\big )', xy],
  ['\\bigl( x + y \\bigr)^2', pow(xy, num(2))],
  ['2 \\Bigl( x + y \\Bigr) y', mul([num(2), xy, y])],
  ['\\sum_j \\Big( w_{jk} o_j \\Big)^2', sum('j', pow(mul([v('w', 'j', 'k'), v('o', 'j')]), num(2)))],
  // sizes need not pair up, as in TeX
  ['\\bigl( x + y )', xy],
  ['( x + y \\Bigr)', xy],
  ['\\Bigl( \\bigl( x + y \\bigr) y \\Bigr)', mul([xy, y])],
  // bars: the l/r form says which side; a bare sized bar is a bar like any other
  ['\\bigl| x \\bigr|', call('abs', [x], '|')],
  ['\\big| x \\big|', call('abs', [x], '|')],
  ['\\Bigl\\lvert x - y \\Bigr\\rvert', call('abs', [add([x, neg(y)])], '|')],
  ['\\bigl| \\bigl| x \\bigr| - y \\bigr|', call('abs', [add([call('abs', [x], '|'), neg(y)])], '|')],
  // an Iverson bracket in a sized bracket
  ['\\bigl[ x > 0 \\bigr]', iverson(rel(['>'], [x, num(0)]))],
  // `\{ \}` group like parentheses
  ['\\{ x + y \\} y', mul([xy, y])],
  ['\\left\\{ x + y \\right\\}^2', pow(xy, num(2))],
];

const REJECTED: [string, string, number, number][] = [
  ['\\bigr( x \\bigr)', '\\bigr(: the r form closes; write \\bigl(', 1, 1],
  ['\\bigl( x \\bigl)', '\\bigl): the l form opens; write \\bigr)', 1, 10],
  ['\\Bigl( x \\Bigr]', "'\\Bigr]' does not match '\\Bigl('", 1, 10],
  ['\\big x', '\\big must be followed by a delimiter', 1, 1],
  ['y \\Bigr x', '\\Bigr must be followed by a delimiter', 1, 3],
  ['\\left. x^2 \\right|_{x=1}', '\\left. (an invisible delimiter) is not read: for an evaluation bar', 1, 1],
  ['\\left\\{ x \\right.', '\\right. (an invisible delimiter) is not read', 1, 11],
  ['\\bigl( x + y', "unexpected end of input: '\\bigl(' is not closed", 1, 13],
];

describe('delimiters: accepted', () => {
  test.each(DELIMITERS)('%s', (input, expected) => accepts('latex', input, expected));
});

describe('delimiters: rejected', () => {
  test.each(REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});

describe('delimiters: printing', () => {
  // The size is how the delimiter is drawn, not part of the formula: it prints as the plain one.
  test.each([
    ['\\Bigl( x + y \\Bigr)^2', '(x + y)^2'],
    ['\\bigl| x \\bigr|', '\\lvert x \\rvert'],
  ])('%s prints as %s', (input, printed) => {
    expect(toLatex(parse(input))).toBe(printed);
    expect(parse(printed)).toBe(parse(input));
  });
});
