#!/usr/bin/env node
// kronecker: the command line. One file per command; this file only dispatches
// and turns every error into a short message and an exit code.

import { createRequire } from 'node:module';
import { type Command, parseCommandArgs } from './command.js';
import { EXIT, UsageError } from './errors.js';
import { describeError } from './report.js';
import { parseCommand } from './parse.js';
import { deriveCommand } from './derive.js';
import { simplifyCommand } from './simplify.js';
import { evalCommand } from './eval.js';
import { compileCommand } from './compile.js';
import { demoCommand } from './demo.js';

const COMMANDS: readonly Command[] = [parseCommand, deriveCommand, simplifyCommand, evalCommand, compileCommand, demoCommand];

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../../../package.json') as { version: string }).version;
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

Docs: docs/cli.md, docs/notation.md. Exit codes: 0 ok, 1 a --check failed, 2 bad input.
`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) throw new UsageError(`unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
  const args = parseCommandArgs(command, rest);
  if (args.values.help === true) {
    process.stdout.write(command.help);
    return EXIT.ok;
  }
  return command.run(args, (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`));
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    const { message, code } = describeError(err);
    process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
    process.exitCode = code;
  },
);
