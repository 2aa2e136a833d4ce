// Index arithmetic (issue 9): an index is a linear combination of index variables plus an
// integer — `x_{i+k}` (convolution), `x_{i-j}`, `x_{i+k-1}`, `I_{i+m,j+n}`, `g_{n-m}`, and in
// plain text `x[i+k]`, `x[i-j+1]`. The tree holds it in one form (src/core/ast.ts `linearIndex`:
// variables sorted by name), so `x_{k+i}` is `x_{i+k}` and prints so; the printer puts the
// variables with a positive coefficient first (`g_{n-m}`). A coefficient (`x_{2i+k}`) is refused.

import { describe, expect, test } from 'vitest';
import { substituteIndex } from '../../src/core/indices.js';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { toJson } from '../../src/serialize.js';
import {
  accepts, delta, type Expr, type Index, inum, ivar, linearIndex, mul, rejects, sum, v, vc, withoutStyle,
} from './helpers.js';

/** `lin('i', '-k', 1)`: the index i - k + 1 (a name with a leading `-` has coefficient -1). */
const lin = (...parts: (string | number)[]): Index => linearIndex(
  parts.filter((p): p is string => typeof p === 'string').map((p) => (p.startsWith('-') ? { name: p.slice(1), coef: -1 } : { name: p, coef: 1 })),
  parts.filter((p): p is number => typeof p === 'number').reduce((a, b) => a + b, 0),
);

type Row = [syntax: 'latex' | 'text', input: string, expected: Expr, latex: string, text: string];

export const ACCEPTED: Row[] = [
  ['latex', 'x_{i+k}', v('x', lin('i', 'k')), 'x_{i+k}', 'x[i+k]'],
  // One form: the variables in name order.
  ['latex', 'x_{k+i}', v('x', lin('i', 'k')), 'x_{i+k}', 'x[i+k]'],
  ['latex', 'x_{i-j}', v('x', lin('i', '-j')), 'x_{i-j}', 'x[i-j]'],
  ['latex', 'x_{i + k - 1}', v('x', lin('i', 'k', -1)), 'x_{i+k-1}', 'x[i+k-1]'],
  ['latex', 'x_{i-j+1}', v('x', lin('i', '-j', 1)), 'x_{i-j+1}', 'x[i-j+1]'],
  ['latex', 'x_{i+k+l}', v('x', lin('i', 'k', 'l')), 'x_{i+k+l}', 'x[i+k+l]'],
  // A positive coefficient prints first: `n-m`, not `-m+n`.
  ['latex', 'g_{n-m}', v('g', lin('n', '-m')), 'g_{n-m}', 'g[n-m]'],
  ['latex', 'I_{i+m,j+n}', vc('I', lin('i', 'm'), lin('j', 'n')), 'I_{i+m,j+n}', 'I[i+m,j+n]'],
  ['latex', 'h_{t-1,j}', vc('h', ivar('t', -1), 'j'), 'h_{t-1,j}', 'h[t-1,j]'],
  ['latex', 'w_{i+k,j}', vc('w', lin('i', 'k'), 'j'), 'w_{i+k,j}', 'w[i+k,j]'],
  // In a run of indices, as `x_{i+1j}` is x_{i+1,j}.
  ['latex', 'x_{i+kj}', v('x', lin('i', 'k'), 'j'), 'x_{i+k,j}', 'x[i+k,j]'],
  ['latex', "x_{j'+k}", v('x', lin("j'", 'k')), "x_{j'+k}", "x[j'+k]"],
  // A primed letter is another letter (Earley also tries `i + i` on the way: nothing is refused there).
  ['latex', "x_{i+i'}", v('x', lin('i', "i'")), "x_{i+i'}", "x[i+i']"],
  ['text', "x[i'-i]", v('x', lin("i'", '-i')), "x_{i'-i}", "x[i'-i]"],
  ['latex', 'x_{\\alpha+\\beta}', v('x', lin('alpha', 'beta')), 'x_{\\alpha+\\beta}', 'x[alpha+beta]'],
  ['latex', '\\delta_{i+k,m}', delta(lin('i', 'k'), ivar('m')), '\\delta_{i+k,m}', 'delta[i+k,m]'],
  ['latex', '\\sum_k w_k x_{i+k}', sum('k', mul([v('w', 'k'), v('x', lin('i', 'k'))])), '\\sum_{k} w_k x_{i+k}', 'sum(k, w[k] * x[i+k])'],
  ['latex', '\\sum_{m=1}^{n} f_m g_{n-m+1}', sum('m', mul([v('f', 'm'), v('g', lin('n', '-m', 1))]), inum(1), ivar('n')),
    '\\sum_{m=1}^{n} f_m g_{n-m+1}', 'sum(m=1..n, f[m] * g[n-m+1])'],
  ['text', 'x[i+k]', v('x', lin('i', 'k')), 'x_{i+k}', 'x[i+k]'],
  ['text', 'x[k+i]', v('x', lin('i', 'k')), 'x_{i+k}', 'x[i+k]'],
  ['text', 'x[i-j+1]', v('x', lin('i', '-j', 1)), 'x_{i-j+1}', 'x[i-j+1]'],
  ['text', 'x[i + k - 1]', v('x', lin('i', 'k', -1)), 'x_{i+k-1}', 'x[i+k-1]'],
  ['text', 'I[i+m,j+n]', v('I', lin('i', 'm'), lin('j', 'n')), 'I_{i+m,j+n}', 'I[i+m,j+n]'],
  ['text', 'g[n-m]', v('g', lin('n', '-m')), 'g_{n-m}', 'g[n-m]'],
  ['text', 'h[t-1,j]', v('h', ivar('t', -1), 'j'), 'h_{t-1,j}', 'h[t-1,j]'],
  ['text', 'sum(k, w[k] * x[i+k])', sum('k', mul([v('w', 'k'), v('x', lin('i', 'k'))])), '\\sum_{k} w_k x_{i+k}', 'sum(k, w[k] * x[i+k])'],
];

