// The command line, run in-process through runCli (the bin only binds it to the process).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli as run } from './run.js';
import { sameShape } from '../../src/core/ast.js';
import { parse } from '../../src/parse/index.js';
import { equivalent } from '../../src/simplify/index.js';
import {
  SEED_EXPRESSION_ONE, SEED_EXPRESSION_ONE_COMMA, SEED_EXPRESSION_TWO, SEED_EXPRESSION_TWO_COMMA,
} from '../fixtures/seed.js';

const cli = (...argv: string[]) => run(argv);

const tmp = mkdtempSync(join(tmpdir(), 'kronecker-cli-'));
const SEED_E = String.raw`E = \sum_k (t_k - o_k)^2`;
const SEED_O = String.raw`o_k = \text{sigmoid}(\sum_j w_{jk} \cdot o_j)`;

describe('kronecker simplify on the seed', () => {
  it.each([
    ['w_{jk}', SEED_EXPRESSION_ONE, SEED_EXPRESSION_TWO],
    ['w_{j,k}', SEED_EXPRESSION_ONE_COMMA, SEED_EXPRESSION_TWO_COMMA],
  ])('expression one (%s form) prints expression two', async (_form, one, two) => {
    const r = await cli('simplify', one);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/\\partial w_\{j'|\\delta|\\sum_\{j'\}/);
    expect(equivalent(parse(r.out), parse(two))).toBe(true);
    expect(parse(r.out)).not.toBe(parse(one));
  });
});

describe('kronecker simplify --check', () => {
  it('checks every rewrite numerically and says so, with or without --steps', async () => {
    const plain = await cli('simplify', String.raw`\frac{\partial}{\partial w_{jk}} \sum_j w_{jk} o_j`, '--check');
    expect(plain.code).toBe(0);
    expect(plain.out).toBe('o_j');
    expect(plain.err).toMatch(/^steps: ok — all \d+ steps checked/);
    const steps = await cli('simplify', SEED_EXPRESSION_ONE, '--steps', '--check', '--format', 'json');
    expect(steps.code).toBe(0);
    expect(steps.err).toMatch(/step 1 \(index\.rename-bound\): ok/);
  });
});

describe('kronecker derive', () => {
  it('derives the seed gradient from E and the layer definition: expression two', async () => {
    const r = await cli('derive', SEED_E, '--where', SEED_O, '--wrt', 'w_{jk}');
    expect(r.code).toBe(0);
    expect(equivalent(parse(r.out), parse(SEED_EXPRESSION_TWO))).toBe(true);
  });

  it('--format json: the printed LaTeX and text parse back to the same result', async () => {
    const r = await cli('derive', SEED_E, '--where', SEED_O, '--wrt', 'w_{jk}', '--format', 'json');
    const json = JSON.parse(r.out) as { result: { latex: string; text: string }; free: string[] };
    expect(json.free).toEqual(['j', 'k']);
    expect(sameShape(parse(json.result.latex), parse(json.result.text, { syntax: 'text' }))).toBe(true);
  });

  it('reads a formula that opens with a minus as the formula, not an option; -x stays an option', async () => {
    const r = await cli('derive', String.raw`-\alpha_t \log p_t`, '--wrt', 'p_t');
    expect(r.code).toBe(0);
    expect(r.out).toBe(String.raw`\frac{\partial (-\alpha_t \log(p_t))}{\partial p_t} = -\frac{\alpha_t}{p_t}`);
    expect((await cli('derive', 'E = y^2', '--where', '-x^2 = 1', '--wrt', 'y')).out).toBe('d/dy(E) = 2 * y');
    expect((await cli('derive', '-2 x', '--wrt', 'x')).out).toBe('d/dx(-2 * x) = -2');
    const option = await cli('derive', '-x', '--wrt', 'x');
    expect(option.code).toBe(2);
    expect(option.err).toContain("Unknown option '-x'");
  });

  it('--check verifies the result numerically and says so', async () => {
    const r = await cli('derive', 'sum(j, w[j,k]*o[j])', '--wrt', 'w[j,k]', '--check');
    expect(r.code).toBe(0);
    expect(r.out).toBe('d/dw[j,k](sum(j, w[j,k] * o[j])) = o[j]');
    expect(r.err).toMatch(/^check: ok — agrees with central finite differences at \d+ points/);
  });

  it('--check makes random inputs satisfy an assumption the simplifier used (softmax targets summing to 1)', async () => {
    const softmaxCe = String.raw`E = -\sum_k t_k \log \frac{e^{z_k}}{\sum_i e^{z_i}}; \sum_k t_k = 1`;
    const r = await cli('derive', softmaxCe, '--wrt', 'z_j', '--check');
    expect(r.code).toBe(0);
    expect(r.out).toBe(String.raw`\frac{\partial E}{\partial z_j} = \frac{e^{z_j}}{\sum_{i} e^{z_i}} - t_j`);
    expect(r.err).toMatch(/^check: ok/);
    expect(r.err).not.toContain('before simplification');
  });

  it('--check falls back to the raw derivative when an assumption cannot be met by construction', async () => {
    const r = await cli('derive', String.raw`E = -\sum_k t_k \log \frac{e^{z_k}}{\sum_i e^{z_i}}; \sum_k t_k^2 = 1`, '--wrt', 'z_j', '--check');
    expect(r.code).toBe(0);
    expect(r.err).toContain('the derivative before simplification');
  });

  it('bound and free j are different variables (the SymPy capture case)', async () => {
    const r = await cli('derive', String.raw`\sum_j w_{jk} o_j`, '--wrt', 'w_{jk}');
    expect(r.out).toMatch(/= o_j$/);
  });

  it('needs --wrt', async () => {
    const r = await cli('derive', 'x^2');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--wrt');
  });
});

