// Decorated names (issue 9): `\hat{y}`, `\mathbf{x}_{ij}`, `\boldsymbol{\theta}` are names of their own,
// with the marks as a typed field of the identity (src/core/names.ts): `\hat{y}` and `y` are different
// variables. LaTeX prints them back braced (`\hat y` → `\hat{y}`); plain text spells them `hat(y)[n]`.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { markedName, type Mark, MARKS } from '../../src/core/names.js';
import { derive } from '../../src/derive/index.js';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { toJson } from '../../src/serialize.js';
import { accepts, add, type Expr, idx, type Index, ivar, mul, neg, num, pow, rejects, sum, v, variable, withoutStyle } from './helpers.js';

/** `m(['hat'], 'y', 'n')`: \hat{y}_n. */
function m(marks: readonly Mark[], name: string, ...indices: (string | number | Index)[]): Expr {
  return variable({ name, version: 0, family: null, marks }, indices.map(idx));
}
const yhat = (i?: string) => (i === undefined ? m(['hat'], 'y') : m(['hat'], 'y', i));

/** Accepted LaTeX input, the one tree it reads as, and how it prints back in LaTeX and plain text. */
const ACCEPTED: [string, Expr, string, string][] = [
  ['\\hat{y}', yhat(), '\\hat{y}', 'hat(y)'],
  ['\\hat y', yhat(), '\\hat{y}', 'hat(y)'],
  ['\\hat{y}_n', yhat('n'), '\\hat{y}_n', 'hat(y)[n]'],
  ['\\hat y_n', yhat('n'), '\\hat{y}_n', 'hat(y)[n]'],
  ['\\widehat{y}', m(['widehat'], 'y'), '\\widehat{y}', 'widehat(y)'],
  ['\\bar{x}', m(['bar'], 'x'), '\\bar{x}', 'bar(x)'],
  ['\\overline{x}_j', m(['overline'], 'x', 'j'), '\\overline{x}_j', 'overline(x)[j]'],
  ['\\tilde{x}', m(['tilde'], 'x'), '\\tilde{x}', 'tilde(x)'],
  ['\\widetilde{W}_{jk}', m(['widetilde'], 'W', 'j', 'k'), '\\widetilde{W}_{jk}', 'widetilde(W)[j,k]'],
  ['\\dot{x}', m(['dot'], 'x'), '\\dot{x}', 'dot(x)'],
  ['\\ddot{x}', m(['ddot'], 'x'), '\\ddot{x}', 'ddot(x)'],
  ['\\vec{x}_i', m(['vec'], 'x', 'i'), '\\vec{x}_i', 'vec(x)[i]'],
  ['\\check{x}', m(['check'], 'x'), '\\check{x}', 'check(x)'],
  ['\\breve{x}', m(['breve'], 'x'), '\\breve{x}', 'breve(x)'],
  ['\\mathbf{x}', m(['mathbf'], 'x'), '\\mathbf{x}', 'mathbf(x)'],
  ['\\mathbf{x}_{ij}', m(['mathbf'], 'x', 'i', 'j'), '\\mathbf{x}_{ij}', 'mathbf(x)[i,j]'],
  ['\\mathbf{x}_{i,j}', variable({ name: 'x', version: 0, family: null, marks: ['mathbf'] }, [ivar('i'), ivar('j')], true), '\\mathbf{x}_{i,j}', 'mathbf(x)[i,j]'],
  ['\\boldsymbol{\\theta}', m(['boldsymbol'], 'theta'), '\\boldsymbol{\\theta}', 'boldsymbol(theta)'],
  ['\\boldsymbol\\theta_k', m(['boldsymbol'], 'theta', 'k'), '\\boldsymbol{\\theta}_k', 'boldsymbol(theta)[k]'],
  ['\\bm{x}', m(['bm'], 'x'), '\\bm{x}', 'bm(x)'],
  ['\\mathcal{L}', m(['mathcal'], 'L'), '\\mathcal{L}', 'mathcal(L)'],
  ['\\mathfrak{g}', m(['mathfrak'], 'g'), '\\mathfrak{g}', 'mathfrak(g)'],
  ['\\mathscr{F}', m(['mathscr'], 'F'), '\\mathscr{F}', 'mathscr(F)'],
  ['\\hat{\\ell}', m(['hat'], 'ell'), '\\hat{\\ell}', 'hat(ell)'],
  ['\\hat{\\bar{x}}', m(['hat', 'bar'], 'x'), '\\hat{\\bar{x}}', 'hat(bar(x))'],
  ['\\hat{\\mathbf{x}}_i', m(['hat', 'mathbf'], 'x', 'i'), '\\hat{\\mathbf{x}}_i', 'hat(mathbf(x))[i]'],
  // primes belong to the name, after the marks
  ["\\hat{y}'", m(['hat'], "y'"), "\\hat{y}'", "hat(y)'"],
  ["\\hat{y}'_n", m(['hat'], "y'", 'n'), "\\hat{y}'_n", "hat(y)'[n]"],
  ["\\hat{y}_n'", m(['hat'], "y'", 'n'), "\\hat{y}'_n", "hat(y)'[n]"],
  ['\\hat{y}^\\prime', m(['hat'], "y'"), "\\hat{y}'", "hat(y)'"],
  // superscript indices: the first slot, as on a plain name
  ['\\hat{y}^{(i)}', variable({ name: 'y', version: 0, family: null, marks: ['hat'] }, [ivar('i')], false, '('), '\\hat{y}^{(i)}', 'hat(y)[i]'],
  ['\\hat{y}^{(n)}_k', variable({ name: 'y', version: 0, family: null, marks: ['hat'] }, [ivar('n'), ivar('k')], false, '('), '\\hat{y}^{(n)}_k', 'hat(y)[n,k]'],
  // in formulas: a mark takes one letter, as in TeX (`\hat xy` is `\hat{x} y`)
  ['\\hat xy', mul([m(['hat'], 'x'), v('y')]), '\\hat{x} y', 'hat(x) * y'],
  ['\\hat{y} - y', add([yhat(), neg(v('y'))]), '\\hat{y} - y', 'hat(y) - y'],
  ['(\\hat{y}_n - y_n)^2', pow(add([yhat('n'), neg(v('y', 'n'))]), num(2)), '(\\hat{y}_n - y_n)^2', '(hat(y)[n] - y[n])^2'],
  ['\\sum_n \\hat{y}_n', sum('n', yhat('n')), '\\sum_{n} \\hat{y}_n', 'sum(n, hat(y)[n])'],
];

