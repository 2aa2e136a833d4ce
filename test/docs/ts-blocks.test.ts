// The library examples of the README and docs/ (every ```ts block) are programs: each is
// written to test-artifacts/ts-blocks/ (inside the repository, so that `import … from
// 'kronecker'` resolves to this package by its own name, through package.json "exports"),
// type-checked together with TypeScript strict, and each compiled program is run with node:
// a stale example fails the suite. The package must be built (dist/).

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Block, tsBlocks } from './blocks.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, 'test-artifacts/ts-blocks');

export const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const blocks = PAGES.flatMap((p) => tsBlocks(p, readFileSync(join(ROOT, p), 'utf8')));
const fileOf = (b: Block) => `${b.page.replace(/[^A-Za-z0-9]+/g, '_')}_${b.line}`;

describe('the ts blocks of README.md and docs/', () => {
  it('finds the blocks (a fence the extractor misses would go unchecked)', () => {
    expect(tsBlocks('x.md', 'a\n```ts\nconst x = 1;\n```\n```sh\nno\n```\n```ts\ny\n```').map((b) => b.code)).toEqual(['const x = 1;', 'y']);
    expect(blocks.filter((b) => b.page === 'README.md').length).toBeGreaterThan(0);
    expect(blocks.filter((b) => b.page === 'docs/api.md').length).toBeGreaterThan(10);
  });

  it('type-check with TypeScript strict and run', () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    for (const b of blocks) writeFileSync(join(DIR, `${fileOf(b)}.ts`), `// ${b.page}:${b.line}\n${b.code}\nexport {};\n`);
    writeFileSync(join(DIR, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true,
        types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], outDir: 'out', rootDir: '.',
      },
      include: ['*.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(DIR, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr, 'tsc').toBe('');
    const failed: string[] = [];
    for (const b of blocks) {
      const run = spawnSync(process.execPath, [join(DIR, 'out', `${fileOf(b)}.js`)], { encoding: 'utf8', timeout: 30_000 });
      if (run.status !== 0) failed.push(`${b.page}:${b.line}: exit ${run.status}\n${run.stderr}`);
    }
    expect(failed).toEqual([]);
  }, 120_000);
});
