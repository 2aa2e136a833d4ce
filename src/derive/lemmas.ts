// Derivative lemmas of a defined name: where a definition's body has a known
// shape, the derivative of the name is written with the name, as a textbook
// quotes it, instead of unfolding the body and differentiating it.
//
//   d = f(u), f' written in f itself (σ' = σ(1-σ), tanh' = 1-tanh², exp' = exp, √' = 1/(2√)):
//       ∂d = f'(u)|_{f(u) = d} ∂u                       'def.chain'    (o(1 - o) u', (1 - h²) u', d u')
//   p_i = e^{u_i} / Σ_j e^{u_j} (softmax, also e^{z_i/T}):
//       ∂p_i = p_i (∂u_i - Σ_j p_j ∂u_j)                'def.softmax'  (u_i = z_i: p_i(δ_{ik} - p_k))
//
// Both are equalities by the definition (the quotient rule, with e^{u_j}/Σ e^{u} = p_j at
// every j, whatever the sum's bounds), so the result is right wherever the unfolded one is.
// The function table says which functions qualify: f'(u) with f(u) replaced by the name
// must no longer contain u (sin' = cos does not qualify, and is unfolded as before).

import { add, children, diff, type Expr, ivar, mul, neg, type Reduce, sum, variable, type Var } from '../core/ast.js';
import { replaceSubterm } from '../core/replace.js';
import { freeIndices, renameBound, substituteIndex } from '../core/indices.js';
import { type Definition, type DefinitionTable, instantiate } from '../definitions.js';
import { varKey } from '../core/names.js';
import { functionSpec } from '../functions.js';
import type { RuleId } from '../core/steps.js';

export interface Lemma {
  readonly rule: RuleId;
  readonly result: Expr;
  /** Evaluate and simplify the result in the same step (src/derive/rules.ts `RuleApplication.whole`). */
  readonly whole: boolean;
}

/** Whether `e` contains the node `x` (nodes are hash-consed: `===` is structural equality). */
const contains = (e: Expr, x: Expr): boolean => e === x || children(e).some((c) => contains(c, x));

/** The argument of `e^{u}` (the exp call), else null. */
const exponentOf = (e: Expr): Expr | null => (e.kind === 'call' && e.fn === 'exp' && e.args.length === 1 ? e.args[0]! : null);

/**
 * The slot of a softmax-shaped definition, `p_{…a…} = e^{u(a)} / Σ_j e^{u(j)}`: the position of
 * the index letter `a` that the sum runs over in the denominator, else null.
 */
export function softmaxSlot(def: Pick<Definition, 'indices' | 'body'>): number | null {
  const { body } = def;
  if (body.kind !== 'div' || exponentOf(body.num) === null) return null;
  const den = body.den;
  if (den.kind !== 'reduce' || den.op !== 'sum' || exponentOf(den.body) === null) return null;
  // The numerator's own letter j (free there) would be captured by the sum: not this shape.
  if (freeIndices(body.num).has(den.index)) return null;
  for (const [slot, a] of def.indices.entries()) {
    if (freeIndices(den).has(a)) continue;
    if (substituteIndex(body.num, a, ivar(den.index)) === den.body) return slot;
  }
  return null;
}

/**
 * The lemma for `∂v/∂wrt`, `v` a use of the defined `def` (`definitions`: all of them in scope),
 * or null when its body has no known shape. `elementwise`: also the 'def.chain' lemma (it writes σ(u)(1-σ(u)) as o(1-o), so only
 * when names are folded).
 */
export function definedDerivative(v: Var, def: Definition, wrt: Var, definitions: DefinitionTable, elementwise: boolean): Lemma | null {
  const D = (e: Expr) => diff(e, wrt);
  const slot = softmaxSlot(def);
  if (slot !== null) {
    const body = instantiate(def, v.indices) as Expr & { kind: 'div' };
    // A bound letter that is also a letter of the variable would capture it once ∂ moves inside.
    let den = body.den as Reduce;
    const taken = new Set([...freeIndices(wrt), ...freeIndices(v)]);
    if (taken.has(den.index)) den = renameBound(den, taken);
    const at = variable(v, v.indices.map((x, i) => (i === slot ? ivar(den.index) : x)), v.commaIndices, v.superscript);
    const weighted = sum(den.index, mul([at, D(exponentOf(den.body)!)]), den.lower, den.upper);
    // The softmax of an input z itself is the lemma a textbook quotes, p_i(δ_{ik} - p_k): one step.
    const u = exponentOf(body.num)!;
    const whole = u.kind === 'var' && !definitions.has(varKey(u));
    return { rule: 'def.softmax', result: mul([v, add([D(u), neg(weighted)])]), whole };
  }
  if (!elementwise) return null;
  const body = instantiate(def, v.indices);
  if (body.kind !== 'call' || body.args.length !== 1) return null;
  const spec = functionSpec(body.fn, body);
  if (spec.derivative === undefined) return null;
  const u = body.args[0]!;
  const outer = replaceSubterm(spec.derivative(u, body), body, v);
  if (contains(outer, u)) return null;
  return { rule: 'def.chain', result: mul([...(outer.kind === 'mul' ? outer.factors : [outer]), D(u)]), whole: false };
}

