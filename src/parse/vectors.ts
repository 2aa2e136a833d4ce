// Vector notation that means an index-form sum (issue 9; docs/notation.md, "Norms, inner
// products, softmax and trace"): `\|x\|`, `\|x\|^2`, `\|x\|_1`, `\|W\|_F`, `\langle a, b \rangle`,
// `\operatorname{softmax}(z)_k`, `\operatorname{tr}(X)`, and their plain-text spellings.
//
// The rule, one for every construct: each variable inside gets the construct's bound index as a
// new last slot (`\|x_n - \mu_k\|^2` is `\sum_i (x_{ni} - \mu_{ki})^2`); numbers stay numbers.
// What the rule would misread is refused: a product or quotient of two names (`X\beta` is a
// matrix product, `\lambda x` a scalar times a vector), a function, a sum, a derivative inside;
// a name used elsewhere with another number of indices.
//
// The builders run inside the grammar's thunks and know only their own argument, so a norm's
// bound index starts as a placeholder; `bindVectorIndices`, run on the whole parse, gives each
// one the first letter of `i j k l m n p q r s` that the formula does not use (each construct
// its own letter, so two vectors' lengths are not tied).

import type moo from 'moo';
import {
  add, APPLY, assertNever, call, children, div, type Expr, type Index, isEquation, ivar, mapChildren, mul, neg, num, pow, reduce, variable,
  type Var,
} from '../core/ast.js';
import { freshIndex, internalName } from '../core/fresh.js';
import { allIndexNames, substituteIndex } from '../core/indices.js';
import { varKey } from '../core/names.js';
import type { Lazy } from './build.js';
import { GrammarError, ParseError } from './errors.js';
import { fail, latexSpelling, type Tok } from './tokens.js';

// ---------------------------------------------------------------------------
// Tokens

/** Control words of this module: the grammar token each becomes (spread into latex-tokens' `COMMANDS`). */
export const VECTOR_COMMANDS: readonly [string, { type: string; open?: string; close?: string }][] = [
  ['\\|', { type: 'dbar' }], ['\\Vert', { type: 'dbar' }],
  ['\\lVert', { type: 'normOpen', open: '\\lVert' }], ['\\rVert', { type: 'normClose', close: '\\lVert' }],
  ['\\langle', { type: 'angleOpen', open: '\\langle' }], ['\\rangle', { type: 'angleClose', close: '\\langle' }],
  ['\\tr', { type: 'trace' }], ['\\Tr', { type: 'trace' }],
];
/** `\left\|`, `\right\rVert`, `\left\langle`: delimiters of a norm and an inner product (spread into latex-tokens' `DELIMITERS`). */
export const VECTOR_DELIMITERS: Record<string, { open: string; close: string }> = {
  '\\|': { open: 'normOpen', close: 'normClose' }, '\\Vert': { open: 'normOpen', close: 'normClose' },
  '\\lVert': { open: 'normOpen', close: 'normClose' }, '\\rVert': { open: 'normOpen', close: 'normClose' },
  '\\langle': { open: 'angleOpen', close: 'angleClose' }, '\\rangle': { open: 'angleOpen', close: 'angleClose' },
};

/** Names inside `\operatorname{}`, `\mathrm{}`, `\text{}` that this module reads (the guards let them through). */
const OPERATOR_NAMES: Record<string, string> = { softmax: 'softmax', tr: 'trace', Tr: 'trace', trace: 'trace', diag: 'diag', det: 'det' };
export const isVectorOperator = (name: string): boolean => OPERATOR_NAMES[name] !== undefined;
/** The token type of a braced operator name (`\operatorname{tr}` is `trace`), or undefined. */
export const vectorOperatorToken = (name: string): string | undefined => OPERATOR_NAMES[name];

/** Plain-text keywords: `norm(x)`, `norm(x, 1)`, `inner(a, b)`, `softmax(z)[k]`, `tr(X)` (`dot(x)` is a decorated name). */
const KEYWORDS: Record<string, string> = {
  norm: 'normKw', inner: 'innerKw', softmax: 'softmax', tr: 'trace', trace: 'trace',
  // An entry of an inverse and a determinant (issue 11, read by src/parse/matrix.ts): `inv(X)[a, b]`, `det(X)`.
  inv: 'invKw', det: 'detKw',
};
/** The token type of a plain-text keyword applied to `(`, or undefined. */
export const vectorKeyword = (name: string): string | undefined => KEYWORDS[name];

