// The whole derivative corpus through the compiler: for every entry, the
// unfolded target, the raw derivative and the simplified derivative, compiled
// and interpreted at random inputs (the entry's small sizes), must agree to
// 1e-12 relative at every index assignment.

import { describe, expect, it } from 'vitest';
import type { Expr, Var } from '../../src/core/ast.js';
import { randomInputs } from '../../src/check.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { freeIndices } from '../../src/core/indices.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { signature } from '../../src/values.js';
import { CORPUS, type CorpusEntry } from '../corpus.js';
import { agree } from './agree.js';

function prepare(entry: CorpusEntry) {
  const resolved = resolveDefinitions(parseFormulas(entry.formulas), [parse(entry.wrt)], { sizes: entry.declared });
  const wrt = resolved.extra[0]!;
  if (wrt.kind !== 'var') throw new Error(`${entry.wrt} is not a variable`);
  return { ...resolved, wrt: wrt as Var };
}


describe('compiled == interpreted on the derivative corpus', () => {
  let compared = 0;
  it.each(CORPUS.map((e, n) => [e.name, e, n] as const))('%s', (_name, entry, n) => {
    const { definitions, target, wrt } = prepare(entry);
    const d = derive(target, wrt, { definitions, sizes: entry.declared });
    const f = unfoldAll(target, definitions);
    const raw = unfoldAll(d.raw, definitions);
    const result = unfoldAll(d.result, definitions);
    // As the checker reads a derivative: over free(f) ∪ indices(wrt), with f's size symbols as constants.
    const fSig = signature(f);
    const free = [...new Set([...fSig.free, ...freeIndices(wrt)])].sort();
    const symbols = fSig.sizeSymbols.filter((s) => !free.includes(s));
    for (let trial = 0; trial < 2; trial++) {
      const inputs = randomInputs([f, raw, result, wrt], { sizes: entry.sizes, positive: entry.positive, seed: 100 * n + trial + 1 });
      const cases: [string, Expr, readonly string[]][] = [['target', f, fSig.free], ['raw derivative', raw, free], ['simplified derivative', result, free]];
      for (const [what, e, order] of cases) {
        const count = agree(e, inputs, order, symbols);
        expect(count, what).toBeGreaterThan(0);
        compared += count;
      }
    }
  });
  it('compared many values', () => {
    expect(compared).toBeGreaterThan(1000);
  });
});
