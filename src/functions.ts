// The function table: one record per elementary function, read by the parser
// (which spellings denote it), the printers (house-style spelling), the
// differentiator (its derivative, as an expression) and the evaluators (its
// numeric value, in a numerically stable form).

import { add, call, div, type Expr, iverson, mul, neg, num, pow, rel } from './core/ast.js';
import { InputError } from './core/errors.js';
import { ALL_REDUCTIONS, type ReduceOp } from './core/reductions.js';

interface Named {
  /** Canonical name, stored in `call.fn` and used by the plain-text syntax. */
  readonly name: string;
  /** LaTeX control words that denote it directly (`\tanh`, `\ln`). */
  readonly commands: readonly string[];
  /** Names that denote it inside `\text{}`, `\operatorname{}`, `\mathrm{}` and in plain text. */
  readonly names: readonly string[];
  /** The LaTeX head the printers use when the user's spelling is unknown. */
  readonly latex: string;
}

/** A function of one argument. */
export interface UnarySpec extends Named {
  readonly eval: (x: number) => number;
  /** f'(u), given the argument `u` and the call node `self` = f(u) (reused, so σ' = σ(1-σ) shares σ(u)). */
  readonly derivative: (u: Expr, self: Expr) => Expr;
  readonly partials?: undefined;
}

/** A function of two or more arguments (`\max(a, b, c)`), written with parentheses and commas. */
export interface ManySpec extends Named {
  readonly eval: (...xs: number[]) => number;
  /** ∂f/∂a_i for each argument a_i. */
  readonly partials: (args: readonly Expr[]) => Expr[];
  readonly derivative?: undefined;
}

export type FunctionSpec = UnarySpec | ManySpec;

const one = num(1);

/** 1/(1+e^{-x}) without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1+e^x) without overflow: max(x,0) + log1p(e^{-|x|}). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * The error function, with relative error below 1e-14 (test/functions.test.ts).
 * |x| < 3: erf x = 2/√π e^{-x²} Σ_n 2^n x^{2n+1} / (1·3···(2n+1)), a series of
 * positive terms (no cancellation); |x| ≥ 3: 1 - erfc x with erfc's continued
 * fraction e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), 60 levels deep.
 * Self-contained (it calls only Math): GELU's evaluator is built from its source.
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a >= 3) {
    if (a > 6) return Math.sign(x);
    let t = a;
    for (let k = 60; k >= 1; k--) t = a + k / 2 / t;
    return Math.sign(x) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / t);
  }
  let term = a;
  let sum = a;
  for (let n = 0; term > sum * 1e-17; n++) {
    term *= (2 * a * a) / (2 * n + 3);
    sum += term;
  }
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
}

/**
 * GELU in its exact form x Φ(x) = x (1 + erf(x/√2))/2. The emitted module copies
 * each evaluator alone, so this one carries erf's own source rather than calling it.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
export const gelu = new Function('x', `const erf = ${erf.toString()};\nreturn 0.5 * x * (1 + erf(x * Math.SQRT1_2));`) as (x: number) => number;

/** 2/√π, the factor of erf' (π is not a constant of the language, so the derivative shows the number). */
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
/** 1/√(2π), the standard normal density at 0 (GELU's derivative). */
const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
/** Leaky ReLU's slope for x ≤ 0, as in PyTorch's default. */
export const LEAKY_SLOPE = 0.01;

const two = num(2);
const square = (u: Expr): Expr => pow(u, two);
const positive = (u: Expr): Expr => iverson(rel(['>'], [u, num(0)]));
const notPositive = (u: Expr): Expr => iverson(rel(['<='], [u, num(0)]));

