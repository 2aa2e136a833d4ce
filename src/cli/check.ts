// `--check` of derive and demo: the derivative against central finite
// differences of the formula, and how the verdict is reported.

import type { Expr, Var } from '../core/ast.js';
import { checkDerivative, type CheckReport, inputsSatisfying, inputsUnderRoots } from '../check.js';
import { type Definition, unfoldAll } from '../definitions.js';
import { InputError } from '../core/errors.js';
import { EvaluationError } from '../values.js';

/**
 * Finite differences of the original (definitions unfolded) against the
 * result. Where the simplifier used assumptions (`Σ_k t_k = 1`), the random
 * inputs are made to satisfy them; where that is not possible, the raw
 * derivative (before simplification) is checked instead, and the report says so.
 */
export function checkResult(
  target: Expr, wrt: Var, d: { raw: Expr; result: Expr }, definitions: readonly Definition[], assumptions: readonly Expr[] = [],
): CheckReport & { checkedRaw: boolean } {
  const f = unfoldAll(target, definitions);
  const fixed = assumptions.length === 0 ? {} : inputsSatisfying(assumptions.map((a) => unfoldAll(a, definitions)));
  const claimed = fixed === null ? d.raw : d.result;
  try {
    const report = checkDerivative({
      f, wrt, derivative: unfoldAll(claimed, definitions), inputs: fixed ?? {}, positive: inputsUnderRoots(f),
    });
    return { ...report, checkedRaw: fixed === null };
  } catch (err) {
    // Random sizes may not fit the formula (x_{j+1} with j up to n needs n+1 entries of x).
    if (err instanceof EvaluationError) throw new InputError(`--check could not evaluate the formula at random inputs: ${err.message}`);
    throw err;
  }
}

/** Why a check compared nothing: not a mismatch, but no verified result either (derive exits 2). */
export const NOT_CHECKABLE =
  'no point could be evaluated (is the variable used with another number of indices, or are the inputs out of their domain?)';

export function describeCheck(r: CheckReport & { checkedRaw?: boolean }): string {
  if (r.checked === 0) return `check: not possible — ${NOT_CHECKABLE}`;
  const what = r.checkedRaw === true ? ' (the derivative before simplification: the assumptions cannot be met by random inputs)' : '';
  if (r.ok) return `check: ok — agrees with central finite differences at ${r.checked} points (max relative error ${r.maxError.toExponential(1)})${what}`;
  const first = r.failures[0];
  const at = first === undefined ? '' : ` e.g. at ${JSON.stringify(first.assignment)}: finite differences ${first.expected}, result ${first.got}`;
  return `check: FAILED — ${r.failures.length} of ${r.checked} points disagree with central finite differences;${at}`;
}

export function checkJson(r: CheckReport): object {
  return { ok: r.ok, points: r.checked, maxError: r.maxError, failures: r.failures.slice(0, 5) };
}
