// Rashid's 784-100-10 network: the forward pass and both layer gradients.
//
//   o_j = σ(Σ_i w_{ij} o_i)   (inputs o_i, i = 1..784; hidden j = 1..100)
//   o_k = σ(Σ_j w_{jk} o_j)   (outputs k = 1..10)
//   E   = Σ_k (t_k - o_k)^2
//
// E, ∂E/∂w_{jk} and ∂E/∂w_{ij} are derived by the engine (declared ranges
// i: 784, j: 100, k: 10 tell the two w's and the three o's apart), unfolded,
// and compiled together into one kernel (`compileAll`), which computes what
// they share once: the hidden activations, the outputs, the output errors.
// The hidden gradient costs O(I·J + J·K): Σ_k over the output errors runs once
// per j, not once per (i, j).
//
//   npm run bench -- test/bench/network.bench.ts      (or: npx vitest bench --run test/bench/network.bench.ts)
//
// Against: hand-written backpropagation in JS loops (the textbook order, and a
// cache-friendly one that runs over w_{ij} row by row); mathjs `compile()` of
// the per-element scalar formulas (mathjs has no index notation: sums are
// hand-written JS, mathjs evaluates each activation and each gradient entry);
// and Kronecker's reference interpreter on the same three formulas.

import { compile as mathCompile } from 'mathjs';
import { bench, describe } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { compileAll } from '../../src/compile/index.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { sigmoid } from '../../src/functions.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { RatioTable } from './ratios.js';
import * as baseline from './baseline/network-batch-e88e163.js';
import { compileNetwork, deriveNetwork } from '../../examples/mnist/network.js';

