// \max_j and \min_j end to end: the derivative (to the first extreme term, as for \max(a, b, …))
// against central finite differences at random points and sizes, size 1 and empty ranges
// included (fast-check); exact values at ties against the convention of src/functions.ts; the
// empty range (-∞ and +∞, interpreted and compiled alike); the stable log-sum-exp, whose
// gradient is the softmax; the refusal's suggested form of a condition under max; the rules
// max.const and min.const checked by brute-force evaluation, and no rule of Σ; proofs.
//
// (The corpus, test/corpus.ts, adds max pooling, log-sum-exp, the multiclass hinge losses and the
// ∞-norm to the finite-difference, compiled-vs-interpreted and step-by-step proof checks.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, children, type Expr, mapChildren, reduce, type Reduce, type Var, withoutStyle } from '../src/core/ast.js';
import { freeIndices } from '../src/core/indices.js';
import { checkDerivative, randomInputs } from '../src/check.js';
import { derive } from '../src/derive/index.js';
import { evaluate } from '../src/evaluate.js';
import { parse } from '../src/parse/index.js';
import { toLatex, toText } from '../src/print/index.js';
import { checkSteps, type JsonProof } from '../src/proof/index.js';
import { simplify } from '../src/simplify/index.js';
import type { Inputs } from '../src/values.js';
import { cli as run } from './cli/run.js';
import { arbExpr } from './arbitrary.js';
import { agree, flatten } from './compile/agree.js';

const cli = (...argv: string[]) => run(argv);
const latex = (s: string) => parse(s, { syntax: 'latex' });

/** Every max and min node of `e`. */
function extremes(e: Expr, out: Reduce[] = []): Reduce[] {
  if (e.kind === 'reduce' && (e.op === 'max' || e.op === 'min')) out.push(e);
  children(e).forEach((c) => extremes(c, out));
  return out;
}

/**
 * Whether every max and min of `f` compares terms at least `gap` apart, so that a central
 * difference does not straddle a tie (where the derivative jumps).
 */
function separated(f: Expr, inputs: Required<Inputs>, gap = 1e-3): boolean {
  return extremes(f).every((r) => {
    const free = [r.index, ...[...freeIndices(r)].sort()];
    const terms = flatten(evaluate(r.body, inputs, { free }).value).sort((a, b) => a - b);
    return terms.every((t, i) => i === 0 || t - terms[i - 1]! > gap);
  });
}

interface Case { readonly f: string; readonly wrt: string }

const CASES: readonly Case[] = [
  { f: '\\max_j x_j', wrt: 'x_k' },
  { f: '\\min_j x_j', wrt: 'x_k' },
  { f: '\\max_j x_j', wrt: 'x_j' },
  { f: '\\max_j w x_j', wrt: 'w' },
  { f: '\\min_j x_j^2', wrt: 'x_k' },
  { f: '\\max_{j=1}^{n} x_j', wrt: 'x_k' },
  // Empty at size 1; e^{-∞} = 0 (min is +∞ there) and max(0, -∞) = 0 keep f finite.
  { f: 'e^{-\\min_{j=2}^{n} x_j}', wrt: 'x_k' },
  { f: '\\max(0, 1 + \\max_{j=2}^{n} x_j)', wrt: 'x_k' },
  { f: '\\sum_k \\max_j w_{jk} x_j', wrt: 'w_{ab}' },
  { f: '\\sum_k \\max_j w_{jk} x_j', wrt: 'x_i' },
  { f: '\\max_j \\min_k a_{jk}', wrt: 'a_{pq}' },
  { f: '\\max_j z_j + \\log \\sum_j e^{z_j - \\max_k z_k}', wrt: 'z_i' },
  { f: '\\max_i |x_i|', wrt: 'x_k' },
];

/** Entries in ±[0.2, 1.7]: away from the kink of |x| at 0. */
const awayFromZero = (_name: string, r: () => number) => (r() < 0.5 ? -1 : 1) * (0.2 + 1.5 * r());

describe('the derivative of max and min, against central differences', () => {
  it.each(CASES.map((c) => [`∂(${c.f})/∂${c.wrt}`, c] as const))('%s', (_name, c) => {
    const f = latex(c.f);
    const wrt = latex(c.wrt) as Var;
    const d = derive(f, wrt);
    const letters = ['i', 'j', 'k', 'a', 'b', 'p', 'q', 'n'];
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1e6 }), (size, seed) => {
      const sizes = Object.fromEntries(letters.map((n) => [n, size]));
      const inputs = randomInputs([f, d.raw, d.result, wrt], { seed, sizes, generate: awayFromZero });
      fc.pre(separated(f, inputs));
      for (const [what, claimed] of [['raw', d.raw], ['simplified', d.result]] as const) {
        const report = checkDerivative({ f, wrt, derivative: claimed, inputs, trials: 1 });
        expect(report.checked, what).toBeGreaterThan(0);
        expect(report.ok, `${what} at size ${size}: ${JSON.stringify(report.failures.slice(0, 2))}`).toBe(true);
      }
    }), { numRuns: 25 });
  });
});

