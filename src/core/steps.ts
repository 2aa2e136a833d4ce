// Step records: the single vocabulary shared by the differentiator and the
// simplifier (which produce steps) and the proof renderers (which explain them).
//
// A derivation is a list of equality-preserving rewrites of one running
// expression. Each step rewrites one subterm (`focus`) into `replacement`;
// `before` and `after` are the whole expressions around it. Rule ids are
// stable: they key the en/zh justification texts in the proof catalogue.

import type { Expr } from './ast.js';

export const RULE_IDS = [
  // indices
  'index.rename-bound', // Σ_j … → Σ_{j'} … (α-renaming to avoid capture)
  // differentiation
  'diff.sum-interchange', // ∂/∂w Σ_j f = Σ_j ∂f/∂w
  'diff.sum', // (f + g)' = f' + g', also differences
  'diff.neg', // (-f)' = -f'
  'diff.const', // c' = 0 (does not depend on the variable)
  'diff.var', // ∂x/∂x = 1
  'diff.indexed-var', // ∂w_{j'k}/∂w_{jk} = δ_{j'j} δ_{kk}
  'diff.const-multiple', // (a f)' = a f'
  'diff.product', // (fg)' = f'g + fg'
  'diff.quotient', // (f/g)' = (f'g - fg')/g²
  'diff.power', // (f^n)' = n f^{n-1} f'
  'diff.power-general', // (f^g)' = f^g (g' log f + g f'/f)
  'diff.chain', // (φ(u))' = φ'(u) u', with φ' from the function table (params.fn)
  'diff.iverson', // [cond]' = 0 (piecewise constant)
  // deltas and sums
  'delta.eval', // δ_{kk} = 1, δ_{12} = 0
  'sum.delta-collapse', // Σ_{j'} δ_{j'j} f(j') = f(j)
  'sum.zero', // Σ_j 0 = 0
  'sum.const', // Σ_j c = #j · c
  'sum.split', // Σ (f + g) = Σ f + Σ g
  'sum.factor', // Σ_j c f_j = c Σ_j f_j
  // products (\prod)
  'diff.indexed-product', // ∂/∂w Π_i f_i = Σ_i ∂f_i/∂w Π_{i'} (δ_{i'i} + (1 - δ_{i'i}) f_{i'})
  'prod.one', // Π_j 1 = 1
  'prod.const', // Π_j c = c^{#j}
  // definitions
  'def.unfold', // replace a defined name by its definition
  'def.fold', // write a definition's right side as its name again
  'subst.back', // put an evaluated sub-derivative back into the whole expression
  // algebra
  'alg.fold-constants',
  'alg.flatten',
  'alg.identity', // x·1, x+0, x^1, --x
  'alg.zero', // x·0, 0/x
  'alg.collect-terms', // 2x + 3x = 5x
  'alg.collect-powers', // x·x = x²
  'alg.distribute',
  'alg.reorder', // canonical order of factors and terms
  'alg.assumption', // use a user-given assumption (Σ_k t_k = 1)
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export interface Step {
  readonly rule: RuleId;
  /** The whole expression before this step. */
  readonly before: Expr;
  /** The whole expression after it. */
  readonly after: Expr;
  /** The subterm of `before` that was rewritten. */
  readonly focus: Expr;
  /** What `focus` became in `after`. */
  readonly replacement: Expr;
  /** Data for the justification text: `{fn: 'sigmoid'}`, `{from: 'j', to: "j'"}`. */
  readonly params: Readonly<Record<string, string>>;
}
