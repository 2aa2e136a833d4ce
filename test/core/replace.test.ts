// The one subterm replacer and the one positional replacer (src/core/replace.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, call, children, diff, type Expr, ivar, mul, num, pow, sum, variable,
} from '../../src/core/ast.js';
import { type Path, replaceAt, replaceSubterm } from '../../src/core/replace.js';
import { containsDiff } from '../../src/derive/index.js';
import { arbExpr } from '../arbitrary.js';

const x = variable('x');
const y = variable('y');
const z = variable('z');
const wj = variable('w', [ivar('j')]);

describe('replaceSubterm', () => {
  it('replaces every occurrence, inside binders too, and does not search the replacement', () => {
    const e = add([mul([x, y]), sum('j', mul([x, wj])), call('exp', [x])]);
    expect(replaceSubterm(e, x, z)).toBe(add([mul([z, y]), sum('j', mul([z, wj])), call('exp', [z])]));
    // x → x + 1 happens once per occurrence: the x inside the replacement stays.
    expect(replaceSubterm(mul([x, x]), x, add([x, num(1)]))).toBe(mul([add([x, num(1)]), add([x, num(1)])]));
    // A subterm below an occurrence is not replaced separately: the occurrence is.
    expect(replaceSubterm(pow(mul([x, y]), x), mul([x, y]), z)).toBe(pow(z, x));
    expect(replaceSubterm(e, variable('q'), z)).toBe(e);
  });

  it("leaves the variable of a derivative alone, but not the same node in the body", () => {
    expect(replaceSubterm(diff(mul([x, y]), x), x, num(2))).toBe(diff(mul([num(2), y]), x));
    expect(replaceSubterm(diff(mul([x, y]), x), x, z)).toBe(diff(mul([z, y]), x));
    // ∂x/∂x: body and variable are one node; only the body is a value.
    expect(replaceSubterm(diff(x, x), x, z)).toBe(diff(z, x));
    // With indices, and with the derivative's presentation kept.
    const d = diff(wj, wj, 'fraction');
    expect(replaceSubterm(d, wj, y)).toBe(diff(y, wj, 'fraction'));
  });

  it('searches only the subtrees `mayContain` admits', () => {
    const inner = diff(x, y);
    const e = add([mul([x, inner]), call('exp', [x])]);
    const asked: Expr[] = [];
    const out = replaceSubterm(e, inner, z, { mayContain: (s) => { asked.push(s); return containsDiff(s); } });
    expect(out).toBe(add([mul([x, z]), call('exp', [x])]));
    // exp(x) holds no ∂: it was asked about, and nothing below it was.
    expect(asked).toContain(call('exp', [x]));
    expect(asked.filter((s) => s === x)).toEqual([x]);
    // A pruned subtree keeps its occurrences.
    expect(replaceSubterm(add([x, mul([x, y])]), x, z, { mayContain: (s) => s.kind !== 'mul' })).toBe(add([z, mul([x, y])]));
  });

  it('with a sound pruning test, gives what the full search gives', () => {
    fc.assert(fc.property(arbExpr({ maxDepth: 4 }), (e) => {
      const ds = [...collect(e)].filter((s) => s.kind === 'diff');
      for (const d of ds) expect(replaceSubterm(e, d, z, { mayContain: containsDiff })).toBe(replaceSubterm(e, d, z));
    }), { numRuns: 200 });
  });
});

describe('replaceAt', () => {
  it('replaces the one occurrence at the path', () => {
    const e = add([mul([x, y]), x]);
    expect(replaceAt(e, [1], z)).toBe(add([mul([x, y]), z]));
    expect(replaceAt(e, [0, 0], z)).toBe(add([mul([z, y]), x]));
    expect(replaceAt(e, [], z)).toBe(z);
    // Positions are those of children(e): a derivative's body is 0, its variable 1.
    expect(replaceAt(diff(x, x), [0], z)).toBe(diff(z, x));
    expect(replaceAt(diff(x, x), [1], z)).toBe(diff(x, z));
  });

  it('at every position of random expressions, changes that child only', () => {
    const q = variable('q');
    fc.assert(fc.property(arbExpr({ maxDepth: 4 }), (e) => {
      for (const path of paths(e)) {
        const parent = at(e, path.slice(0, -1));
        // An Iverson bracket holds a relation: a variable cannot stand there.
        if (parent.kind === 'iverson') continue;
        const out = replaceAt(e, path, q);
        expect(at(out, path)).toBe(q);
        const before = children(parent);
        const after = children(at(out, path.slice(0, -1)));
        before.forEach((c, i) => { if (i !== path[path.length - 1]) expect(after[i]).toBe(c); });
      }
    }), { numRuns: 100 });
  });
});

function collect(e: Expr, into = new Set<Expr>()): Set<Expr> {
  into.add(e);
  for (const c of children(e)) collect(c, into);
  return into;
}

function at(e: Expr, path: Path): Expr {
  return path.reduce((s, i) => children(s)[i]!, e);
}

/** Every non-root path of `e`. */
function paths(e: Expr, prefix: number[] = []): number[][] {
  return children(e).flatMap((c, i) => [[...prefix, i], ...paths(c, [...prefix, i])]);
}
