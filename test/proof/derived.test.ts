// Proofs produced by the differentiator and the simplifier: every step checks
// numerically at every detail level, and every renderer accepts them.

import { describe, expect, test } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { resolveDefinitions } from '../../src/definitions.js';
import { derive, evaluateDerivatives } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import {
  checkSteps, DETAILS, LANGS, type Proof, renderHtml, renderLatex, renderMarkdown, renderText, selectSteps,
} from '../../src/proof/index.js';
import { mathPieces, strictKatex } from './katex.js';

function derived(source: string, by: string) {
  const r = resolveDefinitions(parseFormulas(source), [parse(by)]);
  const d = derive(r.target, r.extra[0] as Var, { definitions: r.definitions, steps: true });
  const proof: Proof = { goal: d.steps[0]?.before ?? r.target, steps: d.steps, result: d.result };
  return { proof, definitions: r.definitions };
}

const CASES: [string, string, string][] = [
  ['seed network', String.raw`o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`, 'w_{jk}'],
  ['tanh layer', String.raw`y_k = \tanh(\sum_i a_{ik} x_i)`, 'x_i'],
  ['log-sum-exp', String.raw`L = \log \sum_i e^{z_i}`, 'z_j'],
  ['quotient', String.raw`f = \frac{x^2}{1 + x^2}`, 'x'],
];

describe.each(CASES)('%s', (_name, source, by) => {
  const { proof, definitions } = derived(source, by);

  test('has steps, and each one checks numerically', () => {
    expect(proof.steps.length).toBeGreaterThan(2);
    const report = checkSteps(proof, { definitions });
    expect(report.steps.filter((s) => !s.ok).map((s) => [s.index, s.rule, s.problems])).toEqual([]);
    expect(report.ok).toBe(true);
  });

  test.each(DETAILS)('at %s detail the shown steps still check', (detail) => {
    const steps = selectSteps(proof.steps, detail);
    expect(checkSteps({ ...proof, steps }, { definitions }).ok).toBe(true);
  });

  test('every renderer accepts it in both languages; all LaTeX passes KaTeX strict mode', () => {
    for (const lang of LANGS) {
      for (const detail of DETAILS) {
        expect(renderText(proof, { lang, detail })).toContain(lang === 'en' ? 'Result: ' : '结果：');
        for (const doc of [renderLatex(proof, { lang, detail }), renderMarkdown(proof, { lang, detail })]) {
          const { display, inline } = mathPieces(doc);
          for (const d of display) strictKatex(d, true);
          for (const i of inline) strictKatex(i, false);
        }
        expect(renderHtml(proof, { lang, detail })).not.toContain('katex-error');
      }
    }
  });
});

test('the seed: the chain rule names sigmoid and the δ-collapse names j\' = j', () => {
  const { proof } = derived(CASES[0]![1], CASES[0]![2]);
  const text = renderText(proof, { detail: 'brief' });
  expect(text).toMatch(/chain rule[\s\S]*outer function sigmoid, with d\/du\(sigmoid\(u\)\) = sigmoid\(u\) \* \(1 - sigmoid\(u\)\)/);
  expect(text).toContain("Only the term with j' = j is nonzero");
  expect(text).toContain('Result: -2 * (t[k] - o[k]) * sigmoid(sum(j, w[j,k] * o[j])) * (1 - sigmoid(sum(j, w[j,k] * o[j]))) * o[j]');
});

test("the seed's expression one: the inner derivative is evaluated and substituted back", () => {
  const one = parse(String.raw`\frac{\partial E}{\partial w_{jk}} = -2(t_k - o_k) \cdot \text{sigmoid}\left(\sum_j w_{jk} \cdot o_j\right) \cdot (1 - \text{sigmoid}\left(\sum_j w_{jk} \cdot o_j\right)) \cdot \frac{\partial}{\partial w_{jk}} \left(\sum_j w_{jk} \cdot o_j\right)`);
  const { result, steps } = evaluateDerivatives(one, { steps: true });
  const proof: Proof = { goal: one, steps, result };
  expect(steps[steps.length - 1]!.rule).toBe('subst.back');
  const report = checkSteps(proof);
  expect([report.problems, report.steps.filter((s) => !s.ok).map((s) => [s.index, s.rule, s.problems])]).toEqual([[], []]);
  const tex = renderLatex(proof, { detail: 'brief', lang: 'zh' });
  // As in the seed: first the sub-derivation ∂(Σ_j w_{jk} o_j)/∂w_{jk} = … = o_j, then the
  // equation continued as `∂E/∂w &= …` (never `∂E/∂w &= ∂E/∂w = …`), the last row substituting back.
  const lines = tex.split('\n');
  expect(lines[1]).toMatch(/^\\frac\{\\partial\}\{\\partial w_\{jk\}\} \\left\(\\sum_\{j\} w_\{jk\} o_j\\right\) &= /);
  expect(lines.find((l) => l.endsWith('\\\\[2ex]'))).toMatch(/^&= o_j \\tag/);
  expect(lines.find((l) => l.startsWith('\\frac{\\partial E}'))).toMatch(/&= -2.*\\frac\{\\partial\}\{\\partial w_\{jk\}\}.* \\\\$/);
  expect(lines.find((l) => l.includes('代回原式'))).toMatch(/^&= -2.* o_j \\tag\*/);
  expect(tex).toContain('代回原式');
  expect(tex).toContain('代入原式');
  expect(renderHtml(proof, { lang: 'zh' })).not.toContain('katex-error');
});
