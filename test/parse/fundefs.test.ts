// Function definitions, gradients and word subscripts (issue 9): `J(\theta) = …`, `f(x) = x^2; E = f(2y)`,
// `f'(2y)`, `\sigma(z) = …`, `D_{\mathrm{KL}}(P \parallel Q) = …`, `\nabla_w L`, `L_{\text{CE}}`
// (docs/notation.md, "Function definitions, gradients and word subscripts").

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { APPLY, applyUser, diff, type Var } from '../../src/core/ast.js';
import { InputError } from '../../src/core/errors.js';
import { inputKey, type Label, type Mark } from '../../src/core/names.js';
import { type Definition, resolveDefinitions as resolveWithout, unfoldAll } from '../../src/definitions.js';
import { checkDerivative } from '../../src/check.js';
import { evaluate, type NestedArray } from '../../src/evaluate.js';
import { derive, resolveDefinitions, toJson } from '../../src/index.js';
import { parseAll, parseFormulas, type Syntax } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import {
  add, call, div, equation, type Expr, idx, type Index, ivar, mul, neg, num, pow, rejects, sum, v, variable, withoutStyle,
} from './helpers.js';

/** `lab('D', 'KL')`: D_{\mathrm{KL}}; marks and indices optional. */
function lab(name: string, word: string, font: Label['font'] = 'mathrm', marks: readonly Mark[] = [], ...indices: (string | number | Index)[]): Var {
  return variable({ name, version: 0, family: null, marks, label: { word, font } }, indices.map(idx));
}
const name = (n: string) => variable(n);
const f = (head: string, ...args: Expr[]) => applyUser(name(head), args);
const [x, y, z, w, b, theta, E, J, L, m] = ['x', 'y', 'z', 'w', 'b', 'theta', 'E', 'J', 'L', 'm'].map(name) as Var[];
const sq = (e: Expr) => pow(e, num(2));
const bold = (i: string) => variable({ name: 'w', version: 0, family: null, marks: ['mathbf'] }, [ivar(i)]);

interface Row {
  readonly syntax: Syntax;
  readonly input: string;
  readonly formulas: readonly Expr[];
  /** The formulas printed back, joined with `; `. */
  readonly latex: string;
  readonly text: string;
}

const row = (syntax: Syntax, input: string, formulas: readonly Expr[], latex: string, text: string): Row => ({ syntax, input, formulas, latex, text });