// ---------------------------------------------------------------------------
// Printing and reading back random formulas made of max and min

/** `e` with every Σ made a max or min, by depth: the binder's body, bounds and nesting as the generator made them. */
function withExtremes(e: Expr, flip: boolean): Expr {
  const inner = mapChildren(e, (c) => withExtremes(c, !flip));
  return inner.kind === 'reduce' ? reduce(flip ? 'max' : 'min', inner.index, inner.body, inner.lower, inner.upper) : inner;
}

describe('random formulas with max and min read back from both printers', () => {
  it('parse(print(e)) === e, with reductions and the functions of the same name mixed', () => {
    fc.assert(fc.property(arbExpr(), arbExpr(), fc.boolean(), (a, b, flip) => {
      fc.pre(a.kind !== 'rel' && b.kind !== 'rel'); // an equation is a whole formula, not a term
      const [x, y] = [withExtremes(a, flip), withExtremes(b, !flip)];
      const e = add([x, call(flip ? 'max' : 'min', [y, x])]);
      expect(parse(toLatex(e, { restoreBoundLetters: false }), { syntax: 'latex' })).toBe(e);
      expect(withoutStyle(parse(toText(e, { restoreBoundLetters: false }), { syntax: 'text' }))).toBe(withoutStyle(e));
    }), { numRuns: 300 });
  }, 30_000);
});

// ---------------------------------------------------------------------------
// Ties, one-value and empty ranges: exact values

describe('at ties, the whole derivative goes to the first extreme term, as for \\max(a, b, …)', () => {
  const dMax = derive(latex('\\max_j x_j'), latex('x_k') as Var);
  const dMin = derive(latex('\\min_j x_j'), latex('x_k') as Var);
  const at = (e: Expr, x: number[]) => evaluate(e, { values: { x }, sizes: { k: x.length } }, { free: ['k'] }).value;
  /** ∂/∂x_m of the function \max(x_1, …, x_n) (or \min), m = 1..n, at x. */
  const convention = (fn: string, x: number[]) => x.map((_, m) => {
    const f = latex(`\\${fn}(${x.map((_v, i) => `x_${i + 1}`).join(', ')})`);
    return evaluate(derive(f, latex(`x_${m + 1}`) as Var).result, { values: { x } }).value;
  });

  it.each([
    [[1, 3, 3], [0, 1, 0], [1, 0, 0]],
    [[2, 2, 2], [1, 0, 0], [1, 0, 0]],
    [[3, 1, 3], [1, 0, 0], [0, 1, 0]],
    [[0, -1, 0, -1], [1, 0, 0, 0], [0, 1, 0, 0]],
    [[5], [1], [1]],
  ])('x = %j: max gives %j, min gives %j', (x, forMax, forMin) => {
    for (const e of [dMax.raw, dMax.result]) {
      expect(at(e, x)).toEqual(forMax);
      expect(agree(e, { values: { x }, sizes: { k: x.length } }, ['k'])).toBe(x.length);
    }
    for (const e of [dMin.raw, dMin.result]) expect(at(e, x)).toEqual(forMin);
    if (x.length > 1) {
      expect(convention('max', x)).toEqual(forMax);
      expect(convention('min', x)).toEqual(forMin);
    }
  });

  it('over an empty range max is -∞ and min +∞, its derivative 0; one value is that value', () => {
    const inputs = (n: number) => ({ values: { x: [4, -1, 2], n }, sizes: { k: 3 } });
    for (const [op, identity] of [['max', -Infinity], ['min', Infinity]] as const) {
      const f = latex(`\\${op}_{j=2}^{n} x_j`);
      expect(evaluate(f, inputs(1), { symbols: ['n'] }).value).toBe(identity);
      expect(agree(f, inputs(1), undefined, ['n'])).toBe(1);
      expect(evaluate(f, inputs(2), { symbols: ['n'] }).value).toBe(-1);
      expect(evaluate(f, inputs(3), { symbols: ['n'] }).value).toBe(op === 'max' ? 2 : -1);
      const d = derive(f, latex('x_k') as Var);
      for (const e of [d.raw, d.result]) {
        expect(evaluate(e, inputs(1), { free: ['k'], symbols: ['n'] }).value).toEqual([0, 0, 0]);
        expect(evaluate(e, inputs(2), { free: ['k'], symbols: ['n'] }).value).toEqual([0, 1, 0]);
        expect(agree(e, inputs(1), ['k'], ['n'])).toBe(3);
      }
    }
  });
});

