// `--check` cannot be fooled (issue 14): correct derivatives — the corpus (test/corpus.ts) and
// generated ones — pass, and each of them perturbed (a term dropped, a coefficient changed by
// 1e-6 relative, two indices swapped) fails. The check is `checkResult`, the function behind
// `kronecker derive --check`. A perturbation that leaves the derivative's value unchanged at
// random inputs (a swap inside a symmetric product) is no mutant and is not counted.

import { describe, expect, it } from 'vitest';
import { add, type Expr, mapChildren, mul, num, type Var, variable } from '../src/core/ast.js';
import { freeIndices } from '../src/core/indices.js';
import { randomInputs } from '../src/check.js';
import { checkResult } from '../src/cli/check.js';
import { resolveDefinitions, unfoldAll } from '../src/definitions.js';
import { derive } from '../src/derive/index.js';
import { evaluate } from '../src/evaluate.js';
import { parse, parseFormulas } from '../src/parse/index.js';
import { toLatex } from '../src/print/index.js';
import { signature } from '../src/values.js';
import { CORPUS } from './corpus.js';

interface Case { readonly name: string; readonly formulas: string; readonly wrt: string; readonly declared?: Readonly<Record<string, number>> }

/** Generated formulas: templates over coefficients and powers, many with symbolic bounds. */
const TEMPLATES: readonly ((c: number, p: number) => Case)[] = [
  (c, p) => ({ name: 'least squares', formulas: `\\sum_i (${c} w_i x_i - y_i)^${p}`, wrt: 'w_k' }),
  (c) => ({ name: 'sigmoid layer', formulas: `\\sum_k \\sigma(\\sum_j ${c} w_{jk} o_j)`, wrt: 'w_{jk}' }),
  (c) => ({ name: 'log-sum-exp', formulas: `\\log \\sum_k e^{${c} z_k}`, wrt: 'z_j' }),
  (c, p) => ({ name: 'differences', formulas: `\\sum_{t=1}^{n-1} (x_{t+1} - ${c} x_t)^${p}`, wrt: 'x_k' }),
  (c) => ({ name: 'triangle', formulas: `\\sum_{i=1}^{n}\\sum_{j=i+1}^{n} ${c} x_i x_j`, wrt: 'x_k' }),
  (c, p) => ({ name: 'tanh plus powers', formulas: `\\tanh(${c} \\sum_j a_j x_j) + \\sum_j x_j^${p}`, wrt: 'x_k' }),
  (c) => ({ name: 'product', formulas: `\\prod_{i=1}^{n} (1 + ${c} w x_i)`, wrt: 'w' }),
  (c, p) => ({ name: 'constant over symbolic bounds', formulas: `\\sum_{k=i}^{j} ${c} a^${p} + \\sum_{t=1}^{n-1} a x_t`, wrt: 'a' }),
  (c) => ({ name: 'root', formulas: `\\sqrt{\\sum_j x_j^2 + ${c}}`, wrt: 'x_k' }),
  (c) => ({ name: 'quadratic form', formulas: `\\frac{1}{${c}} \\sum_j \\sum_k A_{jk} x_j x_k`, wrt: 'x_m' }),
  (c) => ({ name: 'softmax mean', formulas: `\\frac{\\sum_j e^{${c} z_j} z_j}{\\sum_j e^{${c} z_j}}`, wrt: 'z_k' }),
  (c, p) => ({ name: 'shifted read', formulas: `\\sum_{t=2}^{n} (h_{t-1} w + ${c} x_t)^${p}`, wrt: 'w' }),
  (c) => ({ name: 'prefix', formulas: `\\sum_{i=1}^{n} \\sum_{j=1}^{i} ${c} x_j y_i`, wrt: 'y_k' }),
];
const GENERATED: Case[] = TEMPLATES.flatMap((t) => [[2, 2], [3, 3], [5, 2], [0.5, 4]].map(([c, p]) => t(c!, p!)))
  .map((c, n) => ({ ...c, name: `${c.name} #${n}` }));

interface Prepared { name: string; target: Expr; wrt: Var; raw: Expr; result: Expr; definitions: ReturnType<typeof resolveDefinitions>['definitions']; assumptions: readonly Expr[] }

function prepare(c: Case): Prepared | null {
  try {
    const resolved = resolveDefinitions(parseFormulas(c.formulas), [parse(c.wrt)], { sizes: c.declared });
    const wrt = resolved.extra[0]!;
    if (wrt.kind !== 'var') return null;
    const d = derive(resolved.target, wrt, { definitions: resolved.definitions, assumptions: resolved.assumptions, sizes: c.declared });
    return { name: c.name, target: resolved.target, wrt, raw: d.raw, result: d.result, definitions: resolved.definitions, assumptions: resolved.assumptions };
  } catch {
    return null; // an entry that is meant to be refused (asWritten) or needs options the check does not take
  }
}

/** `e` with the first node (pre-order) that `rewrite` changes replaced; null when there is none. Index expressions and brackets are left alone. */
function rewriteFirst(e: Expr, rewrite: (x: Expr) => Expr | null): Expr | null {
  const r = rewrite(e);
  if (r !== null && r !== e) return r;
  if (e.kind === 'iverson' || e.kind === 'rel' || e.kind === 'index' || e.kind === 'extent' || e.kind === 'diff') return null;
  let done = false;
  const out = mapChildren(e, (child) => {
    if (done) return child;
    const m = rewriteFirst(child, rewrite);
    if (m === null) return child;
    done = true;
    return m;
  });
  return done ? out : null;
}

