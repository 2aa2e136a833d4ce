import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DETAILS as PROOF_DETAILS, LANGS as PROOF_LANGS } from '../../src/proof/index.js';
import { EXAMPLES, FIRST_VISIT } from '../../playground/src/examples.js';
import { CODES, decodeState, DETAILS, encodeState, FORMS, LANGS, OPTION_DEFAULTS, problemOf, sameProblem, type State } from '../../playground/src/state.js';

// Texts as users type them: LaTeX's backslashes and braces, the URL's own &, =, #, %, +, spaces, line breaks, CJK, emoji.
const text = fc.string({ unit: fc.constantFrom(...Array.from('\\{}_^&=#%+ ?/\n\tabcxyz019αβ中文😀')), maxLength: 40 });
const state: fc.Arbitrary<State> = fc.record({
  formula: text, where: text, wrt: text,
  lang: fc.constantFrom(...LANGS), detail: fc.constantFrom(...DETAILS), fold: fc.boolean(),
  form: fc.constantFrom(...FORMS), code: fc.constantFrom(...CODES),
});

describe('playground URL state', () => {
  it('decodes what it encodes, for any texts and options', () => {
    fc.assert(fc.property(state, (s) => {
      expect(decodeState(encodeState(s))).toEqual(s);
      // The hash is a URL fragment: nothing in it needs a browser's further escaping.
      expect(encodeState(s)).toMatch(/^#[A-Za-z0-9_.\-~*%&=+]*$/);
    }), { numRuns: 300 });
  });

  it('leaves out options at their defaults, and reads a missing option as its default', () => {
    const hash = encodeState(FIRST_VISIT);
    for (const key of ['lang', 'detail', 'form', 'code', 'fold']) expect(new URLSearchParams(hash.slice(1)).has(key)).toBe(false);
    expect(decodeState(`#f=x`)).toEqual({ ...OPTION_DEFAULTS, formula: 'x', where: '', wrt: '' });
  });

  it('reads an unknown option value as the default, and a hash without a formula as no state', () => {
    expect(decodeState('#f=x&lang=fr&detail=max&form=tensor&code=rust&fold=yes')).toEqual({ ...OPTION_DEFAULTS, formula: 'x', where: '', wrt: '' });
    expect(decodeState('')).toBeNull();
    expect(decodeState('#wrt=x&lang=zh')).toBeNull();
    // An empty formula is a state (the user cleared the editor), not the first visit.
    expect(decodeState(encodeState({ ...FIRST_VISIT, formula: '' }))?.formula).toBe('');
  });

  it('compares problems by what a derivation depends on, not by the code panel', () => {
    fc.assert(fc.property(state, state, (a, b) => {
      expect(sameProblem(problemOf(a), problemOf({ ...a, code: b.code }))).toBe(true);
      expect(sameProblem(problemOf(a), problemOf(b))).toBe(JSON.stringify(problemOf(a)) === JSON.stringify(problemOf(b)));
    }));
  });

  it("offers the proofs' own languages and detail levels", () => {
    expect(LANGS).toEqual(PROOF_LANGS);
    expect(DETAILS).toEqual(PROOF_DETAILS);
  });

  it('has distinct examples', () => {
    const keys = EXAMPLES.map((e) => JSON.stringify(problemOf(e.state)));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
