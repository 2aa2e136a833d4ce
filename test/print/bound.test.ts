// Restoring the user's bound letters when printing (option restoreBoundLetters).

import { describe, expect, it } from 'vitest';
import { call, type Expr, inum, ivar, mul, sum } from '../../src/core/ast.js';
import { toLatex, toText } from '../../src/print/index.js';
import { v } from './examples.js';

const both = (e: Expr, restore?: boolean) => [toLatex(e, { restoreBoundLetters: restore }), toText(e, { restoreBoundLetters: restore })];

describe('restoreBoundLetters', () => {
  it('shows j for a fresh j\' when j is free only outside the sum', () => {
    const e = mul([call('sigmoid', [sum("j'", mul([v('w', "j'", 'k'), v('o', "j'")]))]), v('o', 'j')]);
    expect(both(e)).toEqual(['\\sigma\\left(\\sum_{j} w_{jk} o_j\\right) o_j', 'sigmoid(sum(j, w[j,k] * o[j])) * o[j]']);
  });

  it('prints names as they are when off', () => {
    const e = sum("j'", v('o', "j'"));
    expect(both(e, false)).toEqual(["\\sum_{j'} o_{j'}", "sum(j', o[j'])"]);
  });

  it('keeps j\' when j is free in the body (it would be captured)', () => {
    const e = sum("j'", mul([v('w', "j'", 'k'), v('o', 'j')]));
    expect(both(e)).toEqual(["\\sum_{j'} w_{j'k} o_j", "sum(j', w[j',k] * o[j])"]);
  });

  it('keeps j\' when j is in the bounds', () => {
    const e = sum("j'", v('o', "j'"), inum(1), ivar('j'));
    expect(toLatex(e)).toBe("\\sum_{j'=1}^{j} o_{j'}");
  });

  it('restores through several primes', () => {
    expect(toLatex(sum("k''", v('x', "k''")))).toBe('\\sum_{k} x_k');
  });

  it('renames an inner binder that the restored letter would capture', () => {
    // Σ_{j'} Σ_j x_{j'} y_j: showing the outer binder as j forces the inner one to change.
    const e = sum("j'", sum('j', mul([v('x', "j'"), v('y', 'j')])));
    const latex = toLatex(e);
    expect(latex).toMatch(/^\\sum_\{j\} \\sum_\{(j'+)\} x_j y_\{\1\}$/);
  });

  it('leaves unprimed binders alone', () => {
    const e = sum('j', v('o', 'j'));
    expect(both(e)).toEqual(both(e, false));
  });
});
