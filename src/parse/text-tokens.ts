// Plain-text tokens: the moo rules and the refining passes.

import type moo from 'moo';
import { type Mark, MARKS } from '../core/names.js';
import { ALL_REDUCTIONS, REDUCTIONS } from '../core/reductions.js';
import { functionByName, reductionOf } from '../functions.js';
import { refuseTextTransposes, userFunctions } from './guards.js';
import { refuseIndexCoefficients } from './index-arithmetic.js';
import { balanceAndSeparate, fail, GREEK, invalidCharacter, mergeDecorated, tok, type Tok } from './tokens.js';
import { vectorKeyword, vectorTextTokens } from './vectors.js';

/** Raw token rules, in priority order (moo takes the first rule that matches). */
export const TEXT_RULES: moo.Rules = {
  nl: { match: /\r?\n/, lineBreaks: true },
  ws: /[ \t\r]+/,
  dd: /d\/d(?=[A-Za-z])/,
  num: /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+/,
  int: /\d+/,
  name: /[A-Za-z][A-Za-z0-9]*/,
  primes: /'+/,
  op: ['<=', '>=', '!=', '..', '.', '=', '<', '>', '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', ';', '#'],
  invalid: { match: /[^]/, lineBreaks: true },
};

const OPS: Record<string, { type: string; value?: string; open?: string; close?: string }> = {
  '<=': { type: 'rel' }, '>=': { type: 'rel' }, '!=': { type: 'rel' }, '<': { type: 'rel' }, '>': { type: 'rel' },
  '=': { type: 'eq' }, '..': { type: 'dots' }, '.': { type: 'dot' },
  '+': { type: 'plus' }, '-': { type: 'minus' }, '*': { type: 'times' }, '/': { type: 'slash' }, '^': { type: 'caret' },
  '(': { type: 'lparen', open: '(' }, ')': { type: 'rparen', close: '(' },
  '[': { type: 'lbrack', open: '[' }, ']': { type: 'rbrack', close: '[' },
  ',': { type: 'comma' }, ';': { type: 'semi' }, '#': { type: 'hash' },
};

// ---------------------------------------------------------------------------
// Decorated names (issue 9): the plain-text spelling of `\hat{y}` is `hat(y)`, of `\hat{\bar{x}}'_n`
// `hat(bar(x))'[n]` (src/core/names.ts `markedName`). A mark's name touching `(` was an unknown function.

const MARK_NAMES: ReadonlySet<string> = new Set(MARKS);
const isMark = (ts: readonly Tok[], i: number) => ts[i]?.type === 'name' && MARK_NAMES.has(ts[i]!.value) && touching(ts[i]!, ts[i + 1]) && ts[i + 1]?.type === 'lparen';

/** `bar(x)` from `ts[i]`: the base name and the marks, outermost first; one letter or Greek letter inside. */
function readDecorated(ts: readonly Tok[], i: number, source: string): { base: Tok; marks: Mark[]; next: number } {
  const mark = ts[i]!;
  const inner = ts[i + 2];
  let found: { base: Tok; marks: Mark[]; next: number };
  if (isMark(ts, i + 2)) found = readDecorated(ts, i + 2, source);
  else if (inner?.type === 'name' && (inner.value.length === 1 || GREEK.includes(inner.value))) found = { base: inner, marks: [], next: i + 3 };
  else fail(`${mark.value}(…) decorates one letter or Greek letter: ${mark.value}(x) is \\${mark.value}{x}`, (inner ?? mark).offset, (inner ?? mark).text.length, source);
  const end = ts[found.next];
  if (end?.type !== 'rparen') {
    fail(`${mark.value}(…) decorates one letter or Greek letter: ${mark.value}(x) is \\${mark.value}{x}`, (end ?? mark).offset, (end ?? mark).text.length, source);
  }
  return { base: found.base, marks: [mark.value as Mark, ...found.marks], next: found.next + 1 };
}

/** Each decorated name becomes one `decorated` token: the base name its value, the marks outermost first. */
function decoratedNames(ts: readonly Tok[], source: string): Tok[] {
  return mergeDecorated(ts, source, isMark, readDecorated);
}
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Word subscripts (issue 9): `D.KL` is LaTeX's `D_{\mathrm{KL}}`, `mathcal(L).MSE` `\mathcal{L}_{\mathrm{MSE}}`
// (src/core/names.ts `markedName`): a name, a dot and a word of two or more characters, touching.

