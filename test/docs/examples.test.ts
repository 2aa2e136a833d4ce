// The command-line examples of the README and docs/ are run, and what they print is compared
// with what the page says they print: a page cannot drift from the program.
//
// In a ```sh block, a line `$ kronecker …` (continued by a trailing `\`) is a command and the
// lines up to the next command or the end of the block are its output (stdout, then stderr,
// as a terminal shows them). A command with no output lines must exit 0. Lines without `$`
// that start with `kronecker` are commands whose output the page does not show: they must exit
// 0. Each command runs in bash, in a temporary directory (examples write `proof.html`,
// `grad.mjs`), with `kronecker` on PATH standing for the built executable. The examples of every
// command's --help run the same way: a `# comment` after one is the first line it prints (a
// trailing `…` shortens it), and each must exit 0.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist/src/cli/main.js');

export interface Example {
  readonly page: string;
  readonly line: number;
  readonly command: string;
  /** The output lines the page shows; null where it shows none (`kronecker …` without `$`). */
  readonly output: readonly string[] | null;
}

/** Every example of a Markdown page. */
export function examplesOf(page: string, text: string): Example[] {
  const lines = text.split('\n');
  const examples: Example[] = [];
  let inBlock = false;
  let current: { line: number; command: string; output: string[] | null } | null = null;
  const flush = () => {
    if (current !== null) examples.push({ page, ...current });
    current = null;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (/^```/.test(line)) {
      flush();
      inBlock = !inBlock && line.trim() === '```sh';
      continue;
    }
    if (!inBlock) continue;
    const shown = /^\$ (?=\S*kronecker|echo )/.test(line);
    const bare = /^kronecker /.test(line);
    if (shown || bare) {
      flush();
      let command = shown ? line.slice(2) : line;
      const start = n + 1;
      while (command.endsWith('\\') && n + 1 < lines.length) command = `${command}\n${lines[++n]!}`;
      current = { line: start, command, output: shown ? [] : null };
    } else if (current !== null && current.output !== null && line.trim() !== '') {
      current.output.push(line);
    } else if (line.trim() === '') {
      flush();
    }
  }
  flush();
  return examples;
}

function pages(): { page: string; text: string }[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', ...docs].map((page) => ({ page, text: readFileSync(join(ROOT, page), 'utf8') }));
}

/** The examples of a --help text: `kronecker …` lines (a line ending in `|` goes on), a `# …` comment the first output line. */
export function helpExamples(command: string, help: string): Example[] {
  const lines = help.slice(help.search(/^Examples?:$/m)).split('\n').slice(1);
  const out: Example[] = [];
  let pending = '';
  lines.forEach((line, n) => {
    const text = line.trim();
    if (text === '') return;
    const [, cmd, comment] = /^(.*?)(?:\s{2,}#\s*(.*))?$/.exec(text)!;
    if (cmd!.endsWith('|')) {
      pending += `${cmd} `;
      return;
    }
    out.push({ page: `kronecker ${command} --help`, line: n + 1, command: pending + cmd!, output: comment === undefined ? null : [comment] });
    pending = '';
  });
  return out;
}

const COMMANDS = ['parse', 'derive', 'simplify', 'eval', 'compile', 'demo'];
const helps = COMMANDS.flatMap((c) => {
  const r = spawnSync(process.execPath, [BIN, c, '--help'], { encoding: 'utf8' });
  return helpExamples(c, r.stdout);
});
const examples = [...pages().flatMap(({ page, text }) => examplesOf(page, text)), ...helps];
const bin = mkdtempSync(join(tmpdir(), 'kronecker-bin-'));
writeFileSync(join(bin, 'kronecker'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(bin, 'kronecker'), 0o755);

describe('the examples of the README and docs/', () => {
  it('finds the examples (the extraction itself works)', () => {
    expect(examples.length).toBeGreaterThan(20);
    expect(helps.length).toBeGreaterThanOrEqual(COMMANDS.length);
    expect(helpExamples('eval', 'Example:\n  echo 1 |\n    kronecker eval x      # 2\n')).toEqual([
      { page: 'kronecker eval --help', line: 2, command: 'echo 1 | kronecker eval x', output: ['2'] },
    ]);
    expect(examplesOf('x', '```sh\n$ kronecker a \\\n  b\nout 1\nout 2\n\nkronecker c\n```\n$ kronecker d\n')).toEqual([
      { page: 'x', line: 2, command: 'kronecker a \\\n  b', output: ['out 1', 'out 2'] },
      { page: 'x', line: 7, command: 'kronecker c', output: null },
    ]);
  });

  it.each(examples.map((e) => [`${e.page}:${e.line}`, e] as const))('%s', (_where, e) => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm ci does it)`);
    const cwd = mkdtempSync(join(tmpdir(), 'kronecker-example-'));
    const r = spawnSync('bash', ['-c', `exec 2>&1\n${e.command}`], {
      cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    if (e.output === null || e.output.length === 0) {
      expect(r.status, r.stdout).toBe(0);
      return;
    }
    const printed = r.stdout.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
    if (e.page.endsWith('--help')) {
      expect(r.status, r.stdout).toBe(0);
      const shown = e.output[0]!;
      if (shown.endsWith('…')) expect(printed[0]).toContain(shown.slice(0, -1).trimEnd());
      else expect(printed[0]).toBe(shown);
      return;
    }
    expect(printed).toEqual(e.output.map((l) => l.trimEnd()));
  }, 60_000);
});
