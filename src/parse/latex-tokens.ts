// LaTeX tokens: the moo rules, the table of control words we know, and the
// refining passes that turn raw moo tokens into grammar tokens.

import type moo from 'moo';
import { type Index, inum, ivar } from '../core/ast.js';
import { type Label, type LabelFont, type Mark, MARKS } from '../core/names.js';
import { ALL_REDUCTIONS } from '../core/reductions.js';
import { FUNCTIONS, functionByCommand, functionByName, type FunctionSpec, reductionOf } from '../functions.js';
import { refuseUnknownOperators, userFunctions } from './guards.js';
import { refuseIndexCoefficients } from './index-arithmetic.js';
import { latexTransposes, MATRIX_COMMANDS, onesVectors } from './matrix-tokens.js';
import { balanceAndSeparate, closest, describe, fail, GREEK, invalidCharacter, mergeDecorated, tok, type Tok } from './tokens.js';
import { refuseVectorForms, VECTOR_COMMANDS, VECTOR_DELIMITERS, vectorOperatorToken, vectorTokens } from './vectors.js';

/** Raw token rules, in priority order (moo takes the first rule that matches). */
export const LATEX_RULES: moo.Rules = {
  nl: { match: /\r?\n/, lineBreaks: true },
  ws: /[ \t\r]+/,
  // `\operatorname*{max}` (limits below, as amsmath's starred form sets them) is read as `\operatorname{max}`.
  textName: /\\(?:text|mathrm|operatorname\*?|mathit)\s*\{[^{}]*\}/,
  // (Norms and inner products, issue 9: `\left\|`, `\left\lVert`, `\right\Vert`, `\left\langle`; src/parse/vectors.ts.)
  left: /\\left\s*(?:[([|]|\\\{|\\lvert|\\\||\\l?Vert(?![a-zA-Z])|\\langle)/,
  right: /\\right\s*(?:[)\]|]|\\\}|\\rvert|\\\||\\r?Vert(?![a-zA-Z])|\\rangle)/,
  // Delimiters (issue 9): `\big(`, `\Bigl[`, `\biggr\}`; `\left.`/`\right.` only to refuse them.
  sized: /\\(?:[bB]igg?)[lr]?\s*(?:[()[\]|]|\\[{}|]|\\[lr]vert(?![a-zA-Z])|\\[lr]?Vert(?![a-zA-Z]))/,
  blank: /\\(?:left|right)\s*\./,
  linebreak: /\\\\/,
  cmd: /\\[a-zA-Z]+/,
  sym: /\\[^a-zA-Z]/,
  num: /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+/,
  int: /\d+/,
  letter: /[a-zA-Z]/,
  primes: /'+/,
  op: /[-+*/=<>^_,;()[\]{}|~]/,
  invalid: { match: /[^]/, lineBreaks: true },
};

/** Control words and symbols: the grammar token each one becomes (`skip`: spacing, dropped). */
const COMMANDS = new Map<string, { type: string; value?: string; open?: string; close?: string }>([
  ['\\frac', { type: 'frac' }], ['\\dfrac', { type: 'frac' }], ['\\tfrac', { type: 'frac' }],
  ['\\sqrt', { type: 'sqrt' }],
  // `\sum`, …: one token type for every reduction, its operator the value. `\max` and `\min` are
  // also functions: they stay function heads here, and `extremeReductions` reads them as reductions.
  ...ALL_REDUCTIONS.filter((r) => functionByCommand(r.latex) === undefined)
    .map((r): [string, { type: string; value: string }] => [r.latex, { type: 'reduce', value: r.op }]),
  ['\\partial', { type: 'dOp', value: 'partial' }],
  ['\\cdot', { type: 'times' }], ['\\times', { type: 'times' }], ['\\ast', { type: 'times' }],
  // `\infty` only as the subscript of the maximum norm, `\|x\|_\infty` (src/parse/vectors.ts refuses it elsewhere).
  ['\\infty', { type: 'infty' }],
  ['\\neq', { type: 'rel', value: '!=' }], ['\\ne', { type: 'rel', value: '!=' }],
  ['\\le', { type: 'rel', value: '<=' }], ['\\leq', { type: 'rel', value: '<=' }], ['\\leqslant', { type: 'rel', value: '<=' }],
  ['\\ge', { type: 'rel', value: '>=' }], ['\\geq', { type: 'rel', value: '>=' }], ['\\geqslant', { type: 'rel', value: '>=' }],
  ['\\lt', { type: 'rel', value: '<' }], ['\\gt', { type: 'rel', value: '>' }],
  ['\\quad', { type: 'quad' }], ['\\qquad', { type: 'quad' }],
  ['\\limits', { type: 'skip' }], ['\\displaystyle', { type: 'skip' }],
  ['\\,', { type: 'skip' }], ['\\;', { type: 'skip' }], ['\\:', { type: 'skip' }], ['\\!', { type: 'skip' }],
  ['\\ ', { type: 'skip' }],
  ['\\prime', { type: 'prime' }],
  ['\\nabla', { type: 'nabla' }], // the gradient (issue 9): `\nabla_w L`
  // Separators of a labelled quantity's arguments (issue 9): `D_{\mathrm{KL}}(P \parallel Q) = …`, `p(x \mid y) = …`.
  ['\\parallel', { type: 'argSep' }], ['\\mid', { type: 'argSep' }],
  ['\\#', { type: 'hash' }],
  ['\\{', { type: 'lset', open: '\\{' }], ['\\}', { type: 'rset', close: '\\{' }],
  ['\\lvert', { type: 'barOpen', open: '\\lvert' }], ['\\rvert', { type: 'barClose', close: '\\lvert' }],
  ...GREEK.map((g): [string, { type: string; value: string }] => [`\\${g}`, { type: 'greek', value: g }]),
  ...FUNCTIONS.flatMap((f) => f.commands.filter((c) => c !== '\\sqrt').map((c): [string, { type: string; value: string }] => [c, { type: 'fnCmd', value: f.name }])),
  // Norms, inner products and the trace (issue 9): src/parse/vectors.ts.
  ...VECTOR_COMMANDS,
  ...MATRIX_COMMANDS,
]);

// --- Delimiters (issue 9): `\big( \Big( \bigg( \Bigg(` and their `l`/`r` forms.

/** The size commands: they only change how big the delimiter is drawn, so it reads as the plain delimiter. */
const SIZES = ['big', 'Big', 'bigg', 'Bigg'];

