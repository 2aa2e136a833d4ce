// First-order identities of the Matrix Cookbook's section 2 (K. B. Petersen, M. S. Pedersen,
// "The Matrix Cookbook", version of 15 November 2012; equation numbers of that edition), each
// written twice: in matrix notation as the Cookbook writes it, and in index notation as a
// person derives it by hand. `answer` is the Cookbook's right side as it is printed there
// (in the LaTeX Kronecker reads, so that the test can evaluate it); `match` is how Kronecker's
// `--form matrix` output compares with it (test/cookbook/cookbook.test.ts decides, the table in
// docs/cookbook.md shows it).

/** exact: the Cookbook's text; reordered: the same terms or factors of a sum in another order; equal: another arrangement of the same value. */
export type Match = 'exact' | 'reordered' | 'equal';

export interface Identity {
  /** The equation number; a letter tells apart two forms the Cookbook gives in one equation. */
  readonly eq: string;
  readonly matrix: string;
  readonly wrt: string;
  readonly answer: string;
  /** A condition the Cookbook states for the answer (W symmetric): the values checked satisfy it. */
  readonly symmetric?: string;
  /** The identity in index notation, and its variable (an inverse's entries are `(X^{-1})_{ij}`, a determinant `\det(X)`). */
  readonly index: string;
  readonly indexWrt: string;
  readonly match: Match;
}

