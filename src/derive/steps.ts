// The step driver: rewrites the running whole expression one rule application
// at a time and records each rewrite for the proof.
//
// Order: the leftmost-outermost `∂` node whose body holds no other `∂` (an
// inner derivative must be evaluated before the outer one can be rewritten).
// A rewrite replaces every occurrence of that node at once: nodes are
// hash-consed, so equal occurrences are one node, and the rules do not look at
// the context (a fresh bound name only has to avoid the names of the sum and
// of the variable), so this is one equality-preserving rewrite.

import { children, type Diff, type Expr } from '../core/ast.js';
import { replaceSubterm } from '../core/replace.js';
import type { Step } from '../core/steps.js';
import { applyWhole, containsDiff } from './fast.js';
import type { DeriveContext } from './rules.js';

/** The next `∂` node to rewrite, or null when `e` holds none. */
export function nextDiff(e: Expr): Diff | null {
  if (!containsDiff(e)) return null;
  if (e.kind === 'diff' && !containsDiff(e.body)) return e;
  for (const c of children(e)) {
    const found = nextDiff(c);
    if (found !== null) return found;
  }
  return null;
}

/** Evaluate every `∂` node of `start` step by step; returns the final expression and the steps. */
export function evaluateDiffsWithSteps(start: Expr, ctx: DeriveContext): { result: Expr; steps: Step[] } {
  const steps: Step[] = [];
  let current = start;
  for (let d = nextDiff(current); d !== null; d = nextDiff(current)) {
    const { rule, result, params } = applyWhole(d, ctx);
    const after = replaceSubterm(current, d, result, { mayContain: containsDiff });
    steps.push({ rule, before: current, after, focus: d, replacement: result, params });
    current = after;
  }
  return { result: current, steps };
}
