// Matrix notation (issue 11, src/parse/matrix.ts): read into index form, checked three ways —
// the index form as printed, its value against the same formula computed directly with matrices
// (random shapes including 1, fast-check), and the refusals with what and where.

import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { children, type Expr } from '../../src/core/ast.js';
import { inputKey } from '../../src/core/names.js';
import { evaluate } from '../../src/evaluate.js';
import { parse, parseAll, parseShapes, parseWithShapes } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { rejects } from './helpers.js';

const read = (input: string, shapes = '') => parse(input, { syntax: 'latex', shapes: parseShapes(shapes) });

const READINGS: [input: string, shapes: string, index: string][] = [
  // transposes, in every spelling, and products
  ['\\theta^T x', '', '\\sum_{i} \\theta_i x_i'],
  ['\\theta^{T} x', '', '\\sum_{i} \\theta_i x_i'],
  ['w^\\top x', '', '\\sum_{i} w_i x_i'],
  ['w^{\\top} x', '', '\\sum_{i} w_i x_i'],
  ['x^\\intercal y', '', '\\sum_{i} x_i y_i'],
  ['x^{\\mathsf{T}} y', '', '\\sum_{i} x_i y_i'],
  ['x^\\mathsf{T} y', '', '\\sum_{i} x_i y_i'],
  ['x^{\\mathrm{T}} y', '', '\\sum_{i} x_i y_i'],
  ['x^{\\rm T} y', '', '\\sum_{i} x_i y_i'],
  ['x^{ T } y', '', '\\sum_{i} x_i y_i'],
  ["e'^T x", '', "\\sum_{i} e'_i x_i"],
  ['\\hat{\\theta}^T x', '', '\\sum_{i} \\hat{\\theta}_i x_i'],
  ['(a + b)^T c', '', '\\sum_{i} (a_i + b_i) c_i'],
  ['x^T A x', '', "\\sum_{i} \\sum_{i'} x_i A_{ii'} x_{i'}"],
  ['\\mathbf{x}^\\top A \\mathbf{x}', '', "\\sum_{i} \\sum_{i'} \\mathbf{x}_i A_{ii'} \\mathbf{x}_{i'}"],
  ['\\mathbf{a}^\\top X \\mathbf{b}', '', '\\sum_{i} \\sum_{j} \\mathbf{a}_i X_{ij} \\mathbf{b}_j'],
  ['\\sigma(\\sum_j w_j x_j + b^T c)', '', '\\sigma\\left(\\sum_{j} w_j x_j + \\sum_{i} b_i c_i\\right)'],
  ['a = 1\nx^T y', '', 'a = 1\n\\sum_{i} x_i y_i'],
  // the seed's layer and loss, with declared shapes: the declared letters are the indices
  ['\\mathbf{o} = \\sigma(W^\\top \\mathbf{x})', 'W: j×k, \\mathbf{x}: j', '\\mathbf{o}_k = \\sigma\\left(\\sum_{j} W_{jk} \\mathbf{x}_j\\right)'],
  ['E = \\frac12 \\|\\mathbf{t} - \\mathbf{o}\\|^2', 't: k, o: k', 'E = \\frac{1}{2} \\sum_{k} (\\mathbf{t}_k - \\mathbf{o}_k)^2'],
  ['W h + b', 'W: j×k', '\\sum_{k} W_{jk} h_k + b_j'],
  // entrywise operations, ones, identity, diag, outer products, powers of a square matrix
  ['(\\mathbf{t} - \\mathbf{o}) \\odot \\mathbf{o} \\odot (\\mathbf{1} - \\mathbf{o})', '', '(\\mathbf{t}_i - \\mathbf{o}_i) \\mathbf{o}_i (1 - \\mathbf{o}_i)'],
  ['\\mathbf{u} \\oslash \\mathbf{v}', '', '\\frac{\\mathbf{u}_i}{\\mathbf{v}_i}'],
  ['\\mathbf{u} \\otimes \\mathbf{v}', '', '\\mathbf{u}_i \\mathbf{v}_j'],
  ['\\mathbf{1}^\\top \\mathbf{x}', '', '\\sum_{i} \\mathbf{x}_i'],
  ['\\mathbf{x}^\\top (I + A) \\mathbf{x}', '', "\\sum_{i} \\sum_{i'} \\mathbf{x}_i (\\delta_{ii'} + A_{ii'}) \\mathbf{x}_{i'}"],
  ['\\operatorname{diag}(\\mathbf{x}) A', '', "\\sum_{i'} \\delta_{ii'} \\mathbf{x}_i A_{i'j}"],
  ['\\operatorname{diag}(A)', '', 'A_{ii}'],
  ['\\operatorname{tr}(X^2)', '', "\\sum_{i} \\sum_{i'} X_{ii'} X_{i'i}"],
  // traces, norms and inner products of products
  ['\\operatorname{tr}(X^\\top A X)', '', "\\sum_{j} \\sum_{i} \\sum_{i'} X_{ij} A_{ii'} X_{i'j}"],
  ['\\operatorname{tr}(X Y)', '', "\\sum_{i} \\sum_{j} X_{ij} Y_{ji}"],
  ['y + \\operatorname{tr}(X^T X)', '', 'y + \\sum_{j} \\sum_{i} X_{ij} X_{ij}'],
  ['\\|W\\mathbf{x} - \\mathbf{y}\\|^2', '', '\\sum_{i} \\left(\\sum_{j} W_{ij} \\mathbf{x}_j - \\mathbf{y}_i\\right)^2'],
  ['\\|y - X\\beta\\|', '', '\\sqrt{\\sum_{i} \\left(y_i - \\sum_{j} X_{ij} \\beta_j\\right)^2}'],
  ['\\|X\\|_F', '', '\\sqrt{\\sum_{i} \\sum_{j} X_{ij}^2}'],
  ['\\langle A\\mathbf{x}, \\mathbf{y} \\rangle', '', '\\sum_{i} \\left(\\sum_{j} A_{ij} \\mathbf{x}_j\\right) \\mathbf{y}_i'],
  // families of vectors: a bold name with an index is the n-th vector; a plain x^{(i)} too
  ['\\sum_n \\|\\mathbf{x}_n - W \\mathbf{z}_n\\|^2', '', '\\sum_{n} \\sum_{i} \\left(\\mathbf{x}_{ni} - \\sum_{j} W_{ij} \\mathbf{z}_{nj}\\right)^2'],
  ['J(\\theta) = \\frac{1}{2} \\sum_i (\\theta^T x^{(i)} - y^{(i)})^2', '', 'J(\\theta) = \\frac{1}{2} \\sum_{i} \\left(\\sum_{j} \\theta_j x^{(i)}_j - y^{(i)}\\right)^2'],
  // the inverse, the inverse's transpose and the determinant of a matrix name (issue 11)
  ['\\mathbf{a}^\\top X^{-1} \\mathbf{b}', '', "\\sum_{i} \\sum_{i'} \\mathbf{a}_i (X^{-1})_{ii'} \\mathbf{b}_{i'}"],
  ['\\mathbf{a}^\\top X^{-\\top} \\mathbf{b}', '', "\\sum_{i} \\sum_{i'} \\mathbf{a}_i (X^{-1})_{i'i} \\mathbf{b}_{i'}"],
  ['\\mathbf{a}^\\top X^{-T} \\mathbf{b}', '', "\\sum_{i} \\sum_{i'} \\mathbf{a}_i (X^{-1})_{i'i} \\mathbf{b}_{i'}"],
  ['\\mathbf{a}^\\top (X^\\top)^{-1} \\mathbf{b}', '', "\\sum_{i} \\sum_{i'} \\mathbf{a}_i (X^{-1})_{i'i} \\mathbf{b}_{i'}"],
  ['\\operatorname{tr}(A X^{-1} B)', '', "\\sum_{i} \\sum_{j} \\sum_{j'} A_{ij} (X^{-1})_{jj'} B_{j'i}"],
  ['X^{-1}', 'X: n×n', "(X^{-1})_{nn'}"],
  ['\\det(X)', '', '\\det(X)'],
  ['\\det X^\\top', '', '\\det(X)'],
  ['\\det(X^{-\\top})', '', '\\frac{1}{\\det(X)}'],
  ['\\operatorname{det}(W)', 'W: n×n', '\\det(W)'],
  ['\\ln\\det X', '', '\\ln(\\det(X))'],
  ['\\log|\\det X|', '', '\\log(\\lvert \\det(X) \\rvert)'],
  ['\\det(X) \\, \\mathbf{a}^\\top \\mathbf{b}', '', '\\sum_{j} \\det(X) \\mathbf{a}_j \\mathbf{b}_j'],
  // a size symbol stays a number; the transpose of a scalar is the scalar
  ['\\frac{1}{N} \\sum_{n=1}^{N} \\mathbf{x}_n^\\top \\mathbf{x}_n', '', '\\frac{1}{N} \\sum_{n=1}^{N} \\sum_{i} \\mathbf{x}_{ni} \\mathbf{x}_{ni}'],
];

