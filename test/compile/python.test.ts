// The NumPy and PyTorch modules (`--emit numpy|torch`) against the JS compiler: for every entry
// of the derivative corpus, the unfolded formula and its simplified derivative are emitted for
// both backends, run by Debian's python3 on the same random inputs (two sizes, one of them 1
// everywhere), and must agree with the compiled JS values to 1e-10 relative. A formula with no
// whole-array form must be refused with NoVectorForm, and such refusals stay few.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Expr, Var } from '../../src/core/ast.js';
import { randomInputs } from '../../src/check.js';
import { compile, einsumForm, emitPythonModule, matrixForm, NoVectorForm, withBatch } from '../../src/compile/index.js';
import { pyString } from '../../src/compile/python.js';
import { freeIndices } from '../../src/core/indices.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { type Inputs, signature } from '../../src/values.js';
import { CORPUS } from '../corpus.js';
import { hasPythonBackends, PYTHON } from './python.js';

const DRIVER = `
import importlib.util, json, math, sys
cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    spec = importlib.util.spec_from_file_location('m', c['module'])
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    try:
        r = m.run(c['values'], c['sizes'])
        if hasattr(r, 'detach'):
            r = r.detach().cpu().numpy()
        flat = [float(r)] if isinstance(r, float) else [float(x) for x in r.reshape(-1)]
        out.append({'value': [None if math.isnan(x) else x for x in flat]})
    except Exception as e:
        out.append({'error': type(e).__name__ + ': ' + str(e)})
print(json.dumps(out))
`;

interface Case { name: string; module: string; values: unknown; sizes: unknown; expected: number[] }

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Every corpus entry with its variable, its formula and its simplified derivative, definitions unfolded. */
const DERIVED = CORPUS.map((entry, n) => {
  const resolved = resolveDefinitions(parseFormulas(entry.formulas), [parse(entry.wrt)], { sizes: entry.declared });
  const wrt = resolved.extra[0] as Var;
  const d = derive(resolved.target, wrt, { definitions: resolved.definitions, sizes: entry.declared });
  return { entry, n, wrt, formula: unfoldAll(resolved.target, resolved.definitions), result: unfoldAll(d.result, resolved.definitions) };
});

/** The compiled JS values of `e` at `inputs`, flat; null where it has none (an index out of range). */
function jsValues(e: Expr, inputs: Inputs, options: { free?: readonly string[]; symbols?: readonly string[] } = {}): number[] | null {
  try {
    const r = compile(e, options).fn(inputs);
    return typeof r.value === 'number' ? [r.value] : [...r.value];
  } catch {
    return null;
  }
}

describe.skipIf(!hasPythonBackends())('the NumPy and PyTorch modules agree with the JS compiler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kronecker-py-'));
  const cases: Case[] = [];
  const refused: string[] = [];
  DERIVED.forEach(({ entry, n, wrt, formula: f, result }) => {
    const fSig = signature(f);
    const free = [...new Set([...fSig.free, ...freeIndices(wrt)])].sort();
    const symbols = fSig.sizeSymbols.filter((s) => !free.includes(s));
    const parts: [string, Expr, readonly string[]][] = [['formula', f, fSig.free], ['derivative', result, free]];
    for (const [what, e, order] of parts) {
      for (const backend of ['numpy', 'torch'] as const) {
        let source: string;
        try {
          source = emitPythonModule(e, { free: order, symbols, backend });
        } catch (err) {
          if (!(err instanceof NoVectorForm)) throw err;
          if (backend === 'numpy') refused.push(`${entry.name} (${what}): ${err.message}`);
          continue;
        }
        const module = join(dir, `m${cases.length}.py`);
        writeFileSync(module, source);
        for (const trial of [0, 1]) {
          // Trial 1 has every size 1 (a one-element range is where broadcasting goes wrong).
          const sizes = trial === 0 ? entry.sizes : Object.fromEntries(Object.keys(entry.sizes ?? {}).map((k) => [k, 1]));
          const inputs = randomInputs([f, result, wrt], { sizes: trial === 0 ? sizes : { ...sizes, ...onesFor(e) }, positive: entry.positive, seed: 1000 * n + trial + 7 });
          const expected = jsValues(e, inputs, { free: order, symbols });
          if (expected === null) continue; // no value at these inputs: nothing to compare
          cases.push({ name: `${entry.name} (${what}, ${backend}, trial ${trial})`, module, values: inputs.values, sizes: inputs.sizes ?? {}, expected });
        }
      }
    }
  });

  it('every emitted module computes the JS values to 1e-10', () => {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const r = spawnSync(PYTHON, ['-c', DRIVER, file], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout) as ({ value: (number | null)[] } | { error: string })[];
    const wrong: string[] = [];
    results.forEach((res, i) => {
      const c = cases[i]!;
      if ('error' in res) return void wrong.push(`${c.name}: ${res.error}`);
      const got = res.value.map((x) => (x === null ? NaN : x));
      if (got.length !== c.expected.length || got.some((g, k) => !close(g, c.expected[k]!))) {
        wrong.push(`${c.name}: got ${got.slice(0, 6).join(', ')}, expected ${c.expected.slice(0, 6).join(', ')}`);
      }
    });
    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThan(4 * CORPUS.length);
  }, 600_000);

  it('few formulas have no whole-array form, each refused with a reason', () => {
    console.log(`no vectorised form: ${refused.length}\n${refused.join('\n')}`);
    expect(refused.length).toBeLessThanOrEqual(CORPUS.length / 10);
  });
});

