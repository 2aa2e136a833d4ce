// Superscript indices (issue 9): `x^{(i)}`, `y^{(n)}_k`, `a^{[l]}_j` are index slots, never powers.
// The superscript index is the first slot (`x^{(i)}_j` is the entry x_{ij}); the bracket is a
// presentation hint, so LaTeX prints it back as written and plain text as `x[i,j]`.

import { describe, expect, test } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { toJson } from '../../src/serialize.js';
import {
  accepts, add, call, diff, div, type Expr, idx, type Index, inum, iverson, ivar, mul, neg, num, pow, rejects, rel, sum, v, variable,
  type Var, withoutStyle,
} from './helpers.js';

/** `sup('(', 'x', 'i', 'j')`: x^{(i)}_j. */
function sup(bracket: '(' | '[', name: string, ...indices: (string | number | Index)[]): Var {
  return variable(name, indices.map(idx), false, bracket);
}

const xi = sup('(', 'x', 'i');
const yi = sup('(', 'y', 'i');
const theta = (j: string) => v('theta', j);

const ACCEPTED: [string, Expr][] = [
  ['x^{(i)}', xi],
  ['\\ell', v('ell')],
  ['\\ell_n', v('ell', 'n')],
  ['x^{(2)}', sup('(', 'x', 2)],
  ['x^{(10)}', sup('(', 'x', 10)],
  ['x^{[l]}', sup('[', 'x', 'l')],
  ['a^{[\\ell]}_j', sup('[', 'a', 'ell', 'j')],
  ['y^{(n)}_k', sup('(', 'y', 'n', 'k')],
  ['t^{(n)}_k', sup('(', 't', 'n', 'k')],
  ['t_k^{(n)}', sup('(', 't', 'n', 'k')],
  ['a^{[l]}_j', sup('[', 'a', 'l', 'j')],
  ['a^{[l-1]}_k', sup('[', 'a', ivar('l', -1), 'k')],
  ['h^{(t+1)}', sup('(', 'h', ivar('t', 1))],
  ["x^{(i')}", sup('(', 'x', "i'")],
  ['w^{[2]}_{jk}', sup('[', 'w', 2, 'j', 'k')],
  ['w^{[l]}_{j,k}', variable('w', [ivar('l'), ivar('j'), ivar('k')], true, '[')],
  ['x^{(i)}_{12}', sup('(', 'x', 'i', 1, 2)],
  ['\\theta^{(t)}', sup('(', 'theta', 't')],
  ['\\delta^{(l)}', sup('(', 'delta', 'l')],
  ['e^{(t)}', sup('(', 'e', 't')],
  ['x^{ (i) }', xi],
  // powers of an indexed variable: grouped
  ['(x^{(i)})^2', pow(xi, num(2))],
  ['{x^{(i)}}^2', pow(xi, num(2))],
  ['\\left(x^{(i)}_j\\right)^{2}', pow(sup('(', 'x', 'i', 'j'), num(2))],
  // a power whose exponent is not a lone index stays a power
  ['x^{i}', pow(v('x'), v('i'))],
  ['x^{n-1}', pow(v('x'), add([v('n'), neg(num(1))]))],
  ['x^{(n+m)/2}', pow(v('x'), div(add([v('n'), v('m')]), num(2)))],
  ['(1 - x)^{(n-1)/2}', pow(add([num(1), neg(v('x'))]), div(add([v('n'), neg(num(1))]), num(2)))],
  ['(a + b)^{(2)(3)}', pow(add([v('a'), v('b')]), mul([num(2), num(3)]))],
  ['2^{(n-1)/2}', pow(num(2), div(add([v('n'), neg(num(1))]), num(2)))],
  ['2^{(2n)}', pow(num(2), mul([num(2), v('n')]))],
  ["w^{[j'+1]}", sup('[', 'w', ivar("j'", 1))],
  // brackets around a relation are an Iverson bracket, also as an exponent
  ['x^{[x = y]}', pow(v('x'), iverson(rel(['='], [v('x'), v('y')])))],
  // in formulas
  ['\\sum_i x^{(i)}_j \\theta_j', sum('i', mul([sup('(', 'x', 'i', 'j'), theta('j')]))],
  ['\\sigma(\\sum_j \\theta_j x^{(i)}_j)', call('sigmoid', [sum('j', mul([theta('j'), sup('(', 'x', 'i', 'j')]))])],
  ['y^{(i)} \\log h^{(i)}', mul([yi, call('log', [sup('(', 'h', 'i')])])],
  ['\\frac{\\partial J}{\\partial x^{(i)}_j}', diff(v('J'), sup('(', 'x', 'i', 'j'), 'fraction')],
  ['\\frac{\\partial}{\\partial \\theta^{(t)}} L', diff(v('L'), sup('(', 'theta', 't'))],
  ['x^{(i)} y^{(i)}', mul([xi, yi])],
  ['x^{(i)} - x^{(2)}', add([xi, neg(sup('(', 'x', 2))])],
  ['\\sum_{i=1}^{m} x^{(i)}', sum('i', xi, inum(1), ivar('m'))],
];

