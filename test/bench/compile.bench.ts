// The seed's output-layer gradient ∂E/∂w_{jk}, derived by the engine from
//   E = Σ_k (t_k - o_k)^2,  o_k = σ(Σ_j w_{jk} o_j)
// and unfolded, so the compiler sees σ(Σ_j w_{jk} o_j) where o_k stood and must
// hoist the sum and its sigmoid to once per k. At J=100, K=10 and at Rashid's
// J=784, K=100:
//
//   npm run bench -- test/bench/compile.bench.ts      (or: npx vitest bench --run test/bench/compile.bench.ts)
//
// - compiled, into(): `compile(...).into(inputs, out)`, checking and binding the inputs at every call;
// - compiled, bind(): the same kernel with the inputs bound once (`compiled.bind(inputs)`);
// - emitted module: `emitModule(compiled)` written to a file and imported; `into(values, out, sizes)`
//   (allocation-free, into the caller's array) and `run(values, sizes)` (a fresh array per call);
// - hand-written: the fastest loops a person writes, row-major (j outer, k inner, so w is read at
//   unit stride), z_k and the k-only factor once per k; and the same unrolled over four rows of w;
// - mathjs: `math.compile` of the scalar formula, evaluated per (j, k) with z_k computed
//   once per k by hand (mathjs has no index notation; this is its best case);
// - interpreter: Kronecker's reference `evaluate` (an oracle, not meant to be fast).
// Also the whole way from text to closure: parse + resolve + derive + unfold + compile.
// A ratio table is printed at the end (test/bench/ratios.ts).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile as mathCompile } from 'mathjs';
import { bench, describe } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { compile, emitModule } from '../../src/compile/index.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { sigmoid } from '../../src/functions.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { RatioTable } from './ratios.js';

const SEED = String.raw`E = \sum_k (t_k - o_k)^2`;
const WHERE = String.raw`o_k = \text{sigmoid}(\sum_j w_{jk} \cdot o_j)`;

/** Text → closure, as `kronecker compile` does it. */
function compileSeedGradient() {
  const r = resolveDefinitions([...parseFormulas(WHERE), ...parseFormulas(SEED)], [parse('w_{jk}')]);
  const d = derive(r.target, r.extra[0] as Var, { definitions: r.definitions });
  const gradient = unfoldAll(d.result, r.definitions);
  return { gradient, compiled: compile(gradient) };
}
const { gradient, compiled } = compileSeedGradient();

/**
 * The fastest plain loops: z_k accumulated row by row over w (j outer, k inner: unit stride), the
 * k-only factor once per k, then one product per (j, k). (With k outer, reading w by columns, the
 * same arithmetic takes about twice as long.)
 */
function handWritten(w: Float64Array, o: Float64Array, t: Float64Array, J: number, K: number, c: Float64Array, out: Float64Array): void {
  c.fill(0, 0, K);
  for (let jj = 0; jj < J; jj++) {
    const oj = o[jj]!;
    const row = jj * K;
    for (let kk = 0; kk < K; kk++) c[kk] += w[row + kk]! * oj;
  }
  finish(o, t, J, K, c, out);
}

/** From the sums z_k in c: c_k = -2(t_k - σ(z_k))σ(z_k)(1 - σ(z_k)), then out_{jk} = c_k o_j, row by row. */
function finish(o: Float64Array, t: Float64Array, J: number, K: number, c: Float64Array, out: Float64Array): void {
  for (let kk = 0; kk < K; kk++) {
    const sk = sigmoid(c[kk]!);
    c[kk] = -2 * (t[kk]! - sk) * sk * (1 - sk);
  }
  for (let jj = 0; jj < J; jj++) {
    const oj = o[jj]!;
    const row = jj * K;
    for (let kk = 0; kk < K; kk++) out[row + kk] = c[kk]! * oj;
  }
}

/** The same, with the row-by-row sums unrolled over four rows of w (one load and store of c_k per four terms). */
function handUnrolled(w: Float64Array, o: Float64Array, t: Float64Array, J: number, K: number, c: Float64Array, out: Float64Array): void {
  c.fill(0, 0, K);
  let jj = 0;
  for (; jj + 3 < J; jj += 4) {
    const o0 = o[jj]!, o1 = o[jj + 1]!, o2 = o[jj + 2]!, o3 = o[jj + 3]!;
    const r0 = jj * K, r1 = r0 + K, r2 = r1 + K, r3 = r2 + K;
    for (let kk = 0; kk < K; kk++) c[kk] = c[kk]! + w[r0 + kk]! * o0 + w[r1 + kk]! * o1 + w[r2 + kk]! * o2 + w[r3 + kk]! * o3;
  }
  for (; jj < J; jj++) {
    const oj = o[jj]!;
    const row = jj * K;
    for (let kk = 0; kk < K; kk++) c[kk] += w[row + kk]! * oj;
  }
  finish(o, t, J, K, c, out);
}

const scalar = mathCompile('-2 * (t - sigmoid(z)) * sigmoid(z) * (1 - sigmoid(z)) * o');
function viaMathjs(w: Float64Array, o: Float64Array, t: Float64Array, J: number, K: number, zs: Float64Array, out: Float64Array): void {
  zs.fill(0);
  for (let kk = 0; kk < K; kk++) for (let jj = 0; jj < J; jj++) zs[kk] += w[jj * K + kk]! * o[jj]!;
  const scope = { t: 0, z: 0, o: 0, sigmoid };
  for (let jj = 0; jj < J; jj++) {
    for (let kk = 0; kk < K; kk++) {
      scope.t = t[kk]!;
      scope.z = zs[kk]!;
      scope.o = o[jj]!;
      out[jj * K + kk] = scalar.evaluate(scope) as number;
    }
  }
}

