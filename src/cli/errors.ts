// The CLI's own input error, and its exit codes.

import { InputError } from '../core/errors.js';

/** Bad command-line usage: unknown option, missing argument. Reported with a pointer to the command's --help. */
export class UsageError extends InputError {
  override name = 'UsageError';

  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

/** Exit codes: 0 ok, 1 a check failed, 2 bad input or usage (an InputError), 70 an internal error (a bug). */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 70 } as const;
