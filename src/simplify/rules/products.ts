// Products over an index (`\prod`): rules that hold for Π only, each testing
// the operator, so Σ's rules never fire on a product and these never on a sum.
//
// A product of δs is left alone: Π_i δ_{ij} is 1 only when the range is the
// single value j, which is rarely known; nothing here guesses.

import { type Expr, inum, isReduction, num, pow, type ReduceBy } from '../../core/ast.js';
import { freeIndices } from '../../core/indices.js';
import type { Rule } from '../engine.js';
import { upperOf } from '../ranges.js';
import { ONE } from '../terms.js';

type Prod = ReduceBy<'prod'>;

const asProd = (e: Expr): Prod | null => (isReduction(e, 'prod') ? e : null);

/**
 * The number of factors, where it is certain: `\#j` over the whole range, a
 * number for numeric bounds (0 when the range is empty) or for bounds that
 * differ by a constant (`j..j+2`). Null for symbolic bounds: `n - 2` factors in
 * `\prod_{i=3}^{n}` would be negative for n = 1, where the product is empty.
 */
function count(p: Prod): Expr | null {
  if (p.lower === null && p.upper === null) return upperOf(p.index);
  if (p.upper === null) return null;
  const lo = p.lower ?? inum(1);
  const hi = p.upper;
  if (lo.kind === 'inum' && hi.kind === 'inum') return num(Math.max(0, hi.value - lo.value + 1));
  if (lo.kind === 'ivar' && hi.kind === 'ivar' && lo.name === hi.name) return num(Math.max(0, hi.offset - lo.offset + 1));
  return null;
}

/** Π_j 1 = 1, over any range (an empty product is 1 too). */
const oneProd: Rule = {
  id: 'prod.one', kinds: ['reduce'],
  apply(e) {
    return asProd(e)?.body === ONE ? ONE : null;
  },
};

/** Π_j c = c^{\#j} for c free of j (c^0 = 1 for an empty range). */
const constProd: Rule = {
  id: 'prod.const', kinds: ['reduce'],
  apply(e) {
    const p = asProd(e);
    if (p === null || freeIndices(p.body).has(p.index)) return null;
    const n = count(p);
    return n === null ? null : pow(p.body, n);
  },
};

export const PRODUCT_RULES: readonly Rule[] = [oneProd, constProd];