export const REJECTED: [syntax: 'latex' | 'text', input: string, fragment: string, line: number, column: number][] = [
  // A coefficient (strided indexing) is not read; in a LaTeX run it would split silently into two indices.
  ['latex', 'x_{2i+k}', 'a coefficient on an index variable (2i) is not read', 1, 4],
  ['latex', 'x_{2i+k}', 'put a comma between them: _{2,i+k}', 1, 4],
  ['latex', 'x_{i+2k}', 'a coefficient on an index variable (2k) is not read', 1, 6],
  ['latex', 'x_{i+2k}', 'put a comma between them: _{i+2,k}', 1, 6],
  ['latex', 'x_{i-2k}', 'a coefficient on an index variable (2k) is not read', 1, 6],
  ['latex', 'x_{2i-1}', 'a coefficient on an index variable (2i) is not read', 1, 4],
  ['latex', 'x_{2 \\cdot i}', 'a coefficient on an index variable (2 \\cdot i) is not read', 1, 4],
  ['latex', 'x_{i, 2 \\cdot k}', 'a coefficient on an index variable (2 \\cdot k) is not read', 1, 7],
  ['text', 'x[2i+k]', 'a coefficient on an index variable (2i) is not read', 1, 3],
  ['text', 'x[2*i+k]', 'a coefficient on an index variable (2*i) is not read', 1, 3],
  ['text', 'x[i, 2i]', 'a coefficient on an index variable (2i) is not read', 1, 6],
  // A variable twice: the grammar does not add up coefficients.
  ['latex', 'x_{i-i}', 'the index variable i occurs twice in one index', 1, 5],
  ['latex', 'x_{i+k-k}', 'the index variable k occurs twice in one index', 1, 7],
  ['text', 'x[i+k+i]', 'the index variable i occurs twice in one index', 1, 6],
  // What is still not an index: a leading sign, a product, a dangling sign.
  ['latex', 'x_{-i}', "unexpected '-'", 1, 4],
  ['latex', 'x_{i+}', "unexpected '}'", 1, 6],
  ['latex', 'x_{i k+}', "unexpected '}'", 1, 8],
  ['text', 'x[-i+k]', "unexpected '-'", 1, 3],
  ['text', 'x[i*k]', "unexpected '*'", 1, 4],
  // A superscript index stays one letter with an offset.
  ['latex', 'x^{(i+k)}', 'a superscript (i+k) after a name reads as an index, and i+k is not one', 1, 4],
];

