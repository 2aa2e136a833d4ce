#!/usr/bin/env node
// The `kronecker` executable: the CLI bound to this process's argv and streams.
//
// A write that fails ends the process quietly, with an exit code of its own
// (docs/cli.md, "Exit codes"), never a stack trace: the reader of a pipe went
// away (`kronecker … | head`, EPIPE): 141, as a process killed by SIGPIPE ends,
// without a message; any other write error (a full disk, ENOSPC): one line on
// stderr and 74 (EX_IOERR of sysexits.h, as 70 is EX_SOFTWARE).

import { EXIT } from './errors.js';
import { runCli } from './run.js';

const line = (stream: NodeJS.WriteStream) => (text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

const writeFailed = (name: string) => (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.brokenPipe);
  if (name !== 'standard error') {
    process.stderr.removeAllListeners('error');
    process.stderr.on('error', () => process.exit(EXIT.writeFailed));
    process.stderr.write(`error: cannot write ${name}: ${err.code ?? err.message}\n`);
  }
  process.exit(EXIT.writeFailed);
};
process.stdout.on('error', writeFailed('standard output'));
process.stderr.on('error', writeFailed('standard error'));

runCli(process.argv.slice(2), { out: line(process.stdout), err: line(process.stderr) }).then((code) => {
  process.exitCode = code;
});
