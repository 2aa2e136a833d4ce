// Folding defined names (DeriveOptions.fold, `--fold`): every instance of a
// defined body in the result is written with its name, with the derivative
// forms it implies (src/derive/lemmas.ts: 'def.chain' o(1 - o) u', (1 - h^2) u',
// and 'def.softmax' p_i(∂u_i - Σ_j p_j ∂u_j); src/derive/refold.ts
// `foldDefinitions`). Every folded result is checked by finite differences
// with the definitions unfolded, over the whole corpus and on random
// definitions; the printed forms of the issue are pinned.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { checkDerivative, inputsSatisfying } from '../../src/check.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive, softmaxSlot } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { checkSteps, selectSteps } from '../../src/proof/index.js';
import { toLatex } from '../../src/print/index.js';
import { CORPUS, type CorpusEntry } from '../corpus.js';

/** As test/derive/corpus.test.ts reads an entry (importing that file would run its tests here too). */
function prepare(entry: CorpusEntry) {
  const resolved = resolveDefinitions(parseFormulas(entry.formulas), [parse(entry.wrt)], { sizes: entry.declared });
  return { ...resolved, wrt: resolved.extra[0] as Var };
}

function run(formulas: string, wrt: string, options: { fold?: boolean; steps?: boolean } = {}) {
  const r = resolveDefinitions(parseFormulas(formulas), [parse(wrt)]);
  const v = r.extra[0] as Var;
  const d = derive(r.target, v, { definitions: r.definitions, assumptions: r.assumptions, fold: options.fold ?? true, steps: options.steps });
  return { ...r, wrt: v, d };
}

/** The derivative, unfolded, against central finite differences of the unfolded target. */
function checked(formulas: string, wrt: string, options: { fold?: boolean; sizes?: Record<string, number>; positive?: string[] } = {}) {
  const { d, target, definitions, assumptions, wrt: v } = run(formulas, wrt, options);
  const fixed = assumptions.length === 0 ? undefined : inputsSatisfying(assumptions)!;
  const report = checkDerivative({
    f: unfoldAll(target, definitions), wrt: v, derivative: unfoldAll(d.result, definitions),
    ...(fixed === undefined ? { sizes: options.sizes, positive: options.positive } : { inputs: fixed }), trials: 2,
  });
  return { d, report };
}

