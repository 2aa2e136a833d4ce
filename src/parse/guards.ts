// Guards: notation that a reader could take for something the engine does not
// read yet (issue 9, "never misread silently"). Each guard refuses its construct
// with a ParseError that says how to write it today, instead of letting the
// grammar read it as a product or a power. Each is one small token pass, named
// after the construct, so that a later reading of the construct replaces it:
//
// - `refuseTextTransposes`: a plain-text superscript T (`theta^T`) is a transpose, not a
//   power (LaTeX reads transposes: src/parse/matrix-tokens.ts);
// - `refuseUnknownOperators`: `\operatorname{diag}`, `\mathrm{foo}(x)`: an
//   operator the function table does not have is not a name times its argument;
// - `userFunctions`: `J(\theta) = …`, `\sigma(z) = …` define functions, and later
//   `f(2y)` is their call rather than a product (it reads them rather than refusing them).

import type moo from 'moo';
import { ALL_REDUCTIONS } from '../core/reductions.js';
import { appliedFunction, FUNCTIONS, functionByName } from '../functions.js';
import { closest, fail, type Tok } from './tokens.js';
import { isVectorOperator } from './vectors.js';

// ---------------------------------------------------------------------------
// Raw-token helpers (also used by src/parse/matrix-tokens.ts)

/** Raw tokens that are only spacing. */
const SPACING = new Set(['\\,', '\\;', '\\:', '\\!', '\\ ', '~']);
export const isSpace = (t: moo.Token) => t.type === 'ws' || t.type === 'nl' || SPACING.has(t.value);

/** The braced name of a `\text{…}`-like raw token (`\mathrm{T}` → `T`), else null. */
export function bracedName(t: moo.Token): { head: string; name: string } | null {
  if (t.type !== 'textName') return null;
  const open = t.value.indexOf('{');
  return { head: t.value.slice(0, open).trim(), name: t.value.slice(open + 1, -1).trim() };
}

// ---------------------------------------------------------------------------
// Transposes

/** Plain text: `theta^T` is refused on any base; the power with exponent T is `x^(T)`. */
export function refuseTextTransposes(ts: readonly Tok[], source: string): void {
  ts.forEach((t, i) => {
    const next = ts[i + 1];
    if (t.type !== 'caret' || next?.type !== 'name' || next.value !== 'T' || ts[i + 2]?.type === 'primes' || ts[i + 2]?.type === 'lbrack') return;
    fail(
      "'^T' reads as a transpose, and matrix notation is read in LaTeX only (\\theta^\\top x): in plain text write products in index form "
      + '(theta^T * x is sum(j, theta[j]*x[j])); for a power with exponent T, write ^(T)',
      t.offset, next.offset + next.text.length - t.offset, source,
    );
  });
}

// ---------------------------------------------------------------------------
// Operators the function table does not have

const KNOWN_FUNCTIONS = (): string => FUNCTIONS.map((f) => f.name).join(', ');

/** `; did you mean \operatorname{sigmoid}?` for a name close to a function's, else '' (a guess from two letters would be noise). */
function functionSuggestion(name: string): string {
  const guess = name.length < 3 ? undefined : closest(name, FUNCTIONS.flatMap((f) => [f.name, ...f.names]));
  return guess === undefined ? '' : `; did you mean \\operatorname{${guess}}?`;
}

/**
 * `\operatorname{…}` is an operator, so one the function table lacks is refused
 * (write `\text{lr}` for a name); `\mathrm{word}(…)` applied like a function is
 * refused with both readings.
 */
export function refuseUnknownOperators(raw: readonly moo.Token[], source: string): void {
  const ts = raw.filter((t) => !isSpace(t));
  ts.forEach((t, i) => {
    const braced = bracedName(t);
    if (braced === null || !/^[A-Za-z][A-Za-z0-9]*$/.test(braced.name) || functionByName(braced.name) !== undefined || isVectorOperator(braced.name)) return;
    const { head, name } = braced;
    const spelling = `${head}{${name}}`;
    if (head.startsWith('\\operatorname')) { // also `\operatorname*`
      fail(`unknown operator ${spelling}${functionSuggestion(name)} (known functions: ${KNOWN_FUNCTIONS()}); `
        + `for a variable named ${name}, write \\text{${name}}`, t.offset, t.text.length, source);
    }
    const next = ts[i + 1];
    const applied = next !== undefined && (next.value === '(' || (next.type === 'left' && next.value.endsWith('(')));
    if (head === '\\mathrm' && name.length > 1 && applied) {
      fail(`${spelling}(…) reads as a function, but ${name} is not a known function${functionSuggestion(name)} `
        + `(known: ${KNOWN_FUNCTIONS()}); for the product, write ${spelling} \\cdot (…)`, t.offset, t.text.length, source);
    }
  });
}

// ---------------------------------------------------------------------------
// Function definitions (issue 9): `J(\theta) = …`, `f(x) = x^2; E = f(2y)`, `\sigma(z) = …`

export interface DefinitionHeads {
  /** Token types that name a function or a variable at the head of `f(x) = …`. */
  readonly heads: ReadonlySet<string>;
  /** Token types of a variable's name. */
  readonly names: ReadonlySet<string>;
  /** Plain text: a call's `(` must touch the name (`f (x)` is a product). */
  readonly touching: boolean;
}

/**
 * What identifies the function a head token names: the canonical function of a built-in's name (`\tanh`,
 * `\text{tanh}`, `\sigma`, `\operatorname{ReLU}`), else the name with its marks and word subscript.
 */
