// parse(print(e)) === e: both printers write exactly the syntax the parser
// reads (docs/notation.md). Hash-consing makes `===` structural equality.
//
// arbExpr produces only trees the parser can produce (no negative numbers:
// `-2` reads as neg(num(2)); see test/arbitrary.ts). Text carries no
// presentation hints, so a text round trip is compared up to them (withoutStyle).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, call, delta, type Expr, inum, iverson, ivar, mapChildren, mul, num, pow, reduce, rel, variable, withoutStyle,
} from '../src/core/ast.js';
import { substituteIndex } from '../src/core/indices.js';
import { parse } from '../src/parse/index.js';
import { toLatex, toText } from '../src/print/index.js';
import { arbExpr } from './arbitrary.js';
import { EXAMPLES } from './print/examples.js';

const RUNS = 1000;

/** The single formula `source` denotes (parse throws on zero or several parses, or several formulas). */
function readBack(source: string, syntax: 'latex' | 'text'): Expr {
  return parse(source, { syntax });
}

/** α-normal form: binders renamed by nesting depth, so α-equivalent trees become identical. */
function alphaNormal(e: Expr, depth = 0): Expr {
  if (e.kind !== 'reduce') return mapChildren(e, (c) => alphaNormal(c, depth));
  const name = `β${depth}`;
  return reduce(e.op, name, alphaNormal(substituteIndex(e.body, e.index, ivar(name)), depth + 1), e.lower, e.upper);
}

describe('round trip', () => {
  // Found by the LaTeX property with a random seed: after a name, `^{(` reads as a superscript index.
  it('a power of a name whose exponent opens with ( or [ is written with an inner group', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => variable(n));
    const exps = [mul([add([a!, b!]), c!]), add([add([a!, num(0)]), b!]), add([iverson(rel(['='], [a!, b!])), num(1)])];
    for (const base of [variable('x'), variable('w', [inum(0)]), delta(ivar('i'), ivar('i'))]) {
      for (const exp of exps) {
        const e = pow(base, exp);
        expect(toLatex(e)).toMatch(/\^\{\{[([]/);
        expect(readBack(toLatex(e), 'latex')).toBe(e);
      }
    }
    // So does `e^{…}` (the exponential as written): found with seed -1714958602, `e^{(e)^{w_0}}`.
    for (const exp of [...exps, pow(variable('e'), variable('w', [inum(0)]))]) {
      const e = call('exp', [exp], 'e^');
      expect(toLatex(e)).toMatch(/^e\^\{\{[([]/);
      expect(readBack(toLatex(e), 'latex')).toBe(e);
    }
  });

  it('LaTeX: parse(toLatex(e)) === e', () => {
    fc.assert(fc.property(arbExpr(), (e) => {
      expect(readBack(toLatex(e, { restoreBoundLetters: false }), 'latex')).toBe(e);
    }), { numRuns: RUNS });
  });

  it('text: parse(toText(e)) === e without presentation hints', () => {
    fc.assert(fc.property(arbExpr(), (e) => {
      expect(withoutStyle(readBack(toText(e, { restoreBoundLetters: false }), 'text'))).toBe(withoutStyle(e));
    }), { numRuns: RUNS });
  });

  it('LaTeX and text, with awkward names: e, d, sigma, delta, Greek and primed indices', () => {
    const awkward = arbExpr({ scalars: ['e', 'd', 'sigma', 'delta', 'Sigma', "o'", 'lr'], indexLetters: ['i', "j'", 'alpha'], maxDepth: 4 });
    fc.assert(fc.property(awkward, (e) => {
      expect(readBack(toLatex(e, { restoreBoundLetters: false }), 'latex')).toBe(e);
      expect(withoutStyle(readBack(toText(e, { restoreBoundLetters: false }), 'text'))).toBe(withoutStyle(e));
    }), { numRuns: RUNS });
  });

  it('restored bound letters read back α-equivalent', () => {
    fc.assert(fc.property(arbExpr({ primedBinders: true }), (e) => {
      expect(alphaNormal(readBack(toLatex(e), 'latex'))).toBe(alphaNormal(e));
      expect(alphaNormal(withoutStyle(readBack(toText(e), 'text')))).toBe(alphaNormal(withoutStyle(e)));
    }), { numRuns: RUNS });
  });
});

/** Golden examples that are not parser output: defined names and families, negative numbers. */
const NOT_PARSER_OUTPUT = new Set(['defined name and range family', 'negative numbers', 'minus and powers']);

describe('golden examples read back', () => {
  for (const [name, e] of EXAMPLES) {
    if (NOT_PARSER_OUTPUT.has(name)) continue;
    it(name, () => {
      expect(readBack(toLatex(e, { restoreBoundLetters: false }), 'latex')).toBe(e);
      expect(withoutStyle(readBack(toText(e, { restoreBoundLetters: false }), 'text'))).toBe(withoutStyle(e));
    });
  }
});
