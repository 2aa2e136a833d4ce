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
// - hand-written: the loops a person writes (z_k and the k-only factor once per k);
// - mathjs: `math.compile` of the scalar formula, evaluated per (j, k) with z_k computed
//   once per k by hand (mathjs has no index notation; this is its best case);
// - interpreter: Kronecker's reference `evaluate` (an oracle, not meant to be fast).
// Also the whole way from text to closure: parse + resolve + derive + unfold + compile.
// A ratio table is printed at the end (test/bench/ratios.ts).

import { compile as mathCompile } from 'mathjs';
import { bench, describe } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { compile } from '../../src/compile/index.js';
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

function handWritten(w: Float64Array, o: Float64Array, t: Float64Array, J: number, K: number, c: Float64Array, out: Float64Array): void {
  for (let kk = 0; kk < K; kk++) {
    let zk = 0;
    for (let jj = 0; jj < J; jj++) zk += w[jj * K + kk]! * o[jj]!;
    const sk = sigmoid(zk);
    c[kk] = -2 * (t[kk]! - sk) * sk * (1 - sk);
  }
  for (let jj = 0; jj < J; jj++) {
    const oj = o[jj]!;
    for (let kk = 0; kk < K; kk++) out[jj * K + kk] = c[kk]! * oj;
  }
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

const SIZES = [[100, 10], [784, 100]] as const;
const id = (J: number, K: number, what: string) => `${J}×${K} ${what}`;
const table = new RatioTable(
  'Seed gradient ∂E/∂w_{jk} (derived by the engine), ratios of time per call',
  SIZES.flatMap(([J, K]) => [
    [`${J}×${K}: compiled into() / hand-written`, id(J, K, 'compiled into()'), id(J, K, 'hand-written')],
    [`${J}×${K}: compiled bind() / hand-written`, id(J, K, 'compiled bind()'), id(J, K, 'hand-written')],
    [`${J}×${K}: mathjs / compiled into()`, id(J, K, 'mathjs'), id(J, K, 'compiled into()')],
    [`${J}×${K}: interpreter / compiled into()`, id(J, K, 'interpreter'), id(J, K, 'compiled into()')],
  ] as const),
  ['parse + derive + compile'],
);

for (const [J, K] of SIZES) {
  const d = data(J, K);
  const { w, o, t } = d.values;
  const bound = compiled.bind(d.inputs, d.out);
  describe(`∂E/∂w_{jk}, J=${J}, K=${K}`, () => {
    bench('compiled (Kronecker), into()', () => {
      compiled.into(d.inputs, d.out);
    }, table.options(id(J, K, 'compiled into()')));
    bench('compiled (Kronecker), bind() once', () => {
      bound();
    }, table.options(id(J, K, 'compiled bind()')));
    bench('hand-written JS', () => {
      handWritten(w, o, t, J, K, d.perK, d.out);
    }, table.options(id(J, K, 'hand-written')));
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
