// \prod end to end: parsing and printing in both syntaxes, the product rule in
// index form checked against finite differences (at points where a factor is
// 0, over random sizes including one value and an empty range), its own
// simplification rules (and none of Σ's), evaluation and compilation, the
// δ-collapse guard through the command line, and proofs in en and zh.
//
// (The corpus, test/corpus.ts, adds the products to the finite-difference,
// compiled-vs-interpreted and step-by-step proof checks of every entry.)

import { describe, expect, it } from 'vitest';
import { cli as run } from './cli/run.js';
import {
  add, call, children, delta, type Expr, extent, indexValue, inum, isReduction, iverson, ivar, mul, num, pow, reduce, rel, sum,
  type Var, variable,
} from '../src/core/ast.js';
import { checkDerivative, prng } from '../src/check.js';
import { derive } from '../src/derive/index.js';
import { evaluate } from '../src/evaluate.js';
import { parse } from '../src/parse/index.js';
import { toLatex, toText } from '../src/print/index.js';
import { checkSteps, type JsonProof } from '../src/proof/index.js';
import { toJson } from '../src/serialize.js';
import { simplify } from '../src/simplify/index.js';
import { agree } from './compile/agree.js';

const prod = (i: string, body: Expr, lo: number | string | null = null, hi: number | string | null = null) => {
  const at = (b: number | string | null) => (b === null ? null : typeof b === 'number' ? inum(b) : ivar(b));
  return reduce('prod', i, body, at(lo), at(hi));
};
const x = (i: string) => variable('x', [ivar(i)]);
const w = variable('w');

const cli = (...argv: string[]) => run(argv);

describe('parsing and printing', () => {
  const xi = x('i');
  const affine = add([num(1), mul([w, xi])]);
  // [LaTeX input, text input, tree, LaTeX printed, text printed]
  it.each([
    ['\\prod_i x_i', 'prod(i, x[i])', prod('i', xi), '\\prod_{i} x_i', 'prod(i, x[i])'],
    ['\\prod_{i} x_i', 'prod(i, x[i])', prod('i', xi), '\\prod_{i} x_i', 'prod(i, x[i])'],
    ['\\prod_{i=1}^{n} (1 + w x_i)', 'prod(i=1..n, 1 + w*x[i])', prod('i', affine, 1, 'n'),
      '\\prod_{i=1}^{n} (1 + w x_i)', 'prod(i=1..n, 1 + w * x[i])'],
    ['\\prod_{i=2}^{3} x_i', 'prod(i=2..3, x[i])', prod('i', xi, 2, 3), '\\prod_{i=2}^{3} x_i', 'prod(i=2..3, x[i])'],
    ['\\prod_j \\sigma(z_j)', 'prod(j, sigmoid(z[j]))', prod('j', call('sigmoid', [variable('z', [ivar('j')])], '\\sigma')),
      '\\prod_{j} \\sigma(z_j)', 'prod(j, sigmoid(z[j]))'],
    ['\\sum_k \\prod_j w_{jk}', 'sum(k, prod(j, w[j,k]))', sum('k', prod('j', variable('w', [ivar('j'), ivar('k')]))),
      '\\sum_{k} \\prod_{j} w_{jk}', 'sum(k, prod(j, w[j,k]))'],
    ['\\prod_k \\sum_j w_{jk}', 'prod(k, sum(j, w[j,k]))', prod('k', sum('j', variable('w', [ivar('j'), ivar('k')]))),
      '\\prod_{k} \\sum_{j} w_{jk}', 'prod(k, sum(j, w[j,k]))'],
  ])('%s | %s', (latex, text, tree, printedLatex, printedText) => {
    const fromLatex = parse(latex, { syntax: 'latex' });
    const fromText = parse(text, { syntax: 'text' });
    expect(toText(fromLatex)).toBe(printedText);
    expect(toLatex(fromText)).toBe(printedLatex);
    expect(toText(fromText)).toBe(printedText);
    expect(toText(tree)).toBe(printedText);
    // Both read back to the same tree (up to how σ was spelled).
    expect(parse(printedLatex, { syntax: 'latex' })).toBe(fromLatex);
    expect(parse(printedText, { syntax: 'text' })).toBe(fromText);
  });

  it('serialises as kind "prod" with its bounds', () => {
    expect(toJson(parse('\\prod_{i=1}^{n} x_i'))).toEqual({
      kind: 'prod', index: 'i', lower: { kind: 'inum', value: 1 }, upper: { kind: 'ivar', name: 'n', offset: 0 },
      body: { kind: 'var', name: 'x', indices: [{ kind: 'ivar', name: 'i', offset: 0 }] },
    });
  });
});

// ---------------------------------------------------------------------------
// Derivatives against central differences

interface Case { readonly f: string; readonly wrt: string; readonly sizes?: Readonly<Record<string, number>> }

