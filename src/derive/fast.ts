// The fast driver: applies the rules recursively, memoised by `∂` node id.
// Nodes are hash-consed, so a sub-derivative met twice (σ' = σ(1-σ) repeats
// σ(u)) is computed once and shared: the derivative of a 40-deep σ(σ(…σ(x)))
// has a DAG linear in the depth.

import { children, diff, type Diff, type Expr, mapChildren, type Var } from '../core/ast.js';
import { simplify } from '../simplify/index.js';
import { applyRule, type DeriveContext, makeContext, type RuleApplication } from './rules.js';

const memoHasDiff = new WeakMap<Expr, boolean>();

/** Whether `e` contains a derivative node. */
export function containsDiff(e: Expr): boolean {
  const found = memoHasDiff.get(e);
  if (found !== undefined) return found;
  const out = e.kind === 'diff' || children(e).some(containsDiff);
  memoHasDiff.set(e, out);
  return out;
}

/** ∂expr/∂wrt, unsimplified. */
export function differentiate(expr: Expr, wrt: Var, ctx: DeriveContext = makeContext()): Expr {
  return evaluateDiffs(diff(expr, wrt), ctx);
}

/** `e` with every derivative node replaced by its (unsimplified) value. */
export function evaluateDiffs(e: Expr, ctx: DeriveContext): Expr {
  if (!containsDiff(e)) return e;
  if (e.kind === 'diff') {
    // An inner derivative is evaluated first: the rules need a body free of ∂.
    return derivativeOf(containsDiff(e.body) ? diff(evaluateDiffs(e.body, ctx), e.wrt) : e, ctx);
  }
  return mapChildren(e, (c) => evaluateDiffs(c, ctx));
}

function derivativeOf(d: Diff, ctx: DeriveContext): Expr {
  const found = ctx.memo.get(d.id);
  if (found !== undefined) return found;
  const out = evaluateDiffs(applyWhole(d, ctx).result, ctx);
  ctx.memo.set(d.id, out);
  return out;
}

/**
 * `applyRule`, and for a rule whose result is whole (a lemma quoted whole, `RuleApplication.whole`)
 * its derivatives evaluated and the result simplified: what both drivers apply, so they agree.
 */
export function applyWhole(d: Diff, ctx: DeriveContext): RuleApplication {
  const app = applyRule(d, ctx);
  return app.whole === true ? { ...app, result: simplify(evaluateDiffs(app.result, ctx)).result } : app;
}
