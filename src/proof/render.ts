// Proofs: the shown steps (chosen in select.ts) laid out as rows, and rendered
// as terminal text, one LaTeX `align*`, GitHub Markdown or JSON (the KaTeX
// page is in html.ts). Every renderer is a pure function of (proof, options).
//
// Rows. The rendered proof is one chain `lhs = e₁ = e₂ = …`: `lhs` is the
// goal's left side, each shown step contributes its `after`, tagged with the
// step number and the rule's label; the justifications follow as numbered notes.

import { children, type Expr, isEquation } from '../core/ast.js';
import { InputError } from '../core/errors.js';
import {
  fillFirst, type MathSyntax, printExpr, type Segment, segmentsLatex, segmentsText, stepSlots,
} from './fill.js';
import type { RuleId } from '../core/steps.js';
import { chains, equationOf, lhsOf, type Proof, type Reading, selectSteps, type ShownStep, visible } from './select.js';
import { type Detail, type Lang, READING_TEXT, RULE_TEXTS } from './texts.js';

export interface RenderOptions {
  readonly lang?: Lang;
  readonly detail?: Detail;
}

// ---------------------------------------------------------------------------
// Shared layout

export interface Row {
  /** 1-based step number, or null for a chain's starting expression. */
  readonly n: number | null;
  readonly step: ShownStep | null;
  /** What the row shows after `lhs =`: the running expression, or its right side when `onRight`. */
  readonly expr: Expr;
  /**
   * The running expression is an equation `lhs = …` (as when the derivatives
   * inside a written formula are evaluated and substituted back): the row
   * shows its right side, and paths into it start with 1.
   */
  readonly onRight: boolean;
}

/** One chain of equalities `lhs = e₁ = e₂ = …`. */
export interface Chain {
  readonly lhs: Expr;
  readonly rows: readonly Row[];
}

export interface Layout {
  readonly lang: Lang;
  readonly detail: Detail;
  /** The goal's left side. */
  readonly lhs: Expr;
  /** Sub-derivations first, the main chain (ending at the result) last. */
  readonly chains: readonly Chain[];
  readonly shown: readonly ShownStep[];
  /** Matrix notation read into index form: shown first, as its own row. */
  readonly reading: Reading | null;
}

/**
 * Rows of each chain. An equation chain (every expression `lhs = …`) shows its
 * left side once and then the right sides. Otherwise the main chain starts at
 * the goal's left side, and a sub-derivation at its own first expression.
 */
export function layout(proof: Proof, options: RenderOptions = {}): Layout {
  const lang = options.lang ?? 'en';
  const detail = options.detail ?? 'normal';
  const lhs = lhsOf(proof.goal);
  const shown = selectSteps(proof.steps, detail);
  const parts = chains(shown);
  let n = 0;
  const out: Chain[] = parts.map((c, ci) => {
    const start = c[0]!.before;
    const main = ci === parts.length - 1;
    const eqLhs = isEquation(start) ? start.args[0]! : null;
    const onRight = eqLhs !== null && c.every((s) => equationOf(s.after, eqLhs));
    const view = (e: Expr) => (onRight ? (e as Expr & { kind: 'rel' }).args[1]! : e);
    const rows: Row[] = [];
    const chainLhs = onRight ? eqLhs! : main ? lhs : start;
    if (onRight || (main && start !== lhs)) rows.push({ n: null, step: null, expr: view(start), onRight });
    for (const s of c) rows.push({ n: ++n, step: s, expr: view(s.after), onRight });
    return { lhs: chainLhs, rows };
  });
  if (out.length === 0) out.push({ lhs, rows: [{ n: null, step: null, expr: proof.result, onRight: false }] });
  checkProofSize(out, shown);
  return { lang, detail, lhs, chains: out, shown, reading: proof.reading ?? null };
}

