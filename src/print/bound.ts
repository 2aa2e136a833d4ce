// Printing bound letters: the differentiator α-renames binders to fresh primed
// names (`\sum_{j'}`); the printers show the user's letter again where that
// changes no meaning (docs: DESIGN §2, "Printing bound letters").

import { indexTerms, ivar, type Expr, type Reduce } from '../core/ast.js';
import { baseLetter } from '../core/fresh.js';
import { freeIndices, substituteIndex } from '../core/indices.js';

/** What a placeholder stands for, and how its LaTeX is dressed. */
export interface Mark {
  readonly expr: Expr;
  readonly mark: (latex: string) => string;
}

export interface PrintOptions {
  /** Show `\sum_{j'} w_{j'k}` as `\sum_{j} w_{jk}` when `j` is not free in the body (default true). */
  readonly restoreBoundLetters?: boolean;
  /**
   * Print a later term of a sum whose sign sits inside it (`\sum_i (-x_i)`, `\frac{-a}{b}`,
   * `(-a) b`) as ` - ` and its positive part (`a - \sum_i x_i`): the same value, read back as
   * another tree (default false; proofs use it, see `negatedTerm`).
   */
  readonly signsOut?: boolean;
  /**
   * Placeholders (LaTeX only): each is printed as `mark` of the LaTeX of the expression it
   * stands for, with the parentheses and spacing that expression gets in its place (the
   * proof page highlights a subterm this way: `\left(x + \colorbox{…}{$\frac{a}{b}$}\right)`).
   */
  readonly marks?: ReadonlyMap<Expr, Mark>;
}

/**
 * The bound index and body to show for the binder `s`. `j'` becomes `j` when `j` is free
 * neither in the body (it would be captured) nor in the bounds (`\sum_{j=1}^{j}`
 * would mean the same but read wrongly).
 */
export function shownBinder(s: Reduce, options: PrintOptions): { readonly index: string; readonly body: Expr } {
  const letter = baseLetter(s.index);
  const inBounds = [s.lower, s.upper].some((b) => b !== null && indexTerms(b).some((t) => t.name === letter));
  if (!(options.restoreBoundLetters ?? true) || letter === s.index || inBounds || freeIndices(s.body).has(letter)) {
    return { index: s.index, body: s.body };
  }
  return { index: letter, body: substituteIndex(s.body, s.index, ivar(letter)) };
}
