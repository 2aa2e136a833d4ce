// Errors the CLI reports as a short message and a non-zero exit, never a stack trace.

/** Bad command-line usage: unknown option, missing argument. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes: 0 ok, 1 a check failed, 2 bad input or usage, 70 an internal error (a bug). */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 70 } as const;
