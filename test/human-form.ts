// The human-form corpus (issue 10): derivations from textbooks and lecture notes, each with the
// derivative as a person writes it in notes, in LaTeX. test/human-form.test.ts checks every
// expected form by finite differences (a wrong one fails) and counts how many of Kronecker's
// printed answers are that form exactly (after canonicalisation: bound-index names and operand
// order only, nothing simplified); docs/human-form.md lists the others with today's output
// (`npm run docs:human-form` writes it).
//
// `formulas` is LaTeX for `parseFormulas`, as in test/corpus.ts: definitions separated by `;`, the
// last one differentiated. `expected` is read in the final scope of the definitions, so a defined
// name in it (`o_k`, `s_i`, `h_j`) is the defined quantity. `fold` says the expected form uses the
// defined names (Kronecker's `fold` option writes them so); `assumptions` are equations the
// simplifier may use (the numeric check draws inputs that satisfy them); `declared` are the index
// ranges the user declares (`--indices`); `sizes` are index sizes for the numeric check (another
// check runs with every index of size 1); `positive` names inputs that must be positive.

export interface HumanFormEntry {
  readonly name: string;
  /** Book or notes, section or equation. */
  readonly source: string;
  readonly formulas: string;
  readonly wrt: string;
  /** The derivative as a person writes it. */
  readonly expected: string;
  readonly fold?: boolean;
  readonly assumptions?: readonly string[];
  readonly declared?: Readonly<Record<string, number>>;
  readonly sizes?: Readonly<Record<string, number>>;
  readonly positive?: readonly string[];
}

const PRML = 'Bishop, Pattern Recognition and Machine Learning';
const DL = 'Goodfellow, Bengio & Courville, Deep Learning';
const COOKBOOK = 'Petersen & Pedersen, The Matrix Cookbook (2012)';
const NIELSEN = 'Nielsen, Neural Networks and Deep Learning';
const RASHID = 'Rashid, Make Your Own Neural Network';
const STEWART = 'Stewart, Calculus (8th ed.)';

const seedNet = 'o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2';
const rashid = 'o_j = \\sigma(\\sum_i w_{ij} o_i); o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2';
const rashidRanges = { i: 784, j: 100, k: 10 };
const rashidSizes = { i: 3, j: 2, k: 2 };
const logistic = 'z_i = \\sum_j w_j x_{ij} + b; L = -\\sum_i [y_i \\log \\sigma(z_i) + (1 - y_i) \\log(1 - \\sigma(z_i))]';
const bishopLogistic = 'y_n = \\sigma(\\sum_j w_j \\phi_{nj}); E = -\\sum_n (t_n \\log y_n + (1 - t_n) \\log(1 - y_n))';
const softmax = 's_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}';
const softmaxCE = 'p_k = \\frac{e^{z_k}}{\\sum_c e^{z_c}}; L = -\\sum_k y_k \\log p_k';
const nielsenLayer = 'z_j = \\sum_k w_{jk} a_k + b_j; h_j = \\sigma(z_j); C = \\frac{1}{2} \\sum_j (h_j - y_j)^2';
const bishopMlp = 'z_j = \\tanh(\\sum_i u_{ji} x_i); y_k = \\sum_j w_{kj} z_j; E = \\frac{1}{2} \\sum_k (y_k - t_k)^2';
const batchNorm = '\\mu = \\frac{1}{m}\\sum_{i=1}^{m} x_i; v = \\frac{1}{m}\\sum_{i=1}^{m}(x_i - \\mu)^2; \\hat{x}_i = \\frac{x_i - \\mu}{\\sqrt{v + \\epsilon}}';
const bnSizes = { i: 3, k: 3, m: 3 };
const attention = 's_j = \\frac{\\sum_d q_d k_{jd}}{\\sqrt{D}}; a_j = \\frac{e^{s_j}}{\\sum_l e^{s_l}}';
const gaussian = 'L = \\frac{N}{2}\\log(2\\pi\\sigma^2) + \\frac{1}{2\\sigma^2}\\sum_n (x_n - \\mu)^2';
const vaeKL = '\\frac{1}{2}\\sum_{j=1}^{J}(1 + \\log(\\sigma_j^2) - \\mu_j^2 - \\sigma_j^2)';

