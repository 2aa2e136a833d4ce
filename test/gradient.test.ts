// gradient(): the one-call library API. Its result agrees with central finite differences, its
// compile() takes the formula's own input names and computes the interpreted value, its forms
// and steps are the CLI's; and the lower-level calls refuse a wrong argument with a TypeError.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDerivative } from '../src/check.js';
import { parse, ParseError } from '../src/parse/index.js';
import { derive, gradient, InputError, parseFormulas, prove, randomInputs, resolveDefinitions, simplify, toLatex, toText, unfoldAll, variable } from '../src/index.js';
import { evaluate } from '../src/evaluate.js';
import { checkSteps } from '../src/proof/index.js';

const CASES = [
  { formula: 'E = \\sum_k (t_k - o_k)^2', where: 'o_k = \\sigma(\\sum_j w_{jk} o_j)', wrt: 'w_{jk}' },
  { formula: 'sum(k, (t[k] - y[k])^2)', where: 'y[k] = tanh(sum(j, w[j,k] * x[j]))', wrt: 'w[j,k]' },
  { formula: 'y_k = \\frac{e^{z_k}}{\\sum_i e^{z_i}}; E = -\\sum_k t_k \\log y_k', wrt: 'z_j' },
  { formula: 'J = \\frac{1}{2} \\sum_i (\\theta x_i - y_i)^2', wrt: '\\theta' },
  { formula: '\\log(1 + e^{x}) + x^3', wrt: 'x' },
] as const;

describe('gradient', () => {
  it.each(CASES.map((c) => [c.formula, c] as const))('%s: the result agrees with finite differences, compile() with the interpreter', (_f, c) => {
    for (const fold of [false, true]) {
      const g = gradient(c.formula, c.wrt, { where: 'where' in c ? c.where : undefined, fold });
      const { definitions, target } = resolveDefinitions([...('where' in c ? parseFormulas(c.where) : []), ...parseFormulas(c.formula)]);
      const f = unfoldAll(target, definitions);
      const d = unfoldAll(g.expr, g.definitions);
      expect(checkDerivative({ f, wrt: g.wrt, derivative: d, trials: 2 }).ok).toBe(true);
      expect(g.latex).toBe(toLatex(g.expr, { signsOut: true }));
      expect(g.text).toBe(toText(g.expr, { signsOut: true }));
      const compiled = g.compile();
      expect(compiled.inputs.every((i) => !/@/.test(i.name))).toBe(true);
      const inputs = randomInputs([d], { seed: 3 });
      const want = evaluate(d, inputs, { free: [...compiled.free] }).value;
      const got = compiled.fn(inputs).value;
      const flat = (x: unknown): number[] => (typeof x === 'number' ? [x] : Array.from(x as ArrayLike<unknown>).flatMap(flat));
      expect(flat(got).map((v, i) => Math.abs(v - flat(want)[i]!) / Math.max(1, Math.abs(v)))).toSatisfy((e: number[]) => e.every((x) => x < 1e-12));
    }
  });

  it('takes parsed nodes and text alike, and gives what derive gives', () => {
    fc.assert(fc.property(fc.constantFrom(...CASES), (c) => {
      const where = 'where' in c ? parseFormulas(c.where) : [];
      const fromText = gradient(c.formula, c.wrt, { where: 'where' in c ? c.where : undefined });
      const fromNodes = gradient(parseFormulas(c.formula), parse(c.wrt), { where });
      expect(fromNodes.expr).toBe(fromText.expr);
      const { definitions, target } = resolveDefinitions([...where, ...parseFormulas(c.formula)]);
      expect(derive(target, c.wrt, { definitions }).result).toBe(fromText.expr);
    }), { numRuns: 10 });
  });

  it('gives checked steps, the matrix form, and the equation the CLI prints', () => {
    const g = gradient('\\sum_j w_{jk} o_j', 'w_{jk}', { steps: true });
    expect(g.steps!.length).toBeGreaterThan(2);
    expect(checkSteps(g.proof!).ok).toBe(true);
    expect(g.equation.latex).toBe(`${toLatex(g.goal)} = ${g.latex}`);
    const m = gradient('\\sum_i \\sum_j x_i A_{ij} x_j', 'x_k', { form: 'matrix' });
    expect(m.matrix?.latex).toContain('A^\\top');
    const e = gradient('\\sum_i \\sum_j x_i A_{ij} x_j', 'x_k', { form: 'einsum' });
    expect(e.einsum).toContain('einsum');
  });

  it('reports bad text as a ParseError with its position, and a variable that does not occur as an InputError', () => {
    expect(() => gradient('\\frac{1}{', 'x')).toThrow(ParseError);
    expect(() => gradient('x^2', 'y')).toThrow(InputError);
    expect(() => gradient(42 as unknown as string, 'x')).toThrow(TypeError);
  });
});

