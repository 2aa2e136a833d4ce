import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  add, call, children, delta, diff, div, type Expr, extent, type Index, indexValue, inum, iverson, ivar, mul, neg, num, pow, rel,
  type RelOp, sum, type Var, variable,
} from '../../src/core/ast.js';
import { randomInputs } from '../../src/check.js';
import { compile, compileAll, emitModule } from '../../src/compile/index.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { literal } from '../../src/compile/kernel.js';
import { evaluate, EvaluationError } from '../../src/evaluate.js';
import { agree } from './agree.js';
import { FUNCTIONS } from '../../src/functions.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import type { Inputs, InputValue, NestedArray } from '../../src/values.js';

const j = ivar('j');
const k = ivar('k');
const w = variable('w', [j, k]);
const oj = variable('o', [j]);
const z = sum('j', mul([w, oj]));
const s = call('sigmoid', [z]);
/** The seed's output-layer gradient, with the output o_k as its own input y. */
const gradient = mul([num(-2), add([variable('t', [k]), neg(variable('y', [k]))]), s, add([num(1), neg(s)]), oj]);

describe('compile: agreement with the interpreter on hand-made formulas', () => {
  const inputs = randomInputs([gradient, variable('x'), variable('b', [inum(1), inum(1)])], { seed: 4, sizes: { j: 4, k: 3 } });
  const i = ivar('i');
  const cases: [string, Expr][] = [
    ['the seed gradient', gradient],
    ['a matrix–vector sum', z],
    ['a full contraction', sum('k', sum('j', mul([w, oj, variable('t', [k])])))],
    ['a scalar', add([variable('x'), num(2)])],
    ['a δ inside a sum', sum("j'", mul([delta(ivar("j'"), j), variable('o', [ivar("j'")])]))],
    ['an Iverson bracket with index values', sum('j', mul([iverson(rel(['<', '<='], [num(1), indexValue(j), num(3)])), oj]))],
    ['an extent', mul([extent('j'), variable('t', [k])])],
    ['literal indices', add([variable('w', [inum(2), k]), variable('o', [inum(4)])])],
    ['a bounded sum with an offset', sum('j', variable('o', [ivar('j', 1)]), inum(1), inum(3))],
    ['a size symbol', sum('j', oj, inum(2), ivar('n'))],
    ['shadowing: Σ_j inside a free j', mul([oj, sum('j', mul([oj, oj]))])],
    ['powers, quotients, functions', div(pow(call('tanh', [z]), num(3)), add([num(2), call('softplus', [variable('x')])]))],
    ['a relation', rel(['>'], [z, num(0)])],
    ['a nested sum depending on an outer binder', sum('j', sum('k', mul([w, oj]), inum(1), ivar('j', -1)))],
    ['σ twice at different places', add([mul([s, oj]), call('sigmoid', [z])])],
  ];
  for (const [what, e] of cases) {
    it(what, () => expect(agree(e, { sizes: inputs.sizes, values: { ...inputs.values, n: 3 } })).toBeGreaterThan(0));
  }
  it('broadcasts over extra output indices and follows the requested order', () => {
    const c = compile(variable('t', [k]), { free: ['k', 'i'] });
    const r = c.fn({ values: { t: [1, 2] }, sizes: { i: 3 } });
    expect(r.shape).toEqual([2, 3]);
    expect([...(r.value as Float64Array)]).toEqual([1, 1, 1, 2, 2, 2]);
    void i;
  });
});