describe('matrix notation: read into index form', () => {
  test.each(READINGS)('%s  (shapes: %s)', (input, shapes, index) => {
    expect(parseAll(input, { syntax: 'latex' })).toHaveLength(1);
    const formulas = parseWithShapes(input, { syntax: 'latex', shapes: parseShapes(shapes) }).formulas;
    expect(formulas.map((f) => toLatex(f)).join('\n')).toBe(index);
  });

  it('reports the shapes it inferred, and keeps the declared ones', () => {
    const inferred = parseWithShapes('E = \\frac12 \\|\\mathbf{t} - \\sigma(W^\\top \\mathbf{o})\\|^2');
    expect(inferred.matrix).toBe(true);
    expect(inferred.shapes.map((s) => `${toLatex(s.name)}: ${s.dims.join('×')}`)).toEqual(['\\mathbf{t}: i', 'W: j×i', '\\mathbf{o}: j']);
    const declared = parseWithShapes('\\sigma(W^\\top \\mathbf{o})', { shapes: parseShapes('W: j×k, o: j') });
    expect(declared.shapes.map((s) => s.dims.join('×'))).toEqual(['j×k', 'j']);
    // Index notation is not matrix notation, even with vectors inside a norm.
    expect(parseWithShapes('\\lambda \\|w\\|^2 + \\sum_k w_k x_{i+k}').matrix).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Values: the index form equals the matrix formula computed directly.

type Mat = number[][];
const matmul = (a: Mat, b: Mat): Mat => a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const tr = (a: Mat): Mat => a[0]!.map((_, j) => a.map((row) => row[j]!));
const col = (v: number[]): Mat => v.map((x) => [x]);
const add = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((x, j) => x + b[i]![j]!));
const scalar = (m: Mat): number => m[0]![0]!;
const trace = (a: Mat): number => a.reduce((s, row, i) => s + row[i]!, 0);
/** The determinant by Laplace expansion along the first row, and the inverse as the adjugate over it: independent of src/values.ts. */
const minor = (a: Mat, i: number, j: number): Mat => a.filter((_, r) => r !== i).map((row) => row.filter((_, c) => c !== j));
const det = (a: Mat): number => (a.length === 0 ? 1 : a[0]!.reduce((s, x, j) => s + (j % 2 === 0 ? 1 : -1) * x * det(minor(a, 0, j)), 0));
const inv = (a: Mat): Mat => a.map((_, i) => a.map((__, j) => ((i + j) % 2 === 0 ? 1 : -1) * det(minor(a, j, i)) / det(a)));

interface Sizes { readonly m: number; readonly n: number; readonly p: number }
interface Case {
  readonly formula: string;
  /** Input name → its shape from the sizes ([] scalar, [m] vector, [m, n] matrix). */
  readonly inputs: Record<string, (s: Sizes) => number[]>;
  /** The formula computed with matrices. */
  readonly direct: (v: Record<string, number[] | Mat>) => number;
  /** Square inputs that are inverted: drawn with 2n added to the diagonal, so that they are well conditioned. */
  readonly invertible?: readonly string[];
}
const V = (f: (s: Sizes) => number) => (s: Sizes) => [f(s)];
const M = (f: (s: Sizes) => number, g: (s: Sizes) => number) => (s: Sizes) => [f(s), g(s)];
const [m, n, p] = [(s: Sizes) => s.m, (s: Sizes) => s.n, (s: Sizes) => s.p];

const CASES: Case[] = [
  { formula: 'x^\\top A x', inputs: { x: V(m), A: M(m, m) }, direct: (v) => scalar(matmul(matmul(tr(col(v.x as number[])), v.A as Mat), col(v.x as number[]))) },
  { formula: 'a^\\top X b', inputs: { a: V(m), X: M(m, n), b: V(n) }, direct: (v) => scalar(matmul(matmul(tr(col(v.a as number[])), v.X as Mat), col(v.b as number[]))) },
  { formula: '\\operatorname{tr}(A X B)', inputs: { A: M(p, m), X: M(m, n), B: M(n, p) }, direct: (v) => trace(matmul(matmul(v.A as Mat, v.X as Mat), v.B as Mat)) },
  { formula: '\\operatorname{tr}(X^\\top B X C)', inputs: { X: M(m, n), B: M(m, m), C: M(n, n) }, direct: (v) => trace(matmul(matmul(matmul(tr(v.X as Mat), v.B as Mat), v.X as Mat), v.C as Mat)) },
  { formula: '\\|W x - y\\|^2', inputs: { W: M(m, n), x: V(n), y: V(m) },
    direct: (v) => add(matmul(v.W as Mat, col(v.x as number[])), col((v.y as number[]).map((t) => -t))).reduce((s, [t]) => s + t! * t!, 0) },
  { formula: '\\operatorname{tr}((A X B + C)(A X B + C)^\\top)', inputs: { A: M(m, m), X: M(m, n), B: M(n, p), C: M(m, p) },
    direct: (v) => { const y = add(matmul(matmul(v.A as Mat, v.X as Mat), v.B as Mat), v.C as Mat); return trace(matmul(y, tr(y))); } },
  { formula: '\\mathbf{1}^\\top (\\sigma(W^\\top x) \\odot y)', inputs: { W: M(m, n), x: V(m), y: V(n) },
    direct: (v) => matmul(tr(v.W as Mat), col(v.x as number[])).reduce((s, [t], i) => s + (v.y as number[])[i]! / (1 + Math.exp(-t!)), 0) },
  { formula: '\\operatorname{tr}(X^3)', inputs: { X: M(m, m) }, direct: (v) => trace(matmul(matmul(v.X as Mat, v.X as Mat), v.X as Mat)) },
  { formula: '\\|\\operatorname{diag}(x) A\\|_F^2', inputs: { x: V(m), A: M(m, n) },
    direct: (v) => (v.A as Mat).reduce((s, row, i) => s + row.reduce((t, a) => t + ((v.x as number[])[i]! * a) ** 2, 0), 0) },
  // the inverse and the determinant (issue 11)
  { formula: 'a^\\top X^{-1} b', inputs: { a: V(m), X: M(m, m), b: V(m) }, invertible: ['X'],
    direct: (v) => scalar(matmul(matmul(tr(col(v.a as number[])), inv(v.X as Mat)), col(v.b as number[]))) },
  { formula: 'a^\\top X^{-\\top} b', inputs: { a: V(m), X: M(m, m), b: V(m) }, invertible: ['X'],
    direct: (v) => scalar(matmul(matmul(tr(col(v.a as number[])), tr(inv(v.X as Mat))), col(v.b as number[]))) },
  { formula: '\\operatorname{tr}(A X^{-1} B)', inputs: { A: M(p, m), X: M(m, m), B: M(m, p) }, invertible: ['X'],
    direct: (v) => trace(matmul(matmul(v.A as Mat, inv(v.X as Mat)), v.B as Mat)) },
  { formula: '\\det(X) + \\ln|\\det X^\\top|', inputs: { X: M(m, m) }, invertible: ['X'],
    direct: (v) => det(v.X as Mat) + Math.log(Math.abs(det(v.X as Mat))) },
];

/** The input key of the name `name` in `formula` (a bold name's key carries its mark). */
const keyOf = (name: string, formula: Expr): string => {
  const visit = (e: Expr): string | undefined => (e.kind === 'var' && e.name === name ? inputKey(e) : children(e).map(visit).find((k) => k !== undefined));
  return visit(formula) ?? name;
};

describe('matrix notation: the index form has the matrix formula’s value', () => {
  test.each(CASES.map((c) => [c.formula, c] as const))('%s', (_f, c) => {
    const formula = read(c.formula);
    fc.assert(fc.property(
      fc.record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }), p: fc.integer({ min: 1, max: 4 }) }),
      fc.integer({ min: 1, max: 1e6 }),
      (sizes, seed) => {
        let state = seed;
        const random = () => ((state = (state * 48271) % 2147483647) / 2147483647) * 2 - 1;
        const values: Record<string, number[] | Mat> = {};
        for (const [name, shape] of Object.entries(c.inputs)) {
          const [a, b] = shape(sizes);
          values[name] = b === undefined ? Array.from({ length: a! }, random) : Array.from({ length: a! }, () => Array.from({ length: b }, random));
          if (c.invertible?.includes(name)) (values[name] as Mat).forEach((row, i) => { row[i] = row[i]! + 2 * a!; });
        }
        const keyed = Object.fromEntries(Object.entries(values).map(([k, x]) => [keyOf(k, formula), x]));
        const got = evaluate(formula, { values: keyed }).value as number;
        const want = c.direct(values);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want)));
      },
    ), { seed: 11, numRuns: 40 });
  });
});