const table: readonly FunctionSpec[] = [
  {
    name: 'sigmoid', commands: [], names: ['sigmoid'], latex: '\\sigma', eval: sigmoid,
    derivative: (_u, self) => mul([self, add([one, neg(self)])]),
  },
  {
    name: 'tanh', commands: ['\\tanh'], names: ['tanh'], latex: '\\tanh', eval: Math.tanh,
    derivative: (_u, self) => add([one, neg(pow(self, num(2)))]),
  },
  {
    name: 'exp', commands: ['\\exp'], names: ['exp'], latex: '\\exp', eval: Math.exp,
    derivative: (_u, self) => self,
  },
  {
    name: 'log', commands: ['\\log', '\\ln'], names: ['log', 'ln'], latex: '\\log', eval: Math.log,
    derivative: (u) => div(one, u),
  },
  {
    name: 'sqrt', commands: ['\\sqrt'], names: ['sqrt'], latex: '\\sqrt', eval: Math.sqrt,
    derivative: (_u, self) => div(one, mul([num(2), self])),
  },
  {
    name: 'sin', commands: ['\\sin'], names: ['sin'], latex: '\\sin', eval: Math.sin,
    derivative: (u) => call('cos', [u]),
  },
  {
    name: 'cos', commands: ['\\cos'], names: ['cos'], latex: '\\cos', eval: Math.cos,
    derivative: (u) => neg(call('sin', [u])),
  },
  {
    name: 'softplus', commands: [], names: ['softplus'], latex: '\\operatorname{softplus}', eval: softplus,
    derivative: (u) => call('sigmoid', [u]),
  },
  {
    // relu'(u) is the Heaviside step [u > 0]; at u = 0 we take 0, as most ML frameworks do.
    name: 'relu', commands: [], names: ['relu', 'ReLU'], latex: '\\operatorname{relu}', eval: (x) => (x > 0 ? x : 0),
    derivative: (u) => iverson(rel(['>'], [u, num(0)])),
  },
  {
    name: 'abs', commands: [], names: ['abs'], latex: '\\operatorname{abs}', eval: Math.abs,
    derivative: (u) => call('sign', [u]),
  },
  {
    // sign is piecewise constant: its derivative is 0 wherever it exists.
    name: 'sign', commands: [], names: ['sign', 'sgn'], latex: '\\operatorname{sign}', eval: Math.sign,
    derivative: () => num(0),
  },
  // --- trigonometric and hyperbolic functions, their inverses (issue 9)
  {
    name: 'tan', commands: ['\\tan'], names: ['tan'], latex: '\\tan', eval: Math.tan,
    derivative: (_u, self) => add([one, square(self)]),
  },
  {
    name: 'cot', commands: ['\\cot'], names: ['cot'], latex: '\\cot', eval: (x) => 1 / Math.tan(x),
    derivative: (_u, self) => neg(add([one, square(self)])),
  },
  {
    name: 'sec', commands: ['\\sec'], names: ['sec'], latex: '\\sec', eval: (x) => 1 / Math.cos(x),
    derivative: (u, self) => mul([self, call('tan', [u])]),
  },
  {
    name: 'csc', commands: ['\\csc'], names: ['csc'], latex: '\\csc', eval: (x) => 1 / Math.sin(x),
    derivative: (u, self) => neg(mul([self, call('cot', [u])])),
  },
  {
    name: 'sinh', commands: ['\\sinh'], names: ['sinh'], latex: '\\sinh', eval: Math.sinh,
    derivative: (u) => call('cosh', [u]),
  },
  {
    name: 'cosh', commands: ['\\cosh'], names: ['cosh'], latex: '\\cosh', eval: Math.cosh,
    derivative: (u) => call('sinh', [u]),
  },
  {
    name: 'coth', commands: ['\\coth'], names: ['coth'], latex: '\\coth', eval: (x) => 1 / Math.tanh(x),
    derivative: (_u, self) => add([one, neg(square(self))]),
  },
  {
    name: 'arcsin', commands: ['\\arcsin'], names: ['arcsin', 'asin'], latex: '\\arcsin', eval: Math.asin,
    derivative: (u) => div(one, call('sqrt', [add([one, neg(square(u))])])),
  },
  {
    name: 'arccos', commands: ['\\arccos'], names: ['arccos', 'acos'], latex: '\\arccos', eval: Math.acos,
    derivative: (u) => neg(div(one, call('sqrt', [add([one, neg(square(u))])]))),
  },
  {
    name: 'arctan', commands: ['\\arctan'], names: ['arctan', 'atan'], latex: '\\arctan', eval: Math.atan,
    derivative: (u) => div(one, add([one, square(u)])),
  },
  // `\sqrt[3]{x}` (src/parse/latex-tokens.ts, `functionScripts`): the real cube root, defined for x < 0 as ∛(-8) = -2.
  {
    name: 'cbrt', commands: [], names: ['cbrt'], latex: '\\sqrt[3]', eval: Math.cbrt,
    derivative: (_u, self) => div(one, mul([num(3), square(self)])),
  },
  // `\log_2`, `\log_{10}`: a base the parser reads off the subscript (src/parse/latex-tokens.ts, `functionScripts`).
  {
    name: 'log2', commands: [], names: ['log2'], latex: '\\log_2', eval: Math.log2,
    derivative: (u) => div(one, mul([u, call('log', [two])])),
  },
  {
    name: 'log10', commands: [], names: ['log10'], latex: '\\log_{10}', eval: Math.log10,
    derivative: (u) => div(one, mul([u, call('log', [num(10)])])),
  },
  // --- activation functions of deep learning (issue 9)
  {
    name: 'erf', commands: [], names: ['erf'], latex: '\\operatorname{erf}', eval: erf,
    derivative: (u) => mul([num(TWO_OVER_SQRT_PI), call('exp', [neg(square(u))])]),
  },
  {
    // GELU'(u) = Φ(u) + u φ(u), with Φ(u) = (1 + erf(u/√2))/2 and φ(u) = e^{-u²/2}/√(2π).
    name: 'gelu', commands: [], names: ['gelu', 'GELU'], latex: '\\operatorname{GELU}', eval: gelu,
    derivative: (u) => add([
      div(add([one, call('erf', [div(u, call('sqrt', [two]))])]), two),
      mul([num(INV_SQRT_TWO_PI), u, call('exp', [neg(div(square(u), two))])]),
    ]),
  },
  {
    // Slope 1 for u > 0 and LEAKY_SLOPE for u ≤ 0; at the kink u = 0 we take the left slope, as relu takes 0.
    name: 'leakyrelu', commands: [], names: ['leakyrelu', 'LeakyReLU', 'lrelu'], latex: '\\operatorname{LeakyReLU}',
    eval: (x) => (x > 0 ? x : 0.01 * x), // LEAKY_SLOPE, written out: the evaluator must be self-contained
    derivative: (u) => add([positive(u), mul([num(LEAKY_SLOPE), notPositive(u)])]),
  },
  {
    // ELU with α = 1: u for u > 0, e^u - 1 otherwise; its derivative is continuous (1 at the kink from both sides).
    name: 'elu', commands: [], names: ['elu', 'ELU'], latex: '\\operatorname{ELU}', eval: (x) => (x > 0 ? x : Math.expm1(x)),
    derivative: (u) => add([positive(u), mul([notPositive(u), call('exp', [u])])]),
  },
  // --- functions of several arguments (issue 9). At a tie the whole derivative goes to the first
  // extreme argument: ∂max/∂a_i = Π_{j<i} [a_i > a_j] Π_{j>i} [a_i ≥ a_j], so the partials sum to 1.
  { name: 'max', commands: ['\\max'], names: ['max'], latex: '\\max', eval: Math.max, partials: (args) => extremePartials(args, '>') },
  { name: 'min', commands: ['\\min'], names: ['min'], latex: '\\min', eval: Math.min, partials: (args) => extremePartials(args, '<') },
];

