import { describe, expect, it } from 'vitest';
import { diff, type Expr, ivar, variable, type Var } from '../../src/core/ast.js';
import { InputError } from '../../src/core/errors.js';
import { inputKey } from '../../src/core/names.js';
import { definitionTable, instantiate, resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { signature } from '../../src/values.js';

const [i, j, k] = [ivar('i'), ivar('j'), ivar('k')];
const rashid = 'o_j = \\sigma(\\sum_i w_{ij} o_i); o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2';

/** The input keys a caller gives values under, for what `e` reads once its definitions are unfolded. */
const inputKeysOf = (e: Expr, definitions: Parameters<typeof unfoldAll>[1]) => signature(unfoldAll(e, definitions)).inputs.map((s) => s.name);

describe('resolveDefinitions (let*)', () => {
  it('each definition sees the earlier ones, and the printed names are the user\'s', () => {
    const r = resolveDefinitions(parseFormulas('x = a y; x = x^2; z = x + 1'));
    expect(r.definitions.map((d) => toLatex(variable(d)))).toEqual(['x', 'x', 'z']);
    // the second x squares the first; z adds 1 to the second
    expect(unfoldAll(r.target, r.definitions)).toBe(parse('(a y)^2 + 1'));
    expect(toLatex(r.definitions[1]!.body)).toBe('x^2');
    expect(toLatex(r.target)).toBe('z');
  });

  it('two definitions of one name are two quantities', () => {
    const r = resolveDefinitions(parseFormulas('x = a y; x = x^2; z = x + 1'));
    const [first, second] = r.definitions.map((d) => variable(d));
    expect(first).not.toBe(second);
    expect(first).not.toBe(variable('x'));
  });

  it('separates assumptions and a trailing formula that is not an equation', () => {
    const r = resolveDefinitions(parseFormulas('y_k = 2 x_k; \\sum_k t_k = 1; \\sum_k y_k t_k'));
    expect(r.assumptions).toEqual([parse('\\sum_k t_k = 1')]);
    expect(toLatex(r.target)).toBe('\\sum_{k} y_k t_k');
    expect(unfoldAll(r.target, r.definitions)).toBe(parse('\\sum_k (2 x_k) t_k'));
  });

  it('picks another target with `of`, and rejects an unknown one as an input error', () => {
    const r = resolveDefinitions(parseFormulas('a = x^2; b = a + 1'), [], { of: 'a' });
    expect(unfoldAll(r.target, r.definitions)).toBe(parse('x^2'));
    expect(() => resolveDefinitions(parseFormulas('a = x^2'), [], { of: 'q' })).toThrow(InputError);
    expect(() => resolveDefinitions(parseFormulas('a = x^2'), [], { of: 'q' })).toThrow(/no definition of 'q'/);
  });

  it('nothing to differentiate is an input error', () => {
    expect(() => resolveDefinitions(parseFormulas('\\sum_k t_k = 1'))).toThrow(InputError);
  });

  it('resolves extra formulas (the variable) in the final scope', () => {
    const r = resolveDefinitions(parseFormulas('o_k = \\sigma(x_k)'), [parse('o_j'), parse('x_j')]);
    expect(unfoldAll(r.extra[0]!, r.definitions)).toBe(parse('\\sigma(x_j)'));
    expect(r.extra[1]).toBe(parse('x_j'));
  });

  it('without declared ranges, Rashid\'s two weight matrices are one input `w`', () => {
    const r = resolveDefinitions(parseFormulas(rashid));
    expect(r.definitions.map((d) => d.name)).toEqual(['o', 'o', 'E']);
    expect(inputKeysOf(r.target, r.definitions).sort()).toEqual(['o', 't', 'w']);
    expect(toLatex(r.definitions[1]!.body)).toBe('\\sigma\\left(\\sum_{j} w_{jk} o_j\\right)');
  });

  it('with declared distinct ranges, each range signature is its own input, keyed by its first letters', () => {
    const r = resolveDefinitions(parseFormulas(rashid), [parse('w_{ij}')], { sizes: { i: 784, j: 100, k: 10 } });
    expect(inputKeysOf(r.target, r.definitions).sort()).toEqual(['o_i', 't', 'w_{ij}', 'w_{jk}']);
    expect(inputKey(r.extra[0] as Var)).toBe('w_{ij}');
    // printed as written: the family is not shown
    expect(toLatex(r.definitions[1]!.body)).toBe('\\sigma\\left(\\sum_{j} w_{jk} o_j\\right)');
    expect(r.definitions.map((d) => d.name)).toEqual(['o', 'o', 'E']);
  });

  it('∂E/∂w_{ij} with declared ranges never differentiates w_{jk} by it', () => {
    const r = resolveDefinitions(parseFormulas(rashid), [parse('w_{ij}')], { sizes: { i: 784, j: 100, k: 10 } });
    const { steps } = derive(r.target, r.extra[0] as Var, { definitions: r.definitions, steps: true });
    const differentiated = steps.filter((s) => s.rule === 'diff.indexed-var').map((s) => (s.focus as Expr & { kind: 'diff' }).body);
    expect(differentiated.length).toBeGreaterThan(0);
    expect(differentiated.every((b) => b.kind === 'var' && inputKey(b) === 'w_{ij}')).toBe(true);
  });

  it('a literal index fits the one family its known slots allow', () => {
    const r = resolveDefinitions(parseFormulas('E = \\sum_i \\sum_j w_{ij} x_i + \\sum_j \\sum_k w_{jk} y_k + w_{1k}'), [],
      { sizes: { i: 4, j: 3, k: 2 } });
    expect(r.definitions[0]!.body.kind).toBe('add');
    const terms = (r.definitions[0]!.body as Expr & { kind: 'add' }).terms;
    expect(toLatex(terms[2]!)).toBe('w_{1k}');
    expect(inputKey(terms[2] as Var)).toBe('w_{jk}');
  });

  it('a use that fits several families is an input error showing it as written and naming the keys', () => {
    const resolve = () => resolveDefinitions(parseFormulas('E = \\sum_i \\sum_j w_{ij} + \\sum_j \\sum_k w_{jk} + w_{12}'), [],
      { sizes: { i: 4, j: 3, k: 2 } });
    expect(resolve).toThrow(InputError);
    expect(resolve).toThrow("cannot tell which 'w' is meant by w_{12}: it fits 2 of the 2 quantities named 'w' ('w_{ij}', 'w_{jk}'), which differ in index ranges");
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
    const [h, g] = s.definitions.map((def) => variable(def));
    const d = diff(g!, h!);
    expect(unfoldAll(d, s.definitions)).toBe(diff(parse('x^2 + 1'), h!));
  });

  it('rejects a use with the wrong number of indices', () => {
    expect(() => instantiate(A, [i])).toThrow(InputError);
    expect(() => instantiate(A, [i])).toThrow("'A' is defined with 2 indices, used with 1 index");
  });
});

