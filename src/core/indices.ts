// Index binding, written once for every binder: which index variables are
// free, which are bound, capture-avoiding substitution, α-renaming and
// shadowing.
//
// The binders are the indexed reductions (`reduce` nodes: Σ, and whatever
// src/core/reductions.ts lists); `\sum_j body` binds `j` in `body` (not in its
// own bounds). Code that must know where an index is bound asks `isBinder` and
// `shadows` here rather than testing an operator, so a new reduction is bound
// correctly everywhere. The free indices of `∂f/∂w_{jk}` are free(f) ∪ {j, k}.
// A size symbol in a bound (`\sum_{j=1}^{n}`) counts as free: its value comes
// from outside.

import {
  addIndices, assertNever, children, coefficient, delta, diff, type Expr, type Index, indexTerms, indexValue, ivar,
  mapChildren, reduce, type Reduce, shiftIndex, variable,
} from './ast.js';
import { baseLetter, freshIndex, internalName } from './fresh.js';

/** Whether `e` binds an index in its body (the answer for every node kind is decided here). */
export function isBinder(e: Expr): e is Reduce {
  switch (e.kind) {
    case 'reduce': return true;
    case 'num': case 'var': case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'delta':
    case 'diff': case 'rel': case 'iverson': case 'extent': case 'index':
      return false;
    default: return assertNever(e);
  }
}

/** Whether `e` binds `index`: below it, `index` is not the index of that name outside. */
export function shadows(e: Expr, index: string): boolean {
  return isBinder(e) && e.index === index;
}

const memoFree = new WeakMap<Expr, ReadonlySet<string>>();

function indexNames(is: readonly (Index | null)[], into: Set<string>): void {
  for (const i of is) {
    if (i === null || i.kind === 'inum') continue;
    if (i.kind === 'ivar') into.add(i.name); // the common case, without allocating its terms
    else for (const t of i.terms) into.add(t.name);
  }
}

/** The free index variables of `e`. */
export function freeIndices(e: Expr): ReadonlySet<string> {
  const memo = memoFree.get(e);
  if (memo !== undefined) return memo;
  const out = new Set<string>();
  switch (e.kind) {
    case 'var': indexNames(e.indices, out); break;
    case 'delta': indexNames([e.a, e.b], out); break;
    case 'index': indexNames([e.index], out); break;
    case 'extent': break;
    case 'reduce': {
      for (const n of freeIndices(e.body)) if (n !== e.index) out.add(n);
      indexNames([e.lower, e.upper], out);
      break;
    }
    case 'num': case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'diff': case 'rel':
    case 'iverson':
      for (const c of children(e)) for (const n of freeIndices(c)) out.add(n);
      break;
    default: assertNever(e);
  }
  memoFree.set(e, out);
  return out;
}

/** Every index name that occurs in `e`, free or bound (to choose fresh names that clash with nothing). */
export function allIndexNames(e: Expr, into: Set<string> = new Set()): Set<string> {
  const visit = (x: Expr): void => {
    if (isBinder(x)) into.add(x.index);
    if (x.kind === 'extent') into.add(x.index);
    for (const n of freeIndices(x)) into.add(n);
    children(x).forEach(visit);
  };
  visit(e);
  return into;
}

/** `i` with `name := by`: `i+k` with `i := m-k` is `m`. */
export function substituteInIndex(i: Index, name: string, by: Index): Index {
  if (i.kind === 'inum') return i;
  if (i.kind === 'ivar') return i.name === name ? shiftIndex(by, i.offset) : i;
  const c = coefficient(i, name);
  return c === 0 ? i : addIndices(addIndices(i, ivar(name), -c), by, c);
}

/**
 * Replace the free index variable `name` by `by` throughout `e`, renaming an
 * inner binder when it would capture `by`'s variable.
 */
export function substituteIndex(e: Expr, name: string, by: Index): Expr {
  if (!freeIndices(e).has(name)) return e;
  const sub = (i: Index) => substituteInIndex(i, name, by);
  switch (e.kind) {
    case 'var': return variable(e, e.indices.map(sub), e.commaIndices, e.superscript);
    case 'delta': return delta(sub(e.a), sub(e.b));
    case 'index': return indexValue(sub(e.index));
    case 'reduce': {
      const lower = e.lower && sub(e.lower);
      const upper = e.upper && sub(e.upper);
      if (e.index === name) return reduce(e.op, e.index, e.body, lower, upper);
      if (indexTerms(by).some((t) => t.name === e.index)) {
        const renamed = renameBound(e, allIndexNames(e, new Set([name, ...indexTerms(by).map((t) => t.name)])));
        return substituteIndex(renamed, name, by);
      }
      return reduce(e.op, e.index, substituteIndex(e.body, name, by), lower, upper);
    }
    case 'diff': {
      const wrt = variable(e.wrt, e.wrt.indices.map(sub), e.wrt.commaIndices, e.wrt.superscript);
      return diff(substituteIndex(e.body, name, by), wrt, e.form, e.notation);
    }
    case 'extent': case 'num': return e;
    case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'rel': case 'iverson':
      return mapChildren(e, (c) => substituteIndex(c, name, by));
    default: return assertNever(e);
  }
}

/**
 * Replace several free index variables at once (`k → j, j → k` swaps rather
 * than merging both into `k`), capture-avoiding: each goes to an internal
 * temporary first, then each temporary to its value.
 */
export function substituteIndices(e: Expr, by: ReadonlyMap<string, Index>): Expr {
  const temp = (n: number) => internalName('subst', n);
  let out = e;
  [...by.keys()].forEach((name, n) => { out = substituteIndex(out, name, ivar(temp(n))); });
  [...by.values()].forEach((value, n) => { out = substituteIndex(out, temp(n), value); });
  return out;
}

/** α-rename the index of binder `b` to a fresh copy of its letter, not in `avoid` (nor anywhere in `b`). */
export function renameBound(b: Reduce, avoid: ReadonlySet<string>): Reduce {
  const taken = allIndexNames(b, new Set(avoid));
  const fresh = freshIndex(baseLetter(b.index), taken);
  return reduce(b.op, fresh, substituteIndex(b.body, b.index, ivar(fresh)), b.lower, b.upper);
}

/**
 * Turn bare scalar variables that name an index into index values: `i` in
 * `\sum_i i` or `[i \le n]` is the index, not a scalar input. A bare name is
 * an index when an enclosing binder binds it, or when the formula uses it as
 * an index somewhere (in a subscript or a binder).
 */
export function resolveIndexValues(e: Expr, indexLike: ReadonlySet<string> = allIndexNames(e)): Expr {
  const walk = (x: Expr, bound: ReadonlySet<string>): Expr => {
    switch (x.kind) {
      case 'var':
        return x.indices.length === 0 && (bound.has(x.name) || indexLike.has(x.name)) ? indexValue(ivar(x.name)) : x;
      case 'reduce': {
        const inner = new Set(bound).add(x.index);
        return reduce(x.op, x.index, walk(x.body, inner), x.lower, x.upper);
      }
      case 'diff':
        // The variable we differentiate by is never an index value.
        return diff(walk(x.body, bound), x.wrt, x.form, x.notation);
      default:
        return mapChildren(x, (c) => walk(c, bound));
    }
  };
  return walk(e, new Set());
}
