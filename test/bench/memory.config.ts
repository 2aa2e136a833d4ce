// Configuration for the memory benchmark only (npm run bench:memory): one
// forked process with a collector the benchmark can call, and no time limit.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/bench/memory.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 0,
  },
});