const RELATIVE = 1 + 1e-6;

const MUTATIONS: Record<string, (e: Expr) => Expr | null> = {
  'drop a term': (e) => rewriteFirst(e, (x) => (x.kind === 'add' && x.terms.length >= 2 ? add(x.terms.slice(1)) : null)),
  'coefficient × (1 + 1e-6)': (e) => rewriteFirst(e, (x) => (x.kind === 'mul' && x.factors[0]!.kind === 'num'
    ? mul([num(x.factors[0].value * RELATIVE), ...x.factors.slice(1)]) : null))
    ?? (e.kind === 'add' ? add([mul([num(RELATIVE), e.terms[0]!]), ...e.terms.slice(1)]) : mul([num(RELATIVE), e])),
  'swap two indices': (e) => {
    const inVar = rewriteFirst(e, (x) => (x.kind === 'var' && x.indices.length >= 2 && toLatex(variable(x, [x.indices[0]!])) !== toLatex(variable(x, [x.indices[1]!]))
      ? variable(x, [x.indices[1]!, x.indices[0]!, ...x.indices.slice(2)], x.commaIndices, x.superscript) : null));
    if (inVar !== null) return inVar;
    // Two free letters: one occurrence of the first reads the second instead.
    const [a, b] = [...freeIndices(e)].sort();
    if (a === undefined || b === undefined) return null;
    return rewriteFirst(e, (x) => (x.kind === 'var' && x.indices.length === 1 && x.indices[0]!.kind === 'ivar' && x.indices[0].name === a
      ? variable(x, [{ ...x.indices[0], name: b }], x.commaIndices, x.superscript) : null));
  },
};

/** Whether `a` and `b` (derivatives of p) differ at random inputs: a perturbation that does not is no mutant. */
function differs(p: Prepared, a: Expr, b: Expr): boolean {
  const [x, y] = [a, b].map((e) => unfoldAll(e, p.definitions));
  const f = unfoldAll(p.target, p.definitions);
  const free = [...new Set([...signature(f).free, ...p.wrt.indices.flatMap((i) => (i.kind === 'ivar' ? [i.name] : []))])].sort();
  const symbols = signature(f).sizeSymbols.filter((n) => !free.includes(n));
  for (const seed of [1, 2, 3]) {
    const inputs = randomInputs([f, x!, y!, p.wrt], { seed, sizeRange: [2, 4], symbols, nonEmpty: free });
    try {
      const [u, v] = [x!, y!].map((e) => evaluate(e, inputs, { free, symbols }).value);
      const flat = (t: unknown): number[] => (typeof t === 'number' ? [t] : (t as unknown[]).flatMap(flat));
      const [fu, fv] = [flat(u), flat(v)];
      if (fu.some((n, k) => !(Math.abs(n - fv[k]!) <= 1e-13 * Math.max(1, Math.abs(n))))) return true;
    } catch {
      return true; // the perturbed form reads out of range, or has another shape
    }
  }
  return false;
}

describe('--check against mutants', () => {
  const originals = [...CORPUS, ...GENERATED].map(prepare).filter((p): p is Prepared => p !== null);

  it('passes at least 200 correct derivatives and flags every perturbation of them', () => {
    const failedOriginals: string[] = [];
    const missed: string[] = [];
    let passed = 0;
    let vacuous = 0;
    let unevaluable = 0;
    let mutants = 0;
    let flagged = 0;
    const perKind: Record<string, number> = {};
    for (const p of originals) {
      const check = (e: Expr) => checkResult(p.target, p.wrt, { raw: p.raw === p.result ? e : p.raw, result: e }, p.definitions, p.assumptions);
      const report = check(p.result);
      if (report.checked === 0) { // not checkable at random inputs (the formula reads out of range)
        unevaluable++;
        if (process.env.SHOW_UNEVALUABLE) console.log(`not evaluable: ${p.name}: ${(report as { unevaluable?: string }).unevaluable}`);
        continue;
      }
      if (!report.ok) {
        failedOriginals.push(`${p.name}: ${toLatex(p.result)} ${JSON.stringify(report.failures[0])}`);
        continue;
      }
      if (report.informative === 0) {
        vacuous++;
        continue;
      }
      passed++;
      for (const [kind, mutate] of Object.entries(MUTATIONS)) {
        const m = mutate(p.result);
        if (m === null || !differs(p, p.result, m)) continue;
        mutants++;
        perKind[kind] = (perKind[kind] ?? 0) + 1;
        const r = check(m);
        if (!r.ok) flagged++;
        else missed.push(`${p.name} (${kind}): ${toLatex(p.result)} → ${toLatex(m)}`);
      }
    }
    console.log(`--check mutants: ${passed} of ${originals.length} originals pass (${failedOriginals.length} fail, ${vacuous} vacuous, ${unevaluable} not evaluable); ${flagged} of ${mutants} mutants flagged ${JSON.stringify(perKind)}`);
    expect(failedOriginals).toEqual([]);
    expect(missed).toEqual([]);
    expect(passed).toBeGreaterThanOrEqual(200);
    expect(mutants).toBeGreaterThanOrEqual(400);
  }, 600_000);
});
