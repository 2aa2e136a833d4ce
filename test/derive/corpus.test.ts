// Every corpus entry, differentiated and checked against central finite
// differences at every index combination: the raw derivative, the simplified
// one, the expected form (where given), and the step driver's agreement.

import { derivative as mathjsDerivative } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { children, type Expr, type Var } from '../../src/core/ast.js';
import { inputKey } from '../../src/core/names.js';
import { checkDerivative } from '../../src/check.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { equivalent } from '../../src/simplify/index.js';
import { CORPUS, type CorpusEntry } from '../corpus.js';

export function prepare(entry: CorpusEntry) {
  const formulas = parseFormulas(entry.formulas);
  const extra = [parse(entry.wrt), ...(entry.expected === undefined ? [] : [parse(entry.expected)])];
  const resolved = resolveDefinitions(formulas, extra, { sizes: entry.declared });
  const wrt = resolved.extra[0]!;
  if (wrt.kind !== 'var') throw new Error(`${entry.wrt} is not a variable`);
  return { ...resolved, wrt, expected: resolved.extra[1] };
}

function check(f: Expr, wrt: Var, derivative: Expr, entry: CorpusEntry, seed: number) {
  return checkDerivative({ f, wrt, derivative, sizes: entry.sizes, positive: entry.positive, trials: 2, seed });
}

describe('corpus', () => {
  it('has at least 60 entries with distinct names', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map((e) => e.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((e, n) => [e.name, e, n] as const))('%s', (_name, entry, n) => {
    const { definitions, target, wrt, expected } = prepare(entry);
    const d = derive(target, wrt, { definitions, sizes: entry.declared });
    const f = unfoldAll(target, definitions);
    const claims: [string, Expr][] = [['raw', d.raw], ['simplified', d.result]];
    if (expected !== undefined) claims.push(['expected', expected]);
    for (const [what, claimed] of claims) {
      const report = check(f, wrt, unfoldAll(claimed, definitions), entry, n + 1);
      expect(report.checked, what).toBeGreaterThan(0);
      expect(report.ok, `${what}: ${JSON.stringify(report.failures.slice(0, 3))}`).toBe(true);
    }
    // The simplifier brings it to the form a person writes.
    if (expected !== undefined) expect(equivalent(d.result, expected, { sizes: entry.declared })).toBe(true);
    // The step driver computes the same derivative.
    expect(derive(target, wrt, { definitions, sizes: entry.declared, steps: true }).raw).toBe(d.raw);
  });
});

function variablesOf(e: Expr): Var[] {
  return e.kind === 'var' ? [e] : children(e).flatMap(variablesOf);
}

describe('scalar corpus entries against mathjs derivative', () => {
  const scalar = CORPUS.filter((e) => e.mathjs !== undefined);
  it.each(scalar.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    const { definitions, target, wrt } = prepare(entry);
    const ours = unfoldAll(derive(target, wrt, { definitions }).raw, definitions);
    const theirs = mathjsDerivative(entry.mathjs!, inputKey(wrt));
    // The formula's names as the values file spells them (`\\delta` is `delta`), which the mathjs text uses too.
    const names = [...new Set(variablesOf(unfoldAll(target, definitions)).map(inputKey))];
    for (let trial = 0; trial < 5; trial++) {
      const scope: Record<string, number> = {};
      for (const v of names) scope[v] = entry.positive?.includes(v) ? 0.3 + trial * 0.37 : -1.3 + trial * 0.61;
      const used = Object.fromEntries(Object.entries(scope));
      const got = evaluate(ours, { values: used }).value as number;
      const want = theirs.evaluate(scope) as number;
      expect(Math.abs(got - want) / Math.max(1, Math.abs(want))).toBeLessThan(1e-12);
    }
  });
});
