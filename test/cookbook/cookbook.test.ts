// The Matrix Cookbook's first-order identities (./identities.ts), as a user meets them:
// `kronecker derive <matrix notation> --wrt X --form matrix` must print the Cookbook's answer
// (compared as text, up to spacing and \left/\right, and up to the order of terms), its value
// must equal the Cookbook's answer read back and evaluated at random sizes and points, and the
// same identity written in index notation must give the same values. docs/cookbook.md shows the
// table this test computes; the test fails when the page and the engine disagree.

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { children, type Expr, type Var } from '../../src/core/ast.js';
import { inputKey } from '../../src/core/names.js';
import { derive } from '../../src/derive/index.js';
import { evaluate } from '../../src/evaluate.js';
import { entryOf, parse, parseWithShapes, type Shape } from '../../src/parse/index.js';
import { cli } from '../cli/run.js';
import { IDENTITIES, type Identity, type Match } from './identities.js';

/** LaTeX as a reader compares it: no sizing, no thin spaces, no spaces, the 2-norm's subscript dropped. */
const normal = (latex: string) => latex.replace(/\\left|\\right/g, '').replace(/\\,|\s+/g, '').replace(/\\\|_2/g, '\\|');

/** The top-level terms of a sum, each with its sign. */
function terms(latex: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < latex.length; k++) {
    const c = latex[k]!;
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if ((c === '+' || c === '-') && depth === 0 && k > 0) {
      out.push(latex.slice(start, k));
      start = k;
    }
  }
  out.push(latex.slice(start));
  return out.map((t) => (t.startsWith('+') ? t.slice(1) : t)).sort();
}

export function matchOf(printed: string, answer: string): Match {
  const [a, b] = [normal(printed), normal(answer)];
  if (a === b) return 'exact';
  return JSON.stringify(terms(a)) === JSON.stringify(terms(b)) ? 'reordered' : 'equal';
}

/** The right side of `\frac{∂ …}{∂ X} = result` as the CLI prints it. */
const rightSide = (out: string) => out.split('\n')[0]!.split(' = ').slice(1).join(' = ');

/** A seeded generator in [-1, 1). */
function prng(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 48271) % 2147483647) / 2147483647) * 2 - 1;
}

type Arrays = Record<string, number | number[] | number[][]>;

/** Random values of every shape, sized by letter; a name in `symmetric` (square) is made symmetric. */
function valuesOf(shapes: readonly Shape[], sizes: Record<string, number>, random: () => number, symmetric?: string): Map<string, number[] | number[][]> {
  const out = new Map<string, number[] | number[][]>();
  for (const s of shapes) {
    const n = s.dims.map((d) => sizes[d]!);
    const name = s.name.name;
    if (n.length === 1) out.set(name, Array.from({ length: n[0]! }, random));
    else {
      const m = Array.from({ length: n[0]! }, () => Array.from({ length: n[1]! }, random));
      if (name === symmetric) for (let i = 0; i < n[0]!; i++) for (let j = 0; j < i; j++) m[i]![j] = m[j]![i]!;
      // A square matrix is made well conditioned (2n on the diagonal: strictly diagonally dominant), so that its inverse is stable.
      if (n[0] === n[1]) for (let i = 0; i < n[0]!; i++) m[i]![i] = m[i]![i]! + 2 * n[0]!;
      out.set(name, m);
    }
  }
  return out;
}

/** `values` keyed as `formula` reads its inputs (\mathbf{a} or a, by the plain name). */
function keyed(formula: Expr, values: ReadonlyMap<string, number[] | number[][]>): Arrays {
  const out: Arrays = {};
  const visit = (e: Expr): void => {
    if (e.kind === 'var' && values.has(e.name)) out[inputKey(e)] = values.get(e.name)!;
    children(e).forEach(visit);
  };
  visit(formula);
  return out;
}

const flat = (t: unknown): number[] => (Array.isArray(t) ? t.flatMap(flat) : [t as number]);

function closeTo(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, k) => expect(Math.abs(g - want[k]!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want[k]!))));
}

/** ∂formula/∂wrt evaluated over wrt's indices. */
function derivativeValues(formula: Expr, wrt: Var, values: ReadonlyMap<string, number[] | number[][]>, sizes: Record<string, number>): number[] {
  const d = derive(formula, wrt).result;
  const free = wrt.indices.map((i) => (i.kind === 'ivar' ? i.name : ''));
  return flat(evaluate(d, { values: keyed(formula, values), sizes }, { free }).value);
}