/** The partials of max (`strict` = '>') or min ('<'): one product of Iverson brackets per argument. */
function extremePartials(args: readonly Expr[], strict: '>' | '<'): Expr[] {
  const loose = strict === '>' ? '>=' : '<=';
  return args.map((a, i) => {
    const brackets = args.flatMap((b, j) => (j === i ? [] : [iverson(rel([j < i ? strict : loose], [a, b]))]));
    return brackets.length === 1 ? brackets[0]! : mul(brackets);
  });
}

const byName = new Map<string, FunctionSpec>();
const byCommand = new Map<string, FunctionSpec>();
for (const spec of table) {
  byName.set(spec.name, spec);
  for (const n of spec.names) byName.set(n, spec);
  for (const c of spec.commands) byCommand.set(c, spec);
}

/** The function a name denotes (`sigmoid`, `ln`, `ReLU`), if any. */
export function functionByName(name: string): FunctionSpec | undefined {
  return byName.get(name);
}

/** The function a LaTeX control word denotes (`\tanh`, `\ln`), if any. `\sigma` is not here: it is sigmoid only when applied. */
export function functionByCommand(command: string): FunctionSpec | undefined {
  return byCommand.get(command);
}

/**
 * The canonical function a name denotes when it is applied, `\sigma(z)`, `ReLU(x)`, `tanh(x)`: a name of
 * the table, or `sigma` (sigmoid only when applied). A user's definition of such a name redefines that
 * function (docs/notation.md, "Function definitions, gradients and word subscripts").
 */
export function appliedFunction(name: string): string | undefined {
  return name === 'sigma' ? 'sigmoid' : byName.get(name)?.name;
}

/** The spec for a canonical name; an InputError for a function we cannot compute with. */
export function functionSpec(name: string, at: Expr | null = null): FunctionSpec {
  const spec = byName.get(name);
  if (spec !== undefined) return spec;
  if (name === 'apply') {
    throw new InputError('a call of a function defined in the input is unfolded with its definitions: pass them to resolveDefinitions with the formula', at);
  }
  if (name === 'prime') {
    // The parser reads `(ax)'` as written; it does not say which variable it differentiates by.
    throw new InputError("a prime (f)' does not say which variable it differentiates by: write \\frac{d}{dx}(f) instead", at);
  }
  throw new InputError(`unknown function '${name}' (known: ${table.map((f) => f.name).join(', ')})`, at);
}

export const FUNCTIONS: readonly FunctionSpec[] = table;

/**
 * The reduction over an index that a function's command also writes (`\max`: max(a, b) and
 * `\max_j x_j`), if any. The parsers tell the two apart (docs/notation.md, "Max and min over an index").
 */
export function reductionOf(fn: string): ReduceOp | undefined {
  return ALL_REDUCTIONS.find((r) => byCommand.get(r.latex)?.name === fn)?.op;
}
