// Index arithmetic (issue 9): the grammars read `x_{i+k}`, `x_{i-j+1}`, `x[n-m]` — index
// variables added and subtracted, then integers (docs/notation.md, "Index arithmetic"). A
// coefficient on an index variable (strided indexing, `x_{2i+k}`) is not read, and in LaTeX a
// run of indices would read it silently as two indices (`x_{2i+k}` as x_{2,i+k}, `x_{i+2k}` as
// x_{i+2,k}): this check refuses those spellings before the grammar sees them.

import { fail, type Tok } from './tokens.js';

const VARIABLE = new Set(['letter', 'greek', 'name']);
const SIGN = new Set(['plus', 'minus']);

/**
 * In every subscript (`_{…}` in LaTeX, `x[…]` in plain text): an integer directly before an index
 * variable next to a `+` or `-` (`2i+k`, `i-2k`), and an integer times one (`2 \cdot i`, `2*i`).
 * In plain text a number before a name in an index (`x[2i]`) is refused too: it reads as nothing else.
 */
export function refuseIndexCoefficients(ts: readonly Tok[], source: string, syntax: 'latex' | 'text'): void {
  let open = -1; // the position of the opener of the subscript we are in, or -1
  let depth = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const opens = syntax === 'latex' ? t.type === 'lbrace' && ts[i - 1]?.type === 'underscore' : t.type === 'lindex';
    if (open < 0) {
      if (opens) { open = i; depth = 0; }
      continue;
    }
    if (t.open !== undefined) depth++;
    else if (t.close !== undefined && depth-- === 0) { open = -1; continue; }
    if (t.type !== 'int') continue;
    const next = ts[i + 1];
    const times = next?.type === 'times' && VARIABLE.has(ts[i + 2]?.type ?? '');
    if (!times && !VARIABLE.has(next?.type ?? '')) continue;
    const after = ts[i + 2]?.type === 'primes' ? ts[i + 3] : ts[i + 2];
    const signed = SIGN.has(ts[i - 1]?.type ?? '') || SIGN.has(after?.type ?? '');
    if (!times && syntax === 'latex' && !signed) continue; // `w_{2i}` is the indices 2 and i
    const end = times ? ts[i + 2]! : next!;
    const written = source.slice(t.offset, end.offset + end.text.length);
    const close = ts.findIndex((x, k) => k > i && x.close !== undefined);
    const split = syntax === 'latex' && !times
      ? `; for separate indices put a comma between them: ${source.slice(ts[open - 1]!.offset, next!.offset).trimEnd()},${source.slice(next!.offset, ts[close]!.offset + 1)}`
      : '';
    const example = syntax === 'latex' ? 'x_{i+k-1}' : 'x[i+k-1]';
    fail(`a coefficient on an index variable (${written}) is not read: an index adds and subtracts index variables and integers, as in ${example}${split}`, t.offset, written.length, source);
  }
}