/** A name followed by `.word` becomes one `decorated` token carrying the word; any other dot is refused. */
function wordSubscripts(ts: readonly Tok[], source: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.type !== 'dot') {
      out.push(t);
      continue;
    }
    const base = out[out.length - 1];
    const word = ts[i + 1];
    const named = (base?.type === 'name' || base?.type === 'decorated') && base.label === undefined && touching(base, t);
    if (!named || word?.type !== 'name' || !touching(t, word) || word.value.length < 2) {
      fail("'.' is read only in a name's word subscript, D.KL (LaTeX D_{\\mathrm{KL}}): a name, a dot and a word of two or more letters", t.offset, 1, source);
    }
    out[out.length - 1] = {
      type: 'decorated', value: base!.value, text: source.slice(base!.offset, word.offset + word.text.length), offset: base!.offset,
      marks: base!.marks ?? [], label: { word: word.value, font: 'mathrm' },
    };
    i++;
  }
  return out;
}
// ---------------------------------------------------------------------------

function classify(raw: readonly moo.Token[], source: string): Tok[] {
  const out: Tok[] = [];
  for (const t of raw) {
    switch (t.type) {
      case 'ws': break;
      case 'nl': case 'dd': case 'num': case 'int': case 'name': out.push(tok(t, t.type)); break;
      case 'primes': out.push(tok(t, 'primes', String(t.text.length))); break;
      case 'op': {
        const o = OPS[t.value]!;
        const x = tok(t, o.type);
        if (o.open !== undefined) x.open = o.open;
        if (o.close !== undefined) x.close = o.close;
        out.push(x);
        break;
      }
      case 'invalid': {
        // Max and min over an index (issue 9): `max_j(…)` is the LaTeX subscript in plain text.
        const prev = out[out.length - 1];
        const op = t.value === '_' && prev?.type === 'name' ? reductionOf(functionByName(prev.value)?.name ?? '') : undefined;
        if (op !== undefined) {
          fail(`${prev!.value}_ is LaTeX: in plain text the ${prev!.value}imum over an index is ${REDUCTIONS[op].keyword}(j, …)`, t.offset, 1, source);
        }
        fail(t.value === '\\'
          ? 'invalid character \'\\\' (use --syntax latex for LaTeX input)'
          : invalidCharacter(t.value, 'text'), t.offset, t.text.length, source);
        break;
      }
      default:
        throw new Error(`unhandled raw token type ${String(t.type)}`);
    }
  }
  return out;
}

const touching = (a: Tok, b: Tok | undefined): boolean => b !== undefined && a.offset + a.text.length === b.offset;

/**
 * A name directly followed by `(` is a call (`sum(…)`, a reduction's keyword, is that reduction); one
 * directly followed by `[` (after any primes) takes indices. With a space in
 * between, both are juxtaposition: `f (x)` is `f·x`. The variable after `d/d`
 * is never a call: `d/dx(y)`.
 */
function lookahead(ts: readonly Tok[], source: string): Tok[] {
  return ts.map((t, i) => {
    const next = ts[i + 1];
    if (t.type === 'name' && next?.type === 'lparen' && touching(t, next) && ts[i - 1]?.type !== 'dd') {
      const r = ALL_REDUCTIONS.find((x) => x.keyword === t.value);
      if (r !== undefined) return { ...t, type: 'reduceKw', value: r.op };
      const vector = vectorKeyword(t.value); // `norm(x)`, `inner(a, b)`, `softmax(z)[k]`, `tr(X)`: src/parse/vectors.ts
      if (vector !== undefined) return { ...t, type: vector };
      const spec = functionByName(t.value);
      if (spec === undefined) fail(`unknown function ${t.value}`, t.offset, t.text.length, source);
      return { ...t, type: spec.partials === undefined ? 'fnApplied' : 'fnMany', fn: spec.name, spelling: null };
    }
    if (t.type === 'lbrack') {
      const prev = ts[i - 1];
      const isName = (x: Tok | undefined) => x?.type === 'name' || x?.type === 'decorated';
      const named = isName(prev) || (prev?.type === 'primes' && isName(ts[i - 2]) && touching(ts[i - 2]!, prev!));
      if (named && touching(prev!, t)) return { ...t, type: 'lindex' };
    }
    return t;
  });
}

