// The simplifier's public API.
//
//   simplify(e, {assumptions, sizes, steps}) → {result, steps, stop}
//   canonical(e)      a comparison form (α-renamed, operands sorted)
//   equivalent(a, b)  canonical(simplify(a)) === canonical(simplify(b))

import { type Expr, isEquation } from '../core/ast.js';
import { within } from '../core/source.js';
import { InputError } from '../core/errors.js';
import { expectExpr } from '../core/guard.js';
import { freeIndices } from '../core/indices.js';
import { toLatex } from '../print/index.js';
import { canonical } from './canonical.js';
import { type Memo, type RuleContext, run, type RunResult } from './engine.js';
import { linkedRanges, type Sizes } from './ranges.js';
import { RULES } from './rules/index.js';

export { canonical } from './canonical.js';
export { absorbLeadingMinus } from './rules/collect.js';
export type { RunResult, StopReason } from './engine.js';

export interface SimplifyOptions {
  /** Equations `lhs = rhs` that may be used left to right (`\sum_k t_k = 1`); other relations are not used. */
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
  const given = options.assumptions ?? [];
  const notRelation = given.find((a) => a.kind !== 'rel');
  if (notRelation !== undefined) {
    throw new InputError(`an assumption must be an equation lhs = rhs (or another relation), got ${toLatex(notRelation)}`, notRelation);
  }
  // Only an equation rewrites; another relation (`1 \le n \le N`) is a fact the rules cannot use, and not using it is sound.
  const assumptions = given.filter(isEquation).map((a) => {
    // Both sides in normal form, so that the left side matches what the rules produce.
    const [lhs, rhs] = a.args.map((x) => simplify(x, { sizes }).result) as [Expr, Expr];
    for (const n of freeIndices(rhs)) {
      // The left side's free indices are the pattern's variables: nothing would give this one a value.
      if (!freeIndices(lhs).has(n)) {
        throw new InputError(`the assumption ${toLatex(a)} cannot be used: its right side has the index '${n}' and its left side does not`, a);
      }
    }
    return { lhs, rhs };
  });
  const ranges = linkedRanges([expr, ...(options.linked ?? []), ...(options.assumptions ?? [])]);
  const key = `${JSON.stringify(Object.entries(sizes).sort())}|${assumptions.map((a) => `${a.lhs.id}=${a.rhs.id}`).join(',')}|${ranges.key}`;
  return { ctx: { sizes, assumptions, sameRange: ranges.same, declared: ranges.declared, floor: ranges.floor }, key };
}

export function simplify(expr: Expr, options: SimplifyOptions = {}): RunResult {
  expectExpr(expr, 'simplify');
  const { ctx, key } = within([expr, ...(options.assumptions ?? [])], () => contextOf(expr, options));
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
