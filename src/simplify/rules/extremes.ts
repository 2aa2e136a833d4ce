// Max and min over an index (`\max_j`, `\min_j`): rules that hold for them only, each testing
// the operator, so Σ's rules never fire on a max and these never on a sum.
//
// Over an empty range max is -∞ and min +∞ (src/core/reductions.ts), so a rule that drops the
// reduction needs a range that is certainly not empty; where that is not known the reduction
// stays as written (there is no -∞ to put in a bracket's other branch).

import { add, type Expr, inum, isReduction, type Reduce, reduce } from '../../core/ast.js';
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
  return decide('<=', indexExpr(r.lower ?? inum(1)), indexExpr(r.upper), ctx) === true;
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

/**
 * max_j (c + f_j) = c + max_j f_j (and min) for the terms c free of j. Exact over any range
 * (c + (-∞) = -∞ over an empty one), and in floating point too: x ↦ c + x rounds monotonically,
 * so the largest rounded sum is the rounded sum with the largest term.
 */
function shift(id: RuleId, op: ReduceOp): Rule {
  return {
    id, kinds: ['reduce'],
    apply(e: Expr) {
      if (!isReduction(e, op) || e.body.kind !== 'add') return null;
      const varies = (t: Expr) => freeIndices(t).has(e.index);
      const fixed = e.body.terms.filter((t) => !varies(t));
      const rest = e.body.terms.filter(varies);
      if (fixed.length === 0 || rest.length === 0) return null;
      return add([...fixed, reduce(op, e.index, rest.length === 1 ? rest[0]! : add(rest), e.lower, e.upper)]);
    },
  };
}

export const EXTREME_RULES: readonly Rule[] = [
  constant('max.const', 'max'), constant('min.const', 'min'), shift('max.shift', 'max'), shift('min.shift', 'min'),
];
