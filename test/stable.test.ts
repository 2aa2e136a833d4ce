// Stable evaluation (issue 14, src/stable.ts): the forms Kronecker prints for softplus, the
// logistic function, softmax, log-sum-exp, σ' and tanh' agree with a 60-digit reference (Python's
// mpmath) to 1e-12 relative at ±30, ±1e3 and ±1e6, in the interpreter and in compiled code alike,
// where the formula as written overflows (NaN) or cancels to 0. The reference is computed by
// mpmath from the mathematical definitions; where mpmath is missing, the test is skipped with a note.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile/index.js';
import { evaluate } from '../src/evaluate.js';
import { parse } from '../src/parse/index.js';
import { stableForm } from '../src/stable.js';
import { toLatex } from '../src/print/index.js';

/** A form, its mpmath reference (a Python expression of u, or of the list z), and the inputs at u. */
interface Form {
  readonly latex: string;
  readonly mp: string;
  readonly values: (u: number) => Record<string, number | number[]>;
}

const FORMS: readonly Form[] = [
  { latex: '\\log(1 + e^{u})', mp: 'log(1 + exp(u))', values: (u) => ({ u }) },
  { latex: '\\frac{e^{u}}{1 + e^{u}}', mp: 'exp(u) / (1 + exp(u))', values: (u) => ({ u }) },
  { latex: '\\sigma(u) (1 - \\sigma(u))', mp: '1 / (4 * cosh(u / 2)**2)', values: (u) => ({ u }) },
  { latex: '1 - \\tanh^2 u', mp: 'sech(u)**2', values: (u) => ({ u }) },
  // z = (u, u - 1, 0, -u/2): entries close to the largest, and far below it.
  { latex: '\\frac{e^{z_j}}{\\sum_i e^{z_i}}', mp: '[exp(zj) / fsum(exp(zi) for zi in z) for zj in z]', values: (u) => ({ z: [u, u - 1, 0, -u / 2] }) },
  { latex: '\\log \\sum_i e^{z_i}', mp: 'log(fsum(exp(zi) for zi in z))', values: (u) => ({ z: [u, u - 1, 0, -u / 2] }) },
  { latex: '\\log \\frac{e^{z_j}}{\\sum_i e^{z_i}}', // At 60 digits log(e^{z_j} / Σ) rounds 1 + e^{-500} to 1: the reference takes log1p of the terms below the largest.
    mp: '[zj - max(z) - log1p(fsum(exp(zi - max(z)) for zi in z if zi != max(z))) for zj in z]', values: (u) => ({ z: [u, u - 1, 0, -u / 2] }) },
  // The cross-entropy of a softmax, and its gradient as derive prints it (y_j - t_j, y the softmax).
  { latex: '-\\sum_k t_k \\log \\frac{e^{z_k}}{\\sum_i e^{z_i}}', mp: '-fsum(tk * log(exp(zk) / fsum(exp(zi) for zi in z)) for tk, zk in zip(t, z))',
    values: (u) => ({ z: [u, u - 1, 0, -u / 2], t: [0.1, 0.2, 0.3, 0.4] }) },
  { latex: '\\frac{e^{z_j}}{\\sum_i e^{z_i}} - t_j', mp: '[exp(zj) / fsum(exp(zi) for zi in z) - tj for zj, tj in zip(z, t)]',
    values: (u) => ({ z: [u, u - 1, 0, -u / 2], t: [0.1, 0.2, 0.3, 0.4] }) },
];
const POINTS = [30, -30, 1e3, -1e3, 1e6, -1e6];

/** The references, as doubles (an entry below the smallest double is 0), per form and point; null without mpmath. */
function references(): number[][][] | null {
  const script = `
import json, sys
try:
    from mpmath import mp, mpf, log, log1p, exp, cosh, sech, fsum
except ImportError:
    print('null'); sys.exit(0)
mp.dps = 60
forms = ${JSON.stringify(FORMS.map((f) => f.mp))}
points = ${JSON.stringify(POINTS)}
out = []
for f in forms:
    row = []
    for p in points:
        u = mpf(p)
        z = [u, u - 1, mpf(0), -u / 2]
        t = [mpf('0.1'), mpf('0.2'), mpf('0.3'), mpf('0.4')]
        v = eval(f)
        row.append([float(x) for x in (v if isinstance(v, list) else [v])])
    out.append(row)
print(json.dumps(out))
`;
  const r = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout) as number[][][] | null;
}

const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : v instanceof Float64Array ? [...v] : (v as unknown[]).flatMap(flat));

describe('stable evaluation of printed forms', () => {
  const refs = references();

  it('rewrites each form (and nothing else)', () => {
    for (const f of FORMS) expect(stableForm(parse(f.latex)), f.latex).not.toBe(parse(f.latex));
    for (const other of ['\\log(2 + e^{u})', '\\frac{e^{u}}{2 + e^{u}}', '\\sigma(u) (1 - \\sigma(v))', '2 - \\tanh^2 u', '\\frac{x_j}{\\sum_i e^{z_i}}']) {
      expect(stableForm(parse(other)), other).toBe(parse(other));
    }
    expect(toLatex(stableForm(parse('1 - \\tanh^2 u')))).toBe('\\cosh(u)^{-2}');
  });

  it.skipIf(refs === null)('agrees with a 60-digit reference to 1e-12 relative at ±30, ±1e3, ±1e6, interpreted and compiled', () => {
    const bad: string[] = [];
    FORMS.forEach((form, n) => {
      const e = parse(form.latex);
      const compiled = compile(e);
      POINTS.forEach((u, p) => {
        const expected = refs![n]![p]!;
        const inputs = { values: form.values(u) };
        for (const [how, got] of [['interpreted', flat(evaluate(e, inputs).value)], ['compiled', flat(compiled.fn(inputs).value)]] as const) {
          got.forEach((g, k) => {
            const want = expected[k]!;
            // Relative, and exact where the value underflows to 0 in doubles.
            if (!(Math.abs(g - want) <= 1e-12 * Math.abs(want))) bad.push(`${form.latex} at u = ${u} (${how}) [${k}]: ${g}, reference ${want}`);
          });
        }
      });
    });
    expect(bad).toEqual([]);
  });

  it('the forms as written fail there (the test can fail)', () => {
    // Evaluated naively, e^{1000} overflows: softplus is Infinity and the logistic function NaN.
    expect(Math.log(1 + Math.exp(1e3))).toBe(Infinity);
    expect(Math.exp(1e3) / (1 + Math.exp(1e3))).toBeNaN();
    expect(1 - Math.tanh(30) ** 2).toBe(0);
  });
});
