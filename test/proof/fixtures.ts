// A hand-made proof modelled on the seed: ∂(Σ_j w_{jk} o_j)/∂w_{jk} = o_j, with
// the bound j renamed first, as a correct engine must.

import { delta, diff, type Expr, ivar, mul, num, sum, variable } from '../../src/core/ast.js';
import { replaceSubterm } from '../../src/core/replace.js';
import type { Proof } from '../../src/proof/index.js';
import type { RuleId, Step } from '../../src/core/steps.js';

const j = ivar('j');
const k = ivar('k');
const jp = ivar("j'");
export const w = variable('w', [j, k]);
const wp = variable('w', [jp, k]);
export const o = variable('o', [j]);
const op = variable('o', [jp]);

/** Steps from a list of (rule, focus, replacement, params), each rewriting every occurrence of its focus. */
export function chain(start: Expr, moves: readonly [RuleId, Expr, Expr, Record<string, string>?][]): Step[] {
  const steps: Step[] = [];
  let before = start;
  for (const [rule, focus, replacement, params] of moves) {
    const after = replaceSubterm(before, focus, replacement);
    if (after === before) throw new Error(`fixture: ${rule} focus not found`);
    steps.push({ rule, before, after, focus, replacement, params: params ?? {} });
    before = after;
  }
  return steps;
}

export const e0 = diff(sum('j', mul([w, o])), w, 'fraction');
const e1 = diff(sum("j'", mul([wp, op])), w, 'fraction');
const inner = diff(mul([wp, op]), w, 'fraction');
const dw = diff(wp, w, 'fraction');
const deltas = mul([delta(jp, j), delta(k, k)]);

export const seedSteps: Step[] = chain(e0, [
  ['index.rename-bound', e0, e1, { from: 'j', to: "j'" }],
  ['diff.sum-interchange', e1, sum("j'", inner), { index: "j'" }],
  ['diff.const-multiple', inner, mul([op, dw])],
  ['diff.indexed-var', dw, deltas],
  ['alg.flatten-product', mul([op, deltas]), mul([op, delta(jp, j), delta(k, k)])],
  ['delta.eval', delta(k, k), num(1)],
  ['alg.mul-one', mul([op, delta(jp, j), num(1)]), mul([op, delta(jp, j)])],
  ['sum.delta-collapse', sum("j'", mul([op, delta(jp, j)])), o],
]);

export const seedProof: Proof = { goal: e0, steps: seedSteps, result: o };
