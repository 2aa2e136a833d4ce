// Vector notation that means an index-form sum (issue 9, src/parse/vectors.ts): norms, inner
// products, the indexed softmax, the trace, and two function leftovers (`\log_b x`, `\sqrt[n]{x}`).
// Accepted inputs: their tree (exactly one parse), how they print back, and the round trip
// parse → print → parse; rejected ones: the message and its line:column. Derivatives of each
// construct against central finite differences at random points and sizes (one value, empty).

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Var, withoutStyle } from '../../src/core/ast.js';
import { checkDerivative } from '../../src/check.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { parse, type Syntax } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { accepts, add, call, div, type Expr, idx, mul, neg, num, pow, reduce, rejects, sum, v, variable } from './helpers.js';

const sq = (e: Expr) => pow(e, num(2));
const sqrt = (e: Expr) => call('sqrt', [e]);
const abs = (e: Expr) => call('abs', [e], '|');
const exp = (e: Expr) => call('exp', [e], 'e^');
const log = (e: Expr) => call('log', [e]);
/** `x^{(i)}_j`: a superscript index and subscripts. */
const sup = (name: string, ...indices: string[]) => variable(name, indices.map(idx), false, '(');

const [x, W] = [v('x', 'i'), v('W', 'i', 'j')];
const normX = sqrt(sum('i', sq(x)));
const squaresX = sum('i', sq(x));
const frob = sum('i', sum('j', sq(W)));
const softmaxZ = div(exp(v('z', 'k')), sum('i', exp(v('z', 'i'))));

