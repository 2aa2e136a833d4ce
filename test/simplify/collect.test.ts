// Collecting and factoring (src/simplify/rules/collect.ts), σ' from its exp form
// (named.sigmoid-derivative) and square roots as half powers (alg.collect-powers, alg.cancel):
// each rewrite checked by evaluating both sides at random points and sizes, size 1 included;
// the merges of same-range letters refused where the ranges are not certainly equal; then the
// printed forms of issue 10's table.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Expr } from '../../src/core/ast.js';
import { randomInputs } from '../../src/check.js';
import { freeIndices } from '../../src/core/indices.js';
import { evaluate } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { simplify } from '../../src/simplify/index.js';
import { cli } from '../cli/run.js';

const latex = String.raw;

const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : (v as unknown[]).flatMap(flat));
const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

/**
 * Simplifies `text` (with `sizes` declared when given), checks that `rule` (or one of them) fired, and that input and
 * output agree at random points for index sizes `n` (every letter the same size: the letters that
 * address one array slot must), returning the result.
 */
function check(text: string, rule: string | readonly string[], n: number, seed: number, declared?: Record<string, number>): Expr {
  const e = parse(text);
  const { result, steps } = simplify(e, { steps: true, sizes: declared });
  const fired = steps.map((s) => s.rule as string);
  expect(fired.some((r) => (typeof rule === 'string' ? [rule] : rule).includes(r)), `${text} → ${toLatex(result)}: ${fired}`).toBe(true);
  const free = [...freeIndices(e)].sort();
  const letters = new Set<string>();
  const collect = (s: string) => { for (const m of s.matchAll(/\\#([a-z])|_\{?([a-z]+)|\\sum_\{?([a-z])/g)) for (const l of (m[1] ?? m[2] ?? m[3] ?? '')) letters.add(l); };
  collect(text);
  const sizes = Object.fromEntries([...letters].map((l) => [l, declared?.[l] ?? n]));
  const inputs = randomInputs([e, result], { seed, sizes, positive: ['u', 'c', 'd', 'm', 'v', 'p', 'q'] });
  const before = flat(evaluate(e, inputs, { free }).value);
  const after = flat(evaluate(result, inputs, { free }).value);
  expect(after.length).toBe(before.length);
  before.forEach((b, k) => {
    if (Number.isFinite(b)) expect(close(b, after[k]!), `${text} → ${toLatex(result)} at size ${n}: ${b} vs ${after[k]}`).toBe(true);
  });
  return result;
}

const size = fc.integer({ min: 1, max: 4 });
const seed = fc.integer({ min: 1, max: 1e6 });
const coef = fc.integer({ min: -4, max: 4 }).filter((c) => c !== 0);
const runs = { numRuns: 60 };

describe('collect.like-terms: like terms up to the sign of a difference and same-range letters', () => {
  test('#i = #j and Σ_j x_j = Σ_i x_i when i and j index x: merged, at random sizes', () => {
    fc.assert(fc.property(coef, coef, size, seed, (a, b, n, s) => {
      // Where a coefficient is ±1 the sums are flattened first, and alg.collect-terms or collect.expand merges them.
      const r = check(latex`${a}(\#j x_k - \sum_j x_j) + ${b}(\sum_i x_i - \#i x_k)`, ['collect.like-terms', 'alg.collect-terms', 'collect.expand'], n, s);
      // One term (or none): written with the first letter, i.
      expect(toLatex(r)).not.toContain('j');
    }), runs);
  });

  test('declared sizes: equal sizes merge, different ones never', () => {
    expect(toLatex(simplify(parse(latex`\#i c - \#j c`), { sizes: { i: 3, j: 3 } }).result)).toBe('0');
    expect(toLatex(simplify(parse(latex`\#i c - \#j c`), { sizes: { i: 2, j: 3 } }).result)).toBe(latex`(\#i - \#j) c`);
    check(latex`2 \#i c - \#j c`, 'collect.like-terms', 1, 7, { i: 3, j: 3 });
  });

  test('letters nothing ties to one range stay apart; so do w_{ij} and w_{jk} of declared ranges', () => {
    expect(toLatex(simplify(parse(latex`\#i c - \#j c`)).result)).toBe(latex`(\#i - \#j) c`);
    // w_{ij} and w_{jk} of one undeclared w tie i, j and k: then the extents are one.
    expect(toLatex(simplify(parse(latex`\sum_i \sum_j w_{ij} + \sum_j\sum_k w_{jk} + \#i c - \#k c`)).result)).toBe(latex`2 \sum_{i} \sum_{j} w_{ij}`);
    // Declared 3 × 2 and 2 × 2 they are two matrices, and i and k have different sizes.
    expect(toLatex(simplify(parse(latex`\#i c - \#k c`), { sizes: { i: 3, j: 2, k: 2 } }).result)).toBe(latex`(\#i - \#k) c`);
  });

  test('a sum over an unrelated letter is not renamed into one (Σ_j j and Σ_i i may differ)', () => {
    const e = parse(latex`\sum_j j - \sum_i i`);
    expect(simplify(e).result).toBe(simplify(e).result);
    expect(toLatex(simplify(e).result)).toBe(latex`\sum_{j} j - \sum_{i} i`);
  });
});

describe('collect.common-factor: a x - b x = (a - b) x', () => {
  test('at random points, with coefficients and the factor anywhere', () => {
    fc.assert(fc.property(coef, coef, fc.boolean(), size, seed, (a, b, front, n, s) => {
      const t = front ? latex`${a} x_i p + ${b} x_i q` : latex`${a} p x_i + ${b} q x_i`;
      const r = check(t, 'collect.common-factor', n, s);
      expect(toLatex(r).match(/x_i/g)).toHaveLength(1);
    }), runs);
  });

  test('a term holding a δ is left for the δ-collapse; a number alone is pulled out', () => {
    const withDelta = parse(latex`\delta_{ij} a p + a q`);
    expect(simplify(withDelta).result).toBe(withDelta);
    expect(toLatex(simplify(parse(latex`2a - 2b`)).result)).toBe(latex`2(a - b)`);
    expect(toLatex(simplify(parse(latex`-a - b`)).result)).toBe(latex`-a - b`);
  });
});

describe('collect.expand: distribute and collect when that is smaller', () => {
  test('y(1 - s) - (1 - y)s = y - s, with extra factors, at random points', () => {
    fc.assert(fc.property(coef, size, seed, (a, n, s) => {
      const r = check(latex`${a} y_i (1 - p) x_i - ${a} (1 - y_i) p x_i`, 'collect.expand', n, s);
      expect(toLatex(r)).not.toContain('1');
    }), runs);
  });

  test("a δ selects and is left as written: the product rule's δ_{i'i} + (1 - δ_{i'i}) f stays", () => {
    const e = parse(latex`\delta_{ij} + (1 - \delta_{ij}) (1 + w x_i)`);
    expect(simplify(e).result).toBe(e);
  });

  test('kept only when smaller: (a + b)(c + d) + e stays', () => {
    const e = parse(latex`(a + b)(c + d) + e`);
    expect(simplify(e).result).toBe(e);
  });
});

describe('collect.absorb-minus: -Σ_i (y_i - s_i) x_i = Σ_i (s_i - y_i) x_i', () => {
  test('at random points and sizes', () => {
    fc.assert(fc.property(size, seed, (n, s) => {
      const r = check(latex`-\sum_i (y_i - p_i) x_{ij}`, 'collect.absorb-minus', n, s);
      expect(toLatex(r)).toBe(latex`\sum_{i} (p_i - y_i) x_{ij}`);
    }), runs);
  });

  test('a coefficient -2 stays (the seed\'s -2(t_k - o_k)), and so does a minus before a product or a sum of positives', () => {
    for (const t of [latex`-2(t_k - o_k) o_j`, latex`-(a - b) c`, latex`-\sum_i (a_i + b_i)`]) {
      const e = simplify(parse(t)).result;
      expect(toLatex(e).startsWith('-')).toBe(true);
    }
  });
});

describe('collect.flatten-nested and collect.clear-fractions', () => {
  test('(a - b/c)/d = (ac - b)/(cd), at random points', () => {
    fc.assert(fc.property(coef, size, seed, (k, n, s) => {
      const r = check(latex`\frac{a - \frac{${k} b}{c}}{d}`, 'collect.flatten-nested', n, s);
      expect(toLatex(r)).toMatch(/^-?\\frac\{[^{}]*\}\{c d\}$/);
    }), runs);
    check(latex`\frac{a}{b + \frac{1}{c}}`, 'collect.flatten-nested', 1, 3);
  });

  test('m(d - 1/m) = md - 1, m²(a - b/m) = m(ma - b), at random points', () => {
    fc.assert(fc.property(size, seed, (n, s) => {
      expect(toLatex(check(latex`(d_i - \frac{1}{m}) m`, 'collect.clear-fractions', n, s))).toBe(latex`d_i m - 1`);
      check(latex`m^2 (a - \frac{b}{m})`, 'collect.clear-fractions', n, s);
    }), runs);
  });
});

describe('alg.cancel: a difference over its opposite is -1', () => {
  test('(p - q) x / (q - p) = -x, squared: +x, at random points', () => {
    fc.assert(fc.property(size, seed, (n, s) => {
      expect(toLatex(check(latex`\frac{(p_i - q) x}{q - p_i}`, 'alg.cancel', n, s))).toBe('-x');
      expect(toLatex(check(latex`\frac{(p_i - q)^2 x}{(q - p_i)^2}`, 'alg.cancel', n, s))).toBe('x');
    }), runs);
  });

  test("logistic regression's -σ(1 - σ)/(1 - σ) cancels after the minus moved", () => {
    expect(toLatex(simplify(parse(latex`\frac{(1 - y) p (p - 1) x}{1 - p}`)).result)).toBe(latex`-(1 - y) p x`);
  });
});

describe('square roots as half powers', () => {
  test('√u · u = u^{3/2}, √u / u = 1/√u, √u √u = u, at random points', () => {
    fc.assert(fc.property(size, seed, (n, s) => {
      expect(toLatex(check(latex`\sqrt{u} u x`, 'alg.collect-powers', n, s))).toBe(latex`u^{\frac{3}{2}} x`);
      expect(toLatex(check(latex`\frac{\sqrt{u} x}{u}`, 'alg.cancel', n, s))).toBe(latex`\frac{x}{\sqrt{u}}`);
      expect(toLatex(check(latex`\frac{u x}{\sqrt{u}}`, 'alg.cancel', n, s))).toBe(latex`\sqrt{u} x`);
    }), runs);
  });

  test('a number keeps its root unless the power is whole: 2√2 stays, √3 √3 = 3', () => {
    expect(toLatex(simplify(parse(latex`\sqrt{2} \cdot 2 x`)).result)).toBe(latex`2 \sqrt{2} x`);
    expect(toLatex(simplify(parse(latex`\sqrt{3} \sqrt{3}`)).result)).toBe('3');
  });

  test('√u^2 = u and √(u^2) = |u| hold as before', () => {
    expect(toLatex(simplify(parse(latex`\sqrt{u}^2`)).result)).toBe('u');
    expect(toLatex(simplify(parse(latex`\sqrt{u^2}`)).result)).toBe(latex`\lvert u \rvert`);
  });
});

describe("named.sigmoid-derivative: e^{-u}/(1 + e^{-u})^2 = σ(u)(1 - σ(u))", () => {
  test('with extra factors and either sign, at random points', () => {
    fc.assert(fc.property(fc.boolean(), size, seed, (minus, n, s) => {
      const u = minus ? '-x_i' : 'x_i';
      const r = check(latex`\frac{e^{${u}} a}{(1 + e^{${u}})^2 b}`, 'named.sigmoid-derivative', n, s);
      expect(toLatex(r)).toBe(latex`\frac{\sigma(x_i) (1 - \sigma(x_i)) a}{b}`);
    }), runs);
  });
});

describe("issue 10's table, printed", () => {
  const derive = async (f: string, wrt: string) => {
    const r = await cli(['derive', f, '--wrt', wrt, '--check']);
    expect(r.err).toMatch(/^check: ok/);
    return r.out.slice(r.out.indexOf(' = ') + 3);
  };

  test.each([
    ['logistic regression', latex`z_i = \sum_j w_j x_{ij} + b; L = -\sum_i [y_i \log \sigma(z_i) + (1-y_i)\log(1-\sigma(z_i))]`, 'w_j',
      latex`\sum_{i} (\sigma(z_i) - y_i) x_{ij}`],
    ['pairwise squares', latex`\sum_i\sum_j (x_i - x_j)^2`, 'x_k', latex`4\left(\#i x_k - \sum_{i} x_i\right)`],
    ['σ written out', latex`\frac{1}{1+e^{-x}}`, 'x', latex`\sigma(x) (1 - \sigma(x))`],
    ['batch norm, bounds 1..m', latex`\mu = \frac{1}{m} \sum_{i=1}^{m} x_i; v = \frac{1}{m}\sum_{i=1}^{m} (x_i-\mu)^2; y_k = \frac{x_k - \mu}{\sqrt{v + \epsilon}}`, 'x_j',
      latex`\frac{(\delta_{kj} m - 1) (v + \epsilon) m - (x_k - \mu) \left(x_j m - \sum_{i=1}^{m} x_i\right)}{(v + \epsilon)^{\frac{3}{2}} m^2}`],
    // Rows that printed well before stay as they were.
    ['Gaussian', latex`L = -\frac{N}{2}\log(2\pi\sigma^2) - \frac{1}{2\sigma^2}\sum_{n=1}^{N}(x_n-\mu)^2`, '\\sigma',
      latex`\frac{\sum_{n=1}^{N} (x_n - \mu)^2}{\sigma^3} - \frac{N}{\sigma}`],
    ['numeric bounds', latex`\sum_{i=1}^{3}\sum_{j=2}^{5} i\, y`, 'y', '24'],
    ['softplus', latex`\sum_j \log(1 + e^{w_j x_j})`, 'w_j', latex`\sigma(w_j x_j) x_j`],
  ])('%s', async (_name, f, wrt, expected) => {
    expect(await derive(f, wrt)).toBe(expected);
  });

  test('batch norm without bounds: no nested fraction, no √^2; Σ_i x_i - #i μ stays (0 only when #i = m)', async () => {
    const out = await derive(latex`\mu = \frac{1}{m} \sum_{i} x_i; v = \frac{1}{m}\sum_{i} (x_i-\mu)^2; y_k = \frac{x_k - \mu}{\sqrt{v + \epsilon}}`, 'x_j');
    expect(out).not.toMatch(/\\sqrt\{v \+ \\epsilon\}\^2/);
    expect(out.match(/\\frac/g)).toHaveLength(2); // the fraction and its exponent 3/2
    expect(out).toContain(latex`\#i \mu`);
  });
});
