// The layering of src/ (test/architecture/layers.ts, drawn in docs/architecture.md):
// no upward or sideways import, no import cycle between files, nothing imports
// the CLI, and the runtime dependencies are exactly the packages src imports.
// The checks are first shown to fail on small made-up graphs.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, type Graph, importSpecifiers, layerOf, type Layer, layerViolations, packageName, readTree } from './graph.js';
import { LAYERS } from './layers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tree = readTree(ROOT, 'src');

describe('the checks catch what they are for (made-up graphs)', () => {
  const layers: Layer[] = [
    { name: 'base', rank: 0, paths: ['src/base/'] },
    { name: 'a', rank: 1, paths: ['src/a.ts'] },
    { name: 'b', rank: 1, paths: ['src/b.ts'] },
    { name: 'top', rank: 2, paths: ['src/top/'] },
    { name: 'commands', rank: 3, paths: ['src/top/x.ts', 'src/top/y.ts'], independent: true },
  ];
  const graph = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));

  it('a clean graph passes', () => {
    const g = graph({
      'src/base/one.ts': ['src/base/two.ts'], 'src/base/two.ts': [], 'src/a.ts': ['src/base/one.ts'], 'src/b.ts': [],
      'src/top/util.ts': ['src/a.ts', 'src/b.ts'], 'src/top/x.ts': ['src/top/util.ts'], 'src/top/y.ts': ['src/top/util.ts'],
    });
    expect(layerViolations(g, layers)).toEqual([]);
    expect(cycles(g)).toEqual([]);
  });

  it('an upward import, a sideways import (same rank) and an import inside an independent layer fail', () => {
    const g = graph({
      'src/base/one.ts': ['src/a.ts'], 'src/a.ts': ['src/b.ts'], 'src/b.ts': [], 'src/top/x.ts': ['src/top/y.ts'], 'src/top/y.ts': [],
    });
    expect(layerViolations(g, layers)).toEqual([
      'src/base/one.ts (base, rank 0) imports src/a.ts (a, rank 1): a layer imports only lower ranks',
      'src/a.ts (a, rank 1) imports src/b.ts (b, rank 1): a layer imports only lower ranks',
      "src/top/x.ts imports src/top/y.ts: the files of 'commands' import none of one another",
    ]);
  });

  it('a file in no layer fails', () => {
    expect(layerViolations(graph({ 'src/stray.ts': [] }), layers)).toEqual(['src/stray.ts belongs to no layer']);
  });

  it('a cycle inside one layer is found, with every file on it; so is a self-import; a diamond is no cycle', () => {
    const g = graph({
      'src/base/one.ts': ['src/base/two.ts'], 'src/base/two.ts': ['src/base/three.ts'], 'src/base/three.ts': ['src/base/one.ts'],
      'src/base/self.ts': ['src/base/self.ts'],
      'src/top/p.ts': ['src/top/q.ts', 'src/top/r.ts'], 'src/top/q.ts': ['src/top/s.ts'], 'src/top/r.ts': ['src/top/s.ts'],
      'src/top/s.ts': [],
    });
    expect(layerViolations(g, layers)).toEqual([]); // same-layer imports are allowed: only the cycle check sees this
    expect(cycles(g)).toEqual([['src/base/one.ts', 'src/base/three.ts', 'src/base/two.ts'], ['src/base/self.ts']]);
  });

  it('the longest matching path decides the layer', () => {
    expect(layerOf('src/top/x.ts', layers)?.name).toBe('commands');
    expect(layerOf('src/top/z.ts', layers)?.name).toBe('top');
    expect(layerOf('src/topper.ts', layers)).toBeUndefined();
  });

  it('the scanner reads every form of import and re-export, type-only ones too, and no commented-out one', () => {
    const source = [
      "import moo from 'moo';",
      "import * as b from './build.js';",
      "import def, { x } from './def.js';",
      "import {\n  a,\n  type B,\n} from './multi.js';",
      "import type { T } from './types.js';",
      "export { y } from './re.js';",
      "export * from './star.js';",
      "export type { U } from './retype.js';",
      "import './side.js';",
      "// import { gone } from './commented.js';",
      "type L = import('./lazy.js').L;",
      "const s = 'not an import from \\'./string.js\\'';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      'moo', './build.js', './def.js', './multi.js', './types.js', './re.js', './star.js', './retype.js', './side.js', './lazy.js',
    ]);
    expect([packageName('katex/dist/katex.min.css'), packageName('@types/node'), packageName('node:fs'), packageName('fs')])
      .toEqual(['katex', '@types/node', null, null]);
  });
});

