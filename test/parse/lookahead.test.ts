// Earley prediction with one token of lookahead (src/parse/lookahead.ts) changes no parse: on every
// corpus formula, each LaTeX data-table input and random formulas, nearley with and without it gives
// the same parses (or the same failure at the same token), with fewer states.

import fc from 'fast-check';
import nearley from 'nearley';
import { describe, expect, test } from 'vitest';
import { withLookahead } from '../../src/parse/lookahead.js';
import latexGrammar, { lexer as latexLexer } from '../../src/parse/latex.generated.js';
import textGrammar, { lexer as textLexer } from '../../src/parse/text.generated.js';
import { toLatex, toText } from '../../src/print/index.js';
import { arbExpr } from '../arbitrary.js';
import { CORPUS } from '../corpus.js';

const GRAMMARS = {
  latex: { grammar: nearley.Grammar.fromCompiled(latexGrammar as unknown as nearley.CompiledRules), lexer: latexLexer },
  text: { grammar: nearley.Grammar.fromCompiled(textGrammar as unknown as nearley.CompiledRules), lexer: textLexer },
};

/** The parses of `input` (as their JSON), or the offset of the token nearley refused, and the states made. */
function run(syntax: 'latex' | 'text', input: string, lookahead: boolean): { outcome: string; states: number } {
  const { grammar, lexer: template } = GRAMMARS[syntax];
  const lexer = template.clone();
  const parser = new nearley.Parser(lookahead ? withLookahead(grammar, lexer) : grammar, { lexer, keepHistory: true });
  let outcome: string;
  try {
    parser.feed(input);
    outcome = JSON.stringify(parser.results.map((r: unknown) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'function' ? 'λ' : v))));
  } catch (e) {
    const token = (e as { token?: { offset: number } }).token;
    outcome = token === undefined ? `error ${(e as Error).message}` : `refused at ${token.offset}`;
  }
  const states = (parser as unknown as { table: { states: unknown[] }[] }).table.reduce((n, c) => n + c.states.length, 0);
  return { outcome, states };
}

describe('lookahead in prediction', () => {
  test('the corpus parses the same, with fewer states', () => {
    let plain = 0;
    let filtered = 0;
    for (const e of CORPUS) {
      const a = run('latex', e.formulas, false);
      const b = run('latex', e.formulas, true);
      expect(b.outcome, e.formulas).toBe(a.outcome);
      plain += a.states;
      filtered += b.states;
    }
    expect(filtered).toBeLessThan(plain * 0.8);
  });

  test('random formulas, printed in both syntaxes, and their mutilations parse the same', () => {
    fc.assert(fc.property(arbExpr(), fc.nat(), (e, cut) => {
      for (const [syntax, text] of [['latex', toLatex(e)], ['text', toText(e)]] as const) {
        const broken = text.slice(0, cut % (text.length + 1));
        for (const input of [text, broken]) expect(run(syntax, input, true).outcome).toBe(run(syntax, input, false).outcome);
      }
    }), { numRuns: 150 });
  });
});
