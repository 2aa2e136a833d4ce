// The correctness corpus: formulas with the variable to differentiate by, as
// data, so every stage's tests can reuse it (derive, simplify, print, compile).
//
// `formulas` is LaTeX for `parseFormulas`: one formula, or a `let*` list of
// definitions separated by `;` whose last definition is the target. `sizes` are
// small index ranges for numeric checks; `declared` are the ranges the user
// declares (they split families such as Rashid's `w_{ij}` and `w_{jk}`);
// `positive` names inputs that must be positive (arguments of log, sqrt, x^x).
// `expected`, where given, is the simplified derivative a person writes, in
// LaTeX (checked numerically against finite differences too). `mathjs` gives a
// scalar formula in mathjs syntax for a cross-check with mathjs `derivative`.

export type CorpusTag =
  | 'seed' | 'capture' | 'transposed' | 'diagonal' | 'double-sum' | 'nested-sum' | 'square-of-sum' | 'product-of-sums'
  | 'symbolic-bounds' | 'triangular' | 'shifted' | 'zero' | 'function' | 'softmax' | 'log-sum-exp' | 'cross-entropy'
  | 'logistic' | 'l2' | 'network' | 'definitions' | 'declared-ranges' | 'scalar' | 'literal-index' | 'index-value'
  | 'extent' | 'iverson' | 'quotient' | 'power' | 'product'
  | 'superscript-index' | 'condition' | 'max' | 'function-definition' | 'word-subscript' | 'index-arithmetic'
  | 'norm' | 'inner-product' | 'trace' | 'log-base' | 'root';

export interface CorpusEntry {
  readonly name: string;
  readonly formulas: string;
  readonly wrt: string;
  readonly tags: readonly CorpusTag[];
  readonly sizes?: Readonly<Record<string, number>>;
  readonly declared?: Readonly<Record<string, number>>;
  readonly positive?: readonly string[];
  readonly expected?: string;
  readonly mathjs?: string;
  /**
   * Where the formula comes from (a textbook section, a paper's equation, a Wikipedia article): the
   * entries with a source make the textbook corpus of docs/notation.md ("As written in textbooks").
   */
  readonly source?: string;
  /**
   * The source's own text, where Kronecker does not read it as written: it must be refused with an
   * input error (never read another way), and `formulas` is how the user writes it instead.
   */
  readonly asWritten?: string;
  /**
   * Where `formulas` differs from the source for another reason (a part dropped, a name that the
   * source writes in a way Kronecker would read differently), what was changed.
   */
  readonly adapted?: string;
}

const seedNet = 'o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2';
const rashid = 'o_j = \\sigma(\\sum_i w_{ij} o_i); o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2';
const twoLayer = 'h_j = \\sigma(\\sum_i v_{ij} x_i); y_k = \\sigma(\\sum_j w_{jk} h_j); E = \\sum_k (t_k - y_k)^2';

