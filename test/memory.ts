// Shared by the memory benchmark (test/bench/memory.ts) and the suite's
// bounded-state test (test/core/store.test.ts): distinct random formulas, and
// a garbage collection that waits for the intern table's finalizers.

import fc from 'fast-check';
import vm from 'node:vm';
import v8 from 'node:v8';
import { store } from '../src/core/ast.js';
import { toLatex } from '../src/print/index.js';
import { arbExpr } from './arbitrary.js';

/**
 * `count` distinct formulas in LaTeX, each the random expression `e` (seeded,
 * reproducible) as `c_{n} x (e)`: the coefficient's index `n` makes every
 * formula, and its derivative by `x`, differ from all others. Generated a
 * thousand at a time, as text, so the generator holds no nodes.
 */
export function* distinctFormulas(count: number, seed: number, maxDepth = 3): Generator<string> {
  // Printed at once: the chunk holds strings, not nodes.
  const arb = arbExpr({ differentiable: true, maxDepth, scalars: ['x', 'y', 'b'], arrays: ['w', 'o'] }).map((e) => toLatex(e));
  for (let start = 0; start < count; start += 1000) {
    const chunk = fc.sample(arb, { seed: seed + start, numRuns: Math.min(1000, count - start) });
    for (const [n, latex] of chunk.entries()) yield `c_{${start + n + 1}} x (${latex})`;
  }
}

const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

// `global.gc` when node runs with --expose-gc; otherwise the same function, reached by
// turning the flag on at run time (a new context picks it up), so no test needs a special worker.
const gc: () => void = globalThis.gc ?? (v8.setFlagsFromString('--expose-gc'), vm.runInNewContext('gc') as () => void);

/**
 * Collect garbage until the intern table stops shrinking. The current task
 * must end first (a WeakRef's target is kept alive until then), and the
 * finalizers that remove dead entries run as tasks after a collection.
 */
export async function collectGarbage(): Promise<void> {
  let unchanged = 0;
  for (let round = 0; round < 20 && unchanged < 2; round++) {
    const before = store.stats().entries;
    await nextTask();
    gc();
    await nextTask();
    unchanged = store.stats().entries < before ? 0 : unchanged + 1;
  }
}
