// Bad input gets a ParseError — never another exception, a hang, or a stack
// trace. Random strings over the characters and commands formulas are made of,
// and random mutations of real formulas, must each either parse or raise a
// ParseError with a position inside the input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ivar, variable } from '../../src/core/ast.js';
import { parse, parseAll, ParseError, parseFormulas } from '../../src/parse/index.js';
import { SEED_FORMULAS } from '../fixtures/seed.js';
import { arbMutated, TOKEN_PIECES as PIECES } from '../mutate.js';

function parsesOrPointsInside(text: string): void {
  try {
    parseFormulas(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ParseError);
    const e = err as ParseError;
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.offset).toBeLessThanOrEqual(text.length);
    expect(e.format().split('\n')).toHaveLength(3);
  }
}

describe('parser robustness', () => {
  it("a prime after an unbraced subscript belongs to the name, as in TeX: o_j' is o'_j (one parse)", () => {
    expect(parseAll("o_j'")).toHaveLength(1);
    expect(parse("o_j'")).toBe(variable("o'", [ivar('j')]));
    expect(parse("o_{j'}")).toBe(variable('o', [ivar("j'")]));
  });

  it('random sequences of formula pieces parse or give a ParseError', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }), (parts) => {
      parsesOrPointsInside(parts.join(''));
    }), { numRuns: 1500, seed: 7 });
  });

  it('random strings parse or give a ParseError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), parsesOrPointsInside), { numRuns: 1500, seed: 8 });
  });

  it("the seed's formulas with a piece cut out or inserted parse or give a ParseError", () => {
    // Fixed seeds: CI must not depend on the draw; 30000 random runs passed locally.
    fc.assert(fc.property(arbMutated(SEED_FORMULAS), parsesOrPointsInside), { numRuns: 1000, seed: 9 });
  });
});
