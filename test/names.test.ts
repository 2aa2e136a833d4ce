// Every boundary speaks the user's names (docs/architecture.md, "Variables are name, version
// and family"): the emitted module's signature and run() keys, eval's values file, compile().inputs,
// library derive, error messages and JSON. The two-layer network splits `o` and `w` by their
// declared ranges, so it is the case where a written name denotes several quantities.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli as run } from './cli/run.js';
import { compile } from '../src/compile/index.js';
import type { Var } from '../src/core/ast.js';
import { InputError } from '../src/core/errors.js';
import { resolveDefinitions, unfoldAll } from '../src/definitions.js';
import { derive } from '../src/derive/index.js';
import { evaluate } from '../src/evaluate.js';
import { parse, parseFormulas } from '../src/parse/index.js';
import { toLatex } from '../src/print/index.js';
import { toJson } from '../src/serialize.js';
import { gradient } from '../src/gradient.js';

const cli = (...argv: string[]) => run(argv);

const tmp = mkdtempSync(join(tmpdir(), 'kronecker-names-'));
const NET = String.raw`o_j = \sigma(\sum_i w_{ij} o_i); o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;
const SIZES = { i: 4, j: 3, k: 2 };
const INDICES = 'i=4,j=3,k=2';
const KEYS = ['o_i', 't', 'w_{ij}', 'w_{jk}'];

let seed = 5;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, random));
/** Values under the user's keys: the input layer o_i, both weight matrices, the targets. */
const VALUES = { o_i: matrix(1, 4)[0]!, 'w_{ij}': matrix(4, 3), 'w_{jk}': matrix(3, 2), t: matrix(1, 2)[0]! };

function valuesFile(name: string, values: object): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify({ values }));
  return file;
}

const flat = (rows: readonly number[][]) => Float64Array.from(rows.flat());

describe('the two-layer network through the command line', () => {
  it("compile --emit js: the module's signature and run() take the user's keys, and agree with the interpreter", async () => {
    const r = await cli('compile', NET, '--wrt', 'w_{ij}', '--indices', INDICES, '--emit', 'js');
    expect(r.code).toBe(0);
    const file = join(tmp, 'net.mjs');
    writeFileSync(file, r.out);
    const mod = (await import(pathToFileURL(file).href)) as {
      run: (v: object, s?: object) => Float64Array | number;
      signature: { inputs: { name: string }[]; free: string[] };
    };
    expect(mod.signature.inputs.map((x) => x.name).sort()).toEqual(KEYS);
    expect(mod.signature.free).toEqual(['i', 'j']);
    const got = mod.run({
      o_i: Float64Array.from(VALUES.o_i), 'w_{ij}': flat(VALUES['w_{ij}']), 'w_{jk}': flat(VALUES['w_{jk}']), t: Float64Array.from(VALUES.t),
    }, SIZES) as Float64Array;
    const want = await cli('eval', NET, '--wrt', 'w_{ij}', '--indices', INDICES, '--values', valuesFile('net.json', VALUES), '--interpret');
    expect(want.code).toBe(0);
    const expected = (JSON.parse(want.out) as { value: number[][] }).value.flat();
    expect(got).toHaveLength(12);
    expected.forEach((v, n) => expect(got[n]).toBeCloseTo(v, 12));
    expect(expected.some((v) => Math.abs(v) > 1e-6)).toBe(true);
  });

  it('the emitted run() names the expected keys when one is missing', async () => {
    const r = await cli('compile', NET, '--indices', INDICES, '--emit', 'js');
    const file = join(tmp, 'net-forward.mjs');
    writeFileSync(file, r.out);
    const mod = (await import(pathToFileURL(file).href)) as { run: (v: object, s?: object) => number };
    const { 'w_{jk}': _dropped, ...rest } = VALUES;
    const given = { o_i: Float64Array.from(rest.o_i), 'w_{ij}': flat(rest['w_{ij}']), t: Float64Array.from(rest.t), w: flat(VALUES['w_{jk}']) };
    // The library's message (the module carries its checks, src/values.ts bindSource).
    expect(() => mod.run(given, SIZES)).toThrow("missing value for input 'w_{jk}' (expected a 2-d array indexed [j][k]); 'w' names 2 quantities");
    expect(() => mod.run(given, SIZES)).toThrow(/the inputs are .*'o_i'/);
  });

  it("eval reads the values file by the user's keys, compiled and interpreted alike", async () => {
    const file = valuesFile('net-eval.json', VALUES);
    const compiled = await cli('eval', NET, '--indices', INDICES, '--values', file);
    const interpreted = await cli('eval', NET, '--indices', INDICES, '--values', file, '--interpret');
    expect(compiled.code).toBe(0);
    const value = (JSON.parse(compiled.out) as { value: number }).value;
    expect(value).toBeCloseTo((JSON.parse(interpreted.out) as { value: number }).value, 12);
    // by hand: the forward pass
    const h = [0, 1, 2].map((j) => 1 / (1 + Math.exp(-VALUES.o_i.reduce((s, x, i) => s + VALUES['w_{ij}'][i]![j]! * x, 0))));
    const y = [0, 1].map((k) => 1 / (1 + Math.exp(-h.reduce((s, x, j) => s + VALUES['w_{jk}'][j]![k]! * x, 0))));
    expect(value).toBeCloseTo(y.reduce((s, yk, k) => s + (VALUES.t[k]! - yk) ** 2, 0), 12);
  });

  it('a values file with the plain name of a split quantity is an input error naming the keys', async () => {
    const { 'w_{ij}': _a, 'w_{jk}': _b, ...rest } = VALUES;
    const r = await cli('eval', NET, '--indices', INDICES, '--values', valuesFile('net-plain.json', { ...rest, w: VALUES['w_{ij}'] }));
    expect(r.code).toBe(2);
    expect(r.err).toContain("missing value for input 'w_");
    expect(r.err).toContain("'w' names 2 quantities with different index ranges");
    for (const key of KEYS) expect(r.err).toContain(`'${key}'`);
    // One line, then the values file's line with a caret under its "values" key (where the input is missing).
    const [, line, caret] = r.err.split('\n');
    expect(r.err.split('\n')).toHaveLength(3);
    expect(line!.slice(caret!.indexOf('^'), caret!.lastIndexOf('^') + 1)).toBe('"values"');
  });

  it('without declared ranges the weights are one input, keyed w', async () => {
    const r = await cli('compile', NET, '--wrt', 'w_{ij}', '--emit', 'js');
    const inputs = /inputs: (\[.*\]),/.exec(r.out)![1]!;
    expect((JSON.parse(inputs) as { name: string }[]).map((x) => x.name).sort()).toEqual(['o', 't', 'w']);
  });
});

describe('library derive reads the variable as the command line does', () => {
  const r = resolveDefinitions(parseFormulas(NET), [], { sizes: SIZES });
  const options = { definitions: r.definitions, sizes: SIZES };

  it.each(['w_{jk}', 'w_{ij}'])('derive(target, %s) as text and as a parsed Var: the CLI\'s nonzero result', async (wrt) => {
    const byText = derive(r.target, wrt, options).result;
    const byVar = derive(r.target, parse(wrt) as Var, options).result;
    expect(byVar).toBe(byText);
    expect(toLatex(byText)).not.toBe('0');
    const out = await cli('derive', NET, '--wrt', wrt, '--indices', INDICES);
    expect(out.code).toBe(0);
    expect(out.out).toBe(`\\frac{\\partial E}{\\partial ${wrt}} = ${toLatex(byText)}`);
  });

  it('differs for the two weight matrices, and the variable it resolved to is keyed as the user writes it', () => {
    const jk = derive(r.target, 'w_{jk}', options);
    const ij = derive(r.target, 'w_{ij}', options);
    expect(jk.result).not.toBe(ij.result);
    expect(toLatex(jk.wrt)).toBe('w_{jk}');
    expect(compile(unfoldAll(jk.result, r.definitions)).inputs.map((x) => x.name).sort()).toEqual(['o_i', 't', 'w_{ij}', 'w_{jk}']);
  });

  it("the README's library example runs and prints what its comments say", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    // The first library example (test/docs/ts-blocks.test.ts type-checks and runs every one as a program).
    const code = /As a library[^]*?```ts\n([^]*?)```/.exec(readme)![1]!.replace(/^import .*\n/m, '');
    const logs: unknown[] = [];
    const api = { gradient, console: { log: (x: unknown) => logs.push(x) } };
    new Function(...Object.keys(api), code)(...Object.values(api));
    expect(logs[0]).toMatch(/^-2\(t_k - o_k\) \\sigma\\left\(\\sum_\{j\} w_\{jk\} o_j\\right\)/);
    expect(logs[1]).toEqual(['t', 'w', 'o']);
    expect((logs[2] as Float64Array).length).toBe(4); // ∂E/∂w_{jk} over j, k (2×2)
  });

  it('a variable that is not one is an input error', () => {
    expect(() => derive(r.target, 'w_{jk} + 1', options)).toThrow(InputError);
  });
});

describe('the library names the expected keys', () => {
  it('compile().fn with a missing or plain-named input: an InputError listing the keys', () => {
    const r = resolveDefinitions(parseFormulas(NET), [], { sizes: SIZES });
    const c = compile(unfoldAll(r.target, r.definitions));
    expect(c.inputs.map((x) => x.name).sort()).toEqual(KEYS);
    const { 'w_{ij}': _a, ...rest } = VALUES;
    const call = () => c.fn({ values: { ...rest, w: VALUES['w_{ij}'] }, sizes: SIZES });
    expect(call).toThrow(InputError);
    expect(call).toThrow("missing value for input 'w_{ij}' (expected a 2-d array indexed [i][j]); 'w' names 2 quantities");
    expect(call).toThrow("the inputs are 't', 'w_{jk}', 'w_{ij}', 'o_i'");
  });
});

describe('compile on a result that still names defined quantities', () => {
  const r = resolveDefinitions(parseFormulas(NET), [], { sizes: SIZES });
  const { result } = derive(r.target, 'w_{jk}', { definitions: r.definitions, sizes: SIZES });

  it('unfolds them given the definitions, and agrees with the interpreter on the unfolded result', () => {
    const values = { o_i: VALUES.o_i, 'w_{ij}': VALUES['w_{ij}'], 'w_{jk}': VALUES['w_{jk}'], t: VALUES.t };
    const got = compile(result, { definitions: r.definitions }).fn({ values, sizes: SIZES });
    const want = evaluate(unfoldAll(result, r.definitions), { values, sizes: SIZES });
    expect(Array.from(got.value as Float64Array)).toEqual((want.value as number[][]).flat());
  });

  it('without them, an input error names the defined quantity as written and says to pass the definitions', () => {
    expect(() => compile(result)).toThrow(InputError);
    expect(() => compile(result)).toThrow("'o' is defined by a formula, not an input: pass the definitions");
  });
});

describe('messages show indices as written', () => {
  const AMBIGUOUS = String.raw`E = \sum_i \sum_j w_{ij} x_i + \sum_j \sum_k w_{jk} y_k + w_{12}`;

  it.each([['w_{12}', AMBIGUOUS], ['w_{1,2}', AMBIGUOUS.replace('w_{12}', 'w_{1,2}')]])('%s', async (written, formula) => {
    const r = await cli('derive', formula, '--wrt', 'x_i', '--indices', INDICES);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot tell which 'w' is meant by ${written}`);
    expect(r.err).toContain("('w_{ij}', 'w_{jk}')");
    expect(r.err).not.toContain('#');
  });
});

