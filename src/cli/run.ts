// The command line as a function: argv in, text out, an exit code back.
// One file per command; this file only dispatches and turns every error into
// a short message and an exit code. `main.ts` binds it to the process.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, type Io, parseCommandArgs } from './command.js';
import { EXIT, UsageError } from './errors.js';
import { describeError } from './report.js';

/** A command by name and summary; its module (and what it needs: KaTeX for HTML, the compiler) loads only when it runs. */
interface Entry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Entry[] = [
  { name: 'parse', summary: 'parse a formula and print it back (LaTeX, text, or the AST as JSON)', load: async () => (await import('./parse.js')).parseCommand },
  { name: 'derive', summary: 'differentiate a formula with respect to a variable, simplified', load: async () => (await import('./derive.js')).deriveCommand },
  { name: 'simplify', summary: 'evaluate the derivatives inside a formula and simplify it', load: async () => (await import('./simplify.js')).simplifyCommand },
  { name: 'eval', summary: 'evaluate a formula on numeric inputs', load: async () => (await import('./eval.js')).evalCommand },
  { name: 'compile', summary: 'compile a formula or its derivative to a JavaScript, NumPy or PyTorch module', load: async () => (await import('./compile.js')).compileCommand },
  { name: 'demo', summary: "the seed's derivation: ∂E/∂w_{jk}, expression one → expression two", load: async () => (await import('./demo.js')).demoCommand },
];

/** The package's version, from the nearest package.json above this file (src/cli in tests, dist/src/cli when built). */
function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `kronecker ${version()} — differentiate formulas written in index notation

Usage: kronecker <command> [options] <formula>

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

The formula is the argument (quote it for the shell), '-' to read stdin, or -f FILE.
A formula that starts with '-' goes after '--': kronecker parse -- "-x^2".
LaTeX or plain text, detected automatically (--syntax latex|text to force).

Options:
  -h, --help     this text; 'kronecker <command> --help' for a command's options
  -v, --version  print the version

Examples:
  kronecker demo
  kronecker derive "E = \\sum_k (t_k - o_k)^2" --where "o_k = \\sigma(\\sum_j w_{jk} o_j)" --wrt "w_{jk}"
  kronecker parse "sum(j, w[j,k]*o[j])" --format latex

Docs: docs/cli.md, docs/notation.md. Exit codes: 0 ok, 1 a --check failed, 2 bad input
(one line saying what and where, as (line:column), then the text it is in with a caret under it).
`;
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const names = COMMANDS.map((c) => c.name).join(', ');
  if (name === undefined) throw new UsageError(`no command given (commands: ${names})`);
  if (name === '-h' || name === '--help' || name === 'help') {
    io.out(mainHelp());
    return EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    io.out(version());
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) throw new UsageError(`unknown command '${name}' (commands: ${names})`);
  const command = await entry.load();
  const args = parseCommandArgs(command, [...rest]);
  if (args.values.help === true) {
    io.out(command.help);
    return EXIT.ok;
  }
  return command.run(args, io);
}

/** Run the CLI on `argv` (without `node` and the script); never throws. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    const { message, code } = describeError(err);
    io.err(message);
    return code;
  }
}
