// The derivative rules. Each performs ONE rewrite of one `∂body/∂wrt` node
// whose body holds no derivative, and returns the rule's id and its result;
// the result may still contain `∂` nodes of sub-parts (the product rule gives
// ∂f·g + f·∂g). Both drivers (fast.ts, steps.ts) apply exactly these functions,
// so the explained derivation and the computed answer cannot disagree.
//
// The choice of rule follows what a person does: anything that does not depend
// on the variable is a constant (0); a product with one varying factor is a
// constant multiple, the product rule is for two or more; a constant exponent
// is the power rule.

import {
  add, assertNever, call, delta, diff, div, type Diff, type Expr, indexValue, iverson, ivar, mul, neg, num, pow, reduce, type Reduce,
  rel, type RelOp, sum, type Var, variable, type Index,
} from '../core/ast.js';
import { type Definition, definitionTable, type DefinitionTable, instantiate } from '../definitions.js';
import { matrixOf, sameName, userName, varKey } from '../core/names.js';
import { functionSpec } from '../functions.js';
import { baseLetter, freshIndex } from '../core/fresh.js';
import { allIndexNames, freeIndices, renameBound, substituteIndex } from '../core/indices.js';
import type { RuleId } from '../core/steps.js';
import { Dependence, mayBeSameVariable } from './depends.js';
import { definedDerivative } from './lemmas.js';

export interface DeriveContext {
  readonly definitions: DefinitionTable;
  readonly dependence: Dependence;
  /** Derivatives computed so far, by `∂` node id (nodes are hash-consed, so the id says body and variable). */
  readonly memo: Map<number, Expr>;
  /** Names are folded (`DeriveOptions.fold`): the 'def.chain' lemma writes σ(u)(1-σ(u)) u' of `o = σ(u)` as o(1-o) u'. */
  readonly fold: boolean;
}

export function makeContext(definitions: DefinitionTable | readonly Definition[] = [], options: { readonly fold?: boolean } = {}): DeriveContext {
  const table = Array.isArray(definitions) ? definitionTable(definitions) : (definitions as DefinitionTable);
  return { definitions: table, dependence: new Dependence(table), memo: new Map(), fold: options.fold === true };
}

export interface RuleApplication {
  readonly rule: RuleId;
  readonly result: Expr;
  readonly params: Readonly<Record<string, string>>;
  /**
   * The result's derivatives are evaluated and the result simplified within this one step (both
   * drivers, src/derive/fast.ts `applyWhole`): a lemma quoted whole, as a textbook does
   * (`∂p_i/∂z_k = p_i(δ_{ik} - p_k)`), rather than its ∂z_i/∂z_k rows.
   */
  readonly whole?: boolean;
}

const zero = num(0);
const one = num(1);

const apply = (rule: RuleId, result: Expr, params: Record<string, string> = {}): RuleApplication => ({ rule, result, params });

