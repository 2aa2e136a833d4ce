// The standalone proof page: KaTeX rendered on the server, KaTeX's own CSS
// with its woff2 fonts inlined as data: URLs, so the file opens offline and
// needs no script. The CSS is read from the installed katex package, so it
// always matches the KaTeX version that produced the markup. Chinese prose is
// drawn with an embedded subset of Noto Sans SC (src/proof/assets/cjk, made by
// scripts/cjk-font.mjs), so the zh page needs no CJK font on the reader's machine.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type katexModule from 'katex';
import type { Expr } from '../core/ast.js';
import { printExpr, type Segment } from './fill.js';
import {
  alignLatex, foldedLabels, labelSegments, layout, readingSegments, type RenderOptions, type Row, whySegments, WORDS,
} from './render.js';
import type { Proof } from './select.js';
import { latexMarked, rewrittenPaths } from './locate.js';
import type { Path } from '../core/replace.js';
import type { Lang } from './texts.js';

const FOCUS = '#fde68a'; // amber: the part about to be rewritten
const CHANGED = '#bbf7d0'; // green: what it became

let inlinedCss: string | undefined;

// KaTeX (about 270 kB of JavaScript) is loaded on the first page rendered, not with the module:
// every CLI command but --format html starts without it.
let loadedKatex: typeof katexModule | undefined;
const katex = (): typeof katexModule => (loadedKatex ??= createRequire(import.meta.url)('katex') as typeof katexModule);