describe('decorated names: accepted, one parse, printed back', () => {
  test.each(ACCEPTED)('%s', (input, expected, latex, text) => {
    accepts('latex', input, expected);
    expect(toLatex(expected)).toBe(latex);
    expect(toText(expected)).toBe(text);
    // both printed forms read back as the same tree (presentation hints aside in plain text)
    expect(parse(latex, { syntax: 'latex' })).toBe(expected);
    expect(withoutStyle(parse(text, { syntax: 'text' }))).toBe(withoutStyle(expected));
  });
});

/** Doubtful or incomplete forms: refused, with the position and how to write it. */
const REJECTED: [string, string, number, number][] = [
  ['\\hat{xy}', 'takes one letter or Greek letter (\\hat{x}); for a product write \\hat{x} \\hat{y}', 1, 7],
  ['\\hat{x y}', 'takes one letter or Greek letter', 1, 8],
  ['\\hat{}', '\\hat must be followed by one letter or Greek letter: \\hat{x}', 1, 1],
  ['\\hat', '\\hat must be followed by one letter or Greek letter', 1, 1],
  ['\\hat{2}', '\\hat must be followed by one letter or Greek letter', 1, 1],
  ['1 + \\bar', '\\bar must be followed by one letter or Greek letter', 1, 5],
  ["\\hat{y'}", 'takes one letter or Greek letter', 1, 7],
  ['\\hat{y_n}', 'takes one letter or Greek letter', 1, 7],
  ['\\mathbf{\\text{lr}}', '\\mathbf must be followed by one letter or Greek letter', 1, 1],
  ['\\hat{\\sum}', '\\hat must be followed by one letter or Greek letter', 1, 1],
  ['\\hat(y)', '\\hat must be followed by one letter or Greek letter', 1, 1],
  // an index is a letter: a decorated one is not read
  ['x_{\\hat{i}}', "unexpected '\\hat{i}'", 1, 4],
  ['\\sum_{\\hat{i}} x', "unexpected '\\hat{i}'", 1, 7],
  // fonts that mean something else
  ['\\mathbb{E}', '\\mathbb{…} (an expectation \\mathbb{E}, a set \\mathbb{R}) is not read', 1, 1],
  ['\\mathsf{x}', '\\mathsf{…} is not read', 1, 1],
  // a transpose on a decorated name is refused as on any name
];

