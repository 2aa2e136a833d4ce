// The examples to pick from. The first is the seed's derivation (src/cli/demo.ts, `kronecker demo`):
// the page opens on it. The formulas are input as a user types them; nothing in the engine knows them.

import { OPTION_DEFAULTS, type State } from './state.js';

export interface Example {
  readonly title: string;
  readonly state: State;
}

const example = (title: string, formula: string, where: string, wrt: string, options: Partial<State> = {}): Example => ({
  title, state: { ...OPTION_DEFAULTS, formula, where, wrt, ...options },
});

export const EXAMPLES: readonly Example[] = [
  example("The seed: ∂E/∂w_{jk} of a sigmoid layer's squared error", 'E = \\sum_k (t_k - o_k)^2',
    'o_k = \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right)', 'w_{jk}'),
  example("The seed's expression one, simplified (no variable)",
    '\\frac{\\partial E}{\\partial w_{jk}} = -2(t_k - o_k) \\cdot \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right) \\cdot (1 - \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right)) \\cdot \\frac{\\partial}{\\partial w_{jk}} \\left(\\sum_j w_{jk} \\cdot o_j\\right)',
    '', ''),
  example('Softmax with cross-entropy', 'y_k = \\frac{e^{z_k}}{\\sum_i e^{z_i}}; E = -\\sum_k t_k \\log y_k; \\sum_k t_k = 1', '', 'z_j'),
  example('Least squares with L2 regularisation',
    'J(\\theta) = \\frac{1}{2} \\sum_i (\\sum_j \\theta_j x^{(i)}_j - y^{(i)})^2 + \\frac{\\lambda}{2} \\|\\theta\\|^2', '', '\\theta_k'),
  example('A convolution', 'S_i = \\sum_m I_{i+m} K_m; E = \\frac{1}{2} \\sum_i (S_i - Y_i)^2', '', 'K_m'),
  example('A quadratic form, in matrix form', '\\sum_i \\sum_j x_i A_{ij} x_j', '', 'x_k', { form: 'matrix' }),
  example('The seed, folded', 'E = \\sum_k (t_k - o_k)^2', 'o_k = \\sigma(\\sum_j w_{jk} o_j)', 'w_{jk}', { fold: true }),
];

/** The page's first-visit state: the seed's derivation. */
export const FIRST_VISIT: State = EXAMPLES[0]!.state;