// ---------------------------------------------------------------------------
// Refusals: what, where, and how to write it.

const REFUSED: [input: string, shapes: string, fragment: string, line: number, column: number][] = [
  ['W \\mathbf{x}', 'W: j×k, \\mathbf{x}: j', 'dimension mismatch in a product: a j×k matrix (W) times a vector of length j (\\mathbf{x})', 1, 3],
  ['\\mathbf{x} + \\mathbf{y}', 'x: j, y: k', 'dimension mismatch in a sum: a vector of length j (\\mathbf{x}) and a vector of length k (\\mathbf{y})', 1, 1],
  ['\\mathbf{x} \\mathbf{y}', '', 'for the inner product write \\mathbf{x}^\\top \\mathbf{y}, for the outer product \\mathbf{x} \\mathbf{y}^\\top', 1, 12],
  ['\\mathbf{x} \\odot A', '', 'dimension mismatch in \\odot', 1, 12],
  ['1 + \\mathbf{x}^\\top A', '', 'a sum of a scalar (the expression) and a row vector', 1, 5],
  ['\\mathbf{x}^\\top A / \\mathbf{y}', '', 'a division by a vector of length', 1, 21],
  ['\\|A\\| + \\mathbf{x}^\\top \\mathbf{x}', '', 'of a matrix is an operator norm, not read: for the Frobenius norm write \\|A\\|_F', 1, 1],
  ['\\mathbf{x}^2 + \\mathbf{x}^\\top \\mathbf{x}', '', 'a power of a vector', 1, 1],
  // the inverse and the determinant (issue 11): of a square matrix name only
  ['\\mathbf{a}^\\top (A + X)^{-1} \\mathbf{b}', '', 'the inverse is read of a matrix name only: (…)^{-1} of an expression is not read; name the matrix in a definition first, M = … on a line before', 1, 18],
  ['\\det(A X)', '', 'the determinant is read of a matrix name only: \\det(…) of an expression is not read', 1, 1],
  ['\\mathbf{x}^{-1} + A^\\top', '', 'the inverse takes a square matrix, not a vector of length len(\\mathbf{x}) (\\mathbf{x})', 1, 1],
  ['\\mathbf{a}^\\top I^{-1} \\mathbf{b}', '', 'the inverse of the identity is not read: I^{-1} is I', 1, 17],
  ['\\det X_1 + \\mathbf{a}^\\top\\mathbf{b}', '', 'X_{1} is an entry (a name with a subscript)', 1, 1],
  ['X^{-1} \\mathbf{a}', 'X: m×n', 'the inverse takes a square matrix, not a m×n matrix (X)', 1, 1],
  ['\\det X', 'X: m×n', '\\det takes a square matrix, not a m×n matrix (X)', 1, 1],
  ['\\operatorname{tr}(X_1)', '', 'the trace takes a square matrix, not a scalar (X_{1})', 1, 1],
  ['\\operatorname{tr}(\\mathbf{x} \\mathbf{y}^\\top A)', 'A: n×m, x: k', 'the trace takes a square matrix, not a k×m matrix', 1, 1],
  ['x_j^T y_j', '', 'x_{j} is an entry (a number: a name with a subscript), so its transpose says nothing', 1, 4],
  ['x_{jk}^{T}', '', 'x_{jk} is an entry', 1, 7],
  ['e_1^T x', '', 'e_{1} is an entry', 1, 4],
  ['a + \\operatorname{diag}(x)', '', 'a sum of a scalar (a) and a', 1, 5],
  ['\\|\\lambda x\\|^2', 'A: n×n', 'a norm of a scalar', 1, 1],
  ['\\|\\mathbf{x}^\\top \\mathbf{x}\\|_2', '', 'a norm of a scalar: what is inside is a number, not a vector', 1, 1],
  ['\\frac{\\partial}{\\partial x} \\mathbf{x}^\\top A \\mathbf{x}', '', 'a derivative operator in matrix notation is not read: give the variable with --wrt', 1, 29],
];

describe('matrix notation: refused with what, where and how to write it', () => {
  test.each(REFUSED)('%s', (input, shapes, fragment, line, column) => {
    if (shapes === '') rejects('latex', input, fragment, line, column);
    else expect(() => read(input, shapes)).toThrow(fragment);
  });
});

describe('--shapes', () => {
  it('reads names, dimensions and scalars', () => {
    const s = parseShapes('W: j×k, \\mathbf{o}: j; t: k, x: N, A: n\\times n, B: a x b, \\eta: 1');
    expect(s.map((x) => `${toLatex(x.name)}:${x.dims.join('×')}`)).toEqual(['W:j×k', '\\mathbf{o}:j', 't:k', 'x:n', 'A:n×n', 'B:a×b', '\\eta:']);
  });
  test.each(['W', 'W: 3×2', 'W: j×k×l', 'w_j: j', 'W: j, W: k'])('refuses %s', (spec) => {
    expect(() => parseShapes(spec)).toThrow(/--shapes: /);
  });
});