export const ACCEPTED: readonly Row[] = [
  // --- function definitions and calls
  row('latex', 'J(\\theta) = \\frac{1}{2m} \\sum_i (h_i - y_i)^2',
    [equation(f('J', theta!), mul([div(num(1), mul([num(2), m!])), sum('i', sq(add([v('h', 'i'), neg(v('y', 'i'))])))]))],
    'J(\\theta) = \\frac{1}{2 m} \\sum_{i} (h_i - y_i)^2', 'J(theta) = (1 / (2 * m)) * sum(i, (h[i] - y[i])^2)'),
  row('latex', 'L(w, b) = (w x + b - y)^2', [equation(f('L', w!, b!), sq(add([mul([w!, x!]), b!, neg(y!)])))],
    'L(w, b) = (w x + b - y)^2', 'L(w, b) = (w * x + b - y)^2'),
  row('latex', 'J(\\theta_0, \\theta_1) = (\\theta_0 + \\theta_1 x - y)^2',
    [equation(f('J', v('theta', 0), v('theta', 1)), sq(add([v('theta', 0), mul([v('theta', 1), x!]), neg(y!)])))],
    'J(\\theta_0, \\theta_1) = (\\theta_0 + \\theta_1 x - y)^2', 'J(theta[0], theta[1]) = (theta[0] + theta[1] * x - y)^2'),
  row('latex', 'J\\left(\\theta\\right) = \\theta^2', [equation(f('J', theta!), sq(theta!))], 'J(\\theta) = \\theta^2', 'J(theta) = theta^2'),
  // After the definition `f(2y)` is the call, not the product f·(2y).
  row('latex', 'f(x) = x^2; E = f(2y) + f(y)',
    [equation(f('f', x!), sq(x!)), equation(E!, add([f('f', mul([num(2), y!])), f('f', y!)]))],
    'f(x) = x^2; E = f(2 y) + f(y)', 'f(x) = x^2; E = f(2 * y) + f(y)'),
  row('text', 'f(x) = x^2; E = f(2*y) + f(y)',
    [equation(f('f', x!), sq(x!)), equation(E!, add([f('f', mul([num(2), y!])), f('f', y!)]))],
    'f(x) = x^2; E = f(2 y) + f(y)', 'f(x) = x^2; E = f(2 * y) + f(y)'),
  row('latex', "f(x) = x^3; E = f'(2y) + f''(y)",
    [equation(f('f', x!), pow(x!, num(3))), equation(E!, add([f("f'", mul([num(2), y!])), f("f''", y!)]))],
    "f(x) = x^3; E = f'(2 y) + f''(y)", "f(x) = x^3; E = f'(2 * y) + f''(y)"),
  row('text', "g(x, z) = x*z; E = g(z, x) + g'(1, 2)",
    [equation(f('g', x!, z!), mul([x!, z!])), equation(E!, add([f('g', z!, x!), f("g'", num(1), num(2))]))],
    "g(x, z) = x z; E = g(z, x) + g'(1, 2)", "g(x, z) = x * z; E = g(z, x) + g'(1, 2)"),
  // A built-in's name defined by the user: from the definition on, its calls are the user's function.
  row('latex', '\\sigma(z) = \\frac{1}{1+e^{-z}}; E = \\sigma(w x)',
    [equation(f('sigma', z!), div(num(1), add([num(1), call('exp', [neg(z!)], 'e^')]))), equation(E!, f('sigma', mul([w!, x!])))],
    '\\sigma(z) = \\frac{1}{1 + e^{-z}}; E = \\sigma(w x)', 'sigma(z) = 1 / (1 + exp(-z)); E = sigma(w * x)'),
  row('latex', 'y = \\tanh(x); \\tanh(x) = x; E = \\tanh(y)',
    [equation(y!, call('tanh', [x!])), equation(f('tanh', x!), x!), equation(E!, f('tanh', y!))],
    'y = \\tanh(x); \\tanh(x) = x; E = \\tanh(y)', 'y = tanh(x); tanh(x) = x; E = tanh(y)'),
  row('text', 'sigmoid(z) = 1/(1+exp(-z)); E = sigmoid(w)',
    [equation(f('sigmoid', z!), div(num(1), add([num(1), call('exp', [neg(z!)])]))), equation(E!, f('sigmoid', w!))],
    '\\text{sigmoid}(z) = \\frac{1}{1 + \\exp(-z)}; E = \\text{sigmoid}(w)', 'sigmoid(z) = 1 / (1 + exp(-z)); E = sigmoid(w)'),
  // Only a list of variables after the name at the start of a formula defines a function.
  row('latex', 'J(\\theta + 1) = 2', [equation(mul([J!, add([theta!, num(1)])]), num(2))], 'J (\\theta + 1) = 2', 'J * (theta + 1) = 2'),
  row('text', 'f (x) + 1', [add([mul([name('f'), x!]), num(1)])], 'f x + 1', 'f * x + 1'),

  // --- labelled quantities: the parenthesis says what the quantity is of, and is dropped
  row('latex', 'D_{\\mathrm{KL}}(P \\parallel Q) = \\sum_i P_i \\log \\frac{P_i}{Q_i}',
    [equation(lab('D', 'KL'), sum('i', mul([v('P', 'i'), call('log', [div(v('P', 'i'), v('Q', 'i'))])])))],
    'D_{\\mathrm{KL}} = \\sum_{i} P_i \\log\\left(\\frac{P_i}{Q_i}\\right)', 'D.KL = sum(i, P[i] * log(P[i] / Q[i]))'),
  row('latex', 'H(X | Y) = 1', [equation(name('H'), num(1))], 'H = 1', 'H = 1'),
  row('latex', 'p(x \\mid y) = x y', [equation(name('p'), mul([x!, y!]))], 'p = x y', 'p = x * y'),
  row('latex', 'p(x; \\theta) = \\theta x', [equation(name('p'), mul([theta!, x!]))], 'p = \\theta x', 'p = theta * x'),
  row('latex', 'L(y, \\hat{y}; \\theta) = 2', [equation(L!, num(2))], 'L = 2', 'L = 2'),

  // --- word subscripts: a name of its own
  row('latex', 'D_{\\mathrm{KL}} + D', [add([lab('D', 'KL'), name('D')])], 'D_{\\mathrm{KL}} + D', 'D.KL + D'),
  row('latex', 'D_\\mathrm{KL}', [lab('D', 'KL')], 'D_{\\mathrm{KL}}', 'D.KL'),
  row('latex', 'L_{\\text{CE}} = -\\sum_k y_k \\log \\hat{y}_k',
    [equation(lab('L', 'CE', 'text'), neg(sum('k', mul([v('y', 'k'), call('log', [variable({ name: 'y', version: 0, family: null, marks: ['hat'] }, [ivar('k')])])]))))],
    'L_{\\text{CE}} = -\\sum_{k} y_k \\log(\\hat{y}_k)', 'L.CE = -sum(k, y[k] * log(hat(y)[k]))'),
  row('latex', "\\mathcal{L}_{\\mathrm{MSE}}'", [lab("L'", 'MSE', 'mathrm', ['mathcal'])], "\\mathcal{L}_{\\mathrm{MSE}}'", "mathcal(L).MSE'"),
  row('latex', '\\mathcal{L}_{\\mathrm{CE},n}', [lab('L', 'CE', 'mathrm', ['mathcal'], 'n')], '\\mathcal{L}_{\\mathrm{CE},n}', 'mathcal(L).CE[n]'),
  row('latex', 'x_{\\text{train},ij}', [lab('x', 'train', 'text', [], 'i', 'j')], 'x_{\\text{train},ij}', 'x.train[i,j]'),
  row('latex', 'x_{\\text{train}}^{(i)}',
    [variable({ name: 'x', version: 0, family: null, marks: [], label: { word: 'train', font: 'text' } }, [ivar('i')], false, '(')],
    'x_{\\text{train}}^{(i)}', 'x.train[i]'),
  row('text', 'D.KL + mathcal(L).MSE[n]', [add([lab('D', 'KL'), lab('L', 'MSE', 'mathrm', ['mathcal'], 'n')])],
    'D_{\\mathrm{KL}} + \\mathcal{L}_{\\mathrm{MSE},n}', 'D.KL + mathcal(L).MSE[n]'),
  row('text', 'x .5', [mul([x!, num(0.5)])], 'x \\cdot 0.5', 'x * 0.5'),

  // --- the gradient: one entry in index form
  row('latex', '\\nabla_w \\sum_j w_j x_j', [diff(sum('j', mul([v('w', 'j'), v('x', 'j')])), variable('w', [ivar('j')]))],
    '\\frac{\\partial}{\\partial w_j} \\left(\\sum_{j} w_j x_j\\right)', 'd/dw[j](sum(j, w[j] * x[j]))'),
  // The letter is free after \nabla: a fresh one.
  row('latex', '\\nabla_w (w_j x_j)', [diff(mul([v('w', 'j'), v('x', 'j')]), variable('w', [ivar("j'")]))],
    "\\frac{\\partial}{\\partial w_{j'}} (w_j x_j)", "d/dw[j'](w[j] * x[j])"),
  row('latex', '\\nabla_{\\theta} \\frac{1}{2}(\\theta x - y)^2', [diff(mul([div(num(1), num(2)), sq(add([mul([theta!, x!]), neg(y!)]))]), theta!)],
    '\\frac{\\partial}{\\partial \\theta} \\left(\\frac{1}{2} (\\theta x - y)^2\\right)', 'd/dtheta((1 / 2) * (theta * x - y)^2)'),
  row('latex', '\\nabla_{\\mathbf{w}} \\sum_i \\mathbf{w}_i^2',
    [diff(sum('i', pow(bold('i'), num(2))), bold('i'))],
    '\\frac{\\partial}{\\partial \\mathbf{w}_i} \\left(\\sum_{i} \\mathbf{w}_i^2\\right)', 'd/dmathbf(w)[i](sum(i, mathbf(w)[i]^2))'),
  // w's shape from an earlier formula.
  row('latex', 'L = \\sum_k w_k^2; G = \\nabla_w L',
    [equation(L!, sum('k', sq(v('w', 'k')))), equation(name('G'), diff(L!, variable('w', [ivar('k')])))],
    'L = \\sum_{k} w_k^2; G = \\frac{\\partial}{\\partial w_k} L', 'L = sum(k, w[k]^2); G = d/dw[k](L)'),
];