/** Rewrite `d` once. `d.body` must not contain a derivative (evaluate inner ones first). */
export function applyRule(d: Diff, ctx: DeriveContext): RuleApplication {
  const { body, wrt } = d;
  const D = (e: Expr) => diff(e, wrt);
  const varies = (e: Expr) => ctx.dependence.dependsOn(e, wrt);
  if (!varies(body)) return apply('diff.const', zero);
  switch (body.kind) {
    case 'var': return variableRule(body, wrt, ctx);
    case 'add': return apply('diff.sum', add(body.terms.map(D)));
    case 'neg': return apply('diff.neg', neg(D(body.arg)));
    case 'mul': {
      const varying = body.factors.flatMap((f, i) => (varies(f) ? [i] : []));
      const withDerivative = (i: number) => mul(body.factors.map((f, j) => (j === i ? D(f) : f)));
      if (varying.length === 1) return apply('diff.const-multiple', withDerivative(varying[0]!));
      return apply('diff.product', add(varying.map(withDerivative)));
    }
    case 'div': {
      if (!varies(body.den)) return apply('diff.const-divisor', div(D(body.num), body.den));
      const numerator = add([mul([D(body.num), body.den]), neg(mul([body.num, D(body.den)]))]);
      return apply('diff.quotient', div(numerator, pow(body.den, num(2))));
    }
    case 'pow': {
      const { base, exp } = body;
      if (!varies(exp)) {
        // n f^{n-1} f', written as people do: 2 f f' rather than 2 f^1 f'.
        const lowered = exp.kind === 'num' ? num(exp.value - 1) : add([exp, neg(one)]);
        const power = lowered === one ? base : pow(base, lowered);
        return apply('diff.power', mul([exp, power, D(base)]));
      }
      if (!varies(base)) return apply('diff.exponential', mul([body, call('log', [base]), D(exp)]));
      // (f^g)' = f^g (g' log f + g f'/f)
      const inner = add([mul([D(exp), call('log', [base])]), div(mul([exp, D(base)]), base)]);
      return apply('diff.power-general', mul([body, inner]));
    }
    case 'call': {
      const spec = functionSpec(body.fn, body);
      if (spec.partials !== undefined) {
        const partials = spec.partials(body.args);
        return apply('diff.chain-many', add(body.args.map((a, i) => mul([partials[i]!, D(a)]))), { fn: body.fn });
      }
      if (body.args.length !== 1) throw new Error(`cannot differentiate '${body.fn}' with ${body.args.length} arguments`);
      const u = body.args[0]!;
      // φ'(u) u', with the factors of φ'(u) spliced in: σ(u)(1 - σ(u)) u'.
      const outer = spec.derivative(u, body);
      return apply('diff.chain', mul([...(outer.kind === 'mul' ? outer.factors : [outer]), D(u)]), { fn: body.fn });
    }
    case 'reduce': {
      // Moving ∂/∂w_{jk} inside Σ_j would let the binder capture the j of w_{jk}: rename it first.
      const taken = freeIndices(wrt);
      if (taken.has(body.index)) {
        const renamed = renameBound(body, taken);
        // Same derivative, renamed: keep how it was written.
        return apply('index.rename-bound', diff(renamed, wrt, d.form, d.notation), { from: body.index, to: renamed.index });
      }
      switch (body.op) {
        case 'sum': return apply('diff.sum-interchange', sum(body.index, D(body.body), body.lower, body.upper), { index: body.index });
        case 'prod': return apply('diff.indexed-product', productRule(body, D, taken), { index: body.index });
        case 'max': return apply('diff.indexed-max', extremeRule(body, D, taken, '>'), { index: body.index });
        case 'min': return apply('diff.indexed-min', extremeRule(body, D, taken, '<'), { index: body.index });
        default: return assertNever(body.op);
      }
    }
    case 'iverson': return apply('diff.iverson', zero);
    case 'diff': throw new Error('applyRule: evaluate the inner derivative first');
    case 'rel': throw new Error('cannot differentiate a relation; differentiate its sides');
    case 'num': case 'delta': case 'extent': case 'index': return apply('diff.const', zero);
    default: return assertNever(body);
  }
}

/**
 * The product rule for Π, in index form: each factor in turn is differentiated
 * and the others are kept, ∂/∂w Π_i f_i = Σ_i ∂f_i/∂w Π_{i'} (δ_{i'i} + (1 - δ_{i'i}) f_{i'}).
 * The factor i' = i becomes 1 by the δ, not by dividing by f_i, so this is
 * right where a factor is 0. Both run over Π's own range. The Σ keeps the
 * user's letter (the caller has renamed it if `wrt` uses it); the other factors
 * run over i', a fresh copy of i (so it ranges like i) that clashes with no
 * name in Π nor in `avoid` (the indices of the variable).
 */
function productRule(p: Reduce, D: (e: Expr) => Expr, avoid: ReadonlySet<string>): Expr {
  const other = freshIndex(baseLetter(p.index), allIndexNames(p, new Set(avoid)));
  const same = delta(ivar(other), ivar(p.index));
  const factor = add([same, mul([add([one, neg(same)]), substituteIndex(p.body, p.index, ivar(other))])]);
  return sum(p.index, mul([D(p.body), reduce('prod', other, factor, p.lower, p.upper)]), p.lower, p.upper);
}

/**
 * The derivative of max (`strict` = '>') or min ('<') over an index, with the convention of
 * `\max(a, b, …)` (src/functions.ts): at a tie the whole derivative goes to the first extreme
 * term. ∂/∂w max_j f_j = Σ_j W_j ∂f_j/∂w, where W_j = Π_{j'} ([j' < j][f_j > f_{j'}] +
 * [j' ≥ j][f_j ≥ f_{j'}]) is 1 exactly at the first j where f_j is maximal: it beats every earlier
 * term strictly and every later one or equally. Both run over the reduction's own range (an empty
 * range gives 0); j' is a fresh copy of j, as in `productRule`.
 */
