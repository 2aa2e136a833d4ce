// Proof pages stay proportional (src/proof/html.ts): each formula is rendered once, a row
// longer than ROW_LIMIT is elided with its LaTeX under a "show" toggle (the LaTeX reads back
// as the row), a proof beyond PROOF_LIMIT is refused with exit 2, and the 30-sum product that
// once ran out of memory finishes in seconds. Formulas with derivative operators render.

import { describe, expect, test } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { printExpr } from '../../src/proof/fill.js';
import { ROW_LIMIT } from '../../src/proof/html.js';
import { layout, PROOF_LIMIT } from '../../src/proof/render.js';
import { prove } from '../../src/prove.js';
import { renderHtml } from '../../src/proof/index.js';
import { cli } from '../cli/run.js';

/** A product of n sums, ∂/∂x_j: its proof rows grow with n. */
const sums = (n: number) => Array.from({ length: n }, (_, k) => `(\\sum_{i} a_{${k + 1},i} x_i)`).join('');

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('proof pages', () => {
  test('the 30-sum product: under 10 s, a page proportional to its LaTeX proof, each elided row shown as source', async () => {
    // CPU time, not wall time: the machine running the tests may be shared (the CLI alone: 1.3 s, 160 MB).
    const cpu = process.cpuUsage();
    const heap = process.memoryUsage().heapUsed;
    const html = await cli(['derive', sums(30), '--wrt', 'x_j', '--steps', '--format', 'html']);
    expect(html.code).toBe(0);
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1e6).toBeLessThan(10);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(500e6);
    const latex = await cli(['derive', sums(30), '--wrt', 'x_j', '--steps', '--format', 'latex']);
    // The page: KaTeX's CSS and fonts (~300 kB), the rendered short rows, and the long rows' sources.
    expect(html.out.length).toBeLessThan(2 * latex.out.length + 1_000_000);
    const sources = [...html.out.matchAll(/<details class="source"><summary>[^<]*<\/summary><pre>([^<]*)<\/pre><\/details>/g)].map((m) => unescape(m[1]!));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(s.length).toBeGreaterThan(ROW_LIMIT);
      // A row's source is the LaTeX of a whole expression, or of `focus = replacement`: it reads back.
      expect(() => parse(s)).not.toThrow();
    }
  }, 60_000);

  test('each formula once: a small proof renders the chain and, per step, only its rewrite', () => {
    const proof = prove(parse(String.raw`\sum_j w_{jk} \sigma(x_j)`), 'w_{jk}');
    const html = renderHtml(proof);
    const steps = layout(proof).chains.flatMap((c) => c.rows).filter((r) => r.step !== null).length;
    const display = (html.match(/<span class="formula display">/g) ?? []).length;
    expect(display).toBe(1 + steps);
    expect(html).not.toContain('<details class="source">');
  });

  test('a row longer than the limit is elided in the chain; its source, under "show", is the row', () => {
    const proof = prove(parse(sums(8)), 'x_j');
    const rows = layout(proof).chains.flatMap((c) => c.rows);
    const latex = (r: (typeof rows)[number]) => printExpr(r.expr, 'latex');
    const long = rows.filter((r) => latex(r).length > ROW_LIMIT);
    expect(long.length).toBeGreaterThan(0);
    const html = renderHtml(proof);
    const sources = [...html.matchAll(/<pre>([^<]*)<\/pre>/g)].map((m) => unescape(m[1]!));
    const rewrites = rows.filter((r) => r.step !== null).map((r) => `${printExpr(r.step!.focus, 'latex')} = ${printExpr(r.step!.replacement, 'latex')}`);
    for (const r of long) expect(sources).toContain(latex(r));
    for (const src of sources) expect([...long.map(latex), ...rewrites]).toContain(src);
    expect((html.match(/characters: &quot;show&quot; below/g) ?? []).length).toBe(long.length);
  }, 60_000);

  test('a proof beyond the limit is refused in every format, with exit 2 and a way out', async () => {
    const deep = `${'\\left|'.repeat(199)}x${'\\right|'.repeat(199)}`;
    for (const format of ['text', 'html']) {
      const r = await cli(['derive', deep, '--wrt', 'x', '--steps', '--format', format]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^error: the proof is too large to show: \\d+ steps of \\d+ symbols in all, the limit is ${PROOF_LIMIT} \\(docs/cli.md, "Limits"\\); use --detail brief`));
    }
    // Without --steps the derivative is printed.
    expect((await cli(['derive', deep, '--wrt', 'x'])).code).toBe(0);
  }, 120_000);

  test.each([
    String.raw`\frac{\partial}{\partial x} x^2 y`,
    String.raw`\partial_x (x^2 y)`,
    String.raw`\frac{d}{dx} \sigma(x y)`,
    String.raw`\frac{\partial^2}{\partial x^2} x^3 y`,
    String.raw`E = \frac{\partial}{\partial x_j} \sum_i x_i^2 y`,
  ])('a formula with a derivative operator: every proof format, derive and simplify (%s)', async (f) => {
    for (const format of ['text', 'latex', 'markdown', 'html', 'json']) {
      for (const argv of [['derive', f, '--wrt', 'y'], ['simplify', f]]) {
        const r = await cli([...argv, '--steps', '--format', format]);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
      }
    }
  });
});
