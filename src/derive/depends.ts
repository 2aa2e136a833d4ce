// Does an expression depend on the variable we differentiate by?
//
// The answer may over-approximate (say "yes" for something constant: the rules
// then produce a zero that the simplifier removes) but must never say "no" for
// something that varies. Indices make it subtle:
//   - `w_{ab}` depends on `w_{jk}` for any index variables (a may equal j);
//   - it does not when some slot is provably different: two distinct integer
//     literals (`w_{12}` vs `w_{13}`), or the same variables with two offsets
//     (`x_{i+1}` vs `x_i`, `x_{i+k}` vs `x_{i+k-1}`);
//   - a different name never depends, except through a definition, whose body
//     is instantiated at the use's indices and examined;
//   - a binder's bound letter is not the free letter of the same name: the
//     binder is α-renamed first (`Σ_j x_{j+1}` does depend on `x_j`).

import { addIndices, assertNever, children, type Expr, type Index, ivar, type Var, variable } from '../core/ast.js';
import { instantiate, type DefinitionTable } from '../definitions.js';
import { matrixOf, sameName, varKey } from '../core/names.js';
import { freeIndices, renameBound } from '../core/indices.js';

/** True when `a` and `b` denote different integers whatever the free index variables are. */
export function indicesDistinct(a: Index, b: Index): boolean {
  // Their difference is a nonzero constant: `2` vs `3`, `i+1` vs `i`, `i+k` vs `k+i-1`.
  if (a.kind === 'ivar' && b.kind === 'ivar' && a.name !== b.name) return false;
  const d = addIndices(a, b, -1);
  return d.kind === 'inum' && d.value !== 0;
}

/** Whether the variable occurrence `v` may be the same scalar as `wrt` (ignoring definitions). */
export function mayBeSameVariable(v: Var, wrt: Var): boolean {
  return sameName(v, wrt) && v.indices.length === wrt.indices.length &&
    !v.indices.some((a, i) => indicesDistinct(a, wrt.indices[i]!));
}

export class Dependence {
  private readonly memo = new Map<string, boolean>();
  constructor(private readonly definitions: DefinitionTable) {}

  /** Whether `e` may vary with `wrt`. */
  dependsOn(e: Expr, wrt: Var): boolean {
    const key = `${e.id}:${wrt.id}`;
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const out = this.compute(e, wrt);
    this.memo.set(key, out);
    return out;
  }

  private compute(e: Expr, wrt: Var): boolean {
    switch (e.kind) {
      case 'num': case 'delta': case 'extent': case 'index': return false;
      case 'var': {
        if (mayBeSameVariable(e, wrt)) return true;
        // X^{-1} and det X vary with every entry of X: with X_{cd} at letters of no other meaning.
        if (e.of !== null) return this.dependsOn(variable(matrixOf(e), [ivar('%c'), ivar('%d')]), wrt);
        const def = this.definitions.get(varKey(e));
        return def !== undefined && this.dependsOn(instantiate(def, e.indices), wrt);
      }
      case 'reduce': {
        const s = freeIndices(wrt).has(e.index) ? renameBound(e, freeIndices(wrt)) : e;
        return this.dependsOn(s.body, wrt);
      }
      case 'diff':
        // ∂f/∂x varies with w when f does (x is what it differentiates by, not an input).
        return this.dependsOn(e.body, wrt);
      case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'rel': case 'iverson': {
        for (const c of children(e)) if (this.dependsOn(c, wrt)) return true;
        return false;
      }
      default: return assertNever(e);
    }
  }
}

/** One-off check, for callers without a context. */
export function dependsOn(e: Expr, wrt: Var, definitions: DefinitionTable = new Map()): boolean {
  return new Dependence(definitions).dependsOn(e, wrt);
}
