import { describe, expect, it } from 'vitest';
import { add, call, delta, inum, ivar, mul, neg, num, pow, sum, variable } from '../src/core/ast.js';
import { checkDerivative, inputsUnderRoots, prng, randomInputs } from '../src/check.js';
import { parse } from '../src/parse/index.js';
import { evaluate } from '../src/evaluate.js';
import { freeIndices, resolveIndexValues } from '../src/core/indices.js';

const j = ivar('j');
const k = ivar('k');
const w = variable('w', [j, k]);
const oj = variable('o', [j]);
const z = sum('j', mul([w, oj])); // Σ_j w_{jk} o_j, free k

describe('randomInputs', () => {
  it('draws for an input read with more indices than first seen, and leaves the refusal to the evaluation (npm run fuzz found a TypeError)', () => {
    const f = parse('z_1 + \\sum_{i=2}^{5} \\sigma(z_{i,i-1})', { syntax: 'latex' });
    expect(Object.keys(randomInputs([f]).values)).toEqual(['z']);
  });

  it('is deterministic and gives agreeing sizes to names that share a slot or a letter', () => {
    const jp = ivar("j'");
    const e = add([sum("j'", mul([variable('w', [jp, k]), variable('o', [jp])])), variable('w', [j, k])]);
    const a = randomInputs([e], { seed: 5 });
    expect(randomInputs([e], { seed: 5 })).toEqual(a);
    expect(a.sizes["j'"]).toBe(a.sizes.j);
    expect(() => evaluate(e, a)).not.toThrow();
    const fixed = randomInputs([e], { sizes: { j: 4 }, positive: ['o'] });
    expect((fixed.values.o as number[]).length).toBe(4);
    expect((fixed.values.o as number[]).every((x) => x > 0)).toBe(true);
  });

  it('makes room for offsets and ties a binder to its symbolic bound', () => {
    const e = sum('i', variable('x', [ivar('i', 1)]), inum(1), ivar('n'));
    const a = randomInputs([e], { seed: 3 });
    expect((a.values.x as number[]).length).toBe(a.sizes.n! + 1);
    expect(() => evaluate(e, a)).not.toThrow();
  });

  it('draws from [-1.5, 1.5]', () => {
    const r = prng(9);
    const xs = Array.from({ length: 1000 }, () => r());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const v = randomInputs([variable('x', [j])], { sizes: { j: 50 } }).values.x as number[];
    expect(v.every((x) => x >= -1.5 && x <= 1.5)).toBe(true);
  });
});

