// The differentiator's public API.
//
//   derive(expr, wrt)              ∂expr/∂wrt: raw, simplified, and (on request) the steps;
//                                  `wrt` is the user's text or a Var, read after the definitions
//   differentiate(expr, wrt, ctx)  the raw derivative only (fast driver)
//   evaluateDerivatives(expr)      every ∂ node inside a formula replaced by its value

import { diff, type Expr, rel, type Var } from '../core/ast.js';
import { expectExpr, expectVariable } from '../core/guard.js';
import { sameName } from '../core/names.js';
import { inherit, within } from '../core/source.js';
import { replaceSubterm } from '../core/replace.js';
import { type Definition, resolveVariable } from '../definitions.js';
import type { Step } from '../core/steps.js';
import { containsDiff, evaluateDiffs } from './fast.js';
import { absorbLeadingMinus, simplify } from '../simplify/index.js';
import { evaluateDiffsWithSteps, nextDiff } from './steps.js';
import { makeContext } from './rules.js';
import { foldDefinitions, unfoldWhereSimpler } from './refold.js';

export { applyRule, type DeriveContext, makeContext, type RuleApplication } from './rules.js';
export { Dependence, dependsOn, indicesDistinct } from './depends.js';
export { containsDiff, differentiate } from './fast.js';
export { definedDerivative, softmaxSlot } from './lemmas.js';
export { foldDefinitions } from './refold.js';
export { evaluateDiffsWithSteps } from './steps.js';

export interface DeriveOptions {
  /** Definitions (from `resolveDefinitions`): defined quantities are unfolded where they are differentiated. */
  readonly definitions?: readonly Definition[];
  /** Facts for the simplifier (`Σ_k t_k = 1`). */
  readonly assumptions?: readonly Expr[];
  /** Declared index ranges. */
  readonly sizes?: Readonly<Record<string, number>>;
  /** Record the steps (differentiation, then simplification). */
  readonly steps?: boolean;
  /**
   * Write every instance of a defined body in the result with the defined name, including the
   * derivative forms it implies: `o(1 - o)` for `o = σ(u)`, `1 - h^2` for `h = \tanh u`
   * (src/derive/lemmas.ts, src/derive/refold.ts `foldDefinitions`). Default false: the seed's
   * expression two spells `σ(u)(1 - σ(u))` out.
   */
  readonly fold?: boolean;
}

export interface Derivation {
  /** The variable differentiated by, resolved in the final scope of the definitions. */
  readonly wrt: Var;
  /** The derivative before simplification. */
  readonly raw: Expr;
  /** The simplified derivative. */
  readonly result: Expr;
  /** Empty unless `options.steps`. */
  readonly steps: Step[];
}

/** `∂E/∂w`, or `∂(expression)/∂w` for an anonymous target: the form a derivation starts from and its proof names. */
export function derivativeOf(target: Expr, wrt: Var): Expr {
  return diff(target, wrt, 'fraction');
}

/**
 * ∂expr/∂wrt. `wrt` is the user's text (`'w_{jk}'`) or a parsed variable (`parse('w_{jk}')`; another
 * expression is an InputError); either is
 * read as the CLI reads `--wrt`: after every definition, in its range family.
 */
export function derive(expr: Expr, variable: string | Expr, options: DeriveOptions = {}): Derivation {
  expectExpr(expr, 'derive');
  expectVariable(variable, 'derive (the variable)');
  const read = [expr, ...(options.definitions ?? []).map((d) => d.body), ...(options.assumptions ?? [])];
  const d = within(read, () => derivation(expr, variable, options));
  // The derivative points into the formula's text too (an error found when it is evaluated or compiled).
  inherit([d.raw, d.result], read);
  return d;
}