/** Token types after which a value has just ended (a `\|` there closes an open norm). */
const ENDS = new Set(['int', 'num', 'letter', 'greek', 'name', 'decorated', 'fnName', 'primes', 'rparen', 'rbrack', 'rbrace', 'rset', 'barClose', 'normClose', 'angleClose', 'supIndex', 'transpose', 'ones']);

const matchingClose = (ts: readonly Tok[], i: number): number => {
  let depth = 0;
  for (let j = i; j < ts.length; j++) {
    if (ts[j]!.open !== undefined) depth++;
    else if (ts[j]!.close !== undefined && --depth === 0) return j;
  }
  return -1;
};

/**
 * The LaTeX token pass (after `resolveBars`): a bare `\|` opens a norm unless one is open and a
 * value has just ended (as `|` does); a norm's subscript `_2`, `_{1}`, `_F` becomes one `normSub`
 * token, another is refused; `||x||` (nested absolute values to the reader's eye) is refused; the
 * softmax must be applied and indexed, the trace applied.
 */
export function vectorTokens(ts: readonly Tok[], source: string): Tok[] {
  const out: Tok[] = [];
  let open = 0;
  const at = (t: Tok) => [t.offset, t.text.length, source] as const;
  for (let i = 0; i < ts.length; i++) {
    let t = ts[i]!;
    if (t.type === 'barOpen' && ts[i + 1]?.type === 'barOpen' && ts[i + 1]!.offset === t.offset + 1) {
      fail('|| reads as two absolute value bars: for a norm write \\|x\\|', t.offset, 2, source);
    }
    if (t.type === 'dbar') {
      const prev = out[out.length - 1];
      t = open > 0 && prev !== undefined && ENDS.has(prev.type) ? { ...t, type: 'normClose', close: '\\|' } : { ...t, type: 'normOpen', open: '\\|' };
    }
    if (t.type === 'normOpen') open++;
    if (t.type === 'normClose') {
      open = Math.max(0, open - 1);
      out.push(t);
      if (ts[i + 1]?.type === 'underscore') {
        const braced = ts[i + 2]?.type === 'lbrace';
        const s = ts[braced ? i + 3 : i + 2];
        const end = braced ? i + 4 : i + 2;
        const kind = s?.type === 'int' && (s.value === '1' || s.value === '2') ? s.value
          : s?.type === 'letter' && s.value === 'F' ? 'F' : s?.type === 'infty' ? 'infty' : undefined;
        if (kind === undefined || (braced && ts[end]?.type !== 'rbrace')) {
          fail('only the norms \\|x\\|_1, \\|x\\|_2, \\|x\\|_\\infty and \\|W\\|_F are read: write another norm in index form, (\\sum_i |x_i|^p)^{1/p}', ...at(ts[i + 1]!));
        }
        const last = ts[end]!;
        out.push({ ...ts[i + 1]!, type: 'normSub', value: kind, text: source.slice(ts[i + 1]!.offset, last.offset + last.text.length) });
        i = end;
      }
      continue;
    }
    if (t.type === 'softmax' || t.type === 'trace') checkApplied(ts, i, source, false);
    if (t.type === 'infty') fail('\\infty is read only as the subscript of the maximum norm, \\|x\\|_\\infty: Kronecker has no infinite number', ...at(t));
    out.push(t);
  }
  return out;
}

/**
 * The plain-text token pass (after the keywords are found): `softmax(z)` must be indexed, and
 * `tr(…)` takes one matrix name (`tr(A*B)` is refused, as in LaTeX).
 */
