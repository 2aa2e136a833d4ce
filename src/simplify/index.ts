// The simplifier's public API.
//
//   simplify(e, {assumptions, sizes, steps}) → {result, steps}
//   canonical(e)      a comparison form (α-renamed, operands sorted)
//   equivalent(a, b)  canonical(simplify(a)) === canonical(simplify(b))

import type { Expr } from '../core/ast.js';
import { freeIndices } from '../core/indices.js';
import type { Step } from '../core/steps.js';
import { canonical } from './canonical.js';
import { type Memo, type RuleContext, run } from './engine.js';
import { linkedRanges, type Sizes } from './ranges.js';
import { RULES } from './rules/index.js';

export { canonical } from './canonical.js';

export interface SimplifyOptions {
  /** Equations `lhs = rhs` that may be used left to right (`\sum_k t_k = 1`). */
  readonly assumptions?: readonly Expr[];
  /** Declared index sizes (`{i: 784, j: 100, k: 10}`): they decide range conditions. */
  readonly sizes?: Sizes;
  /** Record one step per rewrite. */
  readonly steps?: boolean;
  /**
   * Expressions whose indexing tells which letters share a range, besides the
   * input: the differentiator passes `∂f/∂w`, whose `w_{ab}` ties a and b to
   * the slots of w even where the derivative no longer reads w.
   */
  readonly linked?: readonly Expr[];
}

/**
 * Rewrites in one call are bounded by this budget; a normal input needs a few
 * hundred (the seed's derivative: 30). It only matters for adversarial rule
 * interplay, which the engine's cycle guard catches first in every case we know.
 */
const FUEL = 100_000;

/**
 * Memo tables of normal forms, one per context (sizes, assumptions, linked
 * ranges), reused across calls: the 32 used most recently. Each is keyed by
 * node and weak, so its entries die with their nodes.
 */
const memos = new Map<string, Memo>();
const MAX_MEMOS = 32;

function contextOf(expr: Expr, options: SimplifyOptions): { ctx: RuleContext; key: string } {
  const sizes = options.sizes ?? {};
  const assumptions = (options.assumptions ?? []).map((a) => {
    if (a.kind !== 'rel' || a.ops.length !== 1 || a.ops[0] !== '=') {
      throw new Error('simplify: an assumption must be an equation lhs = rhs');
    }
    // Both sides in normal form, so that the left side matches what the rules produce.
    const [lhs, rhs] = a.args.map((x) => simplify(x, { sizes }).result) as [Expr, Expr];
    for (const n of freeIndices(rhs)) {
      if (!freeIndices(lhs).has(n)) throw new Error(`simplify: assumption's right side has index '${n}' that its left side lacks`);
    }
    return { lhs, rhs };
  });
  const ranges = linkedRanges([expr, ...(options.linked ?? []), ...(options.assumptions ?? [])]);
  const key = `${JSON.stringify(Object.entries(sizes).sort())}|${assumptions.map((a) => `${a.lhs.id}=${a.rhs.id}`).join(',')}|${ranges.key}`;
  return { ctx: { sizes, assumptions, sameRange: ranges.same }, key };
}

export function simplify(expr: Expr, options: SimplifyOptions = {}): { result: Expr; steps: Step[] } {
  const { ctx, key } = contextOf(expr, options);
  if (options.steps === true) {
    // A fresh memo: a result reused from an earlier call would skip its steps.
    return run(expr, RULES, ctx, { memo: new WeakMap(), fuel: FUEL, steps: true });
  }
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  let memo = memos.get(key);
  if (memo === undefined) {
    if (memos.size >= MAX_MEMOS) memos.delete(memos.keys().next().value!);
    memo = new WeakMap();
  } else {
    memos.delete(key);
  }
  memos.set(key, memo);
  return run(expr, RULES, ctx, { memo, fuel: FUEL, steps: false });
}

/** Whether `a` and `b` simplify to the same expression up to bound-index names and operand order. */
export function equivalent(a: Expr, b: Expr, options: Omit<SimplifyOptions, 'steps'> = {}): boolean {
  return canonical(simplify(a, options).result) === canonical(simplify(b, options).result);
}
