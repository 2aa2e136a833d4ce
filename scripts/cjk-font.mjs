#!/usr/bin/env node
// Regenerates src/proof/assets/cjk/: the subset of Noto Sans SC (regular, 400)
// that the Chinese proof page embeds, so that its Chinese shows on a machine
// with no CJK font (docs/proofs.md, "What the page embeds").
//
// Packages (devDependencies, not needed at run time):
//   @fontsource/noto-sans-sc  the font, OFL-1.1, cut by Fontsource into unicode-range slices
//   subset-font               harfbuzz (WebAssembly) subsetting to woff2
//
// Regenerate after changing a Chinese text in src/proof/ (test/proof/cjk-font.test.ts
// fails until then):
//   node scripts/cjk-font.mjs                       # packages installed in this checkout
//   node scripts/cjk-font.mjs --modules /some/dir   # or from another folder's node_modules
//
// The characters are every CJK character (Han, CJK and full-width punctuation) of the
// source files in src/proof/. Fontsource ships the font in slices (a file per
// unicode-range), so the subset is one woff2 per slice that holds some of those
// characters; manifest.json lists each file with the characters it holds, and the page
// declares each as an @font-face of one family with that unicode-range.

import { readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src/proof/assets/cjk');
const FONT = '@fontsource/noto-sans-sc';
const WEIGHT = 400;

const at = process.argv.indexOf('--modules');
const base = at >= 0 ? resolve(process.argv[at + 1], 'package.json') : join(root, 'package.json');
const require = createRequire(base);
const subsetFont = require('subset-font');
const fontDir = dirname(require.resolve(`${FONT}/package.json`));
const fontVersion = JSON.parse(readFileSync(join(fontDir, 'package.json'), 'utf8')).version;
const subsetVersion = JSON.parse(readFileSync(require.resolve('subset-font/package.json'), 'utf8')).version;

/** Han ideographs, CJK symbols and punctuation, full-width forms. */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/gu;

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'assets' ? [] : sources(p);
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

const chars = [...new Set(sources(join(root, 'src/proof')).flatMap((f) => readFileSync(f, 'utf8').match(CJK) ?? []))].sort();

/** Fontsource's slices: `[n]` → code point ranges. */
const slices = Object.entries(JSON.parse(readFileSync(join(fontDir, 'unicode.json'), 'utf8'))).map(([key, ranges]) => ({
  n: key.replace(/[[\]]/g, ''),
  ranges: ranges.split(',').map((r) => {
    const [a, b] = r.replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  }),
}));

const bySlice = new Map();
for (const c of chars) {
  const cp = c.codePointAt(0);
  const slice = slices.find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
  if (slice === undefined) throw new Error(`${FONT} has no glyph for ${c} (U+${cp.toString(16)})`);
  bySlice.set(slice.n, [...(bySlice.get(slice.n) ?? []), c]);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const faces = [];
for (const [n, cs] of [...bySlice].sort((a, b) => Number(a[0]) - Number(b[0]))) {
  const src = readFileSync(join(fontDir, 'files', `noto-sans-sc-${n}-${WEIGHT}-normal.woff2`));
  const file = `noto-sans-sc-${n}.woff2`;
  writeFileSync(join(out, file), await subsetFont(src, cs.join(''), { targetFormat: 'woff2' }));
  faces.push({ file, chars: cs.join('') });
}
writeFileSync(join(out, 'LICENSE'), readFileSync(join(fontDir, 'LICENSE')));
const manifest = {
  font: 'Noto Sans SC', weight: WEIGHT, licence: 'OFL-1.1 (LICENSE beside this file)',
  generatedBy: `scripts/cjk-font.mjs from ${FONT}@${fontVersion} with subset-font@${subsetVersion}`,
  chars: chars.join(''), faces,
};
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${chars.length} characters in ${faces.length} files under ${out}`);
