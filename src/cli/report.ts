// Turning any error into what the user sees: one short message and an exit code.
// An InputError (src/core/errors.ts) is the user's to fix: one line, plus the
// source line and a caret for a ParseError, exit 2. Anything else is a bug:
// exit 70 with a one-line note (the stack only with KRONECKER_DEBUG=1).

import { InputError } from '../core/errors.js';
import { EXIT, UsageError } from './errors.js';

export function describeError(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) {
    const where = err.command === undefined ? 'kronecker' : `kronecker ${err.command}`;
    return { message: `${where}: ${err.message} (see '${where} --help')`, code: EXIT.badInput };
  }
  if (err instanceof InputError) return { message: `error: ${err.format()}`, code: EXIT.badInput };
  const detail = process.env.KRONECKER_DEBUG === '1' && err instanceof Error ? `\n${err.stack}` : '';
  const text = err instanceof Error ? err.message : String(err);
  return { message: `internal error: ${text}${detail}\n(this is a bug in kronecker; KRONECKER_DEBUG=1 shows the stack)`, code: EXIT.internal };
}
