// A corpus entry (test/corpus.ts) as a proof: its derivation with steps, and the
// options that check it numerically. Shared by the proof suites over the corpus.

import { resolveDefinitions } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import type { CheckStepsOptions, Proof } from '../../src/proof/index.js';
import type { CorpusEntry } from '../corpus.js';

export function corpusProof(entry: CorpusEntry): { proof: Proof; options: CheckStepsOptions } {
  const resolved = resolveDefinitions(parseFormulas(entry.formulas), [parse(entry.wrt)], { sizes: entry.declared });
  const wrt = resolved.extra[0]!;
  if (wrt.kind !== 'var') throw new Error(`${entry.wrt} is not a variable`);
  const d = derive(resolved.target, wrt, { definitions: resolved.definitions, sizes: entry.declared, steps: true });
  const proof: Proof = { goal: d.steps[0]?.before ?? resolved.target, steps: d.steps, result: d.result };
  // Small index ranges (the entry's, others 2 or 3), one random draw: the corpus checks in seconds.
  return { proof, options: { definitions: resolved.definitions, sizes: entry.sizes, positive: entry.positive, trials: 1 } };
}
