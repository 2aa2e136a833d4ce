#!/usr/bin/env node
// Start-up time of the CLI as a whole process, beside `node -e 0` in the same run
// (docs/performance.md, "Start-up"): the README's first command (the seed's
// derivation), run alternately with the bare node start, hyperfine-style.
//
//   node scripts/startup.mjs [runs=30]     prints the medians, their ratio, and exits 1 above 1.5x

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The installed executable (package.json "bin"); KRONECKER_BIN=dist/src/cli/main.js measures the unbundled modules.
const bin = process.env.KRONECKER_BIN ?? join(root, 'dist/bin/kronecker.cjs');
const runs = Number(process.argv[2] ?? 30);
const seed = ['derive', 'E = \\sum_k (t_k - o_k)^2', '--where', 'o_k = \\text{sigmoid}(\\sum_j w_{jk} \\cdot o_j)', '--wrt', 'w_{jk}'];
const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'kronecker derive (seed)': [process.execPath, [bin, ...seed]],
  'kronecker --help': [process.execPath, [bin, '--help']],
};

function time([cmd, args]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const c of Object.values(commands)) time(c); // warm the file cache
for (let i = 0; i < runs; i++) for (const [k, c] of Object.entries(commands)) samples[k].push(time(c));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples['node -e 0']);
for (const [k, xs] of Object.entries(samples)) {
  const m = median(xs);
  console.log(`${k.padEnd(26)} median ${m.toFixed(1).padStart(6)} ms  min ${Math.min(...xs).toFixed(1).padStart(6)} ms  ${(m / base).toFixed(2)}x node -e 0`);
}
const ratio = median(samples['kronecker derive (seed)']) / base;
console.log(`runs: ${runs}; target: kronecker derive under 1.5x node -e 0 (${ratio < 1.5 ? 'met' : 'not met'})`);
process.exitCode = ratio < 1.5 ? 0 : 1;
