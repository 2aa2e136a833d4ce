// Numerically stable evaluation (src/stable.ts) of the forms Kronecker prints: spelled-out
// softplus, σ written as e^u/(1+e^u), σ'(u) = σ(u)(1 - σ(u)), tanh'(u) = 1 - tanh(u)², softmax,
// log-sum-exp, cross-entropy over a softmax, and the derivatives Kronecker prints for them —
// each evaluated by the interpreter and by the compiled kernel at ±1e3, ±1e6 and ordinary points,
// against mpmath at 50 digits (Debian's python3-mpmath, which .ci/run installs), to 1e-12
// relative (a true value below the smallest normal double must come out below it too).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr, Var } from '../../src/core/ast.js';
import { compile } from '../../src/compile/index.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { parse } from '../../src/parse/index.js';
import { stableForm } from '../../src/stable.js';
import { toLatex } from '../../src/print/index.js';

const PYTHON = '/usr/bin/python3';
const hasMpmath = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import mpmath'], { encoding: 'utf8' }).status === 0;

/** Values of mpmath expressions (in x, z = [x, x - 1, x + 2], y = [x, x - 1, 0, -x/2], t = [0.2, 0.3, 0.5]) at each point, as doubles. */
function reference(exprs: readonly string[], points: readonly number[]): number[][] {
  const program = String.raw`
import json, sys
from mpmath import mp, mpf, exp, log, log1p, tanh, cosh, fsum
mp.dps = 50
def sigmoid(u): return 1 / (1 + exp(-u))
exprs, points = json.load(sys.stdin)
out = []
for e in exprs:
    row = []
    for p in points:
        x = mpf(p)
        z = [x, x - 1, x + 2]
        y = [x, x - 1, 0 * x, -x / 2]
        t = [mpf('0.2'), mpf('0.3'), mpf('0.5')]
        v = eval(e)
        row.append(float(v) if abs(v) > mpf('2.3e-308') or v == 0 else 0.0)
    out.append(row)
print(json.dumps(out))
`;
  const r = spawnSync(PYTHON, ['-c', program], { input: JSON.stringify([exprs, points]), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as number[][];
}

interface Case {
  readonly name: string;
  /** The formula as Kronecker reads it, or as its derivative by `wrt` (what `derive` prints). */
  readonly formula: string;
  readonly wrt?: string;
  /** The same value in mpmath, exactly. */
  readonly mp: string;
  /** Output index and its entry to compare (z's entries are 1-based), for a formula over k. */
  readonly at?: number;
}

const CASES: Case[] = [
  { name: 'softplus written out', formula: '\\log(1 + e^{x})', mp: 'log(1 + exp(x))' },
  { name: "its derivative, as printed", formula: '\\log(1 + e^{x})', wrt: 'x', mp: 'sigmoid(x)' },
  { name: 'σ written as e^u/(1+e^u)', formula: '\\frac{e^{x}}{1 + e^{x}}', mp: 'exp(x) / (1 + exp(x))' },
  { name: "σ'(u) = σ(u)(1 - σ(u))", formula: '\\sigma(x)(1 - \\sigma(x))', mp: 'sigmoid(x) * (1 - sigmoid(x))' },
  { name: "σ' as printed", formula: '\\sigma(x)', wrt: 'x', mp: 'sigmoid(x) * (1 - sigmoid(x))' },
  { name: "tanh'(u) = 1 - tanh(u)^2", formula: '1 - \\tanh(x)^2', mp: '1 - tanh(x)**2' },
  { name: "tanh' as printed", formula: '\\tanh(x)', wrt: 'x', mp: '1 / cosh(x)**2' },
  { name: 'softmax', formula: '\\frac{e^{z_k}}{\\sum_i e^{z_i}}', mp: 'exp(z[2]) / fsum(exp(v) for v in z)', at: 3 },
  { name: 'log-sum-exp', formula: '\\log \\sum_i e^{z_i}', mp: 'log(fsum(exp(v) for v in z))' },
  { name: "log-sum-exp's derivative, as printed", formula: '\\log \\sum_i e^{z_i}', wrt: 'z_k', mp: 'exp(z[0]) / fsum(exp(v) for v in z)', at: 1 },
  { name: 'log-softmax of the largest entry', formula: '\\log \\frac{e^{z_k}}{\\sum_i e^{z_i}}', mp: 'z[2] - max(z) - log1p(fsum(exp(v - max(z)) for v in z if v != max(z)))', at: 3 },
  { name: 'log-softmax of an entry below it', formula: '\\log \\frac{e^{z_k}}{\\sum_i e^{z_i}}', mp: 'z[0] - max(z) - log1p(fsum(exp(v - max(z)) for v in z if v != max(z)))', at: 1 },
  { name: 'log-softmax of an entry far from the rest', formula: '\\log \\frac{e^{y_k}}{\\sum_i e^{y_i}}', mp: 'y[3] - max(y) - log1p(fsum(exp(v - max(y)) for v in sorted(y)[:-1]))', at: 4 },
  { name: 'cross-entropy of a softmax', formula: '-\\sum_k t_k \\log \\frac{e^{z_k}}{\\sum_i e^{z_i}}', mp: '-fsum(t[k] * log(exp(z[k]) / fsum(exp(v) for v in z)) for k in range(3))' },
  { name: "cross-entropy's derivative, as printed", formula: '-\\sum_k t_k \\log \\frac{e^{z_k}}{\\sum_i e^{z_i}}', wrt: 'z_j', mp: '-t[1] + fsum(t) * exp(z[1]) / fsum(exp(v) for v in z)', at: 2 },
];

const POINTS = [-1e6, -1e3, -745, -40, -30, -1, 0, 0.5, 30, 40, 710, 1e3, 1e6];
const T = [0.2, 0.3, 0.5];

/** The formula (or its derivative) and the index its value runs over. */
function target(c: Case): { expr: Expr; free: string[] } {
  const f = parse(c.formula, { syntax: 'latex' });
  if (c.wrt === undefined) return { expr: f, free: c.at === undefined ? [] : ['k'] };
  const wrt = parse(c.wrt, { syntax: 'latex' }) as Var;
  return { expr: derive(f, wrt).result, free: wrt.indices.map((i) => (i as { name: string }).name) };
}

function values(x: number): Record<string, number | number[]> {
  return { x, z: [x, x - 1, x + 2], y: [x, x - 1, 0, -x / 2], t: T };
}

function relativeError(got: number, want: number): number {
  if (want === 0) return Math.abs(got) < 2.3e-308 ? 0 : Infinity;
  return Math.abs(got - want) / Math.abs(want);
}

describe.skipIf(!hasMpmath)('stable evaluation against mpmath', () => {
  const want = hasMpmath ? reference(CASES.map((c) => c.mp), POINTS) : [];
  CASES.forEach((c, n) => {
    it(`${c.name}: interpreter and kernel within 1e-12 at ±1e3, ±1e6 and ordinary points`, () => {
      const { expr, free } = target(c);
      const kernel = compile(expr, { free });
      POINTS.forEach((x, p) => {
        const interp = evaluate(expr, { values: values(x) }, { free }).value;
        const compiled = kernel.fn({ values: values(x) }).value;
        const pick = (v: unknown) => (typeof v === 'number' ? v : (v as ArrayLike<number>)[c.at! - 1]!);
        for (const got of [pick(interp), pick(compiled)]) {
          expect(Number.isFinite(got), `${toLatex(expr)} at x = ${x}: ${got}`).toBe(true);
          expect(relativeError(got, want[n]![p]!), `${toLatex(expr)} at x = ${x}: ${got}, mpmath ${want[n]![p]}`).toBeLessThanOrEqual(1e-12);
        }
      });
    });
  });
});

describe.skipIf(!hasMpmath)('b^x log b at b = 0', () => {
  it('is the limit 0 for x > 0 (0^x is constant there), as derive prints d/dx of \\sum_{j=0}^{5} e^{j^x}', () => {
    const d = derive(parse('\\sum_{j=0}^{5} e^{j^{x}}', { syntax: 'latex' }), parse('x') as Var).result;
    const points = [0.25, 0.5, 1, 1.5, 2];
    const want = reference(['fsum(exp(mpf(j)**x) * mpf(j)**x * log(j) for j in range(1, 6))'], points)[0]!;
    const kernel = compile(d);
    points.forEach((x, p) => {
      for (const got of [evaluate(d, { values: { x } }).value as number, kernel.fn({ values: { x } }).value as number]) {
        expect(relativeError(got, want[p]!), `x = ${x}: ${got}, mpmath ${want[p]}`).toBeLessThanOrEqual(1e-12);
      }
    });
    // For x ≤ 0 the j = 0 term has no value: it is not made 0.
    expect(Number.isFinite(evaluate(d, { values: { x: -1 } }).value as number)).toBe(false);
  });
});

describe.skipIf(!hasMpmath)('stable forms at random points', () => {
  it('agree with mpmath at 100 random points in [-800, 800] (fast-check)', () => {
    const points = fc.sample(fc.double({ min: -800, max: 800, noNaN: true }), { numRuns: 100, seed: 14 });
    const want = reference(CASES.map((c) => c.mp), points);
    CASES.forEach((c, n) => {
      const { expr, free } = target(c);
      const kernel = compile(expr, { free });
      points.forEach((x, p) => {
        const v = kernel.fn({ values: values(x) }).value;
        const got = typeof v === 'number' ? v : v[c.at! - 1]!;
        expect(relativeError(got, want[n]![p]!), `${c.name} at x = ${x}: ${got}, mpmath ${want[n]![p]}`).toBeLessThanOrEqual(1e-12);
      });
    });
  });
});

describe('stable forms', () => {
  it('rewrites only the patterns it names', () => {
    const same = ['\\log(2 + e^{x})', '1 - \\sigma(x) y', '\\frac{e^{x}}{2 + e^{x}}', '\\log \\sum_i x_i', '1 - \\tanh(x)^3', '\\frac{x}{\\sum_i x_i}'];
    for (const s of same) {
      const e = parse(s, { syntax: 'latex' });
      expect(stableForm(e), s).toBe(e);
    }
    const rewritten: [string, string][] = [
      ['1 - \\sigma(x)', '\\sigma(-x)'],
      ['\\log(1 + e^{x})', '\\operatorname{softplus}(x)'],
      ['\\frac{e^{x}}{1 + e^{x}}', '\\sigma(x)'],
      ['\\frac{1}{1 + e^{-x}}', '\\sigma(x)'],
      ['1 - \\tanh(x)^2', '\\cosh(x)^{-2}'],
    ];
    for (const [s, printed] of rewritten) expect(toLatex(stableForm(parse(s, { syntax: 'latex' })))).toBe(printed);
  });
});
