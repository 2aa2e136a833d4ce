// A sum of the index's own value over numeric bounds is a number:
// Σ_{i=a}^{b} (c i + d) = c (a+b)(b-a+1)/2 + d (b-a+1), and 0 for an empty range
// (b < a). With `sum.const` (Σ_{j=a}^{b} x = (b-a+1) x) and `sum.factor`, this
// evaluates `\sum_{i=1}^{3}\sum_{j=2}^{5} i` to 24.

import { indexConstant, indexTerms, isReduction, num } from '../../core/ast.js';
import type { Rule } from '../engine.js';
import { sizeOf } from '../ranges.js';

/** Σ_{i=a}^{b} of an index value `c i + d` with a, b numbers (b from a declared size when the sum has no upper bound). */
const indexValueSum: Rule = {
  id: 'sum.index-values', kinds: ['reduce'],
  apply(e, ctx) {
    if (!isReduction(e, 'sum') || e.body.kind !== 'index') return null;
    const terms = indexTerms(e.body.index);
    if (terms.length !== 1 || terms[0]!.name !== e.index) return null;
    const a = e.lower === null ? 1 : e.lower.kind === 'inum' ? e.lower.value : null;
    const b = e.upper === null ? sizeOf(e.index, ctx.sizes) ?? null : e.upper.kind === 'inum' ? e.upper.value : null;
    if (a === null || b === null) return null;
    const count = Math.max(0, b - a + 1);
    const c = terms[0]!.coef;
    const d = indexConstant(e.body.index);
    return num(count === 0 ? 0 : (c * (a + b) * count) / 2 + d * count);
  },
};

export const INDEX_SUM_RULES: readonly Rule[] = [indexValueSum];
