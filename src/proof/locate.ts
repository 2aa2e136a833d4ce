// Where a step happened: paths to subterms, the positions a rewrite touched,
// the smallest region where two expressions differ, and LaTeX with chosen
// subterms highlighted.

import { children, type Expr, mapChildren, neg, variable, ivar } from '../core/ast.js';
import { internalName } from '../core/fresh.js';
import { freeIndices } from '../core/indices.js';
import { type Path, replaceAt, replaceSubterm } from '../core/replace.js';
import { type Mark, negatedTerm, toLatex } from '../print/index.js';
import { PRINT } from './fill.js';

export function subtermAt(e: Expr, path: Path): Expr {
  return path.reduce((x, i) => children(x)[i]!, e);
}

function withChildren(e: Expr, kids: readonly Expr[]): Expr {
  let i = 0;
  return mapChildren(e, () => kids[i++]!);
}

/** Same node kind and attributes, children aside (so a rewrite below keeps the node). */
function sameHead(a: Expr, b: Expr): boolean {
  const ka = children(a);
  const kb = children(b);
  return a.kind === b.kind && ka.length === kb.length && withChildren(a, kb) === b;
}

/** Every position of `focus` in `e` (not looking inside an occurrence). */
export function occurrences(e: Expr, focus: Expr): Path[] {
  const out: Path[] = [];
  const walk = (x: Expr, path: number[]): void => {
    if (x === focus) {
      out.push([...path]);
      return;
    }
    children(x).forEach((c, i) => walk(c, [...path, i]));
  };
  walk(e, []);
  return out;
}

/** The positions where `before` holds `focus` and `after` holds `replacement`, the rest being equal. */
export function rewrittenPaths(before: Expr, after: Expr, focus: Expr, replacement: Expr): Path[] {
  const out: Path[] = [];
  const walk = (a: Expr, b: Expr, path: number[]): boolean => {
    if (a === focus && b === replacement) {
      out.push([...path]);
      return true;
    }
    if (a === b) return true;
    if (!sameHead(a, b)) return false;
    const kb = children(b);
    return children(a).every((c, i) => walk(c, kb[i]!, [...path, i]));
  };
  return walk(before, after, []) ? out : [];
}

/** `after` = `before` with every occurrence of `focus`, or with exactly one, replaced by `replacement`. */
export function isPlaced(before: Expr, after: Expr, focus: Expr, replacement: Expr): boolean {
  const at = occurrences(before, focus);
  if (at.length === 0) return false;
  if (replaceSubterm(before, focus, replacement) === after) return true;
  return at.some((path) => replaceAt(before, path, replacement) === after);
}

/**
 * The deepest path below which `a` and `b` differ (null when they are equal).
 * It does not go inside a derivative: `∂y/∂b = ∂b/∂b` (`y = Σ_j w_j x_j + b`) does
 * not make `y` equal to `b`, so the region is the whole `∂`.
 */
export function changedRegion(a: Expr, b: Expr): Path | null {
  if (a === b) return null;
  const path: number[] = [];
  let x = a;
  let y = b;
  for (;;) {
    if (!sameHead(x, y) || x.kind === 'diff') return path;
    const kx = children(x);
    const ky = children(y);
    const differing = kx.flatMap((c, i) => (c === ky[i] ? [] : [i]));
    if (differing.length !== 1) return path;
    path.push(differing[0]!);
    x = kx[differing[0]!]!;
    y = ky[differing[0]!]!;
  }
}

/**
 * Whether the subterm at `path` sits where the proof printer (`signsOut`) shows
 * its sign as the ` - ` of a later term of a sum: that term itself, or the lead
 * factor, numerator or Σ body (repeatedly) of it.
 */
function signShownOutside(root: Expr, path: Path): boolean {
  for (let i = path.length; i > 0; i--) {
    const parent = subtermAt(root, path.slice(0, i - 1));
    const at = path[i - 1]!;
    if (parent.kind === 'add') return at > 0;
    const through = (parent.kind === 'mul' || parent.kind === 'div') ? at === 0 : parent.kind === 'reduce' && parent.op === 'sum';
    if (!through) return false;
  }
  return false;
}

/**
 * LaTeX of `e` with the subterms at `paths` passed through `mark` (e.g. into a
 * `\colorbox`). Each marked subterm is swapped for a placeholder variable with
 * the same free indices (so that bound letters print as before), which the
 * printer (`marks`) prints as the marked subterm's LaTeX, with the parentheses
 * (`\left( … \right)` around a fraction) and spacing the subterm itself would
 * get. A negative term the printer shows as ` - …` is a minus of a placeholder
 * for its positive part (`a - \colorbox{x}`, not `a + \colorbox{-x}`).
 */
export function latexMarked(e: Expr, paths: readonly Path[], mark: (latex: string) => string): string {
  let holed = e;
  const marks = new Map<Expr, Mark>();
  paths.forEach((path, n) => {
    const sub = subtermAt(e, path);
    const positive = signShownOutside(e, path) ? negatedTerm(sub) : null;
    const shown = positive ?? sub;
    const hole = variable(internalName('hole', n), [...freeIndices(shown)].sort().map((name) => ivar(name)));
    marks.set(hole, { expr: shown, mark });
    holed = replaceAt(holed, path, positive !== null ? neg(hole) : hole);
  });
  return toLatex(holed, { ...PRINT, marks });
}
