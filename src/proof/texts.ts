// The proof catalogue: for every rule id, a short label (the tag of an
// `align*` row) and a one-line justification, in English and Chinese, plus the
// detail level at which the step is shown.
//
// The table is a `Record<RuleId, …>`, so a rule added to steps.ts without a
// text here is a compile error.
//
// Text syntax. Inline math is delimited by `$…$` (LaTeX); everything else is
// plain prose. `{name}` is a placeholder, filled per step (see `Slots` in
// fill.ts): it may only appear inside math. `why` lists variants, most
// specific first; the first whose placeholders are all known is used, and the
// last one has no placeholders, so a step always gets a text even when its
// producer recorded no params.

import type { RuleId } from '../core/steps.js';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** How much a proof shows: headline steps only, every rule but pure algebra, or everything. */
export type Detail = 'brief' | 'normal' | 'full';
export const DETAILS: readonly Detail[] = ['brief', 'normal', 'full'];

export interface RuleText {
  /** The least detail at which a step of this rule is shown on its own row. */
  readonly level: Detail;
  readonly label: Readonly<Record<Lang, string>>;
  /** Justification variants, most specific first; the last one has no placeholders. */
  readonly why: Readonly<Record<Lang, readonly string[]>>;
}

const rule = (level: Detail, label: [string, string], en: string[], zh: string[]): RuleText => ({
  level, label: { en: label[0], zh: label[1] }, why: { en, zh },
});

