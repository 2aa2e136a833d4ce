import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { add, delta, diff, type Expr, indexValue, iverson, ivar, mul, neg, num, rel, sum, variable } from '../../src/core/ast.js';
import {
  checkSteps, DETAILS, LANGS, proofJson, renderHtml, renderJson, renderLatex, renderMarkdown, renderText,
  selectSteps,
} from '../../src/proof/index.js';
import { chain, e0, o, seedProof, seedSteps, w } from './fixtures.js';
import { mathPieces, strictKatex } from './katex.js';

const options = LANGS.flatMap((lang) => DETAILS.map((detail) => ({ lang, detail })));

describe('selectSteps', () => {
  test('full detail shows every step as it is', () => {
    const shown = selectSteps(seedSteps, 'full');
    expect(shown.map((s) => s.own)).toEqual(seedSteps);
    expect(shown.every((s, i) => s.before === seedSteps[i]!.before && s.after === seedSteps[i]!.after && s.folded.length === 0)).toBe(true);
  });

  test('brief detail keeps the headline rules and folds the others into the one before', () => {
    const shown = selectSteps(seedSteps, 'brief');
    expect(shown.map((s) => s.rule)).toEqual([
      'index.rename-bound', 'diff.sum-interchange', 'diff.const-multiple', 'diff.indexed-var', 'delta.eval', 'sum.delta-collapse',
    ]);
    expect(shown.map((s) => s.folded.map((f) => f.rule))).toEqual([[], [], [], ['alg.flatten-product'], ['alg.mul-one'], []]);
  });

  test('trailing hidden steps fold into the last shown one', () => {
    const steps = seedSteps.slice(0, 7); // ends with alg.mul-one (full only)
    const shown = selectSteps(steps, 'normal');
    expect(shown[shown.length - 1]!.rule).toBe('delta.eval');
    expect(shown[shown.length - 1]!.after).toBe(steps[6]!.after);
    expect(selectSteps(steps.slice(4, 5), 'brief').map((s) => s.rule)).toEqual(['alg.flatten-product']); // nothing shown: keep one
  });

  test('hidden steps before the first shown one fold into it', () => {
    const shown = selectSteps(seedSteps.slice(4), 'brief'); // alg.flatten-product, delta.eval, alg.mul-one, sum.delta-collapse
    expect(shown.map((s) => [s.rule, s.folded.map((f) => f.rule)])).toEqual([['delta.eval', ['alg.flatten-product', 'alg.mul-one']], ['sum.delta-collapse', []]]);
    expect(shown[0]!.before).toBe(seedSteps[4]!.before);
  });

  test('a step that prints the same is no row of its own, even at full detail, and not named', () => {
    const x = variable('x');
    const negTwoX = neg(mul([num(2), x])); // -(2x) and (-2)x both print as -2x
    const steps = chain(negTwoX, [['alg.neg-coefficient', negTwoX, mul([num(-2), x])], ['alg.reorder', mul([num(-2), x]), mul([x, num(-2)])]]);
    expect(selectSteps(steps, 'full').map((s) => [s.rule, s.folded.map((f) => f.rule)])).toEqual([['alg.reorder', ['alg.neg-coefficient']]]);
    expect(renderText({ goal: negTwoX, steps, result: steps[1]!.after }, { detail: 'full' })).not.toContain('also');
    // At the end of the proof it is dropped, so that it does not widen the last row's focus.
    const start = neg(mul([num(2), x, num(1)]));
    const end = chain(start, [['alg.mul-one', mul([num(2), x, num(1)]), mul([num(2), x])], ['alg.neg-coefficient', negTwoX, mul([num(-2), x])]]);
    const rows = selectSteps(end, 'full');
    expect(rows.map((s) => [s.rule, s.folded.length, s.after])).toEqual([['alg.mul-one', 0, negTwoX]]);
    expect(checkSteps({ goal: start, steps: rows, result: end[1]!.after }).ok).toBe(true);
  });

  test.each(DETAILS)('at %s detail the rows still chain, and the merged steps still check', (detail) => {
    const shown = selectSteps(seedSteps, detail);
    expect(shown[0]!.before).toBe(seedSteps[0]!.before);
    expect(shown[shown.length - 1]!.after).toBe(seedSteps[seedSteps.length - 1]!.after);
    shown.slice(1).forEach((s, i) => expect(s.before).toBe(shown[i]!.after));
    const report = checkSteps({ ...seedProof, steps: shown });
    expect(report.problems).toEqual([]);
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
  });
});

