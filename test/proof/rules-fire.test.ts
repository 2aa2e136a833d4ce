// Every rule fires on a formula of its own, and its step's text says what happened.
//
// One row per rule id: a formula (definitions and assumptions, `;`-separated),
// optionally the variable to differentiate by, and a fragment that the step's
// justification must contain in each language. A rule id without a row fails
// the first test, so no rule can be added without one.

import { describe, expect, test } from 'vitest';
import { type Expr, mul, variable, type Var } from '../../src/core/ast.js';
import { RULE_IDS, type RuleId, type Step } from '../../src/core/steps.js';
import { resolveDefinitions } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { LANGS, proofJson } from '../../src/proof/index.js';
import { simplifyFormula } from '../../src/prove.js';

interface Row {
  readonly rule: RuleId;
  /** As text; an expression only where no text parses to it (a product of one factor). */
  readonly formula: string | Expr;
  /** Differentiate by this (`derive`); without it the formula is simplified (`simplify`, derivatives inside evaluated). */
  readonly wrt?: string;
  readonly en: string;
  readonly zh: string;
  /** Derive with `fold` (the lemmas that write derivatives with defined names). */
  readonly fold?: boolean;
}

const SOFTMAX_CE = String.raw`y_k = \frac{e^{z_k}}{\sum_i e^{z_i}}; E = -\sum_k t_k \log y_k; \sum_k t_k = 1`;

