// Max and min over an index (issue 9): `\max_j x_j`, `\max_{j=1}^{n} x_j`, `\min_k d_k`,
// `\max\limits_j`, `\operatorname*{max}_j` are reductions (src/core/reductions.ts), their body the
// product that follows, as for `\sum`; `\max(a, b)` stays the function of src/functions.ts (the
// tokenizer tells them apart by the `_` after `\max`). In plain text the reduction is
// `maxover(j, …)` / `minover(j=1..n, …)`; `max(j, x[j])` and `max(j=1..n, …)` are refused with
// both readings. A condition under max or min (`\max_{j \ne y}`) is refused with the form to write.

import { describe, expect, test } from 'vitest';
import { parse, parseAll, type Syntax } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import {
  accepts, add, call, delta, type Expr, indexValue, inum, ivar, mul, neg, num, reduce, rejects, sum, v,
} from './helpers.js';

const max = (i: string, body: Expr, lo: number | null = null, hi: string | number | null = null) =>
  reduce('max', i, body, lo === null ? null : inum(lo), hi === null ? null : typeof hi === 'number' ? inum(hi) : ivar(hi));
const min = (i: string, body: Expr, lo: number | null = null, hi: string | number | null = null) =>
  reduce('min', i, body, lo === null ? null : inum(lo), hi === null ? null : typeof hi === 'number' ? inum(hi) : ivar(hi));

/** [syntax, input, tree, printed in that syntax]. */
export const ACCEPTED: [Syntax, string, Expr, string][] = [
  ['latex', '\\max_j x_j', max('j', v('x', 'j')), '\\max_{j} x_j'],
  ['latex', '\\max_{j} f_j', max('j', v('f', 'j')), '\\max_{j} f_j'],
  ['latex', '\\max_{j=1}^{n} x_j', max('j', v('x', 'j'), 1, 'n'), '\\max_{j=1}^{n} x_j'],
  ['latex', '\\max^{n}_{j=1} x_j', max('j', v('x', 'j'), 1, 'n'), '\\max_{j=1}^{n} x_j'],
  ['latex', '\\min_k d_k', min('k', v('d', 'k')), '\\min_{k} d_k'],
  ['latex', '\\min_{k=2}^{3} d_k', min('k', v('d', 'k'), 2, 3), '\\min_{k=2}^{3} d_k'],
  ['latex', '\\max\\limits_j x_j', max('j', v('x', 'j')), '\\max_{j} x_j'],
  ['latex', '\\max\\limits_{j=1}^{n} x_j', max('j', v('x', 'j'), 1, 'n'), '\\max_{j=1}^{n} x_j'],
  ['latex', '\\operatorname*{max}_j x_j', max('j', v('x', 'j')), '\\max_{j} x_j'],
  ['latex', '\\operatorname*{min}_{k=1}^{n} d_k', min('k', v('d', 'k'), 1, 'n'), '\\min_{k=1}^{n} d_k'],
  ['latex', '\\operatorname{max}_j x_j', max('j', v('x', 'j')), '\\max_{j} x_j'],
  // The body is the product that follows, as for \sum.
  ['latex', '\\max_j x_j y_j + c', add([max('j', mul([v('x', 'j'), v('y', 'j')])), v('c')]), '\\max_{j} x_j y_j + c'],
  ['latex', '2 \\max_j x_j', mul([num(2), max('j', v('x', 'j'))]), '2 \\max_{j} x_j'],
  ['latex', '\\max_j x_j - \\min_k x_k', add([max('j', v('x', 'j')), neg(min('k', v('x', 'k')))]), '\\max_{j} x_j - \\min_{k} x_k'],
  ['latex', '\\max_j (x_j + 1)', max('j', add([v('x', 'j'), num(1)])), '\\max_{j} (x_j + 1)'],
  ['latex', '\\max_j \\sum_k w_{jk} x_k', max('j', sum('k', mul([v('w', 'j', 'k'), v('x', 'k')]))), '\\max_{j} \\sum_{k} w_{jk} x_k'],
  ['latex', '\\max_{j,k} a_{jk}', max('j', max('k', v('a', 'j', 'k'))), '\\max_{j} \\max_{k} a_{jk}'],
  ['latex', '\\max_r (s_r + 1 - \\delta_{ry})', max('r', add([v('s', 'r'), num(1), neg(delta(ivar('r'), ivar('y')))])),
    '\\max_{r} (s_r + 1 - \\delta_{ry})'],
  // The function keeps its reading: no subscript after \max.
  ['latex', '\\max(a, b)', call('max', [v('a'), v('b')]), '\\max(a, b)'],
  ['latex', '\\min(a, b, c)', call('min', [v('a'), v('b'), v('c')]), '\\min(a, b, c)'],
  ['latex', '\\max(0, 1 + \\max_j s_j)', call('max', [num(0), add([num(1), max('j', v('s', 'j'))])]), '\\max\\left(0, 1 + \\max_{j} s_j\\right)'],
  ['latex', '\\operatorname*{max}(a, b)', call('max', [v('a'), v('b')], '\\operatorname*{max}'), '\\operatorname*{max}(a, b)'],
  // Plain text: the keyword of the reduction, the function under its name.
  ['text', 'maxover(j, x[j])', max('j', v('x', 'j')), 'maxover(j, x[j])'],
  ['text', 'maxover(j=1..n, x[j])', max('j', v('x', 'j'), 1, 'n'), 'maxover(j=1..n, x[j])'],
  ['text', 'minover(k, d[k])', min('k', v('d', 'k')), 'minover(k, d[k])'],
  ['text', 'maxover(j, x[j]) + c', add([max('j', v('x', 'j')), v('c')]), 'maxover(j, x[j]) + c'],
  ['text', 'max(a, b)', call('max', [v('a'), v('b')]), 'max(a, b)'],
  ['text', 'max(j, k)', call('max', [v('j'), v('k')]), 'max(j, k)'],
  // The function of an index value and an entry, as the error for max(j, x[j]) says to write it; it prints so.
  ['text', 'max((j), x[j])', call('max', [indexValue(ivar('j')), v('x', 'j')]), 'max((j), x[j])'],
  ['text', 'max(x[j], j)', call('max', [v('x', 'j'), indexValue(ivar('j'))]), 'max(x[j], j)'],
];

