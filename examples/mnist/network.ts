// Rashid's network, written once in LaTeX, derived and compiled by Kronecker.
//
//   o_j = σ(Σ_i w_{ij} o_i)    hidden layer (o_i: the 784 pixels)
//   o_k = σ(Σ_j w_{jk} o_j)    output layer (the seed's formula)
//   E   = Σ_k (t_k - o_k)^2    squared error against the target t
//
// The declared ranges (i: inputs, j: hidden, k: outputs) tell the two w's and the three o's apart:
// the compiled kernel's inputs are `o_i`, `w_{ij}`, `w_{jk}` and `t`. One kernel computes the
// outputs o_k (to classify), E, ∂E/∂w_{jk} and ∂E/∂w_{ij}: nothing here is a hand-written
// gradient. With a batch, o_i and t get a leading batch index b (`o_{bi}`, `t_{bk}`, the library's
// `withBatch`, as `kronecker compile --batch "b: o_i, t"`): outputs o_{bk}, losses E_b and the
// gradients of the batch's summed loss, Σ_b ∂E_b/∂w.

import { compileAll, type CompiledAll, withBatch } from '../../src/compile/index.js';
import { add, type Expr, mul, neg, type Var, variable } from '../../src/core/ast.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';

export const NETWORK = String.raw`o_j = \sigma(\sum_i w_{ij} o_i); o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;

export interface Sizes {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
}

/** The formulas, unfolded: the outputs o_k, the loss E, ∂E/∂w_{jk}, ∂E/∂w_{ij}; and the weights as variables. */
export interface Formulas {
  readonly output: Expr;
  readonly loss: Expr;
  readonly gradOutput: Expr;
  readonly gradHidden: Expr;
  readonly w2: Var;
  readonly w1: Var;
}

export function deriveNetwork(sizes: Sizes): Formulas {
  const declared = { i: sizes.inputs, j: sizes.hidden, k: sizes.outputs };
  const r = resolveDefinitions(parseFormulas(NETWORK), [parse('w_{jk}'), parse('w_{ij}'), parse('o_k')], { sizes: declared });
  const unfold = (e: Expr) => unfoldAll(e, r.definitions);
  const gradient = (wrt: Var) => unfold(derive(r.target, wrt, { definitions: r.definitions, sizes: declared }).result);
  return {
    output: unfold(r.extra[2]!),
    loss: unfold(r.target),
    gradOutput: gradient(r.extra[0] as Var),
    gradHidden: gradient(r.extra[1] as Var),
    w2: r.extra[0] as Var,
    w1: r.extra[1] as Var,
  };
}

/** Input keys of the compiled kernels (`eta`: the step size of `compileStep`). */
export const KEYS = { x: 'o_i', w1: 'w_{ij}', w2: 'w_{jk}', t: 't', eta: 'eta' } as const;

/**
 * One kernel for [o_k, E, ∂E/∂w_{jk}, ∂E/∂w_{ij}]; with `batch`, over a batch index b:
 * [o_{bk} (b, k), E_b (b), Σ_b ∂E_b/∂w_{jk}, Σ_b ∂E_b/∂w_{ij}].
 */
export function compileNetwork(f: Formulas, batch: boolean): CompiledAll {
  if (!batch) return compileAll([f.output, f.loss, f.gradOutput, f.gradHidden], { free: [['k'], [], ['j', 'k'], ['i', 'j']] });
  const b = { index: 'b', inputs: [KEYS.x, KEYS.t] };
  return compileAll([
    withBatch(f.output, { index: 'b', inputs: [KEYS.x] }, false), // o_k does not read t
    withBatch(f.loss, b, false),
    withBatch(f.gradOutput, b, true),
    withBatch(f.gradHidden, b, true),
  ], { free: [['b', 'k'], ['b'], ['j', 'k'], ['i', 'j']] });
}

/**
 * One SGD step as formulas: [o_k, E, w_{jk} − η ∂E/∂w_{jk}, w_{ij} − η ∂E/∂w_{ij}], the
 * derived gradients inside (with `batch`, over b: [o_{bk}, E_b, w − η Σ_b ∂E_b/∂w]). The kernel
 * writes the new weights, each as it forms its gradient entry, instead of the gradient and a
 * second loop over the weights. It reads the old weights while writing, so the new ones go to
 * other arrays (./train.ts alternates two sets).
 */
export function compileStep(f: Formulas, batch: boolean): CompiledAll {
  const eta = variable(KEYS.eta);
  const step = (w: Var, g: Expr) => add([w, neg(mul([eta, g]))]);
  if (!batch) {
    return compileAll([f.output, f.loss, step(f.w2, f.gradOutput), step(f.w1, f.gradHidden)], { free: [['k'], [], ['j', 'k'], ['i', 'j']] });
  }
  const b = { index: 'b', inputs: [KEYS.x, KEYS.t] };
  return compileAll([
    withBatch(f.output, { index: 'b', inputs: [KEYS.x] }, false),
    withBatch(f.loss, b, false),
    step(f.w2, withBatch(f.gradOutput, b, true)),
    step(f.w1, withBatch(f.gradHidden, b, true)),
  ], { free: [['b', 'k'], ['b'], ['j', 'k'], ['i', 'j']] });
}
