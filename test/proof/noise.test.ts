// No noise rows: over every proof of the correctness corpus (test/corpus.ts), at
// every detail level, no row shows a zero term (`0 + …`, `… + 0`), a plus before
// a minus (`+ (-…)`, `+ -`, `+ \frac{-…}`, a Σ of a negated body after a plus,
// `+ \sum_i (-…)`), in LaTeX, in text, or in the HTML page's highlighted rows; and no
// two definition rows follow each other (they are one row, or none where they
// return to the expression before them). The rows' numeric checks are in corpus.test.ts.

import { describe, expect, test } from 'vitest';
import { add, diff, mul, neg, num, sum, variable, ivar, div } from '../../src/core/ast.js';
import { DETAILS, layout, type Proof, selectSteps } from '../../src/proof/index.js';
import { printExpr } from '../../src/proof/fill.js';
import { changedLatex } from '../../src/proof/html.js';
import { withoutZeroTerms } from '../../src/proof/select.js';
import type { Step } from '../../src/core/steps.js';
import { CORPUS } from '../corpus.js';
import { corpusProof } from './corpus-proof.js';

const SUM = String.raw`\\sum_\{[^}]*\}(\^\{[^}]*\}|\^\w)?`;
export const NOISE: readonly (readonly [string, RegExp])[] = [
  ['0 + …', /(^|[=({[,&]\s*|\\left[([]\s*)0 [+-] /],
  ['… + 0', /[+-] 0(?=\s*($|[)}\]]|\\right|[+-] |&|\\\\))/],
  ['+ (-…)', /\+ (\(|\\left\()\s*-/],
  ['+ -', /\+ -/],
  ['+ \\frac{-…}', /\+ \\frac\{-/],
  ['+ \\sum_i (-…)', new RegExp(String.raw`\+ ${SUM} (\(|\\left\()\s*-`)],
  ['+ sum(i, -…)', /\+ sum\([^,]*, \(?-/],
];

/** The noise patterns a row's printed form matches. */
export function noiseIn(s: string): string[] {
  return NOISE.filter(([, re]) => re.test(s)).map(([name]) => name);
}

/** The page's LaTeX without the highlight boxes (`\colorbox{#…}{$\displaystyle …$}`). */
const unboxed = (latex: string) => latex.replace(/\\colorbox\{#[0-9a-f]{6}\}\{\$\\displaystyle /g, '').replace(/\$\}/g, '');

function noiseRows(proof: Proof): string[] {
  const found: string[] = [];
  for (const detail of DETAILS) {
    const L = layout(proof, { detail });
    for (const row of L.chains.flatMap((c) => c.rows)) {
      const shown = [printExpr(row.expr, 'latex'), printExpr(row.expr, 'text')];
      if (row.step !== null) shown.push(unboxed(changedLatex(row)));
      for (const s of shown) for (const n of noiseIn(s)) found.push(`${detail} row ${row.n}: ${n}: ${s}`);
    }
    for (const c of L.chains) {
      c.rows.forEach((row, i) => {
        const prev = c.rows[i - 1]?.step;
        const rule = row.step?.rule;
        // Unfolding and folding back a definition (a lemma about a defined name, def.softmax, is a rule of its own).
        const isDefinition = (r: string) => r === 'def.unfold' || r === 'def.fold';
        if (prev != null && rule !== undefined && isDefinition(prev.rule) && isDefinition(rule)) {
          found.push(`${detail} rows ${i}-${i + 1}: two definition rows in a row`);
        }
        if (row.step != null && row.step.rule.startsWith('def.') && row.step.before === row.step.after) found.push(`${detail} row ${row.n}: a round trip`);
      });
    }
  }
  return found;
}

describe('the patterns', () => {
  test('match the noise and not its clean forms', () => {
    expect(noiseIn(String.raw`2 \left(0 + \frac{\partial}{\partial w} x\right)`)).toEqual(['0 + …']);
    expect(noiseIn(String.raw`\delta_{ij} + 0`)).toEqual(['… + 0']);
    expect(noiseIn(String.raw`2 \left(0 - \frac{\partial}{\partial w} x\right)`)).toEqual(['0 + …']);
    expect(noiseIn(String.raw`x + 0.5`)).toEqual([]);
    expect(noiseIn(String.raw`a + \sum_{i} \left(-\frac{x_i}{y}\right)`)).toEqual(['+ \\sum_i (-…)']);
    expect(noiseIn(String.raw`a - \sum_{i} \frac{x_i}{y}`)).toEqual([]);
    expect(noiseIn('a + (-t[k] * x) / y')).toEqual(['+ (-…)']);
    expect(noiseIn('a + sum(i, -x[i])')).toEqual(['+ sum(i, -…)']);
  });
});

describe('proof rows print without noise', () => {
  const x = variable('x');
  const [a, b] = [variable('a'), variable('b')];
  test('a zero term leaves its sum at once; a negated Σ body after a plus is a minus', () => {
    const i = 'i';
    const xi = variable('x', [ivar(i)]);
    const e0 = diff(add([a, mul([b, x])]), x, 'operator');
    const e1 = add([diff(a, x, 'operator'), diff(mul([b, x]), x, 'operator')]);
    const e2 = add([num(0), diff(mul([b, x]), x, 'operator')]);
    const e3 = add([num(0), b]);
    const e4 = add([b, sum(i, neg(div(xi, a)))]);
    const steps: Step[] = [
      { rule: 'diff.sum', before: e0, after: e1, focus: e0, replacement: e1, params: {} },
      { rule: 'diff.const', before: e1, after: e2, focus: diff(a, x, 'operator'), replacement: num(0), params: {} },
      { rule: 'diff.const-multiple', before: e2, after: e3, focus: diff(mul([b, x]), x, 'operator'), replacement: b, params: {} },
      { rule: 'alg.add-zero', before: e3, after: b, focus: e3, replacement: b, params: {} },
      { rule: 'def.unfold', before: b, after: e4, focus: b, replacement: e4, params: {} },
    ];
    const proof: Proof = { goal: e0, steps, result: e4 };
    expect(noiseRows(proof)).toEqual([]);
    const full = layout(proof, { detail: 'full' }).chains[0]!.rows.map((r) => printExpr(r.expr, 'latex'));
    expect(full).toEqual([
      String.raw`\frac{\partial}{\partial x} a + \frac{\partial}{\partial x} (b x)`,
      String.raw`\frac{\partial}{\partial x} (b x)`,
      'b',
      String.raw`b - \sum_{i} \frac{x_i}{a}`,
    ]);
    // The add-zero step printed nothing new: it is not a row, and the constant's row is the sum without its term.
    const rows = selectSteps(steps, 'full');
    expect(rows.map((r) => r.rule)).toEqual(['diff.sum', 'diff.const', 'diff.const-multiple', 'def.unfold']);
    expect(rows[1]!.own).toBe(steps[1]);
    expect(withoutZeroTerms(add([num(0), neg(num(0))]))).toBe(num(0));
  });

  test('consecutive definition rows are one row; a round trip is none', () => {
    const p = variable('p');
    const q = variable('q');
    const body = div(a, b);
    const e0 = add([p, q]);
    const e1 = add([body, q]);
    const e2 = add([body, mul([x, b])]);
    const unfoldP: Step = { rule: 'def.unfold', before: e0, after: e1, focus: p, replacement: body, params: {} };
    const unfoldQ: Step = { rule: 'def.unfold', before: e1, after: e2, focus: q, replacement: mul([x, b]), params: {} };
    const merged = selectSteps([unfoldP, unfoldQ], 'brief');
    expect(merged).toHaveLength(1);
    expect([merged[0]!.before, merged[0]!.after]).toEqual([e0, e2]);
    const foldP: Step = { rule: 'def.fold', before: e1, after: e0, focus: body, replacement: p, params: {} };
    const next: Step = { rule: 'diff.sum', before: e0, after: e2, focus: e0, replacement: e2, params: {} };
    expect(selectSteps([unfoldP, foldP, next], 'normal').map((r) => r.rule)).toEqual(['diff.sum']);
    // In the middle of a chain the round trip goes to the row before it: the rows still chain.
    const start = mul([num(2), e0]);
    const first: Step = { rule: 'diff.sum', before: start, after: e0, focus: start, replacement: e0, params: {} };
    const rows = selectSteps([first, unfoldP, foldP, next], 'normal');
    expect(rows.map((r) => [r.rule, r.before, r.after])).toEqual([['diff.sum', start, e0], ['diff.sum', e0, e2]]);
    expect(rows[0]!.folded).toEqual([unfoldP, foldP]);
  });
});

describe('no corpus proof has a noise row, at any detail level', () => {
  test.each(CORPUS.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    expect(noiseRows(corpusProof(entry).proof)).toEqual([]);
  });
});