export const IDENTITIES: readonly Identity[] = [
  // 2.1.1 Determinants, first order (index notation has no spelling of \det: matrix notation only)
  { eq: '49', matrix: '\\det(X)', wrt: 'X', answer: '\\det(X)(X^{-1})^\\top', index: '\\det(X)', indexWrt: 'X_{kl}', match: 'equal' },
  { eq: '57', matrix: '\\ln|\\det(X)|', wrt: 'X', answer: '(X^{-1})^\\top', index: '\\ln|\\det(X)|', indexWrt: 'X_{kl}', match: 'equal' },
  // 2.2 Inverses (index notation writes the entries of X^{-1} as (X^{-1})_{ij})
  { eq: '61', matrix: '\\mathbf{a}^\\top X^{-1} \\mathbf{b}', wrt: 'X', answer: '-X^{-\\top}\\mathbf{a}\\mathbf{b}^\\top X^{-\\top}', index: '\\sum_i \\sum_j a_i (X^{-1})_{ij} b_j', indexWrt: 'X_{kl}', match: 'equal' },
  { eq: '62', matrix: '\\det(X^{-1})', wrt: 'X', answer: '-\\det(X^{-1})(X^{-1})^\\top', index: '\\frac{1}{\\det(X)}', indexWrt: 'X_{kl}', match: 'equal' },
  { eq: '63a', matrix: '\\operatorname{tr}(AX^{-1}B)', wrt: 'X', answer: '-(X^{-1}BAX^{-1})^\\top', index: '\\sum_i \\sum_j \\sum_k A_{ij} (X^{-1})_{jk} B_{ki}', indexWrt: 'X_{mn}', match: 'equal' },
  { eq: '63b', matrix: '\\operatorname{tr}(AX^{-1}B)', wrt: 'X', answer: '-X^{-\\top}A^\\top B^\\top X^{-\\top}', index: '\\sum_i \\sum_j \\sum_k A_{ij} (X^{-1})_{jk} B_{ki}', indexWrt: 'X_{mn}', match: 'exact' },
  // 2.4.1 First order
  { eq: '69a', matrix: '\\mathbf{x}^\\top \\mathbf{a}', wrt: '\\mathbf{x}', answer: '\\mathbf{a}', index: '\\sum_i x_i a_i', indexWrt: 'x_k', match: 'exact' },
  { eq: '69b', matrix: '\\mathbf{a}^\\top \\mathbf{x}', wrt: '\\mathbf{x}', answer: '\\mathbf{a}', index: '\\sum_i a_i x_i', indexWrt: 'x_k', match: 'exact' },
  { eq: '70', matrix: '\\mathbf{a}^\\top X \\mathbf{b}', wrt: 'X', answer: '\\mathbf{a}\\mathbf{b}^\\top', index: '\\sum_i \\sum_j a_i X_{ij} b_j', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '71', matrix: '\\mathbf{a}^\\top X^\\top \\mathbf{b}', wrt: 'X', answer: '\\mathbf{b}\\mathbf{a}^\\top', index: '\\sum_i \\sum_j a_i X_{ji} b_j', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '72a', matrix: '\\mathbf{a}^\\top X \\mathbf{a}', wrt: 'X', answer: '\\mathbf{a}\\mathbf{a}^\\top', index: '\\sum_i \\sum_j a_i X_{ij} a_j', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '72b', matrix: '\\mathbf{a}^\\top X^\\top \\mathbf{a}', wrt: 'X', answer: '\\mathbf{a}\\mathbf{a}^\\top', index: '\\sum_i \\sum_j a_i X_{ji} a_j', indexWrt: 'X_{kl}', match: 'exact' },
  // 2.4.2 Second order
  { eq: '77', matrix: '\\mathbf{b}^\\top X^\\top X \\mathbf{c}', wrt: 'X', answer: 'X(\\mathbf{b}\\mathbf{c}^\\top + \\mathbf{c}\\mathbf{b}^\\top)', index: '\\sum_i \\sum_j \\sum_l b_i X_{ji} X_{jl} c_l', indexWrt: 'X_{mn}', match: 'equal' },
  { eq: '78', matrix: '(B\\mathbf{x} + \\mathbf{b})^\\top C (D\\mathbf{x} + \\mathbf{d})', wrt: '\\mathbf{x}', answer: 'B^\\top C(D\\mathbf{x} + \\mathbf{d}) + D^\\top C^\\top (B\\mathbf{x} + \\mathbf{b})', index: '\\sum_i \\sum_j (\\sum_k B_{ik} x_k + b_i) C_{ij} (\\sum_l D_{jl} x_l + d_j)', indexWrt: 'x_m', match: 'exact' },
  { eq: '81', matrix: '\\mathbf{x}^\\top B \\mathbf{x}', wrt: '\\mathbf{x}', answer: '(B + B^\\top)\\mathbf{x}', index: '\\sum_i \\sum_j x_i B_{ij} x_j', indexWrt: 'x_k', match: 'exact' },
  { eq: '82', matrix: '\\mathbf{b}^\\top X^\\top D X \\mathbf{c}', wrt: 'X', answer: 'D^\\top X \\mathbf{b}\\mathbf{c}^\\top + D X \\mathbf{c}\\mathbf{b}^\\top', index: '\\sum_i \\sum_j \\sum_k \\sum_l b_i X_{ji} D_{jk} X_{kl} c_l', indexWrt: 'X_{mn}', match: 'reordered' },
  { eq: '83', matrix: '(X\\mathbf{b} + \\mathbf{c})^\\top D (X\\mathbf{b} + \\mathbf{c})', wrt: 'X', answer: '(D + D^\\top)(X\\mathbf{b} + \\mathbf{c})\\mathbf{b}^\\top', index: '\\sum_i \\sum_j (\\sum_k X_{ik} b_k + c_i) D_{ij} (\\sum_l X_{jl} b_l + c_j)', indexWrt: 'X_{mn}', match: 'exact' },
  // W symmetric, as the Cookbook assumes for (84)–(88): Kronecker gives the general form
  { eq: '84', matrix: '(\\mathbf{x} - A\\mathbf{s})^\\top W (\\mathbf{x} - A\\mathbf{s})', wrt: '\\mathbf{s}', answer: '-2A^\\top W(\\mathbf{x} - A\\mathbf{s})', symmetric: 'W', index: '\\sum_i \\sum_j (x_i - \\sum_k A_{ik} s_k) W_{ij} (x_j - \\sum_l A_{jl} s_l)', indexWrt: 's_m', match: 'equal' },
  { eq: '85', matrix: '(\\mathbf{x} - \\mathbf{s})^\\top W (\\mathbf{x} - \\mathbf{s})', wrt: '\\mathbf{x}', answer: '2W(\\mathbf{x} - \\mathbf{s})', symmetric: 'W', index: '\\sum_i \\sum_j (x_i - s_i) W_{ij} (x_j - s_j)', indexWrt: 'x_k', match: 'equal' },
  { eq: '86', matrix: '(\\mathbf{x} - \\mathbf{s})^\\top W (\\mathbf{x} - \\mathbf{s})', wrt: '\\mathbf{s}', answer: '-2W(\\mathbf{x} - \\mathbf{s})', symmetric: 'W', index: '\\sum_i \\sum_j (x_i - s_i) W_{ij} (x_j - s_j)', indexWrt: 's_k', match: 'equal' },
  { eq: '87', matrix: '(\\mathbf{x} - A\\mathbf{s})^\\top W (\\mathbf{x} - A\\mathbf{s})', wrt: '\\mathbf{x}', answer: '2W(\\mathbf{x} - A\\mathbf{s})', symmetric: 'W', index: '\\sum_i \\sum_j (x_i - \\sum_k A_{ik} s_k) W_{ij} (x_j - \\sum_l A_{jl} s_l)', indexWrt: 'x_m', match: 'equal' },
  { eq: '88', matrix: '(\\mathbf{x} - A\\mathbf{s})^\\top W (\\mathbf{x} - A\\mathbf{s})', wrt: 'A', answer: '-2W(\\mathbf{x} - A\\mathbf{s})\\mathbf{s}^\\top', symmetric: 'W', index: '\\sum_i \\sum_j (x_i - \\sum_k A_{ik} s_k) W_{ij} (x_j - \\sum_l A_{jl} s_l)', indexWrt: 'A_{mn}', match: 'equal' },
  // 2.5.1 Traces, first order
  { eq: '99', matrix: '\\operatorname{tr}(X)', wrt: 'X', answer: 'I', index: '\\sum_i X_{ii}', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '100', matrix: '\\operatorname{tr}(XA)', wrt: 'X', answer: 'A^\\top', index: '\\sum_i \\sum_j X_{ij} A_{ji}', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '101', matrix: '\\operatorname{tr}(AXB)', wrt: 'X', answer: 'A^\\top B^\\top', index: '\\sum_i \\sum_j \\sum_k A_{ij} X_{jk} B_{ki}', indexWrt: 'X_{mn}', match: 'exact' },
  { eq: '102', matrix: '\\operatorname{tr}(AX^\\top B)', wrt: 'X', answer: 'BA', index: '\\sum_i \\sum_j \\sum_k A_{ij} X_{kj} B_{ki}', indexWrt: 'X_{mn}', match: 'exact' },
  { eq: '103', matrix: '\\operatorname{tr}(X^\\top A)', wrt: 'X', answer: 'A', index: '\\sum_i \\sum_j X_{ji} A_{ji}', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '104', matrix: '\\operatorname{tr}(AX^\\top)', wrt: 'X', answer: 'A', index: '\\sum_i \\sum_j A_{ij} X_{ij}', indexWrt: 'X_{kl}', match: 'exact' },
  // 2.5.2 Traces, second order
  { eq: '106', matrix: '\\operatorname{tr}(X^2)', wrt: 'X', answer: '2X^\\top', index: '\\sum_i \\sum_j X_{ij} X_{ji}', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '107', matrix: '\\operatorname{tr}(X^2 B)', wrt: 'X', answer: '(XB + BX)^\\top', index: '\\sum_i \\sum_j \\sum_k X_{ij} X_{jk} B_{ki}', indexWrt: 'X_{mn}', match: 'equal' },
  { eq: '108', matrix: '\\operatorname{tr}(X^\\top B X)', wrt: 'X', answer: 'BX + B^\\top X', index: '\\sum_i \\sum_j \\sum_k X_{ji} B_{jk} X_{ki}', indexWrt: 'X_{mn}', match: 'exact' },
  { eq: '109', matrix: '\\operatorname{tr}(B X X^\\top)', wrt: 'X', answer: 'BX + B^\\top X', index: '\\sum_i \\sum_j \\sum_k B_{ij} X_{jk} X_{ik}', indexWrt: 'X_{mn}', match: 'reordered' },
  { eq: '110', matrix: '\\operatorname{tr}(X X^\\top B)', wrt: 'X', answer: 'BX + B^\\top X', index: '\\sum_i \\sum_j \\sum_k X_{ij} X_{kj} B_{ki}', indexWrt: 'X_{mn}', match: 'reordered' },
  { eq: '111', matrix: '\\operatorname{tr}(X B X^\\top)', wrt: 'X', answer: 'XB^\\top + XB', index: '\\sum_i \\sum_j \\sum_k X_{ij} B_{jk} X_{ik}', indexWrt: 'X_{mn}', match: 'exact' },
  { eq: '112', matrix: '\\operatorname{tr}(B X^\\top X)', wrt: 'X', answer: 'XB^\\top + XB', index: '\\sum_i \\sum_j \\sum_k B_{ij} X_{kj} X_{ki}', indexWrt: 'X_{mn}', match: 'reordered' },
  { eq: '113', matrix: '\\operatorname{tr}(X^\\top X B)', wrt: 'X', answer: 'XB^\\top + XB', index: '\\sum_i \\sum_j \\sum_k X_{ji} X_{jk} B_{ki}', indexWrt: 'X_{mn}', match: 'reordered' },
  { eq: '114', matrix: '\\operatorname{tr}(AXBX)', wrt: 'X', answer: 'A^\\top X^\\top B^\\top + B^\\top X^\\top A^\\top', index: '\\sum_i \\sum_j \\sum_k \\sum_l A_{ij} X_{jk} B_{kl} X_{li}', indexWrt: 'X_{mn}', match: 'exact' },
  { eq: '115a', matrix: '\\operatorname{tr}(X^\\top X)', wrt: 'X', answer: '2X', index: '\\sum_i \\sum_j X_{ji} X_{ji}', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '115b', matrix: '\\operatorname{tr}(X X^\\top)', wrt: 'X', answer: '2X', index: '\\sum_i \\sum_j X_{ij} X_{ij}', indexWrt: 'X_{kl}', match: 'exact' },
  { eq: '116', matrix: '\\operatorname{tr}(B^\\top X^\\top C X B)', wrt: 'X', answer: 'C^\\top X B B^\\top + C X B B^\\top', index: '\\sum_i \\sum_j \\sum_k \\sum_l \\sum_m B_{ji} X_{kj} C_{kl} X_{lm} B_{mi}', indexWrt: 'X_{pq}', match: 'equal' },
  { eq: '117', matrix: '\\operatorname{tr}(X^\\top B X C)', wrt: 'X', answer: 'BXC + B^\\top X C^\\top', index: '\\sum_i \\sum_j \\sum_k \\sum_l X_{ji} B_{jk} X_{kl} C_{li}', indexWrt: 'X_{mn}', match: 'exact' },
  { eq: '118', matrix: '\\operatorname{tr}(AXBX^\\top C)', wrt: 'X', answer: 'A^\\top C^\\top X B^\\top + C A X B', index: '\\sum_i \\sum_j \\sum_k \\sum_l \\sum_m A_{ij} X_{jk} B_{kl} X_{ml} C_{mi}', indexWrt: 'X_{pq}', match: 'exact' },
  { eq: '119', matrix: '\\operatorname{tr}((AXB + C)(AXB + C)^\\top)', wrt: 'X', answer: '2A^\\top (AXB + C) B^\\top', index: '\\sum_i \\sum_l (\\sum_j \\sum_k A_{ij} X_{jk} B_{kl} + C_{il})^2', indexWrt: 'X_{mn}', match: 'exact' },
  // 2.5.3 Traces, higher order: Tr(X^k) for k = 3
  { eq: '121', matrix: '\\operatorname{tr}(X^3)', wrt: 'X', answer: '3(X^2)^\\top', index: '\\sum_i \\sum_j \\sum_k X_{ij} X_{jk} X_{ki}', indexWrt: 'X_{mn}', match: 'equal' },
  // 2.6 Vector norms, 2.7 matrix norms
  { eq: '129', matrix: '\\|\\mathbf{x} - \\mathbf{a}\\|_2', wrt: '\\mathbf{x}', answer: '\\frac{\\mathbf{x} - \\mathbf{a}}{\\|\\mathbf{x} - \\mathbf{a}\\|_2}', index: '\\sqrt{\\sum_i (x_i - a_i)^2}', indexWrt: 'x_k', match: 'exact' },
  { eq: '131', matrix: '\\|\\mathbf{x}\\|_2^2', wrt: '\\mathbf{x}', answer: '2\\mathbf{x}', index: '\\sum_i x_i^2', indexWrt: 'x_k', match: 'exact' },
  { eq: '132', matrix: '\\|X\\|_F^2', wrt: 'X', answer: '2X', index: '\\sum_i \\sum_j X_{ij}^2', indexWrt: 'X_{kl}', match: 'exact' },
];
