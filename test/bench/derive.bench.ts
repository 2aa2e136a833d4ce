// Differentiation end to end against mathjs on the same formulas.
//
//   seed       parse → resolve definitions → derive → simplify → print, for
//              o_k = σ(Σ_j w_{jk} o_j); E = Σ_k (t_k - o_k)^2 by w_{jk};
//              mathjs: derivative + simplify of the scalar expansion with three
//              inputs, E = (t - sigmoid(w1*o1 + w2*o2 + w3*o3))^2 by w1.
//   1000 terms w_1 x_1 + … + w_1000 x_1000 by w_500 (and Σ_i w_i x_i, which is
//              one term in index notation). mathjs's simplify cannot take part:
//              derivative + simplify takes 17 ms at 10 terms, 92 ms at 20 and
//              34 s at 30 (measured once, Node 20), so for 1000 terms mathjs
//              runs derivative alone, and derivative + simplify runs at 20.
//   σ^40       σ(σ(…σ(x))) 40 deep; the DAG and tree sizes of the derivative
//              are printed once.
//
// Run: npx vitest bench --run test/bench/derive.bench.ts

import { derivative, parse as mathParse, simplify as mathSimplify } from 'mathjs';
import { bench, describe } from 'vitest';
import { add, call, dagSize, type Expr, inum, mul, sum, treeSize, variable, ivar } from '../../src/core/ast.js';
import { resolveDefinitions } from '../../src/definitions.js';
import { derive, differentiate } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';

const SEED = 'o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2';
const SIGMOID_3 = '(t - 1 / (1 + exp(-(w1*o1 + w2*o2 + w3*o3))))^2';

function seedEndToEnd(): string {
  const r = resolveDefinitions(parseFormulas(SEED), [parse('w_{jk}')]);
  const wrt = r.extra[0]!;
  if (wrt.kind !== 'var') throw new Error('wrt');
  return toLatex(derive(r.target, wrt, { definitions: r.definitions }).result);
}

const N = 1000;
const terms = Array.from({ length: N }, (_, i) => mul([variable('w', [inum(i + 1)]), variable('x', [inum(i + 1)])]));
const bigSum = add(terms);
const bigSumWrt = variable('w', [inum(500)]);
const bigSumMathjs = mathParse(Array.from({ length: N }, (_, i) => `w${i + 1} * x${i + 1}`).join(' + '));
const sum20 = add(terms.slice(0, 20));
const sum20Mathjs = mathParse(Array.from({ length: 20 }, (_, i) => `w${i + 1} * x${i + 1}`).join(' + '));
const indexSum = sum('i', mul([variable('w', [ivar('i')]), variable('x', [ivar('i')])]));

const DEPTH = 40;
const x = variable('x');
let deep: Expr = x;
for (let n = 0; n < DEPTH; n++) deep = call('sigmoid', [deep]);
let deepMathjs = 'x';
for (let n = 0; n < DEPTH; n++) deepMathjs = `1 / (1 + exp(-(${deepMathjs})))`;
const deepMathjsNode = mathParse(deepMathjs);
const deep3 = call('sigmoid', [call('sigmoid', [call('sigmoid', [x])])]);
const deep3Mathjs = mathParse('1 / (1 + exp(-(1 / (1 + exp(-(1 / (1 + exp(-(x)))))))))');

{
  const raw = differentiate(deep, x);
  const simplified = derive(deep, x).result;
  const m = derivative(deepMathjsNode, 'x', { simplify: false });
  let mathjsNodes = 0;
  m.traverse(() => { mathjsNodes++; });
  console.log(`σ^${DEPTH}: derivative raw DAG ${dagSize(raw)}, tree ${treeSize(raw)}; simplified DAG ${dagSize(simplified)}, tree ${treeSize(simplified)}; mathjs tree ${mathjsNodes}`);
  console.log(`seed result: ${seedEndToEnd()}`);
}

const opts = { time: 1000, iterations: 5 };

describe('seed derivation', () => {
  bench('kronecker: parse, derive, simplify, print', () => { seedEndToEnd(); }, opts);
  bench('mathjs: derivative + simplify (3 scalar inputs)', () => { mathSimplify(derivative(SIGMOID_3, 'w1')); }, opts);
});

describe('1000-term sum', () => {
  bench('kronecker: derive (raw + simplify)', () => { derive(bigSum, bigSumWrt); }, opts);
  bench('kronecker: Σ_i w_i x_i in index notation', () => { derive(indexSum, variable('w', [ivar('j')])); }, opts);
  bench('mathjs: derivative only (no simplify)', () => { derivative(bigSumMathjs, 'w500', { simplify: false }); }, opts);
  bench('mathjs: derivative + simplify, 20 terms', () => { mathSimplify(derivative(sum20Mathjs, 'w5')); }, opts);
  bench('kronecker: derive (raw + simplify), 20 terms', () => { derive(sum20, variable('w', [inum(5)])); }, opts);
});

describe('σ^40', () => {
  bench('kronecker: raw derivative', () => { differentiate(deep, x); }, opts);
  bench('kronecker: derive (raw + simplify)', () => { derive(deep, x); }, opts);
  bench('mathjs: derivative (no simplify)', () => { derivative(deepMathjsNode, 'x', { simplify: false }); }, opts);
  bench('mathjs: derivative + simplify, 3 deep', () => { mathSimplify(derivative(deep3Mathjs, 'x')); }, opts);
  bench('kronecker: derive (raw + simplify), 3 deep', () => { derive(deep3, x); }, opts);
});