/** [syntax, input, tree, printed back (the syntax's printer, default options)]. */
export const ACCEPTED: [Syntax, string, Expr, string][] = [
  // Norms: the 2-norm is the square root of the sum of squares, its square the sum itself.
  ['latex', '\\|x\\|', normX, '\\sqrt{\\sum_{i} x_i^2}'],
  ['latex', '\\|x\\|_2', normX, '\\sqrt{\\sum_{i} x_i^2}'],
  ['latex', '\\|x\\|_{2}', normX, '\\sqrt{\\sum_{i} x_i^2}'],
  ['latex', '\\|x\\|^2', squaresX, '\\sum_{i} x_i^2'],
  ['latex', '\\|x\\|_2^2', squaresX, '\\sum_{i} x_i^2'],
  ['latex', '\\|x\\|^{2}', squaresX, '\\sum_{i} x_i^2'],
  ['latex', '\\|x\\|^3', pow(normX, num(3)), '\\sqrt{\\sum_{i} x_i^2}^3'],
  ['latex', '\\|x\\|_1', sum('i', abs(x)), '\\sum_{i} \\lvert x_i \\rvert'],
  ['latex', '\\|x\\|_1^2', pow(sum('i', abs(x)), num(2)), '\\left(\\sum_{i} \\lvert x_i \\rvert\\right)^2'],
  // The maximum norm: the largest absolute value (a \\max reduction).
  ['latex', '\\|x\\|_\\infty', reduce('max', 'i', abs(x)), '\\max_{i} \\lvert x_i \\rvert'],
  ['latex', '\\|x\\|_{\\infty}^2', pow(reduce('max', 'i', abs(x)), num(2)), '\\left(\\max_{i} \\lvert x_i \\rvert\\right)^2'],
  ['text', 'norm(x, inf)', reduce('max', 'i', abs(x)), 'maxover(i, abs(x[i]))'],
  ['latex', '\\|W\\|_F', sqrt(frob), '\\sqrt{\\sum_{i} \\sum_{j} W_{ij}^2}'],
  ['latex', '\\|W\\|_F^2', frob, '\\sum_{i} \\sum_{j} W_{ij}^2'],
  // The spellings of the double bar.
  ['latex', '\\lVert x \\rVert', normX, '\\sqrt{\\sum_{i} x_i^2}'],
  ['latex', '\\Vert x \\Vert', normX, '\\sqrt{\\sum_{i} x_i^2}'],
  ['latex', '\\left\\| x \\right\\|^2', squaresX, '\\sum_{i} x_i^2'],
  ['latex', '\\left\\lVert x \\right\\rVert', normX, '\\sqrt{\\sum_{i} x_i^2}'],
  ['latex', '\\bigl\\| x \\bigr\\|', normX, '\\sqrt{\\sum_{i} x_i^2}'],
  ['latex', '\\Big\\| x \\Big\\|_1', sum('i', abs(x)), '\\sum_{i} \\lvert x_i \\rvert'],
  // The argument: an expression of names, each getting the bound index as a new last slot.
  ['latex', '\\|x_n - \\mu_k\\|^2', sum('i', sq(add([v('x', 'n', 'i'), neg(v('mu', 'k', 'i'))]))), '\\sum_{i} (x_{ni} - \\mu_{ki})^2'],
  ['latex', '\\|x^{(n)} - \\mu_k\\|^2', sum('i', sq(add([sup('x', 'n', 'i'), neg(v('mu', 'k', 'i'))]))),
    '\\sum_{i} (x^{(n)}_i - \\mu_{ki})^2'],
  ['latex', '\\|2 x - \\frac{y}{3}\\|', sqrt(sum('i', sq(add([mul([num(2), x]), neg(div(v('y', 'i'), num(3)))])))),
    '\\sqrt{\\sum_{i} \\left(2 x_i - \\frac{y_i}{3}\\right)^2}'],
  // The bound letter: the first of i j k l m n p q r s that the formula does not use, one per construct.
  ['latex', '\\sum_i \\|x_i\\|^2', sum('i', sum('j', sq(v('x', 'i', 'j')))), '\\sum_{i} \\sum_{j} x_{ij}^2'],
  ['latex', '\\|w\\|^2 + \\sum_j w_j x_j', add([sum('i', sq(v('w', 'i'))), sum('j', mul([v('w', 'j'), v('x', 'j')]))]),
    '\\sum_{i} w_i^2 + \\sum_{j} w_j x_j'],
  ['latex', '\\|a\\| + \\|b\\|^2', add([sqrt(sum('i', sq(v('a', 'i')))), sum('j', sq(v('b', 'j')))]),
    '\\sqrt{\\sum_{i} a_i^2} + \\sum_{j} b_j^2'],
  ['latex', 'i \\|x\\|', mul([v('i'), sqrt(sum('j', sq(v('x', 'j'))))]), 'i \\sqrt{\\sum_{j} x_j^2}'],
  // Inner products.
  ['latex', '\\langle a, b \\rangle', sum('i', mul([v('a', 'i'), v('b', 'i')])), '\\sum_{i} a_i b_i'],
  ['latex', '\\left\\langle q, k_j \\right\\rangle', sum('i', mul([v('q', 'i'), v('k', 'j', 'i')])), '\\sum_{i} q_i k_{ji}'],
  ['latex', '\\langle x - \\mu, w \\rangle', sum('i', mul([add([x, neg(v('mu', 'i'))]), v('w', 'i')])), '\\sum_{i} (x_i - \\mu_i) w_i'],
  ['latex', '\\frac{\\langle a, b \\rangle}{\\|a\\| \\|b\\|}',
    div(sum('i', mul([v('a', 'i'), v('b', 'i')])), mul([sqrt(sum('j', sq(v('a', 'j')))), sqrt(sum('k', sq(v('b', 'k'))))])),
    '\\frac{\\sum_{i} a_i b_i}{\\sqrt{\\sum_{j} a_j^2} \\sqrt{\\sum_{k} b_k^2}}'],
  // The softmax: the sum over a letter the formula does not use, as for the norms (not a primed k, which a
  // printer would show as k again: e^{z_k} / Σ_k e^{z_k} means the same but reads wrongly).
  ['latex', '\\operatorname{softmax}(z)_k', softmaxZ, '\\frac{e^{z_k}}{\\sum_{i} e^{z_i}}'],
  ['latex', '\\mathrm{softmax}(z)_{k}', softmaxZ, '\\frac{e^{z_k}}{\\sum_{i} e^{z_i}}'],
  ['latex', '\\operatorname{softmax}\\left(z - m\\right)_j',
    div(exp(add([v('z', 'j'), neg(v('m', 'j'))])), sum('i', exp(add([v('z', 'i'), neg(v('m', 'i'))])))),
    '\\frac{e^{z_j - m_j}}{\\sum_{i} e^{z_i - m_i}}'],
  ['latex', '-\\sum_k y_k \\log \\operatorname{softmax}(z)_k', neg(sum('k', mul([v('y', 'k'), log(softmaxZ)]))),
    '-\\sum_{k} y_k \\log\\left(\\frac{e^{z_k}}{\\sum_{i} e^{z_i}}\\right)'],
  // The trace of one matrix name.
  ['latex', '\\operatorname{tr}(X)', sum('i', v('X', 'i', 'i')), '\\sum_{i} X_{ii}'],
  ['latex', '\\operatorname{Tr}(X)', sum('i', v('X', 'i', 'i')), '\\sum_{i} X_{ii}'],
  ['latex', '\\mathrm{tr}(X)', sum('i', v('X', 'i', 'i')), '\\sum_{i} X_{ii}'],
  ['latex', '\\tr(X)', sum('i', v('X', 'i', 'i')), '\\sum_{i} X_{ii}'],
  ['latex', '\\text{trace}\\left(A\\right)', sum('i', v('A', 'i', 'i')), '\\sum_{i} A_{ii}'],
  // Logarithms to a base b: a quotient of logarithms (bases 2 and 10 stay log2 and log10).
  ['latex', '\\log_b x', div(log(v('x')), log(v('b'))), '\\frac{\\log(x)}{\\log(b)}'],
  ['latex', '\\log_{a} (x y)', div(log(mul([v('x'), v('y')])), log(v('a'))), '\\frac{\\log(x y)}{\\log(a)}'],
  ['latex', '\\log_{n+1} x', div(log(v('x')), log(add([v('n'), num(1)]))), '\\frac{\\log(x)}{\\log(n + 1)}'],
  ['latex', '\\log_3 x', div(log(v('x')), log(num(3))), '\\frac{\\log(x)}{\\log(3)}'],
  // Roots: x^{1/n} (real for x ≥ 0); the cube root stays cbrt.
  ['latex', '\\sqrt[n]{x}', pow(v('x'), div(num(1), v('n'))), 'x^{\\frac{1}{n}}'],
  ['latex', '\\sqrt[4]{x}', pow(v('x'), div(num(1), num(4))), 'x^{\\frac{1}{4}}'],
  ['latex', '\\sqrt[k+1]{x y}', pow(mul([v('x'), v('y')]), div(num(1), add([v('k'), num(1)]))), '(x y)^{\\frac{1}{k + 1}}'],
  // Plain text.
  ['text', 'norm(x)', normX, 'sqrt(sum(i, x[i]^2))'],
  ['text', 'norm(x, 2)', normX, 'sqrt(sum(i, x[i]^2))'],
  ['text', 'norm(x)^2', squaresX, 'sum(i, x[i]^2)'],
  ['text', 'norm(x, 1)', sum('i', abs(x)), 'sum(i, abs(x[i]))'],
  ['text', 'norm(W, F)^2', frob, 'sum(i, sum(j, W[i,j]^2))'],
  ['text', 'sum(n, norm(x[n] - mu)^2)', sum('n', sum('i', sq(add([v('x', 'n', 'i'), neg(v('mu', 'i'))])))),
    'sum(n, sum(i, (x[n,i] - mu[i])^2))'],
  ['text', 'inner(a, b)', sum('i', mul([v('a', 'i'), v('b', 'i')])), 'sum(i, a[i] * b[i])'],
  ['text', 'softmax(z)[k]', softmaxZ, 'exp(z[k]) / sum(i, exp(z[i]))'],
  ['text', 'tr(X)', sum('i', v('X', 'i', 'i')), 'sum(i, X[i,i])'],
  ['text', 'trace(X)', sum('i', v('X', 'i', 'i')), 'sum(i, X[i,i])'],
];

