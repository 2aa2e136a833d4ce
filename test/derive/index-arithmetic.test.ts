// Index arithmetic (issue 9) through the engine: substitution, α-canonical form, matching and
// dependence on `i+k`; the δ-collapse that solves `δ_{i+k,m}` for the bound index (brute force
// against the sum it replaces, at random sizes, size 1 and m-k out of range included); and
// derivatives of convolutions against central finite differences.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import {
  delta, type Expr, type Index, ivar, linearIndex, mul, sum, variable, type Var,
} from '../../src/core/ast.js';
import { alphaCanonical } from '../../src/core/alpha.js';
import { freeIndices, substituteIndex } from '../../src/core/indices.js';
import { match } from '../../src/core/match.js';
import { checkDerivative } from '../../src/check.js';
import { derive, differentiate, makeContext } from '../../src/derive/index.js';
import { indicesDistinct } from '../../src/derive/depends.js';
import { evaluate } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { simplify } from '../../src/simplify/index.js';
import { cli } from '../cli/run.js';

const p = (s: string): Expr => parse(s, { syntax: 'latex' });
const ix = (s: string): Index => (p(`x_{${s}}`) as Var).indices[0]!;

describe('index arithmetic in the core', () => {
  test('substituting i := m-k into i+k gives m', () => {
    expect(substituteIndex(p('x_{i+k}'), 'i', ix('m-k'))).toBe(p('x_m'));
    expect(substituteIndex(p('\\delta_{i+k,m}'), 'k', ix('m-i'))).toBe(p('\\delta_{m,m}'));
  });
  test('substitution renames a binder that would capture a variable of the value', () => {
    const e = substituteIndex(p('\\sum_k w_k x_{i+k}'), 'i', ix('k+1'));
    expect(toLatex(e)).toBe("\\sum_{k'} w_{k'} x_{k+k'+1}");
    expect([...freeIndices(e)]).toEqual(['k']);
  });
  test('α-equivalent sums over i+k are one node', () => {
    expect(alphaCanonical(p('\\sum_k w_k x_{i+k}'))).toBe(alphaCanonical(p('\\sum_l w_l x_{i+l}')));
    expect(alphaCanonical(p('\\sum_k w_k x_{i+k}'))).not.toBe(alphaCanonical(p('\\sum_k w_k x_{i-k}')));
  });
  test('the matcher solves for one pattern variable and refuses two', () => {
    expect(match(p('x_{i+k}'), p('x_{i+m-1}'), new Set(['k']))?.get('k')).toEqual(ix('m-1'));
    // k := j+m-i makes x_{i+k} the target.
    expect(match(p('x_{i+k}'), p('x_{j+m}'), new Set(['k']))?.get('k')).toEqual(ix('j+m-i'));
    expect(match(p('x_{i+k}'), p('x_{j+m}'), new Set(['i', 'k']))).toBeNull();
    // A free pattern index never binds a target's bound one; a pattern variable may share a bound letter's name.
    expect(match(p('x_{i+k}'), p('\\sum_m x_{i+m}'), new Set(['k']))).toBeNull();
    expect(match(p('\\sum_j w_{j,i+k}'), p('\\sum_k w_{k,i+m}'), new Set(['k']))?.get('k')).toEqual(ix('m'));
    expect(match(p('\\sum_j w_{jk}'), p('\\sum_k w_{km}'), new Set(['k']))?.get('k')).toEqual(ix('m'));
  });
  test('indices a constant apart are distinct; others may be equal', () => {
    expect(indicesDistinct(ix('i+k'), ix('k+i-1'))).toBe(true);
    expect(indicesDistinct(ix('i+k'), ix('i+m'))).toBe(false);
    expect(indicesDistinct(ix('i+k'), ix('m'))).toBe(false);
  });
  test('∂x_{i+k}/∂x_m = δ_{i+k,m}', () => {
    expect(differentiate(p('x_{i+k}'), p('x_m') as Var, makeContext())).toBe(p('\\delta_{i+k,m}'));
  });
});

// Σ_i δ f_i over i's declared range (or bounded by a size symbol n), at every k and m.
const COLLAPSES: [formula: string, collapsed: string][] = [
  ['\\sum_i \\delta_{i+k,m} f_i', '[1 \\le m-k \\le \\#i] f_{m-k}'],
  ['\\sum_i \\delta_{m,i+k} f_i', '[1 \\le m-k \\le \\#i] f_{m-k}'],
  ['\\sum_i \\delta_{i-k,m} f_i', '[1 \\le k+m \\le \\#i] f_{k+m}'],
  ['\\sum_i \\delta_{k-i,m} f_i', '[1 \\le k-m \\le \\#i] f_{k-m}'],
  ['\\sum_i \\delta_{i+k-1,m} f_i g_{i+k}', '[1 \\le m-k+1 \\le \\#i] f_{m-k+1} g_{m+1}'],
  ['\\sum_{i=2}^{n} \\delta_{i+k,m} f_i', '[2 \\le m-k \\le n] f_{m-k}'],
];

