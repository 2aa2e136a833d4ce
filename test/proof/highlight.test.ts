// The page's highlighting (`\colorbox` around the rewritten subterm, locate.ts
// `latexMarked`) changes nothing else: parentheses around a highlighted fraction
// stay `\left( … \right)` (KaTeX sizes them), and a negative term after a plus
// keeps its ` - `. Over every corpus proof, each highlighted row without its boxes
// is exactly the row's plain LaTeX.

import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { add, div, type Expr, mul, neg, sum, variable, ivar, pow, num } from '../../src/core/ast.js';
import { DETAILS, layout } from '../../src/proof/index.js';
import { printExpr } from '../../src/proof/fill.js';
import { changedLatex, katexRender } from '../../src/proof/html.js';
import { latexMarked } from '../../src/proof/locate.js';
import { CORPUS } from '../corpus.js';
import { corpusProof } from './corpus-proof.js';

const box = (latex: string) => `\\colorbox{#bbf7d0}{$\\displaystyle ${latex}$}`;
/** The LaTeX without its boxes; a box that was a one-character exponent keeps its group (`x^{\colorbox{…}{2}}`), dropped here. */
const unboxed = (latex: string) =>
  latex.replace(/\^\{\\colorbox\{#[0-9a-f]{6}\}\{\$\\displaystyle ([^{}\\$])\$\}\}/g, '^$1')
    .replace(/\\colorbox\{#[0-9a-f]{6}\}\{\$\\displaystyle /g, '').replace(/\$\}/g, '');
/** The KaTeX HTML of the delimiters `\left(` … `\right)` grow to: a `delimsizing` span (size1..4, or stacked pieces). */
const sizedDelimiters = (html: string) => (html.match(/class="delimsizing (size\d|mult)"/g) ?? []).length;

const [x, y, a, b] = ['x', 'y', 'a', 'b'].map((n) => variable(n)) as [Expr, Expr, Expr, Expr];

describe('a highlighted fraction inside parentheses', () => {
  const e = mul([add([x, div(a, b)]), y]); // (x + a/b) y
  const marked = latexMarked(e, [[0, 1]], box);

  test('keeps \\left( \\right), so KaTeX sizes the parentheses', () => {
    expect(marked).toBe(String.raw`\left(x + \colorbox{#bbf7d0}{$\displaystyle \frac{a}{b}$}\right) y`);
    const html = katexRender(marked, true);
    expect(sizedDelimiters(html)).toBe(2);
    // What the placeholder used to give: plain parentheses, not sized.
    expect(sizedDelimiters(katex.renderToString(String.raw`(x + \colorbox{#bbf7d0}{$\displaystyle \frac{a}{b}$}) y`, { displayMode: true }))).toBe(0);
  });

  test('in a function call, a power and a Σ body too', () => {
    const cases: [Expr, number[]][] = [
      [mul([y, pow(div(a, b), num(2))]), [1, 0]], // y (a/b)^2, the fraction marked
      [mul([y, add([x, sum('i', div(variable('x', [ivar('i')]), a))])]), [1, 1]], // y (x + Σ_i x_i/a)
    ];
    for (const [expr, path] of cases) {
      const m = latexMarked(expr, [path], box);
      expect(unboxed(m)).toBe(printExpr(expr, 'latex'));
      expect(sizedDelimiters(katexRender(m, true))).toBeGreaterThanOrEqual(2);
    }
  });

  test('a negative term after a plus keeps its minus outside the box', () => {
    const xi = variable('x', [ivar('i')]);
    const e2 = add([y, sum('i', neg(div(xi, a)))]); // y + Σ_i (-x_i/a), printed y - Σ_i x_i/a
    expect(latexMarked(e2, [[1]], box)).toBe(String.raw`y - \colorbox{#bbf7d0}{$\displaystyle \sum_{i} \frac{x_i}{a}$}`);
    expect(latexMarked(e2, [[1, 0]], box)).toBe(String.raw`y - \sum_{i} \colorbox{#bbf7d0}{$\displaystyle \frac{x_i}{a}$}`);
    expect(latexMarked(add([y, neg(x)]), [[1]], box)).toBe(String.raw`y - \colorbox{#bbf7d0}{$\displaystyle x$}`);
  });
});

describe('every highlighted row of every corpus proof is its plain row with boxes', () => {
  test.each(CORPUS.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    const { proof } = corpusProof(entry);
    const wrong: string[] = [];
    for (const detail of DETAILS) {
      for (const row of layout(proof, { detail }).chains.flatMap((c) => c.rows)) {
        if (row.step === null) continue;
        const marked = changedLatex(row);
        if (unboxed(marked) !== printExpr(row.expr, 'latex')) wrong.push(`${detail} row ${row.n}: ${marked}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
