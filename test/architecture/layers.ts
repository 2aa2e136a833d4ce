// The layers of src/, bottom first: a file may import files of its own layer
// and of layers with a lower rank, never of a layer with the same or a higher
// rank. Layers of equal rank are independent of each other (parse and print;
// proof and compile). docs/architecture.md ("Layers") draws this table;
// layers.test.ts enforces it on every import, type-only imports included.

import type { Layer } from './graph.js';

export const LAYERS: readonly Layer[] = [
  { name: 'core', rank: 0, paths: ['src/core/'] }, // expressions, indices, rule ids and steps, errors, union-find
  { name: 'functions', rank: 1, paths: ['src/functions.ts'] },
  { name: 'parse', rank: 2, paths: ['src/parse/'] },
  { name: 'print', rank: 2, paths: ['src/print/', 'src/serialize.ts'] },
  // let* scoping and range families; reads a variable given as text (parse) and names it in messages (print).
  { name: 'definitions', rank: 3, paths: ['src/definitions.ts'] },
  // Input values and sizes, the reference interpreter, the finite-difference checker, stable forms.
  { name: 'numeric', rank: 4, paths: ['src/values.ts', 'src/evaluate.ts', 'src/check.ts', 'src/stable.ts'] },
  { name: 'simplify', rank: 5, paths: ['src/simplify/'] },
  { name: 'derive', rank: 6, paths: ['src/derive/'] }, // derive simplifies and refolds its result
  { name: 'proof', rank: 7, paths: ['src/proof/', 'src/prove.ts'] }, // texts, renderers, the step checker; derivations with steps
  { name: 'compile', rank: 7, paths: ['src/compile/'] },
  // The package's entry (its export list) and the one-call gradient it exports.
  { name: 'api', rank: 8, paths: ['src/index.ts', 'src/gradient.ts'] },
  // A separate entry (`kronecker/mathjs`): the core never loads mathjs.
  { name: 'interop', rank: 8, paths: ['src/interop/'] },
  // The CLI: shared helpers, then one file per command (which import no other command), then dispatch.
  { name: 'cli', rank: 9, paths: ['src/cli/'] },
  {
    name: 'cli commands',
    rank: 10,
    paths: ['src/cli/parse.ts', 'src/cli/derive.ts', 'src/cli/simplify.ts', 'src/cli/eval.ts', 'src/cli/compile.ts', 'src/cli/demo.ts'],
    independent: true,
  },
  // The installed executable (launch.ts) runs the bundle of main.ts; it imports nothing of src/.
  { name: 'cli entry', rank: 11, paths: ['src/cli/run.ts', 'src/cli/main.ts', 'src/cli/launch.ts'] },
];
