// Delimiters (issue 9): `\big( \Big( \bigg( \Bigg(` and their `l`/`r` forms only size the
// delimiter, so they read as the plain one; `\left. f \right|_{x=a}` is the evaluation bar, f with x
// replaced by a (over a derivative it is refused, with f(x) = …; f'(a)); `\left\{ … \right.` (the open
// side of cases) is refused with how to write it; `\{ \}` group like parentheses.
//
// Derivative notation (issue 9): `\frac{\partial^2 E}{\partial w_{jk}^2}`, the mixed
// `\frac{\partial^2 f}{\partial x_j \partial x_k}` (∂/∂x_j of ∂f/∂x_k: the rightmost variable is
// innermost), `\partial_x f`, `\frac{\mathrm{d}y}{\mathrm{d}x}` read as nested `diff` nodes.

import { describe, expect, test } from 'vitest';
import { checkDerivative } from '../../src/check.js';
import { evaluateDerivatives } from '../../src/derive/index.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { equivalent, simplify } from '../../src/simplify/index.js';
import {
  accepts, add, call, diff, type Expr, iverson, ivar, mul, neg, num, pow, rejects, rel, sum, v, variable, type Var,
} from './helpers.js';

const x = v('x');
const y = v('y');
const xy = add([x, y]);

