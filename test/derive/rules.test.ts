import { describe, expect, it } from 'vitest';
import {
  add, call, delta, diff, div, type Expr, extent, indexValue, inum, iverson, ivar, mul, neg, num, pow, rel, sum,
  variable,
} from '../../src/core/ast.js';
import { resolveDefinitions } from '../../src/definitions.js';
import { applyRule, dependsOn, indicesDistinct, makeContext } from '../../src/derive/index.js';
import type { RuleId } from '../../src/core/steps.js';

const [i, j, k] = [ivar('i'), ivar('j'), ivar('k')];
const jp = ivar("j'");
const x = variable('x');
const y = variable('y');
const a = variable('a');
const w = (p = j, q = k) => variable('w', [p, q]);
const o = (p = j) => variable('o', [p]);

type Row = [string, Expr, ReturnType<typeof variable>, RuleId, Expr];

// [description, body, wrt, expected rule, expected one-step result]
const D = (e: Expr, by: ReturnType<typeof variable>) => diff(e, by);
const rows: Row[] = [
  ['constant', num(3), x, 'diff.const', num(0)],
  ['other scalar', y, x, 'diff.const', num(0)],
  ['same scalar', x, x, 'diff.var', num(1)],
  ['indexed, same letters', w(), w(), 'diff.indexed-var', mul([delta(j, j), delta(k, k)])],
  ['indexed, renamed bound letter', w(jp, k), w(), 'diff.indexed-var', mul([delta(jp, j), delta(k, k)])],
  ['transposed', w(k, j), w(), 'diff.indexed-var', mul([delta(k, j), delta(j, k)])],
  ['diagonal', w(j, j), w(), 'diff.indexed-var', mul([delta(j, j), delta(j, k)])],
  ['one literal', variable('w', [j, inum(1)]), w(), 'diff.indexed-var', mul([delta(j, j), delta(inum(1), k)])],
  ['shifted', variable('x', [ivar('i', 1)]), variable('x', [ivar('p')]), 'diff.indexed-var', delta(ivar('i', 1), ivar('p'))],
  ['distinct literals', variable('w', [inum(1), inum(2)]), variable('w', [inum(1), inum(3)]), 'diff.const', num(0)],
  ['same letter, other offset', variable('x', [ivar('i', 1)]), variable('x', [i]), 'diff.const', num(0)],
  ['other arity', variable('w', [j]), w(), 'diff.const', num(0)],
  ['other name', o(), w(), 'diff.const', num(0)],
  ['delta', delta(j, k), w(), 'diff.const', num(0)],
  ['extent', extent('j'), x, 'diff.const', num(0)],
  ['index value', indexValue(j), x, 'diff.const', num(0)],
  ['sum of terms', add([x, y, mul([x, x])]), x, 'diff.sum', add([D(x, x), D(y, x), D(mul([x, x]), x)])],
  ['negation', neg(x), x, 'diff.neg', neg(D(x, x))],
  ['constant multiple', mul([a, x]), x, 'diff.const-multiple', mul([a, D(x, x)])],
  ['constant multiple, constant after', mul([w(jp, k), o(jp)]), w(), 'diff.const-multiple', mul([D(w(jp, k), w()), o(jp)])],
  ['product', mul([a, x, call('sin', [x])]), x, 'diff.product',
    add([mul([a, D(x, x), call('sin', [x])]), mul([a, x, D(call('sin', [x]), x)])])],
  ['quotient by a constant', div(x, a), x, 'diff.const-divisor', div(D(x, x), a)],
  ['quotient', div(a, x), x, 'diff.quotient',
    div(add([mul([D(a, x), x]), neg(mul([a, D(x, x)]))]), pow(x, num(2)))],
  ['power, numeric exponent', pow(x, num(3)), x, 'diff.power', mul([num(3), pow(x, num(2)), D(x, x)])],
  ['square: no f^1', pow(add([x, a]), num(2)), x, 'diff.power', mul([num(2), add([x, a]), D(add([x, a]), x)])],
  ['power, symbolic exponent', pow(x, a), x, 'diff.power', mul([a, pow(x, add([a, neg(num(1))])), D(x, x)])],
  ['exponential with constant base', pow(a, x), x, 'diff.exponential', mul([pow(a, x), call('log', [a]), D(x, x)])],
  ['general power', pow(x, x), x, 'diff.power-general',
    mul([pow(x, x), add([mul([D(x, x), call('log', [x])]), div(mul([x, D(x, x)]), x)])])],
  ['chain, sigmoid', call('sigmoid', [mul([a, x])]), x, 'diff.chain',
    mul([call('sigmoid', [mul([a, x])]), add([num(1), neg(call('sigmoid', [mul([a, x])]))]), D(mul([a, x]), x)])],
  ['chain, log', call('log', [x]), x, 'diff.chain', mul([div(num(1), x), D(x, x)])],
  ['iverson that varies', iverson(rel(['>'], [x, num(0)])), x, 'diff.iverson', num(0)],
  ['iverson that does not', iverson(rel(['>'], [y, num(0)])), x, 'diff.const', num(0)],
  ['sum, no clash', sum('i', mul([w(i, k), o(i)])), w(), 'diff.sum-interchange', sum('i', D(mul([w(i, k), o(i)]), w()))],
  ['sum, clash: rename first', sum('j', mul([w(), o()])), w(), 'index.rename-bound', D(sum("j'", mul([w(jp, k), o(jp)])), w())],
  ['sum with bounds keeps them', sum('i', variable('x', [i]), inum(1), ivar('n')), variable('x', [k]), 'diff.sum-interchange',
    sum('i', D(variable('x', [i]), variable('x', [k])), inum(1), ivar('n'))],
  ['sum that does not depend', sum('j', o()), w(), 'diff.const', num(0)],
];

