// The function table: one record per elementary function, read by the parser
// (which spellings denote it), the printers (house-style spelling), the
// differentiator (its derivative, as an expression) and the evaluators (its
// numeric value, in a numerically stable form).

import { add, call, div, type Expr, iverson, mul, neg, num, pow, rel } from './core/ast.js';
import { InputError } from './core/errors.js';

export interface FunctionSpec {
  /** Canonical name, stored in `call.fn` and used by the plain-text syntax. */
  readonly name: string;
  /** LaTeX control words that denote it directly (`\tanh`, `\ln`). */
  readonly commands: readonly string[];
  /** Names that denote it inside `\text{}`, `\operatorname{}`, `\mathrm{}` and in plain text. */
  readonly names: readonly string[];
  /** The LaTeX head the printers use when the user's spelling is unknown. */
  readonly latex: string;
  readonly eval: (x: number) => number;
  /** f'(u), given the argument `u` and the call node `self` = f(u) (reused, so σ' = σ(1-σ) shares σ(u)). */
  readonly derivative: (u: Expr, self: Expr) => Expr;
}

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
];

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

/** The spec for a canonical name; an InputError for a function we cannot compute with. */
export function functionSpec(name: string): FunctionSpec {
  const spec = byName.get(name);
  if (spec !== undefined) return spec;
  if (name === 'prime') {
    // The parser reads `(ax)'` as written; it does not say which variable it differentiates by.
    throw new InputError("a prime (f)' does not say which variable it differentiates by: write \\frac{d}{dx}(f) instead");
  }
  throw new InputError(`unknown function '${name}' (known: ${table.map((f) => f.name).join(', ')})`);
}

export const FUNCTIONS: readonly FunctionSpec[] = table;