describe('printed derivatives', () => {
  it.each([
    ['\\max_j x_j', 'x_k', '\\prod_{j} ([j < k] [x_k > x_j] + [j \\ge k] [x_k \\ge x_j])'],
    ['\\min_j x_j', 'x_k', '\\prod_{j} ([j < k] [x_k < x_j] + [j \\ge k] [x_k \\le x_j])'],
    // Bounds 1..n declare x's range (docs/notation.md, "Ranges"): no bracket; bounds 2..n cut it and keep one.
    ['\\max_{j=1}^{n} x_j', 'x_k', '\\prod_{j=1}^{n} ([j < k] [x_k > x_j] + [j \\ge k] [x_k \\ge x_j])'],
    ['\\max_{j=2}^{n} x_j', 'x_k', '[2 \\le k \\le n] \\prod_{j=2}^{n} ([j < k] [x_k > x_j] + [j \\ge k] [x_k \\ge x_j])'],
    ['\\max_j x_j', 'x_j', "\\prod_{j''} ([j'' < j] [x_j > x_{j''}] + [j'' \\ge j] [x_j \\ge x_{j''}])"],
    ['\\max_j w x_j', 'w', "\\sum_{j} \\left(\\prod_{j'} ([j' < j] [w x_j > w x_{j'}] + [j' \\ge j] [w x_j \\ge w x_{j'}])\\right) x_j"],
  ])('∂(%s)/∂%s = %s', async (f, wrt, expected) => {
    const r = await cli('derive', f, '--wrt', wrt, '--check');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`\\frac{\\partial \\left(${toLatex(latex(f))}\\right)}{\\partial ${wrt}} = ${expected}`);
    expect(r.err).toMatch(/check: ok/);
  });
});

// ---------------------------------------------------------------------------
// Corpus formulas checked against what they stand for

