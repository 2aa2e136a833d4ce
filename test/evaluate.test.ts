import { describe, expect, it } from 'vitest';
import {
  add, call, delta, diff, div, equation, extent, indexValue, inum, iverson, ivar, mul, neg, num, pow, rel, sum, variable,
} from '../src/core/ast.js';
import { evaluate, EvaluationError } from '../src/evaluate.js';

const j = ivar('j');
const k = ivar('k');
const w = variable('w', [j, k]);
const oj = variable('o', [j]);
const z = sum('j', mul([w, oj])); // Σ_j w_{jk} o_j, free k

const W = [[1, 2], [3, 4], [5, 6]]; // j = 1..3, k = 1..2
const O = [0.5, -1, 2];
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('evaluate', () => {
  it('sums over a bound index and keeps the free one', () => {
    const t = evaluate(z, { values: { w: W, o: O } });
    expect(t.free).toEqual(['k']);
    expect(t.shape).toEqual([2]);
    expect(t.value).toEqual([0.5 - 3 + 10, 1 - 4 + 12]);
  });

  it('evaluates the seed gradient at every (j, k)', () => {
    const s = call('sigmoid', [z]);
    const g = mul([num(-2), add([variable('t', [k]), neg(variable('y', [k]))]), s, add([num(1), neg(s)]), oj]);
    const T = [1, 0];
    const Y = [0.3, 0.6];
    const t = evaluate(g, { values: { w: W, o: O, t: T, y: Y } });
    expect(t.free).toEqual(['j', 'k']);
    const zs = [7.5, 9];
    const expected = O.map((oj_) => zs.map((zk, kk) => -2 * (T[kk]! - Y[kk]!) * sigmoid(zk) * (1 - sigmoid(zk)) * oj_));
    const got = t.value as number[][];
    expected.forEach((row, jj) => row.forEach((x, kk) => expect(got[jj]![kk]).toBeCloseTo(x, 14)));
  });

  it('follows the requested output order and broadcasts extra indices', () => {
    const t = evaluate(w, { values: { w: W } }, { free: ['k', 'j'] });
    expect(t.value).toEqual([[1, 3, 5], [2, 4, 6]]);
    const b = evaluate(variable('o', [j]), { values: { o: O }, sizes: { k: 2 } }, { free: ['j', 'k'] });
    expect(b.value).toEqual([[0.5, 0.5], [-1, -1], [2, 2]]);
  });

  it('uses bounded sums with a size symbol from values', () => {
    const x = variable('x', [ivar('i')]);
    const e = sum('i', x, inum(2), ivar('n'));
    expect(evaluate(e, { values: { x: [1, 2, 4, 8], n: 3 } }).value).toBe(6);
    expect(evaluate(e, { values: { x: [1, 2, 4, 8] }, sizes: { n: 4 } }).value).toBe(14);
    expect(evaluate(e, { values: { x: [1, 2, 4, 8], n: 1 } }).value).toBe(0);
  });

  it('evaluates deltas, Iverson brackets, index values and extents', () => {
    const i = ivar('i');
    expect(evaluate(delta(i, j), { values: {}, sizes: { i: 2, j: 2 } }).value).toEqual([[1, 0], [0, 1]]);
    // Σ_i [i ≤ 2] i = 1 + 2
    const br = sum('i', mul([iverson(rel(['<='], [indexValue(i), num(2)])), indexValue(i)]));
    expect(evaluate(br, { values: {}, sizes: { i: 5 } }).value).toBe(3);
    // chained relation 1 < i < 4, over i
    const chain = iverson(rel(['<', '<'], [num(1), indexValue(i), num(4)]));
    expect(evaluate(chain, { values: {}, sizes: { i: 5 } }, { free: ['i'] }).value).toEqual([0, 1, 1, 0, 0]);
    expect(evaluate(mul([extent('j'), num(2)]), { values: {}, sizes: { j: 7 } }).value).toBe(14);
    expect(evaluate(equation(num(2), num(2)), { values: {} }).value).toBe(1);
    expect(evaluate(rel(['!='], [num(2), num(2)]), { values: {} }).value).toBe(0);
  });

  describe('strong zero: a product with a bracket or δ that is 0 is 0, its other factors unread', () => {
    const x = (offset: number) => variable('x', [ivar('k', offset)]);
    const atLeast = (lo: number) => iverson(rel(['<='], [num(lo), indexValue(k)]));
    const X = { x: [1, 10, 100] };

    it('reads nothing where the bracket is false, and is an error where it is true', () => {
      // [2 ≤ k] x_{k-1} over k = 1..3: x_0 is never read.
      expect(evaluate(mul([atLeast(2), x(-1)]), { values: X, sizes: { k: 3 } }).value).toEqual([0, 1, 10]);
      // The bracket may come after the read, and the read may sit in a sum of the product.
      expect(evaluate(mul([num(2), add([x(0), neg(x(-1))]), atLeast(2)]), { values: X, sizes: { k: 3 } }).value).toEqual([0, 18, 180]);
      // [1 ≤ k] is true at k = 1: x_0 is read, and that is an error.
      expect(() => evaluate(mul([atLeast(1), x(-1)]), { values: X, sizes: { k: 3 } })).toThrow(/index k-1 = 0 of 'x' \(slot 1\) is out of range/);
    });

    it('applies to δ, and makes 0 of infinities and NaN', () => {
      // δ_{k1} x_{k-1}... reads x_0 at k = 1 only, where δ_{k1} is 1.
      expect(() => evaluate(mul([delta(k, inum(1)), x(-1)]), { values: X, sizes: { k: 3 } })).toThrow(/out of range/);
      expect(evaluate(mul([delta(k, inum(3)), x(-1)]), { values: X, sizes: { k: 3 } }).value).toEqual([0, 0, 10]);
      const y = variable('y');
      expect(evaluate(mul([iverson(rel(['>'], [y, num(0)])), call('log', [y])]), { values: { y: -1 } }).value).toBe(0);
      expect(evaluate(mul([iverson(rel(['>'], [y, num(0)])), div(num(1), y)]), { values: { y: 0 } }).value).toBe(0);
      // Without a bracket, 0·∞ is NaN as usual.
      expect(evaluate(mul([num(0), div(num(1), y)]), { values: { y: 0 } }).value).toBeNaN();
    });
  });

  describe('size symbols outside sum bounds', () => {
    const n = ivar('n');
    const xk = variable('x', [k]);
    // Σ_{j=1}^{n} δ_{jk} x_j after the collapse: [1 ≤ k ≤ n] x_k.
    const collapsed = mul([iverson(rel(['<=', '<='], [num(1), indexValue(k), indexValue(n)])), xk]);

    it('reads a bare n that addresses no array as a constant, from values or sizes', () => {
      expect(evaluate(collapsed, { values: { x: [1, 2, 4, 8], n: 2 } }).value).toEqual([1, 2, 0, 0]);
      const t = evaluate(collapsed, { values: { x: [1, 2, 4, 8] }, sizes: { n: 3 } });
      expect(t.free).toEqual(['k']);
      expect(t.value).toEqual([1, 2, 4, 0]);
      // As an offset index value and inside a sum's body alike.
      const e = sum('j', mul([iverson(rel(['<'], [indexValue(ivar('j')), indexValue(ivar('n', -1))])), variable('x', [ivar('j')])]));
      expect(evaluate(e, { values: { x: [1, 2, 4, 8], n: 4 } }).value).toBe(3);
      expect(() => evaluate(collapsed, { values: { x: [1, 2] } })).toThrow(/size symbol 'n'.*values\.n or sizes\.n/);
    });

    it('reads it as an output index when asked to', () => {
      expect(evaluate(collapsed, { values: { x: [1, 2] }, sizes: { n: 2 } }, { free: ['k', 'n'] }).value).toEqual([[1, 1], [0, 2]]);
    });

    it('reads a name given in symbols as a constant wherever it occurs, a subscript and a δ included', () => {
      const e = mul([delta(k, n), variable('x', [n])]);
      expect(evaluate(e, { values: { x: [1, 2, 4], n: 2 }, sizes: { k: 3 } }, { symbols: ['n'] }).value).toEqual([0, 2, 0]);
      // Without it, n is a second index of the result.
      expect(evaluate(e, { values: { x: [1, 2, 4] }, sizes: { k: 3 } }).free).toEqual(['k', 'n']);
      // A constant subscript fixes no size and is range-checked.
      expect(() => evaluate(variable('x', [n]), { values: { x: [1, 2, 4], n: 4 } }, { symbols: ['n'] })).toThrow(/index n = 4 of 'x'/);
      // (δ_{kn} x_n reads nothing when n is past k's range: δ_{kn} is 0 everywhere.)
      expect(evaluate(e, { values: { x: [1, 2, 4], n: 4 }, sizes: { k: 3 } }, { symbols: ['n'] }).value).toEqual([0, 0, 0]);
      expect(() => evaluate(e, { values: { x: [1, 2, 4], n: 2 }, sizes: { k: 3 } }, { free: ['k', 'n'], symbols: ['n'] }))
        .toThrow(/'n' is asked for both as an output index and as a size symbol/);
    });
  });

  it('reads literal and offset indices, 1-based', () => {
    const x = variable('x', [ivar('i', 1)]);
    expect(evaluate(sum('i', x, inum(1), inum(2)), { values: { x: [1, 10, 100] } }).value).toBe(110);
    expect(evaluate(variable('w', [inum(3), inum(2)]), { values: { w: W } }).value).toBe(6);
  });

  it('gives a fresh index the range of its original letter', () => {
    const jp = ivar("j'");
    const e = mul([sum("j'", indexValue(jp)), variable('t', [j])]);
    expect(evaluate(e, { values: { t: [1, 1] } }).value).toEqual([3, 3]);
  });

  it('accepts flat Float64Arrays given sizes, and names with odd characters', () => {
    const t = evaluate(z, { values: { w: new Float64Array([1, 2, 3, 4, 5, 6]), o: new Float64Array(O) } });
    expect(t.value).toEqual([7.5, 9]);
    const e = add([variable('lambda'), variable("o'"), variable('__proto__')]);
    expect(evaluate(e, { values: { lambda: 1, "o'": 2, ['__proto__']: 4 } as never }).value).toBe(7);
  });

  it('computes powers and functions from the function table', () => {
    const e = add([pow(variable('x'), num(3)), call('softplus', [num(1000)]), call('relu', [num(-2)])]);
    expect(evaluate(e, { values: { x: 2 } }).value).toBe(8 + 1000);
  });

  describe('errors', () => {
    const fails = (f: () => unknown, message: RegExp) => {
      expect(f).toThrow(EvaluationError);
      expect(f).toThrow(message);
    };
    it('names a missing input and its expected shape', () => {
      fails(() => evaluate(z, { values: { w: W } }), /missing value for input 'o'.*1-d array indexed \[j\]/);
    });
    it('names a wrong shape', () => {
      fails(() => evaluate(z, { values: { w: [1, 2], o: O } }), /input 'w' must be a 2-d array indexed \[j\]\[k\]/);
      fails(() => evaluate(z, { values: { w: [[1, 2], [3]], o: O } }), /ragged/);
      fails(() => evaluate(z, { values: { w: [[1, 2], [3, 'x']], o: O } as never }), /w\[1\]\[1\] is "x", not a number/);
      fails(() => evaluate(variable('x'), { values: { x: [1] } }), /'x' must be a number/);
    });
    it('names a size conflict', () => {
      fails(() => evaluate(z, { values: { w: W, o: [1, 2] } }), /size conflict for index 'j': 3 from .*'w'.*2 from .*'o'/);
      fails(() => evaluate(z, { values: { w: W, o: O }, sizes: { k: 5 } }), /size conflict for index 'k'/);
    });
    it('names an index out of range', () => {
      const x = variable('x', [ivar('i', 1)]);
      fails(() => evaluate(sum('i', x), { values: { x: [1, 2] }, sizes: { i: 2 } }), /index i\+1 = 3 of 'x' \(slot 1\) is out of range 1\.\.2/);
    });
    it('names an unknown size or size symbol', () => {
      fails(() => evaluate(delta(ivar('i'), j), { values: {}, sizes: { i: 2 } }), /size of index 'j' is unknown/);
      fails(() => evaluate(sum('i', variable('x', [ivar('i')]), inum(1), ivar('n')), { values: { x: [1] } }), /size symbol 'n'/);
    });
    it('refuses unevaluated derivatives', () => {
      fails(() => evaluate(diff(z, w), { values: { w: W, o: O } }), /differentiate first/);
    });
    it('refuses an output order that misses a free index', () => {
      fails(() => evaluate(w, { values: { w: W } }, { free: ['j'] }), /free index 'k' is missing/);
    });
  });
});