export function vectorTextTokens(ts: readonly Tok[], source: string): Tok[] {
  ts.forEach((t, i) => {
    if (t.type === 'softmax') checkApplied(ts, i, source, true);
    if (t.type !== 'trace') return;
    const close = matchingClose(ts, i + 1);
    const one = close === i + 3 && (ts[i + 2]!.type === 'name' || ts[i + 2]!.type === 'decorated');
    if (close > 0 && !one) {
      fail(`${t.text}(…) is read only of one matrix name (${t.text}(X) is sum(i, X[i,i])); a trace of a product such as ${t.text}(A*B) is read in LaTeX (\\operatorname{tr}(A B)) `
        + 'but not in plain text: write it in index form, sum(i, sum(j, A[i,j]*B[j,i]))', t.offset, ts[close]!.offset + 1 - t.offset, source);
    }
  });
  return [...ts];
}

/** `\operatorname{softmax}` must be applied to a parenthesis and indexed after it; `\operatorname{tr}` applied. */
function checkApplied(ts: readonly Tok[], i: number, source: string, text: boolean): void {
  const t = ts[i]!;
  const head = t.text.trim();
  const softmax = t.type === 'softmax';
  const how = softmax ? (text ? 'softmax(z)[k] (the k-th entry)' : `${head}(z)_k (the k-th entry)`) : `${head}(X)`;
  if (ts[i + 1]?.type !== 'lparen') fail(`${head} must be applied to a parenthesised argument: write ${how}`, t.offset, t.text.length, source);
  const close = matchingClose(ts, i + 1);
  // An unclosed parenthesis (close -1) is the grammar's error, reported after this pass.
  const after = close < 0 ? undefined : ts[close + 1];
  const indexed = after !== undefined && (after.type === 'underscore' || (after.type === 'lbrack' && after.offset === ts[close]!.offset + 1));
  if (softmax && close >= 0 && !indexed) {
    fail(`the softmax is a vector: index it, ${how}`, t.offset, ts[close]!.offset + 1 - t.offset, source);
  }
}

/** On raw tokens, before the guards: a matrix literal `\begin{pmatrix}` (the determinant `\det` of one) is refused. */
export function refuseVectorForms(raw: readonly moo.Token[], source: string): void {
  const ts = raw.filter((t) => t.type !== 'ws' && t.type !== 'nl');
  ts.forEach((t, k) => {
    if (t.type === 'cmd' && t.value === '\\begin') {
      const env = /^\\begin\s*\{([a-zA-Z*]*)\}/.exec(source.slice(t.offset))?.[1] ?? '';
      const det = ts[k - 1]?.value === '\\det' || env === 'vmatrix';
      fail(det
        ? `the determinant of a matrix literal (\\begin{${env}}) is not read: write it out, a d - b c for \\det \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}`
        : `\\begin{${env}} (a matrix literal) is not read: name the matrix (A, with --shapes), or write the entries in index form`, t.offset, t.text.length, source);
    }
  });
}

// ---------------------------------------------------------------------------
// Builders (grammar postprocessors' thunks)

/** A placeholder bound index, replaced by `bindVectorIndices` (internal: never printed). */
const placeholder = (depth: number): string => internalName('vector', depth);
const isPlaceholder = (name: string): boolean => name.startsWith('%vector:');

/** Where each vectorised variable was written, for `bindVectorIndices`' refusals. */
const origin = new WeakMap<Expr, { at: Tok; where: string }>();

const refuse = (what: string, at: Tok): never => {
  throw new GrammarError(`${what}, so the vector rule (every name inside gets the bound index as a new last slot) would misread it: write it in index form, \\sum_i …`, at);
};

/**
 * `e` with `slots` appended to every variable's indices. Numbers stay numbers; a sum,
 * difference or negation distributes; a product or quotient may have one factor with names,
 * the others constant. Everything else is refused at `at`. Unless `indexed`, a variable that
 * already has indices is refused (the softmax takes a vector by its name).
 */
