// The one α-canonical form (src/core/alpha.ts), for every reduction of the
// table: α-equivalent expressions give the same node, whatever the names of
// their bound indices, and nothing else is merged.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, delta, diff, type Expr, extent, type Index, indexValue, inum, ivar, mapChildren, mul, num, reduce, variable,
} from '../../src/core/ast.js';
import { alphaCanonical } from '../../src/core/alpha.js';
import { freeIndices, isBinder, renameBound } from '../../src/core/indices.js';
import { match } from '../../src/core/match.js';
import { ALL_REDUCTIONS } from '../../src/core/reductions.js';
import { arbExpr } from '../arbitrary.js';

const v = (name: string, ...is: (string | Index)[]) => variable(name, is.map((i) => (typeof i === 'string' ? ivar(i) : i)));
const same = (a: Expr, b: Expr) => expect(alphaCanonical(a)).toBe(alphaCanonical(b));
const apart = (a: Expr, b: Expr) => expect(alphaCanonical(a)).not.toBe(alphaCanonical(b));

/** `e` with every binder renamed to a fresh primed copy of its letter, capture-avoiding. */
function renameEveryBinder(e: Expr): Expr {
  if (!isBinder(e)) return mapChildren(e, renameEveryBinder);
  const r = renameBound(e, new Set());
  return reduce(r.op, r.index, renameEveryBinder(r.body), r.lower, r.upper);
}

describe.each(ALL_REDUCTIONS)('$latex: one α-canonical form', ({ op }) => {
  const r = (i: string, body: Expr, lo: Index | null = null, hi: Index | null = null) => reduce(op, i, body, lo, hi);

  it('merges renamings of a bound index that address the same slots', () => {
    same(r('j', mul([v('w', 'j', 'k'), v('o', 'j')])), r('i', mul([v('w', 'i', 'k'), v('o', 'i')])));
    same(r('j', v('x', 'j')), r("j'", v('x', "j'")));
    // A letter that addresses no slot keeps its range through its fresh copies.
    same(r('j', indexValue(ivar('j'))), r("j''", indexValue(ivar("j''"))));
  });

  it('keeps apart letters that may range over different extents', () => {
    apart(r('j', indexValue(ivar('j'))), r('i', indexValue(ivar('i'))));
    apart(r('j', mul([v('x', 'j'), indexValue(ivar('j'))])), r('j', mul([v('y', 'j'), indexValue(ivar('j'))])));
    // Different slots of one array: the second slot of w is not the first.
    apart(r('j', v('w', 'j', 'k')), r('j', v('w', 'k', 'j')));
    // An index with an offset addresses no slot plainly: its letter decides.
    apart(r('j', v('x', { kind: 'ivar', name: 'j', offset: 1 })), r('i', v('x', { kind: 'ivar', name: 'i', offset: 1 })));
  });

  it('nests: inner and outer binders are told apart by height, whatever their letters', () => {
    same(r('j', r('i', v('x', 'i', 'j'))), r('b', r('a', v('x', 'a', 'b'))));
    // Two binders over the same slots get different names: renaming captures nothing.
    const both = r('i', r('j', mul([v('x', 'i'), v('x', 'j')])));
    same(both, r('b', r('a', mul([v('x', 'b'), v('x', 'a')]))));
    expect(match(both, alphaCanonical(both), new Set())).not.toBeNull();
    // Swapping which binder is outer is another expression (it addresses other slots).
    apart(r('j', r('i', v('x', 'i', 'j'))), r('i', r('j', v('x', 'i', 'j'))));
    // Both letters equal: the inner one shadows, and the body reads the inner one
    // (the outer one addresses no slot, so its letter stays part of its name).
    same(r('i', r('i', v('x', 'i'))), r('i', r('b', v('x', 'b'))));
    apart(r('i', r('i', v('x', 'i'))), r('i', r('b', v('x', 'i'))));
  });

  it('respects shadowing in sibling and nested scopes', () => {
    const inner = (i: string) => r(i, v('y', i));
    same(r('i', mul([v('x', 'i'), inner('i')])), r('a', mul([v('x', 'a'), inner('b')])));
    // The slots of an index are read only where it is not shadowed: y's slot belongs to the inner binder.
    same(r('i', mul([indexValue(ivar('i')), inner('i')])), r("i'", mul([indexValue(ivar("i'")), inner('c')])));
  });

  it('leaves free indices, bounds, operand order and hints alone', () => {
    const e = r('j', mul([v('w', 'j', 'k'), v('o', 'j'), indexValue(ivar('n'))]), inum(1), ivar('n'));
    const form = alphaCanonical(e);
    expect(freeIndices(form)).toEqual(freeIndices(e));
    expect(form.kind === 'reduce' && [form.lower, form.upper]).toEqual([inum(1), ivar('n')]);
    expect(form.kind === 'reduce' && form.op).toBe(op);
    apart(r('j', add([v('x', 'j'), v('y', 'j')])), r('j', add([v('y', 'j'), v('x', 'j')])));
    const styled = variable('w', [ivar('j'), ivar('k')], true);
    const f = alphaCanonical(r('j', styled));
    expect(f.kind === 'reduce' && f.body.kind === 'var' && f.body.commaIndices).toBe(true);
    // Bounds are part of the binder: Σ_{j=1}^{n} is not Σ_j.
    apart(r('j', v('x', 'j'), inum(1), ivar('n')), r('j', v('x', 'j')));
  });

  it('renames an index inside a derivative by a variable it indexes, and δs and extents around it', () => {
    const e = (j: string) => r(j, mul([diff(v('y', j), v('w', j, 'k')), delta(ivar(j), ivar('k')), extent('k')]));
    same(e('j'), e('i'));
    expect(alphaCanonical(num(3))).toBe(num(3));
  });

  it('returns an expression α-equivalent to its input', () => {
    const e = r('j', mul([v('w', 'j', 'k'), r('i', v('x', 'i', 'j'))]));
    const form = alphaCanonical(e);
    expect(form).not.toBe(e);
    expect(match(e, form, new Set())).not.toBeNull();
  });
});

describe('α-canonical form of random expressions', () => {
  it('is invariant under renaming every binder, and α-equivalent to the input', () => {
    fc.assert(fc.property(arbExpr({ maxDepth: 4, primedBinders: true }), (e) => {
      const form = alphaCanonical(e);
      expect(alphaCanonical(renameEveryBinder(e))).toBe(form);
      expect(match(e, form, new Set())).not.toBeNull();
      expect(freeIndices(form)).toEqual(freeIndices(e));
    }), { numRuns: 300 });
  });
});