const ROWS: readonly Row[] = [
  { rule: 'index.rename-bound', formula: String.raw`\sum_j w_{jk} o_j`, wrt: 'w_{jk}', en: "rename it to j'", zh: "改名为 j'" },
  { rule: 'diff.sum-interchange', formula: String.raw`\sum_j w_{jk} o_j`, wrt: 'w_{jk}', en: "moves inside Σ_j'", zh: "移到 Σ_j' 里面" },
  { rule: 'diff.sum', formula: String.raw`\frac{d}{dx}(x + y)`, en: "(f + g)' = f' + g'", zh: '导数等于导数的和' },
  { rule: 'diff.neg', formula: String.raw`\frac{d}{dx}(-x)`, en: "(-f)' = -f'", zh: '负号可以提到导数外面' },
  { rule: 'diff.const', formula: String.raw`\frac{d}{dx}(x + y)`, en: 'y does not depend on x', zh: 'y 与 x 无关' },
  { rule: 'diff.var', formula: String.raw`\frac{d}{dx} x`, en: 'differentiated by itself gives 1', zh: '变量对自身求导' },
  { rule: 'diff.indexed-var', formula: String.raw`\frac{\partial}{\partial x_i} x_j`, en: 'x[j] is the variable x[i] exactly when', zh: 'x[j] 才是 x[i] 本身' },
  { rule: 'diff.const-multiple', formula: String.raw`\frac{d}{dx}(a x)`, en: 'a does not depend on x', zh: 'a 与 x 无关' },
  { rule: 'diff.const-divisor', formula: String.raw`\frac{d}{dx}\frac{x}{a}`, en: "denominator does not depend on x, so it stays outside the derivative: (f/c)' = f'/c", zh: '分母与 x 无关' },
  { rule: 'diff.product', formula: String.raw`\frac{d}{dx}(x \log(x))`, en: "(fg)' = f'g + fg'", zh: '乘积的求导法则' },
  { rule: 'diff.quotient', formula: String.raw`\frac{d}{dx}\frac{1}{x}`, en: "(f/g)' = (f'g - fg')/g^2", zh: '商的求导法则' },
  { rule: 'diff.power', formula: String.raw`\frac{d}{dx} x^3`, en: "(f^n)' = n f^(n-1) f'", zh: '幂函数的求导公式' },
  { rule: 'diff.exponential', formula: String.raw`\frac{d}{dx} 2^{x}`, en: "base does not depend on x: (a^g)' = a^g log a · g'", zh: '底数与 x 无关' },
  { rule: 'diff.power-general', formula: String.raw`\frac{d}{dx} x^{x}`, en: 'both the base and the exponent vary', zh: '底数和指数都含变量' },
  { rule: 'diff.chain', formula: String.raw`\frac{d}{dx} \log(x^2)`, en: 'for the outer function log', zh: '对外层函数 log 使用链式法则' },
  { rule: 'diff.chain-many', formula: String.raw`\max(0, 1 - y x)`, wrt: 'x', en: 'Chain rule for max', zh: '对多元函数 max 使用链式法则' },
  { rule: 'diff.inverse', formula: String.raw`\mathbf{a}^\top X^{-1} \mathbf{b}`, wrt: 'X_{kl}', en: 'Differentiating X X^(-1) = I gives', zh: '对 X X^(-1) = I 求导' },
  { rule: 'diff.determinant', formula: String.raw`\ln\det X`, wrt: 'X_{kl}', en: "Jacobi's formula", zh: '雅可比公式' },
  { rule: 'diff.iverson', formula: String.raw`\frac{d}{dx} [x > 0]`, en: 'piecewise constant', zh: '分段常数' },
  { rule: 'delta.eval', formula: String.raw`\delta_{kk} x`, en: 'δ_aa = 1 for equal indices', zh: '下标相同时' },
  { rule: 'sum.delta-collapse', formula: String.raw`\sum_i \delta_{ij} x_i`, en: 'Only the term with i = j is nonzero', zh: '只有 i = j 的那一项不为零' },
  { rule: 'sum.distribute-delta', formula: String.raw`\sum_i a_i (\delta_{ij} b + c)`, en: 'holds a δ of i', zh: '含 i 的 δ' },
  { rule: 'sum.zero', formula: String.raw`\sum_j 0 \cdot x_j`, en: 'Every term is 0', zh: '每一项都是 0' },
  { rule: 'sum.const', formula: String.raw`\sum_j c`, en: 'does not depend on j: the sum is #j copies', zh: '与 j 无关' },
  { rule: 'sum.split', formula: String.raw`\sum_j (x_j + c)`, en: 'summed term by term', zh: '逐项拆开' },
  { rule: 'sum.factor', formula: String.raw`\sum_j c x_j`, en: 'does not depend on j moves out of the sum', zh: '与 j 无关的因子可以提到求和号外面' },
  { rule: 'sum.index-values', formula: String.raw`\sum_{i=1}^{3} i`, en: 'Sum the index values', zh: '对指标值求和' },
  { rule: 'iverson.decide', formula: String.raw`[1 \le 2] x`, en: 'The index ranges decide the condition: [1 <= 2] = 1', zh: '判定条件：[1 <= 2] = 1' },
  { rule: 'diff.indexed-product', formula: String.raw`\prod_i x_i`, wrt: 'x_j', en: 'differentiate one factor at a time by x[j]', zh: '每次只对一个因子求' },
  { rule: 'prod.one', formula: String.raw`\prod_j 1`, en: 'Every factor is 1, so the product is 1', zh: '每个因子都是 1' },
  { rule: 'prod.const', formula: String.raw`\prod_j c`, en: 'The factor does not depend on j', zh: '与 j 无关' },
  { rule: 'diff.indexed-max', formula: String.raw`\max_j x_j`, wrt: 'x_k', en: 'only the largest term varies the maximum', zh: '只有最大的项影响最大值' },
  { rule: 'diff.indexed-min', formula: String.raw`\min_j x_j`, wrt: 'x_k', en: 'only the smallest term varies the minimum', zh: '只有最小的项影响最小值' },
  { rule: 'max.const', formula: String.raw`\max_j c`, en: 'The term does not depend on j and the range is not empty', zh: '项与 j 无关且范围非空' },
  { rule: 'min.const', formula: String.raw`\min_{j=1}^{3} c`, en: 'the minimum is the term', zh: '最小值就是这一项' },
  { rule: 'max.shift', formula: String.raw`\max_j (x_j + c)`, en: 'A term that does not depend on j is added to every value', zh: '也就加在最大值上' },
  { rule: 'min.shift', formula: String.raw`\min_{j=1}^{n} (2 - x_j)`, en: 'so it adds to the minimum', zh: '也就加在最小值上' },
  { rule: 'def.unfold', formula: 'y = x^2; y^2', wrt: 'x', en: 'Replace y by its definition', zh: '把 y 换成它的定义式' },
  { rule: 'def.fold', formula: 'y = e^{x}; E = t \\log y + y', wrt: 'x', en: 'as y again, by its definition', zh: '写回 y' },
  { rule: 'def.chain', formula: String.raw`o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`, wrt: 'w_{jk}', fold: true,
    en: 'whose derivative is written in itself', zh: '其导数可用自身表示' },
  { rule: 'def.softmax', formula: SOFTMAX_CE, wrt: 'z_j', en: 'y[k] is a softmax', zh: 'y[k] 是 softmax' },
  { rule: 'subst.back', formula: String.raw`\frac{d}{dx} x^2 + y`, en: 'Put the evaluated derivative 2 * x back', zh: '代入原式' },
  { rule: 'alg.flatten-sum', formula: 'a + (b + c)', en: '(a + b) + c = a + b + c', zh: '加法满足结合律' },
  { rule: 'alg.add-zero', formula: 'x + 0', en: 'x + 0 = x', zh: '0 项可以去掉' },
  { rule: 'alg.single-term', formula: '2x + 3x', en: 'A sum of one term is that term', zh: '只有一项的和就是这一项' },
  { rule: 'alg.add-numbers', formula: '2 + x + 3', en: 'The numbers in a sum are added', zh: '和里的数加起来' },
  { rule: 'alg.collect-terms', formula: '2x + 3x', en: 'Collect like terms', zh: '合并同类项' },
  { rule: 'alg.reorder', formula: '-t + y', en: 'a positive term goes first', zh: '把正项写在前面' },
  { rule: 'alg.double-neg', formula: '-(-x)', en: '-(-x) = x', zh: '负负得正' },
  { rule: 'alg.neg-coefficient', formula: '-(2x)', en: 'minus sign goes into the coefficient', zh: '负号并入系数' },
  { rule: 'alg.neg-sum', formula: '-(a - b)', en: 'changes the sign of every term', zh: '各项都变号' },
  { rule: 'alg.flatten-product', formula: 'a (b c)', en: '(ab)c = abc', zh: '乘法满足结合律' },
  { rule: 'alg.mul-zero', formula: '0 x', en: 'factor 0 is 0', zh: '含因子 0 的乘积为 0' },
  { rule: 'alg.mul-one', formula: '1 x', en: 'factor 1 drops out', zh: '因子 1 可以去掉' },
  { rule: 'alg.single-factor', formula: mul([variable('x')]), en: 'A product of one factor is that factor', zh: '只有一个因子的积' },
  { rule: 'alg.mul-numbers', formula: String.raw`x \cdot 2 \cdot 3`, en: 'one leading coefficient', zh: '合并成一个系数' },
  { rule: 'alg.combine-fractions', formula: String.raw`a \frac{b}{c}`, en: 'A product with fractions is one fraction', zh: '合成一个分式' },
  { rule: 'alg.collect-powers', formula: String.raw`x \cdot x`, en: 'Powers of the same base x multiply', zh: '同底数 x 的幂相乘' },
  { rule: 'alg.zero-numerator', formula: String.raw`\frac{0}{x}`, en: 'numerator 0 is 0', zh: '分子为 0' },
  { rule: 'alg.div-one', formula: String.raw`\frac{x}{1}`, en: 'x/1 = x', zh: '分母 1 可以去掉' },
  { rule: 'alg.flatten-fraction', formula: String.raw`\frac{\frac{a}{b}}{c}`, en: 'A fraction of fractions is one fraction', zh: '繁分式化成一个分式' },
  { rule: 'alg.cancel', formula: String.raw`\frac{x^2 y}{x z}`, en: 'Cancel the common factor x of numerator and denominator', zh: '约去分子和分母的公因式 x' },
  { rule: 'alg.reduce-fraction', formula: String.raw`\frac{6x}{4y}`, en: 'Reduce the numeric coefficients', zh: '约简分式里的数值系数' },
  { rule: 'alg.pow-one', formula: 'x^1', en: 'x^1 = x', zh: '指数为 1 的幂等于底数' },
  { rule: 'alg.pow-zero', formula: 'x^0', en: 'x^0 = 1', zh: '指数为 0 的幂等于 1' },
  { rule: 'alg.one-pow', formula: '1^x', en: '1^x = 1', zh: '1 的任何次幂都等于 1' },
  { rule: 'alg.pow-indicator', formula: String.raw`\delta_{ij}^2 x`, en: 'a positive power of it is itself: delta[i,j]^2 = delta[i,j]', zh: '正数次幂等于自身' },
  { rule: 'alg.pow-numbers', formula: '2^3 x', en: 'Compute the power: 2^3 = 8', zh: '计算乘方：2^3 = 8' },
  { rule: 'alg.negative-exponent', formula: 'x^{-2}', en: 'A negative exponent is a reciprocal', zh: '负指数幂等于倒数' },
  { rule: 'alg.neg-base-power', formula: '(-x)^2', en: 'An even power drops the minus sign', zh: '偶次幂去掉负号' },
  { rule: 'alg.power-of-power', formula: '(x^2)^3', en: '(x^a)^b = x^(ab)', zh: '幂的乘方' },
  { rule: 'alg.power-of-product', formula: String.raw`(2 \sigma^2)^2 s`, en: 'product of the powers', zh: '积的乘方' },
  { rule: 'alg.root-squared', formula: String.raw`\sqrt{v + \epsilon}^2`, en: 'Squaring undoes the square root', zh: '平方抵消平方根' },
  { rule: 'alg.root-of-square', formula: String.raw`\sqrt{u^2}`, en: 'absolute value', zh: '绝对值' },
  { rule: 'alg.eval-function', formula: String.raw`\exp(0) + x`, en: 'exact value here: exp(0) = 1', zh: '精确值：exp(0) = 1' },
  { rule: 'alg.log-exp', formula: String.raw`\log(e^{x}) + y`, en: 'The logarithm undoes the exponential: log(exp(x)) = x', zh: '对数与指数互为反函数：log(exp(x)) = x' },
  { rule: 'alg.index-number', formula: String.raw`\sum_i \delta_{i2} i`, en: 'stands for a fixed number', zh: '取定值的指标' },
  { rule: 'alg.assumption', formula: String.raw`\sum_i t_i; \sum_k t_k = 1`, en: 'By the assumption sum(k, t[k]) = 1', zh: '根据已知条件 sum(k, t[k]) = 1' },
  { rule: 'named.sigmoid', formula: String.raw`\frac{e^{u} x}{1 + e^{u}}`, en: 'the logistic sigmoid written out', zh: '写开了的 sigmoid' },
  { rule: 'named.sigmoid-exp', formula: String.raw`\sigma(u) e^{-u} x`, en: 'sigmoid(u) * exp(-u) * x = sigmoid(-u) * x', zh: 'sigmoid(u) * exp(-u) * x = sigmoid(-u) * x' },
  { rule: 'named.tanh', formula: String.raw`\frac{e^{u} - e^{-u}}{e^{u} + e^{-u}}`, en: 'hyperbolic tangent written out', zh: '写开了的双曲正切' },
  { rule: 'named.cosh', formula: String.raw`\frac{e^{u} + e^{-u}}{2}`, en: 'hyperbolic cosine written out', zh: '写开了的双曲余弦' },
  { rule: 'named.sinh', formula: String.raw`\frac{e^{u} - e^{-u}}{2}`, en: 'hyperbolic sine written out', zh: '写开了的双曲正弦' },
  { rule: 'named.tanh-ratio', formula: String.raw`\frac{\sinh(u)}{\cosh(u)}`, en: 'quotient of hyperbolic functions', zh: '双曲函数之比' },
  { rule: 'named.abs', formula: String.raw`x \operatorname{sign}(x)`, en: 'its absolute value', zh: '绝对值' },
  { rule: 'named.sigmoid-derivative', formula: String.raw`\frac{e^{-u}}{(1 + e^{-u})^2}`, en: 'derivative of the logistic sigmoid written out', zh: '写开了的 sigmoid 导数' },
  { rule: 'collect.like-terms', formula: String.raw`2(\#j x_k - \sum_j x_j) - 2(\sum_i x_i - \#i x_k)`, en: 'letters that index one slot of one array', zh: '取值范围相同' },
  { rule: 'collect.common-factor', formula: String.raw`a x y - b x y`, en: 'Pull out the common factor', zh: '提取公因式' },
  { rule: 'collect.expand', formula: String.raw`y (1 - s) - (1 - y) s`, en: 'Multiply out and collect like terms', zh: '展开后合并同类项' },
  { rule: 'collect.absorb-minus', formula: String.raw`-\sum_i (y_i - s_i) x_i`, en: 'The minus sign swaps a difference', zh: '负号使差的两项交换' },
  { rule: 'collect.flatten-nested', formula: String.raw`\frac{a - \frac{b}{c}}{d}`, en: 'written over its common denominator', zh: '先通分' },
  { rule: 'collect.clear-fractions', formula: String.raw`m (d - \frac{1}{m})`, en: 'Multiplying out cancels the denominators', zh: '乘开后分母约去' },
];

