// The seed document, end to end: expression one becomes expression two, the
// SymPy capture case gives o_j (not Σ_j o_j), and the network definition gives
// the seed's gradient.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Expr, ivar, mapChildren, sum, variable } from '../../src/core/ast.js';
import type { VarName } from '../../src/core/names.js';
import { resolveDefinitions } from '../../src/definitions.js';
import { derive, evaluateDerivatives } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { equivalent, simplify } from '../../src/simplify/index.js';

const [j, k] = [ivar('j'), ivar('k')];
const EXPR_ONE =
  '\\frac{\\partial E}{\\partial w_{jk}} = -2(t_k - o_k) \\cdot \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right) \\cdot (1 - \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right)) \\cdot \\frac{\\partial}{\\partial w_{jk}} \\left(\\sum_j w_{jk} \\cdot o_j\\right)';
const EXPR_TWO =
  '\\frac{\\partial E}{\\partial w_{jk}} = -2(t_k - o_k) \\cdot \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right) \\cdot (1 - \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right)) \\cdot o_j';

describe('seed', () => {
  it('∂(Σ_j w_{jk} o_j)/∂w_{jk} = o_j, not Σ_j o_j', () => {
    const { result } = derive(parse('\\sum_j w_{jk} o_j'), variable('w', [j, k]));
    expect(result).toBe(variable('o', [j]));
    expect(result).not.toBe(sum('j', variable('o', [j])));
  });

  it('expression one evaluates to expression two, with the steps of the document', () => {
    const { result, steps } = evaluateDerivatives(parse(EXPR_ONE), { steps: true });
    expect(result).toBe(parse(EXPR_TWO));
    const rules = steps.map((s) => s.rule);
    // the differentiator's part is exact; the simplifier's part must contain the δ steps in order
    expect(rules.slice(0, 4)).toEqual(['index.rename-bound', 'diff.sum-interchange', 'diff.const-multiple', 'diff.indexed-var']);
    const tail = rules.slice(4);
    expect(tail.indexOf('delta.eval')).toBeGreaterThanOrEqual(0);
    expect(tail.indexOf('sum.delta-collapse')).toBeGreaterThan(tail.indexOf('delta.eval'));
    expect(rules.at(-1)).toBe('subst.back');
    expect(steps.at(-1)!.replacement).toBe(variable('o', [j]));
  });

  it('the comma-separated form in the document gives the comma-separated expression two', () => {
    const lines = readFileSync(new URL('../fixtures/gradient-derivation-zh.txt', import.meta.url), 'utf8').split('\n');
    const latexOf = (line: string) => line.slice(line.indexOf('\\frac{\\partial E}'));
    const one = lines.find((l) => l.includes('\\frac{\\partial E}{\\partial w_{j,k}} = ') && l.includes('\\frac{\\partial (\\sum'))!;
    const two = lines.find((l) => l.includes('\\frac{\\partial E}{\\partial w_{j,k}} = ') && l.trimEnd().endsWith('\\cdot o_{j}'))!;
    expect(evaluateDerivatives(parse(latexOf(one))).result).toBe(parse(latexOf(two)));
  });

  it('the network o_k = σ(Σ_j w_{jk} o_j), E = Σ_k (t_k - o_k)^2 gives the seed gradient', () => {
    const r = resolveDefinitions(parseFormulas('o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2'), [parse('w_{jk}')]);
    const { result } = derive(r.target, r.extra[0] as ReturnType<typeof variable>, { definitions: r.definitions });
    // the seed's answer, where o_k is the defined o (the o_j inside σ is the input)
    const seed = renameVar(parse('-2(t_k - o_k) \\sigma(\\sum_j w_{jk} o_j)(1 - \\sigma(\\sum_j w_{jk} o_j)) o_j'), 'o', [k], r.definitions[0]!);
    expect(result).toBe(simplify(seed).result);
    expect(equivalent(result, seed)).toBe(true);
  });
});

/** `e` with the variable `name` at exactly `indices` replaced by the quantity `to`. */
function renameVar(e: Expr, name: string, indices: readonly ReturnType<typeof ivar>[], to: VarName): Expr {
  const target = variable(name, indices);
  const walk = (x: Expr): Expr => (x === target ? variable(to, indices) : mapChildren(x, walk));
  return walk(e);
}