/** katex.min.css with every `@font-face` source replaced by its woff2 file as a data: URL. */
export function katexCss(): string {
  if (inlinedCss !== undefined) return inlinedCss;
  const cssPath = createRequire(import.meta.url).resolve('katex/dist/katex.min.css');
  const css = readFileSync(cssPath, 'utf8');
  inlinedCss = css.replace(/src:url\(fonts\/([\w-]+)\.woff2\)[^;}]*/g, (_m, font: string) => {
    const data = readFileSync(join(dirname(cssPath), 'fonts', `${font}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  if (/url\(fonts\//.test(inlinedCss)) throw new Error('katex.min.css: a font source was not inlined');
  return inlinedCss;
}

/** The embedded CJK subset: per file, the characters it holds (scripts/cjk-font.mjs writes it). */
export interface CjkManifest {
  readonly chars: string;
  readonly faces: readonly { readonly file: string; readonly chars: string }[];
}

/** The CSS family of the embedded CJK subset. */
export const CJK_FAMILY = 'Kronecker CJK';

const CJK_DIR = new URL('./assets/cjk/', import.meta.url);
let manifest: CjkManifest | undefined;
const faceCss = new Map<string, string>();

export function cjkManifest(): CjkManifest {
  manifest ??= JSON.parse(readFileSync(new URL('manifest.json', CJK_DIR), 'utf8')) as CjkManifest;
  return manifest;
}

/**
 * `@font-face` rules of the embedded CJK subset for the characters of `text`:
 * one per subset file that holds some of them, its woff2 inlined as a data: URL,
 * its `unicode-range` exactly the characters it holds (so Latin text keeps the
 * system font). Empty when `text` has no character of the subset (an English page).
 */
export function cjkFontCss(text: string): string {
  const used = new Set(text);
  return cjkManifest().faces.filter((f) => [...f.chars].some((c) => used.has(c))).map((f) => {
    let css = faceCss.get(f.file);
    if (css === undefined) {
      const data = readFileSync(new URL(f.file, CJK_DIR)).toString('base64');
      const range = [...f.chars].map((c) => `U+${c.codePointAt(0)!.toString(16)}`).join(',');
      css = `@font-face{font-family:"${CJK_FAMILY}";font-style:normal;font-weight:400;font-display:block;`
        + `src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${range}}`;
      faceCss.set(f.file, css);
    }
    return css;
  }).join('\n');
}

/** KaTeX in strict mode: any LaTeX it would not accept is a bug of ours, not a warning. */
export function katexRender(latex: string, displayMode: boolean): string {
  return katex().renderToString(latex, { throwOnError: true, strict: 'error', displayMode, output: 'htmlAndMathml' });
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A formula wrapped so the page test can count them. */
const formula = (latex: string, display: boolean) =>
  `<span class="formula${display ? ' display' : ''}">${katexRender(latex, display)}</span>`;

function segmentsHtml(segs: readonly Segment[]): string {
  return segs.map((s) => (s.math ? formula(s.text, false) : escapeHtml(s.text))).join('');
}

const box = (color: string) => (latex: string) => `\\colorbox{${color}}{$\\displaystyle ${latex}$}`;

/** Paths into a running expression, as paths into what a row shows. */
function inView(row: Row, paths: readonly Path[]): Path[] {
  return row.onRight ? paths.filter((p) => p[0] === 1).map((p) => p.slice(1)) : [...paths];
}

/** A row's expression with the rewritten part highlighted (green), as the chain shows it. */
export function changedLatex(row: Row): string {
  const s = row.step;
  const paths = s === null ? [] : rewrittenPaths(s.before, s.after, s.focus, s.replacement);
  return latexMarked(row.expr, inView(row, paths), box(CHANGED));
}

/**
 * KaTeX's markup is about 60 times its LaTeX source, so a row whose LaTeX is longer than
 * ROW_LIMIT characters is shown elided in the chain, with its full LaTeX source under a
 * "show" toggle; a step's focus and replacement likewise. (How large a proof may be at all
 * is render.ts's PROOF_LIMIT, for every format.)
 */
export const ROW_LIMIT = 2000;

/** A formula shown in place of one too long to render: what it is, and that its source is below. */
const elided = (n: number | null, length: number, lang: Lang) => `\\cdots\\ \\text{${WORDS[lang].elided(n, length)}}`;

/** LaTeX source under a "show" toggle, for a formula too long to render. */
const shown = (summary: string, latex: string) =>
  `<details class="source"><summary>${escapeHtml(summary)}</summary><pre>${escapeHtml(latex)}</pre></details>`;

/** One HTML page: the chain of equalities (each formula rendered once), then per step a collapsible note with its focus and replacement. */
export function renderHtml(proof: Proof, options: RenderOptions = {}): string {
  const L = layout(proof, options);
  const w = WORDS[L.lang];
  let formulas = 0;
  const f = (latex: string, display: boolean) => {
    formulas++;
    return formula(latex, display);
  };
  const segs = (s: readonly Segment[]) => {
    formulas += s.filter((g) => g.math).length;
    return segmentsHtml(s);
  };
  const stepRows = L.chains.flatMap((c) => c.rows.filter((r) => r.step !== null));
  // Plain sources first: their lengths decide what is elided.
  // Keyed by expression: alignLatex lays the proof out again, with rows of its own.
  const sources = new Map<Expr, string>(L.chains.flatMap((c) => c.rows.map((r): [Expr, string] => [r.expr, printExpr(r.expr, 'latex')])));
  const source = (r: Row) => sources.get(r.expr)!;
  const rewrite = new Map<Row, string>(stepRows.map((r) => [r, `${printExpr(r.step!.focus, 'latex')} = ${printExpr(r.step!.replacement, 'latex')}`]));
  const long = (r: Row) => source(r).length > ROW_LIMIT;
  const chainOf = (p: Proof) => alignLatex(p, options, (row) => (long(row) ? elided(row.n, source(row).length, L.lang) : changedLatex(row)), 'column');
  // The formula as the user wrote it (matrix notation) is typeset in the chain when KaTeX reads it, else shown as code.
  let typeset = true;
  let chain: string;
  try {
    chain = formula(chainOf(proof), true);
  } catch (err) {
    if (proof.reading === undefined) throw err;
    typeset = false;
    chain = formula(chainOf({ ...proof, reading: undefined }), true);
  }
  formulas++;
  const reading = proof.reading === undefined ? '' : (() => {
    const r = readingSegments(proof.reading, L.lang, 'latex');
    const code = typeset ? '' : ` <code>${escapeHtml(proof.reading.written)}</code>`;
    return `<p class="reading"><span class="label">${segs(r.label)}</span>${code}${escapeHtml(w.colon)}${segs(r.why)}</p>\n`;
  })();
  const folded = L.chains.flatMap((c) => c.rows.filter((r) => r.step === null && long(r)))
    .map((r) => shown(`${w.show} (${source(r).length})`, source(r)));
  const notes = stepRows.map((row) => {
    const s = row.step!;
    const also = foldedLabels(s, L.lang, 'latex');
    const change = rewrite.get(row)!;
    return [
      `<li><details><summary><span class="label">${segs(labelSegments(s.rule, L.lang, 'latex'))}</span>`,
      also.length > 0 ? `<span class="also">${w.paren(`${escapeHtml(w.also)}${escapeHtml(w.colon)}${also.map(segs).join(', ')}`)}</span>` : '',
      `${escapeHtml(w.colon)}${segs(whySegments(s, L.lang, 'latex'))}</summary>`,
      `<div class="step" id="step-${row.n}">`,
      `<p class="what">${escapeHtml(w.focus)}</p>`,
      change.length > ROW_LIMIT
        ? shown(`${w.show} (${change.length})`, change)
        : f(`${box(FOCUS)(printExpr(s.focus, 'latex'))} = ${box(CHANGED)(printExpr(s.replacement, 'latex'))}`, true),
      long(row) ? `<p class="what">${escapeHtml(w.after)}</p>${shown(`${w.show} (${source(row).length})`, source(row))}` : '',
      `</div></details></li>`,
    ].join('');
  });
  const lang = L.lang === 'zh' ? 'zh-CN' : 'en';
  const body = `<main>
<h1>${escapeHtml(w.title)}</h1>
${reading}<div class="chain">${chain}</div>
${folded.join('\n')}${notes.length > 0 ? `<h2>${escapeHtml(w.notes)}</h2>\n<ol class="notes">\n${notes.join('\n')}\n</ol>` : ''}
</main>`;
  const fonts = cjkFontCss(w.title + body);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Kronecker (KaTeX ${escapeHtml(katex().version)})">
<title>${escapeHtml(w.title)}</title>
<style>${katexCss()}</style>
${fonts === '' ? '' : `<style>${fonts}</style>\n`}<style>${PAGE_CSS}</style>
</head>
<body data-formulas="${formulas}">
${body}
</body>
</html>
`;
}

const PAGE_CSS = `
body { margin: 0; background: #fafaf9; color: #1c1917;
  font-family: "${CJK_FAMILY}", system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.katex .cjk_fallback { font-family: "${CJK_FAMILY}", KaTeX_Main, "Times New Roman", serif; }
main { max-width: 84rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.6; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.chain { overflow-x: auto; background: #fff; border: 1px solid #e7e5e4; border-radius: .5rem; padding: .5rem 1rem; }
.chain .katex-display > .katex { font-size: 1.1em; }
.reading .label { font-weight: 600; }
.notes li { margin: .4rem 0; }
.notes summary { cursor: pointer; }
.notes .label { font-weight: 600; }
.notes .also { color: #57534e; }
.step { overflow-x: auto; margin: .5rem 0 1rem; padding: .25rem 1rem; background: #fff; border-left: 3px solid #f59e0b; }
.step .what { margin: .5rem 0 0; color: #57534e; font-size: .9rem; }
.source summary { cursor: pointer; color: #57534e; }
.source pre { white-space: pre-wrap; word-break: break-all; font-size: .8rem; max-height: 30rem; overflow: auto; }
`;