describe('the δ-collapse solves for the bound index', () => {
  test.each(COLLAPSES)('%s = %s', (formula, collapsed) => {
    expect(toLatex(simplify(p(formula)).result)).toBe(collapsed);
  });

  it('agrees with the sum it replaces at random sizes, m-k in and out of range', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COLLAPSES.map(([f]) => f)),
        fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 4 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (formula, nI, nK, nM, n, draws) => {
          const e = p(formula);
          const out = simplify(e).result;
          expect(out.kind).not.toBe('reduce'); // collapsed
          const sizes = { i: nI, k: nK, m: nM };
          const values = { f: draws.slice(0, nI), g: draws.slice(0, nI + nK), n: Math.min(n, nI) };
          const free = ['k', 'm'];
          const symbols = formula.includes('^{n}') ? ['n'] : [];
          const at = (x: Expr) => (evaluate(x, { sizes, values }, { free, symbols }).value as number[][]).flat().map((v) => v + 0); // -0 is 0
          expect(at(out)).toEqual(at(e));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a coefficient other than ±1 on the bound index keeps the δ', () => {
    const twice = linearIndex([{ name: 'i', coef: 2 }]);
    const e = sum('i', mul([delta(twice, ivar('m')), variable('f', [ivar('i')])]));
    const out = simplify(e).result;
    expect(out.kind).toBe('reduce');
    expect(toLatex(out)).toBe('\\sum_{i} \\delta_{2i,m} f_i');
  });
});

// Losses over convolutions, by the kernel and by the input: every derivative against central differences.
// The sizes of the outer and inner ranges are a and b; the variable's own letters get what they need.
const LOSSES: [formula: string, wrt: readonly string[], sizes: (a: number, b: number) => Record<string, number>][] = [
  ['\\sum_i (\\sum_k w_k x_{i+k} - y_i)^2', ['w_k', 'x_m'], (a, b) => ({ i: a, k: b })],
  ['\\sum_i (\\sum_k w_k x_{i+k-1} - y_i)^2', ['w_k', 'x_m'], (a, b) => ({ i: a, k: b })],
  ['\\sum_i \\sigma(\\sum_k w_k x_{i+k})', ['w_k', 'x_m'], (a, b) => ({ i: a, k: b })],
  ['\\sum_i \\sum_j (\\sum_m \\sum_n I_{i+m,j+n} K_{m,n} - Y_{i,j})^2', ['K_{m,n}', 'I_{p,q}'], (a, b) => ({ i: a, j: b, m: b, n: a })],
  // n = 1 makes the inner sum empty; g has one entry fewer than f.
  ['\\sum_{n} (\\sum_{m=1}^{n-1} f_m g_{n-m})^2', ['f_k', 'g_k'], (a, b) => ({ n: a + b, m: a + b, k: a + b - 1 })],
];

describe('derivatives over index sums match finite differences', () => {
  it('at random sizes, size 1 included', () => {
    const cases = LOSSES.flatMap(([f, wrts, sizes]) => wrts.map((w) => [f, w, sizes] as const));
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 1000 }),
        ([formula, w, sizesOf], a, b, seed) => {
          const f = p(formula);
          const wrt = p(w) as Var;
          const d = derive(f, wrt);
          // f_k and f_m address one slot: one range (the checker unites them).
          const sizes = w === 'f_k' ? { n: a + b, m: a + b } : sizesOf(a, b);
          const report = checkDerivative({ f, wrt, derivative: d.result, sizes, trials: 1, seed, tolerance: 1e-5 });
          expect(report.checked).toBeGreaterThan(0);
          expect(report.ok, JSON.stringify(report.failures.slice(0, 2))).toBe(true);
        }),
      { numRuns: 60 },
    );
  });
});

describe('kronecker derive on a convolution', () => {
  const loss = '\\sum_i (\\sum_k w_k x_{i+k} - y_i)^2';
  test('by the kernel', async () => {
    const r = await cli(['derive', loss, '--wrt', 'w_k', '--check']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('= 2 \\sum_{i} \\left(\\sum_{k} w_k x_{i+k} - y_i\\right) x_{i+k}');
    expect(r.err).toContain('check: ok');
  });
  test('by the input: the δ collapses to the kernel entry at m-i, under its range', async () => {
    const r = await cli(['derive', loss, '--wrt', 'x_m', '--check']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('= 2 \\sum_{i} \\left(\\sum_{k} w_k x_{i+k} - y_i\\right) [1 \\le m-i \\le \\#k] w_{m-i}');
    expect(r.err).toContain('check: ok');
  });
  test('an input read out of range is an IndexRangeError, as for x_{i+1}', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kronecker-')), 'values.json');
    writeFileSync(file, JSON.stringify({ sizes: { i: 3 }, values: { w: [1, 2], x: [1, 2, 3, 4] } }));
    const r = await cli(['eval', '\\sum_k w_k x_{i+k}', '--values', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("index i+k = 5 of 'x' (slot 1) is out of range");
  });
});