const DELIMITERS: [string, Expr][] = [
  // The evaluation bar: the formula with the variable replaced (printed so).
  ['\\left. x^2 + y \\right|_{x=2}', add([pow(num(2), num(2)), y])],
  ['\\left. (x + y)^2 \\right|_{y = x+1}', pow(add([x, add([x, num(1)])]), num(2))],
  ['\\left. \\left( x + y \\right) \\right|_{x=1} y', mul([add([num(1), y]), y])],
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
  ['\\left. \\frac{\\partial f}{\\partial x} \\right|_{x=0}', "an evaluation bar over a derivative is not read: define the function and evaluate its derivative, f(x) = …; f'(a)", 1, 1],
  ['\\left. x_i^2 \\right|_{x_i=1}', 'an evaluation bar sets a variable without indices', 1, 1],
  ['\\left. x^2 \\right)_{x=1}', '\\left. ends with \\right): an evaluation bar is \\left. f \\right|_{x=a}', 1, 12],
  ['\\left. x^2 \\right| + 1', '\\left. ends with \\right|', 1, 12],
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

// --- Derivative notation

const w = variable('w', [ivar('j'), ivar('k')]);
const xj = variable('x', [ivar('j')]);
const xk = variable('x', [ivar('k')]);
const vx = variable('x', []);
const vy = variable('y', []);
const E = v('E');
const f = v('f');

const DERIVATIVES: [string, Expr][] = [
  // second derivatives: the innermost keeps the written form, the outer ones are operators
  ['\\frac{\\partial^2 E}{\\partial w_{jk}^2}', diff(diff(E, w, 'fraction'), w)],
  ['\\frac{\\partial^{2} E}{\\partial w_{jk}^{2}}', diff(diff(E, w, 'fraction'), w)],
  ['\\dfrac{\\partial^2 E}{\\partial w_{j,k}^2}', diff(diff(E, variable('w', [ivar('j'), ivar('k')], true), 'fraction'), variable('w', [ivar('j'), ivar('k')], true))],
  // mixed: ∂/∂x_j (∂f/∂x_k)
  ['\\frac{\\partial^2 f}{\\partial x_j \\partial x_k}', diff(diff(f, xk, 'fraction'), xj)],
  ['\\frac{\\partial^2 f}{\\partial x_j\\,\\partial x_k}', diff(diff(f, xk, 'fraction'), xj)],
  ['\\frac{\\partial^3 f}{\\partial x^2 \\partial y}', diff(diff(diff(f, vy, 'fraction'), vx), vx)],
  ['\\frac{\\partial^3 f}{\\partial x \\partial y^2}', diff(diff(diff(f, vy, 'fraction'), vy), vx)],
  // the operator form takes the product to its right, as \\frac{\\partial}{\\partial x} does
  ['\\frac{\\partial^2}{\\partial x \\partial y} x^2 y', diff(diff(mul([pow(vx, num(2)), vy]), vy), vx)],
  ['\\frac{\\partial^2}{\\partial x^2} x^3', diff(diff(pow(vx, num(3)), vx), vx)],
  // ordinary derivatives: d, also upright (\\mathrm{d} is the letter d)
  ['\\frac{d^2 y}{d x^2}', diff(diff(v('y'), vx, 'fraction', 'd'), vx, 'operator', 'd')],
  ['\\frac{\\mathrm{d}^2 y}{\\mathrm{d}x^2}', diff(diff(v('y'), vx, 'fraction', 'd'), vx, 'operator', 'd')],
  ['\\frac{\\mathrm{d}y}{\\mathrm{d}x}', diff(v('y'), vx, 'fraction', 'd')],
  ['\\frac{\\mathrm{d}}{\\mathrm{d}x} x^2', diff(pow(vx, num(2)), vx, 'operator', 'd')],
  ['\\frac{\\mathrm{d}}{\\mathrm{d}\\theta} \\sigma(\\theta)', diff(call('sigmoid', [v('theta')]), variable('theta', []), 'operator', 'd')],
  // \\partial_x: the operator form
  ['\\partial_x f', diff(f, vx)],
  ['\\partial_\\theta J', diff(v('J'), variable('theta', []))],
  ['\\partial_{w_{jk}} E', diff(E, w)],
  ['\\partial_{x_j} \\sum_k x_k^2', diff(sum('k', pow(v('x', 'k'), num(2))), xj)],
  ['\\partial_x \\partial_y x y', diff(diff(mul([vx, vy]), vy), vx)],
  ['\\partial_x f + g', add([diff(f, vx), v('g')])],
  // a superscript index in a denominator
  ['\\frac{\\partial^2 J}{\\partial x^{(i)}_j \\partial x_k}', diff(diff(v('J'), xk, 'fraction'), variable('x', [ivar('i'), ivar('j')], false, '('))],
];

const DERIVATIVES_REJECTED: [string, string, number, number][] = [
  ['\\frac{\\partial^2 f}{\\partial x}', 'the order of the derivative is 2 in the numerator but 1 in the denominator', 1, 16],
  ['\\frac{\\partial f}{\\partial x \\partial y}', 'the order of the derivative is 1 in the numerator but 2 in the denominator', 1, 7],
  ['\\frac{\\partial^2 f}{\\partial x^3}', 'is 2 in the numerator but 3 in the denominator', 1, 16],
  ['\\frac{\\partial^{3} f}{\\partial x \\partial y}', 'is 3 in the numerator but 2 in the denominator', 1, 18],
  ['\\frac{\\partial f}{\\partial x^2}', 'is 1 in the numerator but 2 in the denominator', 1, 7],
  // `\\nabla_w L` is read when w's shape shows (test/parse/fundefs.test.ts); here it does not.
  ['\\nabla_w L', 'w does not occur in what follows \\nabla nor in an earlier formula', 1, 1],
  ['\\nabla L', '\\nabla needs the variable as a subscript', 1, 1],
  ['\\partial_x', 'unexpected end of input', 1, 11],
  ['\\partial_2 f', "unexpected", 1, 10],
];

describe('derivative notation: accepted', () => {
  test.each(DERIVATIVES)('%s', (input, expected) => accepts('latex', input, expected));
});

describe('derivative notation: rejected', () => {
  test.each(DERIVATIVES_REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});

describe('derivative notation: printing', () => {
  // Higher derivatives print as the nested first derivatives they are (the same tree, read back).
  test.each([
    ['\\frac{\\partial^2 E}{\\partial w_{jk}^2}', '\\frac{\\partial}{\\partial w_{jk}} \\frac{\\partial E}{\\partial w_{jk}}'],
    ['\\frac{\\partial^2 f}{\\partial x_j \\partial x_k}', '\\frac{\\partial}{\\partial x_j} \\frac{\\partial f}{\\partial x_k}'],
    ['\\frac{d^2 y}{d x^2}', '\\frac{d}{dx} \\frac{dy}{dx}'],
    ['\\frac{\\mathrm{d}y}{\\mathrm{d}x}', '\\frac{dy}{dx}'],
    ['\\partial_{w_{jk}} E', '\\frac{\\partial}{\\partial w_{jk}} E'],
    ['\\frac{\\partial^2}{\\partial x \\partial y} x^2 y', '\\frac{\\partial}{\\partial x} \\left(\\frac{\\partial}{\\partial y} (x^2 y)\\right)'],
  ])('%s prints as %s', (input, printed) => {
    expect(toLatex(parse(input))).toBe(printed);
    expect(parse(printed)).toBe(parse(input));
  });
});

describe('derivative notation: evaluated', () => {
  const evaluated = (input: string): Expr => simplify(evaluateDerivatives(parse(input)).result).result;

  // The Matrix Cookbook (Petersen & Pedersen, 2012), eq. (84)-(89): the Hessian of ½‖Ax − b‖² is AᵀA.
  const loss = '\\frac{1}{2} \\sum_i (\\sum_l A_{il} x_l - b_i)^2';
  test('the Hessian entry of a least-squares loss is Σ_i A_ij A_ik', () => {
    const hessian = evaluated(`\\frac{\\partial^2}{\\partial x_j \\partial x_k} ${loss}`);
    expect(equivalent(hessian, parse('\\sum_i A_{ij} A_{ik}'))).toBe(true);
    // and by finite differences of the gradient ∂/∂x_k
    const gradient = evaluated(`\\frac{\\partial}{\\partial x_k} ${loss}`);
    const report = checkDerivative({ f: gradient, wrt: xj as Var, derivative: hessian, sizes: { i: 3, l: 3, j: 3, k: 3 } });
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(0);
  });

  test.each([
    // mixed partials of a smooth function agree (Schwarz): both orders, against the closed form
    ['\\frac{\\partial^2}{\\partial x \\partial y} x^3 y^2', '6 x^2 y'],
    ['\\frac{\\partial^2}{\\partial y \\partial x} x^3 y^2', '6 x^2 y'],
    ['\\frac{\\mathrm{d}^2}{\\mathrm{d}x^2} x^3', '6 x'],
    ['\\partial_x \\partial_y \\sigma(x y)', '\\frac{\\partial}{\\partial x} (x \\sigma(x y) (1 - \\sigma(x y)))'],
  ])('%s is %s', (input, expected) => {
    expect(equivalent(evaluated(input), evaluated(expected))).toBe(true);
  });
});
