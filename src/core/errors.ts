// The error taxonomy. Everything a user can cause and fix is an InputError:
// text that does not parse (ParseError, src/parse/errors.ts), a formula or
// values that cannot be evaluated (EvaluationError, src/values.ts), bad
// command-line usage (UsageError, src/cli/errors.ts), and well-formed text
// that means nothing we can compute (an unknown function or definition, a
// variable that is not one). An error about something the user wrote says
// where: `reason (line:column)`, and `format()` adds the source line and a
// caret (./source.ts finds a node's place in its text). The CLI prints an
// InputError as `format()` and exits 2. Any other exception is a bug: exit 70.

import type { Expr } from './ast.js';

/** A stretch of the user's text: 0-based offset and length (0 at the end of the input). */
export interface Span {
  readonly source: string;
  readonly offset: number;
  readonly length: number;
  /** Where the text came from (`--where`, a file name); absent for the formula itself. */
  readonly origin?: string;
}

export class InputError extends Error {
  override name = 'InputError';
  /** The message without its position (`message` is `reason (line:column)` once the error has a place). */
  readonly reason: string;
  /** What in the formula the error is about, until it is given a place in the user's text (./source.ts `within`); not enumerable, so that a logged error does not print a tree. */
  declare readonly about: Expr | null;
  /** Where in the user's text the error is. */
  span: Span | null = null;
  /** 1-based line and column of `span` (0 without one). */
  line = 0;
  column = 0;

  /** `at`: the place in the text, or the node the error is about (placed by the operation that read it). */
  constructor(message: string, at: Span | Expr | null = null) {
    // One line, whatever user text the message quotes (a formula with a line break).
    const reason = message.replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t');
    super(reason);
    this.reason = reason;
    Object.defineProperty(this, 'about', { value: at !== null && !('source' in at) ? at : null, enumerable: false });
    if (at !== null && 'source' in at) this.place(at);
  }

  /** Give the error its place: `message` becomes `reason (line:column)`, with the text's origin first. */
  place(span: Span): void {
    const { line, column } = lineAndColumn(span.source, span.offset);
    Object.assign(this, { span, line, column });
    this.message = `${span.origin === undefined ? '' : `in ${span.origin}: `}${this.reason} (${line}:${column})`;
  }

  /** What the CLI prints after `error: `: the message, and with a place the source line and `^^^` under it. */
  format(): string {
    if (this.span === null) return this.message;
    const text = this.span.source.split(/\r?\n/)[this.line - 1] ?? '';
    const width = Math.max(1, Math.min(this.span.length, text.length - (this.column - 1)));
    return `${this.message}\n${text}\n${' '.repeat(this.column - 1)}${'^'.repeat(width)}`;
  }
}

export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