/** [syntax, input, message fragment, line, column]. */
export const REJECTED: [Syntax, string, string, number, number][] = [
  // A condition under max or min: a factor [j ≠ y] would put a 0 among the values.
  ['latex', '\\max_{j \\ne y} s_j', 'a condition under \\max is not read', 1, 9],
  ['latex', '\\max_{j \\ne y} s_j', 'write \\max_{i} ([i \\ne j] f_i + [i = j] \\min_{k} f_k)', 1, 9],
  ['latex', '\\min_{j=1, j \\ne i}^{n} d_j', 'write \\min_{i} ([i \\ne j] f_i + [i = j] \\max_{k} f_k)', 1, 14],
  ['latex', '\\max_{i < j} x_i', 'a condition under \\max is not read', 1, 9],
  // Without a subscript \max is the function: it needs its parenthesised arguments.
  ['latex', '\\max x_j', "unexpected 'x'", 1, 6],
  ['latex', '\\max_j', 'unexpected end of input', 1, 7],
  // Plain text: the function's name with a reduction's index and bounds.
  ['text', 'max(j, x[j])', 'write maxover(j, …) for the maximum over j, or max((j), …) for the function', 1, 1],
  ['text', 'min(k, d[k] + 1)', 'write minover(k, …) for the minimum over k, or min((k), …) for the function', 1, 1],
  ['text', 'max(j=1..n, x[j])', 'write maxover(j=1..n, …)', 1, 1],
  ['text', 'maxover(x[j], 1)', "unexpected '['", 1, 10],
  ['text', 'min_k(d[k])', 'in plain text the minimum over an index is minover(j, …)', 1, 4],
];

describe('max and min over an index: accepted, one parse each, printed, read back', () => {
  test.each(ACCEPTED)('%s: %s', (syntax, input, expected, printed) => {
    accepts(syntax, input, expected);
    expect(syntax === 'latex' ? toLatex(expected) : toText(expected)).toBe(printed);
    accepts(syntax, printed, expected);
    // And through the other syntax (which keeps no spelling hint such as `\operatorname*{max}`).
    const other = syntax === 'latex' ? 'text' : 'latex';
    const read = parseAll(other === 'latex' ? toLatex(expected) : toText(expected), { syntax: other });
    expect(read).toHaveLength(1);
    expect(toText(parse(other === 'latex' ? toLatex(expected) : toText(expected), { syntax: other }))).toBe(toText(expected));
  });
});

describe('max and min over an index: rejected', () => {
  test.each(REJECTED)('%s: %s', (syntax, input, fragment, line, column) => rejects(syntax, input, fragment, line, column));
});

