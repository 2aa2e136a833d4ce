// Matrix notation's tokens (issue 11; docs/notation.md, "Matrix notation"): a transpose
// superscript (`^\top`, `^T`, `^{T}`, `^{\mathsf T}`, `^\intercal`, and `^{-\top}` for the
// inverse's transpose) becomes one `transpose` token; `\odot`, `\oslash`, `\otimes` are
// operators; `\mathbf{1}` is the vector of ones. src/parse/matrix.ts reads what they build.

import type moo from 'moo';
import { ALL_REDUCTIONS } from '../core/reductions.js';
import { bracedName, isSpace } from './guards.js';
import type { Tok } from './tokens.js';

/** Control words of this module: the grammar token each becomes (spread into latex-tokens' `COMMANDS`). */
export const MATRIX_COMMANDS: readonly [string, { type: string; value: string }][] = [
  ['\\odot', { type: 'hadamard', value: 'odot' }], ['\\oslash', { type: 'hadamard', value: 'oslash' }],
  ['\\otimes', { type: 'hadamard', value: 'otimes' }],
  // The determinant: `\det X`, `\det(X)` (`detApplied` when a parenthesis follows, latex-tokens' lookahead).
  ['\\det', { type: 'det', value: 'det' }],
];

/** Font switches a `T` may wear in a transpose: `\mathsf{T}`, `{\rm T}`. */
const FONTS = new Set(['\\mathsf', '\\textsf', '\\mathrm', '\\text', '\\mathit', '\\rm', '\\sf']);
/** Symbols that are a transpose on their own. */
const TRANSPOSE_SYMBOLS = new Set(['\\top', '\\intercal']);
const LIMIT_BASES = new Set(ALL_REDUCTIONS.map((r) => r.latex));

/**
 * Pass 0 (raw tokens): a superscript that is only a `T` (in a font, or `\top`), or `-` and one
 * (`^{-\top}`, `^{-T}`), becomes one raw `transpose` token (value `T` or `-T`) spanning the
 * superscript, on any base but two: a reduction's upper limit (`\sum_{t=1}^{T}`) and the
 * exponential `e^{T}` (a bare `e` before `^` is always `exp`, docs/notation.md). The power with
 * exponent T is written `x^{{T}}`, which the printers write back.
 */
export function latexTransposes(raw: readonly moo.Token[], source: string): moo.Token[] {
  // Positions in `raw` of the tokens that are not spacing, so that `x^{ \top }` reads as `x^{\top}`.
  const at = raw.flatMap((t, n) => (isSpace(t) ? [] : [n]));
  const ts = at.map((n) => raw[n]!);
  const isOp = (k: number, v: string) => ts[k]?.type === 'op' && ts[k]!.value === v;
  /** The index just past a `T` (in a font, or a transpose symbol) at k, or -1. */
  const tLike = (k: number): number => {
    const t = ts[k];
    if (t === undefined) return -1;
    if (t.type === 'letter' && t.value === 'T') return k + 1;
    if (t.type === 'cmd' && TRANSPOSE_SYMBOLS.has(t.value)) return k + 1;
    if (bracedName(t)?.name === 'T') return k + 1;
    if (t.type === 'cmd' && FONTS.has(t.value)) {
      if (ts[k + 1]?.type === 'letter' && ts[k + 1]!.value === 'T') return k + 2;
      if (isOp(k + 1, '{') && ts[k + 2]?.value === 'T' && isOp(k + 3, '}')) return k + 4;
    }
    return -1;
  };
  let match: Map<number, number> | null = null; // closing brace → its opening brace, built on first need
  const spans = new Map<number, { end: number; value: string }>(); // first raw position → last, and the value
  for (let i = 0; i < ts.length; i++) {
    if (!isOp(i, '^')) continue;
    let end = tLike(i + 1);
    let inverse = false;
    if (end < 0 && isOp(i + 1, '{')) {
      inverse = isOp(i + 2, '-');
      const inner = tLike(inverse ? i + 3 : i + 2);
      end = inner >= 0 && isOp(inner, '}') ? inner + 1 : -1;
    }
    if (end < 0) continue;
    match ??= matchingBraces(ts);
    // The base: step back over a subscript (`x_j^T`, `\sum_{t=1}^{T}`) and `\limits`.
    let b = i - 1;
    let subscripted = false;
    const groupStart = isOp(b, '}') ? match.get(b) : undefined;
    if (groupStart !== undefined && isOp(groupStart - 1, '_')) { b = groupStart - 2; subscripted = true; }
    else if (isOp(b - 1, '_')) { b -= 2; subscripted = true; }
    if (ts[b]?.value === '\\limits') b--;
    const base = ts[b];
    if (base === undefined) continue; // nothing before `^`: the grammar's error
    if (base.type === 'cmd' && LIMIT_BASES.has(base.value)) continue;
    if (base.type === 'letter' && base.value === 'e' && !subscripted) continue;
    spans.set(at[i]!, { end: at[end - 1]!, value: inverse ? '-T' : 'T' });
  }
  if (spans.size === 0) return [...raw];
  const out: moo.Token[] = [];
  for (let n = 0; n < raw.length; n++) {
    const span = spans.get(n);
    if (span === undefined) {
      out.push(raw[n]!);
      continue;
    }
    const first = raw[n]!;
    const last = raw[span.end]!;
    const text = source.slice(first.offset, last.offset + last.text.length);
    out.push({ ...first, type: 'transpose', value: span.value, text });
    n = span.end;
  }
  return out;
}

function matchingBraces(ts: readonly moo.Token[]): Map<number, number> {
  const match = new Map<number, number>();
  const stack: number[] = [];
  ts.forEach((t, k) => {
    if (t.type !== 'op') return;
    if (t.value === '{') stack.push(k);
    else if (t.value === '}' && stack.length > 0) match.set(k, stack.pop()!);
  });
  return match;
}

/** Marks that make `\mathbf{1}` the vector of ones. */
const ONES_MARKS = new Set(['mathbf', 'boldsymbol']);

/**
 * Pass 1a (before decorated names are read): `\mathbf{1}`, `\boldsymbol{1}` (braced or not) is one
 * `ones` token, the vector of ones.
 */
export function onesVectors(ts: readonly Tok[], source: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const braced = ts[i + 1]?.type === 'lbrace';
    const one = ts[braced ? i + 2 : i + 1];
    const closed = !braced || ts[i + 3]?.type === 'rbrace';
    if (t.type === 'mark' && ONES_MARKS.has(t.value) && one?.type === 'int' && one.value === '1' && closed) {
      const last = ts[braced ? i + 3 : i + 1]!;
      out.push({ type: 'ones', value: '1', text: source.slice(t.offset, last.offset + last.text.length), offset: t.offset });
      i += braced ? 3 : 1;
      continue;
    }
    out.push(t);
  }
  return out;
}
