// The CLI's own input error, and its exit codes.

import { InputError } from '../core/errors.js';

/** Bad command-line usage: unknown option, missing argument. Reported with a pointer to the command's --help. */
export class UsageError extends InputError {
  override name = 'UsageError';

  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

/**
 * Exit codes: 0 ok, 1 a check failed, 2 bad input or usage (an InputError), 70 an internal error (a bug);
 * and, from src/cli/main.ts, 74 the output could not be written (a full disk), 141 its reader went away (EPIPE).
 */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 70, writeFailed: 74, brokenPipe: 141 } as const;
