// Which steps a proof shows: the step records split into chains, the rows
// chosen at a detail level, and the goal's left side. Shared by the renderers
// (render.ts) and the numeric step checker (check.ts), which must agree on
// what a chain is without the checker depending on how a proof is printed.

import { add, type Expr, isEquation, mapChildren, num } from '../core/ast.js';
import type { RuleId, Step } from '../core/steps.js';
import { printExpr } from './fill.js';
import { changedRegion, isPlaced, subtermAt } from './locate.js';
import { type Detail, shownAt } from './texts.js';

export interface Proof {
  /** What is derived: the left side (`∂E/∂w_{jk}`), or an equation whose left side it is. */
  readonly goal: Expr;
  readonly steps: readonly Step[];
  readonly result: Expr;
  /** How the input was read, when it was matrix notation: the proof's first row. */
  readonly reading?: Reading;
}

/**
 * Matrix notation read into index form (src/parse/matrix.ts): the formula as written (its
 * LaTeX, the user's own), what it reads as, and the shapes, `name` and dimension letters.
 */
export interface Reading {
  readonly written: string;
  readonly index: readonly Expr[];
  readonly shapes: readonly { readonly name: Expr; readonly dims: readonly string[] }[];
}

/** A step as shown: the hidden steps after it (for the first row of a chain, also those before it) are folded in. */
export interface ShownStep extends Step {
  /** The step whose rule and text this row shows. */
  readonly own: Step;
  /** The hidden steps merged into this row, in order. */
  readonly folded: readonly Step[];
}

/**
 * Split steps into chains: maximal runs in which each step starts where the
 * previous one ended. A proof is usually one chain; a sub-derivation that is
 * later substituted back (`subst.back`) is a chain of its own before the main one.
 */
export function chains<T extends Step>(steps: readonly T[]): T[][] {
  const out: T[][] = [];
  for (const s of steps) {
    const current = out[out.length - 1];
    if (current !== undefined && current[current.length - 1]!.after === s.before) current.push(s);
    else out.push([s]);
  }
  return out;
}

/**
 * The steps shown at `detail`. A hidden step's rewrite is folded into the
 * shown step before it in its chain (hidden steps before the first shown one,
 * into that one): a shown row is its step's result tidied up (`δ_{kk} = 1`
 * with the `x·1 = x` that follows), and consecutive rows are still equal
 * expressions. The merged row's focus is the smallest region where its
 * `before` and `after` differ. A chain with no shown step keeps one row for all of it.
 *
 * No row is noise: every expression is shown without the zero terms of its sums
 * (`tidySteps`: a derivative `0` leaves its sum at once, rather than a `0 + …`
 * that a later step drops), and consecutive definition rows are one row, left out
 * where they return to the expression before them (`definitionRuns`). The
 * printer (`signsOut`) shows `a + \sum_i (-x_i)` as `a - \sum_i x_i`.
 */
export function selectSteps(steps: readonly Step[], detail: Detail): ShownStep[] {
  const tidy = tidySteps(steps);
  const parts = chains(tidy.map((t) => t.shown));
  const own = new Map(tidy.map((t) => [t.shown, t.raw]));
  return parts.flatMap((c, i) => selectInChain(i === parts.length - 1 ? withoutInvisibleEnd(c) : c, detail, own));
}

// ---------------------------------------------------------------------------
// Zero terms

const isZero = (e: Expr): boolean => (e.kind === 'num' && e.value === 0) || (e.kind === 'neg' && isZero(e.arg));
const tidyMemo = new WeakMap<Expr, Expr>();

/** `e` without the terms `0` of its sums (`0 + x` → `x`, `x + 0 + y` → `x + y`): the same value, as a person writes it. */
export function withoutZeroTerms(e: Expr): Expr {
  let v = tidyMemo.get(e);
  if (v === undefined) {
    const m = mapChildren(e, withoutZeroTerms);
    if (m.kind === 'add' && m.terms.some(isZero)) {
      const kept = m.terms.filter((t) => !isZero(t));
      v = kept.length === 0 ? num(0) : kept.length === 1 ? kept[0]! : add(kept);
    } else v = m;
    tidyMemo.set(e, v);
  }
  return v;
}

/**
 * Each step on expressions without zero terms. Its focus and replacement are
 * the tidied ones where they still describe the rewrite, else the smallest
 * region where the tidied `before` and `after` differ (a derivative `0` that
 * left its sum: the sum is the focus). A step that only dropped a zero term
 * now prints the same before and after, and is folded like any invisible step.
 */
function tidySteps(steps: readonly Step[]): { shown: Step; raw: Step }[] {
  return steps.map((raw) => {
    const before = withoutZeroTerms(raw.before);
    const after = withoutZeroTerms(raw.after);
    if (before === raw.before && after === raw.after) return { shown: raw, raw };
    const focus = withoutZeroTerms(raw.focus);
    const replacement = withoutZeroTerms(raw.replacement);
    if (isPlaced(before, after, focus, replacement)) return { shown: { ...raw, before, after, focus, replacement }, raw };
    const region = changedRegion(before, after) ?? [];
    return { shown: { ...raw, before, after, focus: subtermAt(before, region), replacement: subtermAt(after, region) }, raw };
  });
}

