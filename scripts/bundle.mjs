#!/usr/bin/env node
// Part of `npm run build`: the `kronecker` executable as one ES module per command
// (dist/bin/kronecker.js and its chunks), bundled by esbuild from the compiled
// dist/src/cli/main.js. Node then resolves and compiles a handful of files instead of
// about 150, and a command loads only its own chunk (KaTeX, required on the first
// HTML page, stays outside). docs/performance.md ("Start-up") has the figures.

import { cpSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bin');
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: { kronecker: join(root, 'dist/src/cli/main.js') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['katex'],
  // Smaller source compiles faster at every start; no error text depends on a mangled name (errors set `name`).
  minify: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
// What the bundled code reads beside itself (src/proof/html.ts: new URL('./assets/cjk/', import.meta.url)) — chunks included.
for (const dir of [out, join(out, 'chunks')]) cpSync(join(root, 'src/proof/assets'), join(dir, 'assets'), { recursive: true });