/** [syntax, input, message fragment, line, column]. */
export const REJECTED: [Syntax, string, string, number, number][] = [
  // What the vector rule would misread.
  // \|\lambda x\|: either could be the vector (\|y - X\beta\| is matrix notation: test/parse/matrix.test.ts)
  ['latex', '\\|\\lambda x\\|^2', 'a product of names inside a norm', 1, 1],
  ['latex', '\\|x / y\\|', 'a quotient by a name inside a norm', 1, 1],
  ['latex', '\\|\\sigma(x)\\|', 'a function inside a norm', 1, 1],
  ['latex', '1 + \\|x^2\\|', 'a power inside a norm', 1, 5],
  ['latex', '\\|\\sum_j x_j\\|', 'a reduction inside a norm', 1, 1],
  ['latex', '\\|\\frac{\\partial f}{\\partial x}\\|', 'a derivative inside a norm', 1, 1],
  ['latex', '\\|x\\| + x', 'x is a vector inside a norm (its entries get a new last index there) and is written with another number of indices elsewhere', 1, 1],
  // An index-free derivative by a vector.
  ['latex', '\\frac{\\partial}{\\partial x} \\|x\\|^2', 'take a derivative by an entry, \\partial x_j', 1, 29],
  ['latex', '\\|W\\|_F + \\|W\\|', 'W is a vector inside a', 1, 1],
  ['latex', '\\sum_j \\|x - j\\|', 'j is an index letter of the formula and cannot be a vector inside a norm', 1, 8],
  ['latex', 'a; \\langle a, b \\rangle', 'a is a vector inside an inner product', 1, 4],
  ['latex', '\\langle a b, c \\rangle', 'a product of names inside an inner product', 1, 1],
  // Other norms.
  ['latex', '\\infty', '\\infty is read only as the subscript of the maximum norm', 1, 1],
  ['latex', 'x^{\\infty}', '\\infty is read only as the subscript of the maximum norm', 1, 4],
  ['latex', '\\|x\\|_p', 'only the norms \\|x\\|_1, \\|x\\|_2, \\|x\\|_\\infty and \\|W\\|_F are read', 1, 6],
  ['latex', '\\|x\\|_{12}', 'only the norms', 1, 6],
  ['latex', '||x||', '|| reads as two absolute value bars: for a norm write \\|x\\|', 1, 1],
  ['latex', '\\|x', "'\\|' is not closed", 1, 4],
  ['text', 'norm(x, 3)', 'only the norms norm(x) (or norm(x, 2)), norm(x, 1), norm(x, inf) and norm(W, F) are read', 1, 1],
  ['text', 'norm(x*y)', 'a product of names inside a norm', 1, 1],
  // The softmax must be indexed, by one letter, and takes a vector's name.
  ['latex', '\\operatorname{softmax}(z)', 'the softmax is a vector: index it, \\operatorname{softmax}(z)_k', 1, 1],
  ['latex', '\\operatorname{softmax} z_k', '\\operatorname{softmax} must be applied to a parenthesised argument', 1, 1],
  ['latex', '\\operatorname{softmax}(z)_{jk}', 'the softmax takes one index letter', 1, 1],
  ['latex', '\\operatorname{softmax}(z)_2', 'the softmax takes one index letter', 1, 1],
  ['latex', '\\operatorname{softmax}(z_j)_k', 'the softmax takes a vector by its name', 1, 1],
  ['latex', '\\operatorname{softmax}(W x)_k', 'a product of names inside the softmax', 1, 1],
  ['text', 'softmax(z)', 'index it, softmax(z)[k]', 1, 1],
  ['text', 'softmax(z) [k]', 'index it, softmax(z)[k]', 1, 1],
  // The trace: of one matrix name; of a product it shows the index form.
  ['latex', '\\operatorname{tr}(X_1)', 'the trace takes a square matrix, not a scalar (X_{1})', 1, 1],
  ['latex', '\\tr X', '\\tr must be applied to a parenthesised argument: write \\tr(X)', 1, 1],
  // found by npm run fuzz: an unclosed trace after an unmatched ')' is the parenthesis error, not a crash
  ['latex', 'x) + \\operatorname{tr}(X', "unmatched ')'", 1, 2],
  ['latex', '\\operatorname{tr}(\\hat{X}_{k})', 'the trace takes a square matrix, not a scalar', 1, 1],
  ['text', 'tr(A*B)', 'write it in index form, sum(i, sum(j, A[i,j]*B[j,i]))', 1, 1],
  ['text', 'tr(X[1])', 'is read only of one matrix name', 1, 1],
  // The determinant of a matrix literal is refused, with how to write it (of a matrix name it is read: test/parse/matrix.test.ts).
  ['latex', '\\det \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}', 'write it out, a d - b c for \\det \\begin{pmatrix} a & b', 1, 6],
  ['latex', '\\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix}', 'the determinant of a matrix literal (\\begin{vmatrix}) is not read', 1, 1],
  ['latex', '\\begin{bmatrix} a \\end{bmatrix}', '\\begin{bmatrix} (a matrix literal) is not read', 1, 1],
  // Logarithms: `e` is a name, and an unbraced subscript is one character.
  ['latex', '\\log_e x', 'write \\ln x or \\log x', 1, 1],
  ['latex', '\\log_16 x', 'so \\log_16 is \\log_1 6: write \\log_{16}', 1, 1],
];

