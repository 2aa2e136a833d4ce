// One error class for everything the parser rejects. It carries a position
// and a short message, and formats itself as one line plus the source line
// with carets under the offending text (never nearley's rule dump).

import { InputError } from '../core/errors.js';

export class ParseError extends InputError {
  override name = 'ParseError';
  /** The message without its position (`message` is `reason (line:column)`). */
  readonly reason: string;
  /** 1-based line of the offending text. */
  readonly line: number;
  /** 1-based column of the offending text. */
  readonly column: number;

  constructor(
    message: string,
    /** 0-based offset of the offending text in the source. */
    readonly offset: number,
    /** Length of the offending text (0 at the end of the input). */
    readonly length: number,
    /** The text that was parsed. */
    readonly source: string,
    /** Where the text came from, for messages (`--where`, a file name); absent for a formula given directly. */
    readonly origin?: string,
  ) {
    const { line, column } = lineAndColumn(source, offset);
    super(`${origin === undefined ? '' : `in ${origin}: `}${message} (${line}:${column})`);
    this.reason = message;
    this.line = line;
    this.column = column;
  }

  /** The same error, saying where its text came from. */
  from(origin: string): ParseError {
    return new ParseError(this.reason, this.offset, this.length, this.source, origin);
  }

  /** `message` (with `line:col`), the source line, and `^^^` under the offending text. */
  override format(source: string = this.source): string {
    const lines = source.split(/\r?\n/);
    const text = lines[this.line - 1] ?? '';
    const width = Math.max(1, Math.min(this.length, text.length - (this.column - 1)));
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

/** A rejection decided in a grammar postprocessor, at a token; the parser turns it into a ParseError. */
export class GrammarError extends Error {
  constructor(message: string, readonly token: { readonly offset: number; readonly text: string }) {
    super(message);
  }
}