export const REJECTED: readonly [Syntax, string, string, number, number][] = [
  ['latex', 'f(x) = x^2; E = f y', 'f is defined as a function at 1:1 and is used here without arguments', 1, 17],
  ['latex', 'E = f(y); f(x) = x^2', 'f is defined as a function at 1:11 and is used here before its definition', 1, 5],
  ['latex', 'f(x) = x f', 'used here without arguments', 1, 10],
  ['text', 'f(x) = x^2; E = f (y)', 'f is defined as a function at 1:1 and is used here without arguments', 1, 17],
  ['latex', '\\sigma(z) = z; E = \\sigma^2', '\\sigma is defined as a function', 1, 20],
  ['latex', 'f_k(x) = x', 'f_k(x) = … defines a function whose name has an index', 1, 1],
  ['latex', 'h_\\theta(x) = \\theta x', 'defines a function whose name has an index', 1, 1],
  ['latex', "f'(x) = 2x", "f'(x) = … defines a derivative", 1, 1],
  ['text', 'J (theta) = theta^2', 'has a space before the parenthesis', 1, 1],
  ['latex', 'a \\parallel b', '\\parallel is read only between the arguments of a labelled quantity', 1, 3],
  ['latex', 'D_{\\mathrm{KL} x}', 'a word subscript is the whole subscript', 1, 16],
  ['latex', 'D_{\\mathrm{KL}}_j', 'a name takes one subscript', 1, 16],
  ['text', 'x.y', "'.' is read only in a name's word subscript", 1, 2],
  ['text', 'x . yy', "'.' is read only in a name's word subscript", 1, 3],
  ['latex', '\\nabla L', '\\nabla needs the variable as a subscript', 1, 1],
  ['latex', '\\nabla_w L', 'w does not occur in what follows \\nabla nor in an earlier formula', 1, 1],
  ['latex', '\\nabla_W \\sum_{j,k} W_{jk}', 'the gradient by W, which has 2 indices (a matrix), is not read', 1, 1],
  ['latex', '\\nabla_w (w + w_j)', 'w occurs both with and without indices', 1, 1],
  ['latex', '\\nabla_{w_j} w_j', 'the subscript of \\nabla is the name of the vector', 1, 1],
];