function vectorize(e: Expr, slots: readonly Index[], at: Tok, where: string, indexed: boolean): Expr {
  const constant = (x: Expr): boolean => x.kind === 'num' || (x.kind !== 'var' && x.kind !== 'index' && x.kind !== 'extent' && children(x).length > 0 && children(x).every(constant));
  switch (e.kind) {
    case 'num': return e;
    case 'var': {
      if (!indexed && e.indices.length > 0) {
        throw new GrammarError(`${where} takes a vector by its name (\\operatorname{softmax}(z)_k): an indexed argument would be read as one row of a matrix; write the index form`, at);
      }
      const v = variable(e, [...e.indices, ...slots], e.commaIndices, e.superscript);
      origin.set(v, { at, where });
      return v;
    }
    case 'add': return add(e.terms.map((x) => vectorize(x, slots, at, where, indexed)));
    case 'neg': return neg(vectorize(e.arg, slots, at, where, indexed));
    case 'mul': {
      const named = e.factors.filter((x) => !constant(x));
      if (named.length > 1) refuse(`a product of names inside ${where} (X \\beta is a matrix product, \\lambda x a scalar times a vector)`, at);
      return mul(e.factors.map((x) => (constant(x) ? x : vectorize(x, slots, at, where, indexed))));
    }
    case 'div':
      if (!constant(e.den)) refuse(`a quotient by a name inside ${where}`, at);
      return div(vectorize(e.num, slots, at, where, indexed), e.den);
    case 'pow': case 'call': case 'reduce': case 'delta': case 'diff': case 'rel': case 'iverson': case 'extent': case 'index':
      if (constant(e)) return e;
      return refuse(`${e.kind === 'call' ? 'a function' : e.kind === 'pow' ? 'a power' : e.kind === 'reduce' ? 'a reduction' : e.kind === 'diff' ? 'a derivative' : 'this'} inside ${where}`, at);
    default: return assertNever(e);
  }
}

/** A norm as read: its opening token, its argument, and which norm (`2`, `1`, `F`, `infty`; plain text `inf`). */
export interface Norm {
  readonly at: Tok;
  readonly arg: Lazy;
  readonly kind: string;
}

/**
 * The vector constructs as built, before their reading is chosen: a call of an internal function
 * (never printed) that `expandVectorForms` (index notation) or src/parse/matrix.ts (matrix
 * notation) replaces. `%norm:K` has the argument and, if written, the exponent.
 */
export const VECTOR_FORM = {
  norm: (kind: string) => internalName('norm', kind),
  inner: internalName('inner'),
  trace: internalName('trace'),
} as const;
const NORM_PREFIX = internalName('norm', '');
/** The norm's kind of a `%norm:K` call's function, or null. */
export const normKind = (fn: string): string | null => (fn.startsWith(NORM_PREFIX) ? fn.slice(NORM_PREFIX.length) : null);

/** Where each construct was written, for the messages of its reading. */
const written = new WeakMap<Expr, Tok>();
/** The token that opened the construct `e` (a `%norm`, `%inner` or `%trace` call, or a matrix form), if recorded. */
export const writtenAt = (e: Expr): Tok | undefined => written.get(e);
/** `e`, remembered as written at `at`. */
export function writtenFrom(e: Expr, at: Tok): Expr {
  written.set(e, at);
  return e;
}

/** `\|x\|`, `\|x\|^2`, `\|x\|_1`, `\|x\|_\infty`, `\|W\|_F`. */
export function norm(n: Norm, exponent: Lazy | null): Lazy {
  return () => {
    // Plain text names the maximum norm `norm(x, inf)`.
    const kind = n.kind === 'inf' ? 'infty' : n.kind;
    if (kind !== '1' && kind !== '2' && kind !== 'F' && kind !== 'infty') {
      throw new GrammarError('only the norms norm(x) (or norm(x, 2)), norm(x, 1), norm(x, inf) and norm(W, F) are read: write another in index form', n.at);
    }
    const e = exponent?.();
    return writtenFrom(call(VECTOR_FORM.norm(kind), e === undefined ? [n.arg()] : [n.arg(), e]), n.at);
  };
}

/** `\langle a, b \rangle`. */
export function inner(at: Tok, a: Lazy, b: Lazy): Lazy {
  return () => writtenFrom(call(VECTOR_FORM.inner, [a(), b()]), at);
}

/** `\operatorname{tr}(X)`. */
export function trace(at: Tok, of: Lazy): Lazy {
  return () => writtenFrom(call(VECTOR_FORM.trace, [of()]), at);
}

