// Derivations with their steps, as library calls: the CLI's `derive --steps`
// and `simplify --steps` are these plus a renderer from src/proof/; `--check` is checkProof.

import { type Expr, num, rel } from './core/ast.js';
import { inputsSatisfying, inputsUnderRoots } from './check.js';
import { type Definition, resolveDefinitions, unfoldAll } from './definitions.js';
import { derivativeOf, derive, differentiateBody, evaluateDerivatives } from './derive/index.js';
import { checkSteps, type Proof, type ProofCheck } from './proof/index.js';
import type { Step } from './core/steps.js';
import { simplify } from './simplify/index.js';

export interface ProveOptions {
  readonly definitions?: readonly Definition[];
  readonly assumptions?: readonly Expr[];
  readonly sizes?: Readonly<Record<string, number>>;
}

/** ∂target/∂wrt with every step: the goal is `∂target/∂wrt`, the result the simplified derivative. */
export function prove(target: Expr, wrt: string | Expr, options: ProveOptions = {}): Proof {
  const d = derive(target, wrt, { ...options, steps: true });
  return { goal: derivativeOf(target, d.wrt), steps: d.steps, result: d.result };
}

/**
 * A formula with its derivative operators evaluated and then simplified, side
 * by side; a left side that is a derivative (`∂E/∂w = …`) names the result and
 * stays. With `steps`, every rewrite is recorded on the whole formula.
 */
export function simplifyFormula(formula: Expr, options: ProveOptions & { steps?: boolean } = {}): { result: Expr; steps: Step[] } {
  const evaluated = evaluateDerivatives(formula, options);
  const steps = [...evaluated.steps];
  const e = evaluated.result;
  const simplifyOptions = { assumptions: options.assumptions, sizes: options.sizes, steps: options.steps, linked: [formula] };
  if (e.kind !== 'rel') {
    const s = simplify(e, simplifyOptions);
    return { result: s.result, steps: [...steps, ...s.steps] };
  }
  const sides = [...e.args];
  const keepLeft = sides[0]!.kind === 'diff';
  for (let i = keepLeft ? 1 : 0; i < sides.length; i++) {
    const s = simplify(sides[i]!, simplifyOptions);
    const wholeWith = (x: Expr) => rel(e.ops, sides.map((side, j) => (j === i ? x : side)));
    steps.push(...s.steps.map((step) => ({ ...step, before: wholeWith(step.before), after: wholeWith(step.after) })));
    sides[i] = s.result;
  }
  return { result: rel(e.ops, sides), steps };
}

/** The proof of `simplifyFormula`: from the formula as written to its simplified form. */
export function proveFormula(formula: Expr, options: ProveOptions = {}): Proof {
  const s = simplifyFormula(formula, { ...options, steps: true });
  return { goal: formula, steps: s.steps, result: s.result };
}

/** Every step checked numerically, with inputs positive under log/sqrt and satisfying the assumptions where possible. */
export function checkProof(proof: Proof, context: { definitions: readonly Definition[]; assumptions?: readonly Expr[] }): ProofCheck {
  // Random small sizes: declared ranges (784) would make checking every assignment slow.
  const positive = inputsUnderRoots(context.definitions.length === 0 ? proof.goal : unfoldAll(proof.goal, context.definitions));
  // Steps that use an assumption (Σ_k t_k = 1) hold only where it does: draw such inputs.
  const fixed = inputsSatisfying((context.assumptions ?? []).map((a) => unfoldAll(a, context.definitions)));
  return checkSteps(proof, { definitions: context.definitions, positive, values: fixed?.values, sizes: fixed?.sizes });
}

/** The formulas resolved after the `--where` definitions (which come first, `let*`). */
export function formulasInScope(where: readonly Expr[], formulas: readonly Expr[], sizes: Readonly<Record<string, number>> = {}): {
  definitions: Definition[]; assumptions: Expr[]; formulas: readonly Expr[];
} {
  if (where.length === 0) return { definitions: [], assumptions: [], formulas };
  // resolveDefinitions also picks a target to differentiate, which simplify has none of: a constant stands in for
  // it, so that a --where of assumptions only (`1 \le n \le N`) is not refused for having nothing to differentiate.
  const resolved = resolveDefinitions([...where, num(0)], formulas, { sizes: { ...sizes }, differentiate: differentiateBody });
  return { definitions: resolved.definitions, assumptions: resolved.assumptions, formulas: resolved.extra };
}
