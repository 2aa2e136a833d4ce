// Binding is decided once (src/core/indices.ts) for every reduction of the
// table: each test runs for every row of src/core/reductions.ts, so a new
// reduction is checked here without a line of its own.

import { describe, expect, it } from 'vitest';
import {
  add, delta, diff, extent, type Index, indexValue, inum, ivar, mul, num, reduce, variable,
} from '../../src/core/ast.js';
import { baseLetter, freshIndex, internalName } from '../../src/core/fresh.js';
import {
  allIndexNames, freeIndices, isBinder, renameBound, resolveIndexValues, shadows, substituteIndex, substituteIndices,
} from '../../src/core/indices.js';
import { ALL_REDUCTIONS } from '../../src/core/reductions.js';

const x = (...is: (string | Index)[]) => variable('x', is.map((i) => (typeof i === 'string' ? ivar(i) : i)));
const y = (...is: string[]) => variable('y', is.map((i) => ivar(i)));

describe.each(ALL_REDUCTIONS)('$latex binds its index', ({ op }) => {
  const r = (i: string, body: Parameters<typeof reduce>[2], lo: Index | null = null, hi: Index | null = null) => reduce(op, i, body, lo, hi);

  it('is a binder that shadows its own index and no other', () => {
    const e = r('i', x('i'));
    expect(isBinder(e)).toBe(true);
    expect(shadows(e, 'i')).toBe(true);
    expect(shadows(e, 'j')).toBe(false);
    expect(shadows(mul([x('i'), y('i')]), 'i')).toBe(false);
  });

  it('binds in the body, not in the bounds', () => {
    expect([...freeIndices(r('i', mul([x('i'), y('j')]), inum(1), ivar('n')))].sort()).toEqual(['j', 'n']);
    // `R_{i=1}^{i}`: the upper `i` is the outer one.
    expect([...freeIndices(r('i', x('i'), inum(1), ivar('i')))]).toEqual(['i']);
    expect([...allIndexNames(r('i', y('j')))].sort()).toEqual(['i', 'j']);
  });

  it('stops a substitution of its own index, in the body but not in the bounds', () => {
    const e = r('i', x('i'), null, ivar('i'));
    expect(substituteIndex(e, 'i', ivar('k'))).toBe(r('i', x('i'), null, ivar('k')));
  });

  it('is renamed rather than capturing a substituted index', () => {
    // (R_i x_i y_j)[j := i] = R_{i'} x_{i'} y_i
    const out = substituteIndex(r('i', mul([x('i'), y('j')])), 'j', ivar('i'));
    expect(out).toBe(r("i'", mul([x("i'"), y('i')])));
    expect(renameBound(r('i', x('i')), new Set(["i'"]))).toBe(r("i''", x("i''")));
  });

  it('substitutes several indices at once without capture', () => {
    const e = r('i', mul([x('i', 'j'), y('k')]));
    const swapped = substituteIndices(e, new Map([['j', ivar('k')], ['k', ivar('j')]]));
    expect(swapped).toBe(r('i', mul([x('i', 'k'), y('j')])));
    const captured = substituteIndices(e, new Map([['j', ivar('i')]]));
    expect(captured).toBe(r("i'", mul([x("i'", 'i'), y('k')])));
  });

  it('makes a bare name it binds an index value', () => {
    const e = r('i', mul([variable('i'), variable('c')]));
    expect(resolveIndexValues(e)).toBe(r('i', mul([indexValue(ivar('i')), variable('c')])));
  });

  it('keeps its operator through every rewrite of binding', () => {
    const e = r('j', mul([x('j'), diff(y('j'), variable('w', [ivar('k')]))]));
    for (const out of [substituteIndex(e, 'k', ivar('j')), renameBound(e, new Set()), resolveIndexValues(e)]) {
      expect(out.kind === 'reduce' && out.op).toBe(op);
    }
  });
});

describe('nodes that are not binders', () => {
  it('bind nothing', () => {
    for (const e of [x('i'), delta(ivar('i'), ivar('j')), extent('i'), add([x('i'), num(1)]), diff(x('i'), variable('w'))]) {
      expect(isBinder(e)).toBe(false);
      expect(shadows(e, 'i')).toBe(false);
    }
  });
});

describe('fresh names', () => {
  it('a fresh copy is primed and keeps its letter', () => {
    expect(freshIndex('j', new Set(["j'"]))).toBe("j''");
    expect(baseLetter("j''")).toBe('j');
  });

  it('an internal name is determined by its purpose and parts, and no grammar writes one', () => {
    expect(internalName('bound', 0, 'j')).toBe(internalName('bound', 0, 'j'));
    expect(new Set([internalName('bound', 0, 'j'), internalName('bound', 1, 'j'), internalName('subst', 0, 'j'), internalName('bound', 0)]).size).toBe(4);
  });
});