// Evaluation bars (issue 9): `\left. f \right|_{x=a}`, f at x = a.
/**
 * The raw tokens of evaluation bars, by position: a `\left.` whose matching `\right` is `\right|`
 * followed by `_` opens one (`evalOpen`) and that `\right|` closes it (`evalClose`). Any other
 * `\left.` or `\right.` is left to `unsize`, which refuses it.
 */
function evaluationBars(raw: readonly moo.Token[], source: string): Map<number, string> {
  const bars = new Map<number, string>();
  const stack: number[] = [];
  raw.forEach((t, n) => {
    const opens = t.type === 'left' || (t.type === 'blank' && /^\\left/.test(t.value));
    const closes = t.type === 'right' || (t.type === 'blank' && /^\\right/.test(t.value));
    if (opens) stack.push(n);
    if (!closes) return;
    const o = stack.pop();
    if (o === undefined || raw[o]!.type !== 'blank') return;
    const next = raw.slice(n + 1).find((x) => x.type !== 'ws');
    if (t.type === 'right' && /\|$/.test(t.value) && next?.value === '_') {
      bars.set(o, 'evalOpen');
      bars.set(n, 'evalClose');
    } else if (t.type === 'right') {
      fail(`\\left. ends with ${t.text.replace(/\s+/g, '')}: an evaluation bar is \\left. f \\right|_{x=a}`, t.offset, t.text.length, source);
    }
  });
  return bars;
}

/**
 * Pass 0: a sized delimiter becomes the raw token of its delimiter (its text, and so its caret,
 * stays the whole `\bigl(`). An `l` form must open and an `r` form close; on `|` they say which
 * (`\bigl|` is `\lvert`), and a bare `\big|` is a `|` like any other. As in TeX, sizes need not
 * pair up: `\bigl( x )` is `( x )`. `\left.`/`\right.` (no delimiter) are refused here.
 */
function unsize(raw: readonly moo.Token[], source: string): moo.Token[] {
  const evaluation = evaluationBars(raw, source);
  return raw.map((t, n) => {
    const bar = evaluation.get(n);
    if (bar !== undefined) return { ...t, type: bar };
    if (t.type === 'blank') {
      fail(`${t.text.replace(/\s+/g, '')} (an invisible delimiter) is not read: for an evaluation bar write \\left. f \\right|_{x=a}; for \\left\\{ cases write an Iverson bracket [x > 0]`, t.offset, t.text.length, source);
    }
    if (t.type !== 'sized') return t;
    const [, side, delimiter] = /^\\[bB]igg?([lr]?)\s*(.*)$/.exec(t.text)!;
    const opens = ['(', '[', '\\{', '\\lvert', '\\lVert'].includes(delimiter!);
    const closes = [')', ']', '\\}', '\\rvert', '\\rVert'].includes(delimiter!);
    if ((side === 'l' && closes) || (side === 'r' && opens)) {
      fail(`${t.text.replace(/\s+/g, '')}: the ${side === 'l' ? 'l form opens' : 'r form closes'}; write ${t.text.replace(/\s+/g, '').slice(0, -delimiter!.length - 1)}${side === 'l' ? 'r' : 'l'}${delimiter}`, t.offset, t.text.length, source);
    }
    // (`\bigl\|` is `\lVert` as `\bigl|` is `\lvert`: norms, src/parse/vectors.ts.)
    const bars = delimiter === '|' ? ['\\lvert', '\\rvert'] : delimiter === '\\|' ? ['\\lVert', '\\rVert'] : null;
    const value = bars !== null && side !== '' ? bars[side === 'l' ? 0 : 1]! : delimiter!;
    const type = /^\\[a-zA-Z]/.test(value) ? 'cmd' : value.startsWith('\\') ? 'sym' : 'op';
    return { ...t, type, value };
  });
}

/** Control words read together with what follows them (by the `textName`, `left` and `right` rules); alone they are errors. */
const FORMS: Record<string, string> = {
  '\\text': 'a braced name: \\text{lr}', '\\mathrm': 'a braced name: \\mathrm{lr}',
  '\\operatorname': 'a braced name: \\operatorname{relu}', '\\mathit': 'a braced name: \\mathit{lr}',
  '\\left': 'one of ( [ \\{ | \\lvert', '\\right': 'one of ) ] \\} | \\rvert',
  ...Object.fromEntries(SIZES.flatMap((z) => ['', 'l', 'r'].map((d) => [`\\${z}${d}`, 'a delimiter: ( ) [ ] \\{ \\} | \\lvert \\rvert']))),
};

/**
 * "Did you mean" targets by how they would be mistyped: every control word a
 * user may write, and `\\sigmoid`-style commands for the functions that are
 * written as names (`\\operatorname{sigmoid}`, or `\\sigma(…)`, its house style).
 */
const SUGGESTIONS = new Map<string, string>([
  // Real control words first: they win a tie (`\\sigm` is `\\sigma`, not `\\operatorname{sign}`).
  ...[...COMMANDS.keys(), ...Object.keys(FORMS)].filter((c) => /^\\[a-zA-Z]+$/.test(c)).map((c): [string, string] => [c, c]),
  ...FUNCTIONS.flatMap((f) => f.names.filter((n) => !COMMANDS.has(`\\${n}`)).map((n): [string, string] => {
    const house = f.latex.startsWith('\\operatorname') ? '' : ` or ${f.latex}(…)`;
    return [`\\${n}`, `\\operatorname{${n}}${house}`];
  })),
]);

function unknownCommand(command: string): string {
  const guess = closest(command, SUGGESTIONS.keys());
  return `unknown command ${command}${guess === undefined ? '' : `; did you mean ${SUGGESTIONS.get(guess)!}?`}`;
}

// ---------------------------------------------------------------------------
// Decorated names (issue 9): `\hat{y}`, `\hat y`, `\mathbf{x}`, `\boldsymbol{\theta}`, `\hat{\bar{x}}`.

/** Accents and fonts that mark a name (src/core/names.ts `MARKS`): each becomes a `mark` token. */
const MARK_COMMANDS = new Map<string, Mark>(MARKS.map((m): [string, Mark] => [`\\${m}`, m]));

/** Fonts that are not marks: refused by name, so that no suggestion turns `\mathbb{E}` into `\mathbf{E}`. */
const REFUSED_FONTS: Record<string, string> = {
  '\\mathbb': '\\mathbb{…} (an expectation \\mathbb{E}, a set \\mathbb{R}) is not read: name the quantity with a letter',
  '\\mathsf': '\\mathsf{…} is not read (^{\\mathsf{T}} is a transpose): name the quantity with a letter, or \\mathbf{x}',
};

