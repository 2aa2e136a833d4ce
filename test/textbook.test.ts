// The textbook corpus: the entries of test/corpus.ts with a `source`, formulas as papers, textbooks
// and Wikipedia write them. Each is derived and checked by finite differences through the command
// line as a user would run it (the corpus tests check the rest: raw and simplified derivatives,
// compiled against interpreted, step-by-step proofs). A formula the engine does not read as
// written (`asWritten`) must be refused with an input error, never read another way, and its
// rewriting is what is checked. docs/notation.md reports how many read as written.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS } from './corpus.js';
import { cli } from './cli/run.js';

const TEXTBOOK = CORPUS.filter((e) => e.source !== undefined);
const asWritten = TEXTBOOK.filter((e) => e.asWritten === undefined && e.adapted === undefined);
const indices = (sizes: Readonly<Record<string, number>> | undefined) =>
  sizes === undefined ? [] : ['--indices', Object.entries(sizes).map(([k, n]) => `${k}=${n}`).join(',')];

describe('the textbook corpus', () => {
  it('has at least 40 cited formulas, and docs/notation.md reports how many read as written', () => {
    expect(TEXTBOOK.length).toBeGreaterThanOrEqual(40);
    const doc = readFileSync(new URL('../docs/notation.md', import.meta.url), 'utf8');
    expect(doc).toContain(`**${asWritten.length} of the ${TEXTBOOK.length}** read as written`);
    expect(doc).toContain(`Of the **${TEXTBOOK.length}** cited formulas`);
    const refusedCount = TEXTBOOK.filter((e) => e.asWritten !== undefined).length;
    expect(doc).toContain(`${refusedCount} are refused as the source`);
    expect(doc).toContain(`The other ${TEXTBOOK.length - asWritten.length - refusedCount} are the source's formula`);
  });

  it('the README and docs/proofs.md give the size of the whole corpus', () => {
    const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
    expect(read('../README.md')).toContain(`the derivative corpus (${CORPUS.length} formulas;`);
    expect(read('../docs/proofs.md')).toContain(`(\`test/corpus.ts\`, ${CORPUS.length} derivations)`);
  });

  it.each(TEXTBOOK.map((e) => [e.name, e] as const))('%s: derived and checked by the CLI', async (_name, e) => {
    const r = await cli(['derive', e.formulas, '--wrt', e.wrt, '--check', ...indices(e.sizes)]);
    // Matrix notation first notes the shapes it inferred.
    expect(r.err).toMatch(/^(note: read as matrix notation.*\n)?check: ok/);
    expect(r.code).toBe(0);
  });

  const refused = TEXTBOOK.filter((e) => e.asWritten !== undefined);
  it.each(refused.map((e) => [e.name, e] as const))('%s: as the source writes it, refused with a message', async (_name, e) => {
    const r = await cli(['derive', e.asWritten!, '--wrt', e.wrt]);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: /);
    expect(r.err).not.toMatch(/\bat .*\.[jt]s:\d+/);
    expect(r.code).toBe(2);
  });
});
