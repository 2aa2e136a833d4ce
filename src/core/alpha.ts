// The α-canonical form: every bound index renamed by a rule that looks only at
// its binder's own subtree, so that α-equivalent expressions become one node
// (`===`) and so do their α-equivalent subexpressions, wherever they sit. The
// simplifier's comparison form (src/simplify/canonical.ts) sorts commutative
// operands on top of it; the compiler keys its shared work by it as it is.
//
// A binder's canonical name is its height — 1 + the deepest binder nesting in
// its body, so an enclosing binder's is larger and an enclosed one's smaller:
// renaming captures nothing — and what tells its range. That is the array
// slots the index addresses plainly in the body (`w/2#0+o/1#0` for
// `Σ_j w_{jk} o_j`), since letters that address one slot share its range
// (docs/architecture.md); else its letter, whose fresh copies (`j'`) have its
// range. So `Σ_j w_{jk} o_j` and `Σ_i w_{ik} o_i` are one node, and `Σ_j j`
// and `Σ_i i`, which may run over different extents, stay apart. Names are
// internal (`%bound:…`), so they equal no name a user wrote; free indices,
// bounds, operand order and presentation hints are left as they are.

import { children, type Expr, ivar, mapChildren, reduce } from './ast.js';
import { baseLetter, internalName } from './fresh.js';
import { freeIndices, isBinder, substituteIndex } from './indices.js';
import { slotKey } from './names.js';

interface Canonical {
  readonly form: Expr;
  /** Binder nesting depth at and below the node (0 without binders). */
  readonly height: number;
}

const memo = new WeakMap<Expr, Canonical>();

/** What tells the range of the free index `index` of `body`: the slots it addresses plainly, else its letter. */
function rangeTag(body: Expr, index: string): string {
  const slots = new Set<string>();
  const seen = new Set<Expr>();
  const visit = (x: Expr): void => {
    // Subtrees where `index` is not free (absent, or shadowed) address nothing by it.
    if (seen.has(x) || !freeIndices(x).has(index)) return;
    seen.add(x);
    if (x.kind === 'var') {
      x.indices.forEach((i, n) => {
        if (i.kind === 'ivar' && i.name === index && i.offset === 0) slots.add(slotKey(x, x.indices.length, n));
      });
    }
    children(x).forEach(visit);
  };
  visit(body);
  return slots.size === 0 ? baseLetter(index) : [...slots].sort().join('+');
}

function canon(e: Expr): Canonical {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  let out: Canonical;
  if (isBinder(e)) {
    const body = canon(e.body);
    const height = body.height + 1;
    const name = internalName('bound', height, rangeTag(body.form, e.index));
    // The body's binders are lower, so none is named `name`: the substitution renames nothing else.
    const renamed = name === e.index ? body.form : substituteIndex(body.form, e.index, ivar(name));
    out = { form: reduce(e.op, name, renamed, e.lower, e.upper), height };
  } else {
    let height = 0;
    const form = mapChildren(e, (c) => {
      const k = canon(c);
      height = Math.max(height, k.height);
      return k.form;
    });
    out = { form, height };
  }
  memo.set(e, out);
  return out;
}

/** `e` with its bound indices renamed canonically: α-equivalent expressions give the same node. */
export function alphaCanonical(e: Expr): Expr {
  return canon(e).form;
}
