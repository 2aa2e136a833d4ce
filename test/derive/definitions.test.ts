import { describe, expect, it } from 'vitest';
import { add, call, diff, type Expr, inum, ivar, mul, num, pow, sum, variable } from '../../src/core/ast.js';
import {
  definitionTable, displayName, instantiate, resolveDefinitions, unfoldAll,
} from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';

const [i, j, k] = [ivar('i'), ivar('j'), ivar('k')];
const rashid = 'o_j = \\sigma(\\sum_i w_{ij} o_i); o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2';

describe('resolveDefinitions (let*)', () => {
  it('versions each definition and resolves right sides in the earlier scope', () => {
    const r = resolveDefinitions(parseFormulas('x = a y; x = x^2; z = x + 1'));
    expect(r.definitions.map((d) => [d.name, d.versioned])).toEqual([['x', 'x@1'], ['x', 'x@2'], ['z', 'z@1']]);
    expect(r.definitions[1]!.body).toBe(pow(variable('x@1'), num(2)));
    expect(r.definitions[2]!.body).toBe(add([variable('x@2'), parse('1')]));
    expect(r.target).toBe(variable('z@1'));
  });

  it('separates assumptions and a trailing formula that is not an equation', () => {
    const r = resolveDefinitions(parseFormulas('y_k = 2 x_k; \\sum_k t_k = 1; \\sum_k y_k t_k'));
    expect(r.assumptions).toEqual([parse('\\sum_k t_k = 1')]);
    expect(r.target).toBe(sum('k', mul([variable('y@1', [k]), variable('t', [k])])));
  });

  it('picks another target with `of`, and rejects an unknown one', () => {
    const r = resolveDefinitions(parseFormulas('a = x^2; b = a + 1'), [], { of: 'a' });
    expect(r.target).toBe(variable('a@1'));
    expect(() => resolveDefinitions(parseFormulas('a = x^2'), [], { of: 'q' })).toThrow(/no definition of 'q'/);
  });

  it('resolves extra formulas (the variable) in the final scope', () => {
    const r = resolveDefinitions(parseFormulas('o_k = \\sigma(x_k)'), [parse('o_j'), parse('x_j')]);
    expect(r.extra).toEqual([variable('o@1', [j]), variable('x', [j])]);
  });

  it('without declared ranges, Rashid\'s two weight matrices are one family', () => {
    const r = resolveDefinitions(parseFormulas(rashid));
    expect(r.definitions.map((d) => d.versioned)).toEqual(['o@1', 'o@2', 'E@1']);
    expect(r.definitions[1]!.body).toBe(call('sigmoid', [sum('j', mul([variable('w', [j, k]), variable('o@1', [j])]))]));
  });

  it('with declared distinct ranges, each range signature is its own family', () => {
    const r = resolveDefinitions(parseFormulas(rashid), [parse('w_{ij}')], { sizes: { i: 784, j: 100, k: 10 } });
    expect(r.definitions.map((d) => d.versioned)).toEqual(['o@j@1', 'o@k@1', 'E@1']);
    expect(r.definitions[0]!.body).toBe(call('sigmoid', [sum('i', mul([variable('w@ij', [i, j]), variable('o@i', [i])]))]));
    expect(r.definitions[1]!.body).toBe(call('sigmoid', [sum('j', mul([variable('w@jk', [j, k]), variable('o@j@1', [j])]))]));
    expect(r.extra[0]).toBe(variable('w@ij', [i, j]));
    expect(r.definitions.map((d) => displayName(d.versioned))).toEqual(['o', 'o', 'E']);
  });

  it('∂E/∂w_{ij} with declared ranges never differentiates w_{jk} by it', () => {
    const r = resolveDefinitions(parseFormulas(rashid), [parse('w_{ij}')], { sizes: { i: 784, j: 100, k: 10 } });
    const { steps } = derive(r.target, r.extra[0] as ReturnType<typeof variable>, { definitions: r.definitions, steps: true });
    const differentiated = steps.filter((s) => s.rule === 'diff.indexed-var').map((s) => (s.focus as Expr & { kind: 'diff' }).body);
    expect(differentiated.length).toBeGreaterThan(0);
    expect(differentiated.every((b) => b.kind === 'var' && b.name === 'w@ij')).toBe(true);
  });

  it('a literal index fits the one family its known slots allow', () => {
    const r = resolveDefinitions(parseFormulas('E = \\sum_i \\sum_j w_{ij} x_i + \\sum_j \\sum_k w_{jk} y_k + w_{1k}'), [],
      { sizes: { i: 4, j: 3, k: 2 } });
    expect(r.definitions[0]!.body.kind).toBe('add');
    const terms = (r.definitions[0]!.body as Expr & { kind: 'add' }).terms;
    expect(terms[2]).toBe(variable('w@jk', [inum(1), k]));
  });

  it('throws when a use fits several families', () => {
    expect(() => resolveDefinitions(parseFormulas('E = \\sum_i \\sum_j w_{ij} + \\sum_j \\sum_k w_{jk} + w_{12}'), [],
      { sizes: { i: 4, j: 3, k: 2 } })).toThrow(/fit 2 families/);
  });
});

describe('instantiate and unfoldAll', () => {
  const r = resolveDefinitions(parseFormulas('A_{ij} = x_i y_j + \\sum_k B_{ik} C_{kj}'));
  const A = r.definitions[0]!;

  it('substitutes all indices at once (a swap stays a swap)', () => {
    expect(instantiate(A, [j, i])).toBe(parse('x_j y_i + \\sum_k B_{jk} C_{ki}'));
  });

  it('avoids capture by an inner binder', () => {
    const body = instantiate(A, [k, j]);
    // the bound k of the body is renamed, the free k is the argument
    expect(body).toBe(parse("x_k y_j + \\sum_{k'} B_{kk'} C_{k'j}"));
  });

  it('unfolds defined names recursively but not the variable of a derivative', () => {
    const s = resolveDefinitions(parseFormulas('h = x^2; g = h + 1'));
    const table = definitionTable(s.definitions);
    expect(unfoldAll(s.target, table)).toBe(parse('x^2 + 1'));
    const d = diff(variable('g@1'), variable('h@1'));
    expect(unfoldAll(d, s.definitions)).toBe(diff(parse('x^2 + 1'), variable('h@1')));
  });

  it('rejects a use with the wrong number of indices', () => {
    expect(() => instantiate(A, [i])).toThrow(/2 indices/);
  });
});

