// Memory of a long-running process: 100,000 distinct random formulas in one
// process, each parsed, derived (with simplification) and printed as a library
// user would, with the heap used after a forced collection every 10,000.
//
//   npm run bench:memory          (FORMULAS=20000 npm run bench:memory for a shorter run)
//
// It runs under test/bench/memory.config.ts (node --expose-gc, one fork, no
// time limit). Figures: docs/performance.md.

import { test } from 'vitest';
import { store, variable } from '../../src/core/ast.js';
import { derive } from '../../src/derive/index.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { collectGarbage, distinctFormulas } from '../memory.js';

const TOTAL = Number(process.env.FORMULAS ?? 100_000);
const EVERY = Math.min(10_000, TOTAL);
/** Formulas per task: a server would yield between requests, and WeakRef targets stay alive until the task ends. */
const PER_TASK = 100;

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

test(`heap after GC over ${TOTAL} distinct derivations`, async () => {
  const x = variable('x');
  const rows: string[] = [];
  const report = async (done: number, started: number) => {
    await collectGarbage();
    const { entries, created } = store.stats();
    const row = `${String(done).padStart(7)} formulas  heap ${mib(process.memoryUsage().heapUsed).padStart(6)} MiB  `
      + `live nodes ${String(entries).padStart(7)}  nodes made ${String(created).padStart(10)}  ${((performance.now() - started) / 1000).toFixed(0)} s`;
    rows.push(row);
    console.log(row);
  };
  const started = performance.now();
  await report(0, started);
  let done = 0;
  let printed = 0;
  for (const latex of distinctFormulas(TOTAL, 20_260_101)) {
    printed += toLatex(derive(parse(latex), x).result).length;
    done++;
    if (done % PER_TASK === 0) await new Promise((resolve) => setImmediate(resolve));
    if (done % EVERY === 0) await report(done, started);
  }
  console.log(`${rows.length - 1} reports; ${printed} characters of derivatives printed`);
});