describe('argument checks: a TypeError saying what was expected', () => {
  it('derive of a string, of a variable that is not one', () => {
    expect(() => derive('x^2' as unknown as ReturnType<typeof parse>, 'x')).toThrow(/derive expects an expression .*got the string 'x\^2'.*parse it first/);
    expect(() => derive(parse('x^2'), 42 as unknown as string)).toThrow(TypeError);
    expect(() => derive(parse('x^2'), parse('x + 1'))).toThrow(InputError);
    expect(derive(parse('x^2'), variable('x')).result).toBe(derive(parse('x^2'), 'x').result);
  });

  it('a printer given simplify\'s or derive\'s result object says to pass .result', () => {
    const s = simplify(parse('x + x'));
    expect(() => toLatex(s as unknown as ReturnType<typeof parse>)).toThrow(/toLatex expects an expression.*pass its \.result/);
    expect(() => toText(prove(parse('x^2'), 'x') as unknown as ReturnType<typeof parse>)).toThrow(/pass its \.result/);
    expect(() => simplify(null as unknown as ReturnType<typeof parse>)).toThrow(/simplify expects an expression.*got null/);
    expect(() => toLatex(gradient('x^2', 'x') as unknown as ReturnType<typeof parse>)).toThrow(/pass its \.expr/);
  });
});

describe('ParseError', () => {
  it('has its position in the one-line message, and format() draws the caret there', () => {
    fc.assert(fc.property(fc.constantFrom('\\frac{1}{', 'x + * y', 'sum(j, ', '\\sum_j w_{jk} o_j +', 'a = b = (c'), fc.constantFrom('', 'x = 1\n'), (bad, before) => {
      try {
        parse(before + bad);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        expect(e.message).toBe(`${e.reason} (${e.line}:${e.column})`);
        expect(e.message).not.toContain('\n');
        const [first, line, caret] = e.format().split('\n');
        expect(first).toBe(e.message);
        expect(line).toBe((before + bad).split('\n')[e.line - 1]);
        expect(caret!.indexOf('^')).toBe(e.column - 1);
        return;
      }
      throw new Error(`${bad} parsed`);
    }));
  });
});

describe('gradient of matrix notation', () => {
  it('reads the variable as its entry, starts the proof from the reading and writes the matrix form from the formula as written', () => {
    const g = gradient('\\mathbf{a}^\\top X \\mathbf{b}', 'X', { form: 'matrix', steps: true });
    expect(g.matrix!.lhs).toBe('\\frac{\\partial \\mathbf{a}^\\top X \\mathbf{b}}{\\partial X}');
    expect(g.matrix!.latex).toBe('\\mathbf{a}\\,\\mathbf{b}^\\top');
    expect(g.proof!.reading!.written).toBe('\\mathbf{a}^\\top X \\mathbf{b}');
    expect(g.wrt.indices).toHaveLength(2);
    // Its values: ∂(aᵀXb)/∂X_{kl} = a_k b_l, at random entries.
    const [a, b] = [[0.5, -2, 3], [1.5, 4]];
    const v = g.compile().fn({ values: { 'mathbf(a)': a, 'mathbf(b)': b, X: [[0, 0], [0, 0], [0, 0]] } }).value as Float64Array;
    expect([...v]).toEqual(a.flatMap((x) => b.map((y) => x * y)));
  });

  it('says why there is no matrix form, and gives the einsum form', () => {
    const g = gradient('\\sum_i \\sum_j \\sum_k T_{ijk} x_i y_j z_k', 'T_{abc}', { form: 'matrix' });
    expect(g.matrix).toBe(null);
    expect(g.note).toMatch(/^no matrix form \(the result has 3 free indices\)/);
    expect(g.einsum).toContain('einsum(');
  });
});
