// The token stream the grammars read, and the passes shared by both syntaxes.
//
// moo cuts the source into raw tokens; a per-syntax `refine` function turns
// them into grammar tokens. Decisions that need one token of lookahead (is
// `\sigma` applied to a parenthesis? is this `d` a differential?) are taken
// here, so the grammars stay unambiguous without nearley's `reject`.

import type moo from 'moo';
import type { Index } from '../core/ast.js';
import type { Label, Mark } from '../core/names.js';
import { ALL_REDUCTIONS } from '../core/reductions.js';
import { ParseError } from './errors.js';
import { EOF } from './lookahead.js';
import { checkBrackets, checkDepth, checkLength } from './limits.js';

/** The Greek letters a name may be, as LaTeX control words without the backslash (`\alpha` is `alpha`). */
export const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi',
  'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'ell', // `\ell`: a letter-like symbol (a loss, a layer index `a^{[\ell]}`), read like a Greek letter
];

/** A name as LaTeX writes it, marks aside, for messages: `\theta` for `theta`, `w` for `w`. */
export function latexSpelling(name: string): string {
  return `${GREEK.includes(name) ? '\\' : ''}${name}`;
}

/** A grammar token. `type` is what the grammar matches (`%letter`); `value` is normalised (`lambda`, `<=`). */
export interface Tok {
  type: string;
  value: string;
  /** The source text, for error messages. */
  text: string;
  offset: number;
  /** For function heads: the canonical function name and the spelling to record (null = house style). */
  fn?: string;
  spelling?: string | null;
  /** For openers: a key that the matching closer must carry in `close`. */
  open?: string;
  close?: string;
  /** For a superscript index `^{(i)}` (one `supIndex` token, its value the bracket): the index. */
  index?: Index;
  /** For a decorated name (`\hat{y}`, `hat(y)`; one `decorated` token, its value the base name): the marks, outermost first. */
  marks?: readonly Mark[];
  /** For a name with a word subscript (`D_{\mathrm{KL}}`, `D.KL`; a `decorated` token): the word. */
  label?: Label;
  /** For a call of a user-defined function (`userFn`, `f'(x)`): the number of primes on its head. */
  primes?: number;
}

export type Refine = (raw: readonly moo.Token[], source: string) => Tok[];

/** A nearley lexer over the refined tokens of one input. */
export class TokenStream {
  private tokens: Tok[] = [];
  private next_ = 0;
  private ready = false;
  /** The offset just past the last token, where "unexpected end of input" points. */
  end = 0;

  constructor(
    /** The compiled moo lexer, compiled on the first parse (a process that reads only LaTeX never compiles the text rules). */
    private readonly moo: () => moo.Lexer,
    private readonly refine: Refine,
  ) {}

  /**
   * A stream of its own for one parse, so that no input outlives its call.
   * It shares the compiled moo lexer, which `reset` uses up at once and empties.
   */
  clone(): TokenStream {
    return new TokenStream(this.moo, this.refine);
  }

  reset(chunk: string, _info?: unknown): void {
    checkLength(chunk);
    const lexer = this.moo();
    lexer.reset(chunk);
    const raw = Array.from(lexer);
    lexer.reset('');
    checkBrackets(raw, chunk);
    this.tokens = this.refine(raw, chunk);
    checkDepth(this.tokens, chunk);
    this.next_ = 0;
    this.ready = true;
    this.end = chunk.trimEnd().length;
  }

  next(): Tok | undefined {
    return this.tokens[this.next_++];
  }

  /** The k-th token `next` handed out (0-based): where a rule starts and ends (./located.ts). */
  tokenAt(k: number): Tok | undefined {
    return this.tokens[k];
  }

  /** The type of the token `next` returns next (`EOF` after the last), or null before `reset`: src/parse/lookahead.ts. */
  peekType(): string | null {
    if (!this.ready) return null;
    return this.tokens[this.next_]?.type ?? EOF;
  }

  /** Nothing to save: `reset` reads the whole input at once (nearley feeds it in one chunk). */
  save(): Record<string, never> {
    return {};
  }

  formatError(token: Tok): string {
    return `unexpected ${describe(token)}`;
  }

  /** Every `%name` in the grammars is a token type (nearley would otherwise look for a JS variable of that name). */
  has(_type: string): boolean {
    return true;
  }
}