function derivation(expr: Expr, variable: string | Expr, options: DeriveOptions): Derivation {
  const wrt = resolveVariable(variable, { definitions: options.definitions, exprs: [expr, ...(options.assumptions ?? [])], sizes: options.sizes });
  const ctx = makeContext(options.definitions ?? [], { fold: options.fold });
  const start = derivativeOf(expr, wrt);
  // The formula, its variable and the definitions tell which letters share a range (w_{ab} ties b to w's slot).
  const linked = [start, ...(options.definitions ?? []).map((d) => d.body)];
  const simplifyOptions = { assumptions: options.assumptions, sizes: options.sizes, steps: options.steps, linked };
  const definitions = options.definitions ?? [];
  // The target's own name is not folded in: ∂E/∂x = 2E a for E = d^2 would only hide the answer.
  const folded = definitions.filter((d) => !(expr.kind === 'var' && sameName(expr, d)));
  if (options.steps === true) {
    const d = evaluateDiffsWithSteps(start, ctx);
    const s = simplify(d.result, simplifyOptions);
    const r = unfoldWhereSimpler(s.result, definitions, simplifyOptions);
    const f = options.fold === true ? foldDefinitions(r.result, folded, simplifyOptions) : { result: r.result, steps: [] };
    const m = absorbLeadingMinus(f.result);
    const last: Step[] = m === null ? [] : [{ rule: 'collect.absorb-minus', before: f.result, after: m, focus: f.result, replacement: m, params: {} }];
    return { wrt, raw: d.result, result: m ?? f.result, steps: [...d.steps, ...s.steps, ...r.steps, ...f.steps, ...last] };
  }
  const raw = evaluateDiffs(start, ctx);
  const refolded = unfoldWhereSimpler(simplify(raw, simplifyOptions).result, definitions, simplifyOptions).result;
  const result = options.fold === true ? foldDefinitions(refolded, folded, simplifyOptions).result : refolded;
  return { wrt, raw, result: absorbLeadingMinus(result) ?? result, steps: [] };
}

/**
 * ∂body/∂wrt, simplified: how `resolveDefinitions` reads `f'(a)` of a user-defined function
 * (its `differentiate` option). Defined quantities in the body are differentiated through.
 */
export function differentiateBody(body: Expr, wrt: Var, definitions: readonly Definition[]): Expr {
  const raw = evaluateDiffs(derivativeOf(body, wrt), makeContext(definitions));
  return simplify(raw, { linked: [body, ...definitions.map((d) => d.body)] }).result;
}

export interface EvaluateDerivativesOptions extends DeriveOptions {
  /** Simplify each derivative on its own before putting it back (default true); false puts back the raw derivative. */
  readonly simplify?: boolean;
}

/**
 * Replace every ∂ node inside a formula by its value: each one is computed in
 * isolation (its steps, then its simplification steps), then put back
 * ('subst.back'). The left side of an equation `∂E/∂w = …` names the quantity
 * being computed and stays as written.
 */
export function evaluateDerivatives(expr: Expr, options: EvaluateDerivativesOptions = {}): { result: Expr; steps: Step[] } {
  const ctx = makeContext(options.definitions ?? []);
  const simplifyParts = options.simplify ?? true;
  const linked = [expr, ...(options.definitions ?? []).map((d) => d.body)];
  const simplifyOptions = { assumptions: options.assumptions, sizes: options.sizes, steps: options.steps, linked };
  // Hide a left-hand derivative from the search by evaluating only the other sides.
  const named = expr.kind === 'rel' && expr.args[0]!.kind === 'diff' ? expr : null;
  const parts = named === null ? [expr] : named.args.slice(1);
  const whole = (ps: readonly Expr[]): Expr => (named === null ? ps[0]! : rel(named.ops, [named.args[0]!, ...ps]));

  let current = parts;
  const steps: Step[] = [];
  for (;;) {
    const d = firstDiff(current);
    if (d === null) break;
    let value: Expr;
    if (options.steps === true) {
      const isolated = evaluateDiffsWithSteps(d, ctx);
      steps.push(...isolated.steps);
      value = isolated.result;
      if (simplifyParts) {
        const s = simplify(value, simplifyOptions);
        steps.push(...s.steps);
        value = s.result;
      }
    } else {
      value = evaluateDiffs(d, ctx);
      if (simplifyParts) value = simplify(value, simplifyOptions).result;
    }
    const next = current.map((p) => replaceSubterm(p, d, value, { mayContain: containsDiff }));
    if (options.steps === true) {
      steps.push({ rule: 'subst.back', before: whole(current), after: whole(next), focus: d, replacement: value, params: {} });
    }
    current = next;
  }
  return { result: whole(current), steps };
}

function firstDiff(parts: readonly Expr[]): (Expr & { kind: 'diff' }) | null {
  for (const p of parts) {
    if (!containsDiff(p)) continue;
    const d = nextDiff(p);
    if (d !== null) return d;
  }
  return null;
}
