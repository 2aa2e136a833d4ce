// Plain-text syntax: accepted inputs with their trees, rejected inputs with their messages.

import { describe, test } from 'vitest';
import {
  accepts, add, call, delta, diff, div, equation, type Expr, extent, indexValue, inum, iverson, ivar, mul, neg, num,
  pow, rejects, rel, sum, v, variable,
} from './helpers.js';

const [a, b, c, x, n, E] = ['a', 'b', 'c', 'x', 'n', 'E'].map((s) => v(s)) as [Expr, Expr, Expr, Expr, Expr, Expr];

const ACCEPTED: [string, Expr][] = [
  ['2', num(2)],
  ['1e-3', num(0.001)],
  ['-2', neg(num(2))],
  ['lambda', v('lambda')],
  ['lr', v('lr')],
  ['x2', v('x2')],
  ["o'", v("o'")],
  ['sigmoid', v('sigmoid')],
  ['a + b - c', add([a, b, neg(c)])],
  ['a * b * c', mul([a, b, c])],
  ['2 x', mul([num(2), x])],
  ['2x', mul([num(2), x])],
  ['2(x+1)', mul([num(2), add([x, num(1)])])],
  ['(a)(b)', mul([a, b])],
  ['f (x)', mul([v('f'), x])],
  ['a / b * c', mul([div(a, b), c])],
  ['x^2', pow(x, num(2))],
  ['x^(n-1)', pow(x, add([n, neg(num(1))]))],
  ['x^-1', pow(x, neg(num(1)))],
  ['x^2^3', pow(x, pow(num(2), num(3)))],
  ['-x^2', neg(pow(x, num(2)))],
  ['w[j,k]', variable('w', [ivar('j'), ivar('k')])],
  ['w[1,2]', variable('w', [inum(1), inum(2)])],
  ['x[i+1]', v('x', ivar('i', 1))],
  ['x[n-1]', v('x', ivar('n', -1))],
  ["w'[j',k]", v("w'", "j'", 'k')],
  ['a [b]', mul([a, b])],
  ['sigmoid(x)', call('sigmoid', [x])],
  ['ReLU(x)', call('relu', [x])],
  ['ln(x) + log(x)', add([call('log', [x]), call('log', [x])])],
  ['exp(x) * sqrt(x) * abs(x)', mul([call('exp', [x]), call('sqrt', [x]), call('abs', [x])])],
  ['tanh(x)^2', pow(call('tanh', [x]), num(2))],
  ['sum(j, w[j,k]*o[j])', sum('j', mul([v('w', 'j', 'k'), v('o', 'j')]))],
  ['sum(j=1..n, x[j])', sum('j', v('x', 'j'), inum(1), ivar('n'))],
  ['sum(i, sum(j, x[i,j]))', sum('i', sum('j', v('x', 'i', 'j')))],
  ['sum(i, i)', sum('i', indexValue(ivar('i')))],
  ['d/dw[j,k](E)', diff(E, variable('w', [ivar('j'), ivar('k')]))],
  ['d/dx(x^2)', diff(pow(x, num(2)), variable('x'))],
  ['delta[i,j]', delta(ivar('i'), ivar('j'))],
  ['[p <= n]', iverson(rel(['<='], [v('p'), n]))],
  ['[a + b] c', mul([add([a, b]), c])],
  ['#j * c', mul([extent('j'), c])],
  ['a = b', equation(a, b)],
  ['a != b', rel(['!='], [a, b])],
  ['1 <= p < n', rel(['<=', '<'], [num(1), v('p'), n])],
  ['a >= b', rel(['>='], [a, b])],
  ["(a x)' = a", equation(call('prime', [mul([a, x])], "'"), a)],
  ['(a +\n b)', add([a, b])],
  [
    'd/dw[j,k](E) = -2 (t[k] - o[k]) * sigmoid(sum(j, w[j,k]*o[j])) * (1 - sigmoid(sum(j, w[j,k]*o[j]))) * o[j]',
    equation(diff(E, variable('w', [ivar('j'), ivar('k')])), neg(mul([
      num(2), add([v('t', 'k'), neg(v('o', 'k'))]),
      call('sigmoid', [sum('j', mul([v('w', 'j', 'k'), v('o', 'j')]))]),
      add([num(1), neg(call('sigmoid', [sum('j', mul([v('w', 'j', 'k'), v('o', 'j')]))]))]),
      v('o', 'j'),
    ]))),
  ],
];

describe('plain text: accepted', () => {
  test.each(ACCEPTED)('%s', (input, expected) => accepts('text', input, expected));
});

const REJECTED: [string, string, number, number][] = [
  ['foo(x)', 'unknown function foo', 1, 1],
  ['sigma(x)', 'unknown function sigma', 1, 1],
  ['x +', 'unexpected end of input', 1, 4],
  ['(a + b', 'unexpected end of input', 1, 7],
  ['a + b)', "unmatched ')'", 1, 6],
  ['a $ b', "invalid character '$'", 1, 3],
  ['a ⋅ b', "invalid character '⋅'; write * instead", 1, 3],
  ['\\sigma', "invalid character '\\'", 1, 1],
  ['sum(j)', "unexpected ')'", 1, 6],
  ['sum(1, x)', "unexpected '1'", 1, 5],
  ['w[j k]', "unexpected 'k'", 1, 5],
  ['d/dx y', "unexpected 'y'", 1, 6],
  ['a = = b', "unexpected '='", 1, 5],
  ['x^', 'unexpected end of input', 1, 3],
  ['a, b', 'expected one formula, found 2', 1, 2],
  ['sigmoid(x, y)', "unexpected ','", 1, 10],
];

describe('plain text: rejected', () => {
  test.each(REJECTED)('%s', (input, fragment, line, column) => rejects('text', input, fragment, line, column));
});
