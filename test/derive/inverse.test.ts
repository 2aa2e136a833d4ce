// The inverse and the determinant of a matrix (issue 11): ∂(X^{-1})_{ab} = -(X^{-1} ∂X X^{-1})_{ab} and
// ∂det X = det X tr(X^{-1} ∂X), checked against central finite differences of the formula itself at
// random sizes 1 to 4 (a 1×1 matrix among them) and random well-conditioned points (fast-check).

import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { children, type Expr, type Var } from '../../src/core/ast.js';
import { inputKey } from '../../src/core/names.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { entryOf, parse, parseWithShapes } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { toJson } from '../../src/serialize.js';
import { cli } from '../cli/run.js';

/** Formulas in matrix notation, each with the name it is differentiated by. */
const FORMULAS: [formula: string, wrt: string][] = [
  ['\\mathbf{a}^\\top X^{-1} \\mathbf{b}', 'X'],
  ['\\mathbf{a}^\\top X^{-\\top} \\mathbf{b}', 'X'],
  ['\\det(X)', 'X'],
  ['\\det(X^{-1})', 'X'],
  ['\\ln|\\det X|', 'X'],
  ['\\det(X^\\top) \\operatorname{tr}(X^{-1} A)', 'X'],
  ['\\operatorname{tr}(A X^{-1} B)', 'X'],
  ['\\operatorname{tr}(X^{-1})', 'X'],
  ['\\|X^{-1} \\mathbf{b}\\|^2', 'X'],
  ['\\det(X) \\, \\mathbf{a}^\\top X^{-1} \\mathbf{a}', 'X'],
  ['\\mathbf{a}^\\top X^{-1} \\mathbf{a}', '\\mathbf{a}'],
  ['\\sigma(\\mathbf{a}^\\top (X^\\top)^{-1} \\mathbf{b}) + \\det X^\\top', 'X'],
];

type Value = number[] | number[][];

/** The variables of `e` by plain name → input key (a bold name's key carries its mark). */
function keys(e: Expr, into = new Map<string, string>()): Map<string, string> {
  if (e.kind === 'var') into.set(e.name, inputKey(e));
  children(e).forEach((c) => keys(c, into));
  return into;
}

const scalarOf = (f: Expr, values: Record<string, Value>, sizes: Record<string, number>) =>
  evaluate(f, { values, sizes }).value as number;

describe('∂ of inverses and determinants agrees with central differences', () => {
  test.each(FORMULAS)('%s by %s', (input, wrtName) => {
    const read = parseWithShapes(input, { syntax: 'latex' });
    const f = read.formulas.at(-1)!;
    const letters = [...new Set(read.shapes.flatMap((s) => s.dims))];
    const wrt = entryOf(parse(wrtName, { syntax: 'latex' }) as Var, read.shapes, new Set(letters));
    const d = derive(f, wrt).result;
    const names = keys(f);
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: letters.length, maxLength: letters.length }),
      fc.integer({ min: 1, max: 1e6 }),
      (sizeList, seed) => {
        let state = seed;
        const random = () => ((state = (state * 48271) % 2147483647) / 2147483647) * 2 - 1;
        const dims = Object.fromEntries(letters.map((l, k) => [l, sizeList[k]!]));
        const values: Record<string, Value> = {};
        for (const s of read.shapes) {
          const [r, c] = s.dims.map((l) => dims[l]!);
          const key = names.get(s.name.name) ?? s.name.name;
          if (c === undefined) values[key] = Array.from({ length: r! }, random);
          else {
            const m = Array.from({ length: r! }, () => Array.from({ length: c }, random));
            // Square matrices well conditioned: 2n on the diagonal (strictly diagonally dominant, positive determinant).
            if (r === c) m.forEach((row, i) => { row[i] = row[i]! + 2 * r!; });
            values[key] = m;
          }
        }
        const wrtShape = read.shapes.find((s) => s.name.name === wrt.name)!;
        const sizes = { ...dims, ...Object.fromEntries(wrt.indices.map((i, k) => [(i as { name: string }).name, dims[wrtShape.dims[k]!]!])) };
        const free = wrt.indices.map((i) => (i as { name: string }).name);
        const got = evaluate(d, { values, sizes }, { free }).value;
        const key = inputKey(wrt);
        const at = (address: number[]): number => address.reduce<unknown>((x, i) => (x as unknown[])[i], got) as number;
        const addresses = wrtShape.dims.length === 1
          ? Array.from({ length: dims[wrtShape.dims[0]!]! }, (_, i) => [i])
          : Array.from({ length: dims[wrtShape.dims[0]!]! }, (_, i) => Array.from({ length: dims[wrtShape.dims[1]!]! }, (__, j) => [i, j])).flat();
        for (const address of addresses) {
          const moved = (h: number): Record<string, Value> => {
            const copy = JSON.parse(JSON.stringify(values[key])) as Value;
            if (address.length === 1) (copy as number[])[address[0]!]! += h;
            else (copy as number[][])[address[0]!]![address[1]!]! += h;
            return { ...values, [key]: copy };
          };
          const h = 1e-5;
          const slope = (scalarOf(f, moved(h), dims) - scalarOf(f, moved(-h), dims)) / (2 * h);
          expect(Math.abs(at(address) - slope)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(slope)));
        }
      },
    ), { seed: 7, numRuns: 25 });
  });
});