const REJECTED: [string, string, number, number][] = [
  // unbraced: TeX would set only `(` as the superscript
  ['x^(i)', 'write ^{(i)} for an index, ^{i} for a power', 1, 3],
  ['x^[l]', 'a superscript without braces is one character', 1, 3],
  // an index followed by more: a power or a power of the indexed variable?
  ['x^{(i)2}', 'ambiguous superscript starting with the index (i)', 1, 4],
  ['x^{(i) + 1}', 'for a power of the indexed variable write {x^{(i)}}^{2}', 1, 4],
  ['x^{(n-1)/2}', 'ambiguous superscript starting with the index (n-1)', 1, 4],
  ['x_j^{[l] 2}', 'leave out the brackets', 1, 6],
  // parenthesised content on a name that is not an index
  ['x^{(2n)}', 'a superscript (2n) after a name reads as an index, and 2n is not one', 1, 4],
  ['x^{(a+b)}', 'for a power leave out the parentheses', 1, 4],
  ['y^{(a b)}', 'for a power leave out the parentheses', 1, 4],
  // a double superscript
  ['x^{(i)}^2', 'takes no further superscript: for a power write {x^{(i)}}^{2}', 1, 8],
  ['x^{(i)}_j^2', 'takes no further superscript', 1, 10],
  ['x^{(i)}_{jk}^{2}', 'takes no further superscript', 1, 13],
  ["x^{(i)}'", 'takes no further superscript', 1, 8],
  ["x'^{(i)}", 'a primed name takes no superscript index', 1, 3],
  // δ with two indices is the Kronecker delta, so this quantity would print as one in plain text
  ['\\delta^{(l)}_j', 'reads as the Kronecker delta', 1, 7],
  ['\\delta_j^{(l)}', 'reads as the Kronecker delta', 1, 9],
  // only after a name
  ['(x + y)^{(i)}', "unexpected '^{(i)}'", 1, 8],
  ['2^{(i)}', "unexpected '^{(i)}'", 1, 2],
  ['\\sum_{j}^{(n)} x_j', "unexpected '^{(n)}'", 1, 9],
];

describe('superscript indices: accepted', () => {
  test.each(ACCEPTED)('%s', (input, expected) => accepts('latex', input, expected));
});

describe('superscript indices: rejected', () => {
  test.each(REJECTED)('%s', (input, fragment, line, column) => rejects('latex', input, fragment, line, column));
});

describe('superscript indices: plain text', () => {
  test.each([
    // `x^(i)` on a name with one name inside would be a power here and an index in LaTeX: refused.
    ['x^(i)', 'ambiguous ^(i): write ^i for a power, or [i] for an index', 1, 3],
    ["w[j]^(k)", 'ambiguous ^(k)', 1, 6],
  ] as [string, string, number, number][])('rejects %s', (input, fragment, line, column) => rejects('text', input, fragment, line, column));

  test.each([
    ['x^(n-1)', pow(v('x'), add([v('n'), neg(num(1))]))],
    ['x^(2)', pow(v('x'), num(2))],
    ['(a + b)^(i)', pow(add([v('a'), v('b')]), v('i'))],
    ['x[i,j]', v('x', 'i', 'j')],
  ] as [string, Expr][])('accepts %s', (input, expected) => accepts('text', input, expected));
});

describe('superscript indices: printing', () => {
  test.each([
    ['x^{(i)}', 'x^{(i)}', 'x[i]'],
    ['t_k^{(n)}', 't^{(n)}_k', 't[n,k]'],
    ['a^{[l-1]}_{jk}', 'a^{[l-1]}_{jk}', 'a[l-1,j,k]'],
    ['w^{[l]}_{j,k}', 'w^{[l]}_{j,k}', 'w[l,j,k]'],
    ['{x^{(i)}}^2', '(x^{(i)})^2', 'x[i]^2'],
    ['\\frac{\\partial J}{\\partial x^{(i)}_j}', '\\frac{\\partial J}{\\partial x^{(i)}_j}', 'd/dx[i,j](J)'],
  ])('%s prints as %s and %s', (input, latex, text) => {
    const e = parse(input);
    expect(toLatex(e)).toBe(latex);
    expect(toText(e)).toBe(text);
    // Both read back: LaTeX exactly, plain text without the hint (the same entry x_{ij}).
    expect(parse(latex)).toBe(e);
    expect(parse(text, { syntax: 'text' })).toBe(withoutStyle(e));
  });

  test('the superscript index is the first slot: x^{(i)}_j and x_{ij} are the same entry', () => {
    expect(withoutStyle(parse('x^{(i)}_j'))).toBe(parse('x_{ij}'));
    expect(parse('x^{(i)}_j')).not.toBe(parse('x_{ij}'));
  });

  test('JSON records the hint', () => {
    expect(toJson(parse('a^{[l]}_j'))).toEqual({
      kind: 'var', name: 'a', indices: [{ kind: 'ivar', name: 'l', offset: 0 }, { kind: 'ivar', name: 'j', offset: 0 }], superscript: '[',
    });
  });
});

// Decorated names (`\hat{y}^{(i)}`): test/parse/decorations.test.ts.
