import { describe, expect, it } from 'vitest';
import {
  add, call, children, dagSize, delta, diff, type Expr, ivar, mul, neg, num, pow, rel, sum, treeSize, variable,
} from '../../src/core/ast.js';
import { resolveDefinitions } from '../../src/definitions.js';
import { equivalent } from '../../src/simplify/index.js';
import {
  derive, differentiate, evaluateDerivatives, evaluateDiffsWithSteps, makeContext,
} from '../../src/derive/index.js';

const [j, k] = [ivar('j'), ivar('k')];
const jp = ivar("j'");
const w = (p = j, q = k) => variable('w', [p, q]);
const o = (p = j) => variable('o', [p]);
const t = (p = k) => variable('t', [p]);
const z = sum('j', mul([w(), o()])); // Σ_j w_{jk} o_j

describe('the seed sub-derivative ∂(Σ_j w_{jk} o_j)/∂w_{jk}', () => {
  const { steps, result } = evaluateDiffsWithSteps(diff(z, w()), makeContext());

  it('renames, interchanges, takes the constant multiple, differentiates the variable', () => {
    expect(steps.map((s) => s.rule)).toEqual([
      'index.rename-bound', 'diff.sum-interchange', 'diff.const-multiple', 'diff.indexed-var',
    ]);
    expect(steps[0]!.params).toEqual({ from: 'j', to: "j'" });
  });

  it('ends in Σ_{j\'} δ_{j\'j} δ_{kk} o_{j\'}, not Σ_j o_j (the SymPy capture bug)', () => {
    expect(result).toBe(sum("j'", mul([mul([delta(jp, j), delta(k, k)]), o(jp)])));
    expect(result).not.toBe(sum('j', o()));
  });

  it('chains the steps: each before is the previous after, focus and replacement sit in them', () => {
    steps.forEach((s, n) => {
      if (n > 0) expect(s.before).toBe(steps[n - 1]!.after);
      expect(s.focus.kind).toBe('diff');
    });
    expect(steps[0]!.before).toBe(diff(z, w()));
    expect(steps.at(-1)!.after).toBe(result);
  });
});

describe('the two drivers agree', () => {
  const x = variable('x');
  const cases: [string, Expr, ReturnType<typeof variable>][] = [
    ['seed sub-derivative', z, w()],
    ['squared error', sum('k', pow(add([t(), neg(call('sigmoid', [sum('j', mul([w(), o()]))]))]), num(2))), w()],
    ['quotient and powers', add([mul([x, call('exp', [x])]), pow(x, x), mul([num(3), pow(x, num(4))])]), x],
    ['nested derivative', diff(mul([x, x, variable('y')]), variable('y')), x],
  ];
  it.each(cases)('%s', (_n, e, by) => {
    const fast = differentiate(e, by, makeContext());
    const stepped = evaluateDiffsWithSteps(diff(e, by), makeContext()).result;
    expect(stepped).toBe(fast);
  });

  it('derive with and without steps gives the same raw and result', () => {
    const e = sum('k', pow(add([t(), neg(call('sigmoid', [z]))]), num(2)));
    const a = derive(e, w());
    const b = derive(e, w(), { steps: true });
    expect(b.raw).toBe(a.raw);
    expect(b.result).toBe(a.result);
    expect(a.steps).toEqual([]);
    expect(b.steps.length).toBeGreaterThan(5);
  });
});

describe('sharing: a 40-deep σ(σ(…σ(x)))', () => {
  const x = variable('x');
  let e: Expr = x;
  for (let n = 0; n < 40; n++) e = call('sigmoid', [e]);
  const raw = differentiate(e, x);

  it('has a derivative whose DAG grows linearly while its tree grows quadratically', () => {
    expect(dagSize(raw)).toBeLessThan(10 * 40);
    expect(treeSize(raw)).toBeGreaterThan(40 * 40);
  });

  it('the step driver takes one step per level (plus the innermost ∂x/∂x)', () => {
    const { steps, result } = evaluateDiffsWithSteps(diff(e, x), makeContext());
    expect(result).toBe(raw);
    expect(steps.length).toBe(41);
  });
});

describe('definitions (let*)', () => {
  // o_k = σ(Σ_j w_{jk} o_j); E = Σ_k (t_k - o_k)^2
  const formulas = [
    rel(['='], [o(k), call('sigmoid', [z])]),
    rel(['='], [variable('E'), sum('k', pow(add([t(), neg(o(k))]), num(2)))]),
  ];
  const { definitions, target } = resolveDefinitions(formulas);

  it('unfolds o only where it is differentiated', () => {
    const { steps, raw } = derive(target, w(), { definitions, steps: true });
    const rules = steps.map((s) => s.rule);
    expect(rules[0]).toBe('def.unfold'); // E
    expect(rules.filter((r) => r === 'def.unfold')).toHaveLength(2); // E, then the defined o_{k'}
    // the seed's (t_k - o_k) keeps o folded
    const ok = variable(definitions[0]!, [ivar("k'")]);
    expect(containsNode(raw, add([t(ivar("k'")), neg(ok)]))).toBe(true);
    // the input o_j survives inside the unfolded σ(Σ_j w_{jk'} o_j)
    expect(containsNode(raw, o(jp))).toBe(true);
  });
});

describe('differentiating by a defined quantity (backpropagation)', () => {
  it('∂E/∂o_k treats the defined o as the variable: -2(t_k - o_k)', () => {
    const { definitions, target, extra } = resolveDefinitions([
      rel(['='], [o(k), call('sigmoid', [z])]),
      rel(['='], [variable('E'), sum('k', pow(add([t(), neg(o(k))]), num(2)))]),
    ], [o(k)]);
    const ok = extra[0] as ReturnType<typeof variable>;
    expect(ok).toBe(variable(definitions[0]!, [k])); // the defined o, not the input
    const { result, steps } = derive(target, ok, { definitions, steps: true });
    expect(steps.filter((s) => s.rule === 'def.unfold')).toHaveLength(1); // E only: o_k is the variable
    expect(equivalent(result, mul([num(-2), add([t(), neg(ok)])]))).toBe(true);
  });
});

describe('evaluateDerivatives', () => {
  const x = variable('x');
  it('replaces an inner ∂ by its value and leaves the named left side alone', () => {
    const lhs = diff(variable('E'), w(), 'fraction');
    const rhs = mul([num(-2), call('sigmoid', [z]), diff(z, w())]);
    const { result, steps } = evaluateDerivatives(rel(['='], [lhs, rhs]), { steps: true, simplify: false });
    expect(result.kind).toBe('rel');
    const r = result as Expr & { kind: 'rel' };
    expect(r.args[0]).toBe(lhs);
    expect(r.args[1]).toBe(mul([num(-2), call('sigmoid', [z]), sum("j'", mul([mul([delta(jp, j), delta(k, k)]), o(jp)]))]));
    expect(steps.at(-1)!.rule).toBe('subst.back');
    expect(steps.at(-1)!.before).toBe(rel(['='], [lhs, rhs]));
    expect(steps.at(-1)!.after).toBe(result);
  });

  it('evaluates nested derivatives inside out', () => {
    const e = add([num(1), diff(diff(mul([x, x]), x), x)]);
    expect(evaluateDerivatives(e, { simplify: false }).result).toBe(add([num(1), differentiate(differentiate(mul([x, x]), x), x)]));
  });
});

function containsNode(e: Expr, target: Expr): boolean {
  return e === target || children(e).some((c) => containsNode(c, target));
}
