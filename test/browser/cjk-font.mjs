#!/usr/bin/env node
// The Chinese proof page shows its Chinese on a machine with no CJK font: open it
// in headless Chromium under a fontconfig configuration whose only fonts are
// Latin ones (DejaVu, Liberation: no CJK glyph), draw several distinct Chinese
// characters of the page with the page's own font-family to a canvas, and require
// them to come out as distinct glyphs with ink (missing glyphs are identical boxes),
// and `document.fonts` to report the embedded family loaded.
//
// The same check runs on a control copy of the page without the embedded font, and
// must fail there: that proves the configuration really hides the machine's CJK
// fonts (this machine may have some), so the pass is the embedded font's doing.
//
//   node test/browser/cjk-font.mjs [page.html [screenshot.png]]   (default docs/examples/seed-proof.zh.html)

import { browser, executablePath } from './chromium.mjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const page = resolve(process.argv[2] ?? join(root, 'docs/examples/seed-proof.zh.html'));
const shot = process.argv[3];
const FAMILY = 'Kronecker CJK';
const { fail, chromium } = await browser('cjk-font');

const work = mkdtempSync(join(tmpdir(), 'kronecker-cjk-'));
// Fonts without CJK glyphs only; an empty font directory when none of them is installed.
const latin = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation'].filter(existsSync);
mkdirSync(join(work, 'empty'));
const dirs = (latin.length > 0 ? latin : [join(work, 'empty')]).map((d) => `  <dir>${d}</dir>`).join('\n');
writeFileSync(join(work, 'fonts.conf'), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs}
  <cachedir>${join(work, 'cache')}</cachedir>
</fontconfig>
`);

const html = readFileSync(page, 'utf8');
const faces = new RegExp(`<style>@font-face\\{font-family:"${FAMILY}"[^<]*</style>\\n?`, 'g');
if (!faces.test(html)) fail(`${page} embeds no "${FAMILY}" font`);
writeFileSync(join(work, 'control.html'), html.replace(faces, ''));

async function glyphs(context, file, screenshot) {
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  if (screenshot !== undefined) {
    await tab.evaluate(() => document.fonts.ready);
    await tab.screenshot({ path: screenshot, fullPage: true });
  }
  const report = await tab.evaluate(async (family) => {
    await document.fonts.ready;
    const h1 = document.querySelector('h1');
    const text = document.body.innerText;
    const chars = [...new Set(text.match(/[\u4e00-\u9fff]/gu) ?? [])].slice(0, 8);
    const font = `32px ${getComputedStyle(h1).fontFamily}`;
    await document.fonts.load(font, chars.join(''));
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 48;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    const drawn = chars.map((c) => {
      g.clearRect(0, 0, 48, 48);
      g.font = font;
      g.fillStyle = '#000';
      g.fillText(c, 8, 38);
      const alpha = [...g.getImageData(0, 0, 48, 48).data].filter((_, i) => i % 4 === 3);
      return { ink: alpha.filter((a) => a > 0).length, key: alpha.join(',') };
    });
    return {
      chars: chars.join(''),
      font,
      distinct: new Set(drawn.map((d) => d.key)).size,
      blank: drawn.filter((d) => d.ink === 0).length,
      check: document.fonts.check(`32px "${family}"`, chars.join('')),
      loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === family && f.status === 'loaded').length,
    };
  }, FAMILY);
  await tab.close();
  return report;
}

let result;
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath,
  headless: true,
  env: { ...process.env, FONTCONFIG_FILE: join(work, 'fonts.conf') },
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  result = { page: await glyphs(context, page, shot), control: await glyphs(context, join(work, 'control.html')) };
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}

const { page: p, control: c } = result;
const n = [...p.chars].length;
if (n < 4) fail(`the page has only ${n} distinct Chinese characters to draw (${p.chars})`);
if (c.distinct > 1 && c.blank === 0) {
  fail(`the control page without the embedded font still draws ${c.distinct} distinct glyphs for ${c.chars}: the fontconfig configuration did not hide the machine's CJK fonts`);
}
if (p.distinct !== n || p.blank > 0) fail(`"${p.chars}" drawn with ${p.font}: ${p.distinct} distinct glyphs of ${n}, ${p.blank} blank`);
if (!p.check || p.loaded === 0) fail(`document.fonts: check("${FAMILY}") = ${p.check}, ${p.loaded} face(s) loaded`);
console.log(`cjk-font: OK: "${p.chars}" draws as ${n} distinct glyphs with the embedded "${FAMILY}" (${p.loaded} faces loaded); without it, ${c.distinct} distinct (no CJK font on this configuration)`);