describe('renderers on the hand-made seed proof', () => {
  for (const lang of LANGS) {
    test(`golden text, LaTeX and Markdown (${lang})`, async () => {
      await expect(renderText(seedProof, { lang })).toMatchFileSnapshot(`golden/seed.${lang}.txt`);
      await expect(renderText(seedProof, { lang, detail: 'brief' })).toMatchFileSnapshot(`golden/seed.brief.${lang}.txt`);
      await expect(renderLatex(seedProof, { lang })).toMatchFileSnapshot(`golden/seed.${lang}.tex`);
      await expect(renderMarkdown(seedProof, { lang })).toMatchFileSnapshot(`golden/seed.${lang}.md`);
    });
  }

  test('the text shows each step: number, label, expression, focus and why', () => {
    const text = renderText(seedProof, { detail: 'full' });
    expect(text).toContain("Step 1: rename bound index\n  = d/dw[j,k](sum(j', w[j',k] * o[j']))");
    expect(text).toContain('  focus: delta[k,k]  ->  1');
    expect(text).toContain("why: Only the term with j' = j is nonzero");
    expect(text.trimEnd().endsWith('Result: o[j]')).toBe(true);
    expect(text.match(/^Step \d+:/gm)).toHaveLength(seedSteps.length);
  });

  test('LaTeX is one align* with one tagged row per shown step, then the notes', () => {
    const tex = renderLatex(seedProof, { detail: 'brief', lang: 'zh' });
    expect(tex.match(/\\begin\{align\*\}/g)).toHaveLength(1);
    expect(tex.match(/\\tag\*\{\\text\{\(\d\) /g)).toHaveLength(6);
    expect(tex).toContain('\\tag*{\\text{(6) $\\delta$ 消去求和}}');
    expect(tex.match(/\\item /g)).toHaveLength(6);
    expect(tex).toContain('只有 $j\' = j$ 的那一项不为零');
    expect(renderLatex(seedProof, { standalone: true, lang: 'zh' })).toMatch(/^\\documentclass\{ctexart\}[\s\S]*\\end\{document\}\n$/);
  });

  test.each(options)('every LaTeX string renders with KaTeX in strict mode (%o)', (opts) => {
    for (const doc of [renderLatex(seedProof, opts), renderMarkdown(seedProof, opts)]) {
      const { display, inline } = mathPieces(doc);
      expect(display).toHaveLength(1);
      expect(inline.length).toBeGreaterThan(0);
      for (const d of display) strictKatex(d, true);
      for (const i of inline) strictKatex(i, false);
    }
    for (const s of proofJson(seedProof, opts).steps) {
      for (const x of [s.before, s.after, s.focus, s.replacement]) strictKatex(x.latex, true);
      strictKatex(`\\text{${s.why}}`, true);
      strictKatex(`\\text{${s.label}}`, true);
    }
  });

  test('JSON carries the shown steps with LaTeX and text forms', () => {
    const json = JSON.parse(renderJson(seedProof, { detail: 'brief' }));
    expect(json.steps.map((s: { rule: string }) => s.rule)).toEqual(selectSteps(seedSteps, 'brief').map((s) => s.rule));
    expect(json.steps[0]).toMatchObject({ n: 1, rule: 'index.rename-bound', level: 'brief', params: { from: 'j', to: "j'" }, label: 'rename bound index' });
    expect(json.steps[3].folded).toEqual(['alg.flatten-product']);
    expect(json.steps[4].folded).toEqual(['alg.mul-one']);
    expect(json.result).toEqual({ latex: 'o_j', text: 'o[j]' });
  });
});

describe('the HTML page', () => {
  const fontDir = join(dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css')), 'fonts');
  const woff2 = readdirSync(fontDir).filter((f) => f.endsWith('.woff2'));

  test.each(options)('renders without KaTeX errors and declares its formulas (%o)', (opts) => {
    const html = renderHtml(seedProof, opts);
    expect(html).not.toContain('katex-error');
    const formulas = html.match(/<span class="formula/g)!.length;
    expect(html).toContain(`data-formulas="${formulas}"`);
    expect(html.match(/<details>/g)).toHaveLength(selectSteps(seedSteps, opts.detail).length);
    expect(html).toContain(`<html lang="${opts.lang === 'zh' ? 'zh-CN' : 'en'}">`);
  });

  test('inlines the installed KaTeX CSS with every woff2 font as a data: URL', () => {
    const html = renderHtml(seedProof);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html.match(/url\(data:font\/woff2;base64,/g)).toHaveLength(woff2.length);
    const first = readFileSync(join(fontDir, woff2[0]!)).toString('base64');
    expect(html).toContain(first);
    expect(html).toContain(`KaTeX ${katex.version}`);
    expect(html).not.toMatch(/<script|<link/);
  });

  test('highlights the rewritten part: green in the rows, amber focus in the notes', () => {
    const html = renderHtml(seedProof, { detail: 'full' });
    expect(html).toContain('background-color:#bbf7d0');
    expect(html).toContain('background-color:#fde68a');
  });
});

describe('checkSteps', () => {
  test('accepts the hand-made proof, every step on its own', () => {
    const report = checkSteps(seedProof);
    expect(report.ok).toBe(true);
    expect(report.steps).toHaveLength(seedSteps.length);
    for (const s of report.steps) expect(s.checked).toBeGreaterThan(0);
  });

  test("rejects SymPy 1.11's answer Σ_j o_j, without asking the differentiator", () => {
    const wrong = sum('j', o);
    const steps = chain(e0, [['diff.sum-interchange', e0, wrong]]);
    const report = checkSteps({ goal: e0, steps, result: wrong });
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toMatchObject({ placed: true, chained: true, equal: false, local: false });
    expect(report.steps[0]!.problems[0]).toMatch(/^before and after differ: .* at j=\d, k=\d/);
  });

  test('rejects a wrong δ: ∂w_{j\'k}/∂w_{jk} = δ_{j\'k}', () => {
    const steps = seedSteps.map((s) => s);
    const bad = chain(steps[3]!.before, [['diff.indexed-var', steps[3]!.focus, mul([delta(ivar("j'"), ivar('k')), delta(ivar('k'), ivar('k'))])]]);
    const report = checkSteps({ goal: e0, steps: [...steps.slice(0, 3), ...bad], result: bad[0]!.after });
    expect(report.steps.map((s) => s.ok)).toEqual([true, true, true, false]);
  });

  test('reports a step that does not start where the previous ended, and a misplaced focus', () => {
    const [a, b, c] = seedSteps;
    const report = checkSteps({ goal: e0, steps: [a!, c!, b!], result: b!.after });
    expect(report.steps[1]!.chained).toBe(false);
    const misplaced = { ...b!, focus: num(7) };
    expect(checkSteps({ goal: e0, steps: [a!, misplaced], result: b!.after }).steps[1]).toMatchObject({ placed: false, equal: true });
  });

  test('evaluates derivatives by finite differences, nested ones too', () => {
    const x = variable('x');
    const d2 = diff(diff(mul([x, x, x]), x), x); // (x³)'' = 6x
    const steps = chain(d2, [['diff.power', d2, mul([num(6), x])]]);
    expect(checkSteps({ goal: d2, steps, result: mul([num(6), x]) }).ok).toBe(true);
    const off = chain(d2, [['diff.power', d2, mul([num(5), x])]]);
    expect(checkSteps({ goal: d2, steps: off, result: mul([num(5), x]) }).ok).toBe(false);
  });

  test('an Iverson bracket is a strong zero: [2 ≤ k] x_{k-1} is 0 at k = 1, but [1 ≤ k] x_{k-1} reads x_0', () => {
    const k = ivar('k');
    const before = sum('i', mul([delta(ivar('i', 1), k), variable('x', [ivar('i')])]));
    const guarded = (lo: number) => mul([iverson(rel(['<='], [num(lo), indexValue(k)])), variable('x', [ivar('k', -1)])]);
    const sizes = { i: 3, k: 3 };
    const step = (after: Expr) => chain(before, [['sum.delta-collapse', before, after]]);
    expect(checkSteps({ goal: before, steps: step(guarded(2)), result: guarded(2) }, { sizes }).ok).toBe(true);
    const wrong = checkSteps({ goal: before, steps: step(guarded(1)), result: guarded(1) }, { sizes });
    expect(wrong.steps[0]!.equal).toBe(false);
    expect(wrong.steps[0]!.problems[0]).toMatch(/out of range/);
  });

  test('a result different from the last step is reported', () => {
    const report = checkSteps({ ...seedProof, result: add([o, num(1)]) });
    expect(report.endsOk).toBe(false);
    expect(report.problems[0]).toMatch(/last expression and the result differ/);
    expect(checkSteps({ goal: w, steps: [], result: w }).ok).toBe(true);
  });
});

