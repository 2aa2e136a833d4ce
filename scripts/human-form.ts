// The human-form corpus (test/human-form.ts) against today's engine: each entry derived as the
// command line derives it, printed, and compared with the form a person writes after
// canonicalisation (`canonical`: bound-index names and operand order, nothing simplified).
// test/human-form.test.ts counts the exact matches; `npm run docs:human-form`
// (human-form-report.ts) writes docs/human-form.md from `humanFormReport`.

import type { Expr, Var } from '../src/core/ast.js';
import { resolveDefinitions } from '../src/definitions.js';
import { derive, type DeriveOptions } from '../src/derive/index.js';
import { parse, parseFormulas } from '../src/parse/index.js';
import { toLatex } from '../src/print/index.js';
import { canonical } from '../src/simplify/index.js';
import { HUMAN_FORM, type HumanFormEntry } from '../test/human-form.js';

/** The command that rewrites docs/human-form.md. */
export const REPORT_COMMAND = 'npm run docs:human-form';
export const REPORT_PATH = 'docs/human-form.md';

/** The entry's formulas, its assumptions first (an equation that defines nothing is an assumption). */
export function formulaText(entry: HumanFormEntry): string {
  return [...(entry.assumptions ?? []), entry.formulas].join('; ');
}

/** The entry read as the command line reads it: definitions, target, `wrt`, and `extra` texts in the final scope. */
export function prepare(entry: HumanFormEntry, extra: readonly string[] = []) {
  const formulas = parseFormulas(formulaText(entry));
  const resolved = resolveDefinitions(formulas, [parse(entry.wrt), ...extra.map((t) => parse(t))], { sizes: entry.declared });
  const wrt = resolved.extra[0]!;
  if (wrt.kind !== 'var') throw new Error(`${entry.wrt} is not a variable`);
  return { ...resolved, wrt: wrt as Var, extra: resolved.extra.slice(1) };
}

/** Kronecker's derivative of the entry, as `derive` (and `kronecker derive`, with `--fold` where the entry folds) computes it. */
export function derived(entry: HumanFormEntry): Expr {
  const { definitions, target, wrt, assumptions } = prepare(entry);
  // `fold` (issue 10) lands with another change: passed through so that this file needs no edit then.
  const options: DeriveOptions & { fold?: boolean } = { definitions, assumptions, sizes: entry.declared, ...(entry.fold === true ? { fold: true } : {}) };
  return derive(target, wrt, options).result;
}

export interface HumanFormResult {
  readonly entry: HumanFormEntry;
  /** Kronecker's printed derivative today (or the error it raised). */
  readonly printed: string;
  /** The printed form is the expected one, up to bound-index names and operand order. */
  readonly exact: boolean;
}

/** Whether two LaTeX texts are the same expression up to bound-index names and operand order, both read in the entry's scope. */
export function sameForm(entry: HumanFormEntry, a: string, b: string): boolean {
  const [x, y] = prepare(entry, [a, b]).extra as [Expr, Expr];
  return canonical(x) === canonical(y);
}

export function humanFormResult(entry: HumanFormEntry): HumanFormResult {
  let printed: string;
  try {
    printed = toLatex(derived(entry), { signsOut: true }); // as `kronecker derive` prints it
  } catch (e) {
    return { entry, printed: `error: ${(e as Error).message}`, exact: false };
  }
  return { entry, printed, exact: sameForm(entry, printed, entry.expected) };
}

export function humanFormResults(entries: readonly HumanFormEntry[] = HUMAN_FORM): HumanFormResult[] {
  return entries.map(humanFormResult);
}

/** The sentence of the report that gives the count (the test reads it back). */
export function countSentence(results: readonly HumanFormResult[]): string {
  return `**${results.filter((r) => r.exact).length} of the ${results.length}** derivations print exactly as a person writes them`;
}

const cell = (latex: string): string => `\`${latex.replace(/\|/g, '\\|').replace(/`/g, "'")}\``;

/** docs/human-form.md. */
export function humanFormReport(results: readonly HumanFormResult[]): string {
  const others = results.filter((r) => !r.exact);
  const lines = [
    '# Human form: textbook derivatives as a person writes them',
    '',
    `<!-- Written by \`${REPORT_COMMAND}\` (scripts/human-form-report.ts) from test/human-form.ts: do not edit by hand. -->`,
    '',
    'The human-form corpus (`test/human-form.ts`) holds derivations from textbooks, lecture notes and',
    'papers, each cited, with the derivative in the form a person writes it in notes. Every expected',
    'form is checked by central finite differences (at random points and sizes, and with every index',
    'of size 1), so a wrong one fails the suite; Kronecker\'s printed answer is then compared with it',
    'after canonicalisation only (bound-index names and operand order; nothing is simplified), so what',
    'counts is the exact printed structure. Entries marked *fold* expect the defined names in the answer',
    '(`kronecker derive --fold`, library option `fold`).',
    '',
    `${countSentence(results)}. The others, with today's output:`,
    '',
    '| derivation | source | by | a person writes | Kronecker prints today |',
    '|---|---|---|---|---|',
    ...others.map((r) => `| ${r.entry.name.replace(/\|/g, '\\|')}${r.entry.fold === true ? ' (*fold*)' : ''} | ${r.entry.source.replace(/\|/g, '\\|')} | ${cell(r.entry.wrt)} | ${cell(r.entry.expected)} | ${cell(r.printed)} |`),
    '',
    `The engine changes what it prints: after a change to the simplifier, the differentiator or the`,
    `printer, run \`${REPORT_COMMAND}\` and commit this page (test/human-form.test.ts fails until it`,
    'lists exactly the derivations that do not match).',
    '',
  ];
  return lines.join('\n');
}

/** The names of the derivations a report lists as not matching (its table's first column). */
export function listedNames(report: string): string[] {
  const names: string[] = [];
  for (const line of report.split('\n')) {
    const m = /^\| (.*?)(?: \(\*fold\*\))? \| .* \| `.*` \| `.*` \| `.*` \|$/.exec(line);
    if (m !== null) names.push(m[1]!.replace(/\\\|/g, '|'));
  }
  return names;
}
