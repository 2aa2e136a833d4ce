#!/usr/bin/env node
// The installed `kronecker` executable (dist/bin/kronecker.cjs, package.json "bin"): runs the
// CLI bundle beside it (cli.cjs: dist/src/cli/main.js bundled by scripts/bundle.mjs)
// with V8's code cache, so that a start compiles neither the bundle nor the functions the
// previous run of the command compiled. The cache lives in $XDG_CACHE_HOME/kronecker
// (~/.cache/kronecker), one file per bundle build, Node version, architecture and command,
// written after a run that had none (or whose cache V8 rejected), replacing the command's caches
// of earlier builds; any failure to read or write
// it only means a start without it. docs/performance.md
// ("Start-up") has the figures.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('./cli.cjs', import.meta.url));
const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
// V8 checks a cache against the source's length only: the key names the bundle file as built
// (size and modification time; hashing its content would load node:crypto, 7 ms of a start).
const built = statSync(bundle);
const key = `${built.size}-${Math.round(built.mtimeMs)}-${process.version}-${process.arch}`;
const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kronecker');
// Per command: what a run compiles lazily (derive's functions) goes into its command's cache.
const command = /^[a-z]{1,12}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
const cacheFile = join(dir, `${key}-${command}.v8cache`);

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
if (cachedData === undefined || script.cachedDataRejected === true) {
  process.once('exit', () => {
    try {
      makeDirectory(dir);
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
      // The command's caches of earlier builds will not be read again.
      for (const f of readdirSync(dir)) if (f.endsWith(`-${command}.v8cache`) && join(dir, f) !== cacheFile) rmSync(join(dir, f), { force: true });
    } catch {
      // No cache: the next start compiles again.
    }
  });
}
/** mkdir -p, one level at a time (Node 20's recursive mkdirSync can spin forever where it may not create, as under /proc). */
function makeDirectory(path: string): void {
  try {
    mkdirSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(path) === path) throw err;
    makeDirectory(dirname(path));
    mkdirSync(path);
  }
}

const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