describe('vectors: accepted', () => {
  test.each(ACCEPTED)('%s: %s', (syntax, input, expected, printed) => {
    accepts(syntax, input, expected);
    expect(syntax === 'latex' ? toLatex(expected) : toText(expected)).toBe(printed);
    // Round trip, in both syntaxes, with the bound letters as they are (`k'`).
    expect(parse(toLatex(expected, { restoreBoundLetters: false }), { syntax: 'latex' })).toBe(expected);
    expect(withoutStyle(parse(toText(expected, { restoreBoundLetters: false }), { syntax: 'text' }))).toBe(withoutStyle(expected));
  });
});

describe('vectors: rejected', () => {
  test.each(REJECTED)('%s: %s', (syntax, input, fragment, line, column) => {
    rejects(syntax, input, fragment, line, column);
  });
});

describe('values', () => {
  const at = (f: string, values: Record<string, unknown>, free: string[] = []) =>
    evaluate(parse(f), { sizes: {}, values } as never, { free }).value;
  test('norms of vectors of different lengths do not tie their sizes', () => {
    expect(at('\\|x\\| + \\|y\\|^2', { x: [3, 4], y: [1, 2, 2] })).toBe(14);
  });
  test('the trace and the Frobenius norm', () => {
    expect(at('\\operatorname{tr}(W) + \\|W\\|_F^2', { W: [[1, 2], [3, 4]] })).toBe(35);
  });
  test('cosine similarity', () => {
    expect(at('\\frac{\\langle a, b \\rangle}{\\|a\\| \\|b\\|}', { a: [1, 0], b: [1, 1] })).toBeCloseTo(Math.SQRT1_2, 12);
  });
  test('the softmax sums to 1', () => {
    const p = at('\\operatorname{softmax}(z)_k', { z: [1, 2, 3] }, ['k']) as number[];
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 12);
  });
  test('a root and a logarithm to a base', () => {
    expect(at('\\sqrt[4]{x} + \\log_b y', { x: 16, b: 2, y: 8 })).toBeCloseTo(5, 12);
  });
});

