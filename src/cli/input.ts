// Where a command's formula comes from: the argument, stdin (`-`), or a file (`-f FILE`).

import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

export interface FormulaSource {
  readonly text: string;
  /** For messages: `argument`, `stdin` or the file name. */
  readonly origin: string;
}

export function readFormula(positionals: readonly string[], file: string | undefined, command: string): FormulaSource {
  if (file !== undefined) {
    if (positionals.length > 0) throw new UsageError('give the formula either as an argument or with -f FILE, not both', command);
    return { text: readText(file), origin: file };
  }
  if (positionals.length === 1 && positionals[0] === '-') return { text: readText('-'), origin: 'stdin' };
  if (positionals.length === 0) throw new UsageError('no formula given (pass it as an argument, - for stdin, or -f FILE)', command);
  // The shell may have split an unquoted formula: the words are one formula. But a word that is a
  // long option (`… -- 'x^2' --check`) was meant as one: read, it would be `- -c h e c k`.
  const option = positionals.find((w) => /^--[a-z][a-z-]*(=.*)?$/.test(w));
  if (positionals.length > 1 && option !== undefined) {
    throw new UsageError(`'${option}' after the formula is read as part of it: put options before the formula (or before --)`, command);
  }
  return { text: positionals.join(' '), origin: 'argument' };
}

export function readText(file: string): string {
  try {
    // A byte-order mark (editors on Windows write one) is not part of the formula.
    return readFileSync(file === '-' ? 0 : file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new UsageError(`cannot read ${file === '-' ? 'stdin' : file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
