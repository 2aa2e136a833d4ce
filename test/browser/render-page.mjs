#!/usr/bin/env node
// Open a standalone proof page (src/proof/html.ts) in headless Chromium, offline,
// and check that it really renders: no KaTeX error boxes, one `.katex` per
// formula the page declares (`<body data-formulas="N">`, each in `.formula`),
// the inlined KaTeX fonts loaded; then save a full-page screenshot.
//
//   node test/browser/render-page.mjs <page.html> <screenshot.png>
//
// Needs playwright-core and a Chromium (default /usr/bin/chromium, or $CHROMIUM).
// Not a vitest test: it needs a browser, which CI machines may not have.

import { browser, executablePath } from './chromium.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [page, shot] = process.argv.slice(2);
if (page === undefined || shot === undefined) {
  console.error('usage: node test/browser/render-page.mjs <page.html> <screenshot.png>');
  process.exit(2);
}
const { fail, chromium } = await browser('render-page');

const profile = mkdtempSync(join(tmpdir(), 'kronecker-chromium-'));
// A persistent context on a fresh directory is Playwright's way of passing --user-data-dir.
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1400, height: 900 },
  deviceScaleFactor: 1,
});
let problem = null;
try {
  const tab = await context.newPage();
  // The page must be self-contained: any request beyond the file itself is a defect.
  const requests = [];
  tab.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: 'load' });
  // Open every collapsible note so the screenshot shows all formulas.
  await tab.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const report = await tab.evaluate(async () => {
    await document.fonts.ready;
    const expected = Number(document.body.dataset.formulas ?? 'NaN');
    const wrappers = [...document.querySelectorAll('.formula')];
    return {
      expected,
      wrappers: wrappers.length,
      withoutKatex: wrappers.filter((w) => w.querySelector('.katex') === null).length,
      katex: document.querySelectorAll('.katex').length,
      errors: [...document.querySelectorAll('.katex-error')].map((e) => e.getAttribute('title') ?? e.textContent),
      mainFont: document.fonts.check('1em KaTeX_Main'),
      mathFont: document.fonts.check('italic 1em KaTeX_Math'),
      fontStatus: [...document.fonts].filter((f) => f.family.includes('KaTeX')).map((f) => `${f.family}:${f.status}`),
    };
  });
  const loaded = report.fontStatus.filter((s) => s.endsWith(':loaded'));
  if (errors.length > 0) problem = `script errors: ${errors.join('; ')}`;
  else if (requests.length > 0) problem = `the page fetched ${requests.join(', ')}: it must open offline`;
  else if (report.errors.length > 0) problem = `${report.errors.length} KaTeX error(s): ${report.errors.join(' | ')}`;
  else if (!Number.isInteger(report.expected) || report.expected < 1) problem = 'the page declares no formulas (body[data-formulas])';
  else if (report.wrappers !== report.expected) problem = `expected ${report.expected} formulas, found ${report.wrappers}`;
  else if (report.withoutKatex > 0) problem = `${report.withoutKatex} formula(s) without KaTeX output`;
  else if (report.katex < report.expected) problem = `only ${report.katex} .katex elements for ${report.expected} formulas`;
  else if (!report.mainFont || !report.mathFont || loaded.length === 0) {
    problem = `KaTeX fonts not loaded (KaTeX_Main: ${report.mainFont}, KaTeX_Math: ${report.mathFont}; ${report.fontStatus.join(', ')})`;
  }
  await tab.screenshot({ path: shot, fullPage: true });
  if (problem === null) {
    console.log(`render-page: OK: ${report.expected} formulas, ${report.katex} .katex elements, fonts loaded: ${loaded.map((s) => s.split(':')[0]).join(', ')}; screenshot ${shot}`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (problem !== null) fail(problem);