const CASES: readonly Case[] = [
  { f: '\\prod_i x_i', wrt: 'x_j' },
  { f: '\\prod_i x_i', wrt: 'x_i' },
  { f: '\\prod_{i=1}^{n} (1 + w x_i)', wrt: 'w' },
  { f: '\\prod_{i=1}^{n} x_i', wrt: 'x_j' },
  { f: '\\prod_j \\sigma(z_j)', wrt: 'z_k' },
  { f: '\\sum_k \\prod_j w_{jk} x_j', wrt: 'x_i' },
  { f: '\\sum_k \\prod_j w_{jk} x_j', wrt: 'w_{ab}' },
  { f: '\\prod_k \\sum_j w_{jk} x_j', wrt: 'x_i' },
  { f: '\\prod_k \\sum_j w_{jk} x_j', wrt: 'w_{jk}' },
  { f: '\\prod_i x_i^2 \\prod_j (x_j + y_j)', wrt: 'x_k' },
  // Empty for n = 1.
  { f: '\\prod_{i=2}^{n} (1 + w x_i)', wrt: 'w' },
];

/** Inputs uniform in [-1.5, 1.5], every third entry (about) exactly 0. */
const withZeros = (_name: string, r: () => number) => (r() < 0.35 ? 0 : -1.5 + 3 * r());

describe('the product rule, against central differences', () => {
  it.each(CASES.map((c) => [`∂(${c.f})/∂${c.wrt}`, c] as const))('%s', (_name, c) => {
    const f = parse(c.f);
    const wrt = parse(c.wrt) as Var;
    const d = derive(f, wrt);
    const random = prng(c.f.length * 31 + c.wrt.length);
    // Sizes 1 to 4 for every letter (a bounded product over 2..n is then empty at n = 1).
    for (let trial = 0; trial < 6; trial++) {
      const size = trial === 0 ? 1 : 1 + Math.floor(random() * 4);
      const sizes = Object.fromEntries(['i', 'j', 'k', 'a', 'b', 'n'].map((n) => [n, size]));
      for (const [what, claimed] of [['raw', d.raw], ['simplified', d.result]] as const) {
        const report = checkDerivative({ f, wrt, derivative: claimed, sizes, trials: 2, seed: trial + 1, generate: withZeros });
        expect(report.checked, what).toBeGreaterThan(0);
        expect(report.ok, `${what} at size ${size}: ${JSON.stringify(report.failures.slice(0, 2))}`).toBe(true);
      }
    }
  });

  it('is exact where a factor is 0: ∂/∂x_1 Π_i x_i at x = (0, 2, 3) is 6, and 0 at x = (0, 2, 0)', () => {
    const d = derive(parse('\\prod_i x_i'), parse('x_j') as Var);
    for (const e of [d.raw, d.result]) {
      const at = (v: number[]) => evaluate(e, { sizes: { i: v.length, j: v.length }, values: { x: v } }, { free: ['j'] }).value;
      expect(at([0, 2, 3])).toEqual([6, 0, 0]);
      expect(at([0, 2, 0])).toEqual([0, 0, 0]);
      expect(at([5])).toEqual([1]);
    }
  });

  it('stays in index form and never divides by a factor', () => {
    const divides = (e: Expr): boolean => e.kind === 'div' || (e.kind === 'pow' && e.exp.kind === 'num' && e.exp.value < 0);
    const any = (e: Expr, p: (x: Expr) => boolean): boolean => p(e) || children(e).some((c) => any(c, p));
    for (const c of CASES) {
      const d = derive(parse(c.f), parse(c.wrt) as Var);
      expect(any(d.result, divides), c.f).toBe(false);
      expect(any(d.result, (e) => isReduction(e, 'prod')), c.f).toBe(true);
    }
  });

  it('prints the textbook form for ∂/∂x_j Π_i x_i, and keeps a bounded range as a condition', () => {
    const at = (f: string, v: string) => toLatex(derive(parse(f), parse(v) as Var).result);
    expect(at('\\prod_i x_i', 'x_j')).toBe('\\prod_{i} (\\delta_{ij} + (1 - \\delta_{ij}) x_i)');
    // Bounds 1..n declare x's range (docs/notation.md, "Ranges"); bounds 2..n cut it, and the condition stays.
    expect(at('\\prod_{i=1}^{n} x_i', 'x_j')).toBe('\\prod_{i=1}^{n} (\\delta_{ij} + (1 - \\delta_{ij}) x_i)');
    expect(at('\\prod_{i=2}^{n} x_i', 'x_j')).toBe('[2 \\le j \\le n] \\prod_{i=2}^{n} (\\delta_{ij} + (1 - \\delta_{ij}) x_i)');
    expect(at('\\prod_{i=1}^{n} (1 + w x_i)', 'w')).toBe(
      "\\sum_{i=1}^{n} x_i \\prod_{i'=1}^{n} (\\delta_{i'i} + (1 - \\delta_{i'i}) (1 + w x_{i'}))");
    expect(at('\\prod_j \\sigma(z_j)', 'z_k')).toBe(
      '\\sigma(z_k) (1 - \\sigma(z_k)) \\prod_{j} (\\delta_{jk} + (1 - \\delta_{jk}) \\sigma(z_j))');
  });
});