const SEPARATORS = new Set(['nl', 'semi', 'comma']);
const SPACING = new Set(['nl']);

/** Token types of the head of a function definition (`f(x) = …`) and of a variable. */
const DEFINITION_HEADS = { heads: new Set(['name', 'decorated']), names: new Set(['name', 'decorated']), touching: true };

/**
 * Superscript indices: `x^(i)` on a name, with one name in the parentheses, is refused rather
 * than read as a power, since LaTeX's `x^{(i)}` is an index (docs/notation.md, "As written in
 * textbooks"). A power is `x^i`, an index `x[i]`; `x^(n-1)` and `x^(2)` stay powers.
 */
function refuseSuperscriptIndices(ts: readonly Tok[], source: string): readonly Tok[] {
  ts.forEach((t, i) => {
    const base = ts[i - 1]?.type;
    if (t.type === 'caret' && (base === 'name' || base === 'decorated' || base === 'primes' || base === 'rbrack') && ts[i + 1]?.type === 'lparen'
      && ts[i + 2]?.type === 'name' && ts[i + 2]!.text !== 'T' && ts[i + 3]?.type === 'rparen' && ts[i + 4]?.type !== 'primes') {
      // `x^(x)'` is a Lagrange prime; `x^(T)` is the power with exponent T (a bare `^T` is refused as a transpose: guards.ts)
      const n = ts[i + 2]!.text;
      fail(`ambiguous ^(${n}): write ^${n} for a power, or [${n}] for an index (a superscript index x^{(${n})} is LaTeX)`, ts[i + 1]!.offset, 3 + n.length, source);
    }
  });
  return ts;
}

// --- Max and min over an index (issue 9): `maxover(j, x[j])` is the reduction, `max(a, b)` the function.
// (The text printer writes a doubtful first argument in parentheses, `max((j), x[j])`, so its output reads back.)

/**
 * `max(j, x[j])`, whose first argument is a name the other arguments use as an index, could be
 * the function of two values or the maximum over j; `max(j=1..n, …)` is a reduction's bounds
 * under the function's name. Both are refused, saying how to write each reading.
 */
function refuseDoubtfulExtremes(ts: Tok[], source: string): Tok[] {
  ts.forEach((t, i) => {
    const op = t.type === 'fnMany' ? reductionOf(t.fn!) : undefined;
    const first = ts[i + 2];
    if (op === undefined || first?.type !== 'name') return;
    const { keyword } = REDUCTIONS[op];
    const n = first.value;
    const f = t.value;
    const span = first.offset + n.length - t.offset;
    if (ts[i + 3]?.type === 'eq') {
      fail(`${f}(${n}=…) is the function ${f} of several values: for the ${f}imum over the index ${n}, write ${keyword}(${n}=1..n, …)`, t.offset, span, source);
    }
    if (ts[i + 3]?.type !== 'comma') return;
    const open: string[] = [];
    for (let k = i + 1; k < ts.length; k++) {
      const x = ts[k]!;
      if (x.type === 'lparen' || x.type === 'lbrack' || x.type === 'lindex') open.push(x.type);
      else if (x.type === 'rparen' || x.type === 'rbrack') open.pop();
      else if (k > i + 2 && x.type === 'name' && x.value === n && open.includes('lindex')) {
        fail(`${f}(${n}, …) could be the function ${f} of ${n} and the rest, or the ${f}imum over the index ${n}: `
          + `write ${keyword}(${n}, …) for the ${f}imum over ${n}, or ${f}((${n}), …) for the function`, t.offset, span, source);
      }
      if (open.length === 0) break;
    }
  });
  return ts;
}

export function refineText(raw: readonly moo.Token[], source: string): Tok[] {
  const separated = balanceAndSeparate(refuseSuperscriptIndices(wordSubscripts(decoratedNames(classify(raw, source), source), source), source), source, SEPARATORS, SPACING);
  // Issue 9's guards (src/parse/guards.ts): notation that would be misread is refused first.
  refuseTextTransposes(separated, source);
  const refined = refuseDoubtfulExtremes(vectorTextTokens(lookahead(userFunctions(separated, source, DEFINITION_HEADS), source), source), source);
  refuseIndexCoefficients(refined, source, 'text');
  return refined;
}
