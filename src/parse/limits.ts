// The parser's resource limits: how long an input may be and how deeply it may
// nest. Both are checked before the grammar runs, in one pass over the tokens,
// so an input beyond them is refused in time linear in its length.
//
// Why: every later stage (building, derive, simplify, the printers, the proof
// pages, evaluation, compilation) walks the tree recursively, and Earley parsing
// of a right-scoped chain (`\log x \log x …`, `\sum_i x_i \sum_i …`) costs time
// quadratic in the chain's length (nearley has no Leo items). Measured on Node 20
// (test/bench/limits.bench.ts): 1,000 nested `\log x` parse in 0.14 s, 3,000 in
// 1.4 s; 940 nested `\sqrt{` overflowed the stack in the builder, and 475 nested
// `x^{x^{…}}` overflowed it in derive. A formula a person writes nests fewer than
// 30 levels; MAX_DEPTH leaves room for generated ones and keeps every stage far from
// the stack's end (test/limits/parse-limits.test.ts runs each construct at the limit
// through derive, --steps in every format, eval and compile).

import { ParseError } from './errors.js';

/** What the check reads of a token (src/parse/tokens.ts `Tok`). */
interface Token {
  readonly type: string;
  readonly text: string;
  readonly offset: number;
  readonly open?: string;
  readonly close?: string;
}

/** The longest input read, in UTF-16 code units: 1 MB of formulas is far beyond a page of them. */
export const MAX_INPUT_LENGTH = 1_000_000;

/** The deepest nesting read: brackets, and operators whose scope runs to the right (see `checkDepth`). */
export const MAX_DEPTH = 200;

/** Refuse an input longer than MAX_INPUT_LENGTH, pointing at where it passes the limit. */
export function checkLength(source: string): void {
  if (source.length > MAX_INPUT_LENGTH) {
    throw new ParseError(
      `input too long: ${source.length} characters, the limit is ${MAX_INPUT_LENGTH} (docs/cli.md, "Limits")`,
      MAX_INPUT_LENGTH, 0, source,
    );
  }
}

/**
 * The same limit on brackets alone, on the raw tokens, before the syntax's
 * passes (some of which recurse on braces, as `\frac`'s arguments do) read them.
 */
export function checkBrackets(raw: readonly { readonly text: string; readonly offset: number }[], source: string): void {
  let depth = 0;
  for (const t of raw) {
    const c = t.text;
    if (c === '{' || c === '(' || c === '[' || c.startsWith('\\left')) depth++;
    else if (c === '}' || c === ')' || c === ']' || c.startsWith('\\right')) depth--;
    if (depth > MAX_DEPTH) throw tooDeep(t, source);
  }
}

const tooDeep = (t: { readonly text: string; readonly offset: number }, source: string) => new ParseError(
  `formula nested too deeply: more than ${MAX_DEPTH} levels of brackets and operators (docs/cli.md, "Limits")`,
  t.offset, t.text.trim().length, source,
);

/** Tokens whose operand runs to the right until the term ends: `\sum_i`, `\log x`, `\frac{\partial}{\partial x}`, `\partial_x`, `\nabla_w`. */
const PREFIX = new Set(['reduce', 'fnCmd', 'fnName', 'fnPow', 'dOp', 'nabla']);
/** Tokens that end every right-scoped operator of their group: a term, a relation or a formula ends there. */
const ENDS = new Set(['plus', 'eq', 'rel', 'sep', 'comma', 'semi', 'quad', 'argSep', 'dots']);
/** Tokens after which a `-` is a sign, not a subtraction. */
const BEFORE_SIGN = new Set(['plus', 'minus', 'times', 'slash', 'caret', 'underscore', ...ENDS, ...PREFIX]);

/**
 * Refuse an input nesting deeper than MAX_DEPTH. The depth at a token is the
 * number of brackets open around it plus, in each of them, the right-scoped
 * operators still open: a reduction, an unparenthesised function head, a
 * derivative operator or a sign each opens a level that lasts until a `+`, `-`,
 * relation or separator ends the term; a `^` opens one that lasts while the power
 * tower goes on (`x^x^x` in plain text). The count may exceed the tree's depth
 * (it never falls below it), so the limit is a bound, not a measurement.
 */
export function checkDepth(tokens: readonly Token[], source: string): void {
  // Per open bracket: the right-scoped operators and the carets of the power tower open in it.
  const groups: { ops: number; tower: number }[] = [{ ops: 0, tower: 0 }];
  let depth = 0;
  let prev: Token | undefined;
  for (let at = 0; at < tokens.length; at++) {
    const t = tokens[at]!;
    const g = groups[groups.length - 1]!;
    // A power tower ends at the first token after a complete exponent that is not another `^`.
    if (g.tower > 0 && t.type !== 'caret' && prev !== undefined && prev.type !== 'caret' && prev.type !== 'minus' && prev.open === undefined) {
      depth -= g.tower;
      g.tower = 0;
    }
    if (t.open !== undefined) {
      groups.push({ ops: 0, tower: 0 });
      depth++;
    } else if (t.close !== undefined && groups.length > 1) {
      const closed = groups.pop()!;
      depth -= 1 + closed.ops + closed.tower;
    } else if (t.type === 'caret') {
      g.tower++;
      depth++;
    } else if (ENDS.has(t.type) || (t.type === 'minus' && !isSign(prev))) {
      depth -= g.ops;
      g.ops = 0;
    } else if (PREFIX.has(t.type) || t.type === 'minus' || isDerivativeOperator(tokens, at)) {
      g.ops++;
      depth++;
    }
    if (depth > MAX_DEPTH) throw tooDeep(t, source);
    prev = t;
  }
}

/** A `-` is a sign at the start, after an opener, or after an operator. */
function isSign(prev: Token | undefined): boolean {
  return prev === undefined || prev.open !== undefined || BEFORE_SIGN.has(prev.type);
}

/** `\frac{\partial}{\partial x}` (or `\frac{d}{dx}`) at `at`: an operator on the product to its right. */
function isDerivativeOperator(tokens: readonly Token[], at: number): boolean {
  return tokens[at]!.type === 'frac' && tokens[at + 1]?.type === 'lbrace' && tokens[at + 2]?.type === 'dOp';
}