describe('src/ keeps its layers', () => {
  it('the scanner sees the whole tree: every relative import names a file of src/', () => {
    expect(tree.graph.size).toBeGreaterThan(50);
    expect(tree.graph.get('src/cli/main.ts')).toEqual(['src/cli/errors.ts', 'src/cli/run.ts']);
    expect(tree.unresolved).toEqual([]);
  });

  it('every file is in a layer, and no file imports a file of its own rank in another layer, or of a higher one', () => {
    expect(layerViolations(tree.graph, LAYERS)).toEqual([]);
  });

  it('no import cycle between files (type-only imports count)', () => {
    expect(cycles(tree.graph)).toEqual([]);
  });

  it('nothing outside src/cli imports the CLI, and core imports nothing outside core', () => {
    const importers = (pred: (target: string) => boolean, from: (file: string) => boolean) =>
      [...tree.graph].filter(([file, targets]) => from(file) && targets.some(pred)).map(([file]) => file);
    expect(importers((t) => t.startsWith('src/cli/'), (f) => !f.startsWith('src/cli/'))).toEqual([]);
    expect(importers((t) => !t.startsWith('src/core/'), (f) => f.startsWith('src/core/'))).toEqual([]);
    expect([...tree.packages].filter(([, files]) => files.some((f) => f.startsWith('src/core/')))).toEqual([]);
  });

  it('every path of the table holds a file (no stale entries), and the ranks leave no layer above the CLI', () => {
    const files = [...tree.graph.keys()];
    for (const layer of LAYERS) {
      for (const p of layer.paths) {
        expect(files.some((f) => (p.endsWith('/') ? f.startsWith(p) : f === p)), `${layer.name}: ${p}`).toBe(true);
      }
    }
    const cliRank = Math.min(...LAYERS.filter((l) => l.paths.some((p) => p.startsWith('src/cli/'))).map((l) => l.rank));
    expect(LAYERS.filter((l) => l.rank >= cliRank).every((l) => l.paths.every((p) => p.startsWith('src/cli/')))).toBe(true);
  });

  it("the package's dependencies are exactly the packages src imports (tests' packages are devDependencies)", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
      dependencies: Record<string, string>; peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    // A package only the interop entry (src/interop/, `kronecker/mathjs`) imports is an optional peer: the core never loads it.
    const onlyInterop = (files: readonly string[]) => files.every((f) => f.startsWith('src/interop/'));
    const core = [...tree.packages].filter(([, files]) => !onlyInterop(files)).map(([name]) => name);
    const peers = [...tree.packages].filter(([, files]) => onlyInterop(files)).map(([name]) => name);
    // A runtime dependency's types are one too where the published declarations name it (parse/tokens.d.ts: moo).
    const runtime = Object.keys(pkg.dependencies).filter((d) => !(d.startsWith('@types/') && d.slice('@types/'.length) in pkg.dependencies));
    expect(core.sort()).toEqual(runtime.sort());
    expect(peers.sort()).toEqual(Object.keys(pkg.peerDependencies ?? {}).sort());
    for (const p of peers) expect(pkg.peerDependenciesMeta[p]?.optional, p).toBe(true);
  });
});
