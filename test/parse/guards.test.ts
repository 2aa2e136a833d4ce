// Issue 9's guards (src/parse/guards.ts): notation a reader could take for something
// the engine does not read yet is refused with how to write it, never misread;
// the inputs next to each guard that are legitimate still parse, exactly once.

import { describe, expect, test } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import {
  accepts, add, call, div, equation, type Expr, inum, ivar, mul, neg, num, pow, reduce, rejects, sum, v, withoutStyle,
} from './helpers.js';

const [x, y, z, T, n, J, r] = ['x', 'y', 'z', 'T', 'n', 'J', 'r'].map((s) => v(s)) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr];
const theta = v('theta');

const LATEX_ACCEPTED: [string, Expr][] = [
  // powers beside the transpose guard
  ['x^2', pow(x, num(2))],
  ['x^{2}', pow(x, num(2))],
  ['t^{n}', pow(v('t'), n)],
  ['x^{{T}}', pow(x, T)],
  ['\\theta^{{T}} x', mul([pow(theta, T), x])],
  ['x^{T-1}', pow(x, add([T, neg(num(1))]))],
  ['x^{2T}', pow(x, mul([num(2), T]))],
  ['x^{T_1}', pow(x, v('T', 1))],
  ['x^t', pow(x, v('t'))],
  ['T^2', pow(T, num(2))],
  ['x_T', v('x', 'T')],
  ['\\mathrm{T} x', mul([T, x])],
  // a bare e before ^ is always the exponential, so e^{T} is exp(T)
  ['e^{T}', call('exp', [T], 'e^')],
  ['e^T', call('exp', [T], 'e^')],
  // an upper limit T of a reduction is no transpose
  ['\\sum_{t=1}^{T} x_t', sum('t', v('x', 't'), inum(1), ivar('T'))],
  ['\\sum\\limits_{t=1}^T x_t', sum('t', v('x', 't'), inum(1), ivar('T'))],
  ['\\sum_t^T x_t', sum('t', v('x', 't'), inum(1), ivar('T'))],
  ['\\prod^{T}_{t=1} x_t', reduce('prod', 't', v('x', 't'), inum(1), ivar('T'))],
  // names and known functions beside the operator guard
  ['\\mathrm{lr} x', mul([v('lr'), x])],
  ['\\mathrm{lr} \\cdot (x + y)', mul([v('lr'), add([x, y])])],
  ['\\text{lr}(x + y)', mul([v('lr'), add([x, y])])],
  ['\\mathrm{d}(x)', mul([v('d'), x])],
  ['\\operatorname{softplus}(x)', call('softplus', [x])],
  ['\\mathrm{tanh}(x)', call('tanh', [x], '\\mathrm{tanh}')],
  // equations beside the function-definition guard
  ['J = \\frac{1}{2} \\theta^2', equation(J, mul([div(num(1), num(2)), pow(theta, num(2))]))],
  ['\\sum_k t_k = 1', equation(sum('k', v('t', 'k')), num(1))],
  ['J \\cdot (\\theta) = 2', equation(mul([J, theta]), num(2))],
  ['y = \\sigma(z)', equation(y, call('sigmoid', [z]))],
  ['r = J(\\theta)', equation(r, mul([J, theta]))],
  ['\\sigma(z)', call('sigmoid', [z])],
  ['\\sigma(z) + 1 = y', equation(add([call('sigmoid', [z]), num(1)]), y)],
  ['J(\\theta + 1) = 2', equation(mul([J, add([theta, num(1)])]), num(2))],
  ["(ax)' = a", equation(call('prime', [mul([v('a'), x])], "'"), v('a'))],
];

const TEXT_ACCEPTED: [string, Expr][] = [
  ['x^(T)', pow(x, T)],
  ['x^T1', pow(x, v('T1'))],
  ['T^2', pow(T, num(2))],
  ['x^t', pow(x, v('t'))],
  ['exp(T)', call('exp', [T])],
  ['sum(j, x[j]) = 1', equation(sum('j', v('x', 'j')), num(1))],
  ['J * (theta) = 2', equation(mul([J, v('theta')]), num(2))],
  ['y = sigmoid(z)', equation(y, call('sigmoid', [z]))],
];

describe('guards: accepted (LaTeX)', () => {
  test.each(LATEX_ACCEPTED)('%s', (input, expected) => accepts('latex', input, expected));
});

describe('guards: accepted (text)', () => {
  test.each(TEXT_ACCEPTED)('%s', (input, expected) => accepts('text', input, expected));
});

const TRANSPOSE = 'reads as a transpose, and matrix notation is read in LaTeX only';