// ---------------------------------------------------------------------------
// Derivatives against central differences, at random sizes from 1 (one value) to 4. (The
// constructs range over a whole slot, which has at least one entry: no range of theirs is empty.)

interface Case { readonly f: string; readonly wrt: string; readonly positive?: boolean }

const CASES: readonly Case[] = [
  { f: '\\|x\\|', wrt: 'x_j' },
  { f: '\\|x\\|^2', wrt: 'x_j' },
  { f: '\\|x\\|_1', wrt: 'x_j' },
  { f: '\\|W\\|_F', wrt: 'W_{ab}' },
  { f: '\\|W\\|_F^2', wrt: 'W_{ab}' },
  { f: '\\sum_n \\sum_k r_{nk} \\|x_n - \\mu_k\\|^2', wrt: '\\mu_{ab}' },
  // Under a bounded sum: empty at N = 1.
  { f: '\\sum_{n=2}^{N} \\|x_n - \\mu\\|^2', wrt: 'x_{ab}' },
  { f: '\\frac{\\langle a, b \\rangle}{\\|a\\| \\|b\\|}', wrt: 'a_j' },
  { f: '\\sum_j \\langle q, k_j \\rangle v_j', wrt: 'k_{ab}' },
  { f: '-\\sum_k y_k \\log \\operatorname{softmax}(z)_k', wrt: 'z_j' },
  { f: '\\sum_k \\operatorname{softmax}(z - m)_k v_k', wrt: 'm_j' },
  { f: '\\operatorname{tr}(X) \\operatorname{tr}(X)', wrt: 'X_{kl}' },
  { f: '\\log_b x', wrt: 'b', positive: true },
  { f: '\\sqrt[n]{x} + \\sqrt[k+1]{x}', wrt: 'x', positive: true },
];

