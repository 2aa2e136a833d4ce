// The module graph of src/ and the checks on it: every file in a layer, no
// import of the same or a higher layer, no import between the files of an
// independent layer, no cycle between files. Pure functions of a graph, so
// that layers.test.ts can feed them small made-up graphs that must fail.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';

export interface Layer {
  readonly name: string;
  /** A file imports only files of its own layer and of lower ranks. */
  readonly rank: number;
  /** Files (`src/functions.ts`) and folders (`src/parse/`); a file belongs to the layer of its longest matching path. */
  readonly paths: readonly string[];
  /** Its files import none of one another (the CLI's commands). */
  readonly independent?: boolean;
}

/** Repository-relative file (`src/cli/run.ts`) → the files it imports. */
export type Graph = ReadonlyMap<string, readonly string[]>;

// Static imports and re-exports start a line (the code has no indented
// top-level statements); `import type` and `export type` count like any other.
const FROM = /^(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}\s*|\*\s*(?:as\s+[\w$]+\s*)?)?from\s*['"]([^'"]+)['"]/gm;
const BARE = /^import\s*['"]([^'"]+)['"]/gm;
// `import('./x.js')`, as an expression or in a type.
const DYNAMIC = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a TypeScript source imports or re-exports from, in order of appearance. */
export function importSpecifiers(source: string): string[] {
  const found: [number, string][] = [];
  for (const re of [FROM, BARE, DYNAMIC]) for (const m of source.matchAll(re)) found.push([m.index, m[1]!]);
  return found.sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

/** `src/cli/run.ts` importing `./report.js` → `src/cli/report.ts` (nodenext: the specifier names the emitted .js). */
export function resolveRelative(from: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/** `katex/dist/x.css` → `katex`, `@types/node` → `@types/node`; null for node built-ins. */
export function packageName(specifier: string): string | null {
  const bare = specifier.replace(/^node:/, '');
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return specifier.startsWith('node:') || builtinModules.includes(bare) ? null : name;
}

export interface SourceTree {
  readonly graph: Graph;
  /** Package name → the files that import it. */
  readonly packages: ReadonlyMap<string, readonly string[]>;
  /** Relative imports that name no file of the tree, as `file → specifier`. */
  readonly unresolved: readonly string[];
}

/** Every .ts file under `dir` (relative to `root`) and what it imports. */
export function readTree(root: string, dir: string): SourceTree {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(join(root, d), { withFileTypes: true })) {
      const path = posix.join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  walk(dir);
  const graph = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files.sort()) {
    const targets: string[] = [];
    for (const spec of importSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (existsSync(join(root, target))) targets.push(target);
        else unresolved.push(`${file} → ${spec}`);
        continue;
      }
      const name = packageName(spec);
      if (name !== null) packages.set(name, [...(packages.get(name) ?? []), file]);
    }
    graph.set(file, [...new Set(targets)]);
  }
  return { graph, packages, unresolved };
}

/** The layer a file belongs to: its longest matching path (a folder ends with `/`). */
export function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers) {
    for (const p of layer.paths) {
      const matches = p.endsWith('/') ? file.startsWith(p) : file === p;
      if (matches && (best === undefined || p.length > best.length)) best = { layer, length: p.length };
    }
  }
  return best?.layer;
}

/**
 * Every way the graph breaks the layers: a file in no layer, an import of the same or a higher rank, an
 * import between two files of an independent layer.
 */
export function layerViolations(graph: Graph, layers: readonly Layer[]): string[] {
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file, layers);
    if (from === undefined) {
      problems.push(`${file} belongs to no layer`);
      continue;
    }
    for (const target of targets) {
      const to = layerOf(target, layers);
      if (to === undefined) continue; // reported as that file's own problem when it is in the graph
      if (to === from) {
        if (from.independent === true && target !== file) {
          problems.push(`${file} imports ${target}: the files of '${from.name}' import none of one another`);
        }
      } else if (to.rank >= from.rank) {
        const what = `${file} (${from.name}, rank ${from.rank}) imports ${target} (${to.name}, rank ${to.rank})`;
        problems.push(`${what}: a layer imports only lower ranks`);
      }
    }
  }
  return problems;
}

/** The import cycles: strongly connected components of more than one file, and files that import themselves (Tarjan). */
export function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}