// ---------------------------------------------------------------------------
// Simplification

describe('simplification of products', () => {
  const c = variable('c');
  const rules = (e: Expr) => simplify(e, { steps: true }).steps.map((s) => s.rule);

  it('Π_j 1 = 1 over any range, by its own rule', () => {
    for (const e of [prod('i', num(1)), prod('i', num(1), 1, 'n'), prod('i', num(1), 3, 2)]) {
      expect(simplify(e).result).toBe(num(1));
      expect(rules(e)).toEqual(['prod.one']);
    }
  });

  it('Π_j c = c^{#j} over the whole range, and for numeric counts', () => {
    expect(simplify(prod('i', c)).result).toBe(pow(c, extent('i')));
    expect(rules(prod('i', c))).toEqual(['prod.const']);
    expect(simplify(prod('i', c, 1, 3)).result).toBe(pow(c, num(3)));
    expect(simplify(reduce('prod', 'i', c, ivar('j'), ivar('j', 2))).result).toBe(pow(c, num(3)));
    // An empty range is the identity.
    expect(simplify(prod('i', c, 5, 3)).result).toBe(num(1));
    expect(simplify(prod('i', variable('y', [ivar('k')]))).result).toBe(pow(variable('y', [ivar('k')]), extent('i')));
  });

  it('leaves symbolic counts alone (n - 2 factors would be negative for n = 1)', () => {
    for (const e of [prod('i', c, 3, 'n'), prod('i', c, 1, 'n'), prod('i', c, 'm', 'n')]) {
      expect(simplify(e).result).toBe(e);
    }
  });

  it('leaves products of δ alone', () => {
    const e = prod('i', delta(ivar('i'), ivar('j')));
    expect(simplify(e).result).toBe(e);
  });

  it('gets none of the rules of Σ', () => {
    const y = variable('y', [ivar('i')]);
    // Σ_i 0 = 0, but Π_i 0 is 1 over an empty range: 0^{#i}.
    expect(simplify(prod('i', num(0))).result).toBe(pow(num(0), extent('i')));
    // No split (Π (f + g) ≠ Π f + Π g), no factoring of c (Π c f = c^n Π f), no δ-collapse.
    for (const e of [prod('i', add([x('i'), y])), prod('i', mul([c, x('i')])), prod('i', mul([delta(ivar('i'), ivar('a')), x('i')]))]) {
      expect(simplify(e).result).toBe(e);
    }
  });

  it('the silent bug: Σ_i δ_{ia} Π_i x_i keeps [1 ≤ a ≤ #i] (the inner i is not the summed one)', async () => {
    const r = await cli('simplify', '\\sum_i \\delta_{ia} \\prod_i x_i');
    expect(r.code).toBe(0);
    expect(r.out).toBe('[1 \\le a \\le \\#i] \\prod_{i} x_i');
    const inner = prod('i', x('i'));
    const cond = iverson(rel(['<=', '<='], [num(1), indexValue(ivar('a')), extent('i')]));
    const original = sum('i', mul([delta(ivar('i'), ivar('a')), inner]));
    expect(simplify(original).result).toBe(mul([cond, inner]));
    // And the value: a ranges over 1..4, i over 1..3; a = 4 lies outside i's range.
    const inputs = { sizes: { a: 4, i: 3 }, values: { x: [2, -3, 0.5] } };
    // (Over a as a free index: alone, an index only compared in a bracket reads as a size symbol.)
    expect(evaluate(mul([cond, inner]), inputs, { free: ['a'] }).value).toEqual([-3, -3, -3, 0]);
    expect(evaluate(original, inputs).value).toEqual([-3, -3, -3, 0]);
  });
});

// ---------------------------------------------------------------------------
// Evaluation and compilation

