// The shape every command file exports, and the shared option parser.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  readonly name: string;
  /** The full `--help` text. */
  readonly help: string;
  readonly options: Options;
  /** Writes results through `io.out` and notes (check reports) through `io.err`; returns the exit code. */
  run(args: ParsedArgs, io: Io): Promise<number> | number;
}

/** Where a command writes: results to `out` (stdout), notes to `err` (stderr). Each call is one line or block. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/** Options every formula command takes. */
export const commonOptions: Options = {
  help: { type: 'boolean', short: 'h' },
  file: { type: 'string', short: 'f' },
  syntax: { type: 'string' },
};

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  // A formula may open with a minus (`-\alpha_t \log p_t`, `-2x`), which node would take for an option:
  // an argument that starts with one `-` and is not a run of letters (`-h`, `-wf`) is held out as a value.
  const held = new Map<string, string>();
  const args = argv.map((a, n) => {
    if (!/^-[^-]/.test(a) || /^-[A-Za-z]+$/.test(a)) return a;
    const key = `\u0000${n}`;
    held.set(key, a);
    return key;
  });
  const restore = (v: string | boolean) => (typeof v === 'string' ? held.get(v) ?? v : v);
  try {
    const { values, positionals } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
    const restored = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map(restore) : v === undefined ? v : restore(v)]));
    return { values: restored, positionals: positionals.map((p) => held.get(p) ?? p) };
  } catch (err) {
    // node's messages are good ("Unknown option '--x'"); keep them, drop the error code.
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''), command.name);
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

export function choiceOption<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = stringOption(args, name);
  if (v === undefined) return fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${name} must be one of ${choices.join(', ')} (got '${v}')`);
}