const printed = (fs: readonly Expr[], print: (e: Expr) => string) => fs.map(print).join('; ');

describe('function definitions, gradients, word subscripts: accepted', () => {
  test.each(ACCEPTED.map((r) => [r.input, r] as const))('%s', (_, r) => {
    expect(parseAll(r.input, { syntax: r.syntax })).toHaveLength(1);
    const got = parseFormulas(r.input, { syntax: r.syntax });
    expect(got).toEqual(r.formulas);
    got.forEach((e, i) => expect(e).toBe(r.formulas[i]));
    expect(printed(got, toLatex)).toBe(r.latex);
    expect(printed(got, toText)).toBe(r.text);
    // Round trips: LaTeX gives the same tree, plain text the same up to presentation hints (a word's font).
    expect(parseFormulas(r.latex, { syntax: 'latex' })).toEqual(got);
    parseFormulas(r.latex, { syntax: 'latex' }).forEach((e, i) => expect(e).toBe(got[i]));
    parseFormulas(r.text, { syntax: 'text' }).forEach((e, i) => expect(withoutStyle(e)).toBe(withoutStyle(got[i]!)));
  });
});

describe('function definitions, gradients, word subscripts: rejected', () => {
  test.each(REJECTED)('%s: %s', (syntax, input, fragment, line, column) => rejects(syntax, input, fragment, line, column));
});

