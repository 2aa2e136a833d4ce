#!/usr/bin/env node
// `npm run test:browser`: open every proof page in docs/examples in headless
// Chromium with render-page.mjs (no KaTeX errors, every declared formula
// rendered, fonts loaded, nothing fetched), one line per page, screenshots in
// test-artifacts/<name>.png. Exits non-zero when any page fails.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pagesDir = join(root, 'docs/examples');
const artifacts = join(root, 'test-artifacts');
const checker = join(root, 'test/browser/render-page.mjs');

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
console.log(`browser: ${pages.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
