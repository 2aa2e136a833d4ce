// Process hygiene: a pipe whose reader goes away (EPIPE) ends the process quietly with 141, a
// write that fails (a full disk) with one line and 74 (src/cli/main.ts); input errors at the
// edges are exit 2 naming what is wrong; a multi-digit index round-trips through LaTeX; names a
// caller built by hand cannot become markup.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { add, inum, mul, variable } from '../../src/core/ast.js';
import { EXIT } from '../../src/cli/errors.js';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { renderMarkdown } from '../../src/proof/render.js';
import { renderHtml } from '../../src/proof/html.js';
import { cli } from '../cli/run.js';

const BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const LONG = Array.from({ length: 30 }, (_, k) => `(\\sum_{i} a_{${k + 1},i} x_i)`).join('');

describe.skipIf(!existsSync(BIN))('the executable when its output cannot be written', () => {
  test('a reader that goes away (kronecker … | head): exit 141, nothing on stderr', async () => {
    const child = spawn(process.execPath, [BIN, 'derive', LONG, '--wrt', 'x_j', '--steps', '--format', 'latex'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(EXIT.brokenPipe);
    expect(err).toBe('');
  }, 60_000);

  test.skipIf(!existsSync('/dev/full'))('a full disk (ENOSPC): exit 74 and one line naming the stream', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'derive', 'x^2', '--wrt', 'x', '--steps'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(EXIT.writeFailed);
      expect(r.stderr).toBe('error: cannot write standard output: ENOSPC\n');
    } finally {
      closeSync(fd);
    }
  });
});

describe('input errors at the edges are exit 2 with a message, never 70', () => {
  test('--out to a path that cannot be written names the path', async () => {
    const r = await cli(['derive', 'x^2', '--wrt', 'x', '--steps', '--out', '/nonexistent-dir/p.tex']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('/nonexistent-dir/p.tex');
  });

  test('an inequality in a formula list, and 2 = x_j as an assumption', async () => {
    for (const argv of [
      ['derive', 'x < 1; x^2', '--wrt', 'x'], ['simplify', 'x < 1; x^2'], ['derive', '\\sum_j x_j^2', '--where', '2 = x_j', '--wrt', 'x_k'],
      ['derive', '2 = x_j; \\sum_j x_j^2', '--wrt', 'x_k'], ['derive', 'x^2 < 1', '--wrt', 'x'],
    ]) {
      const r = await cli(argv);
      expect([0, 2], argv.join(' ')).toContain(r.code);
      if (r.code === 2) expect(r.err).toMatch(/^error: |\(\d+:\d+\)/);
    }
    expect((await cli(['derive', '2 = x_j; \\sum_j x_j^2', '--wrt', 'x_k'])).err).toContain('2 = x_j');
  });

  test('a -f file with a UTF-8 byte-order mark', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kronecker-bom-')), 'f.tex');
    writeFileSync(file, '\uFEFF\\sum_j x_j^2');
    const r = await cli(['derive', '--wrt', 'x_k', '-f', file, '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 * x[k]');
  });
});

describe('a multi-digit index through LaTeX', () => {
  test('x[10] prints as x_{{10}} and reads back as one index; indices of one digit stay x_{12}', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 3 }), fc.constantFrom('x', 'w', 'alpha'), (ns, name) => {
      const text = `${name}[${ns.join(',')}]`;
      const e = parse(text, { syntax: 'text' });
      const latex = toLatex(e);
      expect(toText(parse(latex))).toBe(text);
    }), { seed: 14, numRuns: 200 });
    expect(toLatex(parse('x[10]'))).toBe('x_{{10}}');
    expect(toLatex(parse('x[1,2]'))).toBe('x_{12}');
    expect(toText(parse('x_{10}'))).toBe('x[1,0]');
  });
});

describe('names a caller built by hand', () => {
  const HOSTILE = ['\\input{/etc/passwd}', '</script><script>alert(1)</script>', '$x$', '}{', '%comment', 'a_b^c', '#&~', 'x\ny'];
  test.each(HOSTILE)('%j: escaped in LaTeX, Markdown and HTML, and shown as written', (name) => {
    const e = add([mul([variable(name, [inum(2)]), variable('y', [])]), variable(name, [])]);
    const latex = toLatex(e);
    // Nothing special is left once the escapes are taken out.
    expect(latex.replace(/\\[{}$&#_%]|\\text[a-z]*\{\}/g, '')).not.toMatch(/\\input|[<>%$&#~]/);
    // Every control sequence is one the printers write.
    for (const m of latex.matchAll(/\\([A-Za-z]+)/g)) expect(['text', 'textbackslash', 'textless', 'textgreater', 'textasciicircum', 'textasciitilde']).toContain(m[1]);
    // KaTeX shows the name's characters (a line break as a space).
    const mathml = katex.renderToString(latex, { output: 'mathml', strict: 'error', throwOnError: true });
    const shown = [...mathml.matchAll(/<mtext>([^<]*)<\/mtext>/g)].map((m) => m[1]!).join('')
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\u00a0/g, ' ');
    expect(shown).toContain(name.replace(/\n/g, ' '));
    const proof = { goal: e, steps: [], result: e };
    expect(renderMarkdown(proof)).not.toMatch(/<\/?script|\\input/);
    expect(renderHtml(proof)).not.toMatch(/<\/?script|\\input\{/);
  });
});