/**
 * A mark and what it decorates, from `ts[i]` (a `mark` token): one letter or Greek letter, braced or
 * not (as in TeX, `\hat xy` is `\hat{x} y`), or another decorated name. Anything else is refused:
 * `\hat{xy}` could mean one name or a product, `\hat{}` nothing.
 */
function readDecorated(ts: readonly Tok[], i: number, source: string): { base: Tok; marks: Mark[]; next: number } {
  const mark = ts[i]!;
  const braced = ts[i + 1]?.type === 'lbrace';
  const j = braced ? i + 2 : i + 1;
  const inner = ts[j];
  const spelled = `${mark.text}{x}`;
  let found: { base: Tok; marks: Mark[]; next: number };
  if (inner?.type === 'mark') found = readDecorated(ts, j, source);
  else if (inner?.type === 'letter' || inner?.type === 'greek') found = { base: inner, marks: [], next: j + 1 };
  else fail(`${mark.text} must be followed by one letter or Greek letter: ${spelled}`, mark.offset, mark.text.length, source);
  if (braced) {
    const end = ts[found.next];
    if (end?.type !== 'rbrace') {
      const at = end ?? mark;
      fail(`${mark.text}{…} takes one letter or Greek letter (${spelled}); for a product write ${mark.text}{x} ${mark.text}{y}`, at.offset, at.text.length, source);
    }
    found = { ...found, next: found.next + 1 };
  }
  return { ...found, marks: [mark.value as Mark, ...found.marks] };
}

/** Pass 1b: each decorated name becomes one `decorated` token: the base name its value, the marks outermost first. */
function decoratedNames(ts: readonly Tok[], source: string): Tok[] {
  return mergeDecorated(ts, source, (xs, i) => xs[i]!.type === 'mark', readDecorated);
}
// ---------------------------------------------------------------------------


// ---------------------------------------------------------------------------
// Word subscripts (issue 9): `D_{\mathrm{KL}}`, `L_{\text{CE}}`, `\mathcal{L}_{\mathrm{CE},n}`.

const LABEL_FONTS: Record<string, LabelFont> = { '\\mathrm': 'mathrm', '\\text': 'text', '\\mathit': 'mathit' };
const NAMES = new Set(['letter', 'greek', 'name', 'decorated']);

/** The word and font of a `\text{…}`-like token holding a word (two or more characters), else null. */
function wordOf(t: Tok | undefined): Label | null {
  if (t === undefined || (t.type !== 'name' && t.type !== 'fnName')) return null;
  const font = LABEL_FONTS[t.text.slice(0, t.text.indexOf('{')).trim()];
  return font === undefined ? null : { word: t.text.slice(t.text.indexOf('{') + 1, -1).trim(), font };
}

/**
 * Pass 1c: a name whose subscript is a word, `D_{\mathrm{KL}}` (braced or not), becomes one
 * `decorated` token carrying the word as its label (src/core/names.ts): a name of its own. After
 * the word, a comma may give indices, `\mathcal{L}_{\mathrm{CE},n}`: they stay as the subscript
 * `_{n}` of the labelled name. Anything else after the word, or a second subscript, is refused.
 */
function wordSubscripts(ts: readonly Tok[], source: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const braced = ts[i + 1]?.type === 'underscore' && ts[i + 2]?.type === 'lbrace';
    const wordAt = braced ? i + 3 : i + 2;
    const label = NAMES.has(t.type) && ts[i + 1]?.type === 'underscore' ? wordOf(ts[wordAt]) : null;
    if (label === null) {
      out.push(t);
      continue;
    }
    if (t.label !== undefined) fail('a name takes one subscript: write the word and the indices in one, D_{\\mathrm{KL},j}', ts[i + 1]!.offset, 1, source);
    const word = ts[wordAt]!;
    const merged: Tok = {
      type: 'decorated', value: t.value, text: source.slice(t.offset, word.offset + word.text.length), offset: t.offset, marks: t.marks ?? [], label,
    };
    if (!braced) {
      out.push(merged);
      i = wordAt;
    } else if (ts[wordAt + 1]?.type === 'rbrace') {
      out.push({ ...merged, text: source.slice(t.offset, ts[wordAt + 1]!.offset + 1) });
      i = wordAt + 1;
    } else if (ts[wordAt + 1]?.type === 'comma') {
      out.push(merged, ts[i + 1]!, ts[i + 2]!); // `_{` then the indices after the comma
      i = wordAt + 1;
    } else {
      const at = ts[wordAt + 1] ?? word;
      fail(`a word subscript is the whole subscript, or the word then indices after a comma: ${source.slice(t.offset, word.offset + word.text.length)}} or ${source.slice(t.offset, word.offset + word.text.length)},j}`, at.offset, at.text.length, source);
    }
    if (ts[i + 1]?.type === 'underscore') fail('a name takes one subscript: write the word and the indices in one, D_{\\mathrm{KL},j}', ts[i + 1]!.offset, 1, source);
  }
  return out;
}
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Labelled quantities (issue 9): `D_{\mathrm{KL}}(P \parallel Q) = …`, `H(X | Y) = …`, `p(x; \theta) = …`.

const ARGUMENT_NAMES = new Set(['letter', 'greek', 'name', 'decorated']);

/**
 * Pass 5a (before `|` is resolved): a formula whose left side is a name applied to names separated
 * by `\parallel`, `\mid`, `|` or `;` (commas may join them: `L(y, \hat{y}; \theta)`) labels the
 * quantity: the parenthesis says what it is of and nothing more, so it is dropped
 * (`D_{\mathrm{KL}} = …`). A plain list of variables is a function definition (`userFunctions`);
 * `\parallel` and `\mid` anywhere else are refused.
 */