/**
 * The main chain without the invisible steps it ends with: they would only
 * widen the last row's focus (a restructuring that prints the same, such as
 * `-(2x)` → `(-2)x`, touches the whole expression). The result still prints as
 * the last row. A sub-derivation keeps them: a later step uses its exact end.
 */
function withoutInvisibleEnd(steps: readonly Step[]): readonly Step[] {
  let n = steps.length;
  while (n > 1 && !visible(steps[n - 1]!)) n--;
  return steps.slice(0, n);
}

/** Rules that write a defined name as its definition, or back. */
const DEFINITION_RULES: ReadonlySet<RuleId> = new Set(['def.unfold', 'def.fold']);

function selectInChain(steps: readonly Step[], detail: Detail, own: ReadonlyMap<Step, Step>): ShownStep[] {
  const shown = steps.flatMap((s, i) => (shownAt(s.rule, detail) && visible(s) ? [i] : []));
  const raw = (s: Step) => own.get(s) ?? s;
  if (shown.length === 0) return [merge(steps[0]!, raw(steps[0]!), [], steps.slice(1))];
  // Each shown step takes the hidden ones up to the next shown step; the first also those before it.
  const rows = withoutRoundTrips(steps, definitionRuns(steps, shown));
  return rows.map(({ from, at, to }) => merge(steps[at]!, raw(steps[at]!), steps.slice(from, at), steps.slice(at + 1, to)));
}

interface Span { from: number; at: number; to: number; rule: RuleId }

/**
 * A run of definition rows that returns to where it started (a name unfolded and
 * folded back, nothing gained), or to what prints the same, is no row: its steps
 * go to the row before it (or, first in its chain, to the row after it), so the
 * rows still chain. A chain that is nothing else keeps it.
 */
function withoutRoundTrips(steps: readonly Step[], spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let carry: number | null = null; // the start of a round trip that opened the chain
  for (const span of spans) {
    const start = steps[span.from]!.before;
    const end = steps[span.to - 1]!.after;
    const roundTrip = DEFINITION_RULES.has(span.rule) && spans.length > 1
      && (start === end || printExpr(start, 'latex') === printExpr(end, 'latex'));
    const previous = out[out.length - 1];
    if (roundTrip && previous !== undefined) previous.to = span.to;
    else if (roundTrip) carry ??= span.from;
    else {
      out.push({ ...span, from: carry ?? span.from });
      carry = null;
    }
  }
  // (A round trip at the start is followed by a row, or every span was one: then they are one row.)
  return out.length > 0 ? out : [{ ...spans[0]!, to: spans[spans.length - 1]!.to }];
}

/**
 * The rows of a chain as spans of its steps: each shown step from the hidden
 * steps before it (the first row only) to the next shown step. Consecutive
 * definition rows (`p_i` unfolded, then `p_k`; a name unfolded, then folded
 * back) are one span, shown as the first one's row with the others folded in.
 */
function definitionRuns(steps: readonly Step[], shown: readonly number[]): Span[] {
  const out: Span[] = [];
  shown.forEach((i, n) => {
    const to = shown[n + 1] ?? steps.length;
    const last = out[out.length - 1];
    const rule = steps[i]!.rule;
    if (last !== undefined && DEFINITION_RULES.has(last.rule) && DEFINITION_RULES.has(rule)) last.to = to;
    else out.push({ from: n === 0 ? 0 : i, at: i, to, rule });
  });
  return out;
}

/**
 * Whether a step changes what the reader sees. A rewrite of the tree that
 * prints the same (`-(2x)` → `(-2)x`, both `-2x`) would be a row equal to the
 * one above it; it is folded like a hidden step, at every detail level.
 */
export function visible(s: Step): boolean {
  return printExpr(s.before, 'latex') !== printExpr(s.after, 'latex');
}

/** The row of `shown` (its texts from `own`, the step as recorded), with the hidden steps around it folded in. */
function merge(shown: Step, own: Step, before: readonly Step[], after: readonly Step[]): ShownStep {
  const folded = [...before, ...after];
  if (folded.length === 0) return { ...shown, own, folded };
  const first = before[0] ?? shown;
  const last = after[after.length - 1] ?? shown;
  const region = changedRegion(first.before, last.after) ?? [];
  return {
    rule: shown.rule, params: shown.params, own, folded,
    before: first.before, after: last.after,
    focus: subtermAt(first.before, region), replacement: subtermAt(last.after, region),
  };
}

export function lhsOf(goal: Expr): Expr {
  return isEquation(goal) ? goal.args[0]! : goal;
}

/** Whether `e` is the equation `lhs = rhs` for the given left side. */
export function equationOf(e: Expr, lhs: Expr): boolean {
  return isEquation(e) && e.args[0] === lhs;
}
