// Pattern matching over expressions, and substitution of what a match binds.
//
// A pattern is an expression whose free index letters in `vars` are pattern
// variables: the body of `y_k = e^{z_k} / Σ_i e^{z_i}` with vars {k} (folding
// a definition back), or the left side of an assumption `Σ_j w_{jk} = 1` with
// vars {k}. A variable binds an index expression: `k` ↦ `j`, `k` ↦ `2`,
// `k+1` against `m+1` binds `k` ↦ `m`, and `i+k` (i not a variable) against
// `i+m-1` binds `k` ↦ `m-1`. An index with two pattern variables (`k+l`)
// matches nothing: it would have many solutions.
//
// Matching is structural; the caller brings both sides into one form first
// (the simplifier's normal form, or canonical forms to match up to operand
// order). Bound indices match bound indices consistently (α-equivalence:
// `Σ_c e^{z_c}` is an instance of `Σ_i e^{z_i}`). A free index of the pattern
// never matches an index bound inside the target: `Σ_m w_{mm}` is not an
// instance of `Σ_j w_{jk}`, since `k` ↦ `m` would move `m` out of its sum.

import {
  addIndices, assertNever, type Expr, type Index, indexConstant, indexKey, type IndexTerm, indexTerms, inum, ivar, shiftIndex,
} from './ast.js';
import { substituteIndices } from './indices.js';
import { sameName } from './names.js';

/** What a match binds: pattern variable → index expression. */
export type Bindings = ReadonlyMap<string, Index>;

/** The bound indices met on the way down: pattern binder → target binder, and every target binder in scope. */
interface Scope {
  readonly alpha: ReadonlyMap<string, string>;
  readonly bound: ReadonlySet<string>;
}

const TOP: Scope = { alpha: new Map(), bound: new Set() };

/** The bindings under which `target` is an instance of `pattern`, or null when it is not one. */
export function match(pattern: Expr, target: Expr, vars: ReadonlySet<string>): Bindings | null {
  const b = new Map<string, Index>();
  return matchExpr(pattern, target, vars, b, TOP) ? b : null;
}

function matchIndex(p: Index, t: Index, vars: ReadonlySet<string>, b: Map<string, Index>, scope: Scope): boolean {
  if (p.kind === 'inum') return t.kind === 'inum' && t.value === p.value;
  if (p.kind === 'ivar') {
    const mapped = scope.alpha.get(p.name);
    if (mapped !== undefined) return t.kind === 'ivar' && t.name === mapped && t.offset === p.offset;
    if (!vars.has(p.name)) return !scope.bound.has(p.name) && t.kind === 'ivar' && t.name === p.name && t.offset === p.offset;
    return bindVariable(p.name, shiftIndex(t, -p.offset), b, scope);
  }
  // `p` is `c·v + rest` with at most one pattern variable `v`; `rest` renamed into the target's binders.
  let rest: Index = inum(indexConstant(p));
  let v: IndexTerm | null = null;
  for (const term of indexTerms(p)) {
    const mapped = scope.alpha.get(term.name);
    if (mapped !== undefined) rest = addIndices(rest, ivar(mapped), term.coef);
    else if (vars.has(term.name)) {
      if (v !== null) return false; // two pattern variables in one index: not solved for
      v = term;
    // A free index of the pattern that stands for itself: the target's index of that name must be free too.
    } else if (scope.bound.has(term.name)) return false;
    else rest = addIndices(rest, ivar(term.name), term.coef);
  }
  if (v === null) return indexKey(rest) === indexKey(t);
  if (Math.abs(v.coef) !== 1) return false;
  // c·v + rest matches t: the variable stands for c·(t - rest).
  return bindVariable(v.name, addIndices(addIndices(inum(0), t, v.coef), rest, -v.coef), b, scope);
}

/** Bind the pattern variable `name` to `value`, which must not move a bound index out of its binder, consistently. */
function bindVariable(name: string, value: Index, b: Map<string, Index>, scope: Scope): boolean {
  if (indexTerms(value).some((x) => scope.bound.has(x.name))) return false;
  const old = b.get(name);
  if (old === undefined) {
    b.set(name, value);
    return true;
  }
  return indexKey(old) === indexKey(value);
}

function matchBound(p: Index | null, t: Index | null, vars: ReadonlySet<string>, b: Map<string, Index>, scope: Scope): boolean {
  return p === null || t === null ? p === t : matchIndex(p, t, vars, b, scope);
}

function matchExpr(p: Expr, t: Expr, vars: ReadonlySet<string>, b: Map<string, Index>, scope: Scope): boolean {
  if (p.kind !== t.kind) return false;
  const all = (ps: readonly Expr[], ts: readonly Expr[]) => ps.length === ts.length && ps.every((x, k) => matchExpr(x, ts[k]!, vars, b, scope));
  const indices = (ps: readonly Index[], ts: readonly Index[]) => ps.length === ts.length && ps.every((x, k) => matchIndex(x, ts[k]!, vars, b, scope));
  switch (p.kind) {
    case 'num': case 'extent': return p === t;
    case 'var': { const v = t as typeof p; return sameName(p, v) && indices(p.indices, v.indices); }
    case 'index': return matchIndex(p.index, (t as typeof p).index, vars, b, scope);
    case 'delta': { const d = t as typeof p; return indices([p.a, p.b], [d.a, d.b]); }
    case 'reduce': {
      const s = t as typeof p;
      if (p.op !== s.op) return false;
      // The bounds are outside the binder's scope.
      if (!matchBound(p.lower, s.lower, vars, b, scope) || !matchBound(p.upper, s.upper, vars, b, scope)) return false;
      const inner = { alpha: new Map(scope.alpha).set(p.index, s.index), bound: new Set(scope.bound).add(s.index) };
      return matchExpr(p.body, s.body, vars, b, inner);
    }
    case 'call': { const c = t as typeof p; return p.fn === c.fn && all(p.args, c.args); }
    case 'rel': { const r = t as typeof p; return p.ops.join() === r.ops.join() && all(p.args, r.args); }
    case 'diff': { const d = t as typeof p; return matchExpr(p.wrt, d.wrt, vars, b, scope) && matchExpr(p.body, d.body, vars, b, scope); }
    case 'add': return all(p.terms, (t as typeof p).terms);
    case 'mul': return all(p.factors, (t as typeof p).factors);
    case 'neg': return matchExpr(p.arg, (t as typeof p).arg, vars, b, scope);
    case 'div': { const d = t as typeof p; return matchExpr(p.num, d.num, vars, b, scope) && matchExpr(p.den, d.den, vars, b, scope); }
    case 'pow': { const d = t as typeof p; return matchExpr(p.base, d.base, vars, b, scope) && matchExpr(p.exp, d.exp, vars, b, scope); }
    case 'iverson': return matchExpr(p.cond, (t as typeof p).cond, vars, b, scope);
    default: return assertNever(p);
  }
}

/**
 * `e` with every free index variable bound in `b` replaced by its value, all
 * at once (`k ↦ j, j ↦ k` swaps) and without capture (core/indices.ts
 * `substituteIndices`).
 */
export function substitute(e: Expr, b: Bindings): Expr {
  const moved = [...b].filter(([name, value]) => indexKey(value) !== name);
  return moved.length === 0 ? e : substituteIndices(e, new Map(moved));
}
