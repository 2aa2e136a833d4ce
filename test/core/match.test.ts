// The one pattern matcher (src/core/match.ts) and its substitution, and the
// two users: definition folding and assumptions.

import { describe, expect, test } from 'vitest';
import { inum, ivar, num } from '../../src/core/ast.js';
import { match, substitute } from '../../src/core/match.js';
import { parse } from '../../src/parse/index.js';
import { indexText } from '../../src/print/atoms.js';
import { simplify } from '../../src/simplify/index.js';

const vars = (...names: string[]) => new Set(names);
const bound = (p: string, t: string, ...v: string[]) => {
  const b = match(parse(p), parse(t), vars(...v));
  return b === null ? null : Object.fromEntries([...b].map(([k, i]) => [k, i.kind === 'inum' ? i.value : i.kind === 'ivar' ? `${i.name}${i.offset === 0 ? '' : i.offset}` : indexText(i)]));
};

describe('match', () => {
  test('a pattern variable binds an index, a literal or a shifted index, consistently', () => {
    expect(bound('w_{jk}', 'w_{ab}', 'j', 'k')).toEqual({ j: 'a', k: 'b' });
    expect(bound('x_{k+1}', 'x_{m+1}', 'k')).toEqual({ k: 'm' });
    expect(bound('x_k', 'x_{2}', 'k')).toEqual({ k: 2 });
    expect(bound('x_k y_k', 'x_a y_a', 'k')).toEqual({ k: 'a' });
    expect(bound('x_k y_k', 'x_a y_b', 'k')).toBeNull();
  });

  test('other free indices and everything else must be equal', () => {
    expect(bound('w_{jk}', 'w_{jm}', 'j')).toBeNull();
    expect(bound('w_{jk}', 'w_{ak}', 'j')).toEqual({ j: 'a' });
    expect(bound('x_k + 1', 'x_a + 2', 'k')).toBeNull();
    expect(bound('\\sigma(x_k)', '\\tanh(x_a)', 'k')).toBeNull();
  });

  test('bound indices match up to renaming, consistently', () => {
    expect(bound('\\sum_i x_i y_k', '\\sum_c x_c y_a', 'k')).toEqual({ k: 'a' });
    expect(bound('\\sum_i x_i y_i', '\\sum_c x_c y_a', 'k')).toBeNull();
    expect(bound('\\sum_i \\sum_j w_{ij}', '\\sum_a \\sum_b w_{ba}')).toBeNull();
    expect(bound('\\sum_i \\sum_j w_{ij}', '\\sum_a \\sum_b w_{ab}')).toEqual({});
  });

  test('a free index of the pattern never matches an index bound inside the target', () => {
    expect(bound('\\sum_j w_{jk}', '\\sum_m w_{mm}', 'k')).toBeNull();
    expect(bound('\\sum_i x_i y_k', '\\sum_j x_j y_j', 'k')).toBeNull();
    expect(bound('\\sum_i x_i y_k', '\\sum_k x_k y_k')).toBeNull();
  });

  test('a pattern binder shadows a variable of the same name', () => {
    expect(bound('x_k \\sum_k y_k', 'x_a \\sum_b y_b', 'k')).toEqual({ k: 'a' });
  });
});

describe('substitute', () => {
  test('replaces all bound variables at once', () => {
    const swapped = substitute(parse('w_{jk} + x_j'), new Map([['j', ivar('k')], ['k', ivar('j')]]));
    expect(swapped).toBe(parse('w_{kj} + x_k'));
    expect(substitute(parse('x_{k+1}'), new Map([['k', inum(2)]]))).toBe(parse('x_{3}'));
  });

  test('renames a binder that would capture a value', () => {
    const out = substitute(parse('\\sum_j x_j y_k'), new Map([['k', ivar('j')]]));
    expect(out).toBe(parse("\\sum_{j'} x_{j'} y_j"));
  });

  test('an identity binding changes nothing', () => {
    const e = parse('\\sum_j x_j y_k');
    expect(substitute(e, new Map([['k', ivar('k')]]))).toBe(e);
  });
});

describe('assumptions use it', () => {
  const assumptions = [parse('\\sum_j w_{jk} = 1')];
  const s = (text: string) => simplify(parse(text), { assumptions }).result;

  test('at any index and up to renaming and operand order', () => {
    expect(s('\\sum_i w_{im}')).toBe(num(1));
    expect(s('\\sum_i 2 w_{i3}')).toBe(num(2));
  });

  test('not where the index is bound: the trace Σ_m w_{mm} is not Σ_j w_{jk}', () => {
    const trace = parse('\\sum_m w_{mm}');
    expect(s('\\sum_m w_{mm}')).toBe(trace);
  });
});
