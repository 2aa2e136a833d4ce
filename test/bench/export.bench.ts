// The exported NumPy and PyTorch modules on Rashid's 784-100-10 network, both layer gradients of
// a mini-batch of 64 (`--batch "b: o_i, t"`), against the fastest NumPy a person writes by hand
// (matrix products through BLAS, the forward pass shared by both gradients), and the same in
// PyTorch (float64 on the CPU), in the same run;
// and the JS kernel (compileAll of the same two batched gradients) beside them.
//
//   npx vitest bench --run test/bench/export.bench.ts
//
// Python times are measured in Python (min of 60 rounds after 3 warm-ups, the four alternating, single-threaded BLAS and
// torch, as the JS kernel is single-threaded); the JS kernel by vitest. Skipped without Debian's
// python3 with NumPy and PyTorch.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { randomInputs } from '../../src/check.js';
import { compileAll, emitPythonModuleAll, withBatch } from '../../src/compile/index.js';
import { freeIndices } from '../../src/core/indices.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { hasPythonBackends, PYTHON } from '../compile/python.js';

const sizes = { i: 784, j: 100, k: 10 };
const B = 64;
const resolved = resolveDefinitions(
  parseFormulas(String.raw`o_j = \sigma(\sum_i w_{ij} o_i); o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`),
  [parse('w_{ij}'), parse('w_{jk}')], { sizes },
);
const gradients = resolved.extra.map((wrt) => withBatch(
  unfoldAll(derive(resolved.target, wrt as Var, { definitions: resolved.definitions, sizes }).result, resolved.definitions),
  { index: 'b', inputs: ['o_i', 't'] }, true,
));
const free = gradients.map((g) => [...freeIndices(g)].sort());
const inputs = randomInputs(gradients, { sizes: { ...sizes, b: B }, seed: 5 });

const TIMING = String.raw`
import importlib.util, json, os, sys, time
import numpy as np
import torch
torch.set_num_threads(1)
values = json.load(open(sys.argv[1]))
def load(path):
    spec = importlib.util.spec_from_file_location('m', path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m
npm, tom = load(sys.argv[2]), load(sys.argv[3])
X, W1, W2, T = (np.asarray(values[k], dtype=np.float64) for k in ('o_i', 'w_{ij}', 'w_{jk}', 't'))
def hand():
    # The textbook vectorised backpropagation (Rashid's, batched): BLAS matrix products, forward pass once.
    H = 1 / (1 + np.exp(-(X @ W1)))
    O = 1 / (1 + np.exp(-(H @ W2)))
    dO = -2 * (T - O) * O * (1 - O)
    dH = (dO @ W2.T) * H * (1 - H)
    return X.T @ dH, H.T @ dO
tv = {k: torch.as_tensor(np.asarray(v, dtype=np.float64)) for k, v in values.items()}
TX, TW1, TW2, TT = (tv[k] for k in ('o_i', 'w_{ij}', 'w_{jk}', 't'))
def hand_torch():
    H = torch.sigmoid(TX @ TW1)
    O = torch.sigmoid(H @ TW2)
    dO = -2 * (TT - O) * O * (1 - O)
    dH = (dO @ TW2.T) * H * (1 - H)
    return TX.T @ dH, H.T @ dO
values_np = {k: np.asarray(v, dtype=np.float64) for k, v in values.items()}
a, b = npm.run(values_np), hand()
assert np.allclose(a[0], b[0]) and np.allclose(a[1], b[1])
# The four alternate within each round, so that a slow stretch of the machine hits all of them alike.
fs = {'hand': hand, 'numpy': lambda: npm.run(values_np), 'handTorch': hand_torch, 'torch': lambda: tom.run(tv)}
best = {k: float('inf') for k in fs}
for r in range(63):
    for k, f in fs.items():
        t0 = time.perf_counter(); f(); t = time.perf_counter() - t0
        if r >= 3: best[k] = min(best[k], t)
print(json.dumps(best))
`;

describe.skipIf(!hasPythonBackends())(`784-100-10 network, both gradients, batch ${B}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kronecker-bench-'));
  const values = join(dir, 'values.json');
  writeFileSync(values, JSON.stringify(inputs.values));
  const modules = (['numpy', 'torch'] as const).map((backend) => {
    const path = join(dir, `grad_${backend}.py`);
    writeFileSync(path, emitPythonModuleAll(gradients, { free, backend }));
    return path;
  });
  const r = spawnSync(PYTHON, ['-c', TIMING, values, ...modules], {
    encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }, maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const t = JSON.parse(r.stdout) as { hand: number; numpy: number; handTorch: number; torch: number };
  const ms = (s: number) => `${(s * 1e3).toFixed(3)} ms`;
  console.log([
    `exported modules vs hand-written NumPy (784-100-10, both gradients, batch ${B}; min of 60 alternating rounds, one thread):`,
    `  hand-written NumPy     ${ms(t.hand)}`,
    `  exported NumPy         ${ms(t.numpy)}   ratio ${(t.numpy / t.hand).toFixed(2)}×`,
    `  hand-written PyTorch   ${ms(t.handTorch)}   ratio ${(t.handTorch / t.hand).toFixed(2)}× (float64 on the CPU)`,
    `  exported PyTorch       ${ms(t.torch)}   ratio ${(t.torch / t.hand).toFixed(2)}×, ${(t.torch / t.handTorch).toFixed(2)}× hand-written PyTorch`,
  ].join('\n'));

  const js = compileAll(gradients, { free });
  const run = js.bind(inputs);
  bench('JS kernel (compileAll, both batched gradients)', () => {
    run();
  }, { iterations: 5, warmupIterations: 1, time: 0 });
});