const LATEX_REJECTED: [string, string, number, number][] = [
  // transposes are read (test/parse/matrix.test.ts), except of an entry, which has no transpose
  ['x_j^T y_j', 'x_{j} is an entry (a number: a name with a subscript), so its transpose says nothing', 1, 4],
  ['x_{jk}^{T}', 'x_{jk} is an entry', 1, 7],
  ['e_1^T x', 'e_{1} is an entry', 1, 4],
  // matrix operators (the trace of a product, diag and \\det are read: test/parse/matrix.test.ts)
  ['\\text{trace} X', '\\text{trace} must be applied to a parenthesised argument', 1, 1],
  // operators the function table lacks
  ['\\operatorname{foo}(x)', 'unknown operator \\operatorname{foo} (known functions: sigmoid, tanh, exp, log', 1, 1],
  ['\\operatorname{foo}(x)', 'for a variable named foo, write \\text{foo}', 1, 1],
  ['\\operatorname{sigmod}(x)', 'unknown operator \\operatorname{sigmod}; did you mean \\operatorname{sigmoid}?', 1, 1],
  ['2 \\operatorname{lr} x', 'unknown operator \\operatorname{lr}', 1, 3],
  ['\\mathrm{sigmod}(x)', '\\mathrm{sigmod}(…) reads as a function, but sigmod is not a known function; did you mean \\operatorname{sigmoid}?', 1, 1],
  ['\\mathrm{foo}\\left(x\\right)', 'for the product, write \\mathrm{foo} \\cdot (…)', 1, 1],
  ['\\mathrm{lr}(x)', '\\mathrm{lr}(…) reads as a function, but lr is not a known function (known: sigmoid', 1, 1],
  // unknown commands that are function names, and typos of commands
  ['\\sigmoid(x)', 'unknown command \\sigmoid; did you mean \\operatorname{sigmoid} or \\sigma(…)?', 1, 1],
  ['\\relu(x)', 'unknown command \\relu; did you mean \\operatorname{relu}?', 1, 1],
  ['\\ReLU(x)', 'unknown command \\ReLU; did you mean \\operatorname{ReLU}?', 1, 1],
  ['1 + \\softplus x', 'unknown command \\softplus; did you mean \\operatorname{softplus}?', 1, 5],
  ['\\sigmod(x)', 'unknown command \\sigmod; did you mean \\operatorname{sigmoid} or \\sigma(…)?', 1, 1],
  ['\\Tanh(x)', 'unknown command \\Tanh; did you mean \\tanh?', 1, 1],
  ['\\sigm', 'unknown command \\sigm; did you mean \\sigma?', 1, 1],
  // function definitions that are still refused (the rest are read: test/parse/fundefs.test.ts)
  ['f_k(x_j) = x_j^2', 'f_k(x_j) = … defines a function whose name has an index, which is not read', 1, 1],
  ["f'(x) = 2 x", "f'(x) = … defines a derivative: define the function, f(x) = …, and f'(…) is its derivative", 1, 1],
  ['\\sigma_j(z) = 1', '\\sigma_j(z) = … defines a function whose name has an index', 1, 1],
];

const TEXT_REJECTED: [string, string, number, number][] = [
  ['theta^T * x', `'^T' ${TRANSPOSE} (\\theta^\\top x): in plain text write products in index form (theta^T * x is sum(j, theta[j]*x[j])); for a power with exponent T, write ^(T)`, 1, 6],
  ['x^T', "'^T' reads as a transpose", 1, 2],
  ['J (theta) = theta^2', 'J (theta) = … has a space before the parenthesis: write J(…) = … for a function definition, J * (…) = … for a product', 1, 1],
];

describe('guards: rejected (LaTeX)', () => {
  test.each(LATEX_REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});

describe('guards: rejected (text)', () => {
  test.each(TEXT_REJECTED)('%s', (input, fragment, line, column) => rejects('text', input, fragment, line, column));
});

describe('guards: the printers write a power with exponent T so that it reads back', () => {
  test.each([
    [pow(x, T), 'x^{{T}}', 'x^(T)'],
    [pow(add([x, num(1)]), T), '(x + 1)^{{T}}', '(x + 1)^(T)'],
    [call('exp', [T], 'e^'), 'e^{T}', 'exp(T)'],
    [pow(x, mul([num(2), T])), 'x^{2 T}', 'x^(2 * T)'],
  ])('%s', (e, latex, text) => {
    expect(toLatex(e)).toBe(latex);
    expect(toText(e)).toBe(text);
    accepts('latex', latex, e);
    expect(parse(text, { syntax: 'text' })).toBe(withoutStyle(e));
  });
});