function data(J: number, K: number) {
  let seed = 7;
  const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const fill = (n: number) => Float64Array.from({ length: n }, r);
  const values = { w: fill(J * K), o: fill(J), t: fill(K) };
  return { values, inputs: { values, sizes: { j: J, k: K } }, out: new Float64Array(J * K), perK: new Float64Array(K) };
}

// The emitted ES module (`kronecker compile --emit js`), imported from a file as a user would.
const moduleFile = join(mkdtempSync(join(tmpdir(), 'kronecker-bench-')), 'seed.mjs');
writeFileSync(moduleFile, emitModule(compiled));
const emitted = (await import(pathToFileURL(moduleFile).href)) as {
  into: (values: object, out: Float64Array, sizes?: object) => Float64Array;
  run: (values: object, sizes?: object) => Float64Array;
};

const SIZES = [[100, 10], [784, 100]] as const;
const id = (J: number, K: number, what: string) => `${J}×${K} ${what}`;
/** Multiplications and additions per call: Σ_j w_{jk} o_j (2JK), the product per (j, k) (JK), the k-only factor (~5K). */
const flops = (J: number, K: number) => 3 * J * K + 5 * K;
const KERNELS = ['compiled into()', 'compiled bind()', 'module into()', 'module run()', 'hand-written', 'hand-written unrolled'];
const table = new RatioTable(
  'Seed gradient ∂E/∂w_{jk} (derived by the engine), ratios of time per call',
  SIZES.flatMap(([J, K]) => [
    [`${J}×${K}: compiled bind() / hand-written row-major`, id(J, K, 'compiled bind()'), id(J, K, 'hand-written')],
    [`${J}×${K}: compiled bind() / hand-written row-major, unrolled ×4`, id(J, K, 'compiled bind()'), id(J, K, 'hand-written unrolled')],
    [`${J}×${K}: compiled into() / hand-written row-major`, id(J, K, 'compiled into()'), id(J, K, 'hand-written')],
    [`${J}×${K}: emitted module into() / hand-written row-major`, id(J, K, 'module into()'), id(J, K, 'hand-written')],
    [`${J}×${K}: emitted module into() / hand-written row-major, unrolled ×4`, id(J, K, 'module into()'), id(J, K, 'hand-written unrolled')],
    [`${J}×${K}: emitted module run() / hand-written row-major`, id(J, K, 'module run()'), id(J, K, 'hand-written')],
    [`${J}×${K}: mathjs / compiled into()`, id(J, K, 'mathjs'), id(J, K, 'compiled into()')],
    [`${J}×${K}: interpreter / compiled into()`, id(J, K, 'interpreter'), id(J, K, 'compiled into()')],
  ] as const),
  ['parse + derive + compile'],
  Object.fromEntries(SIZES.flatMap(([J, K]) => KERNELS.map((what) => [id(J, K, what), flops(J, K)]))),
);

for (const [J, K] of SIZES) {
  const d = data(J, K);
  const { w, o, t } = d.values;
  const bound = compiled.bind(d.inputs, d.out);
  // Every variant computes the same numbers before anything is timed.
  {
    const ref = Float64Array.from(bound());
    const check = (what: string, got: Float64Array) => {
      if (!got.every((v, n) => Math.abs(v - ref[n]!) <= 1e-12 * Math.max(1, Math.abs(ref[n]!)))) throw new Error(`${what} disagrees with the compiled kernel`);
    };
    check('module into()', Float64Array.from(emitted.into(d.values, new Float64Array(J * K), d.inputs.sizes)));
    check('module run()', emitted.run(d.values, d.inputs.sizes));
    handWritten(w, o, t, J, K, d.perK, d.out);
    check('hand-written', Float64Array.from(d.out));
    handUnrolled(w, o, t, J, K, d.perK, d.out);
    check('hand-written unrolled', Float64Array.from(d.out));
  }
  describe(`∂E/∂w_{jk}, J=${J}, K=${K}`, () => {
    bench('compiled (Kronecker), into()', () => {
      compiled.into(d.inputs, d.out);
    }, table.options(id(J, K, 'compiled into()')));
    bench('compiled (Kronecker), bind() once', () => {
      bound();
    }, table.options(id(J, K, 'compiled bind()')));
    bench('emitted module, into()', () => {
      emitted.into(d.values, d.out, d.inputs.sizes);
    }, table.options(id(J, K, 'module into()')));
    bench('emitted module, run()', () => {
      emitted.run(d.values, d.inputs.sizes);
    }, table.options(id(J, K, 'module run()')));
    bench('hand-written JS, row-major', () => {
      handWritten(w, o, t, J, K, d.perK, d.out);
    }, table.options(id(J, K, 'hand-written')));
    bench('hand-written JS, row-major, unrolled ×4', () => {
      handUnrolled(w, o, t, J, K, d.perK, d.out);
    }, table.options(id(J, K, 'hand-written unrolled')));
    bench('mathjs compile(), per (j, k)', () => {
      viaMathjs(w, o, t, J, K, d.perK, d.out);
    }, table.options(id(J, K, 'mathjs'), { time: 300 }));
    bench('reference interpreter', () => {
      evaluate(gradient, d.inputs);
    }, table.options(id(J, K, 'interpreter'), { time: 300 }));
  });
}

describe('from text to closure', () => {
  bench('parse + derive + compile the seed gradient', () => {
    compileSeedGradient();
  }, table.options('parse + derive + compile', { time: 500 }));
});