const I = 784;
const J = 100;
const K = 10;
const RASHID = String.raw`o_j = \sigma(\sum_i w_{ij} o_i); o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;
const declared = { i: I, j: J, k: K };

function derived() {
  const r = resolveDefinitions(parseFormulas(RASHID), [parse('w_{jk}'), parse('w_{ij}')], { sizes: declared });
  const gradient = (wrt: Var) => unfoldAll(derive(r.target, wrt, { definitions: r.definitions, sizes: declared }).result, r.definitions);
  return [unfoldAll(r.target, r.definitions), gradient(r.extra[0] as Var), gradient(r.extra[1] as Var)] as const;
}
const formulas = derived();
const compiled = compileAll(formulas);

let seed = 11;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const fill = (n: number, scale = 1) => Float64Array.from({ length: n }, () => random() * scale);
// The inputs' keys: the ranges split w into w_{ij} (784×100) and w_{jk} (100×10), and o into o_i (the inputs) and the layers.
const x = fill(I);
const w1 = fill(I * J, 0.05);
const w2 = fill(J * K, 0.3);
const t = fill(K);
const inputs = { values: { o_i: x, 'w_{ij}': w1, 'w_{jk}': w2, t } };
const outs = [new Float64Array(1), new Float64Array(J * K), new Float64Array(I * J)];
const bound = compiled.bind(inputs, outs);

// Scratch for the hand-written versions.
const h = new Float64Array(J);
const y = new Float64Array(K);
const dk = new Float64Array(K);
const dj = new Float64Array(J);
const gJK = new Float64Array(J * K);
const gIJ = new Float64Array(I * J);

/** Forward and backward, loops in the formulas' index order (Σ_i inside each j). Returns E. */
function backprop(): number {
  for (let j = 0; j < J; j++) {
    let z = 0;
    for (let i = 0; i < I; i++) z += w1[i * J + j]! * x[i]!;
    h[j] = sigmoid(z);
  }
  let E = 0;
  for (let k = 0; k < K; k++) {
    let z = 0;
    for (let j = 0; j < J; j++) z += w2[j * K + k]! * h[j]!;
    const o = sigmoid(z);
    y[k] = o;
    E += (t[k]! - o) ** 2;
    dk[k] = -2 * (t[k]! - o) * o * (1 - o);
  }
  for (let j = 0; j < J; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      gJK[j * K + k] = dk[k]! * h[j]!;
      s += dk[k]! * w2[j * K + k]!;
    }
    dj[j] = s * h[j]! * (1 - h[j]!);
  }
  for (let i = 0; i < I; i++) for (let j = 0; j < J; j++) gIJ[i * J + j] = dj[j]! * x[i]!;
  return E;
}

/** The same, with the hidden sums accumulated row by row over w_{ij} (contiguous reads). */
function backpropRowMajor(): number {
  h.fill(0);
  for (let i = 0; i < I; i++) {
    const xi = x[i]!;
    for (let j = 0; j < J; j++) h[j] += w1[i * J + j]! * xi;
  }
  for (let j = 0; j < J; j++) h[j] = sigmoid(h[j]!);
  let E = 0;
  for (let k = 0; k < K; k++) {
    let z = 0;
    for (let j = 0; j < J; j++) z += w2[j * K + k]! * h[j]!;
    const o = sigmoid(z);
    E += (t[k]! - o) ** 2;
    dk[k] = -2 * (t[k]! - o) * o * (1 - o);
  }
  for (let j = 0; j < J; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      gJK[j * K + k] = dk[k]! * h[j]!;
      s += dk[k]! * w2[j * K + k]!;
    }
    dj[j] = s * h[j]! * (1 - h[j]!);
  }
  for (let i = 0; i < I; i++) for (let j = 0; j < J; j++) gIJ[i * J + j] = dj[j]! * x[i]!;
  return E;
}

// mathjs: one compiled scalar formula per kind of element.
const act = mathCompile('sigmoid(z)');
const err = mathCompile('(t - o)^2');
const outDelta = mathCompile('-2 * (t - o) * o * (1 - o)');
const outGrad = mathCompile('d * h');
const hidDelta = mathCompile('s * h * (1 - h)');
const hidGrad = mathCompile('d * x');
const scope = { z: 0, t: 0, o: 0, d: 0, h: 0, s: 0, x: 0, sigmoid };
function viaMathjs(): number {
  for (let j = 0; j < J; j++) {
    let z = 0;
    for (let i = 0; i < I; i++) z += w1[i * J + j]! * x[i]!;
    scope.z = z;
    h[j] = act.evaluate(scope) as number;
  }
  let E = 0;
  for (let k = 0; k < K; k++) {
    let z = 0;
    for (let j = 0; j < J; j++) z += w2[j * K + k]! * h[j]!;
    scope.z = z;
    scope.o = act.evaluate(scope) as number;
    scope.t = t[k]!;
    E += err.evaluate(scope) as number;
    dk[k] = outDelta.evaluate(scope) as number;
  }
  for (let j = 0; j < J; j++) {
    let s = 0;
    scope.h = h[j]!;
    for (let k = 0; k < K; k++) {
      scope.d = dk[k]!;
      gJK[j * K + k] = outGrad.evaluate(scope) as number;
      s += dk[k]! * w2[j * K + k]!;
    }
    scope.s = s;
    dj[j] = hidDelta.evaluate(scope) as number;
  }
  for (let i = 0; i < I; i++) {
    scope.x = x[i]!;
    for (let j = 0; j < J; j++) {
      scope.d = dj[j]!;
      gIJ[i * J + j] = hidGrad.evaluate(scope) as number;
    }
  }
  return E;
}

// The three agree before anything is timed: a benchmark of wrong code measures nothing.
{
  const [E, a, b] = bound();
  const E2 = backprop();
  const close = (p: number, q: number) => Math.abs(p - q) <= 1e-12 * Math.max(1, Math.abs(q));
  if (!close(E[0]!, E2) || !a.every((v, n) => close(v, gJK[n]!)) || !b.every((v, n) => close(v, gIJ[n]!))) {
    throw new Error('compiled network disagrees with hand-written backpropagation');
  }
}

const table = new RatioTable('784-100-10 network: E, ∂E/∂w_{jk}, ∂E/∂w_{ij} (derived by the engine), ratios of time per call', [
  ['compiled bind() / hand-written backprop', 'compiled bind()', 'hand-written'],
  ['compiled into() / hand-written backprop', 'compiled into()', 'hand-written'],
  ['compiled bind() / hand-written, row-major hidden sums', 'compiled bind()', 'hand-written row-major'],
  ['mathjs / compiled bind()', 'mathjs', 'compiled bind()'],
  ['interpreter / compiled bind()', 'interpreter', 'compiled bind()'],
], ['parse + derive + compileAll'], Object.fromEntries(['compiled bind()', 'compiled into()', 'hand-written', 'hand-written row-major'].map((id) => [id, 2 * (2 * I * J + 3 * J * K) + 10 * J + 12 * K])));

describe('784-100-10 network: forward pass and both gradients', () => {
  bench('compiled (Kronecker), compileAll + bind()', () => {
    bound();
  }, table.options('compiled bind()'));
  bench('compiled (Kronecker), compileAll + into()', () => {
    compiled.into(inputs, outs);
  }, table.options('compiled into()'));
  bench('hand-written backprop', () => {
    backprop();
  }, table.options('hand-written'));
  bench('hand-written backprop, row-major hidden sums', () => {
    backpropRowMajor();
  }, table.options('hand-written row-major'));
  bench('mathjs compile(), per element', () => {
    viaMathjs();
  }, table.options('mathjs', { time: 300 }));
  bench('reference interpreter (three formulas)', () => {
    for (const f of formulas) evaluate(f, inputs);
  }, table.options('interpreter', { time: 300, iterations: 3, warmupIterations: 1 }));
});

describe('from text to closure', () => {
  bench('parse + derive both gradients + compileAll', () => {
    compileAll(derived());
  }, table.options('parse + derive + compileAll', { time: 300 }));
});

// --- Mini-batches (issue 12): the same network with a batch index b on the inputs o_{bi} and
// targets t_{bk} (examples/mnist/network.ts, the library's withBatch): outputs o_{bk}, losses E_b
// and the gradients of the batch's summed loss, Σ_b ∂E_b/∂w_{jk} and Σ_b ∂E_b/∂w_{ij}, in one
// kernel. Against the kernel the compiler emitted for the same formulas before issue 12's loop
// schedule (./baseline/network-batch-e88e163.ts) and hand-written JS in the fastest plain order
// (row-major: every inner loop runs along a row, accumulating rows of partial sums).

const network = compileNetwork(deriveNetwork({ inputs: I, hidden: J, outputs: K }), true);
const before = new Function('fns', 'oob', baseline.body)([sigmoid], () => new RangeError('out of range')) as { entry: (a: unknown[]) => void };
if (baseline.params.join() !== network.kernel.params.join()) throw new Error('baseline kernel takes other parameters');
/** Multiply-adds of the five matrix products (2 flops each) and the elementwise work, per batch. */
const batchFlops = (B: number) => 2 * B * (2 * I * J + 3 * J * K) + B * (10 * J + 12 * K);

function handBatch(B: number, x: Float64Array, tb: Float64Array, outs: Float64Array[], hb: Float64Array, d1: Float64Array, d2: Float64Array): void {
  const [o, E, g2, g1] = outs as [Float64Array, Float64Array, Float64Array, Float64Array];
  hb.fill(0);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < I; i++) {
      const xi = x[b * I + i]!;
      const wi = i * J;
      for (let j = 0; j < J; j++) hb[b * J + j] += xi * w1[wi + j]!;
    }
    for (let j = 0; j < J; j++) hb[b * J + j] = sigmoid(hb[b * J + j]!);
  }
  o.fill(0);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < J; j++) {
      const hj = hb[b * J + j]!;
      for (let k = 0; k < K; k++) o[b * K + k] += hj * w2[j * K + k]!;
    }
    let e2 = 0;
    for (let k = 0; k < K; k++) {
      const ok = sigmoid(o[b * K + k]!);
      o[b * K + k] = ok;
      const e = tb[b * K + k]! - ok;
      e2 += e * e;
      d2[b * K + k] = -2 * e * ok * (1 - ok);
    }
    E[b] = e2;
    for (let j = 0; j < J; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += d2[b * K + k]! * w2[j * K + k]!;
      const hj = hb[b * J + j]!;
      d1[b * J + j] = s * hj * (1 - hj);
    }
  }
  g2.fill(0);
  g1.fill(0);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < J; j++) {
      const hj = hb[b * J + j]!;
      for (let k = 0; k < K; k++) g2[j * K + k] += hj * d2[b * K + k]!;
    }
    for (let i = 0; i < I; i++) {
      const xi = x[b * I + i]!;
      const wi = i * J;
      for (let j = 0; j < J; j++) g1[wi + j] += xi * d1[b * J + j]!;
    }
  }
}

const BATCHES = [32, 128] as const;
const batchId = (B: number, what: string) => `batch ${B}: ${what}`;
const batchTable = new RatioTable(
  '784-100-10 network, mini-batches: o_{bk}, E_b, Σ_b ∂E_b/∂w_{jk}, Σ_b ∂E_b/∂w_{ij} in one kernel, ratios of time per call',
  BATCHES.flatMap((B) => [
    [`batch ${B}: kernel before issue 12 / compiled bind()`, batchId(B, 'before'), batchId(B, 'compiled')],
    [`batch ${B}: hand-written row-major / compiled bind()`, batchId(B, 'hand-written'), batchId(B, 'compiled')],
  ] as const),
  [],
  Object.fromEntries(BATCHES.flatMap((B) => ['before', 'compiled', 'hand-written'].map((w) => [batchId(B, w), batchFlops(B)]))),
);

for (const B of BATCHES) {
  const xb = fill(B * I);
  const tb = fill(B * K);
  const values = { o_i: xb, 'w_{ij}': w1, 'w_{jk}': w2, t: tb };
  const sizes = { i: I, j: J, k: K, b: B };
  const shapes = [B * K, B, J * K, I * J];
  const mine = shapes.map((n) => new Float64Array(n));
  const theirs = shapes.map((n) => new Float64Array(n));
  const hand = shapes.map((n) => new Float64Array(n));
  const run = network.bind({ values, sizes }, mine);
  const [hb, d1, d2] = [new Float64Array(B * J), new Float64Array(B * J), new Float64Array(B * K)];
  // The kernel's arguments in its parameter order (x0.. in signature order, then extents, sizes, outputs), as compileAll passes them.
  const args: unknown[] = [];
  for (const s of network.signature.inputs) args.push(values[s.name as keyof typeof values]);
  for (const s of network.signature.inputs) for (const slot of s.slots) args.push(sizes[slot[0] as keyof typeof sizes]);
  for (const n of network.signature.ranged) args.push(sizes[n as keyof typeof sizes]);
  args.push(...theirs);
  run();
  before.entry(args);
  handBatch(B, xb, tb, hand, hb, d1, d2);
  const close = (p: number, q: number) => Math.abs(p - q) <= 1e-10 * Math.max(1, Math.abs(q));
  mine.forEach((m, r) => {
    if (!m.every((v, n) => close(v, theirs[r]![n]!) && close(v, hand[r]![n]!))) throw new Error(`batch ${B}: output ${r} disagrees`);
  });
  describe(`784-100-10 network, batch of ${B}`, () => {
    bench('compiled (Kronecker), bind()', () => {
      run();
    }, batchTable.options(batchId(B, 'compiled')));
    bench('kernel before issue 12', () => {
      before.entry(args);
    }, batchTable.options(batchId(B, 'before')));
    bench('hand-written JS, row-major', () => {
      handBatch(B, xb, tb, hand, hb, d1, d2);
    }, batchTable.options(batchId(B, 'hand-written')));
  });
}
