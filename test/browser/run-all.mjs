#!/usr/bin/env node
// `npm run test:browser`: open every proof page in docs/examples in headless
// Chromium with render-page.mjs (no KaTeX errors, every declared formula
// rendered, fonts loaded, nothing fetched), one line per page, screenshots in
// test-artifacts/<name>.png; then every Chinese page (`*.zh.html`) with
// cjk-font.mjs (its Chinese drawn as real glyphs on a font configuration with no
// CJK font); then the web playground with playground.mjs. Exits non-zero when any check fails.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pagesDir = join(root, 'docs/examples');
const artifacts = join(root, 'test-artifacts');
const checker = join(root, 'test/browser/render-page.mjs');
const cjk = join(root, 'test/browser/cjk-font.mjs');

const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();
if (pages.length === 0) {
  console.error(`test:browser: FAIL: no .html pages in ${pagesDir} (run npm run docs:examples)`);
  process.exit(1);
}
mkdirSync(artifacts, { recursive: true });

let failed = 0;
for (const page of pages) {
  const shot = join(artifacts, `${basename(page, '.html')}.png`);
  const r = spawnSync(process.execPath, [checker, join(pagesDir, page), shot], { encoding: 'utf8', timeout: 120_000 });
  const ok = r.status === 0;
  if (!ok) failed++;
  const detail = (ok ? r.stdout : r.stderr || r.stdout || String(r.error ?? `exit ${r.status}`)).trim().split('\n').pop();
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${page}: ${detail}`);
}
const zhPages = pages.filter((p) => p.endsWith('.zh.html'));
for (const page of zhPages) {
  const shot = join(artifacts, `${basename(page, '.html')}.no-cjk-font.png`);
  const r = spawnSync(process.execPath, [cjk, join(pagesDir, page), shot], { encoding: 'utf8', timeout: 120_000 });
  const ok = r.status === 0;
  if (!ok) failed++;
  const detail = (ok ? r.stdout : r.stderr || r.stdout || String(r.error ?? `exit ${r.status}`)).trim().split('\n').pop();
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${page} (no CJK font): ${detail}`);
}
// The web playground, as built by `npm run playground -- --build-only` (docs/playground.md).
const playground = spawnSync(process.execPath, [join(root, 'test/browser/playground.mjs')], { encoding: 'utf8', timeout: 180_000 });
const playgroundOk = playground.status === 0;
if (!playgroundOk) failed++;
const playgroundDetail = (playgroundOk ? playground.stdout : playground.stderr || playground.stdout || String(playground.error ?? `exit ${playground.status}`)).trim().split('\n').pop();
console.log(`${playgroundOk ? 'ok  ' : 'FAIL'} ${playgroundDetail}`);
const total = pages.length + zhPages.length + 1;
console.log(`browser: ${total - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
