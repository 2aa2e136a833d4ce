// Unfolding a defined name where that lets terms cancel, then folding it back
// (src/derive/refold.ts): `y = e^x; E = t log y + y` reaches t + y; softmax with
// cross-entropy reaches y_j - t_j (by its lemma, src/derive/lemmas.ts), while the
// seed's o_k stays folded and its sigmoid factors stay written out.

import { describe, expect, it } from 'vitest';
import { inum, ivar, variable, type Var } from '../../src/core/ast.js';
import { checkDerivative, inputsSatisfying } from '../../src/check.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { checkSteps } from '../../src/proof/index.js';
import { instanceOf } from '../../src/simplify/fold.js';
import { equivalent } from '../../src/simplify/index.js';
import { toLatex } from '../../src/print/index.js';


function run(formulas: string, wrt: string, steps = false) {
  const r = resolveDefinitions(parseFormulas(formulas), [parse(wrt)]);
  const d = derive(r.target, r.extra[0] as Var, { definitions: r.definitions, assumptions: r.assumptions, steps });
  return { ...r, wrt: r.extra[0] as Var, d };
}

const SOFTMAX_CE = String.raw`y_k = \frac{e^{z_k}}{\sum_i e^{z_i}}; E = -\sum_k t_k \log y_k; \sum_k t_k = 1`;

describe('softmax with cross-entropy', () => {
  it('reaches y_j - t_j given Σ_k t_k = 1', () => {
    const { d } = run(SOFTMAX_CE, 'z_j');
    expect(toLatex(d.result)).toBe('y_j - t_j');
  });

  it('is right numerically where the assumption holds', () => {
    const { d, target, wrt, definitions, assumptions } = run(SOFTMAX_CE, 'z_j');
    const fixed = inputsSatisfying(assumptions)!;
    const report = checkDerivative({
      f: unfoldAll(target, definitions), wrt, derivative: unfoldAll(d.result, definitions), inputs: fixed,
    });
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(0);
  });

  it('without the assumption the defined name is not forced: the result stays right at random inputs', () => {
    const { d, target, wrt, definitions } = run(SOFTMAX_CE.replace(String.raw`; \sum_k t_k = 1`, ''), 'z_j');
    const report = checkDerivative({ f: unfoldAll(target, definitions), wrt, derivative: unfoldAll(d.result, definitions) });
    expect(report.ok).toBe(true);
  });

  it('its proof quotes the softmax derivative (def.softmax) and uses the assumption, and every step checks', () => {
    const { d, target, definitions, assumptions } = run(SOFTMAX_CE, 'z_j', true);
    const rules = d.steps.map((s) => s.rule);
    expect(rules).toContain('def.softmax');
    expect(rules).toContain('alg.assumption');
    // y is no longer unfolded and folded back: the lemma writes its derivative with y.
    expect(rules).not.toContain('def.fold');
    const fixed = inputsSatisfying(assumptions)!;
    const check = checkSteps({ goal: target, steps: d.steps, result: d.result }, { definitions, values: fixed.values, sizes: fixed.sizes });
    expect(check.steps.filter((s) => !s.ok).map((s) => `${s.index} ${s.rule}: ${s.problems.join('; ')}`)).toEqual([]);
  });
});

describe('a definition unfolded where terms cancel, and folded back', () => {
  it('y = e^x; E = t log y + y: t e^x / y cancels once y is unfolded, and e^x is written y again', () => {
    const { d } = run(String.raw`y = e^{x}; E = t \log y + y`, 'x', true);
    expect(toLatex(d.result)).toBe('t + y');
    const rules = d.steps.map((s) => s.rule);
    expect(rules).toContain('def.unfold');
    expect(rules[rules.length - 1]).toBe('def.fold');
  });
});

describe('the seed keeps its form', () => {
  it('o_k stays folded in (t_k - o_k) and the sigmoid factors stay unfolded', () => {
    const { d } = run(String.raw`o_k = \text{sigmoid}(\sum_j w_{jk} \cdot o_j); E = \sum_k (t_k - o_k)^2`, 'w_{jk}');
    const expressionTwo = parse(String.raw`-2(t_k - o_k) \text{sigmoid}(\sum_j w_{jk} o_j) (1 - \text{sigmoid}(\sum_j w_{jk} o_j)) o_j`);
    // what the user sees, read back as they would
    expect(equivalent(parse(toLatex(d.result)), expressionTwo)).toBe(true);
    const latex = toLatex(d.result);
    expect(latex).toContain('(t_k - o_k)');
    expect(latex.match(/\\text\{sigmoid\}/g)).toHaveLength(2);
  });
});

describe('instanceOf (folding a definition back)', () => {
  const def = { name: 'y', version: 1, family: null, marks: [], indices: ['k'], body: parse(String.raw`\frac{e^{z_k}}{\sum_i e^{z_i}}`) };

  it('matches the body at any index and up to renaming of its bound index', () => {
    expect(instanceOf(def, parse(String.raw`\frac{e^{z_j}}{\sum_c e^{z_c}}`))).toBe(variable(def, [ivar('j')]));
    expect(instanceOf(def, parse(String.raw`\frac{e^{z_{2}}}{\sum_i e^{z_i}}`))).toBe(variable(def, [inum(2)]));
    expect(instanceOf(def, parse(String.raw`\frac{e^{z_{j+1}}}{\sum_i e^{z_i}}`))).toBe(variable(def, [ivar('j', 1)]));
  });

  it('leaves a near miss alone (different bound index inside)', () => {
    expect(instanceOf(def, parse(String.raw`\frac{e^{z_j}}{\sum_c e^{z_j}}`))).toBeNull();
  });

  it('does not bind a parameter to an index bound inside the candidate', () => {
    // Σ_j x_j y_j is not z_j for z_k = Σ_i x_i y_k: the j of y_j belongs to the sum.
    const z = { name: 'z', version: 1, family: null, marks: [], indices: ['k'], body: parse(String.raw`\sum_i x_i y_k`) };
    expect(instanceOf(z, parse(String.raw`\sum_j x_j y_j`))).toBeNull();
    expect(instanceOf(z, parse(String.raw`\sum_j x_j y_m`))).toBe(variable(z, [ivar('m')]));
  });
});
