// Parser speed, side by side with mathjs's parser on the same formulas.
// Run: npx vitest bench --run test/bench/parse.bench.ts
// Targets: the seed's expression one under 0.5 ms; time linear in length.
//
// The corpus (at the end): 188 entries, LaTeX 254 µs and text 164 µs per entry, mathjs 31 µs per
// plain-text formula (min; one entry is 1.06 formulas on average), on a quiet machine, 2026-12-02.
// Prediction with lookahead (src/parse/lookahead.ts) keeps the grammar of issue 9 (140 rules, 120
// before) as fast as the old one on the old corpus's 137 formulas: 0.104–0.129 ms against 0.118–0.132.
//
// Measured earlier (Node 20, 2 shared cores under load; best batch of many): seed 0.41 ms
// LaTeX / 0.23 ms text / 0.075 ms mathjs; 100 terms 2.0 / 1.3 / 0.83 ms; 1000 terms
// 29 / 23 / 15 ms. Earley costs ~30 parser states per token; mathjs's hand-written
// descent is 2-5x faster, the price of a declarative, ambiguity-checked grammar.

import { parse as mathjsParse } from 'mathjs';
import { bench, describe } from 'vitest';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { toText } from '../../src/print/index.js';
import { CORPUS } from '../corpus.js';
import { SEED_EXPRESSION_ONE } from '../fixtures/seed.js';
import { RatioTable } from './ratios.js';

const SEED_TEXT =
  'd/dw[j,k](E) = -2 (t[k] - o[k]) * sigmoid(sum(j, w[j,k]*o[j])) * (1 - sigmoid(sum(j, w[j,k]*o[j]))) * d/dw[j,k](sum(j, w[j,k]*o[j]))';
// mathjs has no index sums or derivative operators; the nearest formula of the same size.
const SEED_MATHJS =
  'dEdw == -2 (t[k] - o[k]) * sigmoid(sum(w[j,k]*o[j])) * (1 - sigmoid(sum(w[j,k]*o[j]))) * diff(sum(w[j,k]*o[j]), w[j,k])';

const latexSum = (n: number) => Array.from({ length: n }, (_, i) => `x_{${i + 1}}`).join(' + ');
const textSum = (n: number) => Array.from({ length: n }, (_, i) => `x[${i + 1}]`).join(' + ');

describe('seed expression one', () => {
  bench('kronecker latex', () => void parse(SEED_EXPRESSION_ONE, { syntax: 'latex' }));
  bench('kronecker text', () => void parse(SEED_TEXT, { syntax: 'text' }));
  bench('mathjs', () => void mathjsParse(SEED_MATHJS));
});

for (const n of [100, 1000]) {
  const latex = latexSum(n);
  const text = textSum(n);
  describe(`sum of ${n} terms`, () => {
    bench('kronecker latex', () => void parse(latex, { syntax: 'latex' }));
    bench('kronecker text', () => void parse(text, { syntax: 'text' }));
    bench('mathjs', () => void mathjsParse(text));
  });
}

// Throughput on formulas as people write them: every formula of the correctness corpus (test/corpus.ts,
// LaTeX, many from textbooks and papers), its plain-text form, and mathjs parsing the same plain text
// where mathjs can (it has no Iverson brackets or `#j`). Reported per formula.
const corpusLatex = CORPUS.map((e) => e.formulas);
// One input per entry, as in LaTeX: a call f(2 * x) needs its definition in the same input.
const corpusText = corpusLatex.map((f) => parseFormulas(f).map((e) => toText(e)).join('; '));
const mathjsText = corpusLatex.flatMap((f) => parseFormulas(f).map((e) => toText(e))).filter((t) => {
  try {
    mathjsParse(t);
    return true;
  } catch {
    return false;
  }
});
const perSecond = new RatioTable(
  `parse throughput: the ${corpusLatex.length} corpus entries in LaTeX and in plain text, ` +
    `${mathjsText.length} of their formulas for mathjs (time per input; /s = inputs per second by the mean)`,
  [['kronecker latex per entry / mathjs per formula', 'latex', 'mathjs'], ['kronecker text per entry / mathjs per formula', 'text', 'mathjs']],
  ['latex', 'text', 'mathjs'],
);
describe('the corpus, formula by formula', () => {
  bench('kronecker latex', () => { for (const f of corpusLatex) parseFormulas(f, { syntax: 'latex' }); },
    perSecond.options('latex', {}, corpusLatex.length));
  bench('kronecker text', () => { for (const f of corpusText) parseFormulas(f, { syntax: 'text' }); },
    perSecond.options('text', {}, corpusText.length));
  bench('mathjs', () => { for (const f of mathjsText) mathjsParse(f); }, perSecond.options('mathjs', {}, mathjsText.length));
});
