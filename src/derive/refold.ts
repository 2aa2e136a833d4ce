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
//
// With `fold` (`DeriveOptions.fold`), `foldDefinitions` then writes every
// instance of a body left in the result as its name.

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
  const seen = new Set<number>();
  const visit = (x: Expr): void => {
    // A shared subterm (hash-consed) is looked at once.
    if (seen.has(x.id)) return;
    seen.add(x.id);
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

    const back = foldBack(simplified.result, def, options);
    steps.push(...unfoldSteps, ...simplified.steps, ...back.steps);
    current = back.result;
  }
  return { result: current, steps: options.steps === true ? steps : [] };
}

/**
 * Every instance of `def`'s body in `e` written as the name: the body in the simplifier's form,
 * as it appears in a simplified result; one 'def.fold' step per distinct instance.
 */
function foldBack(e: Expr, def: Definition, options: SimplifyOptions): { result: Expr; steps: Step[] } {
  const pattern = { ...def, body: simplify(def.body, { ...options, steps: false }).result };
  let folded = e;
  const steps: Step[] = [];
  for (const instance of instancesOf(folded, pattern)) {
    const name = instanceOf(pattern, instance)!;
    const next = replaceSubterm(folded, instance, name);
    steps.push({ rule: 'def.fold', before: folded, after: next, focus: instance, replacement: name, params: { name: def.name } });
    folded = next;
  }
  return { result: folded, steps };
}

/** A body that is a number or a bare name: writing every such occurrence as the name would rename, not fold. */
const atomic = (e: Expr) => e.kind === 'num' || e.kind === 'var' || e.kind === 'index' || e.kind === 'extent';

/**
 * `DeriveOptions.fold`: every instance of a definition's body left in `result` written with the
 * defined name (`σ(Σ_j w_{jk} o_j)` → `o_k`, so `σ(u)(1 - σ(u))` → `o_k(1 - o_k)`, `1 - \tanh^2 u`
 * → `1 - h^2`), then simplified again (`p_k p_k` → `p_k^2`), until nothing more folds. Earlier
 * definitions first: a later body is written in the earlier names (`σ(Σ_j w_{jk} h_j)` holds `h_j`
 * only once `σ(Σ_i v_{ij} x_i)` is folded). Each fold is the definition read right to left, so
 * the value is unchanged.
 */
export function foldDefinitions(
  result: Expr, definitions: readonly Definition[], options: SimplifyOptions,
): { result: Expr; steps: Step[] } {
  let current = result;
  const steps: Step[] = [];
  const foldable = definitions.filter((d) => !atomic(d.body));
  for (let round = 0; round <= foldable.length; round++) {
    const before = current;
    for (const def of foldable) {
      const back = foldBack(current, def, options);
      steps.push(...back.steps);
      current = back.result;
    }
    if (current === before) break;
    const tidied = simplify(current, options);
    steps.push(...tidied.steps);
    current = tidied.result;
  }
  return { result: current, steps: options.steps === true ? steps : [] };
}