describe('the printed forms read back', () => {
  test.each(FORMULAS)('%s: its derivative in LaTeX and in plain text', (input, wrtName) => {
    const read = parseWithShapes(input, { syntax: 'latex' });
    const d = derive(read.formulas.at(-1)!, entryOf(parse(wrtName, { syntax: 'latex' }) as Var, read.shapes)).result;
    // Bound letters as they are (test/roundtrip.test.ts); read back and printed again, the same text
    // (`-2 x` is one text for (-2)·x and -(2x), so the trees may differ there).
    const latex = toLatex(d, { restoreBoundLetters: false });
    expect(toLatex(parse(latex, { syntax: 'latex' }), { restoreBoundLetters: false })).toBe(latex);
    const text = toText(d, { restoreBoundLetters: false });
    expect(toText(parse(text, { syntax: 'text' }), { restoreBoundLetters: false })).toBe(text);
  });
  it('JSON carries what the variable is of', () => {
    expect(toJson(parse('\\det X', { syntax: 'latex' }))).toEqual({ kind: 'var', name: 'X', indices: [], of: 'determinant' });
    expect(toJson(parse('inv(X)[i,j]', { syntax: 'text' }))).toMatchObject({ kind: 'var', name: 'X', of: 'inverse' });
  });
  it('refuses what is not an entry of an inverse', () => {
    expect(() => parse('(X^{-2})_{ij}', { syntax: 'latex' })).toThrow('an entry of the inverse is (X^{-1})_{ab}');
    expect(() => parse('(X^{-1})_{i}', { syntax: 'latex' })).toThrow('an entry of an inverse has two indices, not 1');
    expect(() => parse('det(X[1])', { syntax: 'text' })).toThrow('det(…) is read of a matrix name: det(X)');
  });
});

describe('the rules as a textbook writes them', () => {
  const by = (input: string, wrt: string) => {
    const read = parseWithShapes(input, { syntax: 'latex' });
    return toLatex(derive(read.formulas.at(-1)!, entryOf(parse(wrt, { syntax: 'latex' }) as Var, read.shapes)).result);
  };
  it('∂(X^{-1})_{ab}/∂X_{kl} = -(X^{-1})_{ak}(X^{-1})_{lb}, ∂det X/∂X_{kl} = det X (X^{-1})_{lk}', () => {
    expect(by('\\det X', 'X')).toBe("\\det(X) (X^{-1})_{i'i}");
    expect(by('\\ln\\det X', 'X')).toBe("(X^{-1})_{i'i}");
  });
  it('differentiates the inverse of a defined matrix through its definition (the chain rule); evaluating it is refused', async () => {
    const args = ['derive', 'M = A + X; \\mathbf{a}^\\top M^{-1} \\mathbf{b}', '--shapes', 'M: n×n', '--wrt', 'X'];
    const out = await cli(args);
    expect(out.code, out.err).toBe(0);
    // ∂M_{cd}/∂X_{ii'} = δ_{ci} δ_{di'}: -(a^T M^{-1})_i (M^{-1} b)_{i'}.
    expect(out.out).toContain("= -\\left(\\sum_{n} \\mathbf{a}_n (M^{-1})_{ni}\\right) \\sum_{n} (M^{-1})_{i'n} \\mathbf{b}_n");
    const checked = await cli([...args, '--check']);
    expect(checked.code).toBe(2);
    expect(checked.err).toContain("'M' is defined by a formula, and its inverse is computed only of an input matrix");
  });
  it('refuses to define an inverse', async () => {
    const out = await cli(['derive', 'X^{-1} = A; \\mathbf{a}^\\top X^{-1} \\mathbf{b}', '--wrt', 'A']);
    expect(out.code).toBe(2);
  });
});