const headKey = (t: Tok): string => {
  const plain = t.marks === undefined && t.label === undefined;
  return (plain ? t.fn ?? appliedFunction(t.value) : undefined) ?? `${t.value}|${(t.marks ?? []).join(',')}|${t.label?.word ?? ''}`;
};

/**
 * A formula whose left side is a name applied to a parenthesised list of variables,
 * `J(\theta) = …`, `L(w, b) = …`, `\sigma(z) = …`, defines a function of that name
 * (docs/notation.md, "Function definitions, gradients and word subscripts"). From its
 * definition on, the name directly followed by `(` (or by primes and `(`: `f'(x)`) is a call
 * of it, one `userFn` token (its primes counted); so `f(2y)` is the call, not `f·(2y)`. Before
 * it, a built-in's name is still the built-in (`let*`). The name used in any other way, as a
 * variable or called before it is defined, is refused: a name is a function or a variable. A
 * head with an index (`f_k(x) = …`) or primes (`f'(x) = …`) is refused. `ts` are the tokens
 * after separators are resolved and before function heads are (`\sigma` is still a Greek
 * letter, `foo(` in plain text still a name).
 */
export function userFunctions(ts: readonly Tok[], source: string, syntax: DefinitionHeads): Tok[] {
  const closer = (k: number): number => {
    let depth = 0;
    for (let j = k; j < ts.length; j++) {
      if (ts[j]!.open !== undefined) depth++;
      else if (ts[j]!.close !== undefined && --depth === 0) return j;
    }
    return ts.length;
  };
  /** The index past a variable's subscript or `[…]` indices and primes after its name at k - 1. */
  const suffixEnd = (k: number): number => {
    let j = k;
    if (ts[j]?.type === 'primes') j++;
    if (ts[j]?.type === 'underscore') j = ts[j + 1]?.type === 'lbrace' ? closer(j + 1) + 1 : j + 2;
    else if (ts[j]?.type === 'lbrack' && ts[j]!.offset === ts[j - 1]!.offset + ts[j - 1]!.text.length) j = closer(j) + 1;
    if (ts[j]?.type === 'primes') j++;
    return j;
  };
  const opens = (k: number) => ts[k]?.type === 'lparen' && (!syntax.touching || ts[k]!.offset === ts[k - 1]!.offset + ts[k - 1]!.text.length);
  const isHead = (t: Tok | undefined): t is Tok => t !== undefined && syntax.heads.has(t.type)
    && !(t.type === 'name' && ALL_REDUCTIONS.some((r) => r.keyword === t.value)); // `sum(j, x[j]) = 1`
  const defined = new Map<string, number>(); // head key → position of its first definition
  for (let start = 0; start < ts.length; start++) {
    if ((start > 0 && ts[start - 1]!.type !== 'sep') || !isHead(ts[start])) continue;
    const afterHead = suffixEnd(start + 1);
    if (ts[afterHead]?.type !== 'lparen') continue;
    let k = afterHead + 1;
    for (;;) {
      k = ts[k] !== undefined && syntax.names.has(ts[k]!.type) ? suffixEnd(k + 1) : -1;
      if (k < 0 || ts[k]?.type !== 'comma') break;
      k++;
    }
    if (k < 0 || ts[k]?.type !== 'rparen' || ts[k + 1]?.type !== 'eq') continue;
    const head = ts[start]!;
    const lhs = source.slice(head.offset, ts[k]!.offset + ts[k]!.text.length);
    const name = source.slice(head.offset, ts[afterHead]!.offset).trim();
    if (!opens(afterHead)) { // plain text `J (theta) = …`: a product, but written where a definition stands
      fail(`${lhs} = … has a space before the parenthesis: write ${name}(…) = … for a function definition, ${name} * (…) = … for a product`, head.offset, lhs.length, source);
    }
    if (afterHead !== start + 1) {
      const primed = ts[start + 1]!.type === 'primes' && afterHead === start + 2;
      fail(primed
        ? `${lhs} = … defines a derivative: define the function, f(x) = …, and ${name}(…) is its derivative`
        : `${lhs} = … defines a function whose name has an index, which is not read: name the function without one, or write the quantity ${name} = … (its argument implicit)`,
      head.offset, lhs.length, source);
    }
    if (!defined.has(headKey(head))) defined.set(headKey(head), start);
  }
  if (defined.size === 0) return [...ts];
  const out: Tok[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const first = isHead(t) && ts[i - 1]?.type !== 'dd' && ts[i - 1]?.type !== 'underscore' ? defined.get(headKey(t)) : undefined;
    if (first === undefined) {
      out.push(t);
      continue;
    }
    const primes = ts[i + 1]?.type === 'primes' ? Number(ts[i + 1]!.value) : 0;
    const applied = opens(primes > 0 ? i + 2 : i + 1);
    if (applied && i >= first) {
      out.push({ ...t, type: 'userFn', primes, text: primes > 0 ? source.slice(t.offset, ts[i + 1]!.offset + ts[i + 1]!.text.length) : t.text });
      if (primes > 0) i++;
      continue;
    }
    const builtIn = t.fn !== undefined || appliedFunction(t.value) !== undefined;
    if (applied && builtIn && primes === 0) { // the built-in, before the user's definition
      out.push(t);
      continue;
    }
    const written = t.text.trim();
    fail(`${written} is defined as a function at ${lineColumn(source, ts[first]!.offset)} and is used here ${applied ? 'before its definition' : 'without arguments'}: `
      + `a name is either a function or a variable; call it as ${written}(…) after its definition, or name the variable with another letter`, t.offset, written.length, source);
  }
  return out;
}

/** `1:5`: where a definition starts, for messages. */
function lineColumn(source: string, offset: number): string {
  const before = source.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}
