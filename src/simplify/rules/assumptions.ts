// User assumptions: an equation `lhs = rhs` (`\sum_k t_k = 1`) rewrites any
// subterm that matches `lhs` into `rhs`. Matching is up to α-equivalence and
// commutativity (both sides are compared in canonical form), and the free
// indices of `lhs` are pattern variables: `\sum_j w_{jk} = 1` also rewrites
// `\sum_i w_{im}` into 1.

import { equation, type Expr } from '../../core/ast.js';
import { freeIndices } from '../../core/indices.js';
import { match, substitute } from '../../core/match.js';
import type { StepExprs } from '../../core/steps.js';
import { canonical } from '../canonical.js';
import type { Rule, RuleContext } from '../engine.js';

/** The first assumption whose left side `e` is an instance of, and what `e` becomes by it. */
function firstUse(e: Expr, ctx: RuleContext): { lhs: Expr; rhs: Expr; result: Expr } | null {
  let target: Expr | null = null;
  for (const { lhs, rhs } of ctx.assumptions) {
    if (lhs.kind !== e.kind) continue;
    target ??= canonical(e);
    const b = match(canonical(lhs), target, freeIndices(lhs));
    if (b !== null) return { lhs, rhs, result: substitute(rhs, b) };
  }
  return null;
}

/** A rule that uses the context's assumptions; prepared once per assumption list by the caller. */
export const assumptionRule: Rule = {
  id: 'alg.assumption',
  kinds: ['num', 'var', 'add', 'neg', 'mul', 'div', 'pow', 'call', 'reduce', 'delta', 'rel', 'iverson', 'extent', 'index'],
  apply(e, ctx) {
    return ctx.assumptions.length === 0 ? null : firstUse(e, ctx)?.result ?? null;
  },
  explain(e, ctx): StepExprs {
    const use = firstUse(e, ctx);
    return use === null ? {} : { assumption: equation(use.lhs, use.rhs) };
  },
};
