// Pieces of formulas and mutations of real ones, for the robustness
// properties of the parser (test/parse/robustness.test.ts) and the command
// line (test/cli/robustness.test.ts, test/cli/errors.test.ts).

import fc from 'fast-check';

/** Tokens formulas are made of, and some that only look like them: random sequences are mostly not formulas. */
export const TOKEN_PIECES = [
  '\\frac', '\\partial', '\\sum', '_', '^', '{', '}', '(', ')', '[', ']', '\\left(', '\\right)', '\\cdot', '\\sigma',
  '\\text{sigmoid}', '\\delta', '\\le', '=', ',', ';', '+', '-', '/', '*', "'", 'x', 'w', 'j', 'k', '1', '2', '0.5',
  ' ', '\n', '\\quad', '\\sqrt', '|', '#', 'd/dx', 'sum(', 'w[j,k]', '\\', '\\lvert', '\\rvert', '\\limits', 'e^',
  // matrix notation's inverse and determinant (issue 11)
  'X', '\\det', '^{-1}', '^{-\\top}', '^\\top',
];

/** Larger, well-formed fragments: random sequences are often formulas, and often differentiable ones. */
export const FORMULA_PIECES = [
  '\\frac{', '}{', '}', '\\sum_j ', '\\sum_{j=1}^{n} ', '_j', '_{jk}', '_{j+1}', '^2', '^{x}', '(', ')', '\\cdot ', '+', '-',
  '\\sigma(', '\\tanh(', '\\log(', '\\exp(', '\\sqrt{', '\\delta_{jk}', '[j \\le k]', 'x', 'w', 'o', 'e^{', '2', '0.5',
  ' ', '\\frac{\\partial}{\\partial x}', '\\frac{\\partial}{\\partial w_{jk}}', ';', '=', 'E = ', '\\lvert x \\rvert',
  'X^{-1}', '\\det(', '\\det X', '\\mathbf{a}^\\top ', 'A', '\\operatorname{tr}(',
];

/** `formula` with `cut` characters at `at` (taken modulo its length) replaced by `insert`. */
export function mutate(formula: string, at: number, cut: number, insert: string): string {
  const i = at % (formula.length + 1);
  return formula.slice(0, i) + insert + formula.slice(i + cut);
}

/** One of `formulas` with a piece cut out and a token inserted. */
export function arbMutated(formulas: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...formulas), fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('', ...TOKEN_PIECES))
    .map(([f, at, cut, insert]) => mutate(f, at, cut, insert));
}
