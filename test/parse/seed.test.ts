// Every formula of the seed document parses, exactly as written, to the tree it means.

import { describe, expect, test } from 'vitest';
import { parse, parseAll, parseFormulas } from '../../src/parse/index.js';
import * as seed from '../fixtures/seed.js';
import { add, call, diff, equation, type Expr, ivar, mul, neg, num, rel, sum, v, variable, vc } from './helpers.js';

const wjk = v('w', 'j', 'k');
const netInput = sum('j', mul([wjk, v('o', 'j')]));
const sig = (e: Expr) => call('sigmoid', [e], '\\text{sigmoid}');
const lhs = diff(v('E'), variable('w', [ivar('j'), ivar('k')]), 'fraction');
const error = add([v('t', 'k'), neg(v('o', 'k'))]);

const commaNet = sum('j', mul([vc('w', 'j', 'k'), v('o', 'j')]));
const commaLhs = diff(v('E'), variable('w', [ivar('j'), ivar('k')], true), 'fraction');
const innerDiff = diff(commaNet, variable('w', [ivar('j'), ivar('k')], true), 'fraction');

const EXPECTED: [string, string, Expr][] = [
  ['expression one', seed.SEED_EXPRESSION_ONE, equation(lhs, neg(mul([
    num(2), error, sig(netInput), add([num(1), neg(sig(netInput))]),
    diff(netInput, variable('w', [ivar('j'), ivar('k')]), 'operator'),
  ])))],
  ['expression two', seed.SEED_EXPRESSION_TWO, equation(lhs, neg(mul([
    num(2), error, sig(netInput), add([num(1), neg(sig(netInput))]), v('o', 'j'),
  ])))],
  ['expression one, commas', seed.SEED_EXPRESSION_ONE_COMMA, equation(commaLhs, neg(mul([
    num(2), error, sig(commaNet), add([num(1), neg(sig(commaNet))]), innerDiff,
  ])))],
  ['expression two, commas', seed.SEED_EXPRESSION_TWO_COMMA, equation(commaLhs, neg(mul([
    num(2), error, sig(commaNet), add([num(1), neg(sig(commaNet))]), v('o', 'j'),
  ])))],
  ['the inner derivative', seed.SEED_INNER_DERIVATIVE, innerDiff],
  ['its result', seed.SEED_INNER_RESULT, equation(innerDiff, v('o', 'j'))],
  ['the gradient', seed.SEED_GRADIENT_COMMA, commaLhs],
  ['the inner sum', seed.SEED_INNER_SUM, commaNet],
  ['one term', seed.SEED_TERM, mul([vc('w', 'j', 'k'), v('o', 'j')])],
  ['the rule', seed.SEED_RULE, equation(call('prime', [mul([v('a'), v('x')])], '^\\prime'), v('a'))],
  ['the index condition', seed.SEED_INDEX_CONDITION, rel(['!='], [v('i'), v('j')])],
  ['t_{k}', seed.SEED_SYMBOLS[0], v('t', 'k')],
  ['o_{k}', seed.SEED_SYMBOLS[1], v('o', 'k')],
  ['w_{j,k}', seed.SEED_SYMBOLS[2], vc('w', 'j', 'k')],
  ['o_{j}', seed.SEED_SYMBOLS[3], v('o', 'j')],
  ['\\text{sigmoid}', seed.SEED_SYMBOLS[4], v('sigmoid')],
  ['w_{i,k}', seed.SEED_SYMBOLS[5], vc('w', 'i', 'k')],
];

describe('seed formulas', () => {
  test.each(EXPECTED)('%s', (_name, input, expected) => {
    expect(parseAll(input)).toHaveLength(1);
    expect(parse(input)).toBe(expected);
  });

  test('every formula of the seed is covered above', () => {
    expect(new Set(EXPECTED.map(([, input]) => input))).toEqual(new Set(seed.SEED_FORMULAS));
  });

  test('the four gradient formulas, one per line, read as four formulas', () => {
    const text = [seed.SEED_EXPRESSION_ONE, seed.SEED_EXPRESSION_TWO, seed.SEED_EXPRESSION_ONE_COMMA, seed.SEED_EXPRESSION_TWO_COMMA].join('\n');
    expect(parseFormulas(text)).toEqual([
      parse(seed.SEED_EXPRESSION_ONE), parse(seed.SEED_EXPRESSION_TWO),
      parse(seed.SEED_EXPRESSION_ONE_COMMA), parse(seed.SEED_EXPRESSION_TWO_COMMA),
    ]);
  });
});
