// Representative expressions for the printers' golden files: the seed's
// formulas, every node kind, every presentation hint, and the grouping cases.

import {
  add, call, delta, diff, div, equation, type Expr, extent, type Index, indexValue, inum, iverson, ivar, mul, neg,
  num, pow, rel, sum, variable, type Var,
} from '../../src/core/ast.js';

/** `v('w', 'j', 'k')` = w_{jk}; a number string is a numeric index. */
export function v(name: string, ...indices: (string | Index)[]): Var {
  return variable(name, indices.map((i) => (typeof i !== 'string' ? i : /^\d+$/.test(i) ? inum(Number(i)) : ivar(i))));
}
/** `vc('w', 'j', 'k')` = w_{j,k}; `'i+1'` is an index with an offset. */
export function vc(name: string, ...indices: string[]): Var {
  const index = (s: string): Index => {
    const m = /^([a-z]'*)([+-]\d+)?$/.exec(s);
    return m === null ? inum(Number(s)) : ivar(m[1]!, Number(m[2] ?? 0));
  };
  return variable(name, indices.map(index), true);
}

const [a, b, c, x, y, z, E, n] = ['a', 'b', 'c', 'x', 'y', 'z', 'E', 'n'].map((s) => v(s)) as [Var, Var, Var, Var, Var, Var, Var, Var];
const sigmoid = (e: Expr, spelling: string | null = null) => call('sigmoid', [e], spelling);

/** Σ_j w_{jk} o_j, as the seed writes it. */
const netInput = sum('j', mul([v('w', 'j', 'k'), v('o', 'j')]));
const netInputComma = sum('j', mul([vc('w', 'j', 'k'), v('o', 'j')]));
const dEdw = diff(E, v('w', 'j', 'k'), 'fraction');
const seedFactors = (s: Expr) => [num(2), add([v('t', 'k'), neg(v('o', 'k'))]), sigmoid(s, '\\text{sigmoid}'), add([num(1), neg(sigmoid(s, '\\text{sigmoid}'))])];

export const EXAMPLES: readonly (readonly [string, Expr])[] = [
  ['seed expression one', equation(dEdw, neg(mul([...seedFactors(netInput), diff(netInput, v('w', 'j', 'k'), 'operator')])))],
  ['seed expression two', equation(dEdw, neg(mul([...seedFactors(netInput), v('o', 'j')])))],
  ['seed, comma indices and fraction of a sum', equation(
    diff(netInputComma, vc('w', 'j', 'k'), 'fraction'), v('o', 'j'))],
  ['canonical gradient', neg(mul([num(2), add([v('t', 'k'), neg(v('o', 'k'))]), sigmoid(z), add([num(1), neg(sigmoid(z))]), v('o', 'j')]))],
  ['squared error', equation(E, sum('k', pow(add([v('t', 'k'), neg(v('o', 'k'))]), num(2))))],
  ['layer output', equation(v('o', 'k'), sigmoid(netInput))],
  ['restored bound letter', mul([sigmoid(sum("j'", mul([v('w', "j'", 'k'), v('o', "j'")]))), v('o', 'j')])],
  ['bound letter kept: j free in the body', sum("j'", mul([v('w', "j'", 'k'), v('o', 'j')]))],
  ['primed free index', v('w', "j'", 'k')],
  ['comma hint', vc('w', 'j', 'k')],
  ['index offsets', add([v('x', ivar('i', 1)), neg(v('x', ivar('i', -1))), vc('w', 'i+1', 'k')])],
  ['multi-digit index', mul([vc('w', '12', '3'), v('w', '1', '2')])],
  ['names', mul([v('lambda'), v('eta'), v('lr'), v("x'"), v("o'", 'j'), v('Sigma')])],
  // Quantities that share a written name print as written: a definition's result (version 1), a range family.
  ['defined name and range family', equation(
    variable({ name: 'o', version: 1, family: null, marks: [] }, [ivar('k')]),
    sigmoid(mul([variable({ name: 'w', version: 0, family: 'jk', marks: [] }, [ivar('j'), ivar('k')]), v('o', 'j')])),
  )],
  ['sum with bounds', sum('j', v('x', 'j'), inum(1), ivar('n'))],
  ['sum with shifted bounds', sum('i', mul([v('a', 'i'), v('a', ivar('i', 1))]), inum(0), ivar('n', -1))],
  ['sum not last in a product', mul([sum('j', v('x', 'j')), y])],
  ['sum last in a product', mul([y, sum('j', mul([v('x', 'j'), v('y', 'j')]))])],
  ['sum of a sum body', sum('i', add([v('x', 'i'), v('y', 'i')]))],
  ['nested sums', sum('i', sum('j', mul([v('w', 'i', 'j'), v('x', 'i'), v('y', 'j')])))],
  ['index value', sum('i', mul([indexValue(ivar('i')), v('x', 'i')]), inum(1), ivar('n'))],
  ['delta', add([delta(ivar('i'), ivar('j')), delta(ivar('i', 1), ivar('j')), delta(inum(1), inum(2))])],
  ['delta collapse', equation(sum("j'", mul([delta(ivar("j'"), ivar('j')), v('o', "j'")])), v('o', 'j'))],
  ['extent', equation(sum('j', c), mul([extent('j'), c]))],
  ['Iverson bracket', mul([iverson(rel(['<='], [v('p'), n])), x])],
  ['relation chain', rel(['<=', '<='], [num(1), v('p'), n])],
  ['relations', rel(['!=', '<', '>', '>='], [a, b, c, x, y])],
  ['derivative, fraction of a variable', diff(E, v('w', 'j', 'k'), 'fraction')],
  ['derivative, fraction of a product', diff(mul([x, y]), x, 'fraction')],
  ['derivative, operator', diff(add([pow(x, num(2)), y]), x, 'operator')],
  ['derivative, d notation', add([diff(y, x, 'fraction', 'd'), diff(pow(x, num(3)), x, 'operator', 'd')])],
  ['derivative operator not last', mul([diff(x, y, 'operator'), z])],
  ['functions, house style', add([call('tanh', [x]), call('exp', [x]), call('log', [x]), call('sqrt', [x]),
    call('softplus', [x]), call('relu', [x]), call('abs', [x]), call('sign', [x]), call('sin', [x]), call('cos', [x])])],
  ['functions, user spellings', add([call('exp', [v('z', 'i')], 'e^'), call('log', [x], '\\ln'), call('abs', [x], '|'),
    call('relu', [x], '\\operatorname{ReLU}'), sigmoid(x, '\\operatorname{sigmoid}')])],
  ['softmax', div(call('exp', [v('z', 'i')], 'e^'), sum('j', call('exp', [v('z', 'j')], 'e^')))],
  ['log-sum-exp', call('log', [sum('i', call('exp', [v('z', 'i')], 'e^'))])],
  ['powers', add([pow(pow(x, num(2)), num(3)), pow(x, pow(y, z)), pow(x, add([n, neg(num(1))])), pow(call('exp', [x], 'e^'), num(2)), pow(sigmoid(z), num(2))])],
  ['minus and powers', add([neg(pow(x, num(2))), pow(neg(x), num(2)), pow(num(-2), x)])],
  ['negative numbers', add([mul([num(-2), x]), num(-3), mul([x, num(-1)])])],
  ['negated first factor', mul([neg(x), y])],
  ['minus minus', neg(neg(x))],
  ['minus of a sum, difference of differences', add([neg(add([a, b])), neg(add([a, neg(b)]))])],
  ['explicit groups', add([a, add([b, c]), mul([a, mul([b, c])])])],
  ['numbers as factors', mul([num(2), x, num(3), num(0.5), add([x, num(1)])])],
  ['quotients', add([div(a, mul([b, c])), mul([div(a, b), c]), div(div(a, b), c), div(a, div(b, c))])],
  ['sigma as a variable', mul([v('sigma'), add([a, b])])],
  ['e as a variable', add([pow(v('e'), num(2)), mul([v('e'), x])])],
  ['Lagrange primes', add([call('prime', [mul([a, x])], "'"), call('prime', [call('prime', [x], "'")], "'"),
    pow(call('prime', [x], '^\\prime'), num(2))])],
  ['quotient that is not a derivative', div(v('d'), mul([v('d'), x]))],
];
