// Input errors found after parsing point at what they are about, as parse errors do (issue 15):
// `reason (line:column)`, `span` in the user's text, and `format()` with a caret under it.

import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  compile, derive, evaluate, gradient, InputError, parse, parseFormulas, resolveDefinitions, simplify,
} from '../../src/index.js';
import { runCli } from '../../src/cli/run.js';

/** The error `f` throws, which must be an InputError. */
function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
}

/** The text an error points at. */
const pointedAt = (e: InputError): string => (e.span === null ? '(no place)' : e.span.source.slice(e.span.offset, e.span.offset + e.span.length));

describe('an input error found after parsing has the place of what it is about', () => {
  const cases: [what: string, run: () => unknown, at: string][] = [
    ['a call with the wrong number of arguments', () => resolveDefinitions(parseFormulas('L(w, b) = w + b; E = L(y)')), 'L(y)'],
    ['a parameter that is not a variable', () => resolveDefinitions(parseFormulas('f(\\delta_{ij}) = 2')), '\\delta_{ij}'],
    ['a prime that does not say by what', () => derive(parse('(a x)\' + x'), 'x'), "(a x)'"],
    ['an unevaluated derivative evaluated', () => evaluate(parse('y + \\frac{\\partial x^2}{\\partial x}'), { values: { x: 1, y: 2 } }), '\\frac{\\partial x^2}{\\partial x}'],
    ['a defined quantity compiled without its definition', () => compile(resolveDefinitions(parseFormulas('h = \\tanh(x)\nE = 3 h')).target), 'E'],
    ['an assumption that is not a relation', () => simplify(parse('x + y'), { assumptions: [parse('2 \\cdot  y')] }), '2 \\cdot  y'],
    ['a variable that does not occur, through gradient()', () => gradient('E = \\sum_j w_{jk} x_j', 'W_{jk}'), 'W_{jk}'],
    ['an ambiguous entry of two range families', () => gradient('\\frac{\\partial y}{\\partial w_{12}}', 'x', {
      where: 'y = x + \\sum_i \\sum_j w_{ij} + \\sum_j \\sum_k w_{jk}', sizes: { i: 4, j: 3, k: 2 },
    }), 'w_{12}'],
  ];
  test.each(cases)('%s', (_, run, at) => {
    const e = thrown(run);
    expect(pointedAt(e)).toBe(at);
    expect(e.message).toBe(`${e.reason} (${e.line}:${e.column})`);
    const [, line, caret] = e.format().split('\n');
    expect(line!.slice(e.column - 1).startsWith(at.split('\n')[0]!)).toBe(true);
    expect(caret).toBe(' '.repeat(e.column - 1) + '^'.repeat(Math.min(at.length, line!.length - e.column + 1)));
  });

  test('an error about the values given, not the text, names the input and has no place', () => {
    const e = thrown(() => evaluate(parse('x_i^2'), { values: { x: 3 } }));
    expect(e.span).toBeNull();
    expect(e.message).toBe(e.reason);
    expect(e.format()).toBe(e.message);
  });

  test('the place is found on any line and column, among other formulas (property)', () => {
    const filler = fc.constantFrom('a', 'b_j', '\\sum_i c_i', 'd^2', '\\sigma(e)');
    fc.assert(fc.property(fc.array(fc.array(filler, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 3 }), fc.nat(3), fc.constantFrom(' ', '   ', ''), (lines, at, pad) => {
      const defs = lines.map((ts, n) => `q_${n} =${pad}${ts.join(' + ')}`);
      const bad = `E =${pad}${['a', 'L(y)'].join(' + ')}`;
      const all = ['L(u, v) = u v', ...defs];
      all.splice(1 + Math.min(at, defs.length), 0, bad);
      const text = all.join('\n');
      const e = thrown(() => resolveDefinitions(parseFormulas(text), [], { of: 'E' }));
      expect(pointedAt(e)).toBe('L(y)');
      expect(e.span!.source).toBe(text);
      const lineNo = all.indexOf(bad) + 1;
      expect([e.line, e.column]).toEqual([lineNo, bad.indexOf('L(y)') + 1]);
    }), { numRuns: 60 });
  });

  test('a node in two texts is placed in the text of the operation that failed, never in the other', () => {
    // `L(y)` is one node in both (hash-consing); each error points into its own input.
    const first = 'L(w, b) = w + b; E = L(y)';
    const second = 'L(w, b) = w\n\nE =    L(y)';
    const a = parseFormulas(first);
    const b = parseFormulas(second);
    expect(thrown(() => resolveDefinitions(a)).span!.source).toBe(first);
    const e = thrown(() => resolveDefinitions(b));
    expect(e.span!.source).toBe(second);
    expect([e.line, e.column]).toEqual([3, 8]);
  });

  test('the origin of the text is said, and a parse error still has its place', () => {
    const e = thrown(() => gradient('x^2', 'z'));
    expect(e.message.endsWith('(1:1)')).toBe(true);
    const p = thrown(() => parse('x + * y'));
    expect([p.line, p.column, pointedAt(p)]).toEqual([1, 5, '*']);
  });
});

describe('on the command line, an error about a value points at its key in the values file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kronecker-places-'));
  const cli = async (...argv: string[]) => {
    const err: string[] = [];
    const code = await runCli(argv, { out: () => {}, err: (t) => { err.push(t); } });
    return { code, err: err.join('\n') };
  };

  test.each([
    ['a ragged array', { w: [[1, 2], [3]], o: [1, 0] }, '"w"'],
    ['a missing input (at "values")', { o: [1, 0] }, '"values"'],
    ['a number where an array is read', { w: 3, o: [1, 0] }, '"w"'],
  ])('%s', async (_, values, key) => {
    const text = JSON.stringify({ sizes: {}, values }, null, 2);
    const file = join(dir, 'values.json');
    writeFileSync(file, text);
    for (const interpret of [[], ['--interpret']]) {
      const r = await cli('eval', '\\sum_j w_{jk} o_j', '--values', file, ...interpret);
      expect(r.code).toBe(2);
      const [message, line, caret] = r.err.split('\n');
      const m = /\((\d+):(\d+)\)$/.exec(message!)!;
      expect(message!.startsWith(`error: in ${file}: `)).toBe(true);
      const [row, col] = [Number(m[1]), Number(m[2])];
      expect(line).toBe(text.split('\n')[row - 1]);
      expect(line!.slice(col - 1, col - 1 + key.length)).toBe(key);
      expect(caret).toBe(' '.repeat(col - 1) + '^'.repeat(key.length));
    }
  });
});
