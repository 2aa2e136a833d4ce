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
// number of rewrites. The run says which of the three ended it (`StopReason`):
// a result reached through a guard may be only partly normalised.

import { assertNever, diff, type Expr, type ExprKind, mapChildren } from '../core/ast.js';
import { replaceSubterm } from '../core/replace.js';
import type { RuleId, Step, StepExprs } from '../core/steps.js';
import type { RangeFacts } from './ranges.js';

/** What rules may consult besides the node itself: the range facts (sizes, sizes declared by bounds, least values; see `linkedRanges`), and more. */
export interface RuleContext extends RangeFacts {
  /** Whether two undeclared index letters certainly range over the same values (see `linkedRanges`). */
  readonly sameRange: (a: string, b: string) => boolean;
  /** User equations `lhs = rhs`, used left to right. */
  readonly assumptions: readonly { readonly lhs: Expr; readonly rhs: Expr }[];
}

export interface Rule {
  /** This rule's own id: a step names the rule that fired, and the id keys its texts. */
  readonly id: RuleId;
  /** The node kinds the rule looks at. */
  readonly kinds: readonly ExprKind[];
  /** The rewritten node, or null when the rule does not apply. */
  apply(node: Expr, ctx: RuleContext): Expr | null;
  /** Expressions the rule's text names (`{factor}` of a cancellation); asked only when steps are recorded. */
  explain?(node: Expr, ctx: RuleContext): StepExprs;
}

export type RuleTable = ReadonlyMap<ExprKind, readonly Rule[]>;

/** The rules by node kind, in order. Two rules with one id are refused: a step must tell which rule fired. */
export function compileRules(rules: readonly Rule[]): RuleTable {
  const table = new Map<ExprKind, Rule[]>();
  const ids = new Set<RuleId>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`compileRules: two rules have the id '${r.id}'`);
    ids.add(r.id);
    for (const k of r.kinds) {
      let list = table.get(k);
      if (list === undefined) table.set(k, (list = []));
      list.push(r);
    }
  }
  return table;
}

/** A rule that fired, with what its text names. */
interface Fired {
  readonly rule: RuleId;
  readonly exprs: StepExprs;
}

/**
 * A memo of normal forms. `first` is the first rule that fired on the way (to
 * label a reused result); `cycle` says the cycle guard cut the normalisation
 * short. A result cut short by the fuel budget is not memoised. Weak: an entry
 * dies with its node.
 */
export type Memo = WeakMap<Expr, { readonly result: Expr; readonly first: Fired | null; readonly cycle: boolean }>;

/** Why a run ended: a fixpoint (no rule applies anywhere), the fuel budget, or the cycle guard. */
export type StopReason = 'fixpoint' | 'fuel' | 'cycle';

export interface RunResult {
  readonly result: Expr;
  readonly steps: Step[];
  /** Anything but `fixpoint` means `result` may be only partly normalised. */
  readonly stop: StopReason;
}

export interface RunOptions {
  readonly memo: Memo;
  readonly fuel: number;
  readonly steps: boolean;
}

export function run(input: Expr, table: RuleTable, ctx: RuleContext, options: RunOptions): RunResult {
  const { memo } = options;
  let fuel = options.fuel;
  const steps: Step[] = [];
  const active = new Set<number>();
  // How often each guard fired so far: a node whose normalisation saw one is marked (or not memoised).
  let cycles = 0;
  let outOfFuel = 0;
  // The whole running expression, kept only when steps are recorded. Rules do
  // not depend on where a node sits, so a rewrite of `focus` is valid at every
  // occurrence: replacing all of them keeps `whole` in step with the memo.
  let whole = input;

  const record = (fired: Fired, focus: Expr, replacement: Expr): void => {
    if (!options.steps) return;
    const after = replaceSubterm(whole, focus, replacement);
    if (after === whole) return;
    const step: Step = { rule: fired.rule, before: whole, after, focus, replacement, params: {} };
    steps.push(Object.keys(fired.exprs).length === 0 ? step : { ...step, exprs: fired.exprs });
    whole = after;
  };

  const children = (e: Expr): Expr => {
    switch (e.kind) {
      case 'num': case 'var': case 'delta': case 'extent': case 'index': return e;
      // The variable of a derivative stays a variable: only its body is simplified.
      case 'diff': return diff(norm(e.body), e.wrt, e.form, e.notation);
      case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'reduce': case 'rel': case 'iverson':
        return mapChildren(e, norm);
      default: return assertNever(e);
    }
  };

  // Every rule that fired, in order: the first one fired while normalising a
  // node labels that node's memo entry, so a reused result is still a step.
  const fired: Fired[] = [];
  const none: StepExprs = {};

  function norm(e: Expr): Expr {
    const hit = memo.get(e);
    if (hit !== undefined) {
      if (hit.cycle) cycles++;
      if (hit.result !== e && hit.first !== null) record(hit.first, e, hit.result);
      return hit.result;
    }
    // A node met again inside its own normalisation (a cycle) is left as it is.
    if (active.has(e.id)) {
      cycles++;
      return e;
    }
    active.add(e.id);
    const start = fired.length;
    const cyclesBefore = cycles;
    const outOfFuelBefore = outOfFuel;
    const cur = children(e);
    let result = cur;
    let here: Fired | null = null;
    for (const rule of table.get(cur.kind) ?? []) {
      const r = rule.apply(cur, ctx);
      if (r === null || r === cur) continue;
      if (fuel === 0) {
        outOfFuel++;
        break;
      }
      fuel--;
      here = { rule: rule.id, exprs: options.steps && rule.explain !== undefined ? rule.explain(cur, ctx) : none };
      fired.push(here);
      record(here, cur, r);
      result = norm(r);
      break;
    }
    active.delete(e.id);
    if (outOfFuel === outOfFuelBefore) {
      const cycle = cycles !== cyclesBefore;
      memo.set(e, { result, first: fired[start] ?? null, cycle });
      if (cur !== e && !memo.has(cur)) memo.set(cur, { result, first: here, cycle });
    }
    return result;
  }

  const result = norm(input);
  return { result, steps, stop: outOfFuel > 0 ? 'fuel' : cycles > 0 ? 'cycle' : 'fixpoint' };
}