function labelArguments(ts: readonly Tok[], source: string): Tok[] {
  const drop = new Set<number>();
  let depth = 0;
  ts.forEach((t, i) => {
    const starts = i === 0 || (depth === 0 && SEPARATORS.has(ts[i - 1]!.type));
    if (t.open !== undefined) depth++;
    else if (t.close !== undefined) depth--;
    if (!starts || !ARGUMENT_NAMES.has(t.type) || ts[i + 1]?.type !== 'lparen') return;
    let k = i + 2;
    let labelled = false;
    for (;;) {
      if (!ARGUMENT_NAMES.has(ts[k]?.type ?? '')) return;
      k++;
      if (ts[k]?.type === 'underscore') k = ts[k + 1]?.type === 'lbrace' ? matching(ts, k + 1) + 1 : k + 2;
      if (k === 0) return; // an unclosed brace: balanceAndSeparate says where
      const sep = ts[k]?.type;
      if (sep !== 'argSep' && sep !== 'bar' && sep !== 'semi' && sep !== 'comma') break;
      labelled ||= sep !== 'comma';
      k++;
    }
    if (!labelled || ts[k]?.type !== 'rparen' || ts[k + 1]?.type !== 'eq') return;
    for (let j = i + 1; j <= k; j++) drop.add(j);
  });
  const out = ts.filter((_, i) => !drop.has(i));
  const stray = out.find((t) => t.type === 'argSep');
  if (stray !== undefined) {
    fail(`${stray.text.trim()} is read only between the arguments of a labelled quantity, D_{\\mathrm{KL}}(P \\parallel Q) = …`, stray.offset, stray.text.length, source);
  }
  return out;
}
// ---------------------------------------------------------------------------

const SINGLE: Record<string, { type: string; open?: string; close?: string }> = {
  '+': { type: 'plus' }, '-': { type: 'minus' }, '*': { type: 'times' }, '/': { type: 'slash' },
  '=': { type: 'eq' }, '<': { type: 'rel' }, '>': { type: 'rel' }, '^': { type: 'caret' }, _: { type: 'underscore' },
  ',': { type: 'comma' }, ';': { type: 'semi' }, '|': { type: 'bar' }, '~': { type: 'skip' },
  '(': { type: 'lparen', open: '(' }, ')': { type: 'rparen', close: '(' },
  '[': { type: 'lbrack', open: '[' }, ']': { type: 'rbrack', close: '[' },
  '{': { type: 'lbrace', open: '{' }, '}': { type: 'rbrace', close: '{' },
};

/** `\left(` behaves as `(` but must be closed by a `\right` delimiter. */
const DELIMITERS: Record<string, { open: string; close: string }> = {
  '(': { open: 'lparen', close: 'rparen' }, ')': { open: 'lparen', close: 'rparen' },
  '[': { open: 'lbrack', close: 'rbrack' }, ']': { open: 'lbrack', close: 'rbrack' },
  '\\{': { open: 'lset', close: 'rset' }, '\\}': { open: 'lset', close: 'rset' },
  '|': { open: 'barOpen', close: 'barClose' }, '\\lvert': { open: 'barOpen', close: 'barClose' },
  '\\rvert': { open: 'barOpen', close: 'barClose' },
  ...VECTOR_DELIMITERS,
};

function functionToken(t: Tok, spec: FunctionSpec, spelling: string): Tok {
  return { ...t, fn: spec.name, spelling: spelling === spec.latex ? null : spelling };
}

/** Pass 1: one grammar token per raw token (or none, for spacing). */
function classify(raw: readonly moo.Token[], source: string): Tok[] {
  const out: Tok[] = [];
  for (const t of raw) {
    switch (t.type) {
      case 'ws': break;
      case 'nl': case 'linebreak': out.push(tok(t, 'nl')); break;
      case 'num': case 'int': case 'letter': case 'primes': case 'transpose': out.push(tok(t, t.type)); break;
      case 'textName': {
        const head = t.value.slice(0, t.value.indexOf('{')).trim();
        const name = t.value.slice(t.value.indexOf('{') + 1, -1).trim();
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
          fail(`a name in ${head}{} must be a letter followed by letters or digits`, t.offset, t.text.length, source);
        }
        const spec = functionByName(name);
        const vector = vectorOperatorToken(name); // `\operatorname{softmax}`, `\operatorname{tr}`: src/parse/vectors.ts
        if (vector !== undefined) out.push(tok(t, vector, name));
        else if (name.length === 1) out.push(tok(t, 'letter', name));
        else if (spec !== undefined) out.push(functionToken(tok(t, 'fnName', name), spec, `${head}{${name}}`));
        else out.push(tok(t, 'name', name));
        break;
      }
      case 'evalOpen': out.push({ ...tok(t, 'evalOpen'), open: '\\left.' }); break;
      case 'evalClose': out.push({ ...tok(t, 'evalClose'), close: '\\left.' }); break;
      case 'left': case 'right': {
        const delimiter = t.value.replace(/^\\(?:left|right)\s*/, '');
        const kind = DELIMITERS[delimiter]!;
        out.push(t.type === 'left'
          ? { ...tok(t, kind.open), open: `\\left${kind.open}` }
          : { ...tok(t, kind.close), close: `\\left${kind.open}` });
        break;
      }
      case 'cmd': case 'sym': {
        // Decorated names (issue 9): a mark is read with its name by `decoratedNames`.
        const mark = MARK_COMMANDS.get(t.value);
        if (mark !== undefined) {
          out.push(tok(t, 'mark', mark));
          break;
        }
        const refusedFont = REFUSED_FONTS[t.value];
        if (refusedFont !== undefined) fail(refusedFont, t.offset, t.text.length, source);
        const known = COMMANDS.get(t.value);
        const form = FORMS[t.value];
        if (form !== undefined) fail(`${t.value} must be followed by ${form}`, t.offset, t.text.length, source);
        if (known === undefined) {
          fail(t.type === 'cmd' ? unknownCommand(t.value) : `unknown command ${t.value}`, t.offset, t.text.length, source);
        }
        if (known.type === 'skip') break;
        const out1: Tok = { ...tok(t, known.type, known.value ?? t.value) };
        if (known.open !== undefined) out1.open = known.open;
        if (known.close !== undefined) out1.close = known.close;
        if (known.type === 'fnCmd') out.push(functionToken(out1, functionByCommand(t.value)!, t.value));
        else out.push(out1);
        break;
      }
      case 'op': {
        const s = SINGLE[t.value]!;
        if (s.type === 'skip') break;
        const o: Tok = tok(t, s.type);
        if (s.open !== undefined) o.open = s.open;
        if (s.close !== undefined) o.close = s.close;
        out.push(o);
        break;
      }
      case 'invalid':
        fail(invalidCharacter(t.value, 'latex'), t.offset, t.text.length, source);
        break;
      default:
        throw new Error(`unhandled raw token type ${String(t.type)}`);
    }
  }
  return out;
}