describe('checkDerivative', () => {
  it('accepts ∂(Σ_j w_{jk} o_j)/∂w_{jk} = o_j', () => {
    const r = checkDerivative({ f: z, wrt: w, derivative: oj });
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(3 * 4); // three trials, at least 2×2 points each
    expect(r.maxError).toBeLessThan(1e-8);
  });

  it('catches the SymPy answer Σ_j o_j', () => {
    const r = checkDerivative({ f: z, wrt: w, derivative: sum("j'", variable('o', [ivar("j'")])) });
    expect(r.ok).toBe(false);
    expect(r.failures.length).toBeGreaterThan(0);
    const f0 = r.failures[0]!;
    expect(Object.keys(f0.assignment).sort()).toEqual(['j', 'k']);
    expect(f0.expected).not.toBeCloseTo(f0.got, 3);
  });

  it('accepts ∂E/∂y_k = -2(t_k - y_k) for E = Σ_k (t_k - y_k)²', () => {
    const diffK = add([variable('t', [k]), neg(variable('y', [k]))]);
    const E = sum('k', pow(diffK, num(2)));
    const yk = variable('y', [k]);
    expect(checkDerivative({ f: E, wrt: yk, derivative: mul([num(-2), diffK]) }).ok).toBe(true);
    expect(checkDerivative({ f: E, wrt: yk, derivative: mul([num(2), diffK]) }).ok).toBe(false);
  });

  it('checks the seed gradient, and a wrong σ′', () => {
    const s = call('sigmoid', [z]);
    const E = sum('k', pow(add([variable('t', [k]), neg(call('sigmoid', [z]))]), num(2)));
    const tMinusO = add([variable('t', [k]), neg(s)]);
    const right = mul([num(-2), tMinusO, s, add([num(1), neg(s)]), oj]);
    expect(checkDerivative({ f: E, wrt: w, derivative: right, seed: 11 }).ok).toBe(true);
    const wrong = mul([num(-2), tMinusO, s, oj]);
    expect(checkDerivative({ f: E, wrt: w, derivative: wrong, seed: 11 }).ok).toBe(false);
  });

  it('handles a scalar wrt, literal indices and positive inputs', () => {
    const x = variable('x');
    const f = mul([call('log', [x]), variable('a', [k])]);
    expect(checkDerivative({ f, wrt: x, derivative: mul([pow(x, num(-1)), variable('a', [k])]), positive: ['x'] }).ok).toBe(true);
    // ∂(Σ_j w_{jk} o_j)/∂w_{1k} = o_1
    const w1k = variable('w', [inum(1), k]);
    expect(checkDerivative({ f: z, wrt: w1k, derivative: variable('o', [inum(1)]) }).ok).toBe(true);
    expect(checkDerivative({ f: z, wrt: w1k, derivative: variable('o', [inum(2)]) }).ok).toBe(false);
  });

  it('sees where a δ is needed: ∂(Σ_j x_j²)/∂x_i = 2 x_i, ∂x_j/∂x_i = δ_{ji} ≠ 1', () => {
    const i = ivar('i');
    const f = sum('j', pow(variable('x', [j]), num(2)));
    const xi = variable('x', [i]);
    expect(checkDerivative({ f, wrt: xi, derivative: mul([num(2), xi]) }).ok).toBe(true);
    // ∂x_j/∂x_i = δ_{ji}; claiming 1 is wrong off the diagonal
    expect(checkDerivative({ f: variable('x', [j]), wrt: xi, derivative: delta(j, i) }).ok).toBe(true);
    expect(checkDerivative({ f: variable('x', [j]), wrt: xi, derivative: num(1) }).ok).toBe(false);
  });

  it("reads f's size symbols as constants of the derivative, where the simplifier moved them out of the bounds", () => {
    // Bounds 2..n cut x's range (bounds 1..n would declare it, "Ranges" in docs/notation.md).
    const f = parse(String.raw`\sum_{j=2}^{n} x_j^2`);
    const xk = parse('x_k');
    if (xk.kind !== 'var') throw new Error('x_k is a variable');
    // `n` is an index value here, as after f's bound was collapsed into the bracket.
    const right = resolveIndexValues(parse(String.raw`2 [2 \le k \le n] x_k`), new Set(['k', 'n']));
    expect(freeIndices(right)).toEqual(new Set(['k', 'n']));
    // n = 2 from values, x of length 3: the bracket is 0 at k = 1 and k = 3.
    const inputs = { values: { n: 2, x: [0.5, -1, 1.5] } };
    const r = checkDerivative({ f, wrt: xk, derivative: right, inputs });
    expect(r.ok).toBe(true);
    expect(r.checked).toBe(4 * 3); // four trials (SIZE_SCHEDULE), x fixed at 3 entries
    expect(checkDerivative({ f, wrt: xk, derivative: parse('2 x_k'), inputs }).failures.map((p) => p.assignment)).toEqual(Array(4).fill([{ k: 1 }, { k: 3 }]).flat());
    // In a δ or a subscript too: ∂(Σ_{j=n}^{n} x_j²)/∂x_k = 2 δ_{kn} x_n, with n a constant, not a second index.
    const single = parse(String.raw`\sum_{j=n}^{n} x_j^2`);
    const viaDelta = checkDerivative({ f: single, wrt: xk, derivative: mul([num(2), delta(k, ivar('n')), variable('x', [ivar('n')])]), inputs });
    expect(viaDelta.ok).toBe(true);
    expect(checkDerivative({ f: single, wrt: xk, derivative: mul([num(2), variable('x', [ivar('n')])]), inputs }).ok).toBe(false);
  });

  it('accepts a derivative whose bracket guards a read outside the range', () => {
    const f = parse(String.raw`\sum_{j=2}^{n} x_j x_{j-1}`);
    const xk = parse('x_k');
    if (xk.kind !== 'var') throw new Error('x_k is a variable');
    const claimed = resolveIndexValues(parse(String.raw`[2 \le k \le n] x_{k-1} + [2 \le k+1 \le n] x_{k+1}`), new Set(['k', 'n']));
    expect(checkDerivative({ f, wrt: xk, derivative: claimed, sizes: { n: 4 } }).ok).toBe(true);
    // Without the brackets the read x_0 has no value: a failure there, not a 0.
    const unguarded = checkDerivative({ f, wrt: xk, derivative: parse('x_{k-1} + x_{k+1}'), sizes: { n: 4 } });
    expect(unguarded.ok).toBe(false);
    expect(unguarded.failures.some((p) => p.assignment.k === 1 && Number.isNaN(p.got))).toBe(true);
  });

  it('uses fixed inputs and sizes', () => {
    const r = checkDerivative({ f: z, wrt: w, derivative: oj, inputs: { values: { o: [1, 2, 3, 4] } }, trials: 1 });
    expect(r.ok).toBe(true);
    expect(r.checked % 4).toBe(0);
  });
});

describe('inputsUnderRoots', () => {
  it('names the inputs under a log, a square root or a fractional power, and only those', () => {
    expect(inputsUnderRoots(parse(String.raw`\log(a_i) + \sqrt{b} + c^{0.5} + d^2 + e_k`)).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('points where f is undefined', () => {
  it('are skipped, not failed: 0·(w/0) simplified to 0 is not a mismatch, and nothing left to compare is not ok', () => {
    const f = parse(String.raw`\sin\left(0 \frac{w}{\delta_{1,2} x}\right)`);
    const report = checkDerivative({ f, wrt: variable('x'), derivative: num(0) });
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(0);
    expect(report.ok).toBe(false);
  });
});
