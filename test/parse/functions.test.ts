// Functions as textbooks write them (issue 9): the trigonometric and hyperbolic
// functions and their inverses, erf, GELU, leaky ReLU, ELU, logarithms to base
// 2 and 10, powers of functions (`\sin^2 x`) and `\sin^{-1} x` as arcsin.
// Accepted inputs: their tree (exactly one parse) and how they print back;
// rejected ones: the message and its line:column.

import { describe, expect, test } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { accepts, add, call, type Expr, mul, neg, num, pow, rejects, v } from './helpers.js';

const [x, y, z] = ['x', 'y', 'z'].map((s) => v(s)) as [Expr, Expr, Expr];
const f = (name: string, arg: Expr, spelling: string | null = null) => call(name, [arg], spelling);

/** Input, its tree, and the LaTeX it prints back as. */
const ACCEPTED: [string, Expr, string][] = [
  ['\\tan x', f('tan', x), '\\tan(x)'],
  ['\\cot(x)', f('cot', x), '\\cot(x)'],
  ['\\sec x', f('sec', x), '\\sec(x)'],
  ['\\csc x', f('csc', x), '\\csc(x)'],
  ['\\sinh x', f('sinh', x), '\\sinh(x)'],
  ['\\cosh(x)', f('cosh', x), '\\cosh(x)'],
  ['\\tanh x', f('tanh', x), '\\tanh(x)'],
  ['\\coth x', f('coth', x), '\\coth(x)'],
  ['\\arcsin x', f('arcsin', x), '\\arcsin(x)'],
  ['\\arccos(x)', f('arccos', x), '\\arccos(x)'],
  ['\\arctan x', f('arctan', x), '\\arctan(x)'],
  // A head takes the whole product to its right, as `\sin x` did.
  ['\\tan 2x', f('tan', mul([num(2), x])), '\\tan(2 x)'],
  ['\\operatorname{erf}(x)', f('erf', x), '\\operatorname{erf}(x)'],
  ['\\mathrm{erf}\\, x', f('erf', x, '\\mathrm{erf}'), '\\mathrm{erf}(x)'],
  ['\\operatorname{GELU}(x)', f('gelu', x), '\\operatorname{GELU}(x)'],
  ['\\operatorname{gelu}(x)', f('gelu', x, '\\operatorname{gelu}'), '\\operatorname{gelu}(x)'],
  ['\\operatorname{LeakyReLU}(z)', f('leakyrelu', z), '\\operatorname{LeakyReLU}(z)'],
  ['\\text{lrelu}(z)', f('leakyrelu', z, '\\text{lrelu}'), '\\text{lrelu}(z)'],
  ['\\operatorname{ELU}(z)', f('elu', z), '\\operatorname{ELU}(z)'],
  // Logarithms to a base: one function each, printed as written.
  ['\\log_2 x', f('log2', x), '\\log_2(x)'],
  ['\\log_{2} x', f('log2', x, '\\log_{2}'), '\\log_{2}(x)'],
  ['\\log_{10} x', f('log10', x), '\\log_{10}(x)'],
  ['\\log_{10}(x y)', f('log10', mul([x, y])), '\\log_{10}(x y)'],
  ['\\log_2 \\left( x \\right)', f('log2', x), '\\log_2(x)'],
  // Powers of functions are powers of the call; they print as `\sin(x)^2`.
  ['\\sin^2 x', pow(f('sin', x), num(2)), '\\sin(x)^2'],
  ['\\sin^{2} x + \\cos^2 x', add([pow(f('sin', x), num(2)), pow(f('cos', x), num(2))]), '\\sin(x)^2 + \\cos(x)^2'],
  ['\\tanh^2(z)', pow(f('tanh', z), num(2)), '\\tanh(z)^2'],
  ['1 - \\tanh^2(z)', add([num(1), neg(pow(f('tanh', z), num(2)))]), '1 - \\tanh(z)^2'],
  ['\\tanh^2(z) y', mul([pow(f('tanh', z), num(2)), y]), '\\tanh(z)^2 y'],
  ['\\log^2 x', pow(f('log', x), num(2)), '\\log(x)^2'],
  ['\\ln^2 x', pow(f('log', x, '\\ln'), num(2)), '\\ln(x)^2'],
  ['\\sin^n x', pow(f('sin', x), v('n')), '\\sin(x)^n'],
  ['\\cosh^{3} 2x', pow(f('cosh', mul([num(2), x])), num(3)), '\\cosh(2 x)^3'],
  ['\\log_2^2 x', pow(f('log2', x), num(2)), '\\log_2(x)^2'],
  ['\\operatorname{erf}^2(x)', pow(f('erf', x), num(2)), '\\operatorname{erf}(x)^2'],
  // `\sin^{-1}` is arcsin (not 1/\sin), and prints back as written.
  ['\\sin^{-1} x', f('arcsin', x, '\\sin^{-1}'), '\\sin^{-1}(x)'],
  ['\\sin^{-1}(x)', f('arcsin', x, '\\sin^{-1}'), '\\sin^{-1}(x)'],
  ['\\cos^{-1} x', f('arccos', x, '\\cos^{-1}'), '\\cos^{-1}(x)'],
  ['\\tan^{-1}(y)', f('arctan', y, '\\tan^{-1}'), '\\tan^{-1}(y)'],
  ['\\tan^{ -1 } y', f('arctan', y, '\\tan^{-1}'), '\\tan^{-1}(y)'],
  // The cube root, printed back as written.
  ['\\sqrt[3]{x}', f('cbrt', x), '\\sqrt[3]{x}'],
  ['\\sqrt[3]{x^2 + 1} y', mul([f('cbrt', add([pow(x, num(2)), num(1)])), y]), '\\sqrt[3]{x^2 + 1} y'],
  ['\\sqrt[ 3 ]{x}^2', pow(f('cbrt', x), num(2)), '\\sqrt[3]{x}^2'],
  // Functions of several arguments: parenthesised, comma-separated.
  ['\\max(a, b)', call('max', [v('a'), v('b')]), '\\max(a, b)'],
  ['\\max(0, 1 - y x)', call('max', [num(0), add([num(1), neg(mul([y, x]))])]), '\\max(0, 1 - y x)'],
  ['\\min(x, y, z)', call('min', [x, y, z]), '\\min(x, y, z)'],
  ['\\max\\left(x, y\\right)^2', pow(call('max', [x, y]), num(2)), '\\max(x, y)^2'],
  ['\\operatorname{max}(x, \\min(y, z))', call('max', [x, call('min', [y, z])], '\\operatorname{max}'), '\\operatorname{max}(x, \\min(y, z))'],
];

