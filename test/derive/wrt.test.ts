// A variable to differentiate by that occurs nowhere is an input error with a
// did-you-mean, through the one path the CLI and the library share
// (resolveVariable): a typo would otherwise print `= 0` with exit 0.

import { describe, expect, it } from 'vitest';
import { cli as run } from '../cli/run.js';
import type { Var } from '../../src/core/ast.js';
import { InputError } from '../../src/core/errors.js';
import { resolveDefinitions, resolveVariable } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toMatch(/\n/);
    // The message is the reason and the place of the variable in its text (its own, given as a string).
    const { reason, line, column } = e as InputError;
    expect((e as Error).message).toBe(`${reason} (${line}:${column})`);
    return reason;
  }
  throw new Error('expected an InputError');
}

const LAYER = String.raw`\sum_j w_{jk} x_j`;
const NET = String.raw`o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;

describe('derive(expr, variable) with a variable that does not occur', () => {
  it.each([
    // [formula, variable, did-you-mean or null, the variables listed]
    [LAYER, 'W_{jk}', 'w_{jk}', 'w_{jk}, x_j'], // another case
    [LAYER, 'w', 'w_{jk}', 'w_{jk}, x_j'], // the same name with other indices
    [LAYER, 'x_{jk}', 'x_j', 'w_{jk}, x_j'],
    [LAYER, 'v_{jk}', 'w_{jk}', 'w_{jk}, x_j'], // one letter away
    [String.raw`\text{lr} \cdot g`, String.raw`\text{lt}`, String.raw`\text{lr}`, String.raw`\text{lr}, g`],
    [String.raw`\lambda x^2`, String.raw`\Lambda`, String.raw`\lambda`, String.raw`\lambda, x`],
    ['y^2 + 3', 'z', null, 'y'], // any two letters are one edit apart: no guess
    [String.raw`\sum_j v_j y_j`, 'w_j', 'v_j', 'v_j, y_j'], // ... unless the indices agree
    ['sum(j, w[j,k]*o[j])', 'v[j,k]', 'w_{jk}', 'w_{jk}, o_j'],
  ])('%s by %s', (formula, variable, guess, listed) => {
    const message = refusal(() => derive(parse(formula), variable));
    expect(message).toContain(`'${toLatex(parse(variable))}' does not occur in the formula or its definitions`);
    expect(message).toContain(guess === null ? `(the variables are ${listed})` : `; did you mean ${guess}? (the variables are ${listed})`);
    if (guess === null) expect(message).not.toContain('did you mean');
    // The same through a parsed Var.
    expect(refusal(() => derive(parse(formula), parse(variable) as Var))).toBe(message);
  });

  it('a formula without variables says so', () => {
    expect(refusal(() => derive(parse('3'), 'x'))).toBe("'x' does not occur in the formula or its definitions (there are no variables)");
  });

  it('lists twelve variables and counts the rest', () => {
    const formula = Array.from({ length: 15 }, (_, i) => `x_{${i + 1}}`).join(' + ');
    const message = refusal(() => derive(parse(formula.replace(/x_\{(\d+)\}/g, (_m, d: string) => `\\text{v${d}}`)), 'y'));
    expect(message).toContain(String.raw`\text{v12} and 3 more)`);
    expect(message).not.toContain(String.raw`\text{v13}`);
  });

  it('an index-renamed instance occurs: indices are pattern letters, only name, arity and family decide', () => {
    expect(toLatex(derive(parse(LAYER), 'w_{ab}').result)).toBe(String.raw`\delta_{kb} x_a`);
    expect(toLatex(derive(parse(LAYER), 'w_{12}').result)).toBe(String.raw`\delta_{k2} x_1`);
  });

  it('defined quantities and the inputs their definitions read occur; a name in none of them does not', () => {
    const r = resolveDefinitions(parseFormulas(NET));
    const options = { definitions: r.definitions };
    expect(toLatex(derive(r.target, 'E', options).result)).toBe('1');
    expect(toLatex(derive(r.target, 'o_j', options).result)).toBe('-2(t_j - o_j)');
    expect(refusal(() => derive(r.target, 'O_k', options)))
      .toBe("'O_k' does not occur in the formula or its definitions; did you mean o_k? (the variables are o_k, w_{jk}, E, t_k)");
  });

  it('a range family that none of the formula fits does not occur', () => {
    const sizes = { i: 3, j: 4, k: 5, a: 7, b: 5 };
    const e = resolveDefinitions(parseFormulas(String.raw`\sum_k w_{ik} + \sum_j w_{jk}`), [], { sizes }).target;
    expect(refusal(() => derive(e, 'w_{ab}', { sizes }))).toContain('does not occur in the formula or its definitions; did you mean w_{ik}?');
    expect(toLatex(derive(e, 'w_{ik}', { sizes }).result)).toBe('1');
  });

  it('resolveVariable without formulas or definitions reads the variable alone', () => {
    expect(resolveVariable('w_{jk}')).toBe(parse('w_{jk}'));
  });
});

const cli = (...argv: string[]) => run(argv);

describe('the command line: --wrt with a variable that does not occur', () => {
  const expected = "error: in --wrt: 'W_{jk}' does not occur in the formula or its definitions; did you mean w_{jk}? (the variables are o_k, w_{jk}, E, t_k) (1:1)\nW_{jk}\n^^^^^^";

  it.each([
    ['derive', []],
    ['derive', ['--check']],
    ['derive', ['--steps']],
    ['eval', ['--values', '{}']],
    ['compile', ['--emit', 'js']],
  ])('%s %s exits 2 with one line, the text of --wrt and a caret', async (command, extra) => {
    const r = await cli(command, 'E = \\sum_k (t_k - o_k)^2', '--where', 'o_k = \\sigma(\\sum_j w_{jk} o_j)', '--wrt', 'W_{jk}', ...extra);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(expected);
  });

  it('an index-renamed instance still derives', async () => {
    const r = await cli('derive', LAYER, '--wrt', 'w_{ab}');
    expect(r.code).toBe(0);
    expect(r.out).toBe(String.raw`\frac{\partial \left(\sum_{j} w_{jk} x_j\right)}{\partial w_{ab}} = \delta_{kb} x_a`);
  });
});
