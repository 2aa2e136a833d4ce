// Max and min over an index (`\max_j`, `\min_j`): rules that hold for them only, each testing
// the operator, so Σ's rules never fire on a max and these never on a sum.
//
// Over an empty range max is -∞ and min +∞ (src/core/reductions.ts), so a rule that drops the
// reduction needs a range that is certainly not empty; where that is not known the reduction
// stays as written (there is no -∞ to put in a bracket's other branch).

import { type Expr, inum, isReduction, type Reduce } from '../../core/ast.js';
import { freeIndices } from '../../core/indices.js';
import type { ReduceOp } from '../../core/reductions.js';
import type { RuleId } from '../../core/steps.js';
import type { Rule, RuleContext } from '../engine.js';
import { decide, indexExpr } from '../ranges.js';

/**
 * Whether the range certainly has a value: every declared range does (a size is at least 1,
 * src/values.ts); a bounded one when its bounds prove lower ≤ upper.
 */
function nonEmpty(r: Reduce, ctx: RuleContext): boolean {
  if (r.lower === null && r.upper === null) return true;
  if (r.upper === null) return false;
  return decide('<=', indexExpr(r.lower ?? inum(1)), indexExpr(r.upper), ctx.sizes) === true;
}

/** max_j c = c (and min) for c free of j, over a range that is not empty. */
function constant(id: RuleId, op: ReduceOp): Rule {
  return {
    id, kinds: ['reduce'],
    apply(e: Expr, ctx) {
      if (!isReduction(e, op) || freeIndices(e.body).has(e.index) || !nonEmpty(e, ctx)) return null;
      return e.body;
    },
  };
}

export const EXTREME_RULES: readonly Rule[] = [constant('max.const', 'max'), constant('min.const', 'min')];