describe('index arithmetic: accepted, one parse each, printed back', () => {
  test.each(ACCEPTED)('%s %s', (syntax, input, expected, latex, text) => {
    accepts(syntax, input, expected);
    expect(toLatex(expected)).toBe(latex);
    expect(toText(expected)).toBe(text);
  });
});

// Up to the comma hint, which plain text does not record (`I[i+m,j+n]` prints `I_{i+m,j+n}` with commas).
describe('index arithmetic: round trip in both syntaxes', () => {
  test.each(ACCEPTED)('%s %s', (_syntax, _input, expected) => {
    expect(withoutStyle(parse(toLatex(expected), { syntax: 'latex' }))).toBe(withoutStyle(expected));
    expect(withoutStyle(parse(toText(expected), { syntax: 'text' }))).toBe(withoutStyle(expected));
  });
});

describe('index arithmetic: refused', () => {
  test.each(REJECTED)('%s %s', (syntax, input, fragment, line, column) => rejects(syntax, input, fragment, line, column));
});

describe('index arithmetic: the one form', () => {
  test('equal index expressions are one node, whatever the order written', () => {
    expect(parse('x_{k+i-1}')).toBe(parse('x[i+k-1]'));
    expect(parse('x_{k+i}')).toBe(parse('x_{i+k}'));
    expect(parse('\\delta_{k+i,m}')).toBe(parse('\\delta_{i+k,m}'));
  });
  test('the old constructors keep their meaning: one variable with coefficient 1 is ivar, none is inum', () => {
    expect(linearIndex([{ name: 'j', coef: 1 }], 2)).toEqual(ivar('j', 2));
    expect(linearIndex([{ name: 'j', coef: 1 }, { name: 'j', coef: -1 }], 3)).toEqual(inum(3));
    expect(linearIndex([{ name: 'k', coef: 1 }, { name: 'i', coef: 1 }])).toEqual({ kind: 'ilin', terms: [{ name: 'i', coef: 1 }, { name: 'k', coef: 1 }], offset: 0 });
    expect(parse('x_{i+1}')).toBe(v('x', ivar('i', 1)));
  });
  test('JSON writes the terms and the constant', () => {
    expect(toJson(parse('x_{n-m+1}'))).toEqual({
      kind: 'var', name: 'x', indices: [{ kind: 'ilin', terms: [{ name: 'm', coef: -1 }, { name: 'n', coef: 1 }], offset: 1 }],
    });
  });
  test('a coefficient made by the engine prints as one: x_{2i-k}', () => {
    expect(toLatex(v('x', linearIndex([{ name: 'i', coef: 2 }, { name: 'k', coef: -1 }])))).toBe('x_{2i-k}');
  });
});

describe('index arithmetic in a superscript index', () => {
  test('substituting a sum into x^{(i)}_j moves it to the subscripts, where it reads back', () => {
    const e = substituteIndex(parse('x^{(i)}_j'), 'i', lin('m', '-k'));
    expect(toLatex(e)).toBe('x_{m-k,j}');
    expect(withoutStyle(parse(toLatex(e)))).toBe(withoutStyle(e));
  });
});
