// `--check` of derive and demo: the derivative against central finite
// differences of the formula, and how the verdict is reported.

import { children, type Diff, type Expr, mapChildren, type Var, variable } from '../core/ast.js';
import { checkDerivative, type CheckReport, inputsSatisfying, inputsUnderRoots } from '../check.js';
import { replaceSubterm } from '../core/replace.js';
import { type Definition, unfoldAll } from '../definitions.js';
import { internalName } from '../core/fresh.js';
import { sameName, varKey } from '../core/names.js';
import { derive } from '../derive/index.js';
import { containsDiff } from '../derive/fast.js';
import { EvaluationError, IndexRangeError } from '../values.js';

/**
 * Finite differences of the original (definitions unfolded) against the
 * result. Where the simplifier used assumptions (`Σ_k t_k = 1`), the random
 * inputs are made to satisfy them; where that is not possible, the raw
 * derivative (before simplification) is checked instead, and the report says so.
 */
export interface ResultCheck extends CheckReport {
  /** The derivative before simplification was checked: the assumptions cannot be met by random inputs. */
  readonly checkedRaw: boolean;
  readonly innerDerivatives: number;
  /** Why nothing could be compared, where the formula cannot be evaluated at random inputs (the result is still printed). */
  readonly unevaluable?: string;
}

export function checkResult(
  target: Expr, wrt: Var, d: { raw: Expr; result: Expr }, definitions: readonly Definition[], assumptions: readonly Expr[] = [],
): ResultCheck {
  // By a defined quantity (`--wrt E` where `E = x^2`), E varies on its own: its definition is not
  // unfolded, and it becomes an input of an internal name (the seed's defined o_k is not its input o_j).
  const defined = definitions.some((def) => sameName(def, wrt));
  const kept = defined ? definitions.filter((def) => !sameName(def, wrt)) : definitions;
  const free = defined ? (e: Expr) => asInput(unfoldAll(e, kept), wrt) : (e: Expr) => unfoldAll(e, kept);
  const by = defined ? (asInput(wrt, wrt) as Var) : wrt;
  const fixed = assumptions.length === 0 ? {} : inputsSatisfying(assumptions.map(free));
  const claimed = fixed === null ? d.raw : d.result;
  try {
    const inner: CheckReport[] = [];
    const f = withCheckedDerivatives(free(target), inner);
    const report = checkDerivative({
      f, wrt: by, derivative: free(claimed), inputs: fixed ?? {}, positive: inputsUnderRoots(f),
    });
    return { ...combine([report, ...inner]), checkedRaw: fixed === null, innerDerivatives: inner.length };
  } catch (err) {
    // No sizes fit the formula (`h_{t-1}` at t = 1 reads h_0; `x_{t+1}` next to x_t over all of t's range).
    if (!(err instanceof EvaluationError)) throw err;
    const none = combine([]);
    return { ...none, checkedRaw: false, innerDerivatives: 0, unevaluable: `the formula cannot be evaluated at random inputs: ${err.message}${err instanceof IndexRangeError ? ' (no sizes keep every read in range: bounds such as \\sum_{t=2}^{n} for h_{t-1} do)' : ''}` };
  }
}

/**
 * `f` with each derivative written in it (the inner `∂E/∂w` of a second derivative) replaced by
 * its value, innermost first; each value is itself compared with finite differences of the
 * derivative's body, into `reports`. So a higher derivative is verified numerically at every
 * level: none of its parts is taken on trust from the engine that produced the result.
 */
function withCheckedDerivatives(f: Expr, reports: CheckReport[]): Expr {
  for (let d = innermostDiff(f); d !== null; d = innermostDiff(f)) {
    const value = derive(d.body, d.wrt).result;
    reports.push(checkDerivative({ f: d.body, wrt: d.wrt, derivative: value, positive: inputsUnderRoots(d.body) }));
    f = replaceSubterm(f, d, value, { mayContain: containsDiff });
  }
  return f;
}

