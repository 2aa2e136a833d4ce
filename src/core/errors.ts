// The error taxonomy. Everything a user can cause and fix is an InputError:
// text that does not parse (ParseError, src/parse/errors.ts, with a position),
// a formula or values that cannot be evaluated (EvaluationError, src/values.ts),
// bad command-line usage (UsageError, src/cli/errors.ts), and well-formed text
// that means nothing we can compute (an unknown function or definition, a
// variable that is not one). The CLI prints an InputError as one line (plus
// the source line and a caret for a ParseError) and exits 2. Any other
// exception is a bug: exit 70.

export class InputError extends Error {
  override name = 'InputError';

  constructor(message: string) {
    // One line, whatever user text the message quotes (a formula with a line break).
    super(message.replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t'));
  }

  /** What the CLI prints after `error: `: the message; a ParseError adds its source line and a caret. */
  format(): string {
    return this.message;
  }
}
