// One error class for everything the parser rejects: an InputError that always has a
// place (src/core/errors.ts formats it as one line plus the source line with carets
// under the offending text, never nearley's rule dump).

import { InputError, type Span } from '../core/errors.js';

export class ParseError extends InputError {
  override name = 'ParseError';
  declare readonly span: Span;

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
    super(message, { source, offset, length, ...(origin === undefined ? {} : { origin }) });
  }

  /** The same error, saying where its text came from. */
  from(origin: string): ParseError {
    return new ParseError(this.reason, this.offset, this.length, this.source, origin);
  }
}

/** A rejection decided in a grammar postprocessor, at a token; the parser turns it into a ParseError. */
export class GrammarError extends Error {
  constructor(message: string, readonly token: { readonly offset: number; readonly text: string }) {
    super(message);
  }
}