/** The reading's label, its note (the shapes filled in), and its index form. */
export function readingSegments(r: Reading, lang: Lang, syntax: MathSyntax): { label: Segment[]; why: Segment[]; index: string } {
  const shapes = r.shapes.map((s) => `${printExpr(s.name, syntax)}${syntax === 'latex' ? '\\colon ' : ': '}${s.dims.length === 0 ? '1' : s.dims.join(syntax === 'latex' ? ' \\times ' : '×')}`)
    .join(syntax === 'latex' ? ',\\ ' : ', ');
  return {
    label: fillFirst([READING_TEXT.label[lang]], noSlots, syntax),
    why: fillFirst(READING_TEXT.why[lang], (key) => (key === 'shapes' && r.shapes.length > 0 ? shapes : undefined), syntax),
    index: r.index.map((e) => printExpr(e, syntax)).join(syntax === 'latex' ? ',\\quad ' : '; '),
  };
}

/**
 * The largest proof shown, in symbols: the nodes of every row and of every step's focus and
 * replacement, as printed (a subtree shared by the DAG counts each time it is printed; a symbol
 * is 2 to 9 characters of LaTeX). Each row shows a whole expression, so a proof of n steps
 * over an expression of size s prints n·s: the derivative of 50 nested `\log x` prints
 * 2.4 MB of LaTeX in 5–15 s (0.96 million symbols), and 99 of them would print 7.1 million.
 * The product of 30 sums, 3.8 MB of LaTeX, is 0.45 million.
 */
export const PROOF_LIMIT = 2_000_000;

/** A proof too large to show: the caller's to shorten (--detail brief) or to leave out. */
export class ProofTooLarge extends InputError {
  override name = 'ProofTooLarge';
}

function checkProofSize(rows: readonly Chain[], shown: readonly ShownStep[]): void {
  const memo = new Map<number, number>();
  const size = (e: Expr): number => {
    let n = memo.get(e.id);
    if (n === undefined) {
      n = 1;
      for (const c of children(e)) n += size(c);
      memo.set(e.id, n);
    }
    return n;
  };
  let total = 0;
  for (const c of rows) for (const r of c.rows) total += size(r.expr);
  for (const s of shown) total += size(s.focus) + size(s.replacement);
  if (total > PROOF_LIMIT) {
    throw new ProofTooLarge(
      `the proof is too large to show: ${shown.length} steps of ${total} symbols in all, the limit is ${PROOF_LIMIT}`
      + ' (docs/cli.md, "Limits"); use --detail brief, or leave out --steps',
    );
  }
}

const noSlots = () => undefined;

/** The rule's short label (may hold `$…$` math). */
export function labelSegments(rule: RuleId, lang: Lang, syntax: MathSyntax): Segment[] {
  return fillFirst([RULE_TEXTS[rule].label[lang]], noSlots, syntax);
}

/**
 * The justification of a shown step, its own rule's text filled from its own
 * step. A definition row that unfolded several names (consecutive definition
 * rows are one, see select.ts) names them all: `p_i, p_k`.
 */
export function whySegments(step: ShownStep, lang: Lang, syntax: MathSyntax): Segment[] {
  const slots = stepSlots(step.own);
  const unfolded = step.rule === 'def.unfold'
    ? [...new Set([step.own, ...step.folded].filter((s) => s.rule === 'def.unfold').map((s) => stepSlots(s)('name', syntax)))]
    : [];
  const names = unfolded.every((n) => n !== undefined) && unfolded.length > 1 ? unfolded.join(', ') : undefined;
  return fillFirst(RULE_TEXTS[step.rule].why[lang], (key, syn) => (key === 'name' && names !== undefined ? names : slots(key, syn)), syntax);
}

/** The labels of the folded hidden steps, without repeats. */
export function foldedLabels(step: ShownStep, lang: Lang, syntax: MathSyntax): Segment[][] {
  const rules = [...new Set(step.folded.filter(visible).map((s) => s.rule))].filter((r) => r !== step.rule);
  return rules.map((r) => labelSegments(r, lang, syntax));
}

