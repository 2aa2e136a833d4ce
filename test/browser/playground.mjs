#!/usr/bin/env node
// The web playground (docs/playground.md) in headless Chromium, opened from disk (file://) as
// built by `npm run playground -- --build-only`, used with the keyboard only:
//   - first visit: the seed's derivation, rendered; its time to first render (< 1 s) reported;
//   - the seed's expression one typed into the editor (no variable: simplified) renders the
//     seed's expression two (compared with the library's `equivalent`);
//   - Chinese chosen, the proof opened: Chinese notes, every row checked;
//   - a parse error: the message under the editor, and the caret at the column the library's
//     ParseError gives;
//   - the share link opened in a new page gives the same fields and the same result;
//   - at 375 px width nothing overflows the page;
//   - the compiled code and the random evaluation panel show their output;
//   - a derivation over the timeout (`?timeout=1`) is stopped with a message;
// and it fails on any console error or page exception, or on any request other than file:,
// data: and blob: (the page is offline). Screenshots in test-artifacts/playground-*.png.
//
//   node test/browser/playground.mjs [index.html]   (default playground/dist/index.html)

import { browser, executablePath } from './chromium.mjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const page = resolve(process.argv[2] ?? join(root, 'playground/dist/index.html'));
const artifacts = join(root, 'test-artifacts');
const { fail, chromium } = await browser('playground');
if (!existsSync(page)) fail(`${page} is missing: run \`npm run playground -- --build-only\``);
const lib = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);
const { SEED } = await import(pathToFileURL(join(root, 'dist/src/cli/demo.js')).href);
mkdirSync(artifacts, { recursive: true });

/** Variables as plain names (a defined `o` as the input `o`), to compare with parsed text (as `kronecker demo` does). */
const shown = (e) => (e.kind === 'var' ? lib.variable(e.name, e.indices, e.commaIndices, e.superscript) : lib.mapChildren(e, shown));
const isExpressionTwo = (latex) => lib.equivalent(shown(lib.parse(latex)), lib.parse(SEED.expressionTwo));

const profile = mkdtempSync(join(tmpdir(), 'kronecker-playground-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
  acceptDownloads: true,
  permissions: ['clipboard-read', 'clipboard-write'],
});
const problems = [];
const figures = [];
function watch(tab) {
  tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  tab.on('pageerror', (e) => problems.push(`page exception: ${e}`));
  tab.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) problems.push(`fetched ${r.url()}: the page must work offline`); });
  return tab;
}
const check = (ok, message) => { if (!ok) throw new Error(message); };
/** Wait for the answer to the current state: 'true' (a result), 'error' or 'stopped'. */
const settled = async (tab) => {
  await tab.waitForSelector('body[data-ready]', { timeout: 20_000 });
  return tab.evaluate(() => document.body.dataset.ready);
};
const resultLatex = (tab) => tab.evaluate(() => document.getElementById('result').dataset.latex ?? '');
/** Move the focus with Tab (as a keyboard user does) until the element `id` has it. */
async function tabTo(tab, id) {
  for (let i = 0; i < 40; i++) {
    if (await tab.evaluate(() => document.activeElement?.id ?? '') === id) return;
    await tab.keyboard.press('Tab');
  }
  throw new Error(`#${id} cannot be reached with Tab`);
}
/** Replace the focused field's text by typing. */
async function retype(tab, id, text) {
  await tabTo(tab, id);
  await tab.keyboard.press('Control+A');
  await tab.keyboard.press('Delete');
  if (text !== '') await tab.keyboard.type(text);
}
const fieldsOf = (tab) => tab.evaluate(() => Object.fromEntries(['formula', 'where', 'wrt', 'lang', 'detail', 'form', 'code-kind'].map((id) => [id, document.getElementById(id).value]).concat([['fold', document.getElementById('fold').checked]])));

