// The rewriting engine: rules are data, compiled once into a table by node
// kind, and applied bottom-up to a fixpoint.
//
// norm(e) first normalises the children of e, then tries the rules for e's
// kind in order; the first that fires gives a new node, which is normalised
// in turn. Results are memoised by node (nodes are hash-consed, so a
// subterm shared a hundred times is simplified once).
//
// Termination: every rule is written to decrease a measure (fewer nodes,
// fewer Σ and δ, fewer unsorted constants, …), and two guards make that a
// guarantee rather than a hope even for rules that disagree (say, a user
// assumption `a = b` next to `b = a`): a node met again while it is being
// normalised is left as it is (a cycle), and a fuel budget bounds the total
// number of rewrites.

import { assertNever, diff, type Expr, type ExprKind, mapChildren } from '../core/ast.js';
import type { RuleId, Step } from '../core/steps.js';
import type { Sizes } from './ranges.js';

/** What rules may consult besides the node itself. */
export interface RuleContext {
  readonly sizes: Sizes;
  /** Whether two undeclared index letters certainly range over the same values (see `linkedRanges`). */
  readonly sameRange: (a: string, b: string) => boolean;
  /** User equations `lhs = rhs`, used left to right. */
  readonly assumptions: readonly { readonly lhs: Expr; readonly rhs: Expr }[];
}

export interface Rule {
  readonly id: RuleId;
  /** The node kinds the rule looks at. */
  readonly kinds: readonly ExprKind[];
  /** The rewritten node, or null when the rule does not apply. */
  apply(node: Expr, ctx: RuleContext): Expr | null;
}

export type RuleTable = ReadonlyMap<ExprKind, readonly Rule[]>;

export function compileRules(rules: readonly Rule[]): RuleTable {
  const table = new Map<ExprKind, Rule[]>();
  for (const r of rules) {
    for (const k of r.kinds) {
      let list = table.get(k);
      if (list === undefined) table.set(k, (list = []));
      list.push(r);
    }
  }
  return table;
}

/**
 * A memo of normal forms; `rule` is the first rule that fired on the way (to
 * label a reused result). Weak: an entry dies with its node.
 */
export type Memo = WeakMap<Expr, { readonly result: Expr; readonly rule: RuleId | null }>;

export interface RunOptions {
  readonly memo: Memo;
  readonly fuel: number;
  readonly steps: boolean;
}

/** Replace every occurrence of `focus` in `e` (never inside the variable a derivative is taken by). */
function replaceAll(e: Expr, focus: Expr, by: Expr, seen = new Map<number, Expr>()): Expr {
  if (e === focus) return by;
  const hit = seen.get(e.id);
  if (hit !== undefined) return hit;
  const out = e.kind === 'diff'
    ? diff(replaceAll(e.body, focus, by, seen), e.wrt, e.form, e.notation)
    : mapChildren(e, (c) => replaceAll(c, focus, by, seen));
  seen.set(e.id, out);
  return out;
}

export function run(input: Expr, table: RuleTable, ctx: RuleContext, options: RunOptions): { result: Expr; steps: Step[] } {
  const { memo } = options;
  let fuel = options.fuel;
  const steps: Step[] = [];
  const active = new Set<number>();
  // The whole running expression, kept only when steps are recorded. Rules do
  // not depend on where a node sits, so a rewrite of `focus` is valid at every
  // occurrence: replacing all of them keeps `whole` in step with the memo.
  let whole = input;

  const record = (rule: RuleId, focus: Expr, replacement: Expr): void => {
    if (!options.steps) return;
    const after = replaceAll(whole, focus, replacement);
    if (after === whole) return;
    steps.push({ rule, before: whole, after, focus, replacement, params: {} });
    whole = after;
  };

  const children = (e: Expr): Expr => {
    switch (e.kind) {
      case 'num': case 'var': case 'delta': case 'extent': case 'index': return e;
      // The variable of a derivative stays a variable: only its body is simplified.
      case 'diff': return diff(norm(e.body), e.wrt, e.form, e.notation);
      case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'sum': case 'rel': case 'iverson':
        return mapChildren(e, norm);
      default: return assertNever(e);
    }
  };

  // Every rule that fired, in order: the first one fired while normalising a
  // node labels that node's memo entry, so a reused result is still a step.
  const fired: RuleId[] = [];

  function norm(e: Expr): Expr {
    const hit = memo.get(e);
    if (hit !== undefined) {
      if (hit.result !== e && hit.rule !== null) record(hit.rule, e, hit.result);
      return hit.result;
    }
    // A node met again inside its own normalisation (a cycle) is left as it is.
    if (active.has(e.id)) return e;
    active.add(e.id);
    const start = fired.length;
    const cur = children(e);
    let result = cur;
    let here: RuleId | null = null;
    if (fuel > 0) {
      for (const rule of table.get(cur.kind) ?? []) {
        const r = rule.apply(cur, ctx);
        if (r === null || r === cur) continue;
        fuel--;
        fired.push(rule.id);
        here = rule.id;
        record(rule.id, cur, r);
        result = norm(r);
        break;
      }
    }
    active.delete(e.id);
    memo.set(e, { result, rule: fired[start] ?? null });
    if (cur !== e && !memo.has(cur)) memo.set(cur, { result, rule: here });
    return result;
  }

  const result = norm(input);
  return { result, steps };
}
