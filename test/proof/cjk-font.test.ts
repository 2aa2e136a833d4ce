// The embedded CJK subset (src/proof/assets/cjk, scripts/cjk-font.mjs) holds every
// Chinese character the zh texts use, and the zh page embeds it (the en page does not).

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CJK_FAMILY, cjkFontCss, cjkManifest } from '../../src/proof/html.js';
import { RULE_TEXTS } from '../../src/proof/texts.js';
import { WORDS } from '../../src/proof/render.js';
import { renderHtml } from '../../src/proof/index.js';
import { seedProof } from './fixtures.js';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/gu;

/** Every zh string a page can show: labels, justifications, page words. */
function zhTexts(): string[] {
  const w = WORDS.zh;
  return [
    ...Object.values(RULE_TEXTS).flatMap((t) => [t.label.zh, ...t.why.zh]),
    w.title, w.goal, w.result, w.focus, w.why, w.also, w.notes, w.before, w.after, w.colon, w.paren('x'), w.step(1),
    w.show, w.elided(1, 2),
  ];
}

describe('the embedded CJK subset', () => {
  const m = cjkManifest();

  test('holds every CJK character of the zh texts (else: node scripts/cjk-font.mjs)', () => {
    const used = [...new Set(zhTexts().join('').match(CJK) ?? [])];
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((c) => !m.chars.includes(c))).toEqual([]);
  });

  test('its files are woff2 and hold, together, exactly the listed characters', () => {
    const fromFaces = m.faces.map((f) => f.chars).join('');
    expect([...fromFaces].sort().join('')).toBe([...m.chars].sort().join(''));
    for (const f of m.faces) {
      const path = new URL(`../../src/proof/assets/cjk/${f.file}`, import.meta.url);
      expect(readFileSync(path).subarray(0, 4).toString('latin1')).toBe('wOF2');
    }
    expect(existsSync(new URL('../../src/proof/assets/cjk/LICENSE', import.meta.url))).toBe(true);
    expect(readFileSync(new URL('../../src/proof/assets/cjk/LICENSE', import.meta.url), 'utf8')).toMatch(/SIL Open Font License, Version 1\.1/);
  });

  test('the zh page embeds the faces it needs, the en page none', () => {
    const zh = renderHtml(seedProof, { lang: 'zh' });
    const en = renderHtml(seedProof, { lang: 'en' });
    expect(zh).toContain(`@font-face{font-family:"${CJK_FAMILY}"`);
    expect(zh).toMatch(/src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\) format\("woff2"\);unicode-range:U\+/);
    expect(en).not.toContain('@font-face{font-family:"Kronecker CJK"');
    expect(cjkFontCss('abc')).toBe('');
    // Only the files holding a character of the text.
    const one = m.faces[0]!;
    expect(cjkFontCss(one.chars[0]!).match(/@font-face/g)).toHaveLength(1);
  });
});
