// Index arithmetic (issue 9): the grammars read `x_{i+k}`, `x_{i-j+1}`, `x[n-m]` — index
// variables added and subtracted, then integers (docs/notation.md, "Index arithmetic"). A
// coefficient on an index variable (strided indexing, `x_{2i+k}`) is not read, and in LaTeX a
// run of indices would read it silently as two indices (`x_{2i+k}` as x_{2,i+k}, `x_{i+2k}` as
// x_{i+2,k}): this check refuses those spellings before the grammar sees them, and a variable
// written twice in one index (`x_{i-i}`: the grammar does not add coefficients up).

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
  let chain: Set<string> | null = null; // the variables of the index being read (`i+k-…`)
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const opens = syntax === 'latex' ? t.type === 'lbrace' && ts[i - 1]?.type === 'underscore' : t.type === 'lindex';
    if (open < 0) {
      if (opens) { open = i; depth = 0; chain = null; }
      continue;
    }
    if (t.open !== undefined) depth++;
    else if (t.close !== undefined && depth-- === 0) { open = -1; continue; }
    chain = extendChain(chain, ts, i, source);
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

/**
 * The variables of the signed chain `a ± b ± 2 ± …` that `ts[i]` continues or starts (null outside
 * one); a variable it already has is refused (`x_{i-i}`, `x[i+k+i]`).
 */
function extendChain(chain: Set<string> | null, ts: readonly Tok[], i: number, source: string): Set<string> | null {
  const t = ts[i]!;
  if (SIGN.has(t.type) || t.type === 'primes') return chain;
  const signed = SIGN.has(ts[i - 1]?.type ?? '');
  if (t.type === 'int') return signed ? chain : null;
  if (!VARIABLE.has(t.type)) return null;
  const name = ts[i + 1]?.type === 'primes' ? t.value + "'".repeat(Number(ts[i + 1]!.value)) : t.value;
  if (!signed || chain === null) return new Set([name]);
  if (chain.has(name)) {
    const sign = ts[i - 1]!;
    fail(`the index variable ${name} occurs twice in one index: write each variable once (x_{i+k}); a coefficient is not read`, sign.offset, sign.text.length, source);
  }
  return chain.add(name);
}