/** Size 1 for every index letter of `e`. */
function onesFor(e: Expr): Record<string, number> {
  return Object.fromEntries([...freeIndices(e)].map((n) => [n, 1]));
}

describe('the emitted Python module', () => {
  const seed = () => {
    const resolved = resolveDefinitions(parseFormulas('o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2'), [parse('w_{jk}')]);
    const d = derive(resolved.target, resolved.extra[0] as Var, { definitions: resolved.definitions });
    return unfoldAll(d.result, resolved.definitions);
  };
  const body = (source: string) => source.slice(source.indexOf('def run('));

  it('has no Python loop over index values, and computes σ(Σ_j w_{jk} o_j) once (and σ(-Σ_j w_{jk} o_j), the stable 1 - σ)', () => {
    for (const backend of ['numpy', 'torch'] as const) {
      const run = body(emitPythonModule(seed(), { backend }));
      expect(run).not.toMatch(/\b(for|while)\b/);
      expect(run.match(/_sigmoid\(/g)).toHaveLength(2);
      expect(run.match(/_einsum\(/g)).toHaveLength(2);
    }
  });

  it('keeps names from the formula out of the code: string literals only, escaped', () => {
    const e = parse('\\sum_j \\hat{w}_{jk} \\alpha_j');
    const source = emitPythonModule(e, { backend: 'numpy' });
    expect(body(source)).toContain('_input(values, "hat(w)", 2)');
    expect(body(source)).toContain('_input(values, "alpha", 1)');
    // Outside string literals, no name of the formula appears.
    const code = body(source).replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(code).not.toMatch(/\bhat\b|\balpha\b/);
    expect(pyString('a"b\\c\u00e9\u{1d400}\n')).toBe('"a\\"b\\\\c\\u00e9\\U0001d400\\u000a"');
  });
});

describe.skipIf(!hasPythonBackends())('the 784-100-10 network gradient with a batch of 64', () => {
  it('NumPy and PyTorch agree with the JS kernel to 1e-10, for both layers', () => {
    const sizes = { i: 784, j: 100, k: 10 };
    const resolved = resolveDefinitions(
      parseFormulas('o_j = \\sigma(\\sum_i w_{ij} o_i); o_k = \\sigma(\\sum_j w_{jk} o_j); E = \\sum_k (t_k - o_k)^2'),
      [parse('w_{ij}'), parse('w_{jk}')], { sizes },
    );
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-net-'));
    const batch = { index: 'b', inputs: ['o_i', 't'] };
    const cases: Case[] = [];
    resolved.extra.forEach((wrt, r) => {
      const d = derive(resolved.target, wrt as Var, { definitions: resolved.definitions, sizes });
      const e = withBatch(unfoldAll(d.result, resolved.definitions), batch, true);
      const free = [...freeIndices(e)].sort();
      const inputs = randomInputs([e], { sizes: { ...sizes, b: 64 }, seed: 11 + r });
      const r0 = compile(e, { free }).fn(inputs);
      for (const backend of ['numpy', 'torch'] as const) {
        const module = join(dir, `net${r}${backend}.py`);
        writeFileSync(module, emitPythonModule(e, { free, backend }));
        cases.push({ name: `∂E/∂${wrt.kind === 'var' ? wrt.name : ''}${r} (${backend})`, module, values: inputs.values, sizes: {}, expected: [...(r0.value as Float64Array)] });
      }
    });
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const run = spawnSync(PYTHON, ['-c', DRIVER, file], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 600_000 });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as { value: number[] }[];
    results.forEach((res, n) => {
      const c = cases[n]!;
      expect(res.value.length, c.name).toBe(c.expected.length);
      const bad = res.value.findIndex((g, k) => !close(g, c.expected[k]!));
      expect(bad, `${c.name}: first mismatch at ${bad}`).toBe(-1);
    });
    expect(cases.map((c) => c.expected.length)).toEqual([784 * 100, 784 * 100, 100 * 10, 100 * 10]);
  }, 600_000);
});

/** Python keywords, and names of the prelude, that an input name cannot be in the test's script. */
const PY_RESERVED = new Set(['lambda', 'in', 'is', 'if', 'or', 'and', 'not', 'for', 'def', 'del', 'as', 'e', 'pi', 'c', 'out', 'cases', 'result', 'sum', 'exp', 'log', 'max', 'min', 'abs']);

/** NumPy with the names the einsum form uses beyond NumPy's own. */
const EINSUM_PRELUDE = `
import json, math, sys
from numpy import *
sigmoid = lambda x: 1 / (1 + exp(-x))
softplus = lambda x: maximum(x, 0) + log1p(exp(-abs(x)))
relu = lambda x: where(x > 0, x, 0.0)
erf = vectorize(math.erf, otypes=[float64])
cot, sec, csc, coth = (lambda x: 1 / tan(x)), (lambda x: 1 / cos(x)), (lambda x: 1 / sin(x)), (lambda x: 1 / tanh(x))
gelu = lambda x: 0.5 * x * (1 + erf(x * math.sqrt(0.5)))
leakyrelu = lambda x: where(x > 0, x, 0.01 * x)
elu = lambda x: where(x > 0, x, expm1(minimum(x, 0)))
def take_at(x, at):
    at = broadcast_arrays(*[asarray(i).astype(int64) for i in at])
    ok = logical_and.reduce([(i >= 0) & (i < x.shape[k]) for k, i in enumerate(at)])
    return where(ok, x[tuple(clip(i, 0, x.shape[k] - 1) for k, i in enumerate(at))], nan)
`;

describe.skipIf(!hasPythonBackends())('the einsum form (derive --form einsum)', () => {
  it('is NumPy that computes the derivative, for every corpus entry whose names are identifiers', () => {
    const script: string[] = [EINSUM_PRELUDE, 'cases = json.load(open(sys.argv[1]))', 'out = []'];
    const expected: number[][] = [];
    const cases: { values: unknown; sizes: unknown }[] = [];
    DERIVED.forEach(({ entry, n, result }) => {
      const sig = signature(result);
      if (!sig.inputs.every((s) => /^[A-Za-z]\w*$/.test(s.name) && !PY_RESERVED.has(s.name)) || sig.sizeSymbols.length > 0) return;
      const inputs = randomInputs([result], { sizes: entry.sizes, positive: entry.positive, seed: 77 + n });
      const value = jsValues(result, inputs);
      if (value === null) return;
      const k = cases.length;
      cases.push({ values: inputs.values, sizes: inputs.sizes ?? {} });
      expected.push(value);
      const form = einsumForm(result, { name: 'result' });
      script.push(
        `c = cases[${k}]`,
        ...sig.inputs.map((s) => `${s.name} = asarray(c['values'][${JSON.stringify(s.name)}], dtype=float64)`),
        ...sizeLines(form, sig, (s) => s.name),
        ...form.split('\n'),
        'out.append([float(x) for x in asarray(result, dtype=float64).reshape(-1)])',
      );
    });
    script.push('print(json.dumps(out))');
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-einsum-'));
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    const r = spawnSync(PYTHON, ['-c', script.join('\n'), join(dir, 'cases.json')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const line = /line (\d+)/.exec(r.stderr)?.[1];
    const lines = script.join('\n').split('\n');
    expect(r.status, `${r.stderr.slice(-1500)}${line === undefined ? '' : `\n${lines.slice(Math.max(0, Number(line) - 8), Number(line)).join('\n')}`}`).toBe(0);
    const got = JSON.parse(r.stdout) as number[][];
    expect(got.length).toBeGreaterThan(CORPUS.length / 2);
    console.log(`einsum form: ${got.length} corpus derivatives run as NumPy`);
    got.forEach((g, k) => {
      expect(g.length).toBe(expected[k]!.length);
      g.forEach((x, i) => expect(close(x, expected[k]![i]!), `case ${k}: ${x} vs ${expected[k]![i]}`).toBe(true));
    });
  }, 300_000);
});

/** `N_j = …` for each size `N_j` that `code` reads: from an array that carries the index (named by `name`), else the sizes given. */
function sizeLines(code: string, sig: ReturnType<typeof signature>, name: (s: ReturnType<typeof signature>['inputs'][number], i: number) => string): string[] {
  const letters = [...new Set([...code.matchAll(/\bN_(\w+)/g)].map((m) => m[1]!))];
  return letters.map((l) => {
    const at = sig.inputs.flatMap((spec, i) => spec.slots.map((names, slot) => ({ spec, i, slot, names }))).find((x) => x.names.some((m) => m.replace(/'+$/, '') === l));
    return at === undefined ? `N_${l} = c['sizes'][${JSON.stringify(l)}]` : `N_${l} = ${name(at.spec, at.i)}.shape[${at.slot}]`;
  });
}

describe.skipIf(!hasPythonBackends())('the matrix form (derive --form matrix)', () => {
  it('computes the derivative (its NumPy twin, evaluated), for every corpus entry that has one', () => {
    const script: string[] = [EINSUM_PRELUDE, 'import numpy as np', 'cases = json.load(open(sys.argv[1]))', 'out = []'];
    const expected: number[][] = [];
    const cases: unknown[] = [];
    const forms: string[] = [];
    let none = 0;
    DERIVED.forEach(({ entry, n, result }) => {
      const sig = signature(result);
      if (sig.sizeSymbols.length > 0) return;
      const form = matrixForm(result);
      if (form === null) return void none++;
      const inputs = randomInputs([result], { sizes: entry.sizes, positive: entry.positive, seed: 91 + n });
      const value = jsValues(result, inputs);
      if (value === null) return;
      const k = cases.length;
      cases.push({ values: sig.inputs.map((s) => inputs.values[s.name]), sizes: inputs.sizes ?? {} });
      expected.push(value);
      forms.push(`${entry.name}: ${form.latex}`);
      script.push(`c = cases[${k}]`, ...sig.inputs.map((_s, i) => `x${i} = asarray(c['values'][${i}], dtype=float64)`),
        ...sizeLines(form.numpy, sig, (_s, i) => `x${i}`), ...form.numpy.split('\n'),
        'out.append([None if x != x else float(x) for x in asarray(result, dtype=float64).reshape(-1)])');
    });
    script.push('print(json.dumps(out))');
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-matrix-'));
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    const r = spawnSync(PYTHON, ['-c', script.join('\n'), join(dir, 'cases.json')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status, r.stderr.slice(-1500)).toBe(0);
    const got = (JSON.parse(r.stdout) as (number | null)[][]).map((g) => g.map((x) => x ?? NaN));
    got.forEach((g, k) => {
      expect(g.length, forms[k]).toBe(expected[k]!.length);
      g.forEach((x, i) => expect(close(x, expected[k]![i]!), `${forms[k]}: ${x} vs ${expected[k]![i]}`).toBe(true));
    });
    console.log(`matrix form: ${got.length} corpus derivatives checked, ${none} have none`);
    expect(got.length).toBeGreaterThan(CORPUS.length / 3);
  }, 300_000);
});