describe('JSON keeps what tells quantities apart', () => {
  it('a defined name carries its version, a split name its family', () => {
    const r = resolveDefinitions(parseFormulas(NET), [], { sizes: SIZES });
    expect(toJson(r.target)).toEqual({ kind: 'var', name: 'E', indices: [], version: 1 });
    expect(toJson(r.definitions[0]!.body)).toMatchObject({
      kind: 'call', args: [{ kind: 'sum', body: { kind: 'mul', factors: [{ name: 'w', family: 'ij' }, { name: 'o', family: 'i' }] } }],
    });
    expect(toJson(parse('w_{jk}'))).toEqual({ kind: 'var', name: 'w', indices: [{ kind: 'ivar', name: 'j', offset: 0 }, { kind: 'ivar', name: 'k', offset: 0 }] });
  });
});

describe('library derive without the sizes that split a name', () => {
  it('is an input error naming the quantities and the missing sizes, not a silent 0', () => {
    const r = resolveDefinitions(parseFormulas(NET), [], { sizes: SIZES });
    const call = () => derive(r.target, 'w_{jk}', { definitions: r.definitions });
    expect(call).toThrow(InputError);
    expect(call).toThrow("cannot tell which 'w' is meant by w_{jk}: it fits 2 of the 2 quantities named 'w' ('w_{ij}', 'w_{jk}'), which differ in index ranges; give the sizes of j, k");
  });
});