/** The value of `e` after unfolding `definitions`. */
function valueAt(e: Expr, values: Record<string, number | number[] | number[][] | Float64Array>, definitions: readonly Definition[] = [], sizes: Record<string, number> = {}): number | NestedArray {
  return evaluate(unfoldAll(e, definitions), { values, sizes }).value;
}

/** The value of the target after the definitions, at `values`. */
function valueOf(text: string, values: Record<string, number>): number {
  const r = resolveDefinitions(parseFormulas(text));
  return valueAt(r.target, values, r.definitions) as number;
}

describe('function definitions: calls', () => {
  test('a call is the body at the arguments, simultaneously: g(z, x) of g(x, z) = x - z is z - x', () => {
    expect(valueOf('g(x, z) = x - z; E = g(z, x)', { x: 5, z: 2 })).toBe(-3);
  });

  test('capture-avoiding: a binder of the body is renamed when an argument has its letter free', () => {
    const r = resolveDefinitions(parseFormulas('f(x) = \\sum_i w_i x; E = \\sum_i f(y_i)'));
    expect(toLatex(r.definitions.at(-1)!.body)).toBe("\\sum_{i} \\sum_{i'} w_{i'} y_i");
  });

  test('f\'(a) is the derivative of the body at a, not ∂/∂x of the body with a put in', () => {
    // f(x) = x y: f'(y) = y (an argument that is not the parameter), not ∂(y·y)/∂y = 2y.
    expect(valueOf("f(x) = x y; E = f'(y)", { y: 3 })).toBe(3);
    expect(valueOf("f(x) = x^3; E = f''(2y)", { y: 1.5 })).toBeCloseTo(18);
  });

  test('the arity is checked, with the parameters named', () => {
    expect(() => resolveDefinitions(parseFormulas('L(w, b) = w + b; E = L(y)'))).toThrow(
      "'L' is defined with 2 parameters (w, b) and called with 1 argument (1:22)");
  });

  test("f' of a function of several parameters, or a call of a vector parameter, is an input error", () => {
    expect(() => resolveDefinitions(parseFormulas("L(w, b) = w b; E = L'(1, 2)"))).toThrow(/does not say which of the 2 parameters/);
    expect(() => resolveDefinitions(parseFormulas('J(\\theta_j) = \\theta_j^2; E = J(y)'))).toThrow(/has an index letter/);
  });

  test("without a differentiator (src/definitions.ts alone) f'(x) is an input error that says so", () => {
    expect(() => resolveWithout(parseFormulas("f(x) = x^2; E = f'(y)"))).toThrow(/needs derivatives/);
  });

  test('a function definition as the target is the quantity of that name, its parameters the variables they name', () => {
    const r = resolveDefinitions(parseFormulas('J(\\theta) = \\frac{1}{2} \\sum_i (\\theta x_i - y_i)^2'));
    expect(toLatex(r.target)).toBe('J');
    const d = derive(r.target, '\\theta', { definitions: r.definitions });
    expect(toLatex(d.result)).toBe('\\sum_{i} (\\theta x_i - y_i) x_i');
  });

  test('a parameter or head that reads as something else than a variable is an input error', () => {
    expect(() => resolveDefinitions(parseFormulas('f(\\delta_{ij}) = 2'))).toThrow("the parameters of 'f' must be variables such as x or \\theta_0 (got \\delta_{ij}) (1:3)");
    expect(() => resolveDefinitions(parseFormulas('f(x) = x; E = \\sum_f f(x)'))).toThrow(/names a function and an index/);
  });

  test('a function defined in another input (--where) and its name in the formula, read there as a variable, is an input error', () => {
    const formulas = [...parseFormulas('f(x) = x^2'), ...parseFormulas('E = f(2y) + \\alpha')];
    expect(() => resolveDefinitions(formulas)).toThrow(/'f' is used as a variable, but 'f' is defined as a function/);
  });

  test('a call left unresolved is an input error, not a bug', () => {
    expect(() => valueAt(applyUser(name('f'), [x!]), { x: 1 })).toThrow(InputError);
    expect(applyUser(name('f'), [x!]).fn).toBe(APPLY);
  });
});