/** `\operatorname{softmax}(z)_k` is `\frac{e^{z_k}}{\sum_{i} e^{z_i}}`, `i` a letter the formula does not use. */
export function softmax(at: Tok, arg: Lazy, indices: readonly Index[]): Lazy {
  return () => {
    const k = indices[0];
    if (indices.length !== 1 || k === undefined || k.kind !== 'ivar' || k.offset !== 0) {
      throw new GrammarError('the softmax takes one index letter: \\operatorname{softmax}(z)_k', at);
    }
    const where = 'the softmax';
    const x = arg();
    // The sum's letter is one the formula does not use (bindVectorIndices), not a primed k: a printer shows
    // `\sum_{k'}` as `\sum_{k}` where it can, and `\frac{e^{z_k}}{\sum_{k} e^{z_k}}` would read wrongly to the eye.
    const bound = placeholder(0);
    const entry = (i: string) => call('exp', [vectorize(x, [ivar(i)], at, where, false)], 'e^');
    return div(entry(k.name), reduce('sum', bound, entry(bound)));
  };
}

// ---------------------------------------------------------------------------
// The vector rule (index notation)

/** Whether `e` holds a norm, an inner product or a trace not yet read. */
export function hasVectorForms(e: Expr): boolean {
  return (e.kind === 'call' && (normKind(e.fn) !== null || e.fn === VECTOR_FORM.inner || e.fn === VECTOR_FORM.trace)) || children(e).some(hasVectorForms);
}

/**
 * The vector constructs of `e` read by the vector rule: `\|x\|` is `\sqrt{\sum_i x_i^2}`, `\|x\|^2`
 * `\sum_i x_i^2`, `\|x\|_1` `\sum_i |x_i|`, `\|x\|_\infty` `\max_i |x_i|`, `\|W\|_F`
 * `\sqrt{\sum_i \sum_j W_{ij}^2}`, `\langle a, b \rangle` `\sum_i a_i b_i`, `\operatorname{tr}(X)`
 * `\sum_i X_{ii}`; the bound letters are placeholders until `bindVectorIndices`.
 */
export function expandVectorForms(e: Expr): Expr {
  const x = mapChildren(e, expandVectorForms);
  if (x.kind !== 'call') return x;
  const at = written.get(e)!;
  const kind = normKind(x.fn);
  if (kind !== null) return expandNorm(kind, x.args[0]!, x.args[1], at);
  if (x.fn === VECTOR_FORM.inner) {
    const i = [ivar(placeholder(0))];
    const where = 'an inner product';
    return reduce('sum', placeholder(0), mul([vectorize(x.args[0]!, i, at, where, true), vectorize(x.args[1]!, i, at, where, true)]));
  }
  if (x.fn === VECTOR_FORM.trace) {
    const m = x.args[0]!;
    if (m.kind !== 'var' || m.indices.length > 0) throw new GrammarError('the trace takes a matrix by its name: \\operatorname{tr}(X) is \\sum_i X_{ii}', at);
    const i = ivar(placeholder(0));
    const entry = variable(m, [i, i]);
    origin.set(entry, { at, where: 'a trace' });
    return reduce('sum', placeholder(0), entry);
  }
  return x;
}

/**
 * The vectors and matrices the vector rule reads by name (`x` in `\\|x\\|^2`, `X` in
 * `\\operatorname{tr}(X)`), with placeholder dimensions (`i`, or `i×j`): what `--wrt x` means.
 */
export function vectorNames(e: Expr): { name: Var; dims: string[] }[] {
  const out: { name: Var; dims: string[] }[] = [];
  const visit = (x: Expr, dims: string[] | null): void => {
    if (x.kind === 'var' && dims !== null && x.indices.length === 0 && !out.some((o) => o.name === x)) out.push({ name: x, dims });
    let inner = dims;
    if (x.kind === 'call') {
      const kind = normKind(x.fn);
      if (kind !== null) inner = kind === 'F' ? ['i', 'j'] : ['i'];
      else if (x.fn === VECTOR_FORM.inner) inner = ['i'];
      else if (x.fn === VECTOR_FORM.trace) inner = ['i', 'i'];
    }
    children(x).forEach((c) => visit(c, inner));
  };
  visit(e, null);
  return out;
}

function expandNorm(kind: string, arg: Expr, e: Expr | undefined, at: Tok): Expr {
  const p = [placeholder(0), placeholder(1)];
  const where = kind === 'F' ? 'a Frobenius norm' : 'a norm';
  const letters = kind === 'F' ? p : [p[0]!];
  return normFromEntries(kind, vectorize(arg, letters.map((l) => ivar(l)), at, where, true), letters, e);
}