function stepsOf(row: Row): Step[] {
  if (typeof row.formula !== 'string') return simplifyFormula(row.formula, { steps: true }).steps;
  const r = resolveDefinitions(parseFormulas(row.formula), row.wrt === undefined ? [] : [parse(row.wrt)]);
  const options = { definitions: r.definitions, assumptions: r.assumptions, steps: true, fold: row.fold };
  return row.wrt === undefined ? simplifyFormula(r.target, options).steps : derive(r.target, r.extra[0] as Var, options).steps;
}

/** The justification of one step as the renderers print it (plain text). */
function why(step: Step, lang: (typeof LANGS)[number]): string {
  return proofJson({ goal: step.before, steps: [step], result: step.after }, { lang, detail: 'full' }).steps[0]!.whyText;
}

test('every rule id has a row, and only one', () => {
  expect(ROWS.map((r) => r.rule).sort()).toEqual([...RULE_IDS].sort());
});

describe('every rule fires on its formula and its text names what happened', () => {
  test.each(ROWS.map((r) => [r.rule, r] as const))('%s', (id, row) => {
    const steps = stepsOf(row);
    const step = steps.find((s) => s.rule === id);
    expect(step, `no ${id} among ${steps.map((s) => s.rule).join(', ')}`).toBeDefined();
    expect(why(step!, 'en')).toContain(row.en);
    expect(why(step!, 'zh')).toContain(row.zh);
  });
});