describe('word subscripts', () => {
  test('input key and JSON: the plain-text spelling, the label a field of its own', () => {
    expect(inputKey(lab('D', 'KL'))).toBe('D.KL');
    expect(inputKey(lab('L', 'MSE', 'mathrm', ['mathcal']))).toBe('mathcal(L).MSE');
    expect(toJson(lab('L', 'CE', 'text'))).toEqual({ kind: 'var', name: 'L', indices: [], label: { word: 'CE', font: 'text' } });
    const r = resolveDefinitions(parseFormulas('L_{\\text{CE}} = (D_{\\mathrm{KL}} - D)^2'));
    expect(valueAt(r.target, { 'D.KL': 3, D: 1 }, r.definitions)).toBe(4);
  });

  test('D_{\\mathrm{KL}} and D are different quantities; the font is only a hint', () => {
    expect(derive(parseFormulas('D_{\\mathrm{KL}} D')[0]!, 'D').result).toBe(lab('D', 'KL'));
    expect(withoutStyle(lab('D', 'KL', 'text'))).toBe(withoutStyle(lab('D', 'KL')));
    expect(lab('D', 'KL', 'text')).not.toBe(lab('D', 'KL'));
  });
});

describe('derivatives through function definitions agree with central finite differences', () => {
  const central = (g: (t: number) => number, t: number) => {
    const h = 1e-5 * Math.max(1, Math.abs(t));
    return (g(t + h) - g(t - h)) / (2 * h);
  };
  const point = fc.double({ min: -2, max: 2, noNaN: true });

  test("f'(a), f''(a) and calls at any argument expression", () => {
    const cases = [
      "f(x) = x^3 y + \\sin(x); E = f'(2y) + f''(y) + f(y^2)",
      "g(x) = \\frac{1}{1+e^{-x}}; E = g'(w y) g(y)",
      'h(a, c) = a^2 c - c; E = h(y, 3y) + h(2, y)',
    ];
    fc.assert(fc.property(fc.constantFrom(...cases), point, point, (text, yv, wv) => {
      const r = resolveDefinitions(parseFormulas(text));
      const d = derive(r.target, 'y', { definitions: r.definitions });
      const at = (t: number) => valueAt(r.target, { y: t, w: wv }, r.definitions) as number;
      const claimed = valueAt(d.result, { y: yv, w: wv }, r.definitions) as number;
      expect(claimed).toBeCloseTo(central(at, yv), 4);
    }), { numRuns: 40 });
  });

  test('\\nabla_w of a least-squares loss, at random sizes (size 1 and the empty range included)', () => {
    // Over \\sum_{i=1}^{m}, m = 0 is the empty range (the loss and its gradient are 0); the bounds declare that x and y
    // have m rows ("Ranges" in docs/notation.md), so m = 0 gives x as an empty flat array of m × p.
    fc.assert(fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1000 }), (n, p, seed) => {
      const rand = (k: number) => Math.sin(seed + 7.3 * k) * 1.5;
      const rows = n;
      const xs = n === 0 ? new Float64Array(0) : Array.from({ length: rows }, (_, i) => Array.from({ length: p }, (_, j) => rand(10 * i + j)));
      const ys = Array.from({ length: rows }, (_, i) => rand(100 + i));
      const ws = Array.from({ length: p }, (_, j) => rand(200 + j));
      const grad = parseFormulas('\\nabla_w \\frac{1}{2} \\sum_{i=1}^{m} (\\sum_j w_j x_{ij} - y_i)^2')[0]!;
      expect(grad.kind).toBe('diff');
      const d = derive((grad as Expr & { kind: 'diff' }).body, (grad as Expr & { kind: 'diff' }).wrt);
      const loss = (grad as Expr & { kind: 'diff' }).body;
      const sizes = { j: p, m: n };
      const claimed = valueAt(d.result, { w: ws, x: xs, y: ys }, [], sizes);
      for (let k = 1; k <= p; k++) {
        const at = (t: number) => valueAt(loss, { w: ws.map((wv, j) => (j === k - 1 ? t : wv)), x: xs, y: ys }, [], sizes) as number;
        const entry = typeof claimed === 'number' ? claimed : (claimed as number[])[k - 1]!;
        expect(entry).toBeCloseTo(central(at, ws[k - 1]!), 4);
      }
    }), { numRuns: 25 });
  });
});

