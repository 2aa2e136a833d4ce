// The installed executable (dist/, built by `npm ci` / `npm run build`): the
// process-level behaviour that runCli tests cannot see — stdin, exit codes,
// and that errors never reach the user as a stack trace.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

function kronecker(args: string[], input?: string) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm ci does it)`);
  return spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 30_000 });
}

describe('the kronecker executable', () => {
  it('reads the formula from stdin with -', () => {
    const r = kronecker(['parse', '-', '--format', 'text'], String.raw`\sum_j w_{jk} \cdot o_j`);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('sum(j, w[j,k] * o[j])');
  });

  it('exits 2 with a one-line message and a caret on bad input, no stack trace', () => {
    const r = kronecker(['derive', String.raw`\frac{1}{`, '--wrt', 'x']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unexpected end of input');
    expect(r.stderr).toContain('^');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('npm start runs the seed demo and exits 0', () => {
    const r = kronecker(['demo']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Equal to the seed's expression two: derived yes, simplified yes");
  });
});
