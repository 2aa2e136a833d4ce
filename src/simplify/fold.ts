// Folding a definition back: where an instance of a definition's body appears
// (`e^{z_j} / Σ_i e^{z_i}` for `y_k = e^{z_k} / Σ_i e^{z_i}`), write the defined
// name (`y_j`). The body's index letters are pattern variables; its bound
// indices match any bound index, consistently (α-equivalence).

import { assertNever, children, type Expr, type Index, indexKey, mapChildren, shiftIndex, variable } from '../core/ast.js';
import { sameName, type VarName } from '../core/names.js';

/** What folding needs of a definition (src/definitions.ts `Definition` has it). */
export interface Foldable extends VarName {
  readonly indices: readonly string[];
  readonly body: Expr;
}

type Bindings = Map<string, Index>;
type Alpha = ReadonlyMap<string, string>;

function matchIndex(p: Index, t: Index, params: ReadonlySet<string>, env: Bindings, alpha: Alpha): boolean {
  if (p.kind === 'inum') return t.kind === 'inum' && t.value === p.value;
  if (params.has(p.name)) {
    const value = shiftIndex(t, -p.offset);
    const bound = env.get(p.name);
    if (bound === undefined) {
      env.set(p.name, value);
      return true;
    }
    return indexKey(bound) === indexKey(value);
  }
  const name = alpha.get(p.name) ?? p.name;
  return t.kind === 'ivar' && t.name === name && t.offset === p.offset;
}

function matchBound(p: Index | null, t: Index | null, params: ReadonlySet<string>, env: Bindings, alpha: Alpha): boolean {
  if (p === null || t === null) return p === t;
  return matchIndex(p, t, params, env, alpha);
}

function matchAll(ps: readonly Expr[], ts: readonly Expr[], params: ReadonlySet<string>, env: Bindings, alpha: Alpha): boolean {
  return ps.length === ts.length && ps.every((p, i) => match(p, ts[i]!, params, env, alpha));
}

/** Does `t` match the pattern `p`? Extends `env` with the parameters' values. */
function match(p: Expr, t: Expr, params: ReadonlySet<string>, env: Bindings, alpha: Alpha): boolean {
  if (p.kind !== t.kind) return false;
  switch (p.kind) {
    case 'num': return p === t;
    case 'extent': return p.index === (t as typeof p).index;
    case 'var': {
      const v = t as typeof p;
      return sameName(v, p) && v.indices.length === p.indices.length
        && p.indices.every((i, n) => matchIndex(i, v.indices[n]!, params, env, alpha));
    }
    case 'index': return matchIndex(p.index, (t as typeof p).index, params, env, alpha);
    case 'delta': {
      const d = t as typeof p;
      return matchIndex(p.a, d.a, params, env, alpha) && matchIndex(p.b, d.b, params, env, alpha);
    }
    case 'reduce': {
      const s = t as typeof p;
      if (s.op !== p.op || !matchBound(p.lower, s.lower, params, env, alpha) || !matchBound(p.upper, s.upper, params, env, alpha)) return false;
      return match(p.body, s.body, params, env, new Map(alpha).set(p.index, s.index));
    }
    case 'call': {
      const c = t as typeof p;
      return c.fn === p.fn && matchAll(p.args, c.args, params, env, alpha);
    }
    case 'diff': {
      const d = t as typeof p;
      return match(p.wrt, d.wrt, params, env, alpha) && match(p.body, d.body, params, env, alpha);
    }
    case 'rel': {
      const r = t as typeof p;
      return r.ops.join() === p.ops.join() && matchAll(p.args, r.args, params, env, alpha);
    }
    case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'iverson':
      return matchAll(children(p), children(t), params, env, alpha);
    default: return assertNever(p);
  }
}

/** The defined variable at the indices where `t` is an instance of the definition's body, else null. */
export function instanceOf(def: Foldable, t: Expr): Expr | null {
  const params = new Set(def.indices);
  const env: Bindings = new Map();
  if (!match(def.body, t, params, env, new Map())) return null;
  if (def.indices.some((n) => !env.has(n))) return null;
  return variable(def, def.indices.map((n) => env.get(n)!));
}

/** `e` with every instance of the definition's body written as the defined name. */
export function foldDefinition(e: Expr, def: Foldable): Expr {
  const memo = new Map<number, Expr>();
  const walk = (x: Expr): Expr => {
    const found = memo.get(x.id);
    if (found !== undefined) return found;
    const out = instanceOf(def, x) ?? mapChildren(x, walk);
    memo.set(x.id, out);
    return out;
  };
  return walk(e);
}