/** `make()`, computed on the first call and remembered. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** How a token is named in "unexpected …" messages. */
export function describe(t: Tok): string {
  return t.type === 'sep' && /\n/.test(t.text) ? 'line break' : `'${t.text.trim()}'`;
}

export function tok(t: moo.Token, type: string, value: string = t.value): Tok {
  return { type, value, text: t.text, offset: t.offset };
}

export function fail(message: string, offset: number, length: number, source: string): never {
  throw new ParseError(message, offset, length, source);
}

/**
 * Check that openers and closers pair up, and turn the separators that sit
 * outside every bracket into `sep` tokens (consecutive ones collapse, leading
 * and trailing ones vanish). Inside brackets a newline or `\quad` is only
 * spacing, and a comma separates indices or arguments.
 */
export function balanceAndSeparate(tokens: readonly Tok[], source: string, separators: ReadonlySet<string>, spacing: ReadonlySet<string>): Tok[] {
  const out: Tok[] = [];
  const stack: Tok[] = [];
  for (const t of tokens) {
    if (t.open !== undefined) stack.push(t);
    else if (t.close !== undefined) {
      const opener = stack.pop();
      if (opener === undefined) fail(`unmatched ${describe(t)}`, t.offset, t.text.trim().length, source);
      if (opener.open !== t.close) {
        fail(`${describe(t)} does not match ${describe(opener)}`, t.offset, t.text.trim().length, source);
      }
    }
    if (stack.length === 0 && separators.has(t.type)) {
      if (out.length > 0 && out[out.length - 1]!.type !== 'sep') out.push({ ...t, type: 'sep' });
      continue;
    }
    if (separators.has(t.type) && spacing.has(t.type)) continue;
    out.push(t);
  }
  const open = stack.pop();
  if (open !== undefined) {
    fail(`unexpected end of input: ${describe(open)} is not closed`, source.trimEnd().length, 0, source);
  }
  if (out.length > 0 && out[out.length - 1]!.type === 'sep') out.pop();
  return out;
}

/** Characters that arrive when formulas are copied from rendered pages, and what to type instead. */
const UNICODE_HINTS: Record<string, { latex: string; text: string }> = {
  '\u2212': { latex: '-', text: '-' }, '\u22c5': { latex: '\\cdot', text: '*' }, '\u00b7': { latex: '\\cdot', text: '*' },
  '\u00d7': { latex: '\\times', text: '*' },
  '\u2202': { latex: '\\partial', text: 'd/dx(…)' }, '\u03c3': { latex: '\\sigma', text: 'sigmoid' },
  '\u2260': { latex: '\\neq', text: '!=' }, '\u2264': { latex: '\\le', text: '<=' }, '\u2265': { latex: '\\ge', text: '>=' },
  '\u03b4': { latex: '\\delta', text: 'delta' },
  ...Object.fromEntries(ALL_REDUCTIONS.flatMap((r) => (r.pasted === null ? [] : [[r.pasted, { latex: r.latex, text: `${r.keyword}(j, …)` }]]))),
};

/** "invalid character '−'; write - instead". */
export function invalidCharacter(ch: string, syntax: 'latex' | 'text'): string {
  const hint = UNICODE_HINTS[ch];
  return `invalid character '${ch}'${hint === undefined ? '' : `; write ${hint[syntax]} instead`}`;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate within a distance that still looks like a typo, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** A decorated name read at a token: the base name's token, the marks outermost first, and the position after it. */
export interface Decorated {
  readonly base: Tok;
  readonly marks: readonly Mark[];
  readonly next: number;
}

/**
 * Each decorated name becomes one `decorated` token: the base name its value, the marks outermost
 * first. `starts` says where a decoration begins and `read` reads it; both are the syntax's own
 * (`\hat{y}` in LaTeX, `hat(y)` in plain text).
 */
export function mergeDecorated(
  ts: readonly Tok[], source: string, starts: (ts: readonly Tok[], i: number) => boolean,
  read: (ts: readonly Tok[], i: number, source: string) => Decorated,
): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (!starts(ts, i)) {
      out.push(t);
      continue;
    }
    const { base, marks, next } = read(ts, i, source);
    const last = ts[next - 1]!;
    out.push({ type: 'decorated', value: base.value, text: source.slice(t.offset, last.offset + last.text.length), offset: t.offset, marks: [...marks] });
    i = next - 1;
  }
  return out;
}
