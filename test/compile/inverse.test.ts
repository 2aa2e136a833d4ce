// The inverse and the determinant of an input matrix (issue 11) in every evaluator: the interpreter,
// compile(), the emitted JS module (run and into), the NumPy and PyTorch modules and the NumPy twin
// of the matrix form agree, at sizes 1 to 4 and random well-conditioned matrices; a batch of
// matrices is a batch of inverses; a singular or non-square matrix is an EvaluationError.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Expr, Var } from '../../src/core/ast.js';
import { randomInputs } from '../../src/check.js';
import { compile, emitModule, emitPythonModule, matrixForm, parseBatch, withBatch } from '../../src/compile/index.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { entryOf, parse, parseWithShapes } from '../../src/parse/index.js';
import { type Inputs, signature } from '../../src/values.js';
import { hasPythonBackends, PYTHON } from './python.js';

const FORMULAS = [
  '\\mathbf{a}^\\top X^{-1} \\mathbf{b}',
  '\\ln|\\det X| + \\operatorname{tr}(A X^{-\\top})',
  '\\det(X) \\operatorname{tr}(X^{-1} A)',
];

const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : v instanceof Float64Array ? [...v] : (v as unknown[]).flatMap(flat));
const close = (got: readonly number[], want: readonly number[]) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, k) => expect(Math.abs(g - want[k]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want[k]!))));
};

/** Each formula and its derivative by X, at sizes 1 to 4 with random inputs (X drawn well conditioned). */
const CASES = FORMULAS.flatMap((input) => {
  const read = parseWithShapes(input, { syntax: 'latex' });
  const f = read.formulas.at(-1)!;
  const letters = [...new Set(read.shapes.flatMap((s) => s.dims))];
  const wrt = entryOf(parse('X', { syntax: 'latex' }) as Var, read.shapes, new Set(letters));
  const d = derive(f, wrt).result;
  const free = wrt.indices.map((i) => (i as { name: string }).name);
  return [1, 2, 3, 4].flatMap((n) => {
    const sizes = Object.fromEntries([...letters, ...free].map((l) => [l, n]));
    const inputs = randomInputs([f, d, wrt], { sizes, seed: 17 * n });
    return [
      { name: `${input} (n = ${n})`, e: f, free: [] as string[], inputs },
      { name: `∂/∂X ${input} (n = ${n})`, e: d, free, inputs },
    ];
  });
});

async function load(src: string, name: string): Promise<{ run: (v: object, s?: object) => unknown; into: (v: object, out: Float64Array, s?: object) => Float64Array }> {
  const file = join(mkdtempSync(join(tmpdir(), 'kronecker-inv-')), `${name}.mjs`);
  writeFileSync(file, src);
  return import(pathToFileURL(file).href);
}

describe('inverses and determinants: every JavaScript evaluator agrees with the interpreter', () => {
  it('compile().fn, the emitted module’s run and into', async () => {
    for (const [k, c] of CASES.entries()) {
      const want = flat(evaluate(c.e, c.inputs, { free: c.free }).value);
      const compiled = compile(c.e, { free: c.free });
      close(flat(compiled.fn(c.inputs).value), want);
      // The caller gives X only, once, as a matrix.
      expect(compiled.inputs.filter((x) => x.name === 'X')).toEqual([{ name: 'X', indices: 2, slots: expect.any(Array) }]);
      const m = await load(emitModule(compiled), `m${k}`);
      close(flat(m.run(c.inputs.values, c.inputs.sizes)), want);
      const out = new Float64Array(want.length);
      close([...m.into(c.inputs.values, out, c.inputs.sizes)], want);
    }
  });

  it('a batch of matrices is a batch of inverses and determinants', () => {
    const f = parseWithShapes(FORMULAS[0]!, { syntax: 'latex' }).formulas[0]!;
    const batched = withBatch(f, parseBatch('b: X'), false);
    const X = [[[3, 1], [0.5, 4]], [[2, 0], [1, 5]], [[1, 0.5], [0.25, 2]]];
    const values = { 'mathbf(a)': [1, 2], 'mathbf(b)': [3, -1] };
    const each = X.map((x) => evaluate(f, { values: { ...values, X: x } }).value as number);
    close(flat(evaluate(batched, { values: { ...values, X } }).value), each);
    close(flat(compile(batched).fn({ values: { ...values, X } }).value), each);
  });

  it('refuses a singular matrix and one that is not square, naming it', async () => {
    const f = parseWithShapes(FORMULAS[0]!, { syntax: 'latex' }).formulas[0]!;
    const values = { 'mathbf(a)': [1, 2], 'mathbf(b)': [3, -1] };
    const singular: Inputs = { values: { ...values, X: [[1, 2], [2, 4]] } };
    expect(() => evaluate(f, singular)).toThrow("'X' is singular (it has no inverse)");
    expect(() => compile(f).fn(singular)).toThrow("'X' is singular (it has no inverse)");
    const m = await load(emitModule(compile(f)), 'singular');
    expect(() => m.run(singular.values)).toThrow("'X' is singular (it has no inverse)");
    expect(() => evaluate(f, { values: { ...values, X: [[1, 2, 3], [4, 5, 6]] } })).toThrow("input 'X' must be a square matrix for its inverse, got shape 2×3");
    // The determinant of a singular matrix is 0, not an error.
    const det = parseWithShapes('\\det X', { syntax: 'latex' }).formulas[0]!;
    expect(evaluate(det, singular).value).toBe(0);
    expect(evaluate(det, { values: { X: [[0, 1], [1, 0]] } }).value).toBe(-1);
  });
});

const DRIVER = `
import importlib.util, json, sys
import numpy as np
cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    if 'module' in c:
        spec = importlib.util.spec_from_file_location('m', c['module'])
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        r = m.run(c['values'], c['sizes'])
        if hasattr(r, 'detach'):
            r = r.detach().cpu().numpy()
    else:
        env = {'np': np}
        for i, x in enumerate(c['inputs']):
            env['x%d' % i] = np.asarray(x, dtype=np.float64)
        exec(c['numpy'], env)
        r = env['result']
    out.append([float(x) for x in np.asarray(r, dtype=np.float64).reshape(-1)])
print(json.dumps(out))
`;

describe.skipIf(!hasPythonBackends())('inverses and determinants: the Python modules and the matrix form’s NumPy twin', () => {
  it('compute the interpreter’s values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-inv-py-'));
    const cases: object[] = [];
    const want: number[][] = [];
    CASES.forEach((c, k) => {
      const expected = flat(evaluate(c.e, c.inputs, { free: c.free }).value);
      for (const backend of ['numpy', 'torch'] as const) {
        const module = join(dir, `m${k}${backend}.py`);
        writeFileSync(module, emitPythonModule(c.e, { free: c.free, backend }));
        cases.push({ module, values: c.inputs.values, sizes: c.inputs.sizes });
        want.push(expected);
      }
      const form = c.free.length > 0 ? matrixForm(c.e, { free: c.free }) : null;
      if (form !== null && !/\bN_|\bn\d/.test(form.numpy)) {
        cases.push({ numpy: form.numpy, inputs: signature(c.e as Expr, c.free).inputs.map((s) => c.inputs.values[s.name]) });
        want.push(expected);
      }
    });
    expect(cases.length).toBeGreaterThan(2 * CASES.length);
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const r = spawnSync(PYTHON, ['-c', DRIVER, file], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 300_000 });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    (JSON.parse(r.stdout) as number[][]).forEach((got, k) => close(got, want[k]!));
  }, 300_000);
});