/** Pass 2: `x^\prime`, `x^{\prime\prime}` and `x''` all become one `primes` token; its value is the count. */
function mergePrimes(ts: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    let count = 0;
    let next = i;
    if (t.type === 'primes') {
      count = t.text.length;
    } else if (t.type === 'caret' && ts[i + 1]?.type === 'prime') {
      count = 1;
      next = i + 1;
    } else if (t.type === 'caret' && ts[i + 1]?.type === 'lbrace' && ts[i + 2]?.type === 'prime') {
      let j = i + 2;
      while (ts[j]?.type === 'prime') j++;
      if (ts[j]?.type !== 'rbrace') {
        out.push(t);
        continue;
      }
      count = j - (i + 2);
      next = j;
    } else {
      out.push(t);
      continue;
    }
    const last = out[out.length - 1];
    if (last?.type === 'primes') last.value = String(Number(last.value) + count);
    else out.push({ ...t, type: 'primes', value: String(count) });
    i = next;
  }
  return out;
}

/** Pass 3: as in TeX, an unbraced `_` or `^` takes one character: `x_12` is `x_1 · 2`. */
function splitScriptDigits(ts: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const t of ts) {
    const prev = out[out.length - 1];
    if ((prev?.type === 'underscore' || prev?.type === 'caret') && (t.type === 'int' || t.type === 'num') && t.text.length > 1) {
      out.push({ ...t, type: 'int', value: t.text[0]!, text: t.text[0]! });
      const rest = t.text.slice(1);
      out.push({ ...t, type: /^\d+$/.test(rest) ? 'int' : 'num', value: rest, text: rest, offset: t.offset + 1 });
    } else out.push(t);
  }
  return out;
}

/** The one-token arguments TeX gives `\frac`: a digit, a letter, a Greek letter (`\frac12`, `\frac1m`, `\frac\pi2`). */
const FRAC_ARGUMENT = new Set(['int', 'letter', 'greek']);

/**
 * Pass 3': as in TeX, each unbraced argument of `\frac` is one token, so `\frac12` is `\frac{1}{2}`
 * and `\frac1m x` is `\frac{1}{m} x`: a one-token argument gets braces; several digits give their first.
 */
function fracArguments(ts: readonly Tok[], source: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  // The remainder of a split number, read before ts[i].
  let back: Tok | null = null;
  const peek = (): Tok | undefined => back ?? ts[i];
  const take = (): Tok => {
    if (back !== null) {
      const t = back;
      back = null;
      return t;
    }
    return ts[i++]!;
  };
  const brace = (t: Tok, type: 'lbrace' | 'rbrace'): Tok => ({ type, value: type === 'lbrace' ? '{' : '}', text: t.text, offset: t.offset });
  // A token, and when it is `\frac`, its two arguments.
  const next = (): Tok => {
    const t = take();
    out.push(t);
    if (t.type === 'frac') {
      argument();
      argument();
    }
    return t;
  };
  // A braced argument is copied (a `\frac` inside it is met by `next`); another token type is left for the grammar's error.
  const argument = (): void => {
    const t = peek();
    if (t === undefined) return;
    if (t.type === 'lbrace') {
      let depth = 0;
      do {
        const u = next();
        if (u.type === 'lbrace') depth++;
        else if (u.type === 'rbrace') depth--;
      } while (depth > 0 && peek() !== undefined);
      return;
    }
    if (t.type === 'num') {
      // TeX would take the first digit and leave `.5` behind: never what was meant.
      fail(`an unbraced argument of \\frac is one character: write \\frac{${t.text}}{…}`, t.offset, t.text.length, source);
    }
    if (!FRAC_ARGUMENT.has(t.type)) return;
    take();
    let arg = t;
    if (t.type === 'int' && t.text.length > 1) {
      arg = { ...t, type: 'int', value: t.text[0]!, text: t.text[0]! };
      const rest = t.text.slice(1);
      back = { ...t, type: /^\d+$/.test(rest) ? 'int' : 'num', value: rest, text: rest, offset: t.offset + 1 };
    }
    out.push(brace(arg, 'lbrace'), arg, brace(arg, 'rbrace'));
  };
  while (peek() !== undefined) next();
  return out;
}

// --- Functions as textbooks write them (issue 9): `\log_2 x`, `\log_{10} x`, `\sin^2 x`, `\sin^{-1} x`.

/** Bases of `\log_b` read as a function of the table; another base is refused (write the quotient). */
const LOG_BASES: Record<string, string> = { '2': 'log2', '10': 'log10' };
/** `\sin^{-1}` is the inverse function, as in most calculus texts; only these heads have one in the table. */
const INVERSES: Record<string, string> = { sin: 'arcsin', cos: 'arccos', tan: 'arctan' };

const isHead = (t: Tok | undefined): boolean => t !== undefined && (t.type === 'fnCmd' || t.type === 'fnName');

/** The tokens of a braced or one-token script at `i` (just after `_` or `^`): [first, last] or null. */
function scriptSpan(ts: readonly Tok[], i: number): [number, number] | null {
  if (ts[i] === undefined) return null;
  if (ts[i]!.type !== 'lbrace') return [i, i];
  let depth = 0;
  for (let j = i; j < ts.length; j++) {
    if (ts[j]!.type === 'lbrace') depth++;
    else if (ts[j]!.type === 'rbrace' && --depth === 0) return [i, j];
  }
  return null;
}

/** A merged head token covering `ts[from..to]`, for the function `name`, spelled as the source between them. */
function headToken(ts: readonly Tok[], from: number, to: number, name: string, source: string): Tok {
  const first = ts[from]!;
  const last = ts[to]!;
  const text = source.slice(first.offset, last.offset + last.text.length);
  return functionToken({ ...first, text }, functionByName(name)!, text.replace(/\s+/g, ''));
}

// --- Max and min over an index (issue 9): `\max_j x_j`, `\max\limits_{j=1}^{n}`, `\operatorname*{max}_j`.

/**
 * Pass 3a: a function head that also writes a reduction (`reductionOf`) with a subscript is that reduction (`\max_j x_j`,
 * its body the product that follows, as for `\sum`); otherwise it stays the function `\max(a, b)`.
 * `\limits` is spacing, dropped already, so `\max\limits_j` is `\max_j`.
 */
function extremeReductions(ts: readonly Tok[]): Tok[] {
  return ts.map((t, i) => {
    const op = isHead(t) ? reductionOf(t.fn!) : undefined;
    if (op === undefined) return t;
    // The limits in either order, as for \sum: `\max_{j=1}^{n}`, `\max^{n}_{j=1}`.
    const upperFirst = ts[i + 1]?.type === 'caret' ? scriptSpan(ts, i + 2) : null;
    const sub = upperFirst === null ? ts[i + 1] : ts[upperFirst[1] + 1];
    return sub?.type === 'underscore' ? { ...t, type: 'reduce', value: op } : t;
  });
}