describe('compile: schedule', () => {
  it('computes σ(Σ_j w_{jk} o_j) once per k, then one product per (j, k)', () => {
    const c = compile(gradient);
    const src = c.source;
    // σ(u) and σ(-u) (1 - σ(u) in its stable form, src/stable.ts), each called once in a single
    // loop over k (before the (j, k) nest)
    expect(src.match(/f0\(/g)).toHaveLength(2);
    expect(src).toMatch(/new Float64Array\(n1\)/);
    const main = src.slice(src.lastIndexOf('for (let i0 = 0; i0 < n0'));
    expect(main).not.toMatch(/f0\(|s\d+ \+=/);
    expect(main.match(/ \* /g)).toHaveLength(1);
  });

  it('schedules the parsed seed formula the same way', () => {
    const e = parse(String.raw`-2(t_k - y_k) \cdot \text{sigmoid}\left(\sum_j w_{jk} \cdot o_j\right) \cdot (1 - \text{sigmoid}\left(\sum_j w_{jk} \cdot o_j\right)) \cdot o_j`);
    const c = compile(e);
    expect(c.source.match(/f0\(/g)).toHaveLength(2);
    const main = c.source.slice(c.source.lastIndexOf('for (let i0 = 0; i0 < n0'));
    expect(main).not.toMatch(/f0\(|s\d+ \+=/);
    const inputs = randomInputs([e], { seed: 2 });
    expect(agree(e, inputs)).toBeGreaterThan(0);
    expect(agree(gradient, inputs)).toBeGreaterThan(0);
    expect([...(c.fn(inputs).value as Float64Array)]).toEqual([...(compile(gradient).fn(inputs).value as Float64Array)]);
  });

  it('hoists loop invariants and shares common subexpressions', () => {
    const e = mul([call('exp', [variable('x')]), add([oj, call('exp', [variable('x')])])]);
    const c = compile(e);
    expect(c.source.match(/f0\(/g)).toHaveLength(1);
    // exp(x) is computed before the loop over j
    expect(c.source.indexOf('f0(')).toBeLessThan(c.source.indexOf('for ('));
  });

  it('costs O(J·K), not O(J²·K): doubling J doubles the time, roughly', () => {
    const make = (J: number) => randomInputs([gradient], { seed: 1, sizes: { j: J, k: 10 } });
    const c = compile(gradient);
    const time = (inputs: Inputs) => {
      const out = new Float64Array((inputs.sizes!.j ?? 0) * 10);
      for (let r = 0; r < 3; r++) c.into(inputs, out);
      const t0 = performance.now();
      for (let r = 0; r < 20; r++) c.into(inputs, out);
      return performance.now() - t0;
    };
    const small = make(400);
    const big = make(1600);
    time(small);
    // Quadratic would be 16×; linear 4× (plus binding the nested arrays, also linear).
    expect(time(big) / time(small)).toBeLessThan(10);
  });
});

describe('compile: guards are strong zeros, as in the interpreter', () => {
  const xk = (offset: number) => variable('x', [ivar('k', offset)]);
  const atLeast = (lo: number, at: Index = k) => iverson(rel(['<='], [num(lo), indexValue(at)]));
  const X = { values: { x: [1, 10, 100] }, sizes: { k: 3 } };
  const value = (e: Expr, inputs: Inputs, options = {}) => [...(compile(e, options).fn(inputs).value as Float64Array)];

  it('reads nothing where a bracket or δ is 0: [2 ≤ k] x_{k-1} is 0 at k = 1', () => {
    expect(value(mul([atLeast(2), xk(-1)]), X)).toEqual([0, 1, 10]);
    // The guard last, the read inside a sum of the product, a constant factor.
    expect(value(mul([num(2), add([xk(0), neg(xk(-1))]), atLeast(2)]), X)).toEqual([0, 18, 180]);
    expect(value(mul([delta(k, inum(3)), xk(-1)]), X)).toEqual([0, 0, 10]);
    // The guard depends on an outer index, the read on an inner one: the read stays under it.
    const outer = sum('j', mul([atLeast(2, j), variable('x', [ivar('j', -1)]), variable('o', [k])]));
    expect(agree(outer, { values: { x: [1, 10, 100], o: [1, 2] }, sizes: { j: 3 } })).toBe(2);
    expect(value(outer, { values: { x: [1, 10, 100], o: [1, 2] }, sizes: { j: 3 } })).toEqual([11, 22]);
  });

  it('is an error where the guard is 1 and the read is out of range, on both sides', () => {
    const e = mul([atLeast(1), xk(-1)]);
    expect(() => compile(e).fn(X)).toThrow(/index k-1 = 0 of 'x' \(slot 1\) is out of range/);
    expect(agree(e, X)).toBe(0);
  });

  it('makes 0 of NaN and infinities under a false bracket, as the interpreter does', () => {
    const y = variable('y', [k]);
    const e = mul([iverson(rel(['>'], [y, num(0)])), call('log', [y]), div(num(1), y)]);
    const inputs = { values: { y: [-1, 0, 2] } };
    expect(value(e, inputs)).toEqual([0, 0, Math.log(2) / 2]);
    expect(agree(e, inputs)).toBe(3);
  });

  it('adds nothing to products without guards: the seed gradient has no conditional', () => {
    expect(compile(gradient).source).not.toMatch(/!== 0\)|let g\d/);
    expect(compile(mul([atLeast(2), xk(-1)])).source).toMatch(/if \(.* !== 0\) \{/);
  });
});

describe('compile: size symbols outside sum bounds', () => {
  const n = ivar('n');
  // Σ_{j=1}^{n} δ_{jk} x_j after the collapse: [1 ≤ k ≤ n] x_k.
  const collapsed = mul([iverson(rel(['<=', '<='], [num(1), indexValue(k), indexValue(n)])), variable('x', [k])]);

  it('reads a bare n that addresses no array as a constant, from values or sizes', () => {
    const c = compile(collapsed);
    expect(c.signature.sizeSymbols).toEqual(['n']);
    expect([...(c.fn({ values: { x: [1, 2, 4, 8], n: 2 } }).value as Float64Array)]).toEqual([1, 2, 0, 0]);
    expect([...(c.fn({ values: { x: [1, 2, 4, 8] }, sizes: { n: 3 } }).value as Float64Array)]).toEqual([1, 2, 4, 0]);
    expect(agree(collapsed, { values: { x: [1, 2, 4, 8], n: 3 } })).toBe(4);
    expect(agree(collapsed, { values: { x: [1, 2] }, sizes: { n: 2 } }, ['k', 'n'])).toBe(4);
  });

  it('takes symbols, as the interpreter does: a constant subscript is range-checked', () => {
    const e = add([variable('x', [n]), variable('x', [k])]);
    expect(compile(e, { symbols: ['n'] }).signature.free).toEqual(['k']);
    expect(agree(e, { values: { x: [1, 2, 4], n: 2 } }, undefined, ['n'])).toBe(3);
    expect(() => compile(e, { symbols: ['n'] }).fn({ values: { x: [1, 2, 4], n: 4 } })).toThrow(/index n = 4 of 'x'/);
    expect(agree(e, { values: { x: [1, 2, 4], n: 4 } }, undefined, ['n'])).toBe(0);
    // Under a guard that is 0 everywhere (δ_{kn} with n past k's range) the read x_n does not happen.
    const guarded = mul([delta(k, n), variable('x', [n])]);
    expect(agree(guarded, { values: { x: [1, 2, 4], n: 4 }, sizes: { k: 3 } }, undefined, ['n'])).toBe(3);
  });

  it('gives a letter that is a constant in one place and a sum binder in another both a value and a range', () => {
    const e = add([sum('k', variable('x', [k])), indexValue(k)]);
    expect(compile(e).signature.ranged).toEqual(['k']);
    expect(agree(e, { values: { x: [1, 2, 4] }, sizes: { k: 3 } })).toBe(1);
    expect(compile(e).fn({ values: { x: [1, 2, 4] }, sizes: { k: 3 } }).value).toBe(10);
  });
});

describe('compileAll: a forward pass and its gradients in one kernel', () => {
  const rashid = String.raw`o_j = \sigma(\sum_i w_{ij} o_i); o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;
  const declared = { i: 784, j: 100, k: 10 };
  const r = resolveDefinitions(parseFormulas(rashid), [parse('w_{jk}'), parse('w_{ij}')], { sizes: declared });
  const grad = (wrt: Expr) => unfoldAll(derive(r.target, wrt as Var, { definitions: r.definitions, sizes: declared }).result, r.definitions);
  const formulas = [unfoldAll(r.target, r.definitions), grad(r.extra[0]!), grad(r.extra[1]!)];

  it('agrees with each formula compiled and interpreted alone', () => {
    const all = compileAll(formulas);
    expect(all.outputs).toEqual([[], ['j', 'k'], ['i', 'j']]);
    const inputs = randomInputs(formulas, { seed: 5, sizes: { i: 4, j: 3, k: 2 } });
    const results = all.fn(inputs);
    formulas.forEach((f, n) => {
      expect(agree(f, inputs)).toBeGreaterThan(0);
      const alone = compile(f).fn(inputs).value;
      const together = results[n]!.value;
      expect(typeof together === 'number' ? [together] : [...together]).toEqual(typeof alone === 'number' ? [alone] : [...alone]);
    });
  });

  it('computes each activation once: two sigmoids, and the (i, j) loop is one product', () => {
    const src = compileAll(formulas).source;
    // σ of the hidden sums and σ of the output sums, each in one loop, and σ of their negatives
    // (1 - σ in its stable form); nothing else calls σ.
    expect(src.match(/f0\(/g)).toHaveLength(4);
    const last = src.slice(src.lastIndexOf('let p2 = 0;'));
    expect(last).not.toMatch(/f0\(|s\d+ \+=/);
    expect(last.match(/ \* /g)).toHaveLength(1);
  });

  it('the hidden gradient alone is O(I·J + J·K): Σ_k runs once per j, σ(z_j) once', () => {
    const src = compile(formulas[2]!).source;
    expect(src.match(/f0\(/g)).toHaveLength(4);
    // No loop nest three deep: every loop sits inside at most one other.
    const depth = Math.max(...src.split('\n').filter((l) => /^\s*for \(/.test(l)).map((l) => l.search(/\S/) / 2));
    expect(depth).toBeLessThanOrEqual(2); // the kernel body is already one level in
  });

  it('checks the number and lengths of the output arrays', () => {
    const all = compileAll(formulas);
    const inputs = randomInputs(formulas, { seed: 5, sizes: { i: 4, j: 3, k: 2 } });
    expect(() => all.into(inputs, [new Float64Array(1)])).toThrow(/3 output array/);
    expect(() => all.into(inputs, [new Float64Array(1), new Float64Array(6), new Float64Array(11)])).toThrow(/length 12 \(shape 4×3\)/);
  });
});

describe('compile: bound inputs and the binding cache', () => {
  const J = 4;
  const K = 3;
  const make = () => randomInputs([gradient], { seed: 9, sizes: { j: J, k: K } });
  const flat = (v: InputValue): Float64Array => {
    if (typeof v === 'number') return Float64Array.of(v);
    if (v instanceof Float64Array) return v;
    const out: number[] = [];
    const walk = (x: number | NestedArray): void => { if (typeof x === 'number') out.push(x); else x.forEach(walk); };
    walk(v);
    return Float64Array.from(out);
  };

  it('bind() runs the kernel on the arrays it was given, read live', () => {
    const r = make();
    const values = { w: flat(r.values.w!), o: flat(r.values.o!), t: flat(r.values.t!), y: flat(r.values.y!) };
    const inputs = { values, sizes: r.sizes };
    const c = compile(gradient);
    const run = c.bind(inputs);
    expect([...run()]).toEqual([...(c.fn(inputs).value as Float64Array)]);
    values.o[0] = 7;
    expect([...run()]).toEqual([...(c.fn(inputs).value as Float64Array)]);
    expect(run()[0]).toBe((c.fn({ values: { ...values }, sizes: r.sizes }).value as Float64Array)[0]);
  });

  it('into() re-checks inputs that changed since the last call', () => {
    const r = make();
    const values: Record<string, unknown> = { w: flat(r.values.w!), o: flat(r.values.o!), t: flat(r.values.t!), y: flat(r.values.y!) };
    const inputs = { values: values as Record<string, Float64Array>, sizes: { j: J, k: K } as Record<string, number> };
    const c = compile(gradient);
    const out = new Float64Array(J * K);
    c.into(inputs, out);
    const first = [...out];
    values.w = new Float64Array(5);
    expect(() => c.into(inputs, out)).toThrow(/'w' has 5 entries/);
    values.w = flat(r.values.w!).map((x) => 2 * x);
    c.into(inputs, out);
    expect([...out]).not.toEqual(first);
    inputs.sizes.k = 2;
    expect(() => c.into(inputs, out)).toThrow(EvaluationError);
  });
});

describe('compile: inputs and errors', () => {
  const inputs = { values: { w: [[1, 2], [3, 4], [5, 6]], o: [0.5, -1, 2], t: [1, 0], y: [0.3, 0.6] } };
  it('accepts nested arrays, flat Float64Arrays and numbers', () => {
    const c = compile(gradient);
    const a = c.fn(inputs).value as Float64Array;
    const flat = { values: { ...inputs.values, w: new Float64Array([1, 2, 3, 4, 5, 6]), o: new Float64Array([0.5, -1, 2]) } };
    expect([...(c.fn(flat).value as Float64Array)]).toEqual([...a]);
    expect(c.free).toEqual(['j', 'k']);
    expect(c.inputs).toEqual([
      { name: 't', indices: 1, slots: ['k'] },
      { name: 'y', indices: 1, slots: ['k'] },
      { name: 'w', indices: 2, slots: ['j', 'k'] },
      { name: 'o', indices: 1, slots: ['j'] },
    ]);
  });

  it('writes into a given array and checks its length', () => {
    const c = compile(gradient);
    const out = new Float64Array(6);
    expect(c.into(inputs, out)).toBe(out);
    expect([...out]).toEqual([...(c.fn(inputs).value as Float64Array)]);
    expect(() => c.into(inputs, new Float64Array(5))).toThrow(/length 6 \(shape 3×2\)/);
  });

  it('uses default sizes given at compile time', () => {
    const c = compile(delta(ivar('a'), ivar('b')), { sizes: { a: 2, b: 2 } });
    expect([...(c.fn({ values: {} }).value as Float64Array)]).toEqual([1, 0, 0, 1]);
  });

  const fails = (f: () => unknown, message: RegExp) => {
    expect(f).toThrow(EvaluationError);
    expect(f).toThrow(message);
  };
  it('names a missing input and its shape', () => {
    fails(() => compile(gradient).fn({ values: { ...inputs.values, w: undefined as never } }), /input 'w' must be a 2-d array indexed \[j\]\[k\]/);
    const { o: _o, ...noO } = inputs.values;
    fails(() => compile(gradient).fn({ values: noO }), /missing value for input 'o'/);
  });
  it('names a wrong shape or a non-numeric entry', () => {
    fails(() => compile(gradient).fn({ values: { ...inputs.values, o: [1, 2] } }), /size conflict for index 'j'/);
    fails(() => compile(gradient).fn({ values: { ...inputs.values, o: [1, null, 2] as never } }), /o\[1\] is null, not a number/);
    fails(() => compile(gradient).fn({ values: { ...inputs.values, w: new Float64Array(5) } }), /'w' has 5 entries/);
  });
  it('names an index out of range', () => {
    const e = sum('j', variable('o', [ivar('j', 1)]));
    fails(() => compile(e).fn({ values: { o: [1, 2, 3] }, sizes: { j: 3 } }), /index j\+1 = 4 of 'o' \(slot 1\) is out of range/);
    fails(() => compile(variable('o', [inum(7)])).fn({ values: { o: [1, 2, 3] } }), /index 7 of 'o'/);
  });
  it('refuses unevaluated derivatives at compile time', () => {
    expect(() => compile(diff(z, w))).toThrow(/differentiate first/);
  });
});

describe('compile: safety', () => {
  const evil = [
    'constructor', '__proto__', 'process', 'eval', 'Function', 'fns', 'oob', 'out', 'x0', 'n0', 'Math', 'p',
    '"); process.exit(1); ("', "'; throw 1; '", ')})(', '`${process.exit(1)}`', '*/ throw 1 /*', 'a\nb',
    '\\u0061', 'toString', 'hasOwnProperty',
  ];
  it('runs formulas over hostile names without executing them', () => {
    const names = evil;
    // Σ_{idx} name_{idx} · other, with hostile variable and index names.
    for (const [n, name] of names.entries()) {
      const idx = names[(n + 1) % names.length]!;
      const e = mul([sum(idx, variable(name, [ivar(idx)])), variable(names[(n + 2) % names.length]!)]);
      const values = Object.create(null) as Record<string, unknown>;
      values[name] = [1, 2, 3];
      values[names[(n + 2) % names.length]!] = 2;
      const c = compile(e);
      for (const bad of ['process', 'exit', 'throw 1', 'constructor', '__proto__', 'eval(']) expect(c.source).not.toContain(bad);
      expect(c.fn({ values: values as never }).value).toBe(12);
      expect(evaluate(e, { values: values as never }).value).toBe(12);
    }
  });

  it('emits numbers only through a checked numeric form', () => {
    expect(literal(-2)).toBe('(-2)');
    expect(literal(1e-300)).toBe('1e-300');
    expect(literal(-0)).toBe('(-0)');
    expect(literal(Infinity)).toBe('Infinity');
    expect(literal(NaN)).toBe('NaN');
    expect(() => literal('1; evil()' as never)).toThrow(TypeError);
    const c = compile(add([num(-1.5e-7), num(Infinity), variable('x')]));
    expect(c.fn({ values: { x: 1 } }).value).toBe(Infinity);
  });

  it('keeps hostile names out of the emitted module, except as JSON data', async () => {
    const name = '*/ globalThis.pwned = 1; /*';
    const e = sum('j', variable(name, [j]));
    const src = emitModule(compile(e));
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-'));
    const file = join(dir, 'm.mjs');
    writeFileSync(file, src);
    const m = (await import(pathToFileURL(file).href)) as { run: (v: object, s: object) => number; signature: { inputs: { name: string }[] } };
    expect(m.signature.inputs[0]!.name).toBe(name);
    expect(m.run({ [name]: new Float64Array([1, 2, 3]) }, { j: 3 })).toBe(6);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('emitModule', () => {
  it('exports a kernel and a runner that agree with the closure', async () => {
    const c = compile(gradient);
    const src = emitModule(c);
    expect(src).toContain('export const kernel');
    expect(src).toContain('export function run');
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-'));
    const file = join(dir, 'gradient.mjs');
    writeFileSync(file, src);
    const m = (await import(pathToFileURL(file).href)) as { run: (v: object, s: object) => Float64Array };
    const values = { w: new Float64Array([1, 2, 3, 4, 5, 6]), o: new Float64Array([0.5, -1, 2]), t: new Float64Array([1, 0]), y: new Float64Array([0.3, 0.6]) };
    const viaModule = m.run(values, { j: 3, k: 2 });
    expect([...viaModule]).toEqual([...(c.fn({ values }).value as Float64Array)]);
  });

  it('infers sizes from 1-d arrays and handles slots read only through offsets', async () => {
    const e = mul([sum('j', variable('o', [ivar('j', 1)]), inum(1), ivar('n')), variable('t', [k])]);
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-'));
    const file = join(dir, 'offsets.mjs');
    writeFileSync(file, emitModule(compile(e)));
    const m = (await import(pathToFileURL(file).href)) as { run: (v: object, s?: object) => Float64Array };
    const r = m.run({ o: new Float64Array([1, 2, 4]), t: new Float64Array([1, 10]), n: 2 });
    expect([...r]).toEqual([6, 60]);
  });

  // The module carries each evaluator's own source, so an evaluator must not call
  // anything outside itself (a table entry `x => x * sigmoid(x)` would break only here).
  it('carries every function of the table as self-contained source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-'));
    for (const spec of FUNCTIONS) {
      const file = join(dir, `${spec.name}.mjs`);
      writeFileSync(file, emitModule(compile(call(spec.name, [variable('x')]))));
      const m = (await import(pathToFileURL(file).href)) as { run: (v: object) => number };
      for (const x of [-2.5, -0.5, 0.25, 3]) {
        const want = spec.eval(x);
        if (Number.isFinite(want)) expect(m.run({ x }), `${spec.name}(${x})`).toBeCloseTo(want, 12);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Random formulas. Our own generator (test/arbitrary.ts aims at the parser):
// every array has one rank, every letter one size, so most formulas evaluate.

const LETTERS = ['i', 'j', 'k'];
const FNS = FUNCTIONS.filter((f) => f.partials === undefined).map((f) => f.name); // one argument each
const OPS: RelOp[] = ['=', '!=', '<', '<=', '>', '>='];

function arbFormula(depth: number, scope: readonly string[]): fc.Arbitrary<Expr> {
  const letter = fc.constantFrom(...new Set([...LETTERS, ...scope]));
  const index: fc.Arbitrary<Index> = fc.oneof(
    { weight: 6, arbitrary: letter.map((n) => ivar(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map(inum) },
    { weight: 1, arbitrary: fc.tuple(letter, fc.constantFrom(1, -1)).map(([n, o]) => ivar(n, o)) },
  );
  const leaf = fc.oneof(
    fc.constantFrom(0, 1, 2, 0.5, 3).map(num),
    fc.constantFrom('x', 'y').map((n) => variable(n)),
    index.map((i) => variable('a', [i])),
    fc.tuple(index, index).map(([p, q]) => variable('b', [p, q])),
    fc.tuple(index, index).map(([p, q]) => delta(p, q)),
    letter.map((n) => indexValue(ivar(n))),
    letter.map(extent),
  );
  if (depth === 0) return leaf;
  const child = arbFormula(depth - 1, scope);
  const bounds = fc.constantFrom<[Index | null, Index | null]>(
    [null, null], [null, null], [inum(1), ivar('n')], [inum(2), inum(3)], [inum(1), ivar('n', -1)],
  );
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(child, { minLength: 2, maxLength: 3 }).map(add) },
    { weight: 3, arbitrary: fc.array(child, { minLength: 2, maxLength: 4 }).map(mul) },
    { weight: 1, arbitrary: child.map(neg) },
    { weight: 1, arbitrary: fc.tuple(child, child).map(([p, q]) => div(p, q)) },
    { weight: 1, arbitrary: fc.tuple(child, fc.constantFrom(2, 3).map(num)).map(([p, q]) => pow(p, q)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FNS), child).map(([f, a]) => call(f, [a])) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...LETTERS), bounds).chain(([b, [lo, hi]]) =>
        arbFormula(depth - 1, [...new Set([...scope, b])]).map((body) => sum(b, body, lo, hi))),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...OPS), child, child).map(([op, p, q]) => iverson(rel([op], [p, q]))),
    },
  );
}

describe('compile: property', () => {
  it('compiled == interpreted on random formulas (1e-12 relative), errors alike', () => {
    const values = {
      x: 0.7, y: -1.3, n: 2,
      a: [0.5, -1.25, 1.5],
      b: [[0.3, -0.8, 1.1], [1.4, 0.2, -0.6], [-1.2, 0.9, 0.4]],
    };
    let compared = 0;
    let nonTrivial = 0;
    let withIverson = 0;
    let withBoundedSum = 0;
    const contains = (x: Expr, p: (y: Expr) => boolean): boolean => p(x) || children(x).some((c) => contains(c, p));
    fc.assert(
      fc.property(arbFormula(3, []), fc.integer({ min: 0, max: 3 }), (e, n) => {
        if (agree(e, { values: { ...values, n }, sizes: { i: 3, j: 3, k: 3 } }) > 0) {
          compared++;
          if (contains(e, (x) => x.kind === 'iverson')) withIverson++;
          if (contains(e, (x) => x.kind === 'reduce' && x.upper !== null)) withBoundedSum++;
          if (/for \(/.test(compile(e).source)) nonTrivial++;
        }
      }),
      { numRuns: 400, seed: 20261127 },
    );
    // Most formulas evaluate (the rest hit an index out of range in both), and most of those loop.
    expect(compared).toBeGreaterThan(200);
    expect(nonTrivial).toBeGreaterThan(100);
    // Iverson brackets and sums between bounds are among the formulas compared value by value.
    expect(withIverson).toBeGreaterThan(30);
    expect(withBoundedSum).toBeGreaterThan(50);
  });
});
