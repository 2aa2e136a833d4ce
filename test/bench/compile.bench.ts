// The seed's output-layer gradient ∂E/∂w_{jk} = -2(t_k - y_k)·σ(z_k)·(1 - σ(z_k))·o_j,
// z_k = Σ_j w_{jk} o_j (y_k is the output o_k, a separate input), at Rashid's sizes.
//
//   npx vitest bench --run test/bench/compile.bench.ts
//
// Four ways to compute the whole J×K gradient:
// - compiled: Kronecker's `compile(...).into(inputs, out)` (binding the inputs included);
// - hand-written: the loops a person writes (z and the k-only factor once per k);
// - mathjs: `math.compile` of the scalar formula, evaluated per (j, k) with z_k computed
//   once per k by hand (mathjs has no index notation; this is its best case);
// - interpreter: Kronecker's reference `evaluate` (an oracle, not meant to be fast).

import { compile as mathCompile } from 'mathjs';
import { bench, describe } from 'vitest';
import { add, call, ivar, mul, neg, num, sum, variable } from '../../src/ast.js';
import { compile } from '../../src/compile/index.js';
import { evaluate } from '../../src/evaluate.js';
import { sigmoid } from '../../src/functions.js';

const j = ivar('j');
const k = ivar('k');
const z = sum('j', mul([variable('w', [j, k]), variable('o', [j])]));
const s = call('sigmoid', [z]);
const gradient = mul([num(-2), add([variable('t', [k]), neg(variable('y', [k]))]), s, add([num(1), neg(s)]), variable('o', [j])]);
const compiled = compile(gradient);

function handWritten(w: Float64Array, o: Float64Array, t: Float64Array, y: Float64Array, J: number, K: number, out: Float64Array): void {
  const c = new Float64Array(K);
  for (let kk = 0; kk < K; kk++) {
    let zk = 0;
    for (let jj = 0; jj < J; jj++) zk += w[jj * K + kk]! * o[jj]!;
    const sk = sigmoid(zk);
    c[kk] = -2 * (t[kk]! - y[kk]!) * sk * (1 - sk);
  }
  for (let jj = 0; jj < J; jj++) {
    const oj = o[jj]!;
    for (let kk = 0; kk < K; kk++) out[jj * K + kk] = c[kk]! * oj;
  }
}

const scalar = mathCompile('-2 * (t - y) * sigmoid(z) * (1 - sigmoid(z)) * o');
function viaMathjs(w: Float64Array, o: Float64Array, t: Float64Array, y: Float64Array, J: number, K: number, out: Float64Array): void {
  const zs = new Float64Array(K);
  for (let kk = 0; kk < K; kk++) for (let jj = 0; jj < J; jj++) zs[kk] += w[jj * K + kk]! * o[jj]!;
  const scope = { t: 0, y: 0, z: 0, o: 0, sigmoid };
  for (let jj = 0; jj < J; jj++) {
    for (let kk = 0; kk < K; kk++) {
      scope.t = t[kk]!;
      scope.y = y[kk]!;
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
  const values = { w: fill(J * K), o: fill(J), t: fill(K), y: fill(K) };
  return { J, K, values, inputs: { values, sizes: { j: J, k: K } }, out: new Float64Array(J * K) };
}

for (const [J, K] of [[100, 10], [784, 100]] as const) {
  const d = data(J, K);
  const { w, o, t, y } = d.values;
  describe(`∂E/∂w_{jk}, J=${J}, K=${K}`, () => {
    bench('compiled (Kronecker)', () => {
      compiled.into(d.inputs, d.out);
    });
    bench('hand-written JS', () => {
      handWritten(w, o, t, y, J, K, d.out);
    });
    bench('mathjs compile(), per (j, k)', () => {
      viaMathjs(w, o, t, y, J, K, d.out);
    }, { time: 300 });
    bench('reference interpreter', () => {
      evaluate(gradient, d.inputs);
    }, { time: 300 });
  });
}
