#!/usr/bin/env node
// The `kronecker` executable: the CLI bound to this process's argv and streams.

import { runCli } from './run.js';

const line = (stream: NodeJS.WriteStream) => (text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

runCli(process.argv.slice(2), { out: line(process.stdout), err: line(process.stderr) }).then((code) => {
  process.exitCode = code;
});
