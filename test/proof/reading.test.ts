// A proof of a formula written in matrix notation starts with its reading into index form
// (src/proof/render.ts `readingSegments`): the formula as written, what it reads as, and the
// shapes, in every format and language; a formula in index notation has no such row.

import { describe, expect, it } from 'vitest';
import { parseWithShapes } from '../../src/parse/index.js';
import { prove } from '../../src/prove.js';
import { renderHtml, renderJson, renderLatex, renderMarkdown, renderText } from '../../src/proof/index.js';
import { toLatex } from '../../src/print/index.js';
import type { Var } from '../../src/core/ast.js';
import { parse } from '../../src/parse/index.js';
import { cli } from '../cli/run.js';

const WRITTEN = '\\mathbf{a}^\\top X \\mathbf{b}';

describe('the reading of matrix notation, first row of a proof', () => {
  it('shows the formula as written, its index form and the shapes, in every format', async () => {
    const index = '\\sum_{i} \\sum_{j} \\mathbf{a}_i X_{ij} \\mathbf{b}_j';
    const latex = await cli(['derive', WRITTEN, '--wrt', 'X', '--steps', '--format', 'latex']);
    expect(latex.code).toBe(0);
    // The first row of the align, before the derivation's own chain.
    expect(latex.out.split('\n')[1]).toBe(`${WRITTEN} &= ${index} \\tag*{\\text{read in index notation}} \\\\[2ex]`);
    expect(latex.out).toContain('\\textbf{read in index notation}: Matrix notation, with the shapes $\\mathbf{a}\\colon i,\\ X\\colon i \\times j,\\ \\mathbf{b}\\colon j$');

    const text = await cli(['derive', WRITTEN, '--wrt', 'X', '--steps', '--format', 'text']);
    const lines = text.out.split('\n');
    const at = lines.indexOf('read in index notation');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([`  ${WRITTEN}`, '  = sum(i, sum(j, mathbf(a)[i] * X[i,j] * mathbf(b)[j]))']);
    expect(lines.indexOf('Step 1: swap ∂ and Σ')).toBeGreaterThan(at);

    const md = await cli(['derive', WRITTEN, '--wrt', 'X', '--steps', '--format', 'markdown']);
    expect(md.out).toContain(`${WRITTEN} &= ${index} && \\text{read in index notation}`);

    const json = JSON.parse((await cli(['derive', WRITTEN, '--wrt', 'X', '--steps', '--format', 'json'])).out) as {
      reading: { written: string; index: { latex: string }[]; shapes: { name: { latex: string }; dims: string[] }[] };
    };
    expect(json.reading.written).toBe(WRITTEN);
    expect(json.reading.index.map((e) => e.latex)).toEqual([index]);
    expect(json.reading.shapes.map((s) => `${s.name.latex}: ${s.dims.join('×')}`)).toEqual(['\\mathbf{a}: i', 'X: i×j', '\\mathbf{b}: j']);
  });

  it('is in Chinese too, and the HTML page shows it typeset', async () => {
    const zh = await cli(['derive', WRITTEN, '--wrt', 'X', '--steps', '--format', 'latex', '--lang', 'zh']);
    expect(zh.out).toContain('改写为指标记法');
    expect(zh.out).toContain('矩阵记法，各量的形状为');
    const html = await cli(['derive', WRITTEN, '--wrt', 'X', '--steps', '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.out).toContain('<p class="reading"><span class="label">read in index notation</span>');
    expect(html.out).not.toContain('<code>');
  });

  it('appears only for matrix notation, in simplify too', async () => {
    const index = await cli(['derive', '\\sum_i \\sum_j a_i X_{ij} b_j', '--wrt', 'X_{kl}', '--steps', '--format', 'latex']);
    expect(index.out).not.toContain('read in index notation');
    const simplified = await cli(['simplify', '\\operatorname{tr}(X^\\top A)', '--steps', '--format', 'text']);
    expect(simplified.out).toContain('read in index notation\n  \\operatorname{tr}(X^\\top A)');
  });

  it('shows as code what KaTeX does not typeset', () => {
    const read = parseWithShapes(WRITTEN);
    const p = prove(read.formulas[0]!, parse('X_{kl}') as Var);
    const page = renderHtml({ ...p, reading: { written: '\\unknownmacro{x}', index: read.formulas, shapes: read.shapes } });
    expect(page).toContain('<code>\\unknownmacro{x}</code>');
    // Every other format shows the written text as it is.
    const reading = { written: WRITTEN, index: read.formulas, shapes: read.shapes };
    for (const out of [renderText, renderLatex, renderMarkdown, renderJson].map((r) => r({ ...p, reading }))) {
      expect(out).toContain(out.startsWith('{') ? JSON.stringify(WRITTEN).slice(1, -1) : WRITTEN);
    }
    expect(renderLatex({ ...p, reading })).toContain(toLatex(read.formulas[0]!));
  });
});