describe('functions (LaTeX): accepted', () => {
  test.each(ACCEPTED)('%s', (input, expected, printed) => {
    accepts('latex', input, expected);
    expect(toLatex(expected)).toBe(printed);
    // What it prints reads back as the same tree.
    expect(parse(printed, { syntax: 'latex' })).toBe(expected);
  });
});

const TEXT: [string, Expr][] = [
  ['tan(x)', f('tan', x)],
  ['sinh(x) * cosh(x)', mul([f('sinh', x), f('cosh', x)])],
  ['asin(x)', f('arcsin', x)],
  ['arctan(x)', f('arctan', x)],
  ['erf(x)', f('erf', x)],
  ['gelu(x)', f('gelu', x)],
  ['leakyrelu(z)', f('leakyrelu', z)],
  ['elu(z)', f('elu', z)],
  ['log2(x)', f('log2', x)],
  ['log10(x)', f('log10', x)],
  ['sin(x)^2', pow(f('sin', x), num(2))],
  ['cbrt(x)', f('cbrt', x)],
  ['max(x, y)', call('max', [x, y])],
  ['min(x, y, 0)', call('min', [x, y, num(0)])],
];

describe('functions (text): accepted', () => {
  test.each(TEXT)('%s', (input, expected) => {
    accepts('text', input, expected);
    expect(parse(toText(expected), { syntax: 'text' })).toBe(expected);
  });
});

const REJECTED: [string, string, number, number][] = [
  // `^{-1}` on a head without an inverse in the table could mean 1/f: refused.
  ['\\tanh^{-1} x', 'write (\\tanh x)^{-1} for the reciprocal', 1, 1],
  ['\\log^{-1} x', 'could be the inverse function or the reciprocal', 1, 1],
  ['y + \\sinh^{-1}(x)', 'the table has no inverse of \\sinh', 1, 5],
  // Another negative power: of the inverse, or of the reciprocal?
  ['\\sin^{-2} x', 'write (\\sin x)^{-2}', 1, 1],
  ['\\cos^{-1/2} x', 'could be a power of the inverse function or of the reciprocal', 1, 1],
  // (Other bases are read as a quotient: test/parse/vectors.test.ts.) `e` is a name, `\\log_10` is `\\log_1 0` in TeX.
  ['\\log_{e} x', 'write \\ln x or \\log x', 1, 1],
  ['\\log_10 x', 'write \\log_{10}', 1, 1],
  // A power of a function needs its argument.
  ['\\sin^2', 'unexpected end of input', 1, 7],
  // \max takes a parenthesised list of two or more; \max_j is a reduction (test/parse/max.test.ts).
  ['\\max x', "unexpected 'x'", 1, 6],
  ['\\max(x)', "unexpected ')'", 1, 7],
];

describe('functions (LaTeX): rejected', () => {
  test.each(REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});

describe('functions (text): rejected', () => {
  test.each([
    ['max(x)', "unexpected ')'", 1, 6],
  ] as const)('%s', (input, fragment, line, column) => rejects('text', input, fragment, line, column));
});