describe('decorated names: doubtful forms refused', () => {
  test.each(REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});

const TEXT_REJECTED: [string, string, number, number][] = [
  ['hat(lr)', 'hat(…) decorates one letter or Greek letter: hat(x) is \\hat{x}', 1, 5],
  ['hat(x y)', 'hat(…) decorates one letter or Greek letter', 1, 7],
  ['hat()', 'hat(…) decorates one letter or Greek letter', 1, 5],
  ["hat(y')", 'hat(…) decorates one letter or Greek letter', 1, 6],
  ['x[hat(j)]', "unexpected 'hat(j)'", 1, 3],
  // as on a plain name, `^(i)` could be an index or a power
  ['hat(y)^(i)', 'ambiguous ^(i)', 1, 8],
];

describe('decorated names in plain text: doubtful forms refused', () => {
  test.each(TEXT_REJECTED)('%s', (input, fragment, line, column) => rejects('text', input, fragment, line, column));
  test('a mark name with a space before ( stays a name times a group, as any name', () => {
    expect(parse('hat (y)', { syntax: 'text' })).toBe(mul([v('hat'), v('y')]));
  });
});

describe('decorated names: round trip in both syntaxes', () => {
  const mark = fc.constantFrom(...MARKS);
  const letter = fc.constantFrom('x', 'y', 'W', 'theta', 'ell', 'L');
  const decorated = fc.record({
    marks: fc.array(mark, { minLength: 1, maxLength: 3 }),
    base: letter,
    primes: fc.integer({ min: 0, max: 2 }),
    indices: fc.array(fc.constantFrom('i', 'j', 'n'), { maxLength: 2 }),
  }).map(({ marks, base, primes, indices }) => m(marks, base + "'".repeat(primes), ...indices));
  test('LaTeX and plain text print a decorated name so that it reads back', () => {
    fc.assert(fc.property(decorated, (e) => {
      expect(parse(toLatex(e), { syntax: 'latex' })).toBe(e);
      expect(parse(toText(e), { syntax: 'text' })).toBe(e);
      expect(parse(toText(e))).toBe(e); // the plain-text spelling is detected as plain text
    }));
  });
});

describe('\\hat{y} and y are different variables', () => {
  test('the JSON AST carries the marks, outermost first', () => {
    expect(toJson(parse('\\hat{\\mathbf{x}}_i'))).toEqual({
      kind: 'var', name: 'x', indices: [{ kind: 'ivar', name: 'i', offset: 0 }], marks: ['hat', 'mathbf'],
    });
  });
  test('distinct identities and keys', () => {
    const a = parse('\\hat{y}');
    const b = parse('y');
    expect(a).not.toBe(b);
    expect(markedName(a as never)).toBe('hat(y)');
    expect(parse('\\hat{y} - y')).not.toBe(parse('y - y'));
  });
  test('∂\\hat{y}/∂y = 0: only y counts in ∂/∂y, only \\hat{y} in ∂/∂\\hat{y}', () => {
    expect(toLatex(derive(parse('\\hat{y}^2 + 3 y'), 'y').result)).toBe('3');
    expect(toLatex(derive(parse('\\hat{y} + y^2'), '\\hat{y}').result)).toBe('1');
    // y alone does not occur in \hat{y}: the --wrt guard says so, with a did-you-mean
    expect(() => derive(parse('\\hat{y}'), 'y')).toThrow("'y' does not occur in the formula or its definitions; did you mean \\hat{y}?");
    expect(toLatex(derive(parse('\\hat{y}^2 + y'), '\\hat{y}').result)).toBe('2 \\hat{y}');
    expect(toLatex(derive(parse('\\hat{y}_n y_n'), 'y_n').result)).toBe('\\hat{y}_n');
  });
  test('compile: both are inputs, under distinct keys (the plain-text spelling)', () => {
    const c = compile(parse('(\\hat{y} - y)^2'));
    expect(c.inputs.map((x) => x.name).sort()).toEqual(['hat(y)', 'y']);
    expect(c.fn({ values: { 'hat(y)': 5, y: 2 }, sizes: {} }).value).toBe(9);
  });
  test('compile with indices: \\mathbf{x}_{ij} and x_{ij}', () => {
    const c = compile(parse('\\sum_i \\sum_j \\mathbf{x}_{ij} x_{ij}'));
    expect(c.inputs.map((x) => x.name).sort()).toEqual(['mathbf(x)', 'x']);
    expect(c.fn({ values: { 'mathbf(x)': [[1, 2]], x: [[3, 4]] }, sizes: { i: 1, j: 2 } }).value).toBe(11);
  });
});
