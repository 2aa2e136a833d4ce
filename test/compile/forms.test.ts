// The matrix and einsum forms of derivatives, as the Matrix Cookbook and a NumPy user write them.
// Their values are checked in test/compile/python.test.ts (the NumPy twin of each matrix form,
// and the einsum form run as NumPy, against the derivative); here, what they print.

import { describe, expect, it } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { einsumForm, matrixForm } from '../../src/compile/index.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';

function derivative(formulas: string, wrt: string) {
  const r = resolveDefinitions(parseFormulas(formulas), [parse(wrt)]);
  return unfoldAll(derive(r.target, r.extra[0] as Var, { definitions: r.definitions }).result, r.definitions);
}

const MATRIX: [string, string, string, string[]][] = [
  // [formula, by, matrix form, named subexpressions]
  ['o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2', 'w_{jk}', '-2 \\mathbf{o}\\,\\boldsymbol{\\delta}^\\top',
    ['\\mathbf{a} = \\sigma\\left(W^\\top \\mathbf{o}\\right)', '\\boldsymbol{\\delta} = \\left(\\mathbf{t} - \\mathbf{a}\\right) \\odot \\mathbf{a} \\odot \\left(\\mathbf{1} - \\mathbf{a}\\right)']],
  // Matrix Cookbook (81): ∂xᵀAx/∂x = (A + Aᵀ)x.
  ['\\sum_i \\sum_j x_i A_{ij} x_j', 'x_k', '\\left(A + A^\\top\\right) \\mathbf{x}', []],
  // (70): ∂aᵀXb/∂X = abᵀ.
  ['\\sum_i \\sum_j a_i X_{ij} b_j', 'X_{kl}', '\\mathbf{a}\\,\\mathbf{b}^\\top', []],
  // (101): ∂ tr(AX)/∂X = Aᵀ.
  ['\\sum_i \\sum_j A_{ij} X_{ji}', 'X_{kl}', 'A^\\top', []],
  // Least squares: ∂‖Xw − y‖²/∂w = 2Xᵀ(Xw − y).
  ['\\sum_i (\\sum_j X_{ij} w_j - y_i)^2', 'w_k', '2 X^\\top \\left(X \\mathbf{w} - \\mathbf{y}\\right)', []],
  // ∂‖Wx − y‖²/∂W = 2(Wx − y)xᵀ.
  ['\\sum_j (\\sum_i W_{ji} x_i - y_j)^2', 'W_{ab}', '2 \\left(W \\mathbf{x} - \\mathbf{y}\\right)\\,\\mathbf{x}^\\top', []],
];

describe('the matrix form', () => {
  it.each(MATRIX)('%s by %s', (formulas, wrt, latex, where) => {
    const form = matrixForm(derivative(formulas, wrt));
    expect(form?.latex).toBe(latex);
    expect(form?.where).toEqual(where);
  });

  it('is null where no matrix operation exists: rank 3, a vector broadcast across a matrix', () => {
    expect(matrixForm(derivative('\\sum_i \\sum_j \\sum_k T_{ijk} x_i y_j z_k', 'T_{abc}'))).toBeNull();
    expect(matrixForm(parse('W_{jk} + o_j'))).toBeNull();
  });
});

describe('the einsum form', () => {
  it('writes the seed gradient in the formula\'s letters, a shared subexpression named once', () => {
    expect(einsumForm(derivative('o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2', 'w_{jk}'), { name: 'dE/dw' })).toBe([
      "z0 = sigmoid(einsum('jk,j->k', w, o))",
      "dE/dw = -2 * einsum('k,j->jk', (t - z0) * z0 * (1.0 - z0), o)",
    ].join('\n'));
  });
  it('gives a bound copy of a letter another letter of its own', () => {
    expect(einsumForm(derivative('\\sum_i \\sum_j x_i A_{ij} x_j', 'x_k'))).toBe("result = einsum('kj,j->k', A, x) + einsum('i,ik->k', x, A)");
  });
});
