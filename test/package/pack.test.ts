// The package as a user installs it (slow, about 10-30 s, but in the suite: it is what the
// user gets). `npm pack` builds the tarball; it is installed into an empty project in a
// temporary directory (dependencies from the npm cache where it has them), and the README's
// library example runs there as ESM JavaScript and as strict TypeScript. The tarball must ship
// what --help and the README point to (docs/), and the executable must run.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsBlocks } from '../docs/blocks.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });

let project = '';
let files: string[] = [];

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'kronecker-pack-'));
  // --ignore-scripts: pack what `npm run build` made (dist/), without rebuilding it here.
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', project], ROOT)) as { filename: string; files: { path: string }[] }[];
  files = packed[0]!.files.map((f) => f.path);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(project, packed[0]!.filename)], project);
}, 300_000);

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe('the packed package, installed into an empty project', () => {
  it('ships the docs --help and the README point to, the executable and the declarations', () => {
    const help = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), '--help'], { encoding: 'utf8' }).stdout;
    const pointed = [...help.matchAll(/docs\/[\w-]+\.md/g), ...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/\]\((docs\/[\w./-]+\.md)\)/g)]
      .map((m) => m[1] ?? m[0]);
    expect(pointed.length).toBeGreaterThan(3);
    expect(pointed.filter((p) => !files.includes(p))).toEqual([]);
    for (const f of ['dist/bin/kronecker.cjs', 'dist/src/index.d.ts', 'dist/src/interop/mathjs.d.ts', 'README.md', 'package.json']) expect(files).toContain(f);
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/'))).toBe(false);
  });

  it('runs the README library example as ESM and as strict TypeScript', () => {
    const example = tsBlocks('README.md', readFileSync(join(ROOT, 'README.md'), 'utf8'))[0]!.code;
    writeFileSync(join(project, 'example.mjs'), example);
    const esm = spawnSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8' });
    expect(esm.stderr).toBe('');
    expect(esm.stdout).toContain("[ 't', 'w', 'o' ]");

    writeFileSync(join(project, 'example.ts'), `${example}\nexport {};\n`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, outDir: 'out', types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
      files: ['example.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const ts = spawnSync(process.execPath, ['out/example.js'], { cwd: project, encoding: 'utf8' });
    expect(ts.stdout).toBe(esm.stdout);
  });

  it('installs the executable, and without mathjs the core loads and kronecker/mathjs says what is missing', () => {
    const bin = join(project, 'node_modules/.bin/kronecker');
    expect(existsSync(bin)).toBe(true);
    const r = spawnSync(bin, ['derive', 'x^3', '--wrt', 'x'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toMatch(/ = 3 \* x\^2$/);
    expect(r.status).toBe(0);
    const interop = spawnSync(process.execPath, ['--input-type=module', '-e', "import('kronecker/mathjs').catch((e) => { console.log(e.code); })"], { cwd: project, encoding: 'utf8' });
    expect(interop.stdout.trim()).toBe('ERR_MODULE_NOT_FOUND');
  });
});
