// How the leaves print: names, numbers and indices, in both syntaxes.

import { type Index, indexConstant, indexTerms } from '../core/ast.js';

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
  const [, base = '', primes = ''] = /^(.*?)('*)$/.exec(name) ?? [];
  if (base.length === 1) return base + primes;
  if (GREEK.has(base)) return `\\${base}${primes}`;
  return `\\text{${base}}${primes}`;
}

/** A name with its marks, outermost first: `\hat{y}'`, `\boldsymbol{\theta}`, `\hat{\bar{x}}` (issue 9). */
export function latexMarkedName(name: string, marks: readonly string[]): string {
  if (marks.length === 0) return latexName(name);
  const [, base = '', primes = ''] = /^(.*?)('*)$/.exec(name) ?? [];
  return marks.reduceRight((inner, m) => `\\${m}{${inner}}`, latexName(base)) + primes;
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

/** `_j`, `_{jk}`, `_{j'k}`, `_{j,k}` (when asked, or when an index is not one symbol). */
export function latexSubscript(indices: readonly Index[], comma: boolean): string {
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
