// Every proof of the correctness corpus (test/corpus.ts), step by step: each
// step of each entry's derivation (differentiation, then simplification) is
// checked numerically and placed at its focus, the merged rows of every
// detail level check too, a corrupted step is caught, and every LaTeX string
// the renderers emit passes KaTeX in strict mode, in both languages.

import { describe, expect, test } from 'vitest';
import { add, num } from '../../src/core/ast.js';
import {
  checkSteps, DETAILS, LANGS, proofJson, renderHtml, renderLatex, renderMarkdown, selectSteps,
} from '../../src/proof/index.js';
import { replaceAt } from '../../src/core/replace.js';
import { occurrences } from '../../src/proof/locate.js';
import { CORPUS } from '../corpus.js';
import { corpusProof } from './corpus-proof.js';
import { mathPieces, strictKatex } from './katex.js';

const entries = CORPUS.map((e, n) => [e.name, e, n] as const);

describe('every step of every corpus proof checks', () => {
  test.each(entries)('%s', (_name, entry, n) => {
    const { proof, options } = corpusProof(entry);
    const report = checkSteps(proof, { ...options, seed: n + 1 });
    const failed = report.steps.filter((s) => !s.ok).map((s) => `step ${s.index} ${s.rule}: ${s.problems.join('; ')}`);
    expect([...report.problems, ...failed]).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.steps.every((s) => s.checked > 0)).toBe(true);
  });

  test('the corpus proofs are real derivations', () => {
    const counts = CORPUS.map((e) => corpusProof(e).proof.steps.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    expect(counts.filter((c) => c === 0)).toEqual([]);
  });
});

describe('the shown rows of every detail level still check (hidden steps folded in)', () => {
  test.each(entries)('%s', (_name, entry, n) => {
    const { proof, options } = corpusProof(entry);
    for (const detail of DETAILS) {
      const report = checkSteps({ ...proof, steps: selectSteps(proof.steps, detail) }, { ...options, seed: n + 7 });
      expect([detail, report.problems, report.steps.filter((s) => !s.ok).map((s) => s.problems)]).toEqual([detail, [], []]);
    }
  });
});

describe('a corrupted step is caught', () => {
  // Add 1 to one step's replacement, everywhere after it: the step no longer preserves equality.
  test.each(entries)('%s', (_name, entry, n) => {
    const { proof, options } = corpusProof(entry);
    const at = Math.floor(proof.steps.length / 2);
    const s = proof.steps[at]!;
    const path = occurrences(s.before, s.focus)[0]!;
    const bad = { ...s, replacement: add([s.replacement, num(1)]), after: replaceAt(s.before, path, add([s.replacement, num(1)])) };
    const report = checkSteps({ ...proof, steps: [...proof.steps.slice(0, at), bad], result: bad.after }, { ...options, seed: n + 1 });
    // (The whole may hide it where the step sits under a factor that is 0 at the points drawn, as in relu'.)
    expect(report.steps[at]).toMatchObject({ ok: false, local: false });
  });
});

describe('every LaTeX string of every corpus proof renders with KaTeX in strict mode', () => {
  test.each(entries)('%s', (_name, entry) => {
    const { proof } = corpusProof(entry);
    // Each distinct piece once: most are shared between languages and detail levels.
    const pieces = new Map<string, boolean>();
    for (const lang of LANGS) {
      for (const detail of DETAILS) {
        for (const doc of [renderLatex(proof, { lang, detail }), renderMarkdown(proof, { lang, detail })]) {
          const { display, inline } = mathPieces(doc);
          expect(display).toHaveLength(1);
          for (const d of display) pieces.set(d, true);
          for (const i of inline) pieces.set(i, false);
        }
        for (const s of proofJson(proof, { lang, detail }).steps) {
          // (before and after are rows of the display block)
          for (const x of [s.focus, s.replacement]) pieces.set(x.latex, true);
          pieces.set(`\\text{${s.label}}`, false);
          pieces.set(`\\text{${s.why}}`, false);
        }
      }
      // The page renders every formula with KaTeX (throwOnError, strict) on the server.
      expect(renderHtml(proof, { lang, detail: 'normal' })).not.toContain('katex-error');
    }
    for (const [latex, display] of pieces) strictKatex(latex, display);
  }, 30_000); // a normalisation layer's proof has some hundred formulas to render, in two languages
});