describe('the gradient of CS229 part II', () => {
  // CS229 lecture notes, part II: ∇_θ ℓ(θ) of logistic regression, entry j: Σ_i (y^{(i)} − h_θ(x^{(i)})) x^{(i)}_j.
  const loglik = '\\sum_{i=1}^{m} (y^{(i)} \\log \\sigma(\\sum_j \\theta_j x^{(i)}_j) + (1 - y^{(i)}) \\log(1 - \\sigma(\\sum_j \\theta_j x^{(i)}_j)))';
  test('\\nabla_\\theta of the log-likelihood is its entry j, checked by finite differences', () => {
    const grad = parseFormulas(`\\nabla_{\\theta} ${loglik}`)[0]!;
    expect(grad.kind === 'diff' && toLatex(grad.wrt)).toBe('\\theta_j');
    const body = (grad as Expr & { kind: 'diff' }).body;
    const d = derive(body, (grad as Expr & { kind: 'diff' }).wrt);
    const cs229 = parseFormulas('\\sum_{i=1}^{m} (y^{(i)} - \\sigma(\\sum_k \\theta_k x^{(i)}_k)) x^{(i)}_j')[0]!;
    for (const claimed of [d.result, cs229]) {
      const report = checkDerivative({ f: body, wrt: (grad as Expr & { kind: 'diff' }).wrt, derivative: claimed, sizes: { i: 3, m: 3, j: 2, k: 2 }, trials: 3, seed: 9 });
      expect(report.checked).toBeGreaterThan(0);
      expect(report.ok).toBe(true);
    }
  });
});

// Found by the round-trip property while this part was tested: \delta_{ii} reads as a name first, so a power of it
// whose exponent opens with `(` needs the inner group as a name's does (src/print/latex.ts).
test('a power of a Kronecker delta whose exponent opens with ( reads back', () => {
  const e = pow(parseFormulas('\\delta_{ij}')[0]!, mul([add([x!, y!]), z!]));
  expect(toLatex(e)).toBe('\\delta_{ij}^{{(x + y) z}}');
  expect(parseFormulas(toLatex(e))[0]).toBe(e);
});