/**
 * The norm `kind` (`2`, `1`, `infty`, `F`) of the array whose entry is `entry` at the bound
 * `letters`, raised to `e` if written: `\|x\|` is `\sqrt{\sum_i x_i^2}`, `\|x\|^2` `\sum_i x_i^2`
 * (the square of a norm is the sum of squares, not the square of a square root), `\|x\|_1`
 * `\sum_i |x_i|`, `\|x\|_\infty` `\max_i |x_i|`.
 */
export function normFromEntries(kind: string, entry: Expr, letters: readonly string[], e: Expr | undefined): Expr {
  const over = (op: 'sum' | 'max', body: Expr) => letters.reduceRight<Expr>((x, l) => reduce(op, l, x), body);
  const value = kind === 'infty' ? over('max', call('abs', [entry], '|')) : kind === '1' ? over('sum', call('abs', [entry], '|')) : null;
  if (value !== null) return e === undefined ? value : pow(value, e);
  const squares = over('sum', pow(entry, num(2)));
  if (e === num(2)) return squares;
  return e === undefined ? call('sqrt', [squares]) : pow(call('sqrt', [squares]), e);
}

// ---------------------------------------------------------------------------
// Bound letters, once the whole parse is built

const LETTERS = ['i', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's'];

/**
 * Gives each placeholder binder the first letter of `LETTERS` that its formula does not use, as
 * an index or a name (then `i'`, `i''`, …), and refuses what the vector rule would misread: a
 * vectorised name written elsewhere in the parse with another number of indices, or one that is
 * an index letter of the formula.
 */
export function bindVectorIndices(formulas: readonly Expr[], source: string): Expr[] {
  const counts = new Map<string, Set<number>>();
  const vectorised: Var[] = [];
  const visit = (x: Expr): void => {
    // A function definition's left side `J(\theta) = …` names the quantity and its parameters, at any shape.
    if (isEquation(x) && x.args[0].kind === 'call' && x.args[0].fn === APPLY) return visit(x.args[1]);
    if (x.kind === 'var') {
      const key = varKey(x);
      if (!counts.has(key)) counts.set(key, new Set());
      counts.get(key)!.add(x.indices.length);
      if (x.indices.some((i) => i.kind === 'ivar' && isPlaceholder(i.name))) vectorised.push(x);
    }
    children(x).forEach(visit);
  };
  formulas.forEach(visit);
  if (vectorised.length === 0) return [...formulas];
  const indexNames = new Set<string>();
  for (const f of formulas) for (const n of allIndexNames(f)) if (!isPlaceholder(n)) indexNames.add(n);
  for (const v of vectorised) {
    const { at, where: name } = origin.get(v)!;
    if (counts.get(varKey(v))!.size > 1) {
      const written = latexSpelling(v.name);
      throw new ParseError(`${written} is a vector inside ${name} (its entries get a new last index there) and is written with another number of indices elsewhere: write the construct in index form, \\sum_i …, and take a derivative by an entry, \\partial ${written}_j`, at.offset, at.text.length, source);
    }
    if (v.indices.every((i) => i.kind === 'ivar' && isPlaceholder(i.name)) && indexNames.has(v.name)) {
      throw new ParseError(`${v.name} is an index letter of the formula and cannot be a vector inside ${name}: write the construct in index form, \\sum_i …`, at.offset, at.text.length, source);
    }
  }
  return formulas.map((f) => {
    const taken = allIndexNames(f);
    const names = (x: Expr): void => {
      if (x.kind === 'var') taken.add(x.name);
      children(x).forEach(names);
    };
    names(f);
    const bind = (x: Expr): Expr => {
      if (x.kind === 'reduce' && isPlaceholder(x.index)) {
        const letter = LETTERS.find((l) => !taken.has(l)) ?? freshIndex('i', taken);
        taken.add(letter);
        return reduce(x.op, letter, bind(substituteIndex(x.body, x.index, ivar(letter))), x.lower, x.upper);
      }
      return mapChildren(x, bind);
    };
    return bind(f);
  });
}