export const WORDS: Readonly<Record<Lang, {
  readonly title: string; readonly goal: string; readonly result: string; readonly focus: string;
  readonly why: string; readonly also: string; readonly notes: string; readonly before: string;
  readonly after: string; readonly colon: string; readonly paren: (s: string) => string; readonly step: (n: number) => string;
  /** The toggle of a formula too long to render (html.ts), and what stands in its place. */
  readonly show: string; readonly elided: (n: number | null, length: number) => string;
}>> = {
  en: {
    title: 'Derivation', goal: 'Goal', result: 'Result', focus: 'focus', why: 'why', also: 'also', notes: 'Notes',
    before: 'before', after: 'after', colon: ': ', paren: (x) => ` (${x})`, step: (n) => `Step ${n}`,
    show: 'show', elided: (n, length) => `(${n === null ? '' : `step ${n}, `}${length} characters: "show" below)`,
  },
  zh: {
    title: '推导过程', goal: '目标', result: '结果', focus: '变换', why: '理由', also: '并用', notes: '说明',
    before: '变换前', after: '变换后', colon: '：', paren: (x) => `（${x}）`, step: (n) => `第 ${n} 步`,
    show: '展开', elided: (n, length) => `（${n === null ? '' : `第 ${n} 步，`}${length} 个符号，下方展开）`,
  },
};

/** The note under a row: label, justification, and what was folded in. */
function noteSegments(step: ShownStep, lang: Lang, syntax: MathSyntax): { label: Segment[]; why: Segment[]; also: Segment[][] } {
  return { label: labelSegments(step.rule, lang, syntax), why: whySegments(step, lang, syntax), also: foldedLabels(step, lang, syntax) };
}

// ---------------------------------------------------------------------------
// Terminal text