const SEED = String.raw`o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;
const TANH = String.raw`h_j = \tanh(\sum_i W_{ji} x_i + b_j); L = \frac{1}{2} \sum_j (h_j - t_j)^2`;
const SOFTMAX = String.raw`s_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`;
const CE = String.raw`p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}; L = -\sum_i y_i \log p_i`;
const CE_ONE = String.raw`${CE}; \sum_i y_i = 1`;

describe('printed forms with fold', () => {
  it.each([
    ['the seed', SEED, 'w_{jk}', '-2(t_k - o_k) o_k (1 - o_k) o_j'],
    ['the seed, the sigmoid spelt as text', SEED.replace('\\sigma', '\\text{sigmoid}'), 'w_{jk}', '-2(t_k - o_k) o_k (1 - o_k) o_j'],
    ['a tanh layer', TANH, 'W_{ji}', '(h_j - t_j) (1 - h_j^2) x_i'],
    ['softmax', SOFTMAX, 'z_k', 's_i (\\delta_{ik} - s_k)'],
    ['softmax with cross-entropy', CE, 'z_k', '\\left(\\sum_{i} y_i\\right) p_k - y_k'],
    ['softmax with cross-entropy, Σ_i y_i = 1', CE_ONE, 'z_k', 'p_k - y_k'],
    ['an exp definition', String.raw`d = e^{a x}; E = d^2`, 'x', '2 d^2 a'],
  ])('%s', (_name, formulas, wrt, expected) => {
    const { d, report } = checked(formulas, wrt);
    expect(toLatex(d.result)).toBe(expected);
    expect(report.ok, JSON.stringify(report.failures.slice(0, 2))).toBe(true);
    expect(report.checked).toBeGreaterThan(0);
  });

  it('without fold the seed keeps its expression two (σ written out), and softmax still gets its lemma', () => {
    expect(toLatex(run(SEED, 'w_{jk}', { fold: false }).d.result))
      .toBe('-2(t_k - o_k) \\sigma\\left(\\sum_{j} w_{jk} o_j\\right) \\left(1 - \\sigma\\left(\\sum_{j} w_{jk} o_j\\right)\\right) o_j');
    expect(toLatex(run(SOFTMAX, 'z_k', { fold: false }).d.result)).toBe('s_i (\\delta_{ik} - s_k)');
  });
});

describe('the softmax lemma', () => {
  it.each([
    ['a temperature', String.raw`p_i = \frac{\exp(z_i / T)}{\sum_j \exp(z_j / T)}; L = -\sum_i y_i \log p_i`, 'z_k', {}],
    ['by the temperature', String.raw`p_i = \frac{\exp(z_i / T)}{\sum_j \exp(z_j / T)}; L = \sum_i c_i p_i`, 'T', { positive: ['T'] }],
    ['the wrt letter is the sum letter', SOFTMAX, 'z_j', {}],
    ['the wrt letter is the softmax letter', SOFTMAX, 'z_i', {}],
    ['a row of a matrix', String.raw`p_{rj} = \frac{e^{z_{rj}}}{\sum_l e^{z_{rl}}}; L = \sum_r \sum_j c_{rj} p_{rj}`, 'z_{ab}', {}],
    ['logits from weights', String.raw`u_i = \sum_l W_{il} h_l; p_i = \frac{e^{u_i}}{\sum_j e^{u_j}}; L = -\sum_i y_i \log p_i`, 'W_{ab}', {}],
    ['bounds on the sum', String.raw`p_i = \frac{e^{z_i}}{\sum_{j=1}^{3} e^{z_j}}; L = \sum_{i=1}^{3} c_i p_i`, 'z_k', { sizes: { i: 3, j: 3, k: 3 } }],
    ['at a literal index', String.raw`p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}; L = p_2 \log p_1`, 'z_k', {}],
  ])('%s: right numerically, with and without fold', (_name, formulas, wrt, options) => {
    for (const fold of [true, false]) {
      const { d, report } = checked(formulas, wrt, { ...options, fold });
      expect(d.raw).toBeDefined();
      expect(report.ok, `fold ${fold}: ${JSON.stringify(report.failures.slice(0, 2))}`).toBe(true);
      expect(report.checked).toBeGreaterThan(0);
    }
  });

  it('recognises the shape only where the sum runs over the numerator at another index', () => {
    const slot = (body: string, indices: string[]) => softmaxSlot({ indices, body: parse(body) });
    expect(slot(String.raw`\frac{e^{z_i}}{\sum_j e^{z_j}}`, ['i'])).toBe(0);
    expect(slot(String.raw`\frac{e^{z_{rj}}}{\sum_l e^{z_{rl}}}`, ['r', 'j'])).toBe(1);
    expect(slot(String.raw`\frac{\exp(z_i/T)}{\sum_j \exp(z_j/T)}`, ['i'])).toBe(0);
    expect(slot(String.raw`\frac{e^{z_i}}{\sum_j e^{2 z_j}}`, ['i'])).toBeNull();
    expect(slot(String.raw`\frac{e^{z_i}}{\sum_j e^{z_i}}`, ['i'])).toBeNull();
    expect(slot(String.raw`\frac{e^{z_i}}{1 + \sum_j e^{z_j}}`, ['i'])).toBeNull();
    // The numerator's free j would be captured by the sum: not a softmax.
    expect(slot(String.raw`\frac{e^{z_i + y_j}}{\sum_j e^{z_j + y_j}}`, ['i', 'j'])).toBeNull();
  });
});

describe('the def.chain lemma (only with fold)', () => {
  it.each([
    ['sigmoid', String.raw`o = \sigma(a x); E = o^2`, 'x', '2 o^2 (1 - o) a'],
    ['tanh', String.raw`h = \tanh(a x); E = h`, 'x', '(1 - h^2) a'],
    ['sqrt', String.raw`r = \sqrt{a x}; E = \log r`, 'x', null],
    ['sin (no lemma: sin\' = cos)', String.raw`s = \sin(a x); E = s^2`, 'x', null],
  ])('%s', (_name, formulas, wrt, expected) => {
    const { d, report } = checked(formulas, wrt, { positive: ['a', 'x'] });
    if (expected !== null) expect(toLatex(d.result)).toBe(expected);
    expect(report.ok, JSON.stringify(report.failures.slice(0, 2))).toBe(true);
    const rules = run(formulas, wrt, { steps: true }).d.steps.map((s) => s.rule);
    expect(rules.includes('def.chain')).toBe(!formulas.includes('\\sin'));
  });
});

describe('the brief proof of softmax with cross-entropy', () => {
  for (const fold of [true, false]) {
    it(`reaches p_k - y_k in at most 8 rows, the lemma one of them, every step checked (fold ${fold})`, () => {
      const { d, target, definitions, assumptions } = run(CE_ONE, 'z_k', { steps: true, fold });
      expect(toLatex(d.result)).toBe('p_k - y_k');
      const rows = selectSteps(d.steps, 'brief');
      expect(rows.length).toBeLessThanOrEqual(8);
      const lemma = rows.find((r) => r.own.rule === 'def.softmax')!;
      expect(toLatex(lemma.own.replacement)).toBe('p_i (\\delta_{ik} - p_k)');
      // No quotient rule, no unfolding of p and folding it back.
      const rules = d.steps.map((s) => s.rule);
      expect(rules).not.toContain('diff.quotient');
      expect(rules).not.toContain('def.fold');
      const fixed = inputsSatisfying(assumptions)!;
      const check = checkSteps({ goal: target, steps: d.steps, result: d.result }, { definitions, values: fixed.values, sizes: fixed.sizes });
      expect(check.steps.filter((s) => !s.ok).map((s) => `${s.index} ${s.rule}: ${s.problems.join('; ')}`)).toEqual([]);
    });
  }
});

describe('every corpus entry with definitions, folded, against finite differences', () => {
  const withDefinitions = CORPUS.flatMap((e, n) => (prepare(e).definitions.length > 0 ? [[e.name, e, n] as const] : []));
  it('has the entries', () => expect(withDefinitions.length).toBeGreaterThan(30));
  it.each(withDefinitions)('%s', (_name, entry, n) => {
    const { definitions, target, wrt } = prepare(entry);
    const d = derive(target, wrt, { definitions, sizes: entry.declared, fold: true });
    const report = checkDerivative({
      f: unfoldAll(target, definitions), wrt, derivative: unfoldAll(d.result, definitions),
      sizes: entry.sizes, positive: entry.positive, trials: 2, seed: n + 1,
    });
    expect(report.checked).toBeGreaterThan(0);
    expect(report.ok, JSON.stringify(report.failures.slice(0, 3))).toBe(true);
    // The step driver folds to the same result.
    expect(derive(target, wrt, { definitions, sizes: entry.declared, fold: true, steps: true }).result).toBe(d.result);
  });
});

describe('random definitions, folded', () => {
  const FUNCTIONS = ['\\sigma', '\\tanh', '\\exp', '\\sin', '\\cos'];
  const INNER = ['\\sum_j w_{jk} x_j', 'a x_k + b', 'x_k^2 + 1', '\\sum_j w_{jk} x_j + c_k'];
  const OUTER = ['\\sum_k (t_k - d_k)^2', '\\sum_k d_k \\log(1 + d_k^2)', '\\sum_k c_k d_k d_k', '\\frac{1}{2} \\sum_k (d_k - t_k)^2 + \\sum_k d_k'];
  it('are right by finite differences, and print the name where the body was', () => {
    fc.assert(fc.property(
      fc.constantFrom(...FUNCTIONS), fc.constantFrom(...INNER), fc.constantFrom(...OUTER), fc.constantFrom('w_{jk}', 'x_k', 'x_j', 'a', 'c_k'),
      fc.integer({ min: 1, max: 1000 }),
      (fn, inner, outer, wrt, seed) => {
        const formulas = `d_k = ${fn}(${inner}); E = ${outer}`;
        const r = resolveDefinitions(parseFormulas(formulas), [parse(wrt)]);
        const v = r.extra[0] as Var;
        if (!JSON.stringify(unfoldAll(r.target, r.definitions)).includes(`"name":"${v.name}"`)) return;
        const d = derive(r.target, v, { definitions: r.definitions, fold: true });
        const report = checkDerivative({
          f: unfoldAll(r.target, r.definitions), wrt: v, derivative: unfoldAll(d.result, r.definitions), trials: 1, seed, positive: ['a', 'b'],
        });
        expect(report.ok, `${formulas} by ${wrt}: ${JSON.stringify(report.failures.slice(0, 2))}`).toBe(true);
        // σ, tanh, exp: their derivative is written in the name, so the body is gone from the result.
        if (['\\sigma', '\\tanh', '\\exp'].includes(fn)) expect(toLatex(d.result)).not.toContain(fn === '\\exp' ? 'e^' : fn);
      },
    ), { numRuns: 60 });
  });

  it('fold writes a body as its name even where no lemma applies (σ(u) left by a product)', () => {
    const { d } = run(String.raw`o = \sigma(a x); E = \sigma(a x) x`, 'x');
    expect(toLatex(d.result)).not.toContain('\\sigma');
    expect(toLatex(d.result)).toContain('o');
  });
});