function extremeRule(r: Reduce, D: (e: Expr) => Expr, avoid: ReadonlySet<string>, strict: '>' | '<'): Expr {
  const other = freshIndex(baseLetter(r.index), allIndexNames(r, new Set(avoid)));
  const [here, there] = [indexValue(ivar(r.index)), indexValue(ivar(other))];
  const rival = substituteIndex(r.body, r.index, ivar(other));
  const beats = (op: RelOp) => iverson(rel([op], [r.body, rival]));
  const winner = add([
    mul([iverson(rel(['<'], [there, here])), beats(strict)]),
    mul([iverson(rel(['>='], [there, here])), beats(strict === '>' ? '>=' : '<=')]),
  ]);
  return sum(r.index, mul([reduce('prod', other, winner, r.lower, r.upper), D(r.body)]), r.lower, r.upper);
}

function variableRule(v: Var, wrt: Var, ctx: DeriveContext): RuleApplication {
  if (v.of !== null && !mayBeSameVariable(v, wrt)) return matrixFunctionRule(v, wrt);
  if (mayBeSameVariable(v, wrt)) {
    if (v.indices.length === 0) return apply('diff.var', one);
    // ∂w_{ab}/∂w_{jk} = δ_{aj} δ_{bk}: one delta per index slot.
    const deltas = v.indices.map((a, i) => delta(a, wrt.indices[i]!));
    return apply('diff.indexed-var', deltas.length === 1 ? deltas[0]! : mul(deltas));
  }
  // It varies but is not the variable itself: only a definition can do that.
  const def = ctx.definitions.get(varKey(v));
  if (def === undefined) throw new Error(`applyRule: '${varKey(v)}' varies with '${varKey(wrt)}' but has no definition`);
  // A body of a known shape (softmax; with folding, σ, tanh, exp, …): its derivative written with the name.
  const lemma = definedDerivative(v, def, wrt, ctx.definitions, ctx.fold);
  if (lemma !== null) return { ...apply(lemma.rule, lemma.result, { name: userName(def) }), whole: lemma.whole };
  return apply('def.unfold', diff(instantiate(def, v.indices), wrt), { name: userName(def) });
}

/**
 * The inverse and the determinant of a matrix X (issue 11), by the entries of X:
 * ∂(X^{-1})_{ab}/∂w = -Σ_c Σ_d (X^{-1})_{ac} ∂X_{cd}/∂w (X^{-1})_{db} (from X X^{-1} = I), and Jacobi's
 * formula ∂det X/∂w = det X Σ_c Σ_d (X^{-1})_{dc} ∂X_{cd}/∂w. X may be defined (its ∂X_{cd}/∂w
 * unfolds it); c and d are fresh, clashing with no index of v or of the variable.
 */
function matrixFunctionRule(v: Var, wrt: Var): RuleApplication {
  const x = variable(matrixOf(v));
  const inverse = variable({ ...v, of: 'inverse' });
  const taken = allIndexNames(v, allIndexNames(wrt));
  // Copies of a letter of X's (square) range, so they range like it: the inverse's row letter, else the variable's.
  const letter = [...v.indices, ...(sameName(x, wrt) ? wrt.indices : [])].find((i) => i.kind === 'ivar');
  const base = letter?.kind === 'ivar' ? baseLetter(letter.name) : 'c';
  const c = freshIndex(base, taken);
  taken.add(c);
  const d = freshIndex(base, taken);
  const dX = diff(variable(x, [ivar(c), ivar(d)]), wrt);
  const inv = (a: Index, b: Index) => variable(inverse, [a, b]);
  const both = (body: Expr) => sum(c, sum(d, body));
  if (v.of === 'inverse') {
    const [a, b] = v.indices as [Index, Index];
    return apply('diff.inverse', neg(both(mul([inv(a, ivar(c)), dX, inv(ivar(d), b)]))), { name: userName(v) });
  }
  return apply('diff.determinant', mul([v, both(mul([inv(ivar(d), ivar(c)), dX]))]), { name: userName(v) });
}