export const RULE_TEXTS: Readonly<Record<RuleId, RuleText>> = {
  'index.rename-bound': rule('brief', ['rename bound index', '哑指标换名'], [
    // Shared by every reduction (Σ, Π, …): the words name no operator.
    "The bound index ${from}$ is a dummy variable, not the free ${from}$ of ${wrt}$: rename it to ${to}$ so the two cannot be confused.",
    "The bound index ${from}$ is a dummy variable: renaming it to ${to}$ does not change the value.",
    'A bound index is a dummy variable: renaming it does not change the value.',
  ], [
    "哑指标 ${from}$ 与 ${wrt}$ 中的自由指标 ${from}$ 并非同一个量，先把它改名为 ${to}$，以免混淆。",
    "哑指标 ${from}$ 改名为 ${to}$ 不改变表达式的值。",
    '哑指标改名不改变表达式的值。',
  ]),
  'diff.sum-interchange': rule('brief', ['swap $\\partial$ and $\\Sigma$', '交换求导与求和'], [
    'A finite sum is differentiated term by term: the derivative by ${wrt}$ moves inside $\\sum_{{index}}$.',
    'A finite sum is differentiated term by term: the derivative moves inside the sum.',
  ], [
    '有限和可以逐项求导，对 ${wrt}$ 的偏导数可以移到 $\\sum_{{index}}$ 里面。',
    '有限和可以逐项求导，求导与求和可以交换次序。',
  ]),
  'diff.sum': rule('normal', ['sum rule', '和的导数'], [
    "The derivative of a sum is the sum of the derivatives: $(f + g)' = f' + g'$.",
  ], [
    "和（差）的导数等于导数的和（差）：$(f + g)' = f' + g'$。",
  ]),
  'diff.neg': rule('normal', ['minus sign', '负号'], [
    "A minus sign stays outside the derivative: $(-f)' = -f'$.",
  ], [
    "负号可以提到导数外面：$(-f)' = -f'$。",
  ]),
  'diff.const': rule('normal', ['constant', '常数的导数'], [
    '${body}$ does not depend on ${wrt}$, so its derivative is $0$.',
    'The expression does not depend on the variable: its derivative is $0$.',
  ], [
    '${body}$ 与 ${wrt}$ 无关，是常数，导数为 $0$。',
    '与求导变量无关的项是常数，导数为 $0$。',
  ]),
  'diff.var': rule('normal', ['the variable itself', '自变量的导数'], [
    'A variable differentiated by itself gives $1$.',
  ], [
    '变量对自身求导，结果为 $1$。',
  ]),
  'diff.indexed-var': rule('brief', ['indexed variable', '下标变量求导'], [
    '${body}$ is the variable ${wrt}$ exactly when their indices agree one by one (derivative $1$); otherwise it is a constant (derivative $0$). So the derivative is ${replacement}$.',
    'An indexed variable is the variable we differentiate by exactly when the indices agree one by one: the derivative is a product of Kronecker deltas.',
  ], [
    '只有下标逐一相等时，${body}$ 才是 ${wrt}$ 本身（导数为 $1$）；否则它相对于 ${wrt}$ 是常数，导数为 $0$。所以导数是 ${replacement}$。',
    '只有下标逐一相等时，两个下标变量才是同一个变量，所以导数是 Kronecker $\\delta$ 的乘积。',
  ]),
  'diff.const-multiple': rule('brief', ['constant factor', '常数因子'], [
    "${constant}$ does not depend on ${wrt}$, so it stays outside the derivative as a constant factor: $(af)' = af'$, in particular $(ax)' = a$.",
    "By $(af)' = af'$ for a constant $a$: the factors that do not depend on ${wrt}$ stay outside the derivative.",
    "By $(af)' = af'$ for a constant $a$: a constant factor stays outside the derivative.",
  ], [
    "${constant}$ 与 ${wrt}$ 无关，作为常数因子提到导数外面：$(af)' = af'$（$a$ 为常数），特别地 $(ax)' = a$。",
    "根据求导公式 $(af)' = af'$（$a$ 为常数），与 ${wrt}$ 无关的因子可以提到导数外面。",
    "根据求导公式 $(af)' = af'$（$a$ 为常数），常数因子可以提到导数外面。",
  ]),
  'diff.inverse': rule('brief', ['inverse', '逆矩阵求导'], [
    'Differentiating $X X^{-1} = I$ gives $(dX) X^{-1} + X d(X^{-1}) = 0$, so $d(X^{-1}) = -X^{-1} (dX) X^{-1}$: entry by entry, ${focus}$ becomes ${replacement}$.',
    'Differentiating $X X^{-1} = I$ gives $d(X^{-1}) = -X^{-1} (dX) X^{-1}$, entry by entry.',
  ], [
    '对 $X X^{-1} = I$ 求导得 $(dX) X^{-1} + X d(X^{-1}) = 0$，故 $d(X^{-1}) = -X^{-1} (dX) X^{-1}$：逐个元素写出，${focus}$ 化为 ${replacement}$。',
    '对 $X X^{-1} = I$ 求导得 $d(X^{-1}) = -X^{-1} (dX) X^{-1}$（逐个元素）。',
  ]),
  'diff.determinant': rule('brief', ['determinant', '行列式求导'], [
    "Jacobi's formula: $d(\\det X) = \\det X \\sum_{c,d} (X^{-1})_{dc} dX_{cd}$, the trace of $X^{-1} dX$, so ${focus}$ becomes ${replacement}$.",
    "Jacobi's formula: $d(\\det X) = \\det X \\sum_{c,d} (X^{-1})_{dc} dX_{cd}$, the trace of $X^{-1} dX$.",
  ], [
    '雅可比公式：$d(\\det X) = \\det X \\sum_{c,d} (X^{-1})_{dc} dX_{cd}$，即 $X^{-1} dX$ 的迹，故 ${focus}$ 化为 ${replacement}$。',
    '雅可比公式：$d(\\det X) = \\det X \\sum_{c,d} (X^{-1})_{dc} dX_{cd}$，即 $X^{-1} dX$ 的迹。',
  ]),
  'diff.const-divisor': rule('brief', ['constant divisor', '常数分母'], [
    "The denominator does not depend on ${wrt}$, so it stays outside the derivative: $(f/c)' = f'/c$.",
    "A constant denominator stays outside the derivative: $(f/c)' = f'/c$.",
  ], [
    "分母与 ${wrt}$ 无关，可以留在导数外面：$(f/c)' = f'/c$。",
    "常数分母可以留在导数外面：$(f/c)' = f'/c$。",
  ]),
  'diff.product': rule('normal', ['product rule', '乘积法则'], [
    "Product rule: $(fg)' = f'g + fg'$.",
  ], [
    "根据乘积的求导法则：$(fg)' = f'g + fg'$。",
  ]),
  'diff.quotient': rule('normal', ['quotient rule', '商的求导法则'], [
    "Quotient rule: $(f/g)' = (f'g - fg')/g^2$.",
  ], [
    "根据商的求导法则：$(f/g)' = (f'g - fg')/g^2$。",
  ]),
  'diff.power': rule('brief', ['power rule', '幂的求导'], [
    "Power rule with the chain rule: $(f^n)' = n f^{n-1} f'$.",
  ], [
    "根据幂函数的求导公式和链式法则：$(f^n)' = n f^{n-1} f'$。",
  ]),
  'diff.exponential': rule('normal', ['exponential', '指数函数求导'], [
    "The base does not depend on ${wrt}$: $(a^g)' = a^g \\log a \\cdot g'$.",
    "For a constant base: $(a^g)' = a^g \\log a \\cdot g'$.",
  ], [
    "底数与 ${wrt}$ 无关：$(a^g)' = a^g \\log a \\cdot g'$。",
    "底数为常数时：$(a^g)' = a^g \\log a \\cdot g'$。",
  ]),
  'diff.power-general': rule('normal', ['general power rule', '幂指函数求导'], [
    "When both the base and the exponent vary: $(f^g)' = f^g (g' \\log f + g f'/f)$.",
  ], [
    "底数和指数都含变量时：$(f^g)' = f^g (g' \\log f + g f'/f)$。",
  ]),
  'diff.chain': rule('brief', ['chain rule', '链式法则'], [
    "Chain rule $(f(u))' = f'(u) u'$ for the outer function {fn}, with ${fnRule}$.",
    "Chain rule: $(f(u))' = f'(u) u'$, the derivative of the outer function times the derivative of its argument.",
  ], [
    "对外层函数 {fn} 使用链式法则 $(f(u))' = f'(u) u'$，其中 ${fnRule}$。",
    "根据链式法则 $(f(u))' = f'(u) u'$：外层函数的导数乘以内层函数的导数。",
  ]),
  'diff.chain-many': rule('brief', ['chain rule', '链式法则'], [
    'Chain rule for {fn}, a function of several arguments: each partial derivative times the derivative of its argument; at a tie the derivative goes to the first extreme argument.',
    'Chain rule for a function of several arguments: each partial derivative times the derivative of its argument.',
  ], [
    '对多元函数 {fn} 使用链式法则：各偏导数乘以对应自变量的导数；相等时导数归于第一个取到极值的自变量。',
    '对多元函数使用链式法则：各偏导数乘以对应自变量的导数。',
  ]),
  'diff.iverson': rule('normal', ['Iverson bracket', '艾佛森括号'], [
    'An Iverson bracket is piecewise constant: its derivative is $0$ wherever it exists.',
  ], [
    '艾佛森括号是分段常数，在可导处导数为 $0$。',
  ]),
  'delta.eval': rule('brief', ['evaluate $\\delta$', '$\\delta$ 求值'], [
    '$\\delta_{aa} = 1$ for equal indices and $\\delta_{ab} = 0$ for different numbers $a \\neq b$.',
  ], [
    '下标相同时 $\\delta_{aa} = 1$；下标是不同的数 $a \\neq b$ 时 $\\delta_{ab} = 0$。',
  ]),
  'sum.delta-collapse': rule('brief', ['$\\delta$ collapse', '$\\delta$ 消去求和'], [
    'Only the term with ${index} = {value}$ is nonzero (every other term has a factor $\\delta = 0$), so the sum collapses to that term.',
    'Only one term of the sum has a nonzero $\\delta$, so the sum collapses to that term.',
  ], [
    '只有 ${index} = {value}$ 的那一项不为零（其余各项都含因子 $\\delta = 0$），求和只剩下这一项。',
    '求和中只有一项的 $\\delta$ 不为零，其余各项都为 $0$，求和只剩下这一项。',
  ]),
  'sum.distribute-delta': rule('full', ['distribute to collapse', '展开以消去求和'], [
    'Multiply out the sum that holds a $\\delta$ of ${index}$, so that the $\\delta$ can collapse the sum: $a(\\delta b + c) = a \\delta b + a c$.',
    'Multiply out a sum that holds a $\\delta$, so that the $\\delta$ can collapse the sum: $a(\\delta b + c) = a \\delta b + a c$.',
  ], [
    '把含 ${index}$ 的 $\\delta$ 的和式乘开，使 $\\delta$ 能消去求和：$a(\\delta b + c) = a \\delta b + a c$。',
    '把含 $\\delta$ 的和式乘开，使 $\\delta$ 能消去求和：$a(\\delta b + c) = a \\delta b + a c$。',
  ]),
  'sum.zero': rule('normal', ['sum of zeros', '零求和'], [
    'Every term is $0$, so the sum is $0$.',
  ], [
    '每一项都是 $0$，和为 $0$。',
  ]),
  'sum.const': rule('normal', ['constant sum', '常数求和'], [
    'The term does not depend on ${index}$: the sum is $\\#{index}$ copies of it.',
    'The term does not depend on the summation index: the sum is that many copies of it.',
  ], [
    '求和项与 ${index}$ 无关，和等于项数 $\\#{index}$ 乘以这一项。',
    '求和项与求和指标无关，和等于项数乘以这一项。',
  ]),
  'sum.split': rule('normal', ['split the sum', '拆分求和'], [
    'A sum of terms is summed term by term: $\\sum_i (f_i + g_i) = \\sum_i f_i + \\sum_i g_i$.',
  ], [
    '求和可以逐项拆开：$\\sum_i (f_i + g_i) = \\sum_i f_i + \\sum_i g_i$。',
  ]),
  'sum.factor': rule('normal', ['factor out of $\\Sigma$', '提到求和号外'], [
    'A factor that does not depend on ${index}$ moves out of the sum.',
    'A factor that does not depend on the summation index moves out of the sum.',
  ], [
    '与 ${index}$ 无关的因子可以提到求和号外面。',
    '与求和指标无关的因子可以提到求和号外面。',
  ]),
  'sum.index-values': rule('normal', ['sum of index values', '指标值求和'], [
    'Sum the index values over the numeric range: ${focus} = {replacement}$.',
    'A sum of the index value over numeric bounds is a number: $\\sum_{i=a}^{b} i = (a+b)(b-a+1)/2$.',
  ], [
    '在数值范围内对指标值求和：${focus} = {replacement}$。',
    '指标值在数值上下限之间求和得到一个数：$\\sum_{i=a}^{b} i = (a+b)(b-a+1)/2$。',
  ]),
  'iverson.decide': rule('full', ['decide the bracket', '判定艾佛森括号'], [
    'The index ranges decide the condition: ${focus} = {replacement}$.',
    'The index ranges decide the condition: the Iverson bracket is $0$ or $1$.',
  ], [
    '由指标的取值范围可以判定条件：${focus} = {replacement}$。',
    '由指标的取值范围可以判定条件，艾佛森括号等于 $0$ 或 $1$。',
  ]),
  // products (\prod)
  'diff.indexed-product': rule('brief', ['product rule for $\\prod$', '连乘积的求导法则'], [
    "Product rule for $\\prod_{{index}}$: differentiate one factor at a time by ${wrt}$ and keep the others, $(\\prod_i f_i)' = \\sum_j f_j' \\prod_i (\\delta_{ij} + (1 - \\delta_{ij}) f_i)$. The $\\delta$ puts $1$ in place of the differentiated factor: nothing is divided by it, so this holds where a factor is $0$.",
    "Product rule for $\\prod$: differentiate one factor at a time and keep the others, $(\\prod_i f_i)' = \\sum_j f_j' \\prod_i (\\delta_{ij} + (1 - \\delta_{ij}) f_i)$. The $\\delta$ puts $1$ in place of the differentiated factor: nothing is divided by it, so this holds where a factor is $0$.",
  ], [
    "对 $\\prod_{{index}}$ 使用连乘积的求导法则：每次只对一个因子求 ${wrt}$ 的导数，其余因子不变，$(\\prod_i f_i)' = \\sum_j f_j' \\prod_i (\\delta_{ij} + (1 - \\delta_{ij}) f_i)$。其中 $\\delta$ 把被求导的因子换成 $1$，不用除以它，所以有因子为 $0$ 时也成立。",
    "根据连乘积的求导法则：每次只对一个因子求导，其余因子不变，$(\\prod_i f_i)' = \\sum_j f_j' \\prod_i (\\delta_{ij} + (1 - \\delta_{ij}) f_i)$。其中 $\\delta$ 把被求导的因子换成 $1$，不用除以它，所以有因子为 $0$ 时也成立。",
  ]),
  'prod.one': rule('normal', ['product of ones', '连乘 $1$'], [
    'Every factor is $1$, so the product is $1$.',
  ], [
    '每个因子都是 $1$，乘积为 $1$。',
  ]),
  'prod.const': rule('normal', ['constant product', '常数连乘'], [
    'The factor does not depend on ${index}$: the product is the factor to the power of the number of factors, ${replacement}$.',
    'The factor does not depend on the product index: the product is the factor to the power of the number of factors.',
  ], [
    '连乘的因子与 ${index}$ 无关，乘积等于这个因子的因子个数次幂：${replacement}$。',
    '连乘的因子与连乘指标无关，乘积等于这个因子的因子个数次幂。',
  ]),
  'diff.indexed-max': rule('brief', ['derivative of $\\max$', '$\\max$ 的导数'], [
    "Derivative of $\\max_{{index}}$ by ${wrt}$: only the largest term varies the maximum, $(\\max_j f_j)' = \\sum_j W_j f_j'$, where $W_j = \\prod_{j'} ([j' < j][f_j > f_{j'}] + [j' \\ge j][f_j \\ge f_{j'}])$ is $1$ at the first $j$ where $f_j$ is largest and $0$ elsewhere. At a tie the whole derivative goes to the first largest term, as for $\\max(a, b)$.",
    "Derivative of $\\max$: only the largest term varies the maximum, $(\\max_j f_j)' = \\sum_j W_j f_j'$, where $W_j = \\prod_{j'} ([j' < j][f_j > f_{j'}] + [j' \\ge j][f_j \\ge f_{j'}])$ is $1$ at the first $j$ where $f_j$ is largest and $0$ elsewhere. At a tie the whole derivative goes to the first largest term, as for $\\max(a, b)$.",
  ], [
    "对 $\\max_{{index}}$ 求 ${wrt}$ 的导数：只有最大的项影响最大值，$(\\max_j f_j)' = \\sum_j W_j f_j'$，其中 $W_j = \\prod_{j'} ([j' < j][f_j > f_{j'}] + [j' \\ge j][f_j \\ge f_{j'}])$ 在第一个使 $f_j$ 最大的 $j$ 处为 $1$，其余为 $0$。并列时导数全部归于第一个最大项，与 $\\max(a, b)$ 相同。",
    "根据 $\\max$ 的求导法则：只有最大的项影响最大值，$(\\max_j f_j)' = \\sum_j W_j f_j'$，其中 $W_j = \\prod_{j'} ([j' < j][f_j > f_{j'}] + [j' \\ge j][f_j \\ge f_{j'}])$ 在第一个使 $f_j$ 最大的 $j$ 处为 $1$，其余为 $0$。并列时导数全部归于第一个最大项，与 $\\max(a, b)$ 相同。",
  ]),
  'diff.indexed-min': rule('brief', ['derivative of $\\min$', '$\\min$ 的导数'], [
    "Derivative of $\\min_{{index}}$ by ${wrt}$: only the smallest term varies the minimum, $(\\min_j f_j)' = \\sum_j W_j f_j'$, where $W_j = \\prod_{j'} ([j' < j][f_j < f_{j'}] + [j' \\ge j][f_j \\le f_{j'}])$ is $1$ at the first $j$ where $f_j$ is smallest and $0$ elsewhere. At a tie the whole derivative goes to the first smallest term, as for $\\min(a, b)$.",
    "Derivative of $\\min$: only the smallest term varies the minimum, $(\\min_j f_j)' = \\sum_j W_j f_j'$, where $W_j = \\prod_{j'} ([j' < j][f_j < f_{j'}] + [j' \\ge j][f_j \\le f_{j'}])$ is $1$ at the first $j$ where $f_j$ is smallest and $0$ elsewhere. At a tie the whole derivative goes to the first smallest term, as for $\\min(a, b)$.",
  ], [
    "对 $\\min_{{index}}$ 求 ${wrt}$ 的导数：只有最小的项影响最小值，$(\\min_j f_j)' = \\sum_j W_j f_j'$，其中 $W_j = \\prod_{j'} ([j' < j][f_j < f_{j'}] + [j' \\ge j][f_j \\le f_{j'}])$ 在第一个使 $f_j$ 最小的 $j$ 处为 $1$，其余为 $0$。并列时导数全部归于第一个最小项，与 $\\min(a, b)$ 相同。",
    "根据 $\\min$ 的求导法则：只有最小的项影响最小值，$(\\min_j f_j)' = \\sum_j W_j f_j'$，其中 $W_j = \\prod_{j'} ([j' < j][f_j < f_{j'}] + [j' \\ge j][f_j \\le f_{j'}])$ 在第一个使 $f_j$ 最小的 $j$ 处为 $1$，其余为 $0$。并列时导数全部归于第一个最小项，与 $\\min(a, b)$ 相同。",
  ]),
  'max.const': rule('normal', ['maximum of a constant', '常数的最大值'], [
    'The term does not depend on ${index}$ and the range is not empty: the maximum is the term, ${replacement}$.',
    'The term does not depend on the index and the range is not empty: the maximum is the term.',
  ], [
    '项与 ${index}$ 无关且范围非空，最大值就是这一项：${replacement}$。',
    '项与指标无关且范围非空，最大值就是这一项。',
  ]),
  'min.const': rule('normal', ['minimum of a constant', '常数的最小值'], [
    'The term does not depend on ${index}$ and the range is not empty: the minimum is the term, ${replacement}$.',
    'The term does not depend on the index and the range is not empty: the minimum is the term.',
  ], [
    '项与 ${index}$ 无关且范围非空，最小值就是这一项：${replacement}$。',
    '项与指标无关且范围非空，最小值就是这一项。',
  ]),
  'max.shift': rule('normal', ['shift out of $\\max$', '提到 $\\max$ 外'], [
    'A term that does not depend on ${index}$ is added to every value, so it adds to the maximum: $\\max_j (c + f_j) = c + \\max_j f_j$.',
    'A term that does not depend on the index is added to every value, so it adds to the maximum: $\\max_j (c + f_j) = c + \\max_j f_j$.',
  ], [
    '与 ${index}$ 无关的项加在每个值上，也就加在最大值上：$\\max_j (c + f_j) = c + \\max_j f_j$。',
    '与指标无关的项加在每个值上，也就加在最大值上：$\\max_j (c + f_j) = c + \\max_j f_j$。',
  ]),
  'min.shift': rule('normal', ['shift out of $\\min$', '提到 $\\min$ 外'], [
    'A term that does not depend on ${index}$ is added to every value, so it adds to the minimum: $\\min_j (c + f_j) = c + \\min_j f_j$.',
    'A term that does not depend on the index is added to every value, so it adds to the minimum: $\\min_j (c + f_j) = c + \\min_j f_j$.',
  ], [
    '与 ${index}$ 无关的项加在每个值上，也就加在最小值上：$\\min_j (c + f_j) = c + \\min_j f_j$。',
    '与指标无关的项加在每个值上，也就加在最小值上：$\\min_j (c + f_j) = c + \\min_j f_j$。',
  ]),
  'def.unfold': rule('brief', ['definition', '代入定义'], [
    'Replace ${name}$ by its definition.',
    'Replace a defined quantity by its definition.',
  ], [
    '把 ${name}$ 换成它的定义式。',
    '把已定义的量换成它的定义式。',
  ]),
  'def.fold': rule('normal', ['by definition', '写回定义'], [
    'Write ${focus}$ as ${replacement}$ again, by its definition.',
    'Write a definition\'s right side as its name again.',
  ], [
    '按定义把 ${focus}$ 写回 ${replacement}$。',
    '按定义把定义式写回它所定义的量。',
  ]),
  'def.chain': rule('brief', ['derivative of a defined function', '已定义函数的导数'], [
    '${name}$ is a function of one argument whose derivative is written in itself ($\\sigma\' = \\sigma(1 - \\sigma)$, $\\tanh\' = 1 - \\tanh^2$, $(e^u)\' = e^u$): ${focus} = {replacement}$, with ${name}$ kept as its name.',
    'A defined function of one argument whose derivative is written in itself ($\\sigma\' = \\sigma(1 - \\sigma)$, $\\tanh\' = 1 - \\tanh^2$, $(e^u)\' = e^u$) is differentiated by the chain rule, keeping its name.',
  ], [
    '${name}$ 是单变量函数，其导数可用自身表示（$\\sigma\' = \\sigma(1 - \\sigma)$，$\\tanh\' = 1 - \\tanh^2$，$(e^u)\' = e^u$）：${focus} = {replacement}$，保留记号 ${name}$。',
    '导数可用自身表示的单变量函数（$\\sigma\' = \\sigma(1 - \\sigma)$，$\\tanh\' = 1 - \\tanh^2$，$(e^u)\' = e^u$）按链式法则求导，并保留其记号。',
  ]),
  'def.softmax': rule('brief', ['derivative of softmax', 'softmax 的导数'], [
    '${name}$ is a softmax, $p_i = e^{u_i} / \\sum_j e^{u_j}$, whose derivative is $\\partial p_i = p_i (\\partial u_i - \\sum_j p_j \\cdot \\partial u_j)$: ${focus} = {replacement}$.',
    'The derivative of a softmax $p_i = e^{u_i} / \\sum_j e^{u_j}$ is $\\partial p_i = p_i (\\partial u_i - \\sum_j p_j \\cdot \\partial u_j)$; by $u_i = z_i$ itself, $\\partial p_i / \\partial z_k = p_i (\\delta_{ik} - p_k)$.',
  ], [
    '${name}$ 是 softmax，$p_i = e^{u_i} / \\sum_j e^{u_j}$，其导数为 $\\partial p_i = p_i (\\partial u_i - \\sum_j p_j \\cdot \\partial u_j)$：${focus} = {replacement}$。',
    'softmax $p_i = e^{u_i} / \\sum_j e^{u_j}$ 的导数为 $\\partial p_i = p_i (\\partial u_i - \\sum_j p_j \\cdot \\partial u_j)$；对 $z_k$ 本身求导即 $\\partial p_i / \\partial z_k = p_i (\\delta_{ik} - p_k)$。',
  ]),
  'subst.back': rule('brief', ['substitute back', '代回原式'], [
    'Put the evaluated derivative ${replacement}$ back in place of ${focus}$.',
    'Put the evaluated derivative back into the whole expression.',
  ], [
    '把求得的 ${focus} = {replacement}$ 代入原式。',
    '把求得的导数代入原式。',
  ]),
  'alg.flatten-sum': rule('full', ['associativity of sums', '加法结合律'], [
    'A sum inside a sum is one sum: $(a + b) + c = a + b + c$.',
  ], [
    '加法满足结合律，和里的和可以去掉括号：$(a + b) + c = a + b + c$。',
  ]),
  'alg.add-zero': rule('full', ['drop zero terms', '去掉零项'], [
    'A term $0$ drops out of a sum: $x + 0 = x$.',
  ], [
    '和里的 $0$ 项可以去掉：$x + 0 = x$。',
  ]),
  'alg.single-term': rule('full', ['one term', '单项和'], [
    'A sum of one term is that term.',
  ], [
    '只有一项的和就是这一项。',
  ]),
  'alg.add-numbers': rule('full', ['add the numbers', '数相加'], [
    'The numbers in a sum are added: $2 + x + 3 = 5 + x$.',
  ], [
    '把和里的数加起来：$2 + x + 3 = 5 + x$。',
  ]),
  'alg.collect-terms': rule('full', ['collect terms', '合并同类项'], [
    'Collect like terms: $2x + 3x = 5x$.',
  ], [
    '合并同类项：$2x + 3x = 5x$。',
  ]),
  'alg.reorder': rule('full', ['reorder', '交换律'], [
    'Sums are commutative: a positive term goes first, $-a + b = b - a$.',
  ], [
    '加法满足交换律，把正项写在前面：$-a + b = b - a$。',
  ]),
  'alg.double-neg': rule('full', ['double minus', '负负得正'], [
    'Two minus signs cancel: $-(-x) = x$.',
  ], [
    '负负得正：$-(-x) = x$。',
  ]),
  'alg.neg-coefficient': rule('full', ['sign into the coefficient', '负号并入系数'], [
    'The minus sign goes into the coefficient: $-(2x) = (-2)x$.',
  ], [
    '负号并入系数：$-(2x) = (-2)x$。',
  ]),
  'alg.neg-sum': rule('full', ['minus a sum', '去括号变号'], [
    'A minus sign in front of a sum changes the sign of every term: $-(a - b) = b - a$.',
  ], [
    '括号前是负号，去掉括号后各项都变号：$-(a - b) = b - a$。',
  ]),
  'alg.flatten-product': rule('full', ['associativity of products', '乘法结合律'], [
    'A product inside a product is one product: $(ab)c = abc$.',
  ], [
    '乘法满足结合律，积里的积可以去掉括号：$(ab)c = abc$。',
  ]),
  'alg.mul-zero': rule('full', ['factor zero', '零因子'], [
    'A product with a factor $0$ is $0$.',
  ], [
    '含因子 $0$ 的乘积为 $0$。',
  ]),
  'alg.mul-one': rule('full', ['factor one', '因子为一'], [
    'A factor $1$ drops out of a product: $1 \\cdot x = x$.',
  ], [
    '乘积里的因子 $1$ 可以去掉：$1 \\cdot x = x$。',
  ]),
  'alg.single-factor': rule('full', ['one factor', '单因子积'], [
    'A product of one factor is that factor.',
  ], [
    '只有一个因子的积就是这个因子。',
  ]),
  'alg.mul-numbers': rule('full', ['multiply the numbers', '数相乘'], [
    'The numbers and signs of a product gather into one leading coefficient: $x \\cdot 2 \\cdot (-3) = -6x$.',
  ], [
    '乘积里的数和负号合并成一个系数，写在最前面：$x \\cdot 2 \\cdot (-3) = -6x$。',
  ]),
  'alg.combine-fractions': rule('full', ['one fraction', '合成一个分式'], [
    'A product with fractions is one fraction: $a \\cdot b/c = ab/c$.',
  ], [
    '含分式的乘积合成一个分式：$a \\cdot b/c = ab/c$。',
  ]),
  'alg.collect-powers': rule('full', ['collect powers', '同底数幂相乘'], [
    'Powers of the same base ${base}$ multiply by adding their exponents: $x^a x^b = x^{a+b}$.',
    'Powers of the same base multiply by adding their exponents: $x^a x^b = x^{a+b}$, so $x \\cdot x = x^2$.',
  ], [
    '同底数 ${base}$ 的幂相乘，指数相加：$x^a x^b = x^{a+b}$。',
    '同底数幂相乘，指数相加：$x^a x^b = x^{a+b}$，所以 $x \\cdot x = x^2$。',
  ]),
  'alg.zero-numerator': rule('full', ['zero numerator', '分子为零'], [
    'A fraction with numerator $0$ is $0$: $0/x = 0$.',
  ], [
    '分子为 $0$ 的分式等于 $0$：$0/x = 0$。',
  ]),
  'alg.div-one': rule('full', ['denominator one', '分母为一'], [
    'A denominator $1$ drops out: $x/1 = x$.',
  ], [
    '分母 $1$ 可以去掉：$x/1 = x$。',
  ]),
  'alg.flatten-fraction': rule('full', ['fraction of fractions', '繁分式化简'], [
    'A fraction of fractions is one fraction: $(a/b)/c = a/(bc)$ and $a/(b/c) = ac/b$.',
  ], [
    '繁分式化成一个分式：$(a/b)/c = a/(bc)$，$a/(b/c) = ac/b$。',
  ]),
  'alg.cancel': rule('full', ['cancel', '约分'], [
    'Cancel the common factor ${factor}$ of numerator and denominator.',
    'Cancel a factor common to numerator and denominator: $x^2 y/(x z) = x y/z$.',
  ], [
    '约去分子和分母的公因式 ${factor}$。',
    '约去分子和分母的公因式：$x^2 y/(x z) = x y/z$。',
  ]),
  'alg.reduce-fraction': rule('full', ['reduce the coefficients', '约简系数'], [
    'Reduce the numeric coefficients of the fraction, the sign in front: $6x/(-4y) = -3x/(2y)$.',
  ], [
    '约简分式里的数值系数，符号写在前面：$6x/(-4y) = -3x/(2y)$。',
  ]),
  'alg.pow-one': rule('full', ['exponent one', '一次幂'], [
    'A power with exponent $1$ is its base: $x^1 = x$.',
  ], [
    '指数为 $1$ 的幂等于底数：$x^1 = x$。',
  ]),
  'alg.pow-zero': rule('full', ['exponent zero', '零次幂'], [
    'A power with exponent $0$ is $1$: $x^0 = 1$.',
  ], [
    '指数为 $0$ 的幂等于 $1$：$x^0 = 1$。',
  ]),
  'alg.one-pow': rule('full', ['base one', '底数为一'], [
    'Every power of $1$ is $1$: $1^x = 1$.',
  ], [
    '$1$ 的任何次幂都等于 $1$：$1^x = 1$。',
  ]),
  'alg.pow-indicator': rule('full', ['power of $\\delta$', '$\\delta$ 的幂'], [
    'A $\\delta$ or an Iverson bracket is $0$ or $1$, so a positive power of it is itself: ${focus} = {replacement}$.',
    'A $\\delta$ or an Iverson bracket is $0$ or $1$, so a positive power of it is itself: $\\delta^2 = \\delta$.',
  ], [
    '$\\delta$ 和艾佛森括号只取 $0$ 或 $1$，它们的正数次幂等于自身：${focus} = {replacement}$。',
    '$\\delta$ 和艾佛森括号只取 $0$ 或 $1$，它们的正数次幂等于自身：$\\delta^2 = \\delta$。',
  ]),
  'alg.pow-numbers': rule('full', ['compute the power', '计算乘方'], [
    'Compute the power: ${focus} = {replacement}$.',
    'Compute the power of a number: $2^3 = 8$.',
  ], [
    '计算乘方：${focus} = {replacement}$。',
    '计算数的乘方：$2^3 = 8$。',
  ]),
  'alg.negative-exponent': rule('full', ['negative exponent', '负指数'], [
    'A negative exponent is a reciprocal: $x^{-n} = 1/x^n$.',
  ], [
    '负指数幂等于倒数：$x^{-n} = 1/x^n$。',
  ]),
  'alg.neg-base-power': rule('full', ['power of a negative', '负数的幂'], [
    'An even power drops the minus sign and an odd power keeps it: $(-x)^2 = x^2$, $(-x)^3 = -x^3$.',
  ], [
    '偶次幂去掉负号，奇次幂保留负号：$(-x)^2 = x^2$，$(-x)^3 = -x^3$。',
  ]),
  'alg.power-of-power': rule('full', ['power of a power', '幂的乘方'], [
    'A power of a power to an integer exponent multiplies the exponents: $(x^a)^b = x^{ab}$.',
  ], [
    '幂的乘方，外层指数为整数时指数相乘：$(x^a)^b = x^{ab}$。',
  ]),
  'alg.power-of-product': rule('full', ['power of a product', '积的乘方'], [
    'A power of a product is the product of the powers: ${focus} = {replacement}$.',
    'A power of a product is the product of the powers: $(ab)^n = a^n b^n$.',
  ], [
    '积的乘方等于乘方的积：${focus} = {replacement}$。',
    '积的乘方等于乘方的积：$(ab)^n = a^n b^n$。',
  ]),
  'alg.root-squared': rule('full', ['square of a root', '根式的平方'], [
    'Squaring undoes the square root: ${focus} = {replacement}$.',
    'Squaring undoes the square root: $\\sqrt{u}^2 = u$.',
  ], [
    '平方抵消平方根：${focus} = {replacement}$。',
    '平方抵消平方根：$\\sqrt{u}^2 = u$。',
  ]),
  'alg.root-of-square': rule('full', ['root of a square', '平方的算术根'], [
    'The square root of a square is the absolute value: ${focus} = {replacement}$.',
    'The square root of a square is the absolute value: $\\sqrt{u^2} = |u|$.',
  ], [
    '平方的算术平方根是绝对值：${focus} = {replacement}$。',
    '平方的算术平方根是绝对值：$\\sqrt{u^2} = |u|$。',
  ]),
  'alg.eval-function': rule('full', ['evaluate', '函数求值'], [
    'The function has an exact value here: ${focus} = {replacement}$.',
    'A function of a number with an exact value is that value: $e^0 = 1$, $\\log 1 = 0$.',
  ], [
    '函数在这里有精确值：${focus} = {replacement}$。',
    '函数在这个数处有精确值：$e^0 = 1$，$\\log 1 = 0$。',
  ]),
  'alg.log-exp': rule('full', ['log of exp', '对数与指数互逆'], [
    'The logarithm undoes the exponential: ${focus} = {replacement}$.',
    'The logarithm undoes the exponential: $\\log(e^u) = u$.',
  ], [
    '对数与指数互为反函数：${focus} = {replacement}$。',
    '对数与指数互为反函数：$\\log(e^u) = u$。',
  ]),
  'alg.index-number': rule('full', ['index value', '指标取值'], [
    'An index that stands for a fixed number is that number.',
  ], [
    '取定值的指标就是这个数。',
  ]),
  'alg.assumption': rule('normal', ['assumption', '已知条件'], [
    'By the assumption ${assumption}$.',
    'By an assumption given with the problem.',
  ], [
    '根据已知条件 ${assumption}$。',
    '根据题目给出的已知条件。',
  ]),
  'named.sigmoid': rule('normal', ['recognise $\\sigma$', '识别 $\\sigma$'], [
    'This is the logistic sigmoid written out: ${focus} = {replacement}$.',
    'This is the logistic sigmoid written out: $e^u/(1 + e^u) = 1/(1 + e^{-u}) = \\sigma(u)$.',
  ], [
    '这是写开了的 sigmoid 函数：${focus} = {replacement}$。',
    '这是写开了的 sigmoid 函数：$e^u/(1 + e^u) = 1/(1 + e^{-u}) = \\sigma(u)$。',
  ]),
  'named.sigmoid-exp': rule('normal', ['$\\sigma$ with an exponential', '$\\sigma$ 与指数'], [
    'Since $e^{-u} \\sigma(u) = e^{-u}/(1 + e^{-u}) = \\sigma(-u)$: ${focus} = {replacement}$.',
    'Since $e^{-u} \\sigma(u) = e^{-u}/(1 + e^{-u}) = \\sigma(-u)$.',
  ], [
    '因为 $e^{-u} \\sigma(u) = e^{-u}/(1 + e^{-u}) = \\sigma(-u)$：${focus} = {replacement}$。',
    '因为 $e^{-u} \\sigma(u) = e^{-u}/(1 + e^{-u}) = \\sigma(-u)$。',
  ]),
  'named.tanh': rule('normal', ['recognise tanh', '识别 tanh'], [
    'This is the hyperbolic tangent written out: ${focus} = {replacement}$.',
    'This is the hyperbolic tangent written out: $(e^u - e^{-u})/(e^u + e^{-u}) = \\tanh u$.',
  ], [
    '这是写开了的双曲正切：${focus} = {replacement}$。',
    '这是写开了的双曲正切：$(e^u - e^{-u})/(e^u + e^{-u}) = \\tanh u$。',
  ]),
  'named.tanh-ratio': rule('normal', ['recognise tanh', '识别 tanh'], [
    'A quotient of hyperbolic functions: $\\sinh u / \\cosh u = \\tanh u$, so ${focus} = {replacement}$.',
    'A quotient of hyperbolic functions: $\\sinh u / \\cosh u = \\tanh u$ (and $\\cosh u / \\sinh u = \\coth u$).',
  ], [
    '双曲函数之比：$\\sinh u / \\cosh u = \\tanh u$，所以 ${focus} = {replacement}$。',
    '双曲函数之比：$\\sinh u / \\cosh u = \\tanh u$（以及 $\\cosh u / \\sinh u = \\coth u$）。',
  ]),
  'named.abs': rule('normal', ['absolute value', '绝对值'], [
    'A number times its sign is its absolute value: ${focus} = {replacement}$.',
    'A number times its sign is its absolute value.',
  ], [
    '一个数乘以它的符号等于它的绝对值：${focus} = {replacement}$。',
    '一个数乘以它的符号等于它的绝对值。',
  ]),
  'named.cosh': rule('normal', ['recognise cosh', '识别 cosh'], [
    'This is the hyperbolic cosine written out: ${focus} = {replacement}$.',
    'This is the hyperbolic cosine written out: $(e^u + e^{-u})/2 = \\cosh u$.',
  ], [
    '这是写开了的双曲余弦：${focus} = {replacement}$。',
    '这是写开了的双曲余弦：$(e^u + e^{-u})/2 = \\cosh u$。',
  ]),
  'named.sinh': rule('normal', ['recognise sinh', '识别 sinh'], [
    'This is the hyperbolic sine written out: ${focus} = {replacement}$.',
    'This is the hyperbolic sine written out: $(e^u - e^{-u})/2 = \\sinh u$.',
  ], [
    '这是写开了的双曲正弦：${focus} = {replacement}$。',
    '这是写开了的双曲正弦：$(e^u - e^{-u})/2 = \\sinh u$。',
  ]),
  // Collecting and factoring (src/simplify/rules/collect.ts) and σ's derivative (named.ts).
  'named.sigmoid-derivative': rule('normal', ["recognise $\\sigma'$", "识别 $\\sigma'$"], [
    "This is the derivative of the logistic sigmoid written out: ${focus} = {replacement}$.",
    "This is the derivative of the logistic sigmoid written out: $e^{-u}/(1 + e^{-u})^2 = \\sigma(u)(1 - \\sigma(u))$.",
  ], [
    "这是写开了的 sigmoid 导数：${focus} = {replacement}$。",
    "这是写开了的 sigmoid 导数：$e^{-u}/(1 + e^{-u})^2 = \\sigma(u)(1 - \\sigma(u))$。",
  ]),
  'collect.like-terms': rule('full', ['collect like terms', '合并同类项'], [
    'Like terms are collected; letters that index one slot of one array run over the same values: ${focus} = {replacement}$.',
    'Like terms are collected; letters that index one slot of one array run over the same values.',
  ], [
    '合并同类项；标记同一数组同一位置的指标取值范围相同：${focus} = {replacement}$。',
    '合并同类项；标记同一数组同一位置的指标取值范围相同。',
  ]),
  'collect.common-factor': rule('full', ['common factor', '提取公因式'], [
    'Pull out the common factor: ${focus} = {replacement}$.',
    'Pull out the common factor: $a x - b x = (a - b) x$.',
  ], [
    '提取公因式：${focus} = {replacement}$。',
    '提取公因式：$a x - b x = (a - b) x$。',
  ]),
  'collect.expand': rule('full', ['expand and collect', '展开合并'], [
    'Multiply out and collect like terms: ${focus} = {replacement}$.',
    'Multiply out and collect like terms.',
  ], [
    '展开后合并同类项：${focus} = {replacement}$。',
    '展开后合并同类项。',
  ]),
  'collect.absorb-minus': rule('full', ['minus into a difference', '负号并入差'], [
    'The minus sign swaps a difference: ${focus} = {replacement}$.',
    'The minus sign swaps a difference: $-(a - b) = b - a$.',
  ], [
    '负号使差的两项交换：${focus} = {replacement}$。',
    '负号使差的两项交换：$-(a - b) = b - a$。',
  ]),
  'collect.flatten-nested': rule('full', ['flatten the fraction', '繁分式化简'], [
    'A sum of fractions inside a fraction is written over its common denominator: ${focus} = {replacement}$.',
    'A sum of fractions inside a fraction is written over its common denominator: $(a - b/c)/d = (ac - b)/(cd)$.',
  ], [
    '分式中的分式之和先通分：${focus} = {replacement}$。',
    '分式中的分式之和先通分：$(a - b/c)/d = (ac - b)/(cd)$。',
  ]),
  'collect.clear-fractions': rule('full', ['clear the fractions', '约去分母'], [
    'Multiplying out cancels the denominators: ${focus} = {replacement}$.',
    'Multiplying out cancels the denominators: $m(a - 1/m) = m a - 1$.',
  ], [
    '乘开后分母约去：${focus} = {replacement}$。',
    '乘开后分母约去：$m(a - 1/m) = m a - 1$。',
  ]),
};