export const HUMAN_FORM: readonly HumanFormEntry[] = [
  // --- losses
  { name: 'mean squared error over 1..N, by one prediction', source: 'Wikipedia, "Mean squared error"; ' + DL + ', §5.1.4, eq. 5.4',
    formulas: '\\frac{1}{N}\\sum_{n=1}^{N}(p_n - y_n)^2', wrt: 'p_n', expected: '\\frac{2}{N}(p_n - y_n)' },
  { name: 'sum-of-squares error over 1..N, by one prediction', source: PRML + ', §1.1, eq. 1.2',
    formulas: '\\frac{1}{2}\\sum_{n=1}^{N}(p_n - y_n)^2', wrt: 'p_n', expected: 'p_n - y_n' },
  { name: 'least squares, linear model, by a weight', source: PRML + ', §3.1.1, eq. 3.13 (the gradient of the sum-of-squares error)',
    formulas: 'E = \\frac{1}{2}\\sum_n (t_n - \\sum_j w_j \\phi_{nj})^2', wrt: 'w_k',
    expected: '-\\sum_n (t_n - \\sum_j w_j \\phi_{nj}) \\phi_{nk}' },
  { name: 'least squares with a named prediction (CS229 LMS rule)', source: 'Ng, CS229 lecture notes, part I, §1 (the LMS update rule)',
    formulas: 'h_i = \\sum_j \\theta_j x_{ij}; J = \\frac{1}{2}\\sum_i (h_i - y_i)^2', wrt: '\\theta_k', fold: true,
    expected: '\\sum_i (h_i - y_i) x_{ik}' },
  { name: 'logistic regression, by a weight (issue 10)', source: PRML + ', §4.3.2, eq. 4.91; Ng, CS229 lecture notes, part II (logistic regression)',
    formulas: logistic, wrt: 'w_j', fold: true, expected: '\\sum_i (\\sigma(z_i) - y_i) x_{ij}' },
  { name: 'logistic regression, by the bias', source: PRML + ', §4.3.2, eq. 4.91 (the bias as a weight on φ = 1)',
    formulas: logistic, wrt: 'b', fold: true, expected: '\\sum_i (\\sigma(z_i) - y_i)' },
  { name: 'cross-entropy error of a logistic output (Bishop 4.91)', source: PRML + ', §4.3.2, eqs. 4.90–4.91',
    formulas: bishopLogistic, wrt: 'w_k', fold: true, expected: '\\sum_n (y_n - t_n) \\phi_{nk}' },
  { name: 'logistic loss of one logit', source: DL + ', §6.2.2.2 (sigmoid units for Bernoulli outputs)',
    formulas: '-(y \\log \\sigma(z) + (1 - y) \\log(1 - \\sigma(z)))', wrt: 'z', expected: '\\sigma(z) - y' },
  { name: 'binary cross-entropy, by the predicted probability', source: 'Wikipedia, "Cross-entropy", cross-entropy loss function and logistic regression',
    formulas: '-(y \\log p + (1 - y) \\log(1 - p))', wrt: 'p', positive: ['p'], expected: '-\\frac{y}{p} + \\frac{1 - y}{1 - p}' },
  { name: 'cross-entropy of the predicted probabilities', source: DL + ', §6.2.2.3 (the log-likelihood of a softmax output), the probabilities as inputs',
    formulas: '-\\sum_k y_k \\log p_k', wrt: 'p_j', positive: ['p'], expected: '-\\frac{y_j}{p_j}' },
  { name: 'softmax and cross-entropy, one-hot targets', source: 'Zhang et al., Dive into Deep Learning (d2l.ai), §4.1 "Softmax Regression", softmax and cross-entropy loss; CS231n notes, "Linear classification", softmax classifier',
    formulas: softmaxCE, wrt: 'z_j', fold: true, assumptions: ['\\sum_k y_k = 1'], expected: 'p_j - y_j' },
  { name: 'softmax and cross-entropy, any targets', source: DL + ', §6.2.2.3, eqs. 6.29–6.30',
    formulas: softmaxCE, wrt: 'z_j', fold: true, expected: 'p_j \\sum_k y_k - y_j' },
  { name: 'Kullback–Leibler divergence, by Q', source: 'Wikipedia, "Kullback–Leibler divergence", definition for discrete distributions',
    formulas: '\\sum_i P_i \\log \\frac{P_i}{Q_i}', wrt: 'Q_j', positive: ['P', 'Q'], expected: '-\\frac{P_j}{Q_j}' },
  { name: 'Kullback–Leibler divergence, by P', source: 'Wikipedia, "Kullback–Leibler divergence", definition for discrete distributions',
    formulas: '\\sum_i P_i \\log \\frac{P_i}{Q_i}', wrt: 'P_j', positive: ['P', 'Q'], expected: '\\log \\frac{P_j}{Q_j} + 1' },
  { name: 'entropy, by one probability', source: 'Wikipedia, "Entropy (information theory)", definition',
    formulas: '-\\sum_k p_k \\log p_k', wrt: 'p_j', positive: ['p'], expected: '-\\log p_j - 1' },
  { name: 'Gaussian negative log-likelihood, by the mean', source: PRML + ', §1.2.4, eqs. 1.54–1.55',
    formulas: gaussian, wrt: '\\mu', positive: ['sigma', 'pi'], sizes: { n: 3 },
    expected: '-\\frac{1}{\\sigma^2}\\sum_n (x_n - \\mu)' },
  { name: 'Gaussian negative log-likelihood, by σ', source: PRML + ', §1.2.4, eqs. 1.54 and 1.56 (by σ rather than σ²)',
    formulas: gaussian, wrt: '\\sigma', positive: ['sigma', 'pi'], sizes: { n: 3 },
    expected: '\\frac{N}{\\sigma} - \\frac{\\sum_n (x_n - \\mu)^2}{\\sigma^3}' },
  { name: 'Gaussian log-likelihood, by σ (issue 10)', source: PRML + ', §1.2.4, eq. 1.54',
    formulas: 'L = -\\frac{N}{2}\\log(2\\pi\\sigma^2) - \\frac{\\sum_n (x_n - \\mu)^2}{2\\sigma^2}', wrt: '\\sigma', positive: ['sigma', 'pi'],
    sizes: { n: 3 }, expected: '\\frac{\\sum_n (x_n - \\mu)^2}{\\sigma^3} - \\frac{N}{\\sigma}' },
  { name: 'Gaussian negative log-likelihood of one sample, by the mean', source: 'Nix & Weigend, "Estimating the Mean and Variance of the Target Probability Distribution", ICNN 1994 (the cost of one sample)',
    formulas: '\\frac{1}{2}\\log \\sigma^2 + \\frac{(y - \\mu)^2}{2\\sigma^2}', wrt: '\\mu', positive: ['sigma'],
    expected: '\\frac{\\mu - y}{\\sigma^2}' },
  { name: 'Gaussian NLL with a log-variance, by the log-variance', source: 'Kendall & Gal, "What Uncertainties Do We Need in Bayesian Deep Learning for Computer Vision?", 2017 (the regression loss with s = log σ²)',
    formulas: '\\frac{1}{2} e^{-s} (y - \\mu)^2 + \\frac{1}{2} s', wrt: 's', expected: '\\frac{1}{2} - \\frac{1}{2} e^{-s} (y - \\mu)^2' },
  { name: 'VAE KL term, by a mean', source: 'Kingma & Welling, "Auto-Encoding Variational Bayes", 2014, Appendix B',
    formulas: vaeKL, wrt: '\\mu_k', positive: ['sigma'], sizes: { j: 3, k: 3, J: 3 }, expected: '-\\mu_k' },
  { name: 'VAE KL term, by a standard deviation', source: 'Kingma & Welling, "Auto-Encoding Variational Bayes", 2014, Appendix B',
    formulas: vaeKL, wrt: '\\sigma_k', positive: ['sigma'], sizes: { j: 3, k: 3, J: 3 }, expected: '\\frac{1}{\\sigma_k} - \\sigma_k' },
  { name: 'multinomial logistic regression, by a weight', source: 'CS231n notes, "Linear classification", the softmax classifier; Ng, CS229 lecture notes, part II, softmax regression',
    formulas: 'z_k = \\sum_j w_{kj} x_j; p_k = \\frac{e^{z_k}}{\\sum_c e^{z_c}}; L = -\\sum_k y_k \\log p_k', wrt: 'w_{kj}', fold: true,
    assumptions: ['\\sum_k y_k = 1'], expected: '(p_k - y_k) x_j' },
  { name: 'log-softmax', source: DL + ', §6.2.2.3, eq. 6.30',
    formulas: 'z_i - \\log \\sum_j e^{z_j}', wrt: 'z_k', expected: '\\delta_{ik} - \\frac{e^{z_k}}{\\sum_j e^{z_j}}' },
  { name: 'softmax with a temperature', source: 'Hinton, Vinyals & Dean, "Distilling the Knowledge in a Neural Network", 2015, eq. 1',
    formulas: 'q_i = \\frac{e^{z_i/T}}{\\sum_j e^{z_j/T}}', wrt: 'z_k', positive: ['T'], fold: true, expected: '\\frac{q_i(\\delta_{ik} - q_k)}{T}' },
  { name: 'logistic regression with weight decay', source: PRML + ', §4.3.2, eq. 4.91, with the L² penalty of ' + DL + ', §7.1.1, eq. 7.3',
    formulas: 'z_i = \\sum_j w_j x_{ij}; L = -\\sum_i [y_i \\log \\sigma(z_i) + (1 - y_i) \\log(1 - \\sigma(z_i))] + \\frac{\\lambda}{2}\\sum_j w_j^2',
    wrt: 'w_j', fold: true, expected: '\\sum_i (\\sigma(z_i) - y_i) x_{ij} + \\lambda w_j' },
  { name: 'mean squared error of a linear model, by the bias', source: 'Ng, CS229 lecture notes, part I (batch gradient descent), with the 1/m of the Coursera "Machine Learning" notes',
    formulas: 'J = \\frac{1}{2m}\\sum_i (\\sum_j \\theta_j x_{ij} + b - y_i)^2', wrt: 'b', positive: ['m'],
    expected: '\\frac{1}{m}\\sum_i (\\sum_j \\theta_j x_{ij} + b - y_i)' },
  { name: 'perceptron criterion', source: PRML + ', §4.1.7, eqs. 4.54–4.55',
    formulas: 'E = -\\sum_n m_n \\sum_j w_j \\phi_{nj} t_n', wrt: 'w_k', expected: '-\\sum_n m_n \\phi_{nk} t_n' },
  { name: 'skip-gram with negative sampling, the positive pair', source: 'Mikolov et al., "Distributed Representations of Words and Phrases and their Compositionality", 2013, eq. 4',
    formulas: '\\log \\sigma(\\sum_d u_d v_d)', wrt: 'v_e', expected: '(1 - \\sigma(\\sum_d u_d v_d)) u_e' },
  { name: 'GloVe, by a bias', source: 'Pennington, Socher & Manning, "GloVe: Global Vectors for Word Representation", 2014, eq. 8',
    formulas: 'J = \\sum_i \\sum_j f_{ij} (\\sum_d w_{id} u_{jd} + b_i + c_j - \\log X_{ij})^2', wrt: 'b_k', positive: ['X'],
    expected: '2\\sum_j f_{kj} (\\sum_d w_{kd} u_{jd} + b_k + c_j - \\log X_{kj})' },
  { name: 'Gaussian (RBF) kernel, by a point', source: 'Wikipedia, "Radial basis function kernel", K(x, y) = exp(−γ‖x − y‖²)',
    formulas: 'e^{-\\gamma \\sum_i (x_i - y_i)^2}', wrt: 'x_k', expected: '-2\\gamma (x_k - y_k) e^{-\\gamma \\sum_i (x_i - y_i)^2}' },
  { name: 'cross-correlation layer, by the kernel', source: DL + ', §9.1, eq. 9.6 in one dimension',
    formulas: 'S_i = \\sum_m I_{i+m} K_m; E = \\frac{1}{2} \\sum_i (S_i - Y_i)^2', wrt: 'K_m', sizes: { i: 3, m: 2 }, fold: true,
    expected: '\\sum_i (S_i - Y_i) I_{i+m}' },
  { name: 'pseudo-Huber loss', source: 'Wikipedia, "Huber loss", pseudo-Huber loss function',
    formulas: 'L = \\delta^2 \\left(\\sqrt{1 + (a/\\delta)^2} - 1\\right)', wrt: 'a', positive: ['delta'],
    expected: '\\frac{a}{\\sqrt{1 + (a/\\delta)^2}}' },
  { name: 'log-cosh loss', source: 'Saleh & Saleh, "Statistical Properties of the log-cosh Loss Function Used in Machine Learning", 2022 (the log-cosh loss)',
    formulas: '\\sum_i \\log(\\cosh(p_i - y_i))', wrt: 'p_k', expected: '\\tanh(p_k - y_k)' },
  { name: 'Cauchy (Lorentzian) loss', source: 'Barron, "A General and Adaptive Robust Loss Function", CVPR 2019, eq. 1 at α = 0',
    formulas: '\\log\\left(\\frac{1}{2}(x/c)^2 + 1\\right)', wrt: 'x', positive: ['c'], expected: '\\frac{2x}{x^2 + 2c^2}' },
  { name: 'Poisson regression, by a coefficient', source: 'Wikipedia, "Poisson regression", maximum likelihood-based parameter estimation',
    formulas: '\\eta_i = \\sum_j \\theta_j x_{ij}; L = \\sum_i (e^{\\eta_i} - y_i \\eta_i)', wrt: '\\theta_k', fold: true,
    expected: '\\sum_i (e^{\\eta_i} - y_i) x_{ik}' },
  { name: 'logistic loss with labels ±1', source: 'Wikipedia, "Loss functions for classification", logistic loss',
    formulas: '\\sum_i \\log(1 + \\exp(-y_i \\sum_j w_j x_{ij}))', wrt: 'w_k',
    expected: '-\\sum_i \\sigma(-y_i \\sum_j w_j x_{ij}) y_i x_{ik}' },
  { name: 'a sum of softplus terms, by w_j (issue 10)', source: DL + ', §3.10, eq. 3.31 (softplus ζ) and dζ/dx = σ(x) of the same section',
    formulas: '\\sum_j \\log(1 + e^{w_j x_j})', wrt: 'w_j', expected: '\\sigma(w_j x_j) x_j' },

  // --- activations
  { name: 'logistic sigmoid', source: 'Wikipedia, "Logistic function", derivative',
    formulas: '\\sigma(x)', wrt: 'x', expected: '\\sigma(x)(1 - \\sigma(x))' },
  { name: 'logistic function written out', source: 'Wikipedia, "Logistic function", derivative',
    formulas: '\\frac{1}{1 + e^{-x}}', wrt: 'x', expected: '\\frac{e^{-x}}{(1 + e^{-x})^2}' },
  { name: 'hyperbolic tangent', source: 'Wikipedia, "Hyperbolic functions", derivatives',
    formulas: '\\tanh(x)', wrt: 'x', expected: '1 - \\tanh^2(x)' },
  { name: 'tanh written with exponentials', source: 'Wikipedia, "Hyperbolic functions", exponential definitions and derivatives',
    formulas: '\\frac{e^x - e^{-x}}{e^x + e^{-x}}', wrt: 'x', expected: '1 - \\tanh^2(x)' },
  { name: 'softplus', source: DL + ', §3.10, eq. 3.31',
    formulas: '\\operatorname{softplus}(x)', wrt: 'x', expected: '\\sigma(x)' },
  { name: 'softplus written out', source: DL + ', §3.10, eq. 3.31 and dζ/dx = σ(x) of the same section',
    formulas: '\\log(1 + e^{x})', wrt: 'x', expected: '\\sigma(x)' },
  { name: 'swish', source: 'Ramachandran, Zoph & Le, "Searching for Activation Functions", 2017, eq. 1',
    formulas: 'x \\sigma(\\beta x)', wrt: 'x', expected: '\\sigma(\\beta x) + \\beta x \\sigma(\\beta x)(1 - \\sigma(\\beta x))' },
  { name: 'tanh as a rescaled sigmoid', source: 'Wikipedia, "Logistic function", relation to tanh: tanh(x) = 2σ(2x) − 1',
    formulas: '2\\sigma(2x) - 1', wrt: 'x', expected: '4\\sigma(2x)(1 - \\sigma(2x))' },
  { name: 'sigmoid of an affine map, by the weight', source: 'CS231n notes, "Backpropagation, Intuitions", the sigmoid example',
    formulas: '\\sigma(w x + b)', wrt: 'w', expected: '\\sigma(w x + b)(1 - \\sigma(w x + b)) x' },
  { name: 'a 2-D neuron, by its first weight', source: 'CS231n notes, "Backpropagation, Intuitions", the 2-D neuron f(w, x) = σ(w₀x₀ + w₁x₁ + w₂)',
    formulas: '\\sigma(w_1 x_1 + w_2 x_2 + w_3)', wrt: 'w_1',
    expected: '\\sigma(w_1 x_1 + w_2 x_2 + w_3)(1 - \\sigma(w_1 x_1 + w_2 x_2 + w_3)) x_1' },
  { name: 'logit', source: 'Wikipedia, "Logit" (logit p = log(p/(1 − p)))',
    formulas: '\\log \\frac{p}{1 - p}', wrt: 'p', positive: ['p'], expected: '\\frac{1}{p(1 - p)}' },
  { name: 'softsign', source: 'Glorot & Bengio, "Understanding the Difficulty of Training Deep Feedforward Neural Networks", AISTATS 2010 (the softsign x/(1 + |x|))',
    formulas: '\\frac{x}{1 + |x|}', wrt: 'x', expected: '\\frac{1}{(1 + |x|)^2}' },
  { name: 'softmax Jacobian (issue 10)', source: 'Wikipedia, "Softmax function"; Zhang et al., Dive into Deep Learning (d2l.ai), §4.1 "Softmax Regression"',
    formulas: softmax, wrt: 'z_k', fold: true, expected: 's_i(\\delta_{ik} - s_k)' },
  { name: 'softmax Jacobian written out', source: 'Wikipedia, "Softmax function", derivative',
    formulas: '\\frac{e^{z_i}}{\\sum_j e^{z_j}}', wrt: 'z_k',
    expected: '\\frac{e^{z_i}}{\\sum_j e^{z_j}}\\left(\\delta_{ik} - \\frac{e^{z_k}}{\\sum_j e^{z_j}}\\right)' },
  { name: 'log-sum-exp', source: 'Wikipedia, "LogSumExp", properties (the gradient is the softmax)',
    formulas: '\\log \\sum_i e^{z_i}', wrt: 'z_k', expected: '\\frac{e^{z_k}}{\\sum_i e^{z_i}}' },

  // --- layers and networks
  { name: 'linear layer with squared error, by the bias', source: NIELSEN + ', ch. 2, eq. (BP3) for a linear output',
    formulas: 'y_k = \\sum_j w_{jk} x_j + b_k; E = \\frac{1}{2} \\sum_k (y_k - t_k)^2', wrt: 'b_k', fold: true, expected: 'y_k - t_k' },
  { name: 'linear layer with squared error, by a weight', source: NIELSEN + ', ch. 2, eq. (BP4) for a linear output',
    formulas: 'y_k = \\sum_j w_{jk} x_j + b_k; E = \\frac{1}{2} \\sum_k (y_k - t_k)^2', wrt: 'w_{jk}', fold: true, expected: '(y_k - t_k) x_j' },
  { name: 'the seed network, unfolded', source: RASHID + ', part 1, "How Do We Actually Update Weights?" (the error slope ∂E/∂w_{jk})',
    formulas: seedNet, wrt: 'w_{jk}', declared: { j: 3, k: 2 }, sizes: { j: 3, k: 2 },
    expected: '-2(t_k - o_k) \\sigma(\\sum_j w_{jk} o_j)(1 - \\sigma(\\sum_j w_{jk} o_j)) o_j' },
  { name: 'the seed network, folded (issue 10)', source: RASHID + ', part 1, "How Do We Actually Update Weights?"',
    formulas: seedNet, wrt: 'w_{jk}', declared: { j: 3, k: 2 }, sizes: { j: 3, k: 2 }, fold: true,
    expected: '-2(t_k - o_k) o_k(1 - o_k) o_j' },
  { name: 'the seed network, by a target', source: RASHID + ', part 1 (the error E = Σ_k (t_k − o_k)²)',
    formulas: seedNet, wrt: 't_k', declared: { j: 3, k: 2 }, sizes: { j: 3, k: 2 }, expected: '2(t_k - o_k)' },
  { name: 'Rashid\'s 2-layer net, output weights', source: RASHID + ', part 1, the weight update for the hidden-to-output layer',
    formulas: rashid, wrt: 'w_{jk}', declared: rashidRanges, sizes: rashidSizes, fold: true, expected: '-2(t_k - o_k) o_k(1 - o_k) o_j' },
  { name: 'Rashid\'s 2-layer net, hidden weights', source: RASHID + ', part 1, the weight update for the input-to-hidden layer (errors split back by the weights)',
    formulas: rashid, wrt: 'w_{ij}', declared: rashidRanges, sizes: rashidSizes, fold: true,
    expected: '-2\\sum_k (t_k - o_k) o_k(1 - o_k) w_{jk} o_j(1 - o_j) o_i' },
  { name: 'output error δ of a sigmoid layer (BP1)', source: NIELSEN + ', ch. 2, eq. (BP1) with the quadratic cost',
    formulas: 'a_j = \\sigma(z_j); C = \\frac{1}{2}\\sum_j (a_j - y_j)^2', wrt: 'z_j', fold: true, expected: '(a_j - y_j) a_j(1 - a_j)' },
  { name: 'sigmoid layer, by a bias (BP3)', source: NIELSEN + ', ch. 2, eq. (BP3)',
    formulas: nielsenLayer, wrt: 'b_j', fold: true, expected: '(h_j - y_j) h_j(1 - h_j)' },
  { name: 'sigmoid layer, by a weight (BP4)', source: NIELSEN + ', ch. 2, eq. (BP4)',
    formulas: nielsenLayer, wrt: 'w_{jk}', fold: true, expected: '(h_j - y_j) h_j(1 - h_j) a_k' },
  { name: 'sigmoid neuron with the cross-entropy cost', source: NIELSEN + ', ch. 3, eq. (61)',
    formulas: 'a_n = \\sigma(\\sum_j w_j x_{nj} + b); C = -\\frac{1}{m}\\sum_n [y_n \\log a_n + (1 - y_n)\\log(1 - a_n)]', wrt: 'w_j',
    positive: ['m'], fold: true, expected: '\\frac{1}{m}\\sum_n x_{nj}(a_n - y_n)' },
  { name: 'tanh layer with squared error (issue 10)', source: DL + ', §6.5.4, algorithm 6.4 (back-propagation through a fully connected layer)',
    formulas: 'h_j = \\tanh(\\sum_i W_{ji} x_i + b_j); L = \\frac{1}{2}\\sum_j (h_j - t_j)^2', wrt: 'W_{ji}', fold: true,
    expected: '(h_j - t_j)(1 - h_j^2) x_i' },
  { name: 'two-layer tanh network, output weights', source: PRML + ', §5.3.2, eqs. 5.64–5.67',
    formulas: bishopMlp, wrt: 'w_{kj}', fold: true, expected: '(y_k - t_k) z_j' },
  { name: 'two-layer tanh network, hidden weights', source: PRML + ', §5.3.2, eqs. 5.64–5.67 (δ_j = (1 − z_j²) Σ_k w_{kj} δ_k)',
    formulas: bishopMlp, wrt: 'u_{ji}', fold: true, expected: '(1 - z_j^2) \\sum_k w_{kj}(y_k - t_k) x_i' },
  { name: 'batch normalisation, normalised output by an input', source: 'Ioffe & Szegedy, "Batch Normalization", 2015, §3 (the back-propagation equations)',
    formulas: batchNorm, wrt: 'x_k', positive: ['epsilon'], sizes: bnSizes, fold: true,
    expected: '\\frac{1}{\\sqrt{v + \\epsilon}}\\left(\\delta_{ik} - \\frac{1}{m} - \\frac{\\hat{x}_i \\hat{x}_k}{m}\\right)' },
  { name: 'batch normalisation, by the scale γ', source: 'Ioffe & Szegedy, "Batch Normalization", 2015, §3 (∂ℓ/∂γ = Σ_i ∂ℓ/∂y_i · x̂_i)',
    formulas: batchNorm + '; y_i = \\gamma \\hat{x}_i + \\beta; L = \\frac{1}{2}\\sum_{i=1}^{m}(y_i - t_i)^2', wrt: '\\gamma',
    positive: ['epsilon'], sizes: bnSizes, fold: true, expected: '\\sum_{i=1}^{m} (y_i - t_i) \\hat{x}_i' },
  { name: 'batch normalisation, by the shift β', source: 'Ioffe & Szegedy, "Batch Normalization", 2015, §3 (∂ℓ/∂β = Σ_i ∂ℓ/∂y_i)',
    formulas: batchNorm + '; y_i = \\gamma \\hat{x}_i + \\beta; L = \\frac{1}{2}\\sum_{i=1}^{m}(y_i - t_i)^2', wrt: '\\beta',
    positive: ['epsilon'], sizes: bnSizes, fold: true, expected: '\\sum_{i=1}^{m} (y_i - t_i)' },
  { name: 'layer normalisation, by a gain', source: 'Ba, Kiros & Hinton, "Layer Normalization", 2016, eqs. 3–4',
    formulas: '\\mu = \\frac{1}{H}\\sum_{i=1}^{H} a_i; \\sigma = \\sqrt{\\frac{1}{H}\\sum_{i=1}^{H}(a_i - \\mu)^2}; h_i = \\frac{g_i}{\\sigma}(a_i - \\mu) + b_i',
    wrt: 'g_k', sizes: { i: 3, k: 3, H: 3 }, fold: true, expected: '\\delta_{ik} \\frac{a_k - \\mu}{\\sigma}' },

  // --- regularisers
  { name: 'weight decay on a matrix', source: DL + ', §7.1.1, eqs. 7.2–7.3',
    formulas: '\\frac{\\lambda}{2} \\sum_j \\sum_k w_{jk}^2', wrt: 'w_{jk}', expected: '\\lambda w_{jk}' },
  { name: 'weight decay as a squared norm', source: DL + ', §7.1.1, eqs. 7.2–7.3 (Ω(θ) = ½‖w‖²)',
    formulas: '\\frac{\\lambda}{2}\\|w\\|^2', wrt: 'w_k', expected: '\\lambda w_k' },
  { name: 'ridge penalty', source: 'Wikipedia, "Ridge regression", the penalty λθᵀθ in index form',
    formulas: '\\lambda \\sum_j \\theta_j^2', wrt: '\\theta_k', expected: '2\\lambda \\theta_k' },
  { name: 'regularised least squares', source: PRML + ', §3.1.4, eq. 3.27',
    formulas: '\\frac{1}{2}\\sum_n (t_n - \\sum_j w_j \\phi_{nj})^2 + \\frac{\\lambda}{2}\\sum_j w_j^2', wrt: 'w_k',
    expected: '\\lambda w_k - \\sum_n (t_n - \\sum_j w_j \\phi_{nj}) \\phi_{nk}' },

  // --- attention
  { name: 'scaled dot-product score, by the query', source: 'Vaswani et al., "Attention Is All You Need", 2017, eq. 1 (QKᵀ/√d_k for one query)',
    formulas: 's_j = \\frac{\\sum_d q_d k_{jd}}{\\sqrt{D}}', wrt: 'q_m', positive: ['D'], expected: '\\frac{k_{jm}}{\\sqrt{D}}' },
  { name: 'attention weights, by a score', source: 'Vaswani et al., "Attention Is All You Need", 2017, eq. 1 (the softmax of the scores)',
    formulas: 'a_j = \\frac{e^{s_j}}{\\sum_l e^{s_l}}', wrt: 's_m', fold: true, expected: 'a_j(\\delta_{jm} - a_m)' },
  { name: 'attention weights, by the query', source: 'Vaswani et al., "Attention Is All You Need", 2017, eq. 1',
    formulas: attention, wrt: 'q_m', positive: ['D'], fold: true, expected: '\\frac{a_j}{\\sqrt{D}}\\left(k_{jm} - \\sum_l a_l k_{lm}\\right)' },
  { name: 'attention output, by a value', source: 'Vaswani et al., "Attention Is All You Need", 2017, eq. 1 (softmax(·)V)',
    formulas: attention + '; o_c = \\sum_j a_j v_{jc}', wrt: 'v_{jc}', positive: ['D'], fold: true, expected: 'a_j' },

  // --- the Matrix Cookbook in index form
  { name: 'inner product', source: COOKBOOK + ', §2.4.1, eq. 69 (∂xᵀa/∂x = a)',
    formulas: '\\sum_i x_i a_i', wrt: 'x_k', expected: 'a_k' },
  { name: 'quadratic form, by the vector', source: COOKBOOK + ', §2.4.2, eq. 81 (∂xᵀBx/∂x = (B + Bᵀ)x)',
    formulas: '\\sum_i\\sum_j x_i A_{ij} x_j', wrt: 'x_k', expected: '\\sum_j (A_{kj} + A_{jk}) x_j' },
  { name: 'quadratic form, by the matrix', source: COOKBOOK + ', §2.4.1, eq. 72 with a = x (∂aᵀXa/∂X = aaᵀ)',
    formulas: '\\sum_i\\sum_j x_i A_{ij} x_j', wrt: 'A_{kl}', expected: 'x_k x_l' },
  { name: 'bilinear form, by the matrix', source: COOKBOOK + ', §2.4.1, eq. 70 (∂aᵀXb/∂X = abᵀ)',
    formulas: '\\sum_i\\sum_j a_i X_{ij} b_j', wrt: 'X_{kl}', expected: 'a_k b_l' },
  { name: 'bilinear form with the transpose, by the matrix', source: COOKBOOK + ', §2.4.1, eq. 71 (∂aᵀXᵀb/∂X = baᵀ)',
    formulas: '\\sum_i\\sum_j a_i X_{ji} b_j', wrt: 'X_{kl}', expected: 'b_k a_l' },
  { name: 'trace of a product, by the matrix', source: COOKBOOK + ', §2.5.1 (∂Tr(AX)/∂X = Aᵀ)',
    formulas: '\\sum_i \\sum_j A_{ij} X_{ji}', wrt: 'X_{kl}', expected: 'A_{lk}' },
  { name: 'squared Frobenius norm', source: COOKBOOK + ', §2.5.2 (∂Tr(XᵀX)/∂X = 2X)',
    formulas: '\\sum_i \\sum_j X_{ij}^2', wrt: 'X_{kl}', expected: '2X_{kl}' },
  { name: 'squared norm of a vector', source: COOKBOOK + ', §2.4.2 (∂xᵀx/∂x = 2x)',
    formulas: '\\sum_i x_i^2', wrt: 'x_k', expected: '2x_k' },
  { name: 'least-squares residual, by the unknowns', source: COOKBOOK + ', §2.4.2 (∂(x − As)ᵀW(x − As)/∂s = −2AᵀW(x − As), with W = I)',
    formulas: '\\sum_i (\\sum_j A_{ij} x_j - b_i)^2', wrt: 'x_k', expected: '2\\sum_i A_{ik}(\\sum_j A_{ij} x_j - b_i)' },
  { name: 'Euclidean norm', source: COOKBOOK + ', §2.6.1 (∂‖x − a‖₂/∂x = (x − a)/‖x − a‖₂, with a = 0)',
    formulas: '\\sqrt{\\sum_i x_i^2}', wrt: 'x_k', expected: '\\frac{x_k}{\\sqrt{\\sum_i x_i^2}}' },
  { name: 'distance to a point', source: COOKBOOK + ', §2.6.1 (∂‖x − a‖₂/∂x = (x − a)/‖x − a‖₂)',
    formulas: '\\sqrt{\\sum_i (x_i - a_i)^2}', wrt: 'x_k', expected: '\\frac{x_k - a_k}{\\sqrt{\\sum_i (x_i - a_i)^2}}' },
  { name: 'pairwise squared differences of one vector (issue 10)', source: 'Wikipedia, "Variance", the pairwise-differences form',
    formulas: '\\sum_i\\sum_j (x_i - x_j)^2', wrt: 'x_k', expected: '4(\\#i x_k - \\sum_i x_i)' },
  { name: 'a double sum over constants with numeric bounds (issue 10)', source: STEWART + ', Appendix E, sigma notation (Σ i = n(n + 1)/2)',
    formulas: '\\sum_{i=1}^{3}\\sum_{j=2}^{5} i y', wrt: 'y', expected: '24' },

  // --- scalar calculus classics
  { name: 'polynomial', source: STEWART + ', §3.1 (the power rule)',
    formulas: 'x^3 + 2x^2 - 5x + 1', wrt: 'x', expected: '3x^2 + 4x - 5' },
  { name: 'product rule', source: STEWART + ', §3.2 (the product rule) and §3.3',
    formulas: 'x^2 \\sin x', wrt: 'x', expected: '2x \\sin x + x^2 \\cos x' },
  { name: 'quotient rule', source: STEWART + ', §3.2 (the quotient rule)',
    formulas: '\\frac{x}{1 + x^2}', wrt: 'x', expected: '\\frac{1 - x^2}{(1 + x^2)^2}' },
  { name: 'chain rule through the sine', source: STEWART + ', §3.4 (the chain rule)',
    formulas: '\\sin(x^2)', wrt: 'x', expected: '2x \\cos(x^2)' },
  { name: 'Gaussian bump', source: STEWART + ', §3.4 (the chain rule with e^u)',
    formulas: 'e^{-x^2/2}', wrt: 'x', expected: '-x e^{-x^2/2}' },
  { name: 'logarithm of a quadratic', source: STEWART + ', §3.6 (derivatives of logarithmic functions)',
    formulas: '\\log(x^2 + 1)', wrt: 'x', expected: '\\frac{2x}{x^2 + 1}' },
  { name: 'square root of a quadratic', source: STEWART + ', §3.4 (the chain rule)',
    formulas: '\\sqrt{x^2 + 1}', wrt: 'x', expected: '\\frac{x}{\\sqrt{x^2 + 1}}' },
  { name: 'x to the x', source: STEWART + ', §3.6 (logarithmic differentiation)',
    formulas: 'x^{x}', wrt: 'x', positive: ['x'], expected: 'x^x(\\log x + 1)' },
  { name: 'reciprocal', source: STEWART + ', §3.1 (the power rule with n = −1)',
    formulas: '\\frac{1}{x}', wrt: 'x', positive: ['x'], expected: '-\\frac{1}{x^2}' },
  { name: 'arctangent', source: STEWART + ', §3.5 (derivatives of inverse trigonometric functions)',
    formulas: '\\arctan x', wrt: 'x', expected: '\\frac{1}{1 + x^2}' },
  { name: 'tangent', source: STEWART + ', §3.3 (derivatives of trigonometric functions)',
    formulas: '\\tan x', wrt: 'x', expected: '\\sec^2 x' },
  { name: 'exponential base 2', source: STEWART + ', §3.4 (d/dx bˣ = bˣ ln b)',
    formulas: '2^{x}', wrt: 'x', expected: '2^x \\log 2' },
  { name: 'a circuit of CS231n, by x', source: 'CS231n notes, "Backpropagation, Intuitions", f(x, y, z) = (x + y)z',
    formulas: '(x + y) z', wrt: 'x', expected: 'z' },
  { name: 'a circuit of CS231n, by z', source: 'CS231n notes, "Backpropagation, Intuitions", f(x, y, z) = (x + y)z',
    formulas: '(x + y) z', wrt: 'z', expected: 'x + y' },
];
