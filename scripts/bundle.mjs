#!/usr/bin/env node
// Part of `npm run build`: the `kronecker` executable. dist/src/cli/main.js and everything it
// imports are bundled by esbuild into one file, dist/bin/cli.cjs (a command's modules
// still initialise only when it runs: esbuild keeps each dynamic import a lazy initialiser;
// KaTeX, required on the first HTML page, stays outside). dist/bin/kronecker.cjs, the bundled
// src/cli/launch.ts, runs it through V8's code cache. Both are CommonJS, which Node loads
// without the ES module loader's few milliseconds. Node thus reads and compiles two files
// instead of about 150. docs/performance.md ("Start-up") has the figures.

import { cpSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The emitted module's input checks are the source of src/values.ts `bind`, which minifying
// rewrites: the bundle carries the source as the unbundled build gives it.
const { bindSource } = await import(join(root, 'dist/src/values.js'));
const out = join(root, 'dist/bin');
rmSync(out, { recursive: true, force: true });
const common = {
  bundle: true, platform: 'node', target: 'node20', minify: true, logLevel: 'warning', format: 'cjs',
  // The modules find their files beside themselves (src/proof/html.ts: ./assets/cjk/; the version: package.json above).
  define: { 'import.meta.url': '__kroneckerUrl', __KRONECKER_BIND_SOURCE__: JSON.stringify(bindSource()) },
  banner: { js: "const __kroneckerUrl = require('node:url').pathToFileURL(__filename).href;" },
};
await build({
  ...common,
  entryPoints: [join(root, 'dist/src/cli/main.js')],
  outfile: join(out, 'cli.cjs'),
  external: ['katex'],
});
await build({ ...common, entryPoints: [join(root, 'dist/src/cli/launch.js')], outfile: join(out, 'kronecker.cjs') });
cpSync(join(root, 'src/proof/assets'), join(out, 'assets'), { recursive: true });
