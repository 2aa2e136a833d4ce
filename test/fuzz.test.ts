// Fuzzing the whole pipeline with fixed seeds: parse → derive → simplify → every proof format →
// eval → compile. Random token sequences, pieces of formulas and mutated corpus entries must
// end with exit 0, 1 or 2 and a message, never an internal error or a stack trace; random
// well-formed formulas must differentiate and simplify to what brute-force evaluation says
// (central differences of the formula, and the formula itself, at random points).
//
// `npm test` runs FUZZ_RUNS draws per property (default 30); `npm run fuzz` runs 600 and prints
// how many inputs it tried and every failure (KRONECKER_FUZZ_RUNS sets the count).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { randomInputs } from '../src/check.js';
import { children, type Expr, variable } from '../src/core/ast.js';
import { derive } from '../src/derive/index.js';
import { evaluate, EvaluationError } from '../src/evaluate.js';
import { toLatex } from '../src/print/index.js';
import { simplify } from '../src/simplify/index.js';
import { arbExpr, degenerate } from './arbitrary.js';
import { CORPUS } from './corpus.js';
import { arbMutated, FORMULA_PIECES, TOKEN_PIECES } from './mutate.js';

const RUNS = Number(process.env.KRONECKER_FUZZ_RUNS ?? 30);
const FORMATS = ['text', 'latex', 'markdown', 'html', 'json'];
const STACK = /\n\s+at .*:\d+:\d+|internal error|Maximum call stack/;

let tried = 0;
const failures: string[] = [];
/** Runs per exit code: the pipeline is not vacuous when many inputs go all the way through. */
const codes = new Map<number, number>();
afterAll(() => {
  const tally = [...codes].sort(([a], [b]) => a - b).map(([c, n]) => `exit ${c}: ${n}`).join(', ');
  console.log(`fuzz: ${tried} inputs tried (${tally}), ${failures.length} failures${failures.map((f) => `\n  ${f}`).join('')}`);
});

const dir = mkdtempSync(join(tmpdir(), 'kronecker-fuzz-'));
const valuesFile = join(dir, 'values.json');
writeFileSync(valuesFile, JSON.stringify({ sizes: { j: 2, k: 3, i: 2, n: 2 }, values: { x: 0.7, y: -0.4, w: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], o: [0.3, -0.2] } }));

/** Every command on one input: each must exit 0, 1 or 2 with nothing of a crash on stderr. */
async function pipeline(formula: string): Promise<void> {
  tried++;
  const runs: string[][] = [
    ['parse', '--format', 'json', '--', formula],
    ['derive', '--wrt', 'x', '--', formula],
    ['simplify', '--', formula],
    ...FORMATS.map((f) => ['derive', '--wrt', 'x', '--steps', '--format', f, '--', formula]),
    ['simplify', '--steps', '--format', 'html', '--', formula],
    ['eval', '--values', valuesFile, '--', formula],
    ['eval', '--interpret', '--values', valuesFile, '--', formula],
    ['compile', '--wrt', 'x', '--', formula],
  ];
  for (const argv of runs) {
    let err = '';
    const code = await runCli(argv, { out: () => {}, err: (t) => { err += `${t}\n`; } });
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (![0, 1, 2].includes(code) || STACK.test(err) || (code === 2 && !/\S/.test(err))) {
      failures.push(`${argv.join(' ')} → exit ${code}: ${err.split('\n')[0]}`);
    }
  }
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

describe('fuzz: every command on random input exits 0, 1 or 2 without a crash', () => {
  test('random token sequences', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...TOKEN_PIECES), { minLength: 1, maxLength: 10 }), async (parts) => {
      await pipeline(parts.join(''));
    }), { numRuns: RUNS, seed: 1401 });
    expect(failures).toEqual([]);
  }, 600_000);

  test('random sequences of formula pieces', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...FORMULA_PIECES), { minLength: 1, maxLength: 10 }), async (parts) => {
      await pipeline(parts.join(''));
    }), { numRuns: RUNS, seed: 1402 });
    expect(failures).toEqual([]);
    expect(codes.get(0) ?? 0).toBeGreaterThan(RUNS / 10);
  }, 600_000);

  test('mutated corpus formulas', async () => {
    await fc.assert(fc.asyncProperty(arbMutated(CORPUS.map((e) => e.formulas).filter((l) => l.length < 200)), async (f) => {
      await pipeline(f);
    }), { numRuns: RUNS, seed: 1403 });
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('fuzz: derive and simplify agree with brute-force evaluation', () => {
  const smooth = ['sigmoid', 'tanh', 'exp', 'sin', 'cos', 'softplus'];
  const x = variable('x');
  const mentionsX = (e: Expr): boolean => e === x || children(e).some(mentionsX);
  /** f at the inputs with x moved by dx. */
  const at = (f: Expr, inputs: ReturnType<typeof randomInputs>, dx: number): number => {
    try {
      return evaluate(f, { sizes: inputs.sizes, values: { ...inputs.values, x: (inputs.values.x as number) + dx } }).value as number;
    } catch (e) {
      // A literal index outside its range (`w_0`) has no value: the draw is skipped, not failed.
      if (e instanceof EvaluationError) return NaN;
      throw e;
    }
  };

  /** simplify(f) against f, and ∂f/∂x against central differences, at one random point. */
  const agree = (f: Expr, seed: number): void => {
    const inputs = randomInputs([f, x], { seed: seed + 1, sizes: { i: 2, j: 3, k: 2, n: 2, m: 3 } });
    const value = at(f, inputs, 0);
    fc.pre(Number.isFinite(value) && Math.abs(value) < 1e6);
    const simplified = simplify(f).result;
    const s = at(simplified, inputs, 0);
    if (!close(s, value, 1e-9)) failures.push(`simplify ${toLatex(f)} → ${toLatex(simplified)}: ${s} ≠ ${value}`);
    const central = (h: number) => (at(f, inputs, h) - at(f, inputs, -h)) / (2 * h);
    const numeric = central(1e-5);
    // Ill-conditioned where two step sizes disagree (cos(6^7 x^2)): no finite difference resolves it.
    fc.pre(Number.isFinite(numeric) && Math.abs(numeric) < 1e4 && close(numeric, central(2e-5), 1e-6));
    const d = derive(f, x).result;
    const claimed = at(d, inputs, 0);
    if (!close(claimed, numeric, 1e-4)) failures.push(`derive ${toLatex(f)} wrt x → ${toLatex(d)}: ${claimed} ≠ ${numeric} (central difference)`);
  };

  test('∂f/∂x against central differences, simplify(f) against f', () => {
    fc.assert(fc.property(arbExpr({ differentiable: true, closed: true, maxDepth: 3, functions: smooth, scalars: ['x', 'y'] }), fc.nat(), (f, seed) => {
      fc.pre(!degenerate(f) && mentionsX(f));
      tried++;
      try {
        agree(f, seed);
      } catch (e) {
        if (fc.PreconditionFailure.isFailure(e)) throw e;
        failures.push(`${toLatex(f)}: ${(e as Error).name}: ${(e as Error).message}`);
      }
    }), { numRuns: RUNS * 4, seed: 1404 });
    expect(failures).toEqual([]);
  }, 600_000);
});