const RANK: Readonly<Record<Detail, number>> = { brief: 0, normal: 1, full: 2 };

/** Whether a step of `rule` gets its own row at `detail`. */
export function shownAt(rule: RuleId, detail: Detail): boolean {
  return RANK[RULE_TEXTS[rule].level] <= RANK[detail];
}

/**
 * The first row of a proof whose input was matrix notation: the reading into index form. Not a
 * rewrite rule (it has no `before` expression), so it has its own text; `{shapes}` is math.
 */
export const READING_TEXT: RuleText = rule('brief', ['read in index notation', '改写为指标记法'], [
  'Matrix notation, with the shapes ${shapes}$: a product sums over the shared index, $(AB)_{ik} = \\sum_j A_{ij} B_{jk}$; a transpose swaps the indices, $(A^\\top)_{ij} = A_{ji}$; $\\odot$ multiplies entries; $I_{ij} = \\delta_{ij}$.',
  'Matrix notation: a product sums over the shared index, a transpose swaps the indices.',
], [
  '矩阵记法，各量的形状为 ${shapes}$：矩阵乘积对公共指标求和，$(AB)_{ik} = \\sum_j A_{ij} B_{jk}$；转置交换两个指标，$(A^\\top)_{ij} = A_{ji}$；$\\odot$ 逐元素相乘；$I_{ij} = \\delta_{ij}$。',
  '矩阵记法：矩阵乘积对公共指标求和，转置交换两个指标。',
]);
