// `npm run playground -- --build-only` (scripts/playground.mjs) makes a folder that needs nothing
// else: three files, no reference to another host, every CSS url() inlined, no module system
// left in the scripts (they load as classic scripts from file://), and the sizes reported.
// The browser test (test/browser/playground.mjs) then uses the page; this runs without a browser.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'kronecker-playground-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the playground build', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/playground.mjs'), '--build-only', '--out', out], { encoding: 'utf8', timeout: 120_000 });
  const read = (f: string) => readFileSync(join(out, f), 'utf8');

  it('builds three self-contained files and reports their sizes', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['app.css', 'app.js', 'index.html']);
    expect(run.stdout).toMatch(/app\.js +\d+ KiB \(\d+ KiB gzip\): the page \d+ KiB .*the worker .*\d+ KiB/);
    expect(run.stdout).toMatch(/app\.css +\d+ KiB .*fonts \d+ KiB/);
    const html = read('index.html');
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['app.css', 'app.js']);
  });

  it('refers to no other host and inlines every font', () => {
    const css = read('app.css');
    expect(css.match(/url\((?!data:)[^)]*\)/g)).toBeNull();
    // Every font face of KaTeX's CSS is there, its woff2 inlined.
    const katex = readFileSync(join(ROOT, 'node_modules/katex/dist/katex.min.css'), 'utf8');
    const faces = (s: string) => s.match(/@font-face\{[^}]*font-family:KaTeX_/g)?.length ?? 0;
    expect(faces(katex)).toBeGreaterThan(10);
    expect(faces(css)).toBe(faces(katex));
    expect(css.match(/@font-face\{[^}]*font-family:KaTeX_[^}]*src:url\(data:font\/woff2;base64,/g)?.length).toBe(faces(katex));
    for (const f of ['index.html', 'app.css']) expect(read(f)).not.toMatch(/https?:\/\//);
  });

  it('leaves no module loading in the scripts, and embeds the worker', () => {
    const js = read('app.js');
    expect(js).not.toMatch(/\brequire\(|import\.meta|\bimport\(|^import /m);
    expect(js).toContain('new Worker(');
    // The worker's code is inside (its message handler), not a file fetched next to the page.
    expect(js).toMatch(/onmessage/);
    expect(js).not.toMatch(/new Worker\(["'`][^"'`]*\.js/);
  });
});
