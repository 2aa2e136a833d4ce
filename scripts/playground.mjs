#!/usr/bin/env node
// `npm run playground`: builds the web playground (playground/src) into playground/dist/ with
// esbuild, reports the bundle sizes, then serves the folder on localhost and prints the URL.
//
//   node scripts/playground.mjs [--build-only] [--port N] [--out DIR]
//
// The folder is self-contained (docs/playground.md): index.html, app.js (the page, with the
// derivation worker's bundle inside it as a string, started from a Blob URL) and app.css (KaTeX's
// CSS with its fonts inlined as data: URLs, once, and the CJK subset of the proof texts), so it
// works opened from disk (file://) or from any static host. The fonts are inlined by the same
// code that inlines them into the standalone proof pages (src/proof/html.ts), so `npm run build`
// must have run (it has after `npm ci`).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'playground/src');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const out = resolve(value('--out') ?? join(root, 'playground/dist'));

function fail(message) {
  console.error(`playground: ${message}`);
  process.exit(1);
}

const html = join(root, 'dist/src/proof/html.js');
if (!existsSync(html)) fail('dist/src/proof/html.js is missing: run `npm run build` first');
const { katexCss, cjkFontCss, cjkManifest, CJK_FAMILY } = await import(pathToFileURL(html).href);
// The emitted module's input checks are the source of src/values.ts `bind`, which bundling
// rewrites: the bundle carries the source as the unbundled build gives it.
const { bindSource } = await import(pathToFileURL(join(root, 'dist/src/values.js')).href);
const BIND = JSON.stringify(bindSource());

// esbuild checks no types: the playground's sources are type-checked first.
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'playground/tsconfig.json')], { encoding: 'utf8' });
if (tsc.status !== 0) fail(`type errors:\n${tsc.stdout}${tsc.stderr}`);

/**
 * The library's node built-ins and KaTeX are those of the proof-page renderer (src/proof/html.ts
 * reads the KaTeX CSS and fonts from disk and renders on the server), which the worker never
 * calls: in its bundle they are functions that say so (the page renders with its own KaTeX). A
 * new name imported there fails the build ("No matching export").
 */
const serverOnly = {
  name: 'server-only',
  setup(b) {
    b.onResolve({ filter: /^(node:.*|katex)$/ }, (a) => ({ path: a.path, namespace: 'server-only' }));
    b.onLoad({ filter: /.*/, namespace: 'server-only' }, (a) => ({
      contents: `const no = () => { throw new Error(${JSON.stringify(`${a.path} is not available in the playground's worker`)}); };
export { no as readFileSync, no as createRequire, no as dirname, no as join };
export default { renderToString: no, version: '' };`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, write: false, legalComments: 'none', logLevel: 'warning',
};
const started = performance.now();
const worker = await build({
  ...common, entryPoints: [join(src, 'worker.ts')], plugins: [serverOnly],
  // src/proof/html.ts resolves its font folder against its own URL at load time (unused here).
  define: { 'import.meta.url': '"file:///kronecker/"', __KRONECKER_BIND_SOURCE__: BIND },
});
const workerJs = worker.outputFiles[0].text;
const page = await build({ ...common, entryPoints: [join(src, 'main.ts')], define: { __WORKER_SOURCE__: JSON.stringify(workerJs), __KRONECKER_BIND_SOURCE__: BIND } });
const appJs = page.outputFiles[0].text;
const pageOnly = (await build({ ...common, entryPoints: [join(src, 'main.ts')], define: { __WORKER_SOURCE__: '""', __KRONECKER_BIND_SOURCE__: BIND } })).outputFiles[0].text;
const appCss = [katexCss(), cjkFontCss(cjkManifest().chars), `:root{--cjk-family:"${CJK_FAMILY}"}`, readFileSync(join(src, 'style.css'), 'utf8')].join('\n');

// Nothing may be fetched from elsewhere: every url() in the CSS is inlined.
const external = appCss.match(/url\((?!["']?data:)[^)]*\)/);
if (external !== null) fail(`app.css refers to ${external[0]}: everything must be inlined`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'index.html'), readFileSync(join(src, 'index.html')));
writeFileSync(join(out, 'app.js'), appJs);
writeFileSync(join(out, 'app.css'), appCss);

const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const size = (text) => `${kb(Buffer.byteLength(text))} (${kb(gzipSync(text).length)} gzip)`;
const fontBytes = [...appCss.matchAll(/base64,([A-Za-z0-9+/=]+)/g)].reduce((n, m) => n + (m[1].length * 3) / 4, 0);
const total = ['index.html', 'app.js', 'app.css'].reduce((n, f) => n + statSync(join(out, f)).size, 0);
console.log(`playground: built ${out} in ${Math.round(performance.now() - started)} ms`);
console.log(`  app.js   ${size(appJs)}: the page ${size(pageOnly)}, the worker (the engine) ${size(workerJs)}`);
console.log(`  app.css  ${size(appCss)}: of which fonts ${kb(fontBytes)} (KaTeX's woff2 and the CJK subset, inlined once)`);
console.log(`  total    ${kb(total)}`);
if (flag('--build-only')) process.exit(0);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const file = normalize(join(out, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(out + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
const port = Number(value('--port') ?? process.env.PORT ?? 5178);
server.on('error', (err) => {
  if (err.code === 'EADDRINUSE' && value('--port') === undefined) server.listen(0, '127.0.0.1');
  else fail(`cannot serve: ${err.message}`);
});
server.on('listening', () => console.log(`playground: serving on http://127.0.0.1:${server.address().port}/ (Ctrl-C stops)`));
server.listen(port, '127.0.0.1');