describe('errors: one short message, a caret, exit 2, no stack trace', () => {
  it.each([
    [String.raw`\sigm(x)`, 'unknown command \\sigm; did you mean \\sigma? (1:1)', '^^^^^'],
    [String.raw`\frac{1}{`, 'unexpected end of input', '^'],
    ['x + * y', "unexpected '*'", '^'],
  ])('%s', async (input, message, caret) => {
    const r = await cli('parse', input);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toContain(input);
    expect(r.err).toContain(caret);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a prime that names no variable is refused, not differentiated', async () => {
    const r = await cli('derive', String.raw`(ax)^\prime`, '--wrt', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain('does not say which variable');
  });

  it('an unknown function is refused by name', async () => {
    const r = await cli('derive', 'foo(x)', '--wrt', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown function '?foo/);
  });

  it('an unknown option is a usage error', async () => {
    const r = await cli('derive', 'x', '--wrt', 'x', '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown option '--bogus'[\s\S]*kronecker derive --help/);
  });

  it('an unknown command is a usage error', async () => {
    const r = await cli('differentiate', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'differentiate'");
  });
});

describe('help and version', () => {
  it.each(['parse', 'derive', 'simplify', 'eval', 'compile', 'demo'])('%s --help shows usage and an example', async (name) => {
    const r = await cli(name, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Usage: kronecker ${name}`));
    expect(r.out).toMatch(/Examples?:/);
  });

  it('--help lists every command; --version prints the package version', async () => {
    const help = await cli('--help');
    for (const name of ['parse', 'derive', 'simplify', 'eval', 'compile', 'demo']) expect(help.out).toContain(`  ${name}`);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await cli('--version')).out).toBe(pkg.version);
  });
});

describe('kronecker parse', () => {
  it('prints LaTeX as text and back', async () => {
    expect((await cli('parse', String.raw`\sum_j w_{jk} \cdot o_j`, '--format', 'text')).out).toBe('sum(j, w[j,k] * o[j])');
    expect((await cli('parse', 'sum(j, w[j,k]*o[j])')).out).toBe(String.raw`\sum_{j} w_{jk} o_j`);
  });

  it('--format json gives the AST without interning ids', async () => {
    const ast = JSON.parse((await cli('parse', 'w_{jk}', '--format', 'json')).out) as Record<string, unknown>;
    expect(ast).toEqual({
      kind: 'var', name: 'w', indices: [{ kind: 'ivar', name: 'j', offset: 0 }, { kind: 'ivar', name: 'k', offset: 0 }],
    });
  });

  it('reads a file with -f', async () => {
    const file = join(tmp, 'f.tex');
    writeFileSync(file, 'x^2 + y');
    expect((await cli('parse', '-f', file, '--format', 'text')).out).toBe('x^2 + y');
  });
});

describe('kronecker eval', () => {
  const values = join(tmp, 'values.json');
  writeFileSync(values, JSON.stringify({ values: { w: [[1, 2], [3, 4], [5, 6]], o: [1, 0, 2] } }));

  it('evaluates a sum over arrays, compiled and interpreted alike', async () => {
    const compiled = JSON.parse((await cli('eval', String.raw`\sum_j w_{jk} o_j`, '--values', values)).out);
    expect(compiled).toEqual({ free: ['k'], shape: [2], value: [11, 14] });
    const interpreted = JSON.parse((await cli('eval', String.raw`\sum_j w_{jk} o_j`, '--values', values, '--interpret')).out);
    expect(interpreted).toEqual(compiled);
  });

  it('evaluates a derivative inside the formula, with --free ordering', async () => {
    const r = JSON.parse((await cli('eval', String.raw`\frac{\partial}{\partial w_{jk}} \sum_j w_{jk} o_j`, '--values', values, '--free', 'k,j')).out);
    expect(r).toEqual({ free: ['k', 'j'], shape: [2, 3], value: [[1, 0, 2], [1, 0, 2]] });
  });

  it('a bounded sum 1..n declares x to have n entries: no bracket, n stays a constant, another length is an error', async () => {
    const file = join(tmp, 'bounded.json');
    writeFileSync(file, JSON.stringify({ values: { x: [1, 2, 3], n: 3 } }));
    const wrong = join(tmp, 'bounded-wrong.json');
    writeFileSync(wrong, JSON.stringify({ values: { x: [1, 2, 3, 4], n: 3 } }));
    expect((await cli('derive', String.raw`\sum_{j=1}^{n} x_j^2`, '--wrt', 'x_k')).out).toMatch(/= 2 x_k$/);
    expect((await cli('derive', String.raw`\sum_{j=2}^{n} x_j^2`, '--wrt', 'x_k')).out).toMatch(/= 2 \[2 \\le k \\le n\] x_k$/);
    for (const mode of [[], ['--interpret']]) {
      const r = JSON.parse((await cli('eval', String.raw`\sum_{j=1}^{n} x_j^2`, '--wrt', 'x_k', '--values', file, ...mode)).out);
      expect(r).toEqual({ free: ['k'], shape: [3], value: [2, 4, 6] });
      const bad = await cli('eval', String.raw`\sum_{j=1}^{n} x_j^2`, '--values', wrong, ...mode);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/input 'x' has 4 entries .* n = 3/);
    }
  });

  it('a missing input is an error naming it', async () => {
    const r = await cli('eval', String.raw`\sum_j v_{jk} o_j`, '--values', values);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/'?v'?/);
  });
});

describe('kronecker compile', () => {
  it('emits an ES module whose run() computes the seed gradient like the interpreter', async () => {
    const r = await cli('compile', SEED_E, '--where', SEED_O, '--wrt', 'w_{jk}', '--emit', 'js');
    expect(r.code).toBe(0);
    const file = join(tmp, 'grad.mjs');
    writeFileSync(file, r.out);
    const mod = (await import(pathToFileURL(file).href)) as { run: (v: object, s?: object) => Float64Array | { value: Float64Array } };
    const inputs = { w: [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], o: [1, 0.5, -1], t: [0.2, 0.9] };
    const flat = { w: Float64Array.from(inputs.w.flat()), o: Float64Array.from(inputs.o), t: Float64Array.from(inputs.t) };
    const out = mod.run(flat, { j: 3, k: 2 });
    const got = Array.from(out instanceof Float64Array ? out : out.value);
    const valuesFile = join(tmp, 'seed-values.json');
    writeFileSync(valuesFile, JSON.stringify({ values: inputs }));
    const want = JSON.parse((await cli('eval', SEED_E, '--where', SEED_O, '--wrt', 'w_{jk}', '--values', valuesFile, '--interpret')).out) as { value: number[][] };
    want.value.flat().forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
  });
});

describe('kronecker demo', () => {
  it("runs the seed's derivation and confirms expression two", async () => {
    const r = await cli('demo');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Equal to the seed\'s expression two: derived yes, simplified yes');
    expect(r.out).toMatch(/check: ok/);
  });
});
