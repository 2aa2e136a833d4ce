// How the leaves print: names, numbers and indices, in both syntaxes.

import { type Index, indexConstant, indexTerms } from '../core/ast.js';
import { MARKS } from '../core/names.js';

/** Greek letters written as LaTeX control words (`lambda` ↔ `\lambda`). */
export const GREEK: ReadonlySet<string> = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon',
  'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'ell', // `\ell`, not a Greek letter but written like one
]);

/** `lambda'` → `\lambda'`, `o'` → `o'`, `lr` → `\text{lr}`. */
export function latexName(name: string): string {
  const [, base = '', primes = ''] = /^([^]*?)('*)$/.exec(name) ?? [];
  if (/^[A-Za-z]$/.test(base)) return base + primes;
  if (GREEK.has(base)) return `\\${base}${primes}`;
  return `\\text{${latexText(base)}}${primes}`;
}

/** LaTeX's special characters: what `latexText` writes for each. */
const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', _: '\\_', '%': '\\%',
  '^': '\\textasciicircum{}', '~': '\\textasciitilde{}', '<': '\\textless{}', '>': '\\textgreater{}',
};

/**
 * A word as text-mode LaTeX that shows it character for character. Names the parser reads are
 * letters and digits, but a caller may build a node by hand: its name must not become markup
 * (`\input{…}`) in LaTeX, nor `</script>` in a Markdown or HTML page.
 */
export function latexText(word: string): string {
  return word.replace(/[\\{}$&#_%^~<>]/g, (c) => TEXT_ESCAPES[c]!).replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** A name with its marks, outermost first: `\hat{y}'`, `\boldsymbol{\theta}`, `\hat{\bar{x}}` (issue 9). */
export function latexMarkedName(name: string, marks: readonly string[]): string {
  if (marks.length === 0) return latexName(name);
  const [, base = '', primes = ''] = /^([^]*?)('*)$/.exec(name) ?? [];
  // Only the marks there are (a node built by hand may hold any string).
  const known = marks.filter((m) => (MARKS as readonly string[]).includes(m));
  return known.reduceRight((inner, m) => `\\${m}{${inner}}`, latexName(base)) + primes;
}

/**
 * Shortest decimal that reads back as the same double (JavaScript's own rule);
 * `1e+21` is written `1e21`. Callers print the sign: this sees magnitudes.
 */
export function formatNumber(value: number, syntax: 'latex' | 'text'): string {
  if (Number.isNaN(value)) return syntax === 'latex' ? '\\text{NaN}' : 'NaN';
  if (!Number.isFinite(value)) return syntax === 'latex' ? '\\infty' : 'Infinity';
  return String(value).replace('e+', 'e');
}

/**
 * An index as written: `j`, `i+1`, `n-1`, `2`, `i+k`, `n-m`, `i-j+1`. The variables come in the
 * index's one order (by name), those with a positive coefficient first, then the constant: so
 * `x_{k+i}` prints `x_{i+k}`, and `x_{-m+n}` prints `x_{n-m}` (docs/notation.md, "Index arithmetic").
 */
export function indexText(i: Index, name: (n: string) => string = (n) => n): string {
  if (i.kind === 'inum') return String(i.value);
  const terms = indexTerms(i);
  const ordered = [...terms.filter((t) => t.coef > 0), ...terms.filter((t) => t.coef < 0)];
  const vars = ordered.map((t, k) => `${t.coef < 0 ? '-' : k === 0 ? '' : '+'}${Math.abs(t.coef) === 1 ? '' : Math.abs(t.coef)}${name(t.name)}`);
  const c = indexConstant(i);
  return vars.join('') + (c === 0 ? '' : `${c > 0 ? '+' : '-'}${Math.abs(c)}`);
}

/** One symbol in a subscript: a single letter (primes allowed), a Greek letter, or a single digit. */
function isCompact(i: Index): boolean {
  if (i.kind === 'inum') return Number.isInteger(i.value) && i.value >= 0 && i.value <= 9;
  return i.kind === 'ivar' && i.offset === 0 && (/^[A-Za-z]'*$/.test(i.name) || GREEK.has(i.name));
}

/** Whether `w_{jk}` cannot be written without commas (`w_{i+1,k}`, `w_{12,3}`). */
export function needsCommaIndices(indices: readonly Index[]): boolean {
  return !indices.every(isCompact);
}

/**
 * `_j`, `_{jk}`, `_{j'k}`, `_{j,k}` (when asked, or when an index is not one symbol); one
 * multi-digit index is `_{{10}}`, which renders as `x_{10}` and reads back as one index
 * (`_{10}` reads as the two indices 1 and 0, as `a_{12}` is row 1, column 2).
 */
export function latexSubscript(indices: readonly Index[], comma: boolean): string {
  if (indices.length === 1 && indices[0]!.kind === 'inum' && !isCompact(indices[0]!)) return `_{{${indexText(indices[0]!)}}}`;
  const parts = indices.map((i) => indexText(i, latexName));
  const inner = comma || needsCommaIndices(indices)
    ? parts.join(',')
    : parts.reduce((acc, p) => acc + (/\\[A-Za-z]+$/.test(acc) && /^[A-Za-z]/.test(p) ? ' ' : '') + p); // `\alpha k`, not `\alphak`
  return inner.length === 1 ? `_${inner}` : `_{${inner}}`;
}

/** `[j,k]` */
export function textSubscript(indices: readonly Index[]): string {
  return `[${indices.map((i) => indexText(i)).join(',')}]`;
}
