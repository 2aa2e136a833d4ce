// Running the CLI in-process, as the tests do: `runCli` with an `Io` that collects the output.

import { runCli } from '../../src/cli/run.js';

export interface CliResult {
  readonly code: number;
  /** What was written to standard output, one `out()` call a line. */
  readonly out: string;
  readonly err: string;
}

/** The exit code and output of `kronecker …argv`; `trim` drops the final line break. */
export async function cli(argv: readonly string[], options: { trim?: boolean } = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli([...argv], { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return options.trim === false ? { code, out, err } : { code, out: out.trim(), err: err.trim() };
}
