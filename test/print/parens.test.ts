// Minimal parentheses, as data: each row is an expression and its exact
// LaTeX and text forms. Every pair of parentheses here is needed to read the
// tree back (explicit groups in add/mul are nested nodes in the parser), and
// none that is not needed appears.

import { describe, expect, it } from 'vitest';
import {
  add, call, diff, div, type Expr, extent, indexValue, inum, iverson, ivar, mul, neg, num, pow, rel, sum, type Var,
} from '../../src/core/ast.js';
import { toLatex, toText } from '../../src/print/index.js';
import { v } from './examples.js';

const [a, b, c, x, y] = ['a', 'b', 'c', 'x', 'y'].map((s) => v(s)) as [Var, Var, Var, Var, Var];
const sx = sum('j', v('x', 'j'));

const ROWS: readonly (readonly [string, Expr, string, string])[] = [
  ['sum times', mul([add([a, b]), c]), '(a + b) c', '(a + b) * c'],
  ['times sum', mul([c, add([a, b])]), 'c (a + b)', 'c * (a + b)'],
  ['minus a difference', add([a, neg(add([b, neg(c)]))]), 'a - (b - c)', 'a - (b - c)'],
  ['minus a sum', add([a, neg(add([b, c]))]), 'a - (b + c)', 'a - (b + c)'],
  ['flat difference', add([a, neg(b), neg(c)]), 'a - b - c', 'a - b - c'],
  ['leading minus term', add([neg(a), b]), '-a + b', '-a + b'],
  ['minus a product', add([a, neg(mul([b, c]))]), 'a - b c', 'a - b * c'],
  ['nested add keeps its group', add([a, add([b, c])]), 'a + (b + c)', 'a + (b + c)'],
  ['nested add first', add([add([a, b]), c]), '(a + b) + c', '(a + b) + c'],
  ['nested mul keeps its group', mul([a, mul([b, c])]), 'a (b c)', 'a * (b * c)'],
  ['minus of a square', neg(pow(x, num(2))), '-x^2', '-x^2'],
  ['square of a minus', pow(neg(x), num(2)), '(-x)^2', '(-x)^2'],
  ['minus of a product', neg(mul([a, b])), '-a b', '-a * b'],
  ['product led by a minus', mul([neg(a), b]), '(-a) b', '(-a) * b'],
  ['minus minus', neg(neg(a)), '-(-a)', '-(-a)'],
  ['minus of a sum', neg(add([a, b])), '-(a + b)', '-(a + b)'],
  ['quotient by a product', div(a, mul([b, c])), '\\frac{a}{b c}', 'a / (b * c)'],
  ['product over', div(mul([a, b]), c), '\\frac{a b}{c}', '(a * b) / c'],
  ['quotient of a sum', div(add([a, b]), c), '\\frac{a + b}{c}', '(a + b) / c'],
  ['quotient in a product', mul([a, div(b, c)]), 'a \\frac{b}{c}', 'a * (b / c)'],
  ['minus a quotient', add([a, neg(div(b, c))]), 'a - \\frac{b}{c}', 'a - b / c'],
  ['power of a power', pow(pow(a, b), c), '(a^b)^c', '(a^b)^c'],
  ['power to a power', pow(a, pow(b, c)), 'a^{b^c}', 'a^(b^c)'],
  ['power of a product', pow(mul([a, b]), num(2)), '(a b)^2', '(a * b)^2'],
  ['power of a quotient', pow(div(a, b), num(2)), '\\left(\\frac{a}{b}\\right)^2', '(a / b)^2'],
  ['power to a sum', pow(x, add([a, num(1)])), 'x^{a + 1}', 'x^(a + 1)'],
  ['power to a negative', pow(x, neg(num(1))), 'x^{-1}', 'x^(-1)'],
  ['power of a call', pow(call('tanh', [x]), num(2)), '\\tanh(x)^2', 'tanh(x)^2'],
  ['power of exp written e^', pow(call('exp', [x], 'e^'), num(2)), '(e^{x})^2', 'exp(x)^2'],
  ['variable e to a power', pow(v('e'), num(2)), '(e)^2', 'e^2'],
  ['power of an extent', pow(extent('j'), num(2)), '(\\#j)^2', '(#j)^2'],
  ['sum last in a product', mul([a, sx]), 'a \\sum_{j} x_j', 'a * sum(j, x[j])'],
  ['sum not last in a product', mul([sx, a]), '\\left(\\sum_{j} x_j\\right) a', 'sum(j, x[j]) * a'],
  ['sum in a sum', add([sx, a]), '\\sum_{j} x_j + a', 'sum(j, x[j]) + a'],
  ['sum of a sum', sum('j', add([v('x', 'j'), a])), '\\sum_{j} (x_j + a)', 'sum(j, x[j] + a)'],
  ['sum of a minus', sum('j', neg(v('x', 'j'))), '\\sum_{j} (-x_j)', 'sum(j, -x[j])'],
  ['sum of a product', sum('j', mul([a, v('x', 'j')])), '\\sum_{j} a x_j', 'sum(j, a * x[j])'],
  ['minus a sum over j', neg(sx), '-\\sum_{j} x_j', '-sum(j, x[j])'],
  ['power of a sum over j', pow(sx, num(2)), '\\left(\\sum_{j} x_j\\right)^2', 'sum(j, x[j])^2'],
  ['operator last', mul([a, diff(x, y)]), 'a \\frac{\\partial}{\\partial y} x', 'a * d/dy(x)'],
  ['operator not last', mul([diff(x, y), a]), '\\left(\\frac{\\partial}{\\partial y} x\\right) a', 'd/dy(x) * a'],
  ['operator of a product', diff(mul([a, x]), y), '\\frac{\\partial}{\\partial y} (a x)', 'd/dy(a * x)'],
  ['fraction form is an atom', mul([diff(x, y, 'fraction'), a]), '\\frac{\\partial x}{\\partial y} a', 'd/dy(x) * a'],
  ['number after a factor', mul([x, num(2)]), 'x \\cdot 2', 'x * 2'],
  ['two numbers', mul([num(2), num(3)]), '2 \\cdot 3', '2 * 3'],
  ['number before a group', mul([num(2), add([x, num(1)])]), '2(x + 1)', '2 * (x + 1)'],
  ['power before a group', mul([pow(x, num(2)), add([a, b])]), 'x^2 (a + b)', 'x^2 * (a + b)'],
  ['Lagrange prime of an atom', call('prime', [x], "'"), "(x)'", "(x)'"],
  ['Lagrange prime to a power', pow(call('prime', [x], '^\\prime'), num(2)), '((x)^\\prime)^2', "(x)'^2"],
  ['quotient d over d x', div(v('d'), mul([v('d'), x])), '\\frac{(d)}{d x}', 'd / (d * x)'],
  ['power of a number after a factor', mul([x, pow(num(2), y)]), 'x \\cdot 2^y', 'x * 2^y'],
  ['negative number as a factor', mul([x, num(-2)]), 'x (-2)', 'x * (-2)'],
  ['negative number leads a product', add([a, mul([num(-2), x])]), 'a - 2 x', 'a - 2 * x'],
  ['negative number term', add([a, num(-2)]), 'a - 2', 'a - 2'],
  ['sigma variable before a group', mul([v('sigma'), add([a, b])]), '\\sigma \\cdot (a + b)', 'sigma * (a + b)'],
  ['relation of sums', rel(['='], [add([a, b]), c]), 'a + b = c', 'a + b = c'],
  ['relation inside a product', mul([rel(['<'], [a, b]), c]), '(a < b) c', '(a < b) * c'],
  ['Iverson bracket', mul([iverson(rel(['<'], [indexValue(ivar('i')), v('n')])), x]), '[i < n] x', '[i < n] * x'],
  ['index value with offset', mul([indexValue(ivar('i', 1)), x]), '(i+1) x', '(i+1) * x'],
  ['call argument needs no group', call('tanh', [add([a, b])]), '\\tanh(a + b)', 'tanh(a + b)'],
  ['tall call argument', call('tanh', [div(a, b)]), '\\tanh\\left(\\frac{a}{b}\\right)', 'tanh(a / b)'],
  ['sqrt', call('sqrt', [add([a, b])]), '\\sqrt{a + b}', 'sqrt(a + b)'],
  ['bounds', sum('i', v('x', 'i'), inum(1), ivar('n', -1)), '\\sum_{i=1}^{n-1} x_i', 'sum(i=1..n-1, x[i])'],
];

describe('minimal parentheses', () => {
  for (const [name, e, latex, text] of ROWS) {
    it(`${name}: LaTeX`, () => expect(toLatex(e)).toBe(latex));
    it(`${name}: text`, () => expect(toText(e)).toBe(text));
  }
});
