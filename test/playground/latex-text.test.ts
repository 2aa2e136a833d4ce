import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latexProse } from '../../src/proof/fill.js';
import { pieces, prose } from '../../playground/src/latex-text.js';
import { proofJson } from '../../src/proof/index.js';
import { parse, proveFormula } from '../../src/index.js';

describe("the playground's reading of the proofs' LaTeX text", () => {
  it('undoes the escaping of prose, for any text', () => {
    const unit = fc.constantFrom(...'\\{}&%#_^~ aé中'.split(''));
    fc.assert(fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
      expect(prose(latexProse(s))).toBe(s);
    }), { numRuns: 500 });
  });

  it('splits prose and $…$ math, in order', () => {
    expect(pieces('a \\_ $x_j$ b $y$')).toEqual([
      { math: false, text: 'a _ ' }, { math: true, text: 'x_j' }, { math: false, text: ' b ' }, { math: true, text: 'y' },
    ]);
  });

  it("reads every note of a real proof back to the proof's plain-text note", () => {
    const proof = proveFormula(parse('\\frac{\\partial}{\\partial w_{jk}} \\sum_j w_{jk} \\sigma(o_j)'));
    for (const lang of ['en', 'zh'] as const) {
      const steps = proofJson(proof, { lang }).steps;
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) {
        // The prose pieces are exactly the plain-text note's prose: nothing lost, nothing left escaped.
        const prosePieces = pieces(s.why).filter((p) => !p.math).map((p) => p.text);
        let rest = s.whyText;
        for (const p of prosePieces) {
          const at = rest.indexOf(p);
          expect(at, `${JSON.stringify(p)} in ${JSON.stringify(s.whyText)}`).toBeGreaterThanOrEqual(0);
          rest = rest.slice(at + p.length);
        }
      }
    }
  });
});
