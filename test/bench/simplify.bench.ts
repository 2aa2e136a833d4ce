// The bare simplifier on the whole derivative corpus, with today's rule table against the table
// before issue 10's rules, in the same run (the issue's bound: at most 1.5× slower).
//
//   full     RULES (src/simplify/rules/index.ts), the table `simplify` uses
//   before   the same table without the rule arrays issue 10 added (ISSUE_10_RULES below)
//
// The raw derivative of every entry of test/corpus.ts (CORPUS) is computed once, outside the timed
// loop, with the rule context `simplify` would build for it (sizes, assumptions, linked ranges);
// each timed call runs the engine's `run` directly with a fresh memo, so that memoisation across
// iterations does not hide the cost. Reported per derivation.
//
// Run: npx vitest bench --run test/bench/simplify.bench.ts      (figures: docs/performance.md)

import { bench, describe } from 'vitest';
import type { Expr } from '../../src/core/ast.js';
import { resolveDefinitions } from '../../src/definitions.js';
import { derivativeOf, differentiate } from '../../src/derive/index.js';
import { makeContext } from '../../src/derive/rules.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { compileRules, type Rule, type RuleContext, type RuleTable, run } from '../../src/simplify/engine.js';
import { simplify } from '../../src/simplify/index.js';
import { linkedRanges } from '../../src/simplify/ranges.js';
import { INDEX_SUM_RULES } from '../../src/simplify/rules/index-sums.js';
import { RULES } from '../../src/simplify/rules/index.js';
import { NAMED_RULES } from '../../src/simplify/rules/named.js';
import { POWER_RULES } from '../../src/simplify/rules/powers.js';
import { COLLECT_RULES } from '../../src/simplify/rules/collect.js';
import { CORPUS } from '../corpus.js';
import { RatioTable } from './ratios.js';

/** The rule arrays issue 10 added to the table: one line per array. */
const ISSUE_10_RULES: readonly (readonly Rule[])[] = [
  COLLECT_RULES,
  POWER_RULES,
  INDEX_SUM_RULES,
  NAMED_RULES,
];

/** Every rule of a table once, in an order that keeps each kind's order (what `compileRules` was given, up to rules of unrelated kinds). */
function rulesOf(table: RuleTable): Rule[] {
  // Each kind's list is a chain of "tried before"; any order that respects every chain compiles to the same table.
  const after = new Map<Rule, Set<Rule>>();
  for (const list of table.values()) {
    list.forEach((r, n) => {
      if (!after.has(r)) after.set(r, new Set());
      if (n > 0) after.get(r)!.add(list[n - 1]!);
    });
  }
  const out: Rule[] = [];
  const placed = new Set<Rule>();
  const place = (r: Rule): void => {
    if (placed.has(r)) return;
    placed.add(r);
    for (const p of after.get(r)!) place(p);
    out.push(r);
  };
  for (const r of after.keys()) place(r);
  return out;
}

const excluded = new Set(ISSUE_10_RULES.flat());
const FULL = RULES;
const BEFORE = compileRules(rulesOf(RULES).filter((r) => !excluded.has(r)));
{
  const count = (t: RuleTable) => new Set([...t.values()].flat()).size;
  if (count(BEFORE) + excluded.size !== count(FULL)) throw new Error('simplify.bench: an ISSUE_10_RULES array is not in RULES');
}

const FUEL = 100_000;

interface Job {
  readonly name: string;
  readonly raw: Expr;
  readonly ctx: RuleContext;
}

/** The raw derivative of a corpus entry and the context `simplify` builds for it (contextOf in src/simplify/index.ts). */
function job(entry: (typeof CORPUS)[number]): Job {
  const sizes = entry.declared ?? {};
  const r = resolveDefinitions(parseFormulas(entry.formulas), [parse(entry.wrt)], { sizes });
  const wrt = r.extra[0]!;
  if (wrt.kind !== 'var') throw new Error(`${entry.wrt} is not a variable`);
  const start = derivativeOf(r.target, wrt);
  const raw = differentiate(start, wrt, makeContext(r.definitions));
  const assumptions = r.assumptions.filter((a) => a.kind === 'rel' && a.ops.length === 1 && a.ops[0] === '=').map((a) => {
    const [lhs, rhs] = (a as Expr & { kind: 'rel' }).args.map((x) => simplify(x, { sizes }).result) as [Expr, Expr];
    return { lhs, rhs };
  });
  const ranges = linkedRanges([raw, start, ...r.definitions.map((d) => d.body), ...r.assumptions]);
  return { name: entry.name, raw, ctx: { sizes, assumptions, sameRange: ranges.same, declared: ranges.declared, floor: ranges.floor } };
}

const JOBS = CORPUS.map(job);
const simplifyAll = (table: RuleTable): void => {
  for (const j of JOBS) run(j.raw, table, j.ctx, { memo: new WeakMap(), fuel: FUEL, steps: false });
};

// Once, untimed: the entries whose simplification the new rules slow down most (best of 5 runs each).
{
  const best = (table: RuleTable, j: Job): number => {
    let t = Infinity;
    for (let n = 0; n < 5; n++) {
      const t0 = performance.now();
      run(j.raw, table, j.ctx, { memo: new WeakMap(), fuel: FUEL, steps: false });
      t = Math.min(t, performance.now() - t0);
    }
    return t;
  };
  simplifyAll(FULL);
  simplifyAll(BEFORE);
  const rows = JOBS.map((j) => ({ name: j.name, full: best(FULL, j), before: best(BEFORE, j) }));
  rows.sort((a, b) => b.full / b.before - a.full / a.before);
  console.log(`simplify: ${JOBS.length} corpus derivations; ${count(FULL)} rules, ${count(BEFORE)} before issue 10. Largest slowdowns (best of 5):`);
  for (const r of rows.slice(0, 5)) console.log(`  ${(r.full / r.before).toFixed(2)}×  ${(r.full * 1000).toFixed(0)} µs / ${(r.before * 1000).toFixed(0)} µs  ${r.name}`);
}

// Once, untimed by vitest: the two tables alternately, batch by batch, the best batch of each (load on a
// shared machine moves between two benches run one after the other; alternating shares it out).
{
  const ROUNDS = 60;
  const batch = (table: RuleTable): number => {
    const t0 = performance.now();
    simplifyAll(table);
    return (performance.now() - t0) / JOBS.length;
  };
  let full = Infinity;
  let before = Infinity;
  for (let n = 0; n < ROUNDS; n++) {
    full = Math.min(full, batch(FULL));
    before = Math.min(before, batch(BEFORE));
  }
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`simplify, alternating, best of ${ROUNDS} batches: full ${us(full)}, before issue 10 ${us(before)} per derivation: ${(full / before).toFixed(2)}×`);
}

function count(t: RuleTable): number {
  return new Set([...t.values()].flat()).size;
}

const table = new RatioTable(
  `bare simplify over the ${JOBS.length} corpus derivations, fresh memo per call (time per derivation; the issue's bound: ≤ 1.5×)`,
  [['full rule table / before issue 10', 'full', 'before']],
);
const opts = { time: 2000, iterations: 10 };

describe('simplify the corpus derivatives', () => {
  bench('full rule table', () => simplifyAll(FULL), table.options('full', opts, JOBS.length));
  bench('rule table before issue 10', () => simplifyAll(BEFORE), table.options('before', opts, JOBS.length));
});