function check(id: Identity, seed: number): void {
  const read = parseWithShapes(id.matrix, { syntax: 'latex' });
  const formula = read.formulas.at(-1)!;
  const letters = [...new Set(read.shapes.flatMap((s) => s.dims))];
  const random = prng(seed);
  // Sizes 1 to 4 per dimension, so that a vector of one entry and a 1×1 matrix come up too.
  const dims: Record<string, number> = Object.fromEntries(letters.map((l, k) => [l, 1 + ((seed + 3 * k) % 4)]));
  const values = valuesOf(read.shapes, dims, random, id.symmetric);

  // The derivative in matrix notation, over the variable's entries.
  const wrtVar = parse(id.wrt, { syntax: 'latex' }) as Var;
  const entry = entryOf(wrtVar, read.shapes, new Set(letters));
  const shape = read.shapes.find((s) => s.name.name === wrtVar.name)!;
  const wrtSizes = Object.fromEntries(entry.indices.map((i, k) => [(i as { name: string }).name, dims[shape.dims[k]!]!]));
  const got = derivativeValues(formula, entry, values, { ...dims, ...wrtSizes });

  // The Cookbook's answer, read with the same shapes: its free indices are the variable's dimensions.
  const answerRead = parseWithShapes(id.answer, { syntax: 'latex', shapes: read.shapes });
  const answer = answerRead.formulas.at(-1)!;
  const answerIndices = answerRead.outputs.at(-1)!;
  const answerSizes = Object.fromEntries(answerIndices.map((l, k) => [l, dims[shape.dims[k]!]!]));
  const want = flat(evaluate(answer, { values: keyed(answer, values), sizes: { ...dims, ...answerSizes } }, { free: [...answerIndices] }).value);
  closeTo(got, want);

  // The same identity in index notation: the same values.
  const index = parse(id.index, { syntax: 'latex' });
  const indexWrt = parse(id.indexWrt, { syntax: 'latex' }) as Var;
  const indexSizes: Record<string, number> = { ...Object.fromEntries(indexWrt.indices.map((i, k) => [(i as { name: string }).name, dims[shape.dims[k]!]!])) };
  closeTo(derivativeValues(index, indexWrt, values, indexSizes), want);
}

/** The table of docs/cookbook.md, from what the CLI prints. */
async function table(): Promise<{ rows: string[]; matches: Map<string, Match> }> {
  const rows: string[] = [];
  const matches = new Map<string, Match>();
  for (const id of IDENTITIES) {
    const m = await cli(['derive', id.matrix, '--wrt', id.wrt, '--form', 'matrix']);
    const i = await cli(['derive', id.index, '--wrt', id.indexWrt]);
    expect(m.code, m.err).toBe(0);
    expect(i.code, i.err).toBe(0);
    const printed = rightSide(m.out);
    const match = matchOf(printed, id.answer);
    matches.set(id.eq, match);
    const cond = id.symmetric === undefined ? '' : ` (${id.symmetric} symmetric)`;
    const cell = (s: string) => `$${s.replace(/\|/g, '\\vert ').replace(/\\vert \\vert /g, '\\Vert ')}$`;
    rows.push(`| (${id.eq}) | ${cell(id.matrix)} by ${cell(id.wrt)} | ${cell(id.answer)}${cond} | ${cell(printed)} | ${match} | ${cell(id.index)} by ${cell(id.indexWrt)} | ${cell(rightSide(i.out))} |`);
  }
  return { rows, matches };
}

const DOC = new URL('../../docs/cookbook.md', import.meta.url);
const BEGIN = '<!-- table: test/cookbook/cookbook.test.ts -->';
const END = '<!-- end of table -->';

describe('the Matrix Cookbook, section 2', () => {
  test.each(IDENTITIES.map((id) => [id.eq, id] as const))('(%s): the derivative equals the Cookbook answer, in matrix and in index notation', (_eq, id) => {
    for (const seed of [1, 2, 3, 4, 5]) check(id, seed);
  });

  it('prints the Cookbook answer for at least 33 identities, and the page shows the table', async () => {
    const { rows, matches } = await table();
    for (const id of IDENTITIES) expect(matches.get(id.eq), `(${id.eq})`).toBe(id.match);
    const asCookbook = IDENTITIES.filter((id) => id.match !== 'equal').length;
    expect(asCookbook).toBeGreaterThanOrEqual(33);
    const header = '| Eq. | Input (matrix notation) | Cookbook | `--form matrix` | Match | Input (index notation) | Index form |\n|---|---|---|---|---|---|---|';
    const block = `${BEGIN}\n${header}\n${rows.join('\n')}\n${END}`;
    const page = readFileSync(DOC, 'utf8');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, page.replace(new RegExp(`${BEGIN}[\\s\\S]*?${END}`), block));
    expect(readFileSync(DOC, 'utf8')).toContain(block);
  });

  it('compares as a reader does', () => {
    expect(matchOf('\\mathbf{a}\\,\\mathbf{b}^\\top', '\\mathbf{a}\\mathbf{b}^\\top')).toBe('exact');
    expect(matchOf('B^\\top X + B X', 'BX + B^\\top X')).toBe('reordered');
    expect(matchOf('B^\\top X^\\top + X^\\top B^\\top', '(XB + BX)^\\top')).toBe('equal');
    expect(matchOf('X B', 'B X')).toBe('equal');
  });
});