export const CORPUS: readonly CorpusEntry[] = [
  // --- the seed and index capture
  { name: 'seed: ∂(Σ_j w_{jk} o_j)/∂w_{jk}', formulas: '\\sum_j w_{jk} o_j', wrt: 'w_{jk}', tags: ['seed', 'capture'], expected: 'o_j' },
  { name: 'seed with commas', formulas: '\\sum_{j} w_{j,k} \\cdot o_{j}', wrt: 'w_{j,k}', tags: ['seed', 'capture'], expected: 'o_j' },
  { name: 'seed network: ∂E/∂w_{jk}', formulas: seedNet, wrt: 'w_{jk}', tags: ['seed', 'network', 'definitions', 'capture'] },
  // In the final scope of the definitions a written `o_j` is the defined o; declared ranges tell the two layers apart.
  { name: 'seed network with declared ranges', formulas: seedNet, wrt: 'w_{jk}', tags: ['seed', 'network', 'definitions', 'declared-ranges'],
    declared: { j: 3, k: 2 }, sizes: { j: 3, k: 2 },
    expected: '-2(t_k - o_k) \\sigma(\\sum_j w_{jk} o_j)(1 - \\sigma(\\sum_j w_{jk} o_j)) o_j' },
  { name: 'seed expression one, squared error through σ', formulas: '\\sum_k (t_k - \\sigma(\\sum_j w_{jk} o_j))^2', wrt: 'w_{jk}',
    tags: ['seed', 'capture', 'nested-sum'] },
  { name: 'capture in both slots', formulas: '\\sum_j \\sum_k w_{jk} x_j y_k', wrt: 'w_{jk}', tags: ['capture', 'double-sum'], expected: 'x_j y_k' },
  { name: 'capture in the second slot', formulas: '\\sum_k w_{jk} o_k', wrt: 'w_{jk}', tags: ['capture'], expected: 'o_k' },
  { name: 'no capture: other bound letter', formulas: '\\sum_i w_{ik} o_i', wrt: 'w_{jk}', tags: ['capture'], expected: 'o_j' },
  { name: 'free and bound use of one letter', formulas: 'x_k \\sum_k x_k', wrt: 'x_k', tags: ['capture'] },
  { name: 'shadowed binder', formulas: '\\sum_j \\sigma(\\sum_j w_{jk} o_j)', wrt: 'w_{jk}', tags: ['capture', 'nested-sum'] },
  { name: 'sum of everything', formulas: '\\sum_k \\sum_j w_{jk}', wrt: 'w_{jk}', tags: ['capture', 'double-sum'], expected: '1' },
  { name: 'scalar variable inside a sum', formulas: '\\sum_j a_j x', wrt: 'x', tags: ['scalar'], expected: '\\sum_j a_j' },
  { name: 'wrt with other letters', formulas: '\\sum_j \\sum_k w_{jk} o_j', wrt: 'w_{ab}', tags: ['capture', 'double-sum'], expected: 'o_a' },

  // --- transposed and diagonal patterns
  { name: 'transposed use', formulas: '\\sum_j \\sum_k w_{kj} x_j y_k', wrt: 'w_{jk}', tags: ['transposed', 'double-sum'], expected: 'x_k y_j' },
  { name: 'trace', formulas: '\\sum_j w_{jj}', wrt: 'w_{jk}', tags: ['diagonal'], expected: '\\delta_{jk}' },
  { name: 'squared diagonal', formulas: '\\sum_j w_{jj}^2', wrt: 'w_{jk}', tags: ['diagonal', 'power'] },
  { name: 'entry times its transpose', formulas: 'w_{jk} w_{kj}', wrt: 'w_{jk}', tags: ['transposed', 'diagonal'] },
  { name: 'quadratic form', formulas: '\\sum_i \\sum_j x_i A_{ij} x_j', wrt: 'x_k', tags: ['double-sum', 'transposed'] },
  { name: 'quadratic form by the matrix', formulas: '\\sum_i \\sum_j x_i A_{ij} x_j', wrt: 'A_{ij}', tags: ['double-sum', 'capture'], expected: 'x_i x_j' },
  { name: 'bilinear, wrt first vector', formulas: '\\sum_i \\sum_j w_{ij} x_i y_j', wrt: 'x_k', tags: ['double-sum'], expected: '\\sum_j w_{kj} y_j' },

  // --- double and nested sums
  { name: 'squared difference of matrices', formulas: '\\sum_i \\sum_j (w_{ij} - v_{ij})^2', wrt: 'w_{ij}', tags: ['double-sum', 'capture'],
    expected: '2(w_{ij} - v_{ij})' },
  { name: 'square of an inner sum', formulas: '\\sum_i (\\sum_j w_{ij} x_j)^2', wrt: 'w_{ij}', tags: ['nested-sum', 'square-of-sum', 'capture'] },
  { name: 'sum of a sum over the output', formulas: '\\sum_k \\sum_j w_{jk} o_j', wrt: 'w_{jk}', tags: ['double-sum', 'capture'], expected: 'o_j' },
  { name: 'nested σ of sums', formulas: '\\sum_k \\sigma(\\sum_j w_{jk} \\sigma(\\sum_i v_{ij} x_i))', wrt: 'v_{ij}', tags: ['nested-sum', 'capture'] },

  // --- squares and products of sums
  { name: 'square of a sum', formulas: '(\\sum_i x_i)^2', wrt: 'x_j', tags: ['square-of-sum'], expected: '2 \\sum_i x_i' },
  { name: 'product of two sums', formulas: '(\\sum_i x_i)(\\sum_i y_i x_i)', wrt: 'x_j', tags: ['product-of-sums'] },
  { name: 'square of a dot product', formulas: '(\\sum_i x_i y_i)^2', wrt: 'y_k', tags: ['square-of-sum'] },
  { name: 'sum times sum (scope of Σ)', formulas: '\\sum_i x_i \\sum_j x_j', wrt: 'x_k', tags: ['product-of-sums', 'nested-sum'] },
  { name: 'cube of a sum of squares', formulas: '(\\sum_i x_i^2)^{3}', wrt: 'x_k', tags: ['square-of-sum', 'power'] },
  { name: 'product of three factors', formulas: '\\sum_i a_i b_i c_i', wrt: 'b_j', tags: ['capture'], expected: 'a_j c_j' },
  { name: 'ratio of sums', formulas: '\\frac{\\sum_i x_i y_i}{\\sum_i x_i^2}', wrt: 'x_k', tags: ['quotient', 'product-of-sums'] },

  // --- symbolic and triangular bounds
  { name: 'symbolic upper bound', formulas: '\\sum_{j=1}^{n} w_{jk} o_j', wrt: 'w_{jk}', tags: ['symbolic-bounds', 'capture'], expected: 'o_j' },
  { name: 'triangular double sum', formulas: '\\sum_{i=1}^{n} \\sum_{j=1}^{i} x_i x_j', wrt: 'x_k', tags: ['triangular', 'symbolic-bounds'] },
  { name: 'partial sum with a free bound', formulas: '\\sum_{j=1}^{i} x_j', wrt: 'x_k', tags: ['triangular'], expected: '1' },
  { name: 'literal bounds', formulas: '\\sum_{i=1}^{3} w_i^2', wrt: 'w_k', tags: ['symbolic-bounds'], sizes: { i: 3, k: 3 } },
  { name: 'lower bound 2 with a shifted neighbour', formulas: '\\sum_{j=2}^{n} x_j x_{j-1}', wrt: 'x_k', tags: ['shifted', 'symbolic-bounds'],
    sizes: { j: 4, n: 4, k: 4 } },

  // --- shifted indices
  { name: 'finite differences', formulas: '\\sum_{i=1}^{n-1} (x_{i+1} - x_i)^2', wrt: 'x_k', tags: ['shifted', 'symbolic-bounds'],
    sizes: { i: 4, n: 4, k: 4 } },
  { name: 'shifted read', formulas: '\\sum_{i=1}^{n} x_{i+1} y_i', wrt: 'x_k', tags: ['shifted'], sizes: { i: 3, n: 3, k: 4 } },
  { name: 'wrt a shifted variable', formulas: '\\sum_{i=1}^{n} x_i y_i', wrt: 'x_{p+1}', tags: ['shifted'], sizes: { i: 4, n: 4, p: 3 } },

  // --- zero derivatives (a variable that does not occur at all is an input error: test/derive/wrt.test.ts)
  { name: 'zero: distinct literal column', formulas: 'w_{12} x', wrt: 'w_{13}', tags: ['zero', 'literal-index'], expected: '0' },
  { name: 'zero: other row', formulas: '\\sum_k w_{1k} x_k', wrt: 'w_{2k}', tags: ['zero', 'literal-index'], sizes: { k: 3 }, expected: '0' },
  { name: 'literal row, free column', formulas: '\\sum_k w_{1k} x_k', wrt: 'w_{1k}', tags: ['literal-index'], sizes: { k: 3 }, expected: 'x_k' },

  // --- functions
  { name: 'tanh layer', formulas: '\\tanh(\\sum_j w_{jk} o_j)', wrt: 'w_{jk}', tags: ['function', 'capture'] },
  { name: 'softplus layer', formulas: '\\operatorname{softplus}(\\sum_j w_{jk} x_j)', wrt: 'w_{jk}', tags: ['function', 'capture'] },
  { name: 'relu layer', formulas: '\\sum_k \\operatorname{relu}(\\sum_j w_{jk} x_j)', wrt: 'w_{jk}', tags: ['function', 'iverson'] },
  { name: 'log-sum-exp', formulas: '\\log \\sum_i e^{z_i}', wrt: 'z_k', tags: ['log-sum-exp', 'function'] },
  { name: 'softmax', formulas: '\\frac{e^{z_k}}{\\sum_i e^{z_i}}', wrt: 'z_j', tags: ['softmax', 'quotient'] },
  { name: 'cross-entropy of softmax', formulas: '-\\sum_k t_k \\log \\frac{e^{z_k}}{\\sum_i e^{z_i}}', wrt: 'z_j', tags: ['cross-entropy', 'softmax'] },
  { name: 'Gaussian', formulas: 'e^{-\\sum_i x_i^2}', wrt: 'x_k', tags: ['function'] },
  { name: 'Euclidean norm', formulas: '\\sqrt{\\sum_i x_i^2}', wrt: 'x_k', tags: ['function'] },
  { name: 'variance (uses #j)', formulas: '\\sum_j (x_j - \\frac{1}{\\#j} \\sum_i x_i)^2', wrt: 'x_k', tags: ['extent', 'square-of-sum'],
    sizes: { i: 3, j: 3, k: 3 } },
  { name: 'index used as a number', formulas: '\\sum_i i x_i^2', wrt: 'x_k', tags: ['index-value'] },
  { name: 'Iverson bracket over an index', formulas: '\\sum_i [i \\le 2] x_i^2', wrt: 'x_k', tags: ['iverson'], sizes: { i: 3, k: 3 } },

  // --- logistic regression, cross-entropy, L2
  { name: 'logistic regression, one sample', formulas: '-(t \\log \\sigma(\\sum_i w_i x_i) + (1 - t) \\log(1 - \\sigma(\\sum_i w_i x_i)))',
    wrt: 'w_j', tags: ['logistic', 'cross-entropy'] },
  { name: 'logistic regression, many samples', formulas: '-\\sum_s (y_s \\log \\sigma(\\sum_i w_i x_{si}) + (1 - y_s) \\log(1 - \\sigma(\\sum_i w_i x_{si})))',
    wrt: 'w_j', tags: ['logistic', 'cross-entropy', 'double-sum'] },
  { name: 'L2 penalty', formulas: '\\frac{\\lambda}{2} \\sum_j \\sum_k w_{jk}^2', wrt: 'w_{jk}', tags: ['l2', 'capture'], expected: '\\lambda w_{jk}' },
  { name: 'linear regression with L2', formulas: '\\sum_k (t_k - \\sum_j w_{jk} o_j)^2 + \\lambda \\sum_j \\sum_k w_{jk}^2', wrt: 'w_{jk}',
    tags: ['l2', 'capture', 'nested-sum'] },

  // --- scalar cases (also checked against mathjs)
  { name: 'polynomial', formulas: 'x^3 + 2x^2 - 5x + 1', wrt: 'x', tags: ['scalar', 'power'], mathjs: 'x^3 + 2x^2 - 5x + 1' },
  { name: 'sin cos', formulas: '\\sin(x) \\cos(x)', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'sin(x) * cos(x)' },
  { name: 'rational', formulas: '\\frac{x}{1 + x^2}', wrt: 'x', tags: ['scalar', 'quotient'], mathjs: 'x / (1 + x^2)' },
  { name: 'softplus by hand', formulas: '\\log(1 + e^{x})', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'log(1 + exp(x))', expected: '\\sigma(x)' },
  { name: 'x to the x', formulas: 'x^{x}', wrt: 'x', tags: ['scalar', 'power'], positive: ['x'], mathjs: 'x^x' },
  { name: 'sigmoid of an affine map', formulas: '\\sigma(a x + b)', wrt: 'x', tags: ['scalar', 'function'], mathjs: '1 / (1 + exp(-(a*x + b)))' },
  { name: 'exponential base 2', formulas: '2^{x}', wrt: 'x', tags: ['scalar', 'power'], mathjs: '2^x' },
  { name: 'squared tanh', formulas: '(\\tanh(x))^2', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'tanh(x)^2' },
  { name: 'reciprocal square root', formulas: '\\frac{1}{\\sqrt{x}}', wrt: 'x', tags: ['scalar', 'quotient'], positive: ['x'], mathjs: '1 / sqrt(x)' },
  { name: 'log of a product', formulas: '\\log(x y) + x^{y}', wrt: 'y', tags: ['scalar', 'power'], positive: ['x', 'y'], mathjs: 'log(x*y) + x^y' },
  { name: 'squared error of a scalar σ unit', formulas: '(t - \\sigma(w_1 o_1 + w_2 o_2 + w_3 o_3))^2', wrt: 'w_1', tags: ['scalar', 'literal-index'] },

  // --- networks with definitions
  { name: 'two-layer network, output weights', formulas: twoLayer, wrt: 'w_{jk}', tags: ['network', 'definitions', 'capture'] },
  { name: 'two-layer network, hidden weights', formulas: twoLayer, wrt: 'v_{ij}', tags: ['network', 'definitions', 'capture'] },
  { name: 'two-layer network, hidden weights, other letters', formulas: twoLayer, wrt: 'v_{ab}', tags: ['network', 'definitions'] },
  { name: 'seed network, wrt a literal weight', formulas: seedNet, wrt: 'w_{21}', tags: ['network', 'definitions', 'literal-index'] },
  { name: 'seed network, wrt a target', formulas: seedNet, wrt: 't_k', tags: ['network', 'definitions', 'capture'], expected: '2(t_k - o_k)' },
  { name: 'softmax classifier', formulas: 'z_k = \\sum_j w_{jk} h_j; p_k = \\frac{e^{z_k}}{\\sum_c e^{z_c}}; L = -\\sum_k t_k \\log p_k',
    wrt: 'w_{jk}', tags: ['network', 'definitions', 'softmax', 'cross-entropy'] },
  { name: 'linear layer with bias, MSE', formulas: 'y_k = \\sum_j w_{jk} x_j + b_k; E = \\frac{1}{2} \\sum_k (y_k - t_k)^2', wrt: 'b_k',
    tags: ['network', 'definitions'], expected: 'y_k - t_k' },
  { name: 'tanh hidden layer with L2', formulas: 'h_j = \\tanh(\\sum_i v_{ij} x_i); E = \\sum_k (t_k - \\sum_j w_{jk} h_j)^2 + \\lambda \\sum_i \\sum_j v_{ij}^2',
    wrt: 'v_{ij}', tags: ['network', 'definitions', 'l2'] },
  { name: 'one name redefined three times', formulas: 'x = a y; x = x^2; x = \\sin(x)', wrt: 'a', tags: ['definitions', 'scalar'] },
  { name: 'two-index definition used transposed', formulas: 'A_{ij} = x_i y_j; E = \\sum_i \\sum_j A_{ji} w_{ij}', wrt: 'x_k',
    tags: ['definitions', 'transposed'], expected: '\\sum_i y_i w_{ik}' },
  { name: 'definition with a shifted body', formulas: 'd_i = x_{i+1} - x_i; E = \\sum_{i=1}^{n-1} d_i^2', wrt: 'x_k',
    tags: ['definitions', 'shifted'], sizes: { i: 4, n: 4, k: 4 } },
  { name: 'Rashid without declared ranges (let* keeps the layers apart)', formulas: rashid, wrt: 'w_{ij}', tags: ['network', 'definitions'] },
  { name: 'Rashid: hidden weights, declared ranges', formulas: rashid, wrt: 'w_{ij}', tags: ['network', 'definitions', 'declared-ranges'],
    declared: { i: 784, j: 100, k: 10 }, sizes: { i: 3, j: 2, k: 2 } },
  { name: 'Rashid: output weights, declared ranges', formulas: rashid, wrt: 'w_{jk}', tags: ['network', 'definitions', 'declared-ranges'],
    declared: { i: 784, j: 100, k: 10 }, sizes: { i: 3, j: 2, k: 2 } },
  { name: 'Rashid: input layer, declared ranges', formulas: rashid, wrt: 'o_i', tags: ['network', 'definitions', 'declared-ranges'],
    declared: { i: 784, j: 100, k: 10 }, sizes: { i: 3, j: 2, k: 2 } },

  // --- products (\prod): the product rule in index form, over whole, bounded, one-value and empty ranges
  { name: 'product of a vector', formulas: '\\prod_i x_i', wrt: 'x_j', tags: ['product'],
    expected: '\\prod_i (\\delta_{ij} + (1 - \\delta_{ij}) x_i)' },
  { name: 'product of a vector, one entry', formulas: '\\prod_i x_i', wrt: 'x_j', tags: ['product'], sizes: { i: 1 } },
  { name: 'product of a vector, four entries', formulas: '\\prod_i x_i', wrt: 'x_j', tags: ['product'], sizes: { i: 4 } },
  { name: 'product, wrt the bound letter', formulas: '\\prod_i x_i', wrt: 'x_i', tags: ['product', 'capture'] },
  { name: 'bounded product of affine factors', formulas: '\\prod_{i=1}^{n} (1 + w x_i)', wrt: 'w', tags: ['product', 'symbolic-bounds'] },
  { name: 'bounded product, one factor', formulas: '\\prod_{i=1}^{n} (1 + w x_i)', wrt: 'w', tags: ['product', 'symbolic-bounds'],
    sizes: { n: 1 } },
  { name: 'bounded product, empty range', formulas: '\\prod_{i=2}^{n} (1 + w x_i)', wrt: 'w', tags: ['product', 'symbolic-bounds'],
    sizes: { n: 1 } },
  { name: 'literal bounds product', formulas: '\\prod_{i=2}^{3} x_i^2', wrt: 'x_k', tags: ['product', 'power'], sizes: { i: 3, k: 3 } },
  { name: 'empty literal product', formulas: 'y \\prod_{i=3}^{2} x_i', wrt: 'y', tags: ['product'], sizes: { i: 3 } },
  { name: 'product of sigmoids', formulas: '\\prod_j \\sigma(z_j)', wrt: 'z_k', tags: ['product', 'function'],
    expected: '\\sigma(z_k) (1 - \\sigma(z_k)) \\prod_j (\\delta_{jk} + (1 - \\delta_{jk}) \\sigma(z_j))' },
  { name: 'product inside a sum', formulas: '\\sum_k \\prod_j w_{jk} x_j', wrt: 'x_i', tags: ['product', 'nested-sum'] },
  { name: 'product inside a sum, wrt the matrix', formulas: '\\sum_k \\prod_j w_{jk} x_j', wrt: 'w_{jk}', tags: ['product', 'capture'] },
  { name: 'sum inside a product', formulas: '\\prod_k \\sum_j w_{jk} x_j', wrt: 'w_{jk}', tags: ['product', 'capture', 'nested-sum'] },
  { name: 'sum inside a product, wrt the vector', formulas: '\\prod_k \\sum_j w_{jk} x_j', wrt: 'x_i', tags: ['product', 'nested-sum'] },
  { name: 'log of an indexed product', formulas: '\\log \\prod_i x_i', wrt: 'x_j', tags: ['product', 'function'], positive: ['x'] },

  // --- functions as textbooks write them (issue 9): one scalar entry per new function that mathjs knows,
  // the activations of deep learning in layers, logarithms to a base, powers of functions and \sin^{-1}.
  // Stewart, "Calculus", §3.3 and §3.6 (derivatives of the trigonometric and inverse trigonometric functions):
  { name: 'tangent squared', formulas: '\\tan^2 x', wrt: 'x', tags: ['scalar', 'function', 'power'], mathjs: 'tan(x)^2' },
  { name: 'cotangent', formulas: '\\cot x', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'cot(x)' },
  { name: 'secant times tangent', formulas: '\\sec(x) \\tan(x)', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'sec(x) * tan(x)' },
  { name: 'cosecant of a multiple', formulas: '\\csc(a x)', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'csc(a * x)' },
  { name: 'arcsine written sin^{-1}', formulas: '\\sin^{-1}(x/2)', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'asin(x / 2)' },
  { name: 'arccosine', formulas: '\\arccos \\frac{x}{2}', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'acos(x / 2)' },
  { name: 'arctangent of an affine map', formulas: '\\arctan(a x + b)', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'atan(a * x + b)' },
  // Wikipedia, "Hyperbolic functions" (derivatives; the catenary a cosh(x/a)):
  { name: 'catenary', source: 'Wikipedia, "Catenary": y = a cosh(x/a)', formulas: 'a \\cosh(x / a)', wrt: 'x', tags: ['scalar', 'function'], positive: ['a'], mathjs: 'a * cosh(x / a)' },
  { name: 'sinh by cosh', formulas: '\\sinh(x) \\cosh(y)', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'sinh(x) * cosh(y)' },
  { name: 'hyperbolic cotangent', formulas: '\\coth x', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'coth(x)' },
  { name: 'tanh derivative identity', formulas: '1 - \\tanh^2(x)', wrt: 'x', tags: ['scalar', 'function', 'power'], mathjs: '1 - tanh(x)^2' },
  // Logarithms to a base (Wikipedia, "Logarithm", change of base):
  { name: 'binary logarithm', formulas: '\\log_2 x', wrt: 'x', tags: ['scalar', 'function'], positive: ['x'], mathjs: 'log(x, 2)' },
  { name: 'decibels of a power ratio', formulas: '10 \\log_{10}(x^2 + 1)', wrt: 'x', tags: ['scalar', 'function'], mathjs: '10 * log10(x^2 + 1)' },
  { name: 'squared log', formulas: '\\log^2 x', wrt: 'x', tags: ['scalar', 'function', 'power'], positive: ['x'], mathjs: 'log(x)^2' },
  // Stewart, "Calculus", §3.4 (the chain rule on a cube root), checked against mathjs cbrt.
  { name: 'cube root', formulas: '\\sqrt[3]{x^2 + 1}', wrt: 'x', tags: ['scalar', 'function'], mathjs: 'cbrt(x^2 + 1)' },
  // Wikipedia, "Entropy (information theory)": H = -Σ p log₂ p, in bits.
  { name: 'entropy in bits', source: 'Wikipedia, "Entropy (information theory)": H = −Σ p log₂ p', formulas: '-\\sum_k p_k \\log_2 p_k', wrt: 'p_k', tags: ['function'], positive: ['p'] },
  // Wikipedia, "Normal distribution": Φ(x) = (1 + erf(x/√2))/2 (mathjs cannot differentiate erf).
  { name: 'normal CDF through erf', source: 'Wikipedia, "Normal distribution", cumulative distribution function: Φ(x) = ½(1 + erf((x − μ)/(σ√2)))', formulas: '\\frac{1}{2} (1 + \\operatorname{erf}(\\frac{x - \\mu}{\\sigma \\sqrt{2}}))', wrt: 'x',
    tags: ['scalar', 'function'], positive: ['sigma'] },
  // Hendrycks & Gimpel, "Gaussian Error Linear Units (GELUs)", 2016: GELU(x) = x Φ(x).
  { name: 'GELU layer with squared error', source: 'Hendrycks & Gimpel, "Gaussian Error Linear Units (GELUs)", 2016, in a layer', adapted: 'a GELU layer under a squared error', formulas: 'h_k = \\operatorname{GELU}(\\sum_j w_{jk} x_j); E = \\sum_k (t_k - h_k)^2', wrt: 'w_{jk}',
    tags: ['function', 'network', 'definitions', 'capture'] },
  // Maas, Hannun & Ng, "Rectifier nonlinearities improve neural network acoustic models", 2013 (slope 0.01).
  { name: 'leaky ReLU layer', source: 'Maas, Hannun & Ng, "Rectifier Nonlinearities Improve Neural Network Acoustic Models", 2013, in a layer', adapted: 'a leaky-ReLU layer summed over its outputs', formulas: '\\sum_k (t_k - \\operatorname{LeakyReLU}(\\sum_j w_{jk} x_j))^2', wrt: 'w_{jk}',
    tags: ['function', 'iverson', 'capture'] },
  // Clevert, Unterthiner & Hochreiter, "Fast and accurate deep network learning by ELUs", 2015 (α = 1).
  { name: 'ELU layer', source: 'Clevert, Unterthiner & Hochreiter, "Fast and Accurate Deep Network Learning by ELUs", 2015, in a layer', adapted: 'an ELU layer summed over its outputs', formulas: '\\sum_k \\operatorname{ELU}(\\sum_j w_{jk} x_j + b_k)', wrt: 'b_k', tags: ['function', 'iverson'] },
  // Wikipedia, "Hinge loss": ℓ(y) = max(0, 1 - t·y), here for a linear SVM (mathjs cannot differentiate max).
  { name: 'hinge loss of a linear classifier', source: 'Wikipedia, "Hinge loss": ℓ(y) = max(0, 1 − t·y), for a linear classifier', asWritten: '\\ell(y) = \\max(0, 1 - t \\cdot y)', adapted: 'summed over outputs k with y = Σ_j w_{jk} x_j', formulas: '\\sum_k \\max(0, 1 - t_k \\sum_j w_{jk} x_j)', wrt: 'w_{jk}',
    tags: ['function', 'iverson', 'capture'] },
  // Clipping, as in PPO's clipped objective (Schulman et al., "Proximal Policy Optimization Algorithms", 2017): min of several.
  { name: 'max and min of three', formulas: '\\min(\\max(x, a), b, x^2 + y)', wrt: 'x', tags: ['scalar', 'function', 'iverson'] },
  // --- issue 9, guards: what the refusals of src/parse/guards.ts tell the user to write instead
  // Linear regression, J(θ) = ½ Σ_i (θᵀx^{(i)} - y^{(i)})² (Ng, CS229 lecture notes, "Supervised learning", part I):
  // matrix notation since issue 11 (θ and x^{(i)} are vectors: θ is transposed, x^{(i)} multiplied by it).
  { name: 'matrix notation: least squares, θᵀx^{(i)}', source: 'Ng, CS229 lecture notes, part I, least squares', formulas: 'J(\\theta) = \\frac{1}{2} \\sum_i (\\theta^T x^{(i)} - y^{(i)})^2',
    wrt: '\\theta_k', tags: ['l2', 'nested-sum'], expected: '\\sum_i (\\sum_j \\theta_j x^{(i)}_j - y^{(i)}) x^{(i)}_k' },
  // The ridge penalty λ θᵀθ (Wikipedia, "Ridge regression"), in matrix notation.
  { name: 'matrix notation: ridge penalty, λθᵀθ', source: 'Wikipedia, "Ridge regression", the penalty λ θᵀθ', formulas: '\\lambda \\theta^T \\theta', wrt: '\\theta_k',
    tags: ['l2'], expected: '2 \\lambda \\theta_k' },
  // ∂Tr(AX)/∂X = Aᵀ (Petersen & Pedersen, The Matrix Cookbook, §2.5 "Derivatives of traces"), as the Cookbook writes it.
  { name: 'matrix notation: trace of a product', source: 'Petersen & Pedersen, The Matrix Cookbook, §2.5, ∂Tr(AX)/∂X', formulas: '\\operatorname{Tr}(A X)', wrt: 'X_{kl}',
    tags: ['double-sum', 'transposed'], expected: 'A_{lk}' },
  // ∂(xᵀAx)/∂x = (A + Aᵀ)x (The Matrix Cookbook, §2.4.2 "Second order"): the quadratic form in index form.
  { name: 'matrix notation: quadratic form xᵀAx', source: 'Petersen & Pedersen, The Matrix Cookbook, §2.4.2, the quadratic form', formulas: 'x^T A x', wrt: 'x_k', tags: ['double-sum'] },
  // Compound interest over T periods, P(1 + r)^T (Wikipedia, "Compound interest"): the power with exponent T is x^{{T}}.
  { name: 'guards: a power with exponent T', formulas: 'P (1 + r)^{{T}}', wrt: 'r', tags: ['scalar', 'power'], positive: ['r'] },
  // Discounted return G = Σ_{t=1}^{T} γ^t r_t (Sutton & Barto, Reinforcement Learning, eq. 3.8): T as an upper limit is no transpose.
  { name: 'guards: discounted return up to T', source: 'Sutton & Barto, Reinforcement Learning, eq. 3.8, the discounted return', adapted: 'the infinite sum truncated at T', formulas: 'G = \\sum_{t=1}^{T} \\gamma^{t} r_t', wrt: '\\gamma',
    tags: ['symbolic-bounds', 'index-value', 'power'], sizes: { t: 4, T: 4 } },
  // --- superscript indices (issue 9): `x^{(i)}` is the first index slot, never a power
  // Andrew Ng, CS229 lecture notes, part II: logistic regression, the log likelihood ℓ(θ) (as a loss, negated and averaged).
  { name: 'logistic regression over training examples (CS229)', source: 'Ng, CS229 lecture notes, part II, logistic regression (the log likelihood, negated and averaged)', adapted: 'h_θ(x^{(i)}) is the definition h^{(i)}',
    formulas: 'h^{(i)} = \\sigma(\\sum_j \\theta_j x^{(i)}_j); J = -\\frac{1}{m} \\sum_i [y^{(i)} \\log h^{(i)} + (1 - y^{(i)}) \\log(1 - h^{(i)})]',
    wrt: '\\theta_k', tags: ['superscript-index', 'logistic', 'definitions', 'cross-entropy'], positive: ['m'] },
  // CS229 lecture notes, part I: the least-squares cost J(θ) = ½ Σ_i (h_θ(x^{(i)}) − y^{(i)})².
  { name: 'least squares over training examples (CS229)', source: 'Ng, CS229 lecture notes, part I, the least-squares cost', adapted: 'h_θ(x^{(i)}) written out as Σ_j θ_j x^{(i)}_j', formulas: 'J = \\frac{1}{2} \\sum_i (\\sum_j \\theta_j x^{(i)}_j - y^{(i)})^2',
    wrt: '\\theta_k', tags: ['superscript-index', 'definitions'], expected: '\\sum_i (\\sum_j \\theta_j x^{(i)}_j - y^{(i)}) x^{(i)}_k' },
  // The same cost by the training inputs: a superscript index on the variable differentiated by.
  { name: 'least squares, by one training input', formulas: '\\frac{1}{2} \\sum_i (\\sum_j \\theta_j x^{(i)}_j - y^{(i)})^2',
    wrt: 'x^{(n)}_k', tags: ['superscript-index', 'capture'] },
  // Ng, Deep Learning Specialization notation (layer index in brackets): output layer z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}, squared error.
  { name: 'layer index in brackets (deeplearning.ai notation)', source: 'Ng, Deep Learning Specialization notation: z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}', adapted: 'the matrix product in index form, under a squared error',
    formulas: 'E = \\frac{1}{2} \\sum_j (\\sigma(\\sum_k w^{[2]}_{jk} a^{[1]}_k + b^{[2]}_j) - y_j)^2', wrt: 'w^{[2]}_{jk}',
    tags: ['superscript-index', 'literal-index', 'function'], sizes: { j: 2, k: 3 } },
  // Goodfellow, Bengio, Courville, Deep Learning, §10.2: h^{(t)} = tanh(W h^{(t-1)} + U x^{(t)}), here scalar weights,
  // fitted to observed states with the previous state given (teacher forcing, §10.2.1).
  { name: 'recurrent step with h^{(t-1)} (Deep Learning book, 10.2)', source: 'Goodfellow, Bengio & Courville, Deep Learning, §10.2, h^{(t)} = tanh(W h^{(t−1)} + U x^{(t)})', adapted: 'scalar weights, fitted with teacher forcing',
    formulas: 'L = \\sum_{t=2}^{n} (h^{(t)} - \\tanh(w h^{(t-1)} + u x^{(t)}))^2', wrt: 'w',
    tags: ['superscript-index', 'shifted', 'function', 'symbolic-bounds'], sizes: { t: 4, n: 4 } },
  // A literal superscript index: the second training example, and the square of an indexed variable.
  { name: 'second training example, squared', formulas: '(\\theta x^{(2)} - y^{(2)})^2 + \\lambda (x^{(2)})^2', wrt: 'x^{(2)}',
    tags: ['superscript-index', 'literal-index', 'power'], sizes: { i: 3 } },
  // --- decorated names (issue 9): `\hat{y}`, `\mathbf{x}`, `\boldsymbol{\theta}`, `\mathcal{L}` are names of their own
  // Bishop, Pattern Recognition and Machine Learning, §5.2: the sum-of-squares error E = ½ Σ_n (y(x_n, w) − t_n)²,
  // with a logistic output unit, the prediction written \hat{y}_n.
  { name: 'squared error of a logistic unit, prediction \\hat{y}_n (Bishop 5.2)', source: 'Bishop, Pattern Recognition and Machine Learning, §5.2, the sum-of-squares error', adapted: 'y(x_n, w) is the definition \\hat{y}_n',
    formulas: '\\hat{y}_n = \\sigma(\\sum_j w_j x_{nj}); E = \\frac{1}{2} \\sum_n (\\hat{y}_n - y_n)^2', wrt: 'w_j',
    tags: ['definitions', 'logistic', 'function'] },
  // Andrew Ng, CS229 lecture notes, part I: least squares, parameters in bold (\boldsymbol{\theta}, \mathbf{x}^{(i)}).
  { name: 'least squares with bold parameters and inputs (CS229)',
    formulas: '\\hat{y}^{(i)} = \\sum_j \\boldsymbol{\\theta}_j \\mathbf{x}^{(i)}_j; J = \\frac{1}{2m} \\sum_i (\\hat{y}^{(i)} - y^{(i)})^2',
    wrt: '\\boldsymbol{\\theta}_k', tags: ['superscript-index', 'definitions'], positive: ['m'] },
  // Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3: softmax output \hat{y} and the cross-entropy loss \mathcal{L}.
  { name: 'softmax cross-entropy, \\mathcal{L} and \\hat{y}_k (Deep Learning book, 6.2.2.3)', source: 'Goodfellow, Bengio & Courville, Deep Learning, §6.2.2.3, softmax units and the cross-entropy',
    formulas: '\\hat{y}_k = \\frac{e^{z_k}}{\\sum_c e^{z_c}}; \\mathcal{L} = -\\sum_k y_k \\log \\hat{y}_k', wrt: 'z_j',
    tags: ['definitions', 'softmax', 'cross-entropy'] },
  // --- conditions under a sum (issue 9): `\sum_{j \ne i}` is `\sum_j [j \ne i]`
  // Wikipedia, "Variance", the pairwise-differences form: Var(X) = 1/(2n²) Σ_i Σ_j (x_i − x_j)², the i = j terms written out.
  { name: 'pairwise squared differences, \\sum_{j \\ne i} (Wikipedia, Variance)', source: 'Wikipedia, "Variance", the pairwise-differences form', adapted: 'the factor 1/(2n²) left out',
    formulas: '\\sum_i \\sum_{j \\ne i} (x_i - x_j)^2', wrt: 'x_k', tags: ['condition', 'iverson', 'double-sum'] },
  // Wikipedia, "Jackknife resampling": the leave-one-out mean \bar{x}_i = 1/(n−1) Σ_{j=1, j≠i}^{n} x_j, here its squared
  // deviations; n − 1 is the positive scalar m (the step checker also tries n = 1, where 1/(n−1) has no value).
  { name: 'leave-one-out mean, \\sum_{j=1, j \\ne i}^{n} (Wikipedia, Jackknife resampling)', source: 'Wikipedia, "Jackknife resampling", the leave-one-out mean', adapted: '1/(n − 1) is the positive scalar 1/m',
    formulas: '\\bar{x}_i = \\frac{1}{m} \\sum_{j=1, j \\ne i}^{n} x_j; J = \\sum_{i=1}^{n} (x_i - \\bar{x}_i)^2', wrt: 'x_k',
    tags: ['condition', 'iverson', 'symbolic-bounds', 'definitions'], sizes: { i: 4, j: 4, n: 4 }, positive: ['m'] },
  // --- the textbook corpus (issue 9): losses, normalisation layers, activations and attention as the sources write them
  { name: 'pseudo-Huber loss', source: 'Wikipedia, "Huber loss", Pseudo-Huber loss function',
    asWritten: 'L_\\delta(a) = \\delta^2 \\left(\\sqrt{1 + (a/\\delta)^2} - 1\\right)',
    formulas: 'L = \\delta^2 \\left(\\sqrt{1 + (a/\\delta)^2} - 1\\right)', wrt: 'a', tags: ['scalar', 'function', 'quotient'],
    positive: ['delta'], mathjs: 'delta^2 * (sqrt(1 + (a / delta)^2) - 1)' },
  { name: 'Huber loss', source: 'Wikipedia, "Huber loss", definition',
    asWritten: 'L_\\delta(a) = \\begin{cases} \\frac{1}{2} a^2 & \\text{for } |a| \\le \\delta, \\\\ \\delta \\cdot \\left(|a| - \\frac{1}{2}\\delta\\right), & \\text{otherwise.} \\end{cases}',
    formulas: 'L = [|a| \\le \\delta] \\frac{1}{2} a^2 + [|a| > \\delta] \\delta \\left(|a| - \\frac{1}{2}\\delta\\right)', wrt: 'a',
    tags: ['scalar', 'iverson', 'function'], positive: ['delta'] },
  { name: 'softmax with a temperature', source: 'Hinton, Vinyals & Dean, "Distilling the Knowledge in a Neural Network", 2015, eq. 1',
    formulas: 'q_i = \\frac{\\exp(z_i/T)}{\\sum_j \\exp(z_j/T)}', wrt: 'z_k', tags: ['softmax', 'function', 'quotient'], positive: ['T'] },
  { name: 'layer normalisation', source: 'Ba, Kiros & Hinton, "Layer Normalization", 2016, eqs. 3 and 4',
    adapted: 'the layer superscript l of a_i^l, μ^l, σ^l is left out: a bare superscript is a power in Kronecker (write a^{[l]}_i for a layer index)',
    formulas: '\\mu = \\frac{1}{H}\\sum_{i=1}^{H} a_i; \\sigma = \\sqrt{\\frac{1}{H}\\sum_{i=1}^{H}(a_i - \\mu)^2}; h_i = \\frac{g_i}{\\sigma}(a_i - \\mu) + b_i',
    wrt: 'a_k', tags: ['definitions', 'symbolic-bounds', 'function'], sizes: { i: 3, k: 3, H: 3 } },
  { name: 'batch normalisation', source: 'Ioffe & Szegedy, "Batch Normalization", 2015, Algorithm 1 (← written =)',
    asWritten: '\\mu_\\mathcal{B} = \\frac{1}{m}\\sum_{i=1}^{m} x_i; \\sigma_\\mathcal{B}^2 = \\frac{1}{m}\\sum_{i=1}^{m} (x_i - \\mu_\\mathcal{B})^2; \\hat{x}_i = \\frac{x_i - \\mu_\\mathcal{B}}{\\sqrt{\\sigma_\\mathcal{B}^2 + \\epsilon}}; y_i = \\gamma \\hat{x}_i + \\beta',
    formulas: '\\mu = \\frac{1}{m}\\sum_{i=1}^{m} x_i; v = \\frac{1}{m}\\sum_{i=1}^{m}(x_i - \\mu)^2; \\hat{x}_i = \\frac{x_i - \\mu}{\\sqrt{v + \\epsilon}}; y_i = \\gamma \\hat{x}_i + \\beta',
    wrt: 'x_k', tags: ['definitions', 'symbolic-bounds', 'function'], sizes: { i: 3, k: 3, m: 3 }, positive: ['epsilon'] },
  { name: 'KL term of the variational autoencoder', source: 'Kingma & Welling, "Auto-Encoding Variational Bayes", 2014, Appendix B',
    adapted: 'the left side -D_{KL}(…) is left out: the right side is the quantity',
    formulas: '\\frac{1}{2}\\sum_{j=1}^{J}(1 + \\log((\\sigma_j)^2) - (\\mu_j)^2 - (\\sigma_j)^2)', wrt: '\\sigma_k',
    tags: ['symbolic-bounds', 'function', 'power'], positive: ['sigma'], sizes: { j: 3, k: 3, J: 3 } },
  { name: 'Dice coefficient', source: 'Milletari, Navab & Ahmadi, "V-Net", 2016, eq. 1',
    formulas: 'D = \\frac{2\\sum_i^N p_i g_i}{\\sum_i^N p_i^2 + \\sum_i^N g_i^2}', wrt: 'p_k', tags: ['quotient', 'symbolic-bounds'],
    sizes: { i: 3, k: 3, N: 3 } },
  { name: 'quantile (pinball) loss', source: 'Wikipedia, "Quantile regression", the check function ρ_τ(u) = u(τ − I(u < 0))',
    asWritten: '\\rho_\\tau(u) = u(\\tau - I(u < 0))', formulas: '\\rho = u (\\tau - [u < 0])', wrt: 'u', tags: ['scalar', 'iverson'] },
  { name: 'Charbonnier loss', source: 'Barron, "A General and Adaptive Robust Loss Function", CVPR 2019, eq. 1 at α = 1',
    asWritten: 'f(x, 1, c) = \\sqrt{(x/c)^2 + 1} - 1', formulas: '\\sqrt{(x/c)^2 + 1} - 1', wrt: 'x', tags: ['scalar', 'function', 'quotient'],
    positive: ['c'], mathjs: 'sqrt((x / c)^2 + 1) - 1' },
  { name: 'Cauchy loss', source: 'Barron, "A General and Adaptive Robust Loss Function", CVPR 2019, eq. 1 at α = 0',
    formulas: '\\log\\left(\\frac{1}{2}(x/c)^2 + 1\\right)', wrt: 'x', tags: ['scalar', 'function', 'quotient'], positive: ['c'],
    mathjs: 'log((x / c)^2 / 2 + 1)' },
  { name: 'Geman-McClure loss', source: 'Barron, "A General and Adaptive Robust Loss Function", CVPR 2019, eq. 1 at α = −2',
    formulas: '\\frac{2(x/c)^2}{(x/c)^2 + 4}', wrt: 'x', tags: ['scalar', 'quotient'], positive: ['c'], mathjs: '2 (x / c)^2 / ((x / c)^2 + 4)' },
  { name: 'swish activation', source: 'Ramachandran, Zoph & Le, "Searching for Activation Functions", 2017, eq. 1',
    formulas: 'f(x) = x \\cdot \\sigma(\\beta x)', wrt: 'x', tags: ['scalar', 'function'],
    mathjs: 'x / (1 + exp(-beta * x))' },
  { name: 'mish activation', source: 'Misra, "Mish: A Self Regularized Non-Monotonic Activation Function", 2019, eq. 1',
    formulas: 'f(x) = x \\tanh(\\operatorname{softplus}(x))', wrt: 'x',
    tags: ['scalar', 'function'], mathjs: 'x * tanh(log(1 + exp(x)))' },
  { name: 'skip-gram negative sampling', source: 'Mikolov et al., "Distributed Representations of Words and Phrases", 2013, eq. 4',
    asWritten: '\\log \\sigma({v\'_{w_O}}^\\top v_{w_I}) + \\sum_{i=1}^{k} \\mathbb{E}_{w_i \\sim P_n(w)} [\\log \\sigma(-{v\'_{w_i}}^\\top v_{w_I})]',
    formulas: '\\log \\sigma(\\sum_d u_d v_d) + \\sum_{i=1}^{k} \\log \\sigma(-\\sum_d n_{id} v_d)', wrt: 'v_e',
    tags: ['function', 'logistic', 'symbolic-bounds'], sizes: { d: 3, e: 3, i: 2, k: 2 } },
  { name: 'GloVe objective', source: 'Pennington, Socher & Manning, "GloVe", 2014, eq. 8',
    asWritten: 'J = \\sum_{i,j=1}^{V} f(X_{ij}) (w_i^T \\tilde{w}_j + b_i + \\tilde{b}_j - \\log X_{ij})^2',
    formulas: 'J = \\sum_{i=1}^{V} \\sum_{j=1}^{V} f_{ij} (\\sum_d w_{id} \\tilde{w}_{jd} + b_i + \\tilde{b}_j - \\log X_{ij})^2', wrt: 'w_{kc}',
    tags: ['double-sum', 'symbolic-bounds', 'l2'], sizes: { i: 2, j: 2, k: 2, V: 2, d: 2, c: 2 }, positive: ['X'],
    expected: '2 \\sum_{j=1}^{V} f_{kj} (\\sum_d w_{kd} \\tilde{w}_{jd} + b_k + \\tilde{b}_j - \\log X_{kj}) \\tilde{w}_{jc}' },
  { name: 'additive attention', source: 'Bahdanau, Cho & Bengio, "Neural Machine Translation by Jointly Learning to Align and Translate", 2015, eq. 6 and A.1.2',
    asWritten: 'e_{ij} = v_a^\\top \\tanh(W_a s_{i-1} + U_a h_j)',
    adapted: 'the previous decoder state s_{i-1} is p_i, an input of its own (s_0 would be out of the 1-based range)',
    formulas: 'e_{ij} = \\sum_k v_k \\tanh(\\sum_l W_{kl} p_{il} + \\sum_m U_{km} h_{jm}); \\alpha_{ij} = \\frac{\\exp(e_{ij})}{\\sum_{c} \\exp(e_{ic})}',
    wrt: 'W_{ab}', tags: ['definitions', 'softmax', 'function'], sizes: { i: 2, j: 2, c: 2, k: 2, a: 2, l: 2, b: 2, m: 2 } },
  { name: 'contrastive loss', source: 'Hadsell, Chopra & LeCun, "Dimensionality Reduction by Learning an Invariant Mapping", 2006, eq. 4',
    asWritten: 'L(W, Y, \\vec{X}_1, \\vec{X}_2) = (1-Y)\\frac{1}{2}(D_W)^2 + (Y)\\frac{1}{2}\\{\\max(0, m - D_W)\\}^2',
    formulas: 'L = (1-Y)\\frac{1}{2}(D_W)^2 + (Y)\\frac{1}{2}\\{\\max(0, m - D_W)\\}^2', wrt: 'D_W', tags: ['function', 'iverson'] },
  { name: 'focal loss', source: 'Lin et al., "Focal Loss for Dense Object Detection", 2017, eq. 5',
    asWritten: '\\mathrm{FL}(p_t) = -\\alpha_t (1 - p_t)^\\gamma \\log(p_t)', formulas: '-\\alpha_t (1 - p_t)^\\gamma \\log(p_t)', wrt: 'p_t',
    tags: ['function', 'power'], positive: ['p', 'gamma'] },
  { name: 'perceptron criterion', source: 'Bishop, Pattern Recognition and Machine Learning, eq. 4.54',
    asWritten: 'E_P(\\mathbf{w}) = -\\sum_{n \\in \\mathcal{M}} \\mathbf{w}^T \\phi_n t_n',
    formulas: 'E = -\\sum_n m_n \\sum_j w_j \\phi_{nj} t_n', wrt: 'w_k', tags: ['nested-sum'],
    adapted: 'the sum over the misclassified set \\mathcal{M} is a sum over all n with a 0/1 mask m_n' },
  // --- norms, inner products, softmax and trace (issue 9): index-form sums by one vector rule (src/parse/vectors.ts)
  // Bishop, PRML eq. 3.27: regularised least squares, ½ Σ_n {t_n − wᵀφ(x_n)}² + (λ/2) wᵀw; wᵀφ(x_n) in index form,
  // wᵀw written as the squared norm ‖w‖² (the weight decay of §3.1.4).
  { source: 'Bishop, Pattern Recognition and Machine Learning, eq. 3.27', adapted: 'wᵀφ(x_n) in index form, wᵀw as the squared norm', name: 'ridge / weight decay, \\frac{\\lambda}{2}\\|w\\|^2 (Bishop 3.27)',
    formulas: '\\frac{1}{2}\\sum_{n=1}^{N} \\{t_n - \\sum_j w_j \\phi_{nj}\\}^2 + \\frac{\\lambda}{2}\\|w\\|^2', wrt: 'w_k',
    tags: ['norm', 'l2', 'symbolic-bounds'], sizes: { n: 4, N: 4 },
    expected: '\\lambda w_k - \\sum_{n=1}^{N} \\left(t_n - \\sum_{j} w_j \\phi_{nj}\\right) \\phi_{nk}' },
  // Wikipedia, "Lasso (statistics)": min (1/N) ‖y − Xβ‖₂² + λ‖β‖₁. Xβ is a matrix product, which is not read (refused
  // inside a norm), so the residual is written in index form; the penalty as the source writes it.
  { source: 'Wikipedia, "Lasso (statistics)"', adapted: 'the residual y − Xβ (a matrix product) in index form', name: 'lasso, \\lambda \\|\\beta\\|_1 (Wikipedia, Lasso), residual in index form',
    formulas: '\\frac{1}{N} \\sum_n (y_n - \\sum_j x_{nj} \\beta_j)^2 + \\lambda \\|\\beta\\|_1', wrt: '\\beta_k',
    tags: ['norm', 'function'], positive: ['N'] },
  // Bishop, PRML eq. 9.1: the k-means distortion measure J = Σ_n Σ_k r_{nk} ‖x_n − μ_k‖².
  { source: 'Bishop, Pattern Recognition and Machine Learning, eq. 9.1', adapted: 'the bold type and the bounds of the sums left out', name: 'k-means distortion (Bishop 9.1)', formulas: 'J = \\sum_n \\sum_k r_{nk} \\|x_n - \\mu_k\\|^2', wrt: '\\mu_{lm}',
    tags: ['norm', 'double-sum'], expected: '-2 \\sum_{n} r_{nl} (x_{nm} - \\mu_{lm})' },
  // Wikipedia, "Cosine similarity": cos θ = A·B / (‖A‖ ‖B‖), the dot product written as an inner product.
  { source: 'Wikipedia, "Cosine similarity"', adapted: 'the dot product A·B written as an inner product', name: 'cosine similarity (Wikipedia, Cosine similarity)',
    formulas: '\\frac{\\langle \\mathbf{A}, \\mathbf{B} \\rangle}{\\|\\mathbf{A}\\| \\|\\mathbf{B}\\|}', wrt: '\\mathbf{A}_j',
    tags: ['norm', 'inner-product', 'quotient'] },
  // Goodfellow, Bengio, Courville, Deep Learning, §7.1.1: L² parameter regularisation of a weight matrix, (λ/2)‖W‖_F².
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §7.1.1', name: 'Frobenius weight decay \\|W\\|_F^2 (Deep Learning book, 7.1.1)',
    formulas: 'E = \\frac{1}{2}\\sum_k (t_k - \\sum_j W_{kj} x_j)^2 + \\frac{\\lambda}{2}\\|W\\|_F^2', wrt: 'W_{ab}',
    tags: ['norm', 'l2', 'double-sum'], expected: '\\lambda W_{ab} - \\left(t_a - \\sum_{j} W_{aj} x_j\\right) x_b' },
  // Vaswani et al. 2017, "Attention is all you need", eq. 1: softmax(QKᵀ/√d_k) V for one query q, in index form.
  { source: 'Vaswani et al., "Attention Is All You Need", 2017, eq. 1', adapted: 'one query, QKᵀ in index form', name: 'scaled dot-product attention, one query (Vaswani et al. 2017, eq. 1)',
    formulas: 's_j = \\frac{\\langle q, k_j \\rangle}{\\sqrt{d}}; o_l = \\sum_j \\operatorname{softmax}(s)_j v_{jl}', wrt: 'q_m',
    tags: ['inner-product', 'softmax', 'definitions'], positive: ['d'] },
  // Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3: the softmax output and the cross-entropy −Σ_k y_k log softmax(z)_k.
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §6.2.2.3', name: 'softmax cross-entropy, \\operatorname{softmax}(z)_k (Deep Learning book, 6.2.2.3)',
    formulas: '-\\sum_k y_k \\log \\operatorname{softmax}(z)_k', wrt: 'z_j', tags: ['softmax', 'cross-entropy'] },
  // Petersen & Pedersen, The Matrix Cookbook, eq. 100 (§2.5 "Derivatives of traces"): ∂Tr(X)/∂X = I.
  { source: 'Petersen & Pedersen, The Matrix Cookbook, eq. 100', name: 'trace, \\operatorname{Tr}(X) (The Matrix Cookbook, eq. 100)', formulas: '\\operatorname{Tr}(X)', wrt: 'X_{kl}',
    tags: ['trace', 'diagonal'], expected: '\\delta_{kl}' },
  // Wikipedia, "Entropy (information theory)": H = −Σ_i p_i log_b p_i, a logarithm to the base b (change of base).
  { source: 'Wikipedia, "Entropy (information theory)"', name: 'entropy to base b, \\log_b (Wikipedia, Entropy)', formulas: 'H = -\\sum_i p_i \\log_b p_i', wrt: 'p_j',
    tags: ['log-base', 'function'], positive: ['p', 'b'] },
  // Wikipedia, "Geometric mean": (Π_{i=1}^{n} x_i)^{1/n}, written with the n-th root.
  { source: 'Wikipedia, "Geometric mean"', name: 'geometric mean, \\sqrt[n]{\\cdot} (Wikipedia, Geometric mean)', formulas: '\\sqrt[n]{\\prod_{i=1}^{n} x_i}', wrt: 'x_j',
    tags: ['root', 'product', 'symbolic-bounds'], sizes: { i: 3, n: 3 }, positive: ['x'] },
  // --- max and min over an index (issue 9): `\max_j`, `\min_j`; at a tie the derivative goes to the first extreme term
  // Goodfellow, Bengio, Courville, Deep Learning, §9.3 "Pooling": max pooling reports the maximum output within a
  // neighbourhood; here pool unit i takes the maximum of the linear detector outputs of its window positions j.
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §9.3', adapted: 'the pooling described in words, written as a formula', name: 'max pooling of linear detector outputs (Deep Learning book, 9.3)',
    formulas: 'y_i = \\max_j \\sum_k w_k x_{ijk}; E = \\frac{1}{2} \\sum_i (y_i - t_i)^2', wrt: 'w_k',
    tags: ['max', 'definitions', 'nested-sum'] },
  // Wikipedia, "LogSumExp": the stable form LSE(z) = z* + log Σ_j exp(z_j − z*), z* = max_j z_j; its gradient is the softmax.
  { source: 'Wikipedia, "LogSumExp"', name: 'stable log-sum-exp, \\max_j z_j + \\log \\sum_j e^{z_j - \\max_k z_k} (Wikipedia, LogSumExp)',
    formulas: '\\max_j z_j + \\log \\sum_j e^{z_j - \\max_k z_k}', wrt: 'z_i', tags: ['max', 'log-sum-exp', 'softmax'] },
  // Wikipedia, "Hinge loss", multiclass (Weston and Watkins): ℓ = Σ_{y≠t} max(0, 1 + w_y·x − w_t·x), the scores in index form.
  { source: 'Wikipedia, "Hinge loss", multiclass (Weston and Watkins)', adapted: 'the scores w_y·x in index form', name: 'multiclass hinge loss, Weston–Watkins (Wikipedia, Hinge loss)',
    formulas: '\\sum_{y \\ne t} \\max(0, 1 + \\sum_i w_{yi} x_i - \\sum_i w_{ti} x_i)', wrt: 'w_{ab}',
    tags: ['max', 'condition', 'iverson', 'function'] },
  // Wikipedia, "Hinge loss", multiclass (Crammer and Singer): max(0, 1 + max_{y≠t} w_y·x − w_t·x). A condition under \max is
  // refused; Crammer and Singer (JMLR 2, 2001) write the same loss as max_r (M_r·x + 1 − δ_{y,r}) − M_y·x, read here.
  { source: 'Wikipedia, "Hinge loss", multiclass (Crammer and Singer)', adapted: 'the form of Crammer and Singer (JMLR 2001): a condition under \\max is refused', name: 'multiclass hinge loss, Crammer–Singer (Wikipedia, Hinge loss)',
    formulas: '\\max_r (\\sum_i m_{ri} x_i + 1 - \\delta_{ry}) - \\sum_i m_{yi} x_i', wrt: 'm_{ab}',
    tags: ['max', 'transposed'] },
  // Wikipedia, "Norm (mathematics)", maximum norm: ‖x‖_∞ = max_i |x_i|.
  { source: 'Wikipedia, "Norm (mathematics)", maximum norm', name: 'maximum norm, \\max_i |x_i| (Wikipedia, Norm)', formulas: '\\max_i |x_i|', wrt: 'x_k', tags: ['max', 'function'] },
  // Wikipedia, "k-means clustering": each observation goes to the nearest mean; its term of the objective is min_k (x - c_k)².
  { source: 'Wikipedia, "k-means clustering"', adapted: 'the term of one observation of the objective', name: 'distance to the nearest centre, \\min_k (x - c_k)^2 (Wikipedia, k-means clustering)',
    formulas: '\\min_k (x - c_k)^2', wrt: 'c_j', tags: ['max', 'power'] },
  // --- function definitions and word subscripts (issue 9): `J(\theta) = …` as the target, `f(2x)` a call, `D_{\mathrm{KL}}`
  // Andrew Ng, CS229 lecture notes, part I (least squares): J(θ) = ½ Σ_{i=1}^m (h_θ(x^{(i)}) − y^{(i)})², with
  // h_θ(x) = θ^T x written out in index form (a function with an index in its name, h_θ(x), is not read).
  { source: 'Ng, CS229 lecture notes, part I', adapted: 'h_θ(x) written out in index form', name: 'least-squares cost J(\\theta) as a function definition (CS229 part I)',
    formulas: 'J(\\theta) = \\frac{1}{2} \\sum_{i=1}^{m} (\\sum_j \\theta_j x^{(i)}_j - y^{(i)})^2', wrt: '\\theta_k',
    tags: ['function-definition', 'superscript-index', 'symbolic-bounds'], sizes: { i: 3, m: 3, j: 2 } },
  // CS229 lecture notes, part II (logistic regression): the log-likelihood ℓ(θ) = Σ_i y^{(i)} log h(x^{(i)}) + (1 − y^{(i)})
  // log(1 − h(x^{(i)})), h = σ(θ^T x); its derivative by θ_j is the entry j of ∇_θ ℓ(θ) (test/parse/fundefs.test.ts reads
  // the \nabla_\theta form as this entry).
  { source: 'Ng, CS229 lecture notes, part II', adapted: 'h(x^{(i)}) written out', name: 'logistic regression log-likelihood \\ell(\\theta), entry j of its gradient (CS229 part II)',
    formulas: 'h^{(i)} = \\sigma(\\sum_j \\theta_j x^{(i)}_j); \\ell(\\theta) = \\sum_{i=1}^{m} (y^{(i)} \\log h^{(i)} + (1 - y^{(i)}) \\log(1 - h^{(i)}))',
    wrt: '\\theta_k', tags: ['function-definition', 'logistic', 'superscript-index', 'definitions', 'symbolic-bounds'],
    sizes: { i: 3, m: 3, j: 2 } },
  // Wikipedia, "Kullback–Leibler divergence": D_KL(P ∥ Q) = Σ_i P(i) log(P(i)/Q(i)).
  { source: 'Wikipedia, "Kullback–Leibler divergence"', name: 'Kullback–Leibler divergence D_{\\mathrm{KL}}(P \\parallel Q) (Wikipedia)',
    formulas: 'D_{\\mathrm{KL}}(P \\parallel Q) = \\sum_i P_i \\log \\frac{P_i}{Q_i}', wrt: 'Q_j',
    tags: ['word-subscript', 'function'], positive: ['P', 'Q'], expected: '-\\frac{P_j}{Q_j}' },
  // Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3: softmax outputs and the cross-entropy, named L_CE as in
  // most course notes.
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §6.2.2.3', adapted: 'the loss named L_CE, as course notes name it', name: 'cross-entropy L_{\\text{CE}} of a softmax (Deep Learning book, 6.2.2.3)',
    formulas: '\\hat{y}_k = \\frac{e^{z_k}}{\\sum_c e^{z_c}}; L_{\\text{CE}} = -\\sum_k y_k \\log \\hat{y}_k', wrt: 'z_j',
    tags: ['word-subscript', 'softmax', 'cross-entropy', 'definitions'] },
  // Wikipedia, "Logistic function": σ(z) = 1/(1 + e^{−z}), a definition of the built-in's name; its derivative.
  { source: 'Wikipedia, "Logistic function"', name: 'the logistic function defined, \\sigma(z) = \\frac{1}{1+e^{-z}} (Wikipedia)',
    formulas: '\\sigma(z) = \\frac{1}{1+e^{-z}}', wrt: 'z', tags: ['function-definition', 'function', 'scalar'] },
  { name: 'a layer through the user\'s \\sigma: \\sigma(z) = \\frac{1}{1+e^{-z}}; E = \\sigma(w x)',
    formulas: '\\sigma(z) = \\frac{1}{1+e^{-z}}; E = \\sigma(w x)', wrt: 'w', tags: ['function-definition', 'function', 'definitions'] },
  // A call of a defined function at another argument (any calculus text's f(2x)).
  { name: 'f(x) = x^2; f(2x)', formulas: 'f(x) = x^2; f(2x)', wrt: 'x', tags: ['function-definition', 'scalar'], expected: '8 x' },
  { name: 'two parameters, called with the arguments swapped: L(w, b) = (w x + b - y)^2; E = L(b, w)',
    formulas: 'L(w, b) = (w x + b - y)^2; E = L(b, w)', wrt: 'w', tags: ['function-definition', 'scalar'], expected: '2 (b x + w - y)' },
  // Wikipedia, "Mean squared error": MSE = (1/n) Σ_{i=1}^n (Y_i − Ŷ_i)², here with a linear predictor Ŷ_i = w x_i + b.
  { source: 'Wikipedia, "Mean squared error"', adapted: 'with a linear predictor Ŷ_i = w x_i + b', name: 'mean squared error \\mathcal{L}_{\\mathrm{MSE}} of a linear predictor (Wikipedia, Mean squared error)',
    formulas: '\\hat{y}_i = w x_i + b; \\mathcal{L}_{\\mathrm{MSE}} = \\frac{1}{n} \\sum_{i=1}^{n} (y_i - \\hat{y}_i)^2', wrt: 'w',
    tags: ['word-subscript', 'definitions', 'symbolic-bounds', 'index-value'], sizes: { i: 3, n: 3 } },
  // --- index arithmetic (issue 9): an index adds and subtracts index variables, `x_{i+k}`, `g_{n-m}`
  // Goodfellow, Bengio, Courville, Deep Learning, §9.1, eqs. 9.4–9.6: the cross-correlation that
  // convolutional layers compute, S(i) = Σ_m I(i+m) K(m) in one dimension, with a squared-error loss.
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §9.1, eq. 9.4 (the cross-correlation of eq. 9.6 in one dimension)', adapted: 'a squared error on the output S_i', name: 'cross-correlation S_i = Σ_m I_{i+m} K_m, by the kernel (Deep Learning book, 9.1)',
    formulas: 'S_i = \\sum_m I_{i+m} K_m; E = \\frac{1}{2} \\sum_i (S_i - Y_i)^2', wrt: 'K_m',
    tags: ['index-arithmetic', 'definitions', 'nested-sum'], sizes: { i: 3, m: 2 }, expected: '\\sum_i (S_i - Y_i) I_{i+m}' },
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §9.1, eq. 9.4 (the cross-correlation of eq. 9.6 in one dimension)', adapted: 'a squared error on the output S_i', name: 'cross-correlation S_i = Σ_m I_{i+m} K_m, by the input (Deep Learning book, 9.1)',
    formulas: 'S_i = \\sum_m I_{i+m} K_m; E = \\frac{1}{2} \\sum_i (S_i - Y_i)^2', wrt: 'I_p',
    tags: ['index-arithmetic', 'definitions', 'iverson'], sizes: { i: 3, m: 2 } },
  // The same book, eq. 9.6: the 2-D cross-correlation S(i, j) = Σ_m Σ_n I(i+m, j+n) K(m, n).
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §9.1, eq. 9.6', adapted: 'a squared error on the output S_{i,j}; S(i, j) written S_{i,j}', name: '2-D cross-correlation S_{i,j} = Σ_m Σ_n I_{i+m,j+n} K_{m,n}, by the kernel (Deep Learning book, 9.1)',
    formulas: 'S_{i,j} = \\sum_m \\sum_n I_{i+m,j+n} K_{m,n}; E = \\frac{1}{2} \\sum_i \\sum_j (S_{i,j} - Y_{i,j})^2', wrt: 'K_{m,n}',
    tags: ['index-arithmetic', 'definitions', 'double-sum'], sizes: { i: 2, j: 3, m: 2, n: 2 },
    expected: '\\sum_i \\sum_j (S_{i,j} - Y_{i,j}) I_{i+m,j+n}' },
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §9.1, eq. 9.6', adapted: 'a squared error on the output S_{i,j}; S(i, j) written S_{i,j}', name: '2-D cross-correlation, by the input image (Deep Learning book, 9.1)',
    formulas: 'S_{i,j} = \\sum_m \\sum_n I_{i+m,j+n} K_{m,n}; E = \\frac{1}{2} \\sum_i \\sum_j (S_{i,j} - Y_{i,j})^2', wrt: 'I_{p,q}',
    tags: ['index-arithmetic', 'definitions', 'double-sum', 'iverson'], sizes: { i: 2, j: 3, m: 2, n: 2 } },
  // Wikipedia, "Convolution", discrete convolution (f ∗ g)[n] = Σ_m f[m] g[n − m]: for sequences that start at 1,
  // the terms with both indices in range are m = 1..n−1 (so g has one entry fewer than f: k ranges over 1..3).
  { source: 'Wikipedia, "Convolution", discrete convolution', adapted: 'the infinite sum over m truncated to sequences that start at 1, under a squared error', name: 'discrete convolution Σ_m f_m g_{n-m}, by g (Wikipedia, Convolution)',
    formulas: 'c_n = \\sum_{m=1}^{n-1} f_m g_{n-m}; E = \\frac{1}{2} \\sum_n (c_n - y_n)^2', wrt: 'g_k',
    tags: ['index-arithmetic', 'definitions', 'symbolic-bounds', 'iverson'], sizes: { n: 4, m: 4, k: 3 } },
  { source: 'Wikipedia, "Convolution", discrete convolution', adapted: 'the infinite sum over m truncated to sequences that start at 1, under a squared error', name: 'discrete convolution Σ_m f_m g_{n-m}, by f (Wikipedia, Convolution)',
    formulas: 'c_n = \\sum_{m=1}^{n-1} f_m g_{n-m}; E = \\frac{1}{2} \\sum_n (c_n - y_n)^2', wrt: 'f_k',
    tags: ['index-arithmetic', 'definitions', 'symbolic-bounds', 'iverson'], sizes: { n: 4, m: 4 } },
  // Goodfellow, Bengio, Courville, Deep Learning, §10.2, eqs. 10.8–10.9: h^{(t)} = tanh(W h^{(t-1)} + U x^{(t)}), the
  // state vector as h_{t,j} and the previous one as h_{t-1,k}, fitted to observed states (teacher forcing, §10.2.1).
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §10.2, eqs. 10.8–10.9', adapted: 'the matrix products in index form, fitted to observed states', name: 'recurrent step with h_{t-1,k}, by W (Deep Learning book, 10.2)',
    formulas: 'L = \\sum_{t=2}^{n} \\sum_j (h_{t,j} - \\tanh(\\sum_k W_{jk} h_{t-1,k} + \\sum_i U_{ji} x_{t,i}))^2', wrt: 'W_{jk}',
    tags: ['index-arithmetic', 'shifted', 'function', 'symbolic-bounds'], sizes: { t: 4, n: 4, j: 2, k: 2, i: 2 } },
  // Issue 10, exp forms that are a named function (src/simplify/rules/named.ts): the derivative of
  // log(1 + e^u) is σ(u) u', as the textbooks print it.
  { source: 'Goodfellow, Bengio & Courville, Deep Learning, §3.10: softplus ζ(x) = log(1 + exp(x)), dζ/dx = σ(x)', name: 'a sum of softplus terms written out, by w_j',
    formulas: '\\sum_j \\log(1 + e^{w_j x_j})', wrt: 'w_j', tags: ['function'], expected: '\\sigma(w_j x_j) x_j' },
  { source: 'Wikipedia, "Loss functions for classification", logistic loss log(1 + e^{−y f(x)}) for labels y = ±1', name: 'logistic loss with labels ±1, by w_k',
    formulas: '\\sum_i \\log(1 + \\exp(-y_i \\sum_j w_j x_{ij}))', wrt: 'w_k', tags: ['function', 'logistic'],
    expected: '-\\sum_i \\sigma(-y_i \\sum_j w_j x_{ij}) y_i x_{ik}' },
  // Issue 10, Ranges: bounds 1..N over an index that addresses a slot declare its range (docs/notation.md, "Ranges").
  { source: 'Bishop, Pattern Recognition and Machine Learning, eq. 1.2, the sum-of-squares error', adapted: 'predictions p_n in place of y(x_n, w), targets y_n',
    name: 'sum-of-squares error over 1..N, by one prediction', formulas: '\\frac{1}{2}\\sum_{n=1}^{N}(p_n - y_n)^2', wrt: 'p_n',
    tags: ['symbolic-bounds'], expected: 'p_n - y_n' },
  // Issue 10, powers and roots (src/simplify/rules/powers.ts): (2σ²)² = 4σ⁴ lets the quotient cancel to 1/σ³.
  { source: 'Bishop, Pattern Recognition and Machine Learning, §1.2.4, eq. 1.54', adapted: 'the two log terms of eq. 1.54 written as one, -N/2 log(2πσ²); by σ rather than σ²',
    name: 'Gaussian log-likelihood, by σ (Bishop, PRML 1.2.4)',
    formulas: 'L = -\\frac{N}{2}\\log(2\\pi\\sigma^2) - \\frac{\\sum_n (x_n - \\mu)^2}{2\\sigma^2}', wrt: '\\sigma',
    tags: ['scalar', 'quotient', 'power', 'function'], sizes: { n: 3 }, positive: ['sigma', 'pi'],
    expected: '\\frac{\\sum_n (x_n - \\mu)^2}{\\sigma^3} - \\frac{N}{\\sigma}' },
];