describe('the formulas of the corpus, against their definitions', () => {
  const values = (n: number, seed: number) => randomInputs([latex('z_j')], { seed, sizes: { j: n } }).values['z'] as number[];

  it('the gradient of the stable log-sum-exp is the softmax, ties included', () => {
    const d = derive(latex('\\max_j z_j + \\log \\sum_j e^{z_j - \\max_k z_k}'), latex('z_i') as Var).result;
    for (const z of [values(1, 1), values(3, 2), values(5, 3), [1, 2, 2], [0.5, 0.5, 0.5, -1]]) {
      const total = z.reduce((s, v) => s + Math.exp(v), 0);
      const got = evaluate(d, { values: { z } }, { free: ['i'] }).value as number[];
      got.forEach((g, i) => expect(g).toBeCloseTo(Math.exp(z[i]!) / total, 12));
    }
  });

  it('Crammer–Singer: the δ form, the form the refusal of \\max_{r \\ne y} suggests, and the definition agree', () => {
    const delta = latex('\\max_r (s_r + 1 - \\delta_{ry}) - s_y');
    const suggested = latex('\\max(0, 1 + \\max_{r} ([r \\ne y] s_r + [r = y] \\min_{k} s_k) - s_y)');
    for (const [n, seed] of [[2, 1], [3, 2], [4, 3], [5, 4]] as const) {
      const s = randomInputs([latex('s_r')], { seed, sizes: { r: n } }).values['s'] as number[];
      const definition = s.map((sy, y) => Math.max(0, 1 + Math.max(...s.filter((_, r) => r !== y)) - sy));
      for (const e of [delta, suggested]) {
        const got = evaluate(e, { values: { s } }, { free: ['y'] }).value as number[];
        got.forEach((g, y) => expect(g).toBeCloseTo(definition[y]!, 12));
        expect(agree(e, { values: { s } }, ['y'])).toBe(n);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Simplification

describe('simplification of max and min', () => {
  const rules = (e: Expr) => simplify(e, { steps: true }).steps.map((s) => s.rule);

  it.each([
    ['\\max_j c', 'c', ['max.const']],
    ['\\min_j c', 'c', ['min.const']],
    ['\\max_{j=1}^{3} c', 'c', ['max.const']],
    ['\\min_{j=k}^{k+2} c', 'c', ['min.const']],
    ['\\max_j y_k', 'y_k', ['max.const']],
    ['\\max_j 0', '0', ['max.const']],
    ['\\max_j (x_j + c)', 'c + \\max_j x_j', ['max.shift']],
    ['\\min_{j=3}^{n} (2 - x_j + y_k)', '2 + y_k + \\min_{j=3}^{n} (-x_j)', ['min.shift']],
  ])('%s = %s', (input, output, fired) => {
    expect(simplify(latex(input)).result).toBe(latex(output));
    expect(rules(latex(input))).toEqual(fired);
  });

  it.each([
    // A range that may be empty (n = 1, 2) or is: the value would be -∞, not c.
    '\\max_{j=3}^{n} c', '\\min_{j=3}^{2} c', '\\max_{j=k}^{n} c',
    // No rule of Σ: no split, no factoring (max_j c x_j is c max_j x_j only for c ≥ 0), no δ-collapse; no shift of a term that varies.
    '\\max_j (x_j + y_j)', '\\max_j c x_j', '\\max_j \\delta_{ja} x_j', '\\min_j (-x_j)',
  ])('%s is left alone', (input) => {
    expect(simplify(latex(input)).result).toBe(latex(input));
  });

  it('every simplification keeps the value, by brute force over sizes and bounds', () => {
    const inputs: Expr[] = [
      '\\max_j c', '\\min_j c', '\\max_{j=1}^{3} c', '\\min_{j=k}^{k+2} c', '\\max_j y_k', '\\max_{j=3}^{n} c',
      '\\min_{j=3}^{2} c', '\\max_j x_j + \\max_{j} 2', '\\sum_k \\max_j (c + \\delta_{jk})', '\\max_{j=2}^{n} x_j - \\min_j c',
      '\\max_j (x_j + c)', '\\min_{j=3}^{n} (2 - x_j + y_k)', '\\max_{j=2}^{n} (c - x_j)', '\\max_r (x_r + 1 - \\delta_{rk})',
    ].map(latex);
    let compared = 0;
    for (const e of inputs) {
      const s = simplify(e).result;
      const free = [...freeIndices(e)].filter((i) => i !== 'n').sort();
      for (const size of [1, 2, 3]) {
        for (let n = 1; n <= size; n++) {
          const values = { c: -0.75, n, x: [0.5, -2, 3].slice(0, size), y: [1.5, 2, -1].slice(0, size) };
          const sizes = { j: size, k: size };
          const options = { free, symbols: ['n'] };
          expect(evaluate(s, { values, sizes }, options).value, toLatex(e)).toEqual(evaluate(e, { values, sizes }, options).value);
          compared++;
        }
      }
    }
    expect(compared).toBe(84);
  });
});

// ---------------------------------------------------------------------------
// Proofs

describe('proofs', () => {
  it('each step of a max or min derivative checks numerically', () => {
    for (const [f, wrt] of [['\\max_j x_j', 'x_k'], ['\\min_{j=1}^{n} x_j^2', 'x_k'], ['\\max_j x_j', 'x_j'], ['\\sum_k \\max_j w_{jk} x_j', 'w_{ab}']] as const) {
      const d = derive(latex(f), latex(wrt) as Var, { steps: true });
      expect(d.steps.map((s) => s.rule)).toContain(f.includes('min') ? 'diff.indexed-min' : 'diff.indexed-max');
      const report = checkSteps({ goal: d.steps[0]!.before, steps: d.steps, result: d.result }, { seed: 5, sizes: { j: 3, k: 3, n: 3, a: 3, b: 3 } });
      expect(report.steps.filter((s) => !s.ok).map((s) => `${s.rule}: ${s.problems.join('; ')}`)).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it.each([
    ['en', /^Derivative of max_j by x\[k\]: only the largest term varies the maximum/, 'derivative of $\\max$'],
    ['zh', /^对 max_j 求 x\[k\] 的导数：只有最大的项影响最大值/, '$\\max$ 的导数'],
  ])('--steps in %s names the rule, and --check passes every step', async (lang, why, label) => {
    const r = await cli('derive', '\\max_j x_j', '--wrt', 'x_k', '--steps', '--lang', lang, '--format', 'json', '--check');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as JsonProof;
    const step = p.steps.find((s) => s.rule === 'diff.indexed-max')!;
    expect(step.label).toBe(label);
    expect(step.whyText).toMatch(why);
    expect(r.err).toMatch(/^steps: ok/);
  });
});
