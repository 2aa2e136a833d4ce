// Turning any error into what the user sees: one short message and an exit code.
// Input problems exit 2; a bug exits 70 with a one-line note (the stack only
// with KRONECKER_DEBUG=1), never a raw stack trace.

import { EvaluationError } from '../values.js';
import { ParseError } from '../parse/index.js';
import { EXIT, UsageError } from './errors.js';
import { InputError } from '../core/errors.js';

export function describeError(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) {
    const where = err.command === undefined ? 'kronecker' : `kronecker ${err.command}`;
    return { message: `${where}: ${err.message}\nRun '${where} --help' for usage.`, code: EXIT.badInput };
  }
  if (err instanceof ParseError) return { message: `error: ${err.message} (${err.line}:${err.column})`, code: EXIT.badInput };
  if (err instanceof InputError || err instanceof EvaluationError) return { message: `error: ${err.message}`, code: EXIT.badInput };
  const detail = process.env.KRONECKER_DEBUG === '1' && err instanceof Error ? `\n${err.stack}` : '';
  const text = err instanceof Error ? err.message : String(err);
  return { message: `internal error: ${text}${detail}\n(this is a bug in kronecker; KRONECKER_DEBUG=1 shows the stack)`, code: EXIT.internal };
}
