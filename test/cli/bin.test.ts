// The installed executable (dist/, built by `npm ci` / `npm run build`): the
// process-level behaviour that runCli tests cannot see — stdin, exit codes,
// and that errors never reach the user as a stack trace.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The compiled modules, and the executable package.json installs: their esbuild bundle (scripts/bundle.mjs).
const BINS = ['../../dist/src/cli/main.js', '../../dist/bin/kronecker.cjs'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
/** The installed executable's V8 code cache (src/cli/launch.ts), here a directory of the test's own. */
const CACHE = mkdtempSync(join(tmpdir(), 'kronecker-cache-'));

describe.each(BINS)('the kronecker executable %s', (BIN) => {
  function kronecker(args: string[], input?: string) {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm ci does it)`);
    return spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 30_000, env: { ...process.env, XDG_CACHE_HOME: CACHE } });
  }

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

  it('writes a module that runs, and checks its inputs with the library\'s messages (the bundle carries bind\'s own source)', async () => {
    const r = kronecker(['compile', String.raw`\sum_j w_{jk} o_j`, '--emit', 'js']);
    expect(r.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-module-'));
    const file = join(dir, 'm.mjs');
    writeFileSync(file, r.stdout);
    const m = (await import(file)) as { run: (values: unknown, sizes?: unknown) => Float64Array };
    expect([...m.run({ w: [[1, 2], [3, 4]], o: [1, 1] })]).toEqual([4, 6]);
    expect(() => m.run({ w: [[1, 2], [3]], o: [1, 1] })).toThrow("input 'w' must be a 2-d array indexed [j][k]: w[1] is not an array of length 2 (ragged array)");
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm start runs the seed demo and exits 0', () => {
    const r = kronecker(['demo']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Equal to the seed's expression two: derived yes, simplified yes");
  });

  it('loads KaTeX only for an HTML page', () => {
    // The process, with a hook that reports at exit whether katex was required (src/proof/html.ts requires it on first use).
    const probe = (args: string[]) => spawnSync(process.execPath, [
      '--input-type=module', '-e',
      `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(BIN)});
       process.on('exit', () => process.stderr.write('katex loaded: ' + Object.keys(require.cache).some((k) => /[\\/]katex[\\/]/.test(k)) + '\\n'));
       process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}]; await import(${JSON.stringify(BIN)});`,
    ], { encoding: 'utf8', timeout: 30_000 });
    expect(probe(['derive', 'x^2', '--wrt', 'x']).stderr).toContain('katex loaded: false');
    expect(probe(['derive', 'x^2', '--wrt', 'x', '--steps', '--format', 'html']).stderr).toContain('katex loaded: true');
  });
});

describe('the installed executable\'s code cache (src/cli/launch.ts)', () => {
  const BIN = BINS[1]!;
  const run = (cache: string) => spawnSync(process.execPath, [BIN, 'derive', 'x^3 + \\sin(x)', '--wrt', 'x'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, XDG_CACHE_HOME: cache } });

  it('is written by the first run of a command and used by the next, with the same output; a damaged cache is only a slower start', { timeout: 60_000 }, () => {
    const cache = mkdtempSync(join(tmpdir(), 'kronecker-cache-'));
    try {
      const first = run(cache);
      expect(first.status).toBe(0);
      const files = readdirSync(join(cache, 'kronecker'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/-derive\.v8cache$/);
      const second = run(cache);
      expect(second.stdout).toBe(first.stdout);
      // A cache of an earlier build is replaced by the next write.
      writeFileSync(join(cache, 'kronecker', '1-2-v0-x-derive.v8cache'), 'old');
      rmSync(join(cache, 'kronecker', files[0]!));
      run(cache);
      expect(readdirSync(join(cache, 'kronecker'))).toEqual(files);
      writeFileSync(join(cache, 'kronecker', files[0]!), 'not a cache');
      const damaged = run(cache);
      expect(damaged.status).toBe(0);
      expect(damaged.stdout).toBe(first.stdout);
      for (const unwritable of ['/proc/kronecker-no-such-dir', join(cache, 'kronecker', files[0]!, 'below-a-file')]) {
        const r = run(unwritable);
        expect(r.status, unwritable).toBe(0);
        expect(r.stdout).toBe(first.stdout);
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
