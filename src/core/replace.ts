// Replacing subterms, written once on `mapChildren`: by identity (every
// occurrence of a node: the simplifier's and the derivative driver's steps,
// unfolding and folding definitions, the step checker) and by position (one
// occurrence, named by its path: the step checker, proof highlighting).
//
// Hash-consing makes equal occurrences one node, so a replacement by identity
// reaches them all, inside binders too: right for an equation `focus = by`
// that holds at every value of its free indices, as a rewrite rule's does.

import { diff, type Expr, mapChildren, type Var } from './ast.js';
import { freeIndices, renameBound } from './indices.js';

/** Child positions from the root, as in `children(e)`. */
export type Path = readonly number[];

export interface ReplaceOptions {
  /**
   * Search only subtrees for which this holds: a cheap test, true wherever
   * `focus` may occur (`containsDiff` when `focus` is a ∂ node).
   */
  readonly mayContain?: (x: Expr) => boolean;
}

/**
 * `e` with every occurrence of `focus` replaced by `by`, in one pass (`by` is
 * not searched). The variable a derivative is taken by is never replaced:
 * in ∂f/∂x it names what varies rather than holding a value, a non-variable
 * cannot stand there, and another variable would change what is
 * differentiated. Every caller wants this, so it is not an option.
 */
export function replaceSubterm(e: Expr, focus: Expr, by: Expr, options: ReplaceOptions = {}): Expr {
  const { mayContain } = options;
  const done = new Map<Expr, Expr>();
  const walk = (x: Expr): Expr => {
    if (x === focus) return by;
    if (mayContain !== undefined && !mayContain(x)) return x;
    let out = done.get(x);
    if (out === undefined) {
      out = x.kind === 'diff' ? diff(walk(x.body), x.wrt, x.form, x.notation) : mapChildren(x, walk);
      done.set(x, out);
    }
    return out;
  };
  return walk(e);
}

/** `e` with the subterm at `path` replaced by `by`. */
export function replaceAt(e: Expr, path: Path, by: Expr): Expr {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  // mapChildren calls f in the order of children(e), so `n` is the child's position.
  let n = 0;
  return mapChildren(e, (c) => (n++ === head ? replaceAt(c, rest, by) : c));
}

/**
 * `e` with several variables replaced at once by expressions (a user function's parameters by
 * the arguments of a call, issue 9): simultaneous (`f(y, x)` of `f(x, y) = x - y` is `y - x`) and
 * capture-avoiding (a binder of `e` whose index is free in an argument is renamed first). The
 * variable a derivative is taken by stays, as in `replaceSubterm`.
 */
export function substituteVariables(e: Expr, by: ReadonlyMap<Var, Expr>): Expr {
  const free = new Set<string>();
  for (const x of by.values()) for (const n of freeIndices(x)) free.add(n);
  const done = new Map<Expr, Expr>();
  const walk = (x: Expr): Expr => {
    if (x.kind === 'var') return by.get(x) ?? x;
    let out = done.get(x);
    if (out === undefined) {
      if (x.kind === 'reduce' && free.has(x.index)) out = walk(renameBound(x, free));
      else out = x.kind === 'diff' ? diff(walk(x.body), x.wrt, x.form, x.notation) : mapChildren(x, walk);
      done.set(x, out);
    }
    return out;
  };
  return walk(e);
}
