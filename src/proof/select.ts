// Which steps a proof shows: the step records split into chains, the rows
// chosen at a detail level, and the goal's left side. Shared by the renderers
// (render.ts) and the numeric step checker (check.ts), which must agree on
// what a chain is without the checker depending on how a proof is printed.

import { type Expr, isEquation } from '../core/ast.js';
import type { Step } from '../core/steps.js';
import { printExpr } from './fill.js';
import { changedRegion, subtermAt } from './locate.js';
import { type Detail, shownAt } from './texts.js';

export interface Proof {
  /** What is derived: the left side (`∂E/∂w_{jk}`), or an equation whose left side it is. */
  readonly goal: Expr;
  readonly steps: readonly Step[];
  readonly result: Expr;
}

/** A step as shown: the hidden steps after it (for the first row of a chain, also those before it) are folded in. */
export interface ShownStep extends Step {
  /** The step whose rule and text this row shows. */
  readonly own: Step;
  /** The hidden steps merged into this row, in order. */
  readonly folded: readonly Step[];
}

/**
 * Split steps into chains: maximal runs in which each step starts where the
 * previous one ended. A proof is usually one chain; a sub-derivation that is
 * later substituted back (`subst.back`) is a chain of its own before the main one.
 */
export function chains<T extends Step>(steps: readonly T[]): T[][] {
  const out: T[][] = [];
  for (const s of steps) {
    const current = out[out.length - 1];
    if (current !== undefined && current[current.length - 1]!.after === s.before) current.push(s);
    else out.push([s]);
  }
  return out;
}

/**
 * The steps shown at `detail`. A hidden step's rewrite is folded into the
 * shown step before it in its chain (hidden steps before the first shown one,
 * into that one): a shown row is its step's result tidied up (`δ_{kk} = 1`
 * with the `x·1 = x` that follows), and consecutive rows are still equal
 * expressions. The merged row's focus is the smallest region where its
 * `before` and `after` differ. A chain with no shown step keeps one row for all of it.
 */
export function selectSteps(steps: readonly Step[], detail: Detail): ShownStep[] {
  const parts = chains(steps);
  return parts.flatMap((c, i) => selectInChain(i === parts.length - 1 ? withoutInvisibleEnd(c) : c, detail));
}

/**
 * The main chain without the invisible steps it ends with: they would only
 * widen the last row's focus (a restructuring that prints the same, such as
 * `-(2x)` → `(-2)x`, touches the whole expression). The result still prints as
 * the last row. A sub-derivation keeps them: a later step uses its exact end.
 */
function withoutInvisibleEnd(steps: readonly Step[]): readonly Step[] {
  let n = steps.length;
  while (n > 1 && !visible(steps[n - 1]!)) n--;
  return steps.slice(0, n);
}

function selectInChain(steps: readonly Step[], detail: Detail): ShownStep[] {
  const shown = steps.flatMap((s, i) => (shownAt(s.rule, detail) && visible(s) ? [i] : []));
  if (shown.length === 0) return [merge(steps[0]!, [], steps.slice(1))];
  // Each shown step takes the hidden ones up to the next shown step; the first also those before it.
  return shown.map((i, n) => merge(steps[i]!, n === 0 ? steps.slice(0, i) : [], steps.slice(i + 1, shown[n + 1] ?? steps.length)));
}

/**
 * Whether a step changes what the reader sees. A rewrite of the tree that
 * prints the same (`-(2x)` → `(-2)x`, both `-2x`) would be a row equal to the
 * one above it; it is folded like a hidden step, at every detail level.
 */
export function visible(s: Step): boolean {
  return printExpr(s.before, 'latex') !== printExpr(s.after, 'latex');
}

function merge(own: Step, before: readonly Step[], after: readonly Step[]): ShownStep {
  const folded = [...before, ...after];
  if (folded.length === 0) return { ...own, own, folded };
  const first = before[0] ?? own;
  const last = after[after.length - 1] ?? own;
  const region = changedRegion(first.before, last.after) ?? [];
  return {
    rule: own.rule, params: own.params, own, folded,
    before: first.before, after: last.after,
    focus: subtermAt(first.before, region), replacement: subtermAt(last.after, region),
  };
}

export function lhsOf(goal: Expr): Expr {
  return isEquation(goal) ? goal.args[0]! : goal;
}

/** Whether `e` is the equation `lhs = rhs` for the given left side. */
export function equationOf(e: Expr, lhs: Expr): boolean {
  return isEquation(e) && e.args[0] === lhs;
}