describe('derivative rules: one rewrite each', () => {
  const ctx = makeContext();
  it.each(rows)('%s', (_name, body, wrt, rule, result) => {
    const app = applyRule(diff(body, wrt), ctx);
    expect(app.rule).toBe(rule);
    expect(app.result).toBe(result);
  });

  it('records the function of a chain rule and the names of a renaming', () => {
    expect(applyRule(diff(call('tanh', [x]), x), ctx).params).toEqual({ fn: 'tanh' });
    expect(applyRule(diff(sum('j', mul([w(), o()])), w()), ctx).params).toEqual({ from: 'j', to: "j'" });
  });

  it('refuses a body that still holds a derivative, and relations', () => {
    expect(() => applyRule(diff(diff(x, x), x), ctx)).toThrow(/inner derivative/);
    expect(() => applyRule(diff(rel(['='], [x, x]), x), ctx)).toThrow(/relation/);
  });
});

describe('definitions in rules', () => {
  // o_k = σ(Σ_j w_{jk} o_j): the o on the right is the input o.
  const { definitions, target } = resolveDefinitions([
    rel(['='], [o(k), call('sigmoid', [sum('j', mul([w(), o()]))])]),
  ]);
  const ctx = makeContext(definitions);
  const ok = target as ReturnType<typeof variable>;

  it('the defined o is another quantity than the input o, written with the same name', () => {
    expect(ok).not.toBe(o(k));
    expect(ok.name).toBe('o');
    expect(definitions[0]!.body).toBe(call('sigmoid', [sum('j', mul([w(), o()]))]));
  });

  it('unfolds a defined quantity at its indices, naming it as written', () => {
    const use = variable(ok, [ivar("k'")]);
    const app = applyRule(diff(use, w()), ctx);
    expect(app.rule).toBe('def.unfold');
    expect(app.params).toEqual({ name: 'o' });
    expect(app.result).toBe(diff(call('sigmoid', [sum('j', mul([w(j, ivar("k'")), o()]))]), w()));
  });

  it('a defined quantity that does not reach the variable is a constant', () => {
    expect(applyRule(diff(ok, variable('t', [k])), ctx).rule).toBe('diff.const');
  });
});

describe('dependsOn', () => {
  const table: [string, Expr, ReturnType<typeof variable>, boolean][] = [
    ['w_{ab} on w_{jk}', variable('w', [ivar('a'), ivar('b')]), w(), true],
    ['w_{12} on w_{13}', variable('w', [inum(1), inum(2)]), variable('w', [inum(1), inum(3)]), false],
    ['w_{12} on w_{1k}', variable('w', [inum(1), inum(2)]), variable('w', [inum(1), k]), true],
    ['x_{i+1} on x_i', variable('x', [ivar('i', 1)]), variable('x', [i]), false],
    ['Σ_i x_{i+1} on x_i (bound i is not the free i)', sum('i', variable('x', [ivar('i', 1)])), variable('x', [i]), true],
    ['o_j on w_{jk}', o(), w(), false],
    ['x on x_i', x, variable('x', [i]), false],
  ];
  it.each(table)('%s', (_n, e, by, expected) => expect(dependsOn(e, by)).toBe(expected));

  it('indicesDistinct only for provably different indices', () => {
    expect(indicesDistinct(inum(1), inum(2))).toBe(true);
    expect(indicesDistinct(ivar('i', 1), i)).toBe(true);
    expect(indicesDistinct(i, j)).toBe(false);
    expect(indicesDistinct(inum(1), i)).toBe(false);
  });
});
