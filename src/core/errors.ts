// The error a user can fix: bad input that is well-formed text but means
// nothing we can compute (an unknown definition, a variable that is not one).
// The CLI prints its message and exits 2; any other Error is a bug.

export class InputError extends Error {
  override name = 'InputError';
}