/** Numbered steps for a terminal: the expression, the rule, the rewritten part and why. */
export function renderText(proof: Proof, options: RenderOptions = {}): string {
  const L = layout(proof, options);
  const w = WORDS[L.lang];
  const lines = [`${w.goal}${w.colon}${printExpr(L.lhs, 'text')}`];
  if (L.reading !== null) {
    const r = readingSegments(L.reading, L.lang, 'text');
    lines.push('', segmentsText(r.label), `  ${L.reading.written}`, `  = ${r.index}`, `  ${w.why}${w.colon}${segmentsText(r.why)}`);
  }
  L.chains.forEach((chain, ci) => {
    // A sub-derivation, or an equation chain, names its own left side.
    if (ci > 0 || chain.lhs !== L.lhs) lines.push('', printExpr(chain.lhs, 'text'));
    for (const row of chain.rows) {
      if (row.step === null) {
        lines.push(`  = ${printExpr(row.expr, 'text')}`);
        continue;
      }
      const note = noteSegments(row.step, L.lang, 'text');
      const also = note.also.length > 0 ? w.paren(`${w.also}${w.colon}${note.also.map(segmentsText).join(', ')}`) : '';
      lines.push('', `${w.step(row.n!)}${w.colon}${segmentsText(note.label)}${also}`);
      lines.push(`  = ${printExpr(row.expr, 'text')}`);
      lines.push(`  ${w.focus}${w.colon}${printExpr(row.step.focus, 'text')}  ->  ${printExpr(row.step.replacement, 'text')}`);
      lines.push(`  ${w.why}${w.colon}${segmentsText(note.why)}`);
    }
  });
  lines.push('', `${w.result}${w.colon}${printExpr(proof.result, 'text')}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// LaTeX

export interface LatexOptions extends RenderOptions {
  /** A complete document (`\documentclass`, amsmath, ctex for Chinese) instead of a fragment to `\input`. */
  readonly standalone?: boolean;
}

/** `(n) label`, as LaTeX text-mode source. */
function rowTag(row: Row, lang: Lang): string {
  return `(${row.n}) ${segmentsLatex(labelSegments(row.step!.rule, lang, 'latex'))}`;
}

/** The `&=` rows of every chain, each tagged by `tag`; chains are separated by a little space. */
function alignRows(L: Layout, expr: (row: Row) => string, tag: (row: Row) => string, readingTag: (label: string) => string = () => ''): string {
  const chains = L.chains.map((chain) => chain.rows.map((row, i) => {
    const head = i === 0 ? `${printExpr(chain.lhs, 'latex')} &= ` : '&= ';
    return `${head}${expr(row)}${row.step === null ? '' : tag(row)}`;
  }).join(' \\\\\n'));
  if (L.reading !== null) {
    const r = readingSegments(L.reading, L.lang, 'latex');
    chains.unshift(`${L.reading.written} &= ${r.index}${readingTag(segmentsLatex(r.label))}`);
  }
  return chains.join(' \\\\[2ex]\n');
}

/**
 * The display math of the chain: one `align*` (KaTeX and amsmath), each row
 * labelled by a `\tag*` (`labels: 'tag'`) or in a right-hand column
 * (`'column'`: never overlaps a wide row, which a tag can in KaTeX).
 */
export function alignLatex(
  proof: Proof, options: RenderOptions = {}, expr?: (row: Row, L: Layout) => string, labels: 'tag' | 'column' = 'tag',
): string {
  const L = layout(proof, options);
  const labelled = labels === 'tag' ? (text: string) => ` \\tag*{\\text{${text}}}` : (text: string) => ` && \\text{${text}}`;
  const rows = alignRows(L, expr === undefined ? (r) => printExpr(r.expr, 'latex') : (r) => expr(r, L), (r) => labelled(rowTag(r, L.lang)), labelled);
  return `\\begin{align*}\n${rows}\n\\end{align*}`;
}

/** The justification of each row as LaTeX text-mode source (`$…$` for math), in row order. */
export function notesLatex(proof: Proof, options: RenderOptions = {}): string[] {
  const L = layout(proof, options);
  const w = WORDS[L.lang];
  return L.shown.map((s) => {
    const note = noteSegments(s, L.lang, 'latex');
    const also = note.also.length > 0 ? w.paren(`${w.also}${w.colon}${note.also.map(segmentsLatex).join(', ')}`) : '';
    return `\\textbf{${segmentsLatex(note.label)}}${also}${w.colon}${segmentsLatex(note.why)}`;
  });
}

/** The reading's note as LaTeX text-mode source, or null when the input was not matrix notation. */
export function readingNoteLatex(proof: Proof, options: RenderOptions = {}): string | null {
  if (proof.reading === undefined) return null;
  const lang = options.lang ?? 'en';
  const r = readingSegments(proof.reading, lang, 'latex');
  return `\\textbf{${segmentsLatex(r.label)}}${WORDS[lang].colon}${segmentsLatex(r.why)}`;
}

/** One `align*` whose rows are tagged with short labels, then the notes as an enumerated list. */
export function renderLatex(proof: Proof, options: LatexOptions = {}): string {
  const notes = notesLatex(proof, options);
  const list = notes.length === 0 ? '' : `\n\\begin{enumerate}\n${notes.map((n) => `  \\item ${n}`).join('\n')}\n\\end{enumerate}`;
  const reading = readingNoteLatex(proof, options);
  const body = `${alignLatex(proof, options)}${reading === null ? '' : `\n${reading}`}${list}\n`;
  return options.standalone ? latexDocument(body, options.lang ?? 'en') : body;
}

/** A LaTeX fragment (as `renderLatex` prints it) as a complete document: amsmath, and ctex for Chinese. */
export function latexDocument(body: string, lang: Lang): string {
  const cls = lang === 'zh' ? '\\documentclass{ctexart}' : '\\documentclass{article}';
  return `${cls}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n${body.endsWith('\n') ? body : `${body}\n`}\\end{document}\n`;
}

// ---------------------------------------------------------------------------
// Markdown

/** Math for GitHub: `$$` display blocks (aligned, labels in a right column) and `$…$` inline. */
export function renderMarkdown(proof: Proof, options: RenderOptions = {}): string {
  const L = layout(proof, options);
  const w = WORDS[L.lang];
  const rows = alignRows(L, (r) => printExpr(r.expr, 'latex'), (r) => ` && \\text{${rowTag(r, L.lang)}}`, (text) => ` && \\text{${text}}`);
  const out = [`**${w.title}**`, '', '$$', `\\begin{aligned}\n${rows}\n\\end{aligned}`, '$$'];
  const md = (segs: readonly Segment[]) => segs.map((g) => (g.math ? `$${g.text}$` : markdownProse(g.text))).join('');
  if (L.reading !== null) {
    const r = readingSegments(L.reading, L.lang, 'latex');
    out.push('', `**${md(r.label)}**${w.colon}${md(r.why)}`);
  }
  if (L.shown.length > 0) out.push('');
  L.shown.forEach((s, i) => {
    const note = noteSegments(s, L.lang, 'latex');
    const also = note.also.length > 0 ? w.paren(`${w.also}${w.colon}${note.also.map(md).join(', ')}`) : '';
    out.push(`${i + 1}. **${md(note.label)}**${also}${w.colon}${md(note.why)}`);
  });
  return out.join('\n') + '\n';
}

function markdownProse(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------------------
// JSON

export interface JsonExpr { readonly latex: string; readonly text: string }
export interface JsonStep {
  readonly n: number;
  readonly rule: RuleId;
  readonly level: Detail;
  readonly label: string;
  readonly labelText: string;
  /** The justification as LaTeX text-mode source (math in `$…$`). */
  readonly why: string;
  readonly whyText: string;
  readonly params: Readonly<Record<string, string>>;
  /** The rules of hidden steps folded into this one. */
  readonly folded: readonly RuleId[];
  readonly before: JsonExpr;
  readonly after: JsonExpr;
  readonly focus: JsonExpr;
  readonly replacement: JsonExpr;
}
export interface JsonReading {
  /** The formula as written (LaTeX). */
  readonly written: string;
  readonly index: readonly JsonExpr[];
  readonly shapes: readonly { readonly name: JsonExpr; readonly dims: readonly string[] }[];
  readonly label: string;
  readonly why: string;
  readonly whyText: string;
}
export interface JsonProof {
  readonly lang: Lang;
  readonly detail: Detail;
  /** Present when the input was matrix notation: how it was read into index form. */
  readonly reading?: JsonReading;
  readonly goal: JsonExpr;
  readonly result: JsonExpr;
  readonly steps: readonly JsonStep[];
}

const both = (e: Expr): JsonExpr => ({ latex: printExpr(e, 'latex'), text: printExpr(e, 'text') });

/** The shown steps as data for tools. */
export function proofJson(proof: Proof, options: RenderOptions = {}): JsonProof {
  const L = layout(proof, options);
  const reading = L.reading === null ? {} : (() => {
    const [latex, text] = [readingSegments(L.reading, L.lang, 'latex'), readingSegments(L.reading, L.lang, 'text')];
    return {
      reading: {
        written: L.reading.written,
        index: L.reading.index.map(both),
        shapes: L.reading.shapes.map((x) => ({ name: both(x.name), dims: x.dims })),
        label: segmentsLatex(latex.label), why: segmentsLatex(latex.why), whyText: segmentsText(text.why),
      },
    };
  })();
  return {
    lang: L.lang, detail: L.detail, ...reading, goal: both(proof.goal), result: both(proof.result),
    steps: L.shown.map((s, i) => ({
      n: i + 1, rule: s.rule, level: RULE_TEXTS[s.rule].level,
      label: segmentsLatex(labelSegments(s.rule, L.lang, 'latex')),
      labelText: segmentsText(labelSegments(s.rule, L.lang, 'text')),
      why: segmentsLatex(whySegments(s, L.lang, 'latex')),
      whyText: segmentsText(whySegments(s, L.lang, 'text')),
      params: s.params, folded: s.folded.map((f) => f.rule),
      before: both(s.before), after: both(s.after), focus: both(s.focus), replacement: both(s.replacement),
    })),
  };
}

export function renderJson(proof: Proof, options: RenderOptions = {}): string {
  return JSON.stringify(proofJson(proof, options), null, 2) + '\n';
}