/**
 * Pass 3b: scripts on a function head, and heads of several arguments (`fnMany`).
 * - `\sqrt[3]` becomes one head, the cube root (`root`, its braced argument follows).
 * - `\log_2`, `\log_{10}` become one head, the function log2 or log10; another base is an error.
 * - `\sin^{-1}` becomes one head, arcsin (spelled as written); `^{-1}` on a head without an inverse in
 *   the table, or another negative power, is an error (the reader could mean the reciprocal).
 * - `\sin^2`, `\tanh^{2}`: the head becomes `fnPow` (its power follows; `(\sin x)^2`), or
 *   `fnPowApplied` when a parenthesis follows the script: `\tanh^2(z)`.
 */
function functionScripts(ts: readonly Tok[], source: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < ts.length; i++) {
    let t = ts[i]!;
    // `\max(a, b)`: a head of several arguments takes only a parenthesised, comma-separated list.
    if (isHead(t) && functionByName(t.fn!)!.partials !== undefined) {
      out.push({ ...t, type: 'fnMany' });
      continue;
    }
    // `\sqrt[3]{x}` is the cube root; another index n is the power x^{1/n} (`rootN`, the grammar reads n).
    if (t.type === 'sqrt' && ts[i + 1]?.type === 'lbrack') {
      let close = i + 1;
      while (close < ts.length && ts[close]!.type !== 'rbrack') close++;
      if (close === ts.length) close = -1;
      const three = close === i + 3 && ts[i + 2]!.type === 'int' && ts[i + 2]!.value === '3';
      if (!three) {
        out.push({ ...t, type: 'rootN' });
        continue;
      }
      out.push({ ...headToken(ts, i, close, 'cbrt', source), type: 'root' });
      i = close;
      continue;
    }
    if (t.type === 'fnCmd' && t.text === '\\log' && ts[i + 1]?.type === 'underscore') {
      const span = scriptSpan(ts, i + 2);
      const inside = span === null ? [] : ts.slice(span[0], span[1] + 1).filter((x) => x.type !== 'lbrace' && x.type !== 'rbrace');
      const base = inside.length === 1 && inside[0]!.type === 'int' ? LOG_BASES[inside[0]!.value] : undefined;
      if (span !== null && base === undefined) {
        // `\log_b x` is \frac{\log x}{\log b} (`logBase`, the grammar reads the base); `\log_e` is refused (e is a name here).
        // As in TeX `\log_10` is \log_1 0: refused rather than read as a base 1 (pass 3 split the digits).
        const next = ts[span[1] + 1];
        if (span[0] === span[1] && inside[0]!.type === 'int' && next?.type === 'int' && next.offset === inside[0]!.offset + 1) {
          fail(`an unbraced subscript is one character, so \\log_${inside[0]!.text}${next.text} is \\log_${inside[0]!.text} ${next.text}: write \\log_{${inside[0]!.text}${next.text}}`, t.offset, next.offset + next.text.length - t.offset, source);
        }
        if (inside.length === 1 && inside[0]!.type === 'letter' && inside[0]!.value === 'e') {
          fail('\\log_e: write \\ln x or \\log x (the natural logarithm; a bare e is a name)', t.offset, ts[span[1]]!.offset + 1 - t.offset, source);
        }
        out.push({ ...t, type: 'logBase' });
        continue;
      }
      if (span === null || base === undefined) {
        const end = ts[span === null ? i + 1 : span[1]]!;
        fail('a logarithm needs its base after _: \\log_2 x, \\log_{b} x', t.offset, end.offset + end.text.length - t.offset, source);
      }
      t = headToken(ts, i, span[1], base, source);
      i = span[1];
    }
    if (isHead(t) && ts[i + 1]?.type === 'caret') {
      const span = scriptSpan(ts, i + 2);
      if (span !== null && ts[span[0] + 1]?.type === 'minus') {
        const inverse = INVERSES[t.fn!];
        const minusOne = span[1] === span[0] + 3 && ts[span[0] + 2]?.type === 'int' && ts[span[0] + 2]?.value === '1';
        const written = source.slice(t.offset, ts[span[1]]!.offset + ts[span[1]]!.text.length);
        const head = t.text.trim();
        if (!minusOne) {
          const power = source.slice(ts[span[0]]!.offset, ts[span[1]]!.offset + 1);
          fail(`${written} could be a power of the inverse function or of the reciprocal: write (${head} x)^${power}`, t.offset, written.length, source);
        }
        if (inverse === undefined) {
          fail(`${written} could be the inverse function or the reciprocal: write (${head} x)^{-1} for the reciprocal (the table has no inverse of ${head})`,
            t.offset, written.length, source);
        }
        out.push(headToken([t, ...ts.slice(i + 1, span[1] + 1)], 0, span[1] - i, inverse, source));
        i = span[1];
        continue;
      }
      if (span !== null) {
        out.push({ ...t, type: ts[span[1] + 1]?.type === 'lparen' ? 'fnPowApplied' : 'fnPow' });
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Superscript indices (`x^{(i)}`, `y^{(n)}_k`, `a^{[l]}_j`): docs/notation.md, "As written in textbooks".

const SUP_CLOSE: Record<string, string> = { lparen: 'rparen', lbrack: 'rbrack' };

/** An index at `ts[i]` (`i`, `j'`, `\ell`, `l-1`, `2`): the index and the position after it, or null. */
function readIndex(ts: readonly Tok[], i: number): { index: Index; next: number } | null {
  const t = ts[i];
  if (t?.type === 'int') return { index: inum(Number(t.value)), next: i + 1 };
  if (t?.type !== 'letter' && t?.type !== 'greek') return null;
  const primed = ts[i + 1]?.type === 'primes';
  const name = primed ? t.value + "'".repeat(Number(ts[i + 1]!.value)) : t.value;
  const j = primed ? i + 2 : i + 1;
  const sign = ts[j];
  if ((sign?.type === 'plus' || sign?.type === 'minus') && ts[j + 1]?.type === 'int') {
    return { index: ivar(name, (sign.type === 'plus' ? 1 : -1) * Number(ts[j + 1]!.value)), next: j + 2 };
  }
  return { index: ivar(name), next: j };
}

/** The position of the closer matching the opener at `ts[i]`, or -1. */
function matching(ts: readonly Tok[], i: number): number {
  let depth = 0;
  for (let j = i; j < ts.length; j++) {
    if (ts[j]!.open !== undefined) depth++;
    else if (ts[j]!.close !== undefined && --depth === 0) return j;
  }
  return -1;
}

/**
 * Pass 4: `^{(i)}` and `^{[l]}` — a superscript whose whole content is an index in parentheses
 * or brackets — become one `supIndex` token: an index slot, never a power. What a reader could
 * take either way is refused: `x^(i)`, and on a name `x^{(i)2}` and `x^{(2n)}`, and an exponent
 * or prime on a variable that has a superscript index (`x^{(i)}^2`: write `{x^{(i)}}^2`).
 */
function superscriptIndices(ts: readonly Tok[], source: string): Tok[] {
  const out: Tok[] = [];
  const at = (t: Tok) => [t.offset, t.text.length, source] as const;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const open = ts[i + 1]?.type === 'lbrace' ? ts[i + 2] : undefined;
    if (t.type === 'caret' && (ts[i + 1]?.open === '(' || ts[i + 1]?.open === '[')) {
      fail('a superscript without braces is one character: write ^{(i)} for an index, ^{i} for a power', ...at(ts[i + 1]!));
    }
    if (t.type !== 'caret' || open === undefined || (open.open !== '(' && open.open !== '[')) {
      out.push(t);
      continue;
    }
    // Only a name's superscript is doubtful: `(1-x)^{(n-1)/2}`, `2^{(n)}` and `x^{[cond]}` (Iverson) stay as they were.
    const base = nameBefore(out).base?.type;
    const afterName = base === 'letter' || base === 'greek' || base === 'name' || base === 'decorated';
    const close = matching(ts, i + 2);
    if (close < 0) { // unbalanced: balanceAndSeparate says where
      out.push(t);
      continue;
    }
    const read = readIndex(ts, i + 3);
    const isIndex = read !== null && read.next === close && ts[close]?.type === SUP_CLOSE[open.type];
    const whole = ts[close + 1]?.type === 'rbrace';
    if (isIndex && whole) {
      const end = ts[close + 1]!;
      const text = source.slice(t.offset, end.offset + end.text.length);
      const last = out[out.length - 1];
      if (last?.type === 'primes') fail("a primed name takes no superscript index (x'^{(i)} is a double superscript in TeX)", ...at(t));
      // In plain text `\delta^{(l)}_j` would print as the Kronecker delta `delta[l,j]`.
      const { base: name, subscripted } = nameBefore(out);
      if (name?.type === 'greek' && name.value === 'delta' && (subscripted || ts[close + 2]?.type === 'underscore')) {
        fail('\\delta with a superscript index and a subscript is refused (with two indices it reads as the Kronecker delta): use another letter', ...at(t));
      }
      out.push({ type: 'supIndex', value: open.open, text, offset: t.offset, index: read.index });
      i = close + 1;
      checkAfterSuperscript(ts, i + 1, text, source);
      continue;
    }
    // (A prime after the group is Lagrange's `(u)'`, a construct of its own.)
    if (afterName && ts[close + 1]?.type !== 'primes' && (isIndex || (whole && open.open === '('))) {
      const inner = source.slice(open.offset, ts[close]!.offset + ts[close]!.text.length);
      fail(isIndex
        ? `ambiguous superscript starting with the index ${inner}: for a power of the indexed variable write {x^{${inner}}}^{2}; for a power alone leave out the ${open.open === '(' ? 'parentheses' : 'brackets'}`
        : `a superscript ${inner} after a name reads as an index, and ${source.slice(ts[i + 3]!.offset, ts[close]!.offset).trim()} is not one; for a power leave out the ${open.open === '(' ? 'parentheses' : 'brackets'}`,
      ...at(open));
    }
    out.push(t);
  }
  return out;
}

/** The token of the name a superscript follows, past a subscript (`\delta_j`, `\delta_{jk}`). */
function nameBefore(out: readonly Tok[]): { base: Tok | undefined; subscripted: boolean } {
  let k = out.length - 1;
  if (out[k]?.type === 'rbrace') {
    for (let depth = 0; k >= 0; k--) {
      if (out[k]!.type === 'rbrace') depth++;
      else if (out[k]!.type === 'lbrace' && --depth === 0) break;
    }
  }
  if (out[k - 1]?.type === 'underscore') return { base: out[k - 2], subscripted: true };
  return { base: out[out.length - 1], subscripted: false };
}

/** After `x^{(i)}` and an optional subscript, an exponent or prime would be a double superscript. */
function checkAfterSuperscript(ts: readonly Tok[], i: number, sup: string, source: string): void {
  let j = i;
  if (ts[j]?.type === 'underscore') j = ts[j + 1]?.type === 'lbrace' ? matching(ts, j + 1) + 1 : j + 2;
  const t = ts[j];
  if (t?.type === 'caret' || t?.type === 'primes') {
    fail(`a variable with a superscript index takes no further superscript: for a power write {x${sup}}^{2} or (x${sup})^2`, t.offset, t.text.length, source);
  }
}

/** Token types after which a value has just ended (so a `|` there closes rather than opens). */
const ENDS_VALUE = new Set(['int', 'num', 'letter', 'greek', 'name', 'decorated', 'fnName', 'primes', 'rparen', 'rbrack', 'rbrace', 'rset', 'barClose', 'dbar', 'normClose', 'angleClose', 'transpose', 'ones']);

/**
 * Pass 5: a bare `|` opens an absolute value unless a value has just ended
 * and a `|` is open, in which case it closes it. So `|a|b|c|` is
 * `|a| · b · |c|`; nested bars need `\lvert … \rvert` or `(|b|)`.
 */
function resolveBars(ts: readonly Tok[]): Tok[] {
  let open = 0;
  const out: Tok[] = [];
  for (const t of ts) {
    const prev = out[out.length - 1];
    if (t.type !== 'bar') out.push(t);
    else if (open > 0 && prev !== undefined && ENDS_VALUE.has(prev.type)) {
      open--;
      out.push({ ...t, type: 'barClose', close: '|' });
    } else {
      open++;
      out.push({ ...t, type: 'barOpen', open: '|' });
    }
  }
  return out;
}

/**
 * Pass 6: decisions that need to look ahead.
 * - A function head directly followed by `(` (or `\left(`) is applied to that
 *   group (`fnApplied`); `\sigma` is sigmoid only in that case.
 * - `e^` is the exponential.
 * - In `\frac{d…}{d x…}` both `d` are differentials (`\partial` always is).
 */
function lookahead(ts: Tok[]): Tok[] {
  const match = new Map<number, number>();
  const stack: number[] = [];
  ts.forEach((t, i) => {
    if (t.open !== undefined) stack.push(i);
    else if (t.close !== undefined) match.set(stack.pop()!, i);
  });
  const sigmoid = functionByName('sigmoid')!;
  return ts.map((t, i) => {
    const next = ts[i + 1];
    if (next?.type === 'lparen') {
      if (t.type === 'fnCmd' || t.type === 'fnName') return { ...t, type: 'fnApplied' };
      if (t.type === 'det') return { ...t, type: 'detApplied' };
      if (t.type === 'greek' && t.value === 'sigma') return functionToken({ ...t, type: 'fnApplied' }, sigmoid, t.text);
    }
    if (t.type === 'letter' && t.value === 'e' && next?.type === 'caret') return { ...t, type: 'expE' };
    if (t.type === 'letter' && t.value === 'd' && ts[i - 1]?.type === 'lbrace' && ts[i - 2]?.type === 'frac') {
      const close = match.get(i - 1);
      const den = close === undefined ? -1 : close + 1;
      const isVar = (x: Tok | undefined) => x !== undefined && (x.type === 'letter' || x.type === 'greek' || x.type === 'name' || x.type === 'decorated');
      if (ts[den]?.type === 'lbrace' && ts[den + 1]?.value === 'd' && ts[den + 1]?.type === 'letter' && isVar(ts[den + 2])) {
        ts[den + 1] = { ...ts[den + 1]!, type: 'dOp' };
        return { ...t, type: 'dOp' };
      }
    }
    return t;
  });
}

// --- Derivative notation (issue 9): `\frac{\partial^2 E}{\partial w_{jk}^2}`, `\frac{\partial^2 f}{\partial x_j \partial x_k}`.

/** The order written after `^` at `i`: `2` or `{2}`, with the index of its last token; null if none. */
function orderAt(ts: readonly Tok[], i: number): { order: number; last: number } | null {
  if (ts[i]?.type !== 'caret') return null;
  if (ts[i + 1]?.type === 'int') return { order: Number(ts[i + 1]!.value), last: i + 1 };
  if (ts[i + 1]?.type === 'lbrace' && ts[i + 2]?.type === 'int' && ts[i + 3]?.type === 'rbrace') return { order: Number(ts[i + 2]!.value), last: i + 3 };
  return null;
}

/**
 * Pass 7, a check after pass 6 has marked the `d` differentials: in `\frac{\partial^n …}{…}` the
 * orders of the denominator's differentials must add up to n (`\partial x \partial y` is 2,
 * `\partial x^2` is 2). The grammar reads the shape; this pass points at the numerator's order
 * when they do not agree. One scan with a bracket stack: linear.
 */
function derivativeOrders(ts: readonly Tok[], source: string): void {
  const match = new Map<number, number>();
  const stack: number[] = [];
  ts.forEach((t, i) => {
    if (t.open !== undefined) stack.push(i);
    else if (t.close !== undefined) match.set(stack.pop()!, i);
  });
  ts.forEach((t, i) => {
    if (t.type !== 'dOp' || ts[i - 1]?.type !== 'lbrace' || ts[i - 2]?.type !== 'frac') return;
    const written = orderAt(ts, i + 1);
    const den = match.get(i - 1)! + 1;
    if (ts[den]?.type !== 'lbrace') return;
    const end = match.get(den)!;
    let depth = 0;
    let total = 0;
    for (let j = den + 1; j < end; j++) {
      const u = ts[j]!;
      if (u.open !== undefined) depth++;
      else if (u.close !== undefined) depth--;
      else if (depth === 0 && u.type === 'dOp') total++;
      else if (depth === 0 && u.type === 'caret') total += (orderAt(ts, j)?.order ?? 1) - 1;
    }
    const order = written?.order ?? 1;
    if (total !== order) {
      const at = written === null ? t : ts[written.last]!;
      fail(`the order of the derivative is ${order} in the numerator but ${total} in the denominator: write \\frac{\\partial^2 f}{\\partial x \\partial y} or \\frac{\\partial^2 f}{\\partial x^2}`, at.offset, at.text.length, source);
    }
  });
}

const SEPARATORS = new Set(['nl', 'semi', 'comma', 'quad']);
const SPACING = new Set(['nl', 'quad']);

/** Token types of the head of a function definition (`J(\\theta) = …`, `\\tanh(x) = …`) and of a variable. */
const DEFINITION_HEADS = {
  heads: new Set(['letter', 'greek', 'name', 'decorated', 'fnCmd', 'fnName']),
  names: new Set(['letter', 'greek', 'name', 'decorated']),
  touching: false,
};

export function refineLatex(input: readonly moo.Token[], source: string): Tok[] {
  // Matrix notation's transposes (src/parse/matrix-tokens.ts) are one token each from here on.
  const raw = latexTransposes(unsize(input, source), source);
  refuseVectorForms(raw, source); // matrix literals: src/parse/vectors.ts
  // Issue 9's guards (src/parse/guards.ts): notation that would be misread is refused first.
  refuseUnknownOperators(raw, source);
  const ts = vectorTokens(resolveBars(labelArguments(functionScripts(extremeReductions(superscriptIndices(fracArguments(splitScriptDigits(mergePrimes(wordSubscripts(decoratedNames(onesVectors(classify(raw, source), source), source), source))), source), source)), source), source)), source);
  ts.forEach((t, i) => {
    if (t.type === 'prime') fail(`${describe(t)} must follow '^'`, t.offset, t.text.length, source);
    // The gradient (issue 9) needs its variable: `\nabla L` does not say by what.
    if (t.type === 'nabla' && ts[i + 1]?.type !== 'underscore') {
      fail('\\nabla needs the variable as a subscript: \\nabla_w L is one entry of the gradient, \\frac{\\partial L}{\\partial w_j}', t.offset, t.text.length, source);
    }
  });
  const separated = balanceAndSeparate(ts, source, SEPARATORS, SPACING);
  const refined = lookahead(userFunctions(separated, source, DEFINITION_HEADS));
  derivativeOrders(refined, source);
  refuseIndexCoefficients(refined, source, 'latex');
  return refined;
}