describe('evaluation and compilation', () => {
  const y = variable('y', [ivar('i')]);
  it.each([
    ['the whole range', prod('i', y), { values: { y: [2, -3, 0.5] } }, -3],
    ['one value', prod('i', y), { values: { y: [7] } }, 7],
    ['a bounded range', prod('i', y, 2, 'n'), { values: { y: [2, -3, 0.5], n: 3 } }, -1.5],
    ['a bounded range of one value', prod('i', y, 2, 'n'), { values: { y: [2, -3, 0.5], n: 2 } }, -3],
    ['an empty bounded range', prod('i', y, 2, 'n'), { values: { y: [2, -3, 0.5], n: 1 } }, 1],
    ['an empty literal range', prod('i', y, 3, 2), { values: { y: [2, -3, 0.5] } }, 1],
    ['a zero factor', prod('i', y), { values: { y: [2, 0, 0.5] } }, 0],
  ])('%s', (_name, e, inputs, value) => {
    expect(evaluate(e, inputs, { symbols: ['n'] }).value).toBe(value);
    expect(agree(e, inputs, undefined, ['n'])).toBe(1);
  });

  it('a product inside a sum and a sum inside a product, compiled = interpreted', () => {
    const m = (i: string, j: string) => variable('m', [ivar(i), ivar(j)]);
    const inputs = { values: { m: [[1, 2, 0], [-1, 0.5, 3]] } };
    const inner = sum('j', prod('i', m('i', 'j')));
    const outer = prod('i', sum('j', m('i', 'j')));
    expect(evaluate(inner, inputs).value).toBe(-1 + 1 + 0);
    expect(evaluate(outer, inputs).value).toBe(3 * 2.5);
    expect(agree(inner, inputs)).toBe(1);
    expect(agree(outer, inputs)).toBe(1);
  });
});

// ---------------------------------------------------------------------------
// Proofs

describe('proofs', () => {
  const F = '\\prod_{i=1}^{n} (1 + w x_i)';

  it('each step of a product derivative checks numerically', () => {
    for (const [f, v] of [[F, 'w'], ['\\prod_i x_i', 'x_j'], ['\\prod_i x_i', 'x_i'], ['\\sum_k \\prod_j w_{jk} x_j', 'w_{jk}']] as const) {
      const d = derive(parse(f), parse(v) as Var, { steps: true });
      expect(d.steps.map((s) => s.rule)).toContain('diff.indexed-product');
      const report = checkSteps({ goal: d.steps[0]!.before, steps: d.steps, result: d.result }, { seed: 3, sizes: { i: 3, j: 3, n: 3 } });
      expect(report.steps.filter((s) => !s.ok).map((s) => `${s.rule}: ${s.problems.join('; ')}`)).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it.each([
    ['en', /^Product rule for Π_i: differentiate one factor at a time by w and keep the others, \(Π_i f_i\)' = Σ_j f_j' Π_i \(δ_ij \+ \(1 - δ_ij\) f_i\)\./, 'product rule for $\\prod$'],
    ['zh', /^对 Π_i 使用连乘积的求导法则：每次只对一个因子求 w 的导数，其余因子不变，/, '连乘积的求导法则'],
  ])('--steps in %s names the product rule for Π, and --check passes every step', async (lang, why, label) => {
    const r = await cli('derive', F, '--wrt', 'w', '--steps', '--lang', lang, '--format', 'json', '--check');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as JsonProof;
    const step = p.steps.find((s) => s.rule === 'diff.indexed-product')!;
    expect(step.label).toBe(label);
    expect(step.whyText).toMatch(why);
    expect(step.after.latex).toBe(String.raw`\sum_{i=1}^{n} \left(\frac{\partial}{\partial w} (1 + w x_i)\right) \prod_{i'=1}^{n} (\delta_{i'i} + (1 - \delta_{i'i}) (1 + w x_{i'}))`);
    for (const s of p.steps) expect(r.err).toContain(`step ${s.n} (${s.rule}): ok`);
    expect(r.err).toMatch(/^steps: ok/);
  });

  it('renaming a product index says "bound index", not "summation", in en and zh', async () => {
    for (const [lang, text] of [
      ['en', "The bound index i is a dummy variable, not the free i of x[i]: rename it to i' so the two cannot be confused."],
      ['zh', "哑指标 i 与 x[i] 中的自由指标 i 并非同一个量，先把它改名为 i'，以免混淆。"],
    ] as const) {
      const r = await cli('derive', '\\prod_i x_i', '--wrt', 'x_i', '--steps', '--lang', lang, '--format', 'json');
      expect(r.code).toBe(0);
      const p = JSON.parse(r.out) as JsonProof;
      expect(p.steps[0]).toMatchObject({ rule: 'index.rename-bound', whyText: text });
      expect(p.steps[1]!.rule).toBe('diff.indexed-product');
    }
  });

  it('simplification steps name their own rules', async () => {
    const r = await cli('simplify', '\\prod_i c + \\prod_j 1', '--steps', '--format', 'json', '--detail', 'full');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as JsonProof;
    const byRule = Object.fromEntries(p.steps.map((s) => [s.rule, s.whyText]));
    expect(byRule['prod.const']).toBe('The factor does not depend on i: the product is the factor to the power of the number of factors, c^(#i).');
    expect(byRule['prod.one']).toBe('Every factor is 1, so the product is 1.');
    expect(p.result.latex).toBe('c^{\\#i} + 1');
  });
});
