// The generator keeps its promises (test/arbitrary.ts), so other suites can rely on them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { children, type Expr } from '../../src/core/ast.js';
import { freeIndices } from '../../src/core/indices.js';
import { arbExpr } from '../arbitrary.js';

function nodes(e: Expr): Expr[] {
  return [e, ...children(e).flatMap(nodes)];
}

describe('arbExpr', () => {
  it('makes only parser-shaped trees', () => {
    fc.assert(fc.property(arbExpr(), (e) => {
      for (const x of nodes(e)) {
        if (x.kind === 'add') expect(x.terms.length).toBeGreaterThanOrEqual(2);
        if (x.kind === 'mul') expect(x.factors.length).toBeGreaterThanOrEqual(2);
        if (x.kind === 'num') expect(x.value).toBeGreaterThanOrEqual(0);
        if (x.kind === 'neg') expect(x.arg.kind).not.toBe('neg');
      }
      expect(nodes(e).slice(1).some((x) => x.kind === 'rel' && !nodes(e).some((p) => p.kind === 'iverson' && p.cond === x))).toBe(false);
    }), { numRuns: 300 });
  });

  it('differentiable: no derivatives, relations, Iverson brackets or Lagrange primes', () => {
    fc.assert(fc.property(arbExpr({ differentiable: true }), (e) => {
      expect(nodes(e).filter((x) => ['diff', 'rel', 'iverson'].includes(x.kind) || (x.kind === 'call' && x.fn === 'prime'))).toEqual([]);
    }), { numRuns: 300 });
  });

  it('closed: no free indices', () => {
    fc.assert(fc.property(arbExpr({ closed: true }), (e) => {
      expect([...freeIndices(e)]).toEqual([]);
    }), { numRuns: 300 });
  });

  it('refuses scalar names that would read as index values', () => {
    expect(() => arbExpr({ scalars: ['x', 'j'] })).toThrow(/index values/);
  });
});
