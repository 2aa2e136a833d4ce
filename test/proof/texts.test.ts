import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { add, diff, div, type Expr, mul, variable } from '../../src/core/ast.js';
import { fillTemplate, placeholders, plainMath, segmentsLatex, SLOT_NAMES, stepSlots } from '../../src/proof/fill.js';
import { LANGS, RULE_IDS, RULE_TEXTS } from '../../src/proof/index.js';
import { strictKatex } from './katex.js';

const CJK = /[\u4e00-\u9fff]/;
const anything = (key: string) => (key === 'fn' ? 'sigmoid' : key === 'fnRule' ? '\\sigma' : 'x_{i}');

describe('the rule catalogue', () => {
  test('has exactly the rule ids of steps.ts', () => {
    expect(Object.keys(RULE_TEXTS).sort()).toEqual([...RULE_IDS].sort());
  });

  test.each([...RULE_IDS])('%s: a level, labels and justifications in en and zh', (id) => {
    const t = RULE_TEXTS[id];
    expect(['brief', 'normal', 'full']).toContain(t.level);
    for (const lang of LANGS) {
      expect(t.label[lang].trim()).not.toBe('');
      expect(t.why[lang].length).toBeGreaterThan(0);
      // The last variant needs no params, so every step gets a text.
      expect(placeholders(t.why[lang][t.why[lang].length - 1]!)).toEqual([]);
      for (const text of [t.label[lang], ...t.why[lang]]) {
        expect(text.split('$').length % 2, `unbalanced $ in ${text}`).toBe(1);
        // Chinese only in the zh texts, and the zh texts are Chinese.
        expect(CJK.test(text)).toBe(lang === 'zh');
      }
    }
  });

  test('the Chinese texts use Chinese punctuation and end a sentence with 。', () => {
    for (const id of RULE_IDS) {
      for (const text of RULE_TEXTS[id].why.zh) {
        const prose = text.split('$').filter((_, i) => i % 2 === 0).join(' ');
        expect(prose, text).not.toMatch(/[,:;()]/);
        expect(text.endsWith('。'), text).toBe(true);
      }
    }
  });

  test('headline rules are shown at brief detail and pure algebra only at full', () => {
    for (const id of ['diff.chain', 'index.rename-bound', 'diff.indexed-var', 'delta.eval', 'diff.sum-interchange',
      'sum.delta-collapse', 'subst.back', 'def.unfold', 'diff.const-multiple', 'diff.power'] as const) expect(RULE_TEXTS[id].level).toBe('brief');
    for (const id of RULE_IDS.filter((r) => r.startsWith('alg.') && r !== 'alg.assumption')) expect(RULE_TEXTS[id].level).toBe('full');
  });

  test('every label and text renders with KaTeX in strict mode, as math and inside \\text{}', () => {
    for (const id of RULE_IDS) {
      for (const lang of LANGS) {
        for (const text of [RULE_TEXTS[id].label[lang], ...RULE_TEXTS[id].why[lang]]) {
          const segs = fillTemplate(text, anything, 'latex')!;
          expect(segs).not.toBeNull();
          for (const s of segs.filter((g) => g.math)) expect(() => strictKatex(s.text, false), s.text).not.toThrow();
          expect(() => strictKatex(`\\text{${segmentsLatex(segs)}}`, true)).not.toThrow();
        }
      }
    }
  });

  test('the plain-text form of every text has no LaTeX left', () => {
    for (const id of RULE_IDS) {
      for (const lang of LANGS) {
        for (const text of [RULE_TEXTS[id].label[lang], ...RULE_TEXTS[id].why[lang]]) {
          const plain = fillTemplate(text, (k) => (k === 'fnRule' ? 'f(u)' : 'x'), 'text')!.map((s) => s.text).join('');
          expect(plain, text).not.toMatch(/[\\{}$]/);
        }
      }
    }
  });
});

describe('step slots', () => {
  const x = variable('x');
  const a = variable('a');
  const b = variable('b');
  const slot = (focus: Expr, replacement: Expr) => stepSlots({ rule: 'diff.const-multiple', before: focus, after: replacement, focus, replacement, params: {} });

  test('{constant}: the factors a constant-multiple step keeps outside, in any order, or 1/g of a quotient', () => {
    expect(slot(diff(mul([a, x, b]), x), mul([b, a, diff(x, x)]))('constant', 'text')).toBe('a * b');
    expect(slot(diff(mul([x, a]), x), mul([a, diff(x, x)]))('constant', 'latex')).toBe('a');
    expect(slot(diff(div(x, a), x), div(diff(x, x), a))('constant', 'latex')).toBe('\\frac{1}{a}');
    expect(slot(diff(mul([x, x]), x), add([mul([diff(x, x), x]), mul([x, diff(x, x)])]))('constant', 'text')).toBeUndefined();
  });
});

describe('templates', () => {
  test('fill placeholders, in math with the math syntax and in prose with plain names', () => {
    const slot = (k: string, syntax: string) => (k === 'wrt' ? (syntax === 'latex' ? 'w_{jk}' : 'w[j,k]') : k === 'fn' ? 'tanh' : undefined);
    expect(fillTemplate('by ${wrt}$ for {fn}', slot, 'latex')).toEqual([
      { math: false, text: 'by ' }, { math: true, text: 'w_{jk}' }, { math: false, text: ' for tanh' },
    ]);
    expect(fillTemplate('by ${wrt}$', slot, 'text')).toEqual([{ math: false, text: 'by ' }, { math: true, text: 'w[j,k]' }]);
    expect(fillTemplate('by ${index}$', slot, 'latex')).toBeNull();
  });

  test('LaTeX groups that are not slot names are left alone', () => {
    expect(placeholders('$\\delta_{ab} {index} \\#{index}$')).toEqual(['index', 'index']);
    expect(SLOT_NAMES).toContain('wrt');
  });

  test('plain math turns the catalogue LaTeX into Unicode', () => {
    expect(plainMath('\\delta_{aa} = 1, a \\neq b')).toBe('δ_aa = 1, a ≠ b');
    expect(plainMath("(f^n)' = n f^{n-1} f'")).toBe("(f^n)' = n f^(n-1) f'");
    expect(plainMath('x \\cdot 1')).toBe('x · 1');
  });
});

test('docs/proofs.md lists every rule with its level, labels and text', () => {
  const doc = readFileSync(new URL('../../docs/proofs.md', import.meta.url), 'utf8');
  for (const id of RULE_IDS) {
    const t = RULE_TEXTS[id];
    const why = t.why.en[t.why.en.length - 1]!.replace(/\|/g, '\\|');
    expect(doc).toContain(`| \`${id}\` | ${t.level} | ${t.label.en} | ${t.label.zh} | ${why} |`);
  }
});