function innermostDiff(e: Expr): Diff | null {
  if (!containsDiff(e)) return null;
  for (const c of children(e)) {
    const d = innermostDiff(c);
    if (d !== null) return d;
  }
  return e.kind === 'diff' ? e : null;
}

/** `e` with the quantity `of` (any indices) as an input named internally, so that it can be varied. */
function asInput(e: Expr, of: Var): Expr {
  if (e.kind === 'var' && sameName(e, of)) return variable(internalName('wrt', varKey(of)), e.indices, e.commaIndices, e.superscript);
  return mapChildren(e, (c) => asInput(c, of));
}

/** One verdict for several checks: every point of each counts. */
function combine(reports: readonly CheckReport[]): CheckReport {
  return {
    ok: reports.length > 0 && reports.every((r) => r.ok),
    maxError: Math.max(0, ...reports.map((r) => r.maxError)),
    failures: reports.flatMap((r) => r.failures),
    checked: reports.reduce((n, r) => n + r.checked, 0),
    informative: reports.reduce((n, r) => n + r.informative, 0),
    floor: Math.max(0, ...reports.map((r) => r.floor)),
    sizes: sizeRange(reports.flatMap((r) => (r.sizes === null ? [] : [r.sizes]))),
    tolerance: Math.max(0, ...reports.map((r) => r.tolerance)),
  };
}

function sizeRange(ranges: readonly (readonly [number, number])[]): readonly [number, number] | null {
  return ranges.length === 0 ? null : [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

/** Why a check compared nothing: not a mismatch, but no verified result either (derive exits 2). */
export const NOT_CHECKABLE =
  'no point could be evaluated (is the variable used with another number of indices, or are the inputs out of their domain?)';

/** Why a check that compared nothing could not (derive prints its result, then exits 2 with this). */
export function notCheckable(r: CheckReport & { unevaluable?: string }): string {
  return r.unevaluable ?? NOT_CHECKABLE;
}

export function describeCheck(r: CheckReport & { checkedRaw?: boolean; innerDerivatives?: number; unevaluable?: string }): string {
  if (r.checked === 0) return `check: not possible — ${notCheckable(r)}`;
  const raw = r.checkedRaw === true ? ' (the derivative before simplification: the assumptions cannot be met by random inputs)' : '';
  const n = r.innerDerivatives ?? 0;
  const inner = n === 0 ? '' : ` (with the ${n === 1 ? 'derivative' : `${n} derivatives`} inside the formula, each checked the same way)`;
  const what = raw + inner;
  const sizes = r.sizes === null ? 'no indices' : `sizes ${r.sizes[0]}–${r.sizes[1]}`;
  // The error is relative to the derivative, beyond the rounding floor of f's evaluation (src/check.ts).
  const error = `max relative error ${r.maxError.toExponential(1)}, rounding floor of f at most ${r.floor.toExponential(1)} relative`;
  if (r.ok && r.informative === 0) {
    return `check: vacuous — at all ${r.checked} points (${sizes}) the derivative is 0 or lost in f's rounding, so finite differences cannot tell a wrong result${what}`;
  }
  if (r.ok) return `check: ok — agrees with central finite differences at ${r.checked} points, ${r.informative} of them informative (${sizes}; ${error}, tolerance ${r.tolerance.toExponential(0)})${what}`;
  const first = r.failures[0];
  const at = first === undefined ? '' : ` e.g. at ${JSON.stringify(first.assignment)}: finite differences ${first.expected}, result ${first.got}`;
  return `check: FAILED — ${r.failures.length === 20 ? 'at least 20' : r.failures.length} of ${r.checked} points disagree with central finite differences (${sizes}; relative error beyond f's rounding floor over ${r.tolerance.toExponential(0)});${at}`;
}

export function checkJson(r: CheckReport): object {
  return {
    ok: r.ok, points: r.checked, informative: r.informative, vacuous: r.ok && r.informative === 0, maxError: r.maxError,
    floor: r.floor, tolerance: r.tolerance, sizes: r.sizes, failures: r.failures.slice(0, 5),
  };
}
