// Every reduction of the table (src/core/reductions.ts) end to end: it parses
// in both syntaxes, prints back, evaluates by its identity and combine, compiles
// to the same numbers, serialises under its own kind, and the δ-collapse of an
// enclosing Σ treats it as a binder. Each test runs for every row, so a new
// reduction inherits them.

import { describe, expect, it } from 'vitest';
import { delta, extent, indexValue, inum, iverson, ivar, mul, num, reduce, rel, sum, variable } from '../src/core/ast.js';
import { ALL_REDUCTIONS } from '../src/core/reductions.js';
import { evaluate } from '../src/evaluate.js';
import { parse, ParseError } from '../src/parse/index.js';
import { toLatex, toText } from '../src/print/index.js';
import { toJson } from '../src/serialize.js';
import { alphaEqual } from '../src/simplify/canonical.js';
import { simplify } from '../src/simplify/index.js';
import { agree } from './compile/agree.js';

const x = (i: string) => variable('x', [ivar(i)]);
const X = [0.5, -2, 3, 1.25];

describe.each(ALL_REDUCTIONS)('$latex', (r) => {
  const bounded = reduce(r.op, 'i', x('i'), inum(1), ivar('n'));

  it('parses and prints in LaTeX and in plain text', () => {
    const latex = `${r.latex}_{i=1}^{n} x_i`;
    const text = `${r.keyword}(i=1..n, x[i])`;
    expect(parse(latex, { syntax: 'latex' })).toBe(bounded);
    expect(parse(text, { syntax: 'text' })).toBe(bounded);
    expect(toLatex(bounded)).toBe(latex);
    expect(toText(bounded)).toBe(text);
    expect(parse(`${r.latex}_{i,j} x_i`, { syntax: 'latex' })).toBe(reduce(r.op, 'i', reduce(r.op, 'j', x('i'))));
  });

  it('is a prefix operator in LaTeX, grouped with \\left( \\right)', () => {
    const e = reduce(r.op, 'i', x('i'));
    expect(toLatex(mul([e, variable('y')]))).toBe(`\\left(${r.latex}_{i} x_i\\right) y`);
    expect(toLatex(mul([variable('y'), e]))).toBe(`y ${r.latex}_{i} x_i`);
  });

  it('evaluates from its identity by its combine, and compiles to the same numbers', () => {
    const expected = X.slice(0, 3).reduce(r.combine, r.identity);
    // Bounds 1..n declare x's length n (docs/notation.md, "Ranges"): x has n = 3 entries.
    const inputs = { values: { x: X.slice(0, 3), n: 3 } };
    expect(evaluate(bounded, inputs, { symbols: ['n'] }).value).toBe(expected);
    expect(evaluate(reduce(r.op, 'i', x('i'), inum(3), inum(2)), inputs).value).toBe(r.identity);
    const nested = reduce(r.op, 'j', mul([x('j'), reduce(r.op, 'i', mul([x('i'), indexValue(ivar('j'))]), inum(1), ivar('j'))]));
    for (const e of [bounded, nested, reduce(r.op, 'i', x('i'), inum(2), inum(1))]) {
      expect(agree(e, inputs, undefined, ['n'])).toBeGreaterThan(0);
    }
  });

  it('serialises with its operator as its kind', () => {
    expect(toJson(bounded)).toMatchObject({ kind: r.op, index: 'i', upper: { kind: 'ivar', name: 'n' } });
  });

  it('is α-equivalent under a renaming of its index', () => {
    expect(alphaEqual(reduce(r.op, 'i', x('i')), reduce(r.op, "i'", x("i'")))).toBe(true);
  });

  it('shadows the index of an enclosing Σ: δ-collapsing over it keeps the range condition', () => {
    // Σ_i δ_{ia} R_i x_i: the inner i is not the summed one, so nothing says that a lies in i's range.
    const inner = reduce(r.op, 'i', x('i'));
    const cond = iverson(rel(['<=', '<='], [num(1), indexValue(ivar('a')), extent('i')]));
    expect(simplify(sum('i', mul([delta(ivar('i'), ivar('a')), inner]))).result).toBe(mul([cond, inner]));
    // Reading x at the summed i itself does tell it.
    expect(simplify(sum('i', mul([delta(ivar('i'), ivar('a')), x('i'), inner]))).result).toBe(mul([x('a'), inner]));
  });

  // max and min are written with letters: they have no pasted symbol.
  it.runIf(r.pasted !== null)('points a pasted symbol to how it is written', () => {
    expect(() => parse(`${r.pasted}_i x_i`, { syntax: 'latex' })).toThrow(`write ${r.latex} instead`);
    expect(() => parse(`${r.pasted}(i, x[i])`, { syntax: 'text' })).toThrow(`write ${r.keyword}(j, …) instead`);
  });
});

it('no syntax writes an internal name (they start with %)', () => {
  expect(() => parse('x_{%a}', { syntax: 'latex' })).toThrow(ParseError);
  expect(() => parse('x[%a]', { syntax: 'text' })).toThrow(ParseError);
});
