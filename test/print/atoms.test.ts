import { describe, expect, it } from 'vitest';
import { inum, ivar } from '../../src/core/ast.js';
import { formatNumber, latexName, latexSubscript, needsCommaIndices } from '../../src/print/atoms.js';

describe('names', () => {
  it.each([
    ['x', 'x'], ["o'", "o'"], ['lambda', '\\lambda'], ["eta''", "\\eta''"], ['Omega', '\\Omega'], ['lr', '\\text{lr}'],
    ["lr'", "\\text{lr}'"],
  ])('%s → %s', (name, latex) => expect(latexName(name)).toBe(latex));
});

describe('numbers', () => {
  it.each([
    [2, '2'], [0.5, '0.5'], [0.1 + 0.2, '0.30000000000000004'], [1e-7, '1e-7'], [1e21, '1e21'], [2048, '2048'],
  ])('%s → %s', (value, text) => expect(formatNumber(value, 'latex')).toBe(text));
  it('reads back to the same double', () => {
    for (const x of [Math.PI, 1 / 3, 1e-300, 123456789.125]) expect(Number(formatNumber(x, 'text'))).toBe(x);
  });
});

describe('subscripts', () => {
  it.each([
    [[ivar('j')], false, '_j'],
    [[ivar("j'")], false, "_{j'}"],
    [[ivar('j'), ivar('k')], false, '_{jk}'],
    [[ivar("j'"), ivar('k')], false, "_{j'k}"],
    [[ivar('j'), ivar('k')], true, '_{j,k}'],
    [[inum(1), inum(2)], false, '_{12}'],
    [[inum(12), inum(3)], false, '_{12,3}'],
    [[ivar('i', 1)], false, '_{i+1}'],
    [[ivar('i', 1), ivar('k')], false, '_{i+1,k}'],
    [[ivar('n', -1), ivar('k')], false, '_{n-1,k}'],
    [[ivar('alpha'), ivar('k')], false, '_{\\alpha k}'],
    [[ivar("alpha'"), ivar('k')], false, "_{\\alpha',k}"],
    [[ivar('alpha'), ivar('beta')], false, '_{\\alpha\\beta}'],
    [[ivar('alpha')], false, '_{\\alpha}'],
  ] as const)('%j comma=%s → %s', (indices, comma, text) => expect(latexSubscript(indices, comma)).toBe(text));

  it('knows when commas are unavoidable', () => {
    expect(needsCommaIndices([ivar('j'), ivar("k'")])).toBe(false);
    expect(needsCommaIndices([ivar('j', 1), ivar('k')])).toBe(true);
    expect(needsCommaIndices([inum(10)])).toBe(true);
  });
});