try {
  const tab = watch(await context.newPage());
  const url = pathToFileURL(page).href;
  await tab.goto(url, { waitUntil: 'load' });

  // First visit: the seed's derivation.
  check(await settled(tab) === 'true', `the seed's derivation did not render: ${await tab.textContent('#status')}`);
  const first = Number(await tab.evaluate(() => document.body.dataset.firstRender));
  figures.push(`first render of the seed ${first} ms after navigation`);
  check(first < 1000, `first render of the seed took ${first} ms (must be under 1 s)`);
  check(isExpressionTwo(await resultLatex(tab)), `the seed's derivation is not expression two: ${await resultLatex(tab)}`);
  check(await tab.locator('#result .katex').count() === 1 && await tab.locator('.katex-error').count() === 0, 'the result is not rendered by KaTeX');
  await tab.evaluate(() => document.fonts.ready);
  check(await tab.evaluate(() => document.fonts.check('1em KaTeX_Main')), 'the KaTeX fonts did not load');
  await tab.screenshot({ path: join(artifacts, 'playground-seed.png') });

  // Type the seed's expression one, no definitions, no variable: simplified to expression two.
  await tab.keyboard.press('Tab');
  await retype(tab, 'formula', SEED.expressionOne);
  await retype(tab, 'where', '');
  await retype(tab, 'wrt', '');
  check(await settled(tab) === 'true', `expression one did not render: ${await tab.textContent('#status')}`);
  check(await tab.locator('#preview .katex').count() === 1, 'the editor has no rendered preview');
  const typed = await resultLatex(tab);
  check(isExpressionTwo(typed), `expression one gave ${typed}, not expression two`);
  figures.push('expression one typed → expression two rendered');

  // Chinese, with the keyboard, and the proof opened.
  await tabTo(tab, 'lang');
  await tab.keyboard.press('ArrowDown');
  check(await tab.evaluate(() => document.getElementById('lang').value) === 'zh', 'the language select does not respond to the keyboard');
  check(await settled(tab) === 'true', 'the Chinese proof did not render');
  await tab.keyboard.press('Tab');
  for (let i = 0; i < 40 && !(await tab.evaluate(() => document.activeElement?.tagName === 'SUMMARY')); i++) await tab.keyboard.press('Tab');
  await tab.keyboard.press('Enter');
  check(await tab.evaluate(() => document.getElementById('proof').open), 'the proof does not open with the keyboard');
  const proof = await tab.evaluate(() => ({
    rows: document.querySelectorAll('#steps li').length,
    checked: document.querySelectorAll('#steps .verdict.ok').length,
    text: document.getElementById('steps').innerText,
    summary: document.getElementById('check').className,
    chain: document.querySelectorAll('#chain > .katex-display').length,
    tags: (document.getElementById('chain').textContent.match(/\(\d+\)/g) ?? []).length,
    errors: document.querySelectorAll('.katex-error').length,
  }));
  // The notes' Chinese is drawn with the embedded subset of the proof pages (no CJK font needed on the machine).
  const cjk = await tab.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Kronecker CJK' && f.status === 'loaded').length;
  });
  check(cjk > 0, 'the embedded CJK font did not load for the Chinese proof');
  check(proof.rows > 0 && proof.checked === proof.rows, `proof rows ${proof.rows}, checked ${proof.checked}`);
  check(/[\u4e00-\u9fff]/u.test(proof.text), 'the proof notes are not in Chinese');
  check(proof.summary.includes('ok'), 'the proof check is missing');
  // The chain is one formula with a numbered label per row, as the proof page shows it.
  check(proof.chain === 1 && proof.tags >= proof.rows && proof.errors === 0, `the proof chain: ${JSON.stringify(proof)}`);
  figures.push(`proof in Chinese: ${proof.rows} rows, each checked, ${cjk} embedded CJK faces loaded`);
  await tab.screenshot({ path: join(artifacts, 'playground-proof-zh.png'), fullPage: true });

  // A parse error: the message under the editor and the caret where the library's ParseError points.
  const bad = '\\frac{\\partial}{\\partial x} (x^2 + )';
  await retype(tab, 'formula', bad);
  check(await settled(tab) === 'error', 'a bad formula gave no error');
  let expected;
  try {
    lib.parse(bad);
  } catch (err) {
    expected = err;
  }
  check(expected instanceof lib.ParseError, 'the library reads the bad formula');
  const shownError = await tab.evaluate(() => ({
    hidden: document.getElementById('error').hidden,
    message: document.getElementById('error-message').textContent,
    mark: document.querySelector('#error-caret mark')?.textContent ?? null,
    marker: document.querySelector('#error-caret .marker')?.textContent ?? '',
    invalid: document.getElementById('formula').getAttribute('aria-invalid'),
  }));
  check(!shownError.hidden && shownError.message.includes(expected.message) && shownError.message.includes(`(${expected.line}:${expected.column})`),
    `error message ${JSON.stringify(shownError.message)}, expected ${expected.message} (${expected.line}:${expected.column})`);
  check(shownError.marker.indexOf('^') === expected.column - 1, `caret at column ${shownError.marker.indexOf('^') + 1}, expected ${expected.column}`);
  check(shownError.mark === (bad.slice(expected.offset, expected.offset + Math.max(1, expected.length)) || ' '), `highlighted ${JSON.stringify(shownError.mark)}`);
  check(shownError.invalid === 'true', 'the editor is not marked aria-invalid');
  // "Go to the error" puts the editor's cursor on the offending text.
  await tabTo(tab, 'error-go');
  await tab.keyboard.press('Enter');
  const selection = await tab.evaluate(() => {
    const f = document.getElementById('formula');
    return { focused: document.activeElement === f, start: f.selectionStart };
  });
  check(selection.focused && selection.start === expected.offset, `"Go to the error" put the cursor at ${selection.start}, expected ${expected.offset}`);
  figures.push(`parse error shown: ${shownError.message}, caret at column ${expected.column}`);
  await tab.screenshot({ path: join(artifacts, 'playground-error.png') });

  // A state worth sharing: the seed with folding, brief detail, Chinese; then the share link in a new page.
  await tabTo(tab, 'example');
  check(await tab.evaluate(() => document.getElementById('example').value) === '', 'the example picker does not show an edited formula as such');
  await tab.keyboard.press('ArrowDown');
  check(await settled(tab) === 'true', 'the seed example did not render again');
  await tabTo(tab, 'detail');
  await tab.keyboard.press('Home');
  await tabTo(tab, 'fold');
  await tab.keyboard.press('Space');
  check(await settled(tab) === 'true', 'the folded seed did not render');
  await tabTo(tab, 'share');
  await tab.keyboard.press('Enter');
  await tab.waitForFunction(() => /link copied|copy the link/.test(document.getElementById('status').textContent));
  // The link as the clipboard holds it (the field beside the button shows the same).
  const link = await tab.evaluate(() => navigator.clipboard.readText());
  check(link === await tab.evaluate(() => document.getElementById('share-link').value), 'the clipboard does not hold the link the page shows');
  check(link.startsWith(url + '#'), `share link ${link}`);
  const before = { fields: await fieldsOf(tab), latex: await resultLatex(tab) };
  check(before.fields.fold === true && before.fields.lang === 'zh' && before.fields.detail === 'brief', `the state to share: ${JSON.stringify(before.fields)}`);
  const other = watch(await context.newPage());
  await other.goto(link, { waitUntil: 'load' });
  check(await settled(other) === 'true', 'the shared link did not render');
  const after = { fields: await fieldsOf(other), latex: await resultLatex(other) };
  check(JSON.stringify(after) === JSON.stringify(before), `shared ${JSON.stringify(before)}, opened ${JSON.stringify(after)}`);
  figures.push('share link reproduces fields and result');

  // Copy LaTeX, the compiled code with its download, and the random evaluation (keyboard).
  await tabTo(other, 'copy-latex');
  await other.keyboard.press('Enter');
  await other.waitForFunction(() => /LaTeX copied|could not copy/.test(document.getElementById('status').textContent));
  check(await other.evaluate(() => navigator.clipboard.readText()) === after.latex, 'Copy LaTeX did not copy the result');
  check((await other.textContent('#code')).includes('export function run'), 'no compiled JavaScript module');
  await tabTo(other, 'download');
  const [download] = await Promise.all([other.waitForEvent('download'), other.keyboard.press('Enter')]);
  const saved = join(artifacts, `playground-${download.suggestedFilename()}`);
  await download.saveAs(saved);
  const module = readFileSync(saved, 'utf8');
  check(download.suggestedFilename().endsWith('.mjs') && module === await other.textContent('#code'), `downloaded ${download.suggestedFilename()}, not the module shown`);
  // The downloaded module runs in Node and agrees with the library's compiled gradient at the same inputs.
  const { run: runModule, signature } = await import(pathToFileURL(saved).href);
  const probe = lib.randomInputs([lib.parse('w_{jk} o_j t_k')], { seed: 7 });
  const viaModule = runModule(Object.fromEntries(signature.inputs.map((i) => [i.name, Float64Array.from(probe.values[i.name].flat(Infinity))])), probe.sizes);
  const { definitions, target } = lib.resolveDefinitions(lib.parseFormulas(`${after.fields.where}; ${after.fields.formula}`));
  const viaLibrary = lib.compile(lib.derive(target, after.fields.wrt, { definitions }).result, { definitions }).fn(probe);
  check(viaModule.length === viaLibrary.value.length && viaModule.every((v, i) => Math.abs(v - viaLibrary.value[i]) < 1e-12), 'the downloaded module disagrees with the library');
  await tabTo(other, 'code-kind');
  await other.keyboard.press('ArrowDown');
  check((await other.textContent('#code')).includes('einsum'), 'no NumPy module');
  await tabTo(other, 'evaluate');
  await other.keyboard.press('Enter');
  await other.waitForSelector('#eval-out table', { timeout: 20_000 });
  const values = await other.evaluate(() => [...document.querySelectorAll('#eval-out tr')].at(-1).lastChild.textContent);
  const numbers = values.replace(/[[\]]/g, '').split(',').map(Number);
  check(numbers.length > 1 && numbers.every(Number.isFinite), `evaluation gave ${values}`);
  figures.push(`random evaluation: ${numbers.length} gradient entries`);
  await other.close();

  // 375 px wide: nothing wider than the screen.
  const narrow = watch(await context.newPage());
  await narrow.setViewportSize({ width: 375, height: 800 });
  await narrow.goto(link, { waitUntil: 'load' });
  check(await settled(narrow) === 'true', 'the page did not render at 375 px');
  const overflow = await narrow.evaluate(() => {
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1
      && !el.closest('.katex, pre, .preview, .result, .result-form, .math, .eval'));
    return { scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 5).map((el) => el.id || el.tagName) };
  });
  check(overflow.scroll <= 375 && overflow.wide.length === 0, `at 375 px: page ${overflow.scroll} px wide, too wide: ${overflow.wide.join(', ')}`);
  figures.push('375 px: no horizontal overflow');
  await narrow.screenshot({ path: join(artifacts, 'playground-375.png'), fullPage: true });
  await narrow.close();
  await tab.close();

  // A derivation that runs longer than the timeout (here 1 ms) is stopped with a message.
  const slow = watch(await context.newPage());
  await slow.goto(`${url}?timeout=1`, { waitUntil: 'load' });
  check(await settled(slow) === 'stopped', 'a derivation over the timeout was not stopped');
  const message = await slow.textContent('#status');
  check(/stopped: it ran longer than/.test(message), `timeout message: ${message}`);
  check(await resultLatex(slow) === '' && await slow.locator('#steps li').count() === 0, 'a stopped derivation left a result on the page');
  figures.push(`timeout: "${message}"`);
  await slow.close();
} catch (err) {
  problems.push(err instanceof Error ? err.message : String(err));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (problems.length > 0) fail(problems.join('; '));
console.log(`playground: OK: ${figures.join('; ')}; screenshots test-artifacts/playground-*.png`);
