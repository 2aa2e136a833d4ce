// Where a step happened: paths to subterms, the positions a rewrite touched,
// the smallest region where two expressions differ, and LaTeX with chosen
// subterms highlighted.

import { children, type Expr, mapChildren, variable, ivar } from '../core/ast.js';
import { internalName } from '../core/fresh.js';
import { freeIndices } from '../core/indices.js';
import { type Path, replaceAt } from '../core/replace.js';
import { needsParens, type Slot, toLatex } from '../print/index.js';
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

/** The deepest path below which `a` and `b` differ (null when they are equal). */
export function changedRegion(a: Expr, b: Expr): Path | null {
  if (a === b) return null;
  const path: number[] = [];
  let x = a;
  let y = b;
  for (;;) {
    if (!sameHead(x, y)) return path;
    const kx = children(x);
    const ky = children(y);
    const differing = kx.flatMap((c, i) => (c === ky[i] ? [] : [i]));
    if (differing.length !== 1) return path;
    path.push(differing[0]!);
    x = kx[differing[0]!]!;
    y = ky[differing[0]!]!;
  }
}

/** How the LaTeX printer places a child of `parent` at position `i` (see print/precedence.ts). */
function slotOf(parent: Expr, i: number): Slot | 'group-unless-var' {
  switch (parent.kind) {
    case 'add': return 'add-term';
    case 'mul': return i === parent.factors.length - 1 ? 'last-factor' : 'factor';
    case 'neg': return 'neg-arg';
    case 'pow': return i === 0 ? 'atomic' : 'braced';
    case 'reduce': return 'prefix-body';
    case 'diff': return parent.form === 'operator' ? 'atomic' : 'group-unless-var';
    case 'rel': return 'rel-arg';
    case 'iverson': return 'top';
    default: return 'braced';
  }
}

function parensAt(root: Expr, path: Path, e: Expr): boolean {
  if (path.length === 0) return false;
  const parent = subtermAt(root, path.slice(0, -1));
  const slot = slotOf(parent, path[path.length - 1]!);
  return slot === 'group-unless-var' ? e.kind !== 'var' : needsParens(e, slot, 'latex');
}

/**
 * LaTeX of `e` with the subterms at `paths` passed through `mark` (e.g. into a
 * `\colorbox`). The printer has no hook for this, so each marked subterm is
 * swapped for a placeholder variable with the same free indices (so that bound
 * letters print as before), and the placeholder's LaTeX is then replaced by
 * the marked subterm's, parenthesised where the printer would have. Falls back
 * to the plain LaTeX when a placeholder cannot be found exactly once.
 */
export function latexMarked(e: Expr, paths: readonly Path[], mark: (latex: string) => string): string {
  let holed = e;
  const holes: { text: string; latex: string }[] = [];
  paths.forEach((path, n) => {
    const sub = subtermAt(e, path);
    const hole = variable(internalName('hole', n), [...freeIndices(sub)].sort().map((name) => ivar(name)));
    const inner = mark(toLatex(sub, PRINT));
    holes.push({ text: toLatex(hole, PRINT), latex: parensAt(e, path, sub) ? `\\left(${inner}\\right)` : inner });
    holed = replaceAt(holed, path, hole);
  });
  let out = toLatex(holed, PRINT);
  for (const h of holes) {
    const parts = out.split(h.text);
    if (parts.length !== 2) return toLatex(e, PRINT);
    out = parts.join(h.latex);
  }
  return out;
}
