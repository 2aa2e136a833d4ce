// User assumptions: an equation `lhs = rhs` (`\sum_k t_k = 1`) rewrites any
// subterm that matches `lhs` into `rhs`. Matching is up to α-equivalence and
// commutativity (both sides are compared in canonical form), and the free
// indices of `lhs` are pattern variables: `\sum_j w_{jk} = 1` also rewrites
// `\sum_i w_{im}` into 1.

import { type Expr, type Index, indexKey, ivar } from '../../core/ast.js';
import { freeIndices, substituteIndices } from '../../core/indices.js';
import { sameName } from '../../core/names.js';
import { canonical } from '../canonical.js';
import type { Rule } from '../engine.js';

type Binding = Map<string, Index>;

function matchIndex(p: Index, t: Index, vars: ReadonlySet<string>, b: Binding): boolean {
  if (p.kind === 'ivar' && vars.has(p.name)) {
    // p + offset matches t: the variable stands for t - offset.
    const value: Index = t.kind === 'inum' ? { kind: 'inum', value: t.value - p.offset } : ivar(t.name, t.offset - p.offset);
    const old = b.get(p.name);
    if (old === undefined) { b.set(p.name, value); return true; }
    return indexKey(old) === indexKey(value);
  }
  return indexKey(p) === indexKey(t);
}

function matchIndices(ps: readonly (Index | null)[], ts: readonly (Index | null)[], vars: ReadonlySet<string>, b: Binding): boolean {
  if (ps.length !== ts.length) return false;
  return ps.every((p, k) => {
    const t = ts[k]!;
    return p === null || t === null ? p === t : matchIndex(p, t, vars, b);
  });
}

/** Structural match of canonical forms; pattern variables bind index expressions. */
function match(p: Expr, t: Expr, vars: ReadonlySet<string>, b: Binding): boolean {
  if (p === t) return true;
  if (p.kind !== t.kind) return false;
  const all = (ps: readonly Expr[], ts: readonly Expr[]) => ps.length === ts.length && ps.every((x, k) => match(x, ts[k]!, vars, b));
  switch (p.kind) {
    case 'var': {
      const v = t as typeof p;
      return sameName(p, v) && matchIndices(p.indices, v.indices, vars, b);
    }
    case 'delta': { const d = t as typeof p; return matchIndices([p.a, p.b], [d.a, d.b], vars, b); }
    case 'index': return matchIndices([p.index], [(t as typeof p).index], vars, b);
    case 'reduce': {
      const s = t as typeof p;
      return p.op === s.op && p.index === s.index && matchIndices([p.lower, p.upper], [s.lower, s.upper], vars, b) && match(p.body, s.body, vars, b);
    }
    case 'add': return all(p.terms, (t as typeof p).terms);
    case 'mul': return all(p.factors, (t as typeof p).factors);
    case 'neg': return match(p.arg, (t as typeof p).arg, vars, b);
    case 'div': { const d = t as typeof p; return match(p.num, d.num, vars, b) && match(p.den, d.den, vars, b); }
    case 'pow': { const d = t as typeof p; return match(p.base, d.base, vars, b) && match(p.exp, d.exp, vars, b); }
    case 'call': { const c = t as typeof p; return p.fn === c.fn && all(p.args, c.args); }
    case 'iverson': return match(p.cond, (t as typeof p).cond, vars, b);
    case 'rel': { const r = t as typeof p; return p.ops.join() === r.ops.join() && all(p.args, r.args); }
    case 'num': case 'extent': case 'diff': return false; // equal ones were caught by `p === t`
  }
}

/** A rule that uses the context's assumptions; prepared once per assumption list by the caller. */
export const assumptionRule: Rule = {
  id: 'alg.assumption',
  kinds: ['num', 'var', 'add', 'neg', 'mul', 'div', 'pow', 'call', 'reduce', 'delta', 'rel', 'iverson', 'extent', 'index'],
  apply(e, ctx) {
    if (ctx.assumptions.length === 0) return null;
    let target: Expr | null = null;
    for (const { lhs, rhs } of ctx.assumptions) {
      if (lhs.kind !== e.kind) continue;
      target ??= canonical(e);
      const pattern = canonical(lhs);
      if (pattern === target) return rhs;
      const b: Binding = new Map();
      const vars = freeIndices(lhs);
      if (vars.size > 0 && match(pattern, target, vars, b)) return substituteIndices(rhs, b);
    }
    return null;
  },
};