const LETTERS = ['i', 'j', 'k', 'l', 'm', 'n', 'a', 'b', 'N'];

describe('derivatives against central differences', () => {
  test.each(CASES.map((c) => [`∂(${c.f})/∂${c.wrt}`, c] as const))('%s', (_name, c) => {
    const f = parse(c.f);
    const wrt = parse(c.wrt) as Var;
    const d = derive(f, wrt);
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 1000 }), (size, seed) => {
      const sizes = Object.fromEntries(LETTERS.map((n) => [n, size]));
      // The positive cases need x > 0 and a base b ≠ 1.
      const generate = c.positive === true ? (_: string, r: () => number) => 1.5 + r() : undefined;
      for (const claimed of [d.raw, d.result]) {
        const report = checkDerivative({ f, wrt, derivative: claimed, sizes, trials: 1, seed, ...(generate === undefined ? {} : { generate }) });
        expect(report.ok, JSON.stringify(report.failures.slice(0, 2))).toBe(true);
        expect(report.checked).toBeGreaterThan(0);
      }
    }), { numRuns: 8 });
  });
});

describe('a norm in a function definition', () => {
  test('the parameters of J(\\theta) = … name the quantity at any shape: \\|\\theta\\|^2 beside \\theta_j reads', () => {
    const f = parse('J(\\theta) = \\sum_j \\theta_j x_j + \\frac{\\lambda}{2} \\|\\theta\\|^2', { syntax: 'latex' });
    expect(toLatex(f)).toBe('J(\\theta) = \\sum_{j} \\theta_j x_j + \\frac{\\lambda}{2} \\sum_{i} \\theta_i^2');
  });
  test('outside a definition the shapes must agree, and the message writes the name as LaTeX does', () => {
    expect(() => parse('\\|\\theta\\|^2 + \\theta', { syntax: 'latex' })).toThrow(/^\\theta is a vector inside a norm/);
  });
});
