// Step records: the single vocabulary shared by the differentiator and the
// simplifier (which produce steps) and the proof renderers (which explain them).
//
// A derivation is a list of equality-preserving rewrites of one running
// expression. Each step rewrites one subterm (`focus`) into `replacement`;
// `before` and `after` are the whole expressions around it. Rule ids are
// stable, and each names one rewrite rule (no two rules share one): a step
// says which rule fired, and the id keys that rule's en/zh texts in the proof
// catalogue (src/proof/texts.ts).

import type { Expr } from './ast.js';

export const RULE_IDS = [
  // indices
  'index.rename-bound', // Σ_j … → Σ_{j'} … (α-renaming to avoid capture)
  // differentiation (src/derive/rules.ts)
  'diff.sum-interchange', // ∂/∂w Σ_j f = Σ_j ∂f/∂w
  'diff.sum', // (f + g)' = f' + g', also differences
  'diff.neg', // (-f)' = -f'
  'diff.const', // c' = 0 (does not depend on the variable)
  'diff.var', // ∂x/∂x = 1
  'diff.indexed-var', // ∂w_{j'k}/∂w_{jk} = δ_{j'j} δ_{kk}
  'diff.const-multiple', // (a f)' = a f'
  'diff.const-divisor', // (f/c)' = f'/c
  'diff.product', // (fg)' = f'g + fg'
  'diff.quotient', // (f/g)' = (f'g - fg')/g²
  'diff.power', // (f^n)' = n f^{n-1} f'
  'diff.exponential', // (a^g)' = a^g log a · g'
  'diff.power-general', // (f^g)' = f^g (g' log f + g f'/f)
  'diff.chain', // (φ(u))' = φ'(u) u', with φ' from the function table (params.fn)
  'diff.chain-many', // (φ(u_1, …, u_n))' = Σ_i ∂_iφ · u_i', e.g. max(a, b)' = [a ≥ b] a' + [a < b] b' (params.fn)
  'diff.iverson', // [cond]' = 0 (piecewise constant)
  'diff.inverse', // ∂(X^{-1})_{ab}/∂w = -Σ_{c,d} (X^{-1})_{ac} ∂X_{cd}/∂w (X^{-1})_{db}
  'diff.determinant', // ∂det X/∂w = det X Σ_{c,d} (X^{-1})_{dc} ∂X_{cd}/∂w (Jacobi's formula)
  // deltas, sums and Iverson brackets (src/simplify/rules/sums.ts)
  'delta.eval', // δ_{kk} = 1, δ_{12} = 0
  'sum.delta-collapse', // Σ_{j'} δ_{j'j} f(j') = f(j)
  'sum.distribute-delta', // Σ_i a (δ_{ij} b + c) = Σ_i (a δ_{ij} b + a c), to let the δ collapse
  'sum.zero', // Σ_j 0 = 0
  'sum.const', // Σ_j c = #j · c
  'sum.split', // Σ (f + g) = Σ f + Σ g
  'sum.factor', // Σ_j c f_j = c Σ_j f_j
  'sum.index-values', // Σ_{i=1}^{3} i = 6 (src/simplify/rules/index-sums.ts)
  'iverson.decide', // [1 ≤ 2] = 1, decided from the index ranges
  // products (\prod)
  'diff.indexed-product', // ∂/∂w Π_i f_i = Σ_i ∂f_i/∂w Π_{i'} (δ_{i'i} + (1 - δ_{i'i}) f_{i'})
  'prod.one', // Π_j 1 = 1
  'prod.const', // Π_j c = c^{#j}
  // max and min over an index (\max_j, \min_j)
  'diff.indexed-max', // ∂/∂w max_j f_j = Σ_j Π_{j'} ([j' < j][f_j > f_{j'}] + [j' ≥ j][f_j ≥ f_{j'}]) ∂f_j/∂w
  'diff.indexed-min', // ∂/∂w min_j f_j = Σ_j Π_{j'} ([j' < j][f_j < f_{j'}] + [j' ≥ j][f_j ≤ f_{j'}]) ∂f_j/∂w
  'max.const', // max_j c = c (a range that is not empty)
  'min.const', // min_j c = c (a range that is not empty)
  'max.shift', // max_j (c + f_j) = c + max_j f_j
  'min.shift', // min_j (c + f_j) = c + min_j f_j
  // definitions
  'def.unfold', // replace a defined name by its definition
  'def.fold', // write a definition's right side as its name again
  'def.chain', // ∂o/∂w = o(1 - o) ∂u/∂w for o = σ(u); (1 - h²) u' for h = tanh u; d u' for d = e^u (src/derive/lemmas.ts)
  'def.softmax', // ∂p_i/∂w = p_i(∂u_i/∂w - Σ_j p_j ∂u_j/∂w) for p_i = e^{u_i}/Σ_j e^{u_j}; p_i(δ_{ik} - p_k) by z_k
  'subst.back', // put an evaluated sub-derivative back into the whole expression
  // algebra (src/simplify/rules/algebra.ts)
  'alg.flatten-sum', // (a + b) + c = a + b + c
  'alg.add-zero', // x + 0 = x
  'alg.single-term', // a sum of one term is that term
  'alg.add-numbers', // 2 + x + 3 = 5 + x
  'alg.collect-terms', // 2x + 3x = 5x
  'alg.reorder', // -t + y = y - t
  'alg.double-neg', // -(-x) = x
  'alg.neg-coefficient', // -(2x) = (-2)x
  'alg.neg-sum', // -(a - b) = b - a
  'alg.flatten-product', // (ab)c = abc
  'alg.mul-zero', // x·0 = 0
  'alg.mul-one', // 1·x = x
  'alg.single-factor', // a product of one factor is that factor
  'alg.mul-numbers', // x·2·3 = 6x
  'alg.combine-fractions', // a · b/c = ab/c
  'alg.collect-powers', // x·x = x², x^a x^b = x^{a+b}
  'alg.zero-numerator', // 0/x = 0
  'alg.div-one', // x/1 = x
  'alg.flatten-fraction', // (a/b)/c = a/(bc)
  'alg.cancel', // x² y/(x z) = x y/z
  'alg.reduce-fraction', // 6x/(4y) = 3x/(2y)
  'alg.pow-one', // x^1 = x
  'alg.pow-zero', // x^0 = 1
  'alg.one-pow', // 1^x = 1
  'alg.pow-indicator', // δ² = δ, [c]² = [c]
  'alg.pow-numbers', // 2³ = 8
  'alg.negative-exponent', // x^{-2} = 1/x²
  'alg.neg-base-power', // (-x)² = x², (-x)³ = -x³
  'alg.power-of-power', // (x²)³ = x⁶, (x^a)² = x^{2a}
  // powers and roots (src/simplify/rules/powers.ts)
  'alg.power-of-product', // (2σ²)² = 2²(σ²)²
  'alg.root-squared', // √u² = u
  'alg.root-of-square', // √(u²) = |u|
  'alg.eval-function', // exp 0 = 1, √4 = 2
  'alg.log-exp', // log(e^x) = x
  'alg.index-number', // an index value that is a number is that number
  'alg.assumption', // use a user-given assumption (Σ_k t_k = 1)
  // exp forms that are a named function (src/simplify/rules/named.ts)
  'named.sigmoid', // e^u/(1 + e^u) = σ(u), 1/(1 + e^{-u}) = σ(u)
  'named.sigmoid-exp', // e^{-u} σ(u) = σ(-u)
  'named.tanh', // (e^u - e^{-u})/(e^u + e^{-u}) = tanh u
  'named.cosh', // (e^u + e^{-u})/2 = cosh u
  'named.sinh', // (e^u - e^{-u})/2 = sinh u
  'named.sigmoid-derivative', // e^{-u}/(1 + e^{-u})² = σ(u)(1 - σ(u))
  'named.tanh-ratio', // sinh u / cosh u = tanh u, cosh u / sinh u = coth u
  'named.abs', // u sign(u) = |u|
  // collecting and factoring (src/simplify/rules/collect.ts)
  'collect.like-terms', // 2(#j x - Σ_j x_j) - 2(Σ_i x_i - #i x) = 4(#i x - Σ_i x_i) when i, j share a range
  'collect.common-factor', // a x - b x = (a - b) x
  'collect.expand', // y(1 - σ) - (1 - y)σ = y - σ (distributed, collected, kept when smaller)
  'collect.absorb-minus', // -Σ_i (y_i - σ_i) x_i = Σ_i (σ_i - y_i) x_i
  'collect.flatten-nested', // (a - b/c)/d = (ac - b)/(cd)
  'collect.clear-fractions', // m(δ - 1/m) = mδ - 1
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
  /** Expressions the justification text names: `{factor: x}` for a cancellation, `{assumption: Σ_k t_k = 1}`. */
  readonly exprs?: StepExprs;
}

export type StepExprs = Readonly<Record<string, Expr>>;
