// Unfolding a defined name where that lets terms cancel, then folding it back.
//
// A derivative keeps defined names folded where they are not differentiated:
// the seed's `(t_k - o_k)` stays. Sometimes a folded name hides a
// cancellation: for softmax with cross-entropy the derivative holds
// `t_k e^{z_k} / y_k` with `y_k = e^{z_k} / Σ_i e^{z_i}`, which only cancels
// once `y_k` is unfolded. So, per definition left in the result: unfold it,
// simplify, and keep that only if it is strictly smaller (tree size) than
// before; then write the instances of the definition's body as the name again
// (`e^{z_j} / Σ_i e^{z_i}` → `y_j`). The seed's `o_k` does not pass the test
// (unfolding it only grows the result), so expression two is unchanged.

import { children, type Expr, treeSize } from '../core/ast.js';
import { replaceSubterm } from '../core/replace.js';
import { type Definition, instantiate } from '../definitions.js';
import { sameName } from '../core/names.js';
import type { Step } from '../core/steps.js';
import { simplify, type SimplifyOptions } from '../simplify/index.js';
import { instanceOf } from '../simplify/fold.js';

/** The distinct variable nodes of `e` that name `def`. */
function occurrencesOf(e: Expr, def: Definition): Expr[] {
  const found = new Map<number, Expr>();
  const visit = (x: Expr): void => {
    if (x.kind === 'var' && sameName(x, def)) found.set(x.id, x);
    children(x).forEach(visit);
  };
  visit(e);
  return [...found.values()];
}

/** The distinct subterms of `e` that are instances of `def`'s body, outermost first. */
function instancesOf(e: Expr, def: Definition): Expr[] {
  const found = new Map<number, Expr>();
  const visit = (x: Expr): void => {
    if (instanceOf(def, x) !== null) found.set(x.id, x);
    else children(x).forEach(visit);
  };
  visit(e);
  return [...found.values()];
}

export function unfoldWhereSimpler(
  result: Expr, definitions: readonly Definition[], options: SimplifyOptions,
): { result: Expr; steps: Step[] } {
  let current = result;
  const steps: Step[] = [];
  // Later definitions first: they are built from the earlier ones.
  for (const def of [...definitions].reverse()) {
    const uses = occurrencesOf(current, def);
    if (uses.length === 0) continue;
    const unfoldSteps: Step[] = [];
    let unfolded = current;
    for (const use of uses) {
      const body = instantiate(def, (use as Expr & { kind: 'var' }).indices);
      const next = replaceSubterm(unfolded, use, body);
      unfoldSteps.push({ rule: 'def.unfold', before: unfolded, after: next, focus: use, replacement: body, params: { name: def.name } });
      unfolded = next;
    }
    const simplified = simplify(unfolded, options);
    if (treeSize(simplified.result) >= treeSize(current)) continue;

    // Fold back with the body in the simplifier's form, as it appears in the result.
    const pattern = { ...def, body: simplify(def.body, { ...options, steps: false }).result };
    let folded = simplified.result;
    const foldSteps: Step[] = [];
    for (const instance of instancesOf(folded, pattern)) {
      const name = instanceOf(pattern, instance)!;
      const next = replaceSubterm(folded, instance, name);
      foldSteps.push({ rule: 'def.fold', before: folded, after: next, focus: instance, replacement: name, params: { name: def.name } });
      folded = next;
    }
    steps.push(...unfoldSteps, ...simplified.steps, ...foldSteps);
    current = folded;
  }
  return { result: current, steps: options.steps === true ? steps : [] };
}
