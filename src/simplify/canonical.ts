// A normal form for COMPARISON, not for display: the α-canonical form
// (src/core/alpha.ts: bound indices renamed canonically, so α-equivalent
// expressions become the same node) with presentation hints dropped and the
// operands of commutative operators sorted by a structural key. Two
// expressions are α-equal up to commutativity exactly when their canonical
// forms are `===`. The compiler uses the α-canonical form alone: it must not
// pay for structural keys (strings as long as the printed tree, not the DAG).
//
// The structural key does not use node ids: ids reflect creation order, which
// differs between runs and would make the order (and so the form) unstable.

import {
  add, assertNever, call, children, delta, diff, type Expr, indexKey, mapChildren, mul, reduce, variable,
} from '../core/ast.js';
import { alphaCanonical } from '../core/alpha.js';
import { varKey } from '../core/names.js';

// The memos below are keyed by node and weak, so an entry dies with its node.
const keys = new WeakMap<Expr, string>();

/** A string that determines the structure of `e` (for ordering; equal structure ⇔ equal key). */
export function structuralKey(e: Expr): string {
  const hit = keys.get(e);
  if (hit !== undefined) return hit;
  let head: string;
  switch (e.kind) {
    case 'num': head = `n${e.value}`; break;
    case 'var': head = `v${varKey(e)}_${e.indices.map(indexKey).join(',')}`; break;
    case 'delta': head = `d${indexKey(e.a)},${indexKey(e.b)}`; break;
    case 'extent': head = `N${e.index}`; break;
    case 'index': head = `i${indexKey(e.index)}`; break;
    case 'reduce': head = `S${e.op}|${e.index}|${e.lower ? indexKey(e.lower) : ''}|${e.upper ? indexKey(e.upper) : ''}`; break;
    case 'call': head = `f${e.fn}`; break;
    case 'rel': head = `R${e.ops.join('')}`; break;
    case 'diff': head = `D${e.form}${e.notation}`; break;
    case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'iverson': head = e.kind; break;
    default: return assertNever(e);
  }
  const kids = children(e).map(structuralKey);
  const key = kids.length === 0 ? head : `${head}(${kids.join(';')})`;
  keys.set(e, key);
  return key;
}

const byKey = (a: Expr, b: Expr) => {
  const ka = structuralKey(a);
  const kb = structuralKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Sorted forms of α-canonical nodes. */
const memo = new WeakMap<Expr, Expr>();

/** `e` (α-canonical) with hints dropped and commutative operands sorted. */
function sorted(e: Expr): Expr {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  let out: Expr;
  switch (e.kind) {
    case 'reduce': out = reduce(e.op, e.index, sorted(e.body), e.lower, e.upper); break;
    case 'add': out = add(e.terms.map(sorted).sort(byKey)); break;
    case 'mul': out = mul(e.factors.map(sorted).sort(byKey)); break;
    case 'delta': out = indexKey(e.a) <= indexKey(e.b) ? e : delta(e.b, e.a); break;
    case 'var': out = e.commaIndices || e.superscript !== null ? variable(e, e.indices) : e; break;
    case 'call': out = call(e.fn, e.args.map(sorted)); break;
    case 'diff': out = diff(sorted(e.body), variable(e.wrt, e.wrt.indices)); break;
    case 'num': case 'index': case 'extent': out = e; break;
    case 'neg': case 'div': case 'pow': case 'rel': case 'iverson':
      out = mapChildren(e, sorted);
      break;
    default: return assertNever(e);
  }
  memo.set(e, out);
  return out;
}

const rough = new WeakMap<Expr, number>();

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x5bd1e995) ^ ((h ^ x) >>> 15);
}

function hashString(str: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < str.length; k++) h = Math.imul(h ^ str.charCodeAt(k), 0x01000193);
  return h;
}

/**
 * A cheap hash that ignores every index name and the order of commutative
 * operands: canonically equal expressions have equal rough hashes, so only
 * expressions whose rough hashes collide need the (costlier) canonical form.
 */
export function roughHash(e: Expr): number {
  const hit = rough.get(e);
  if (hit !== undefined) return hit;
  let h: number;
  switch (e.kind) {
    case 'num': h = hashString(`n${e.value}`); break;
    case 'var': h = hashString(`v${e.name}/${e.indices.length}`); break;
    case 'call': h = e.args.reduce((a, c) => mix(a, roughHash(c)), hashString(`f${e.fn}`)); break;
    case 'add': case 'mul': {
      // Order-independent: a sum of the operands' hashes.
      let acc = 0;
      for (const c of e.kind === 'add' ? e.terms : e.factors) acc = (acc + roughHash(c)) | 0;
      h = mix(hashString(e.kind), acc);
      break;
    }
    case 'delta': case 'extent': case 'index': h = hashString(e.kind); break;
    case 'reduce': h = mix(hashString(`S${e.op}`), roughHash(e.body)); break;
    case 'neg': case 'div': case 'pow': case 'diff': case 'rel': case 'iverson':
      h = children(e).reduce((a, c) => mix(a, roughHash(c)), hashString(e.kind === 'rel' ? `R${e.ops.join('')}` : e.kind));
      break;
    default: return assertNever(e);
  }
  rough.set(e, h);
  return h;
}

/**
 * The comparison form of `e`: `Σ_j w_{jk} o_j` and `Σ_i w_{ik} o_i` give the
 * same node, and so do `a b + c` and `c + b a`. It does not simplify.
 */
export function canonical(e: Expr): Expr {
  return sorted(alphaCanonical(e));
}

/** Equal up to bound-index names and operand order (cheap when they differ). */
export function alphaEqual(a: Expr, b: Expr): boolean {
  return a === b || (roughHash(a) === roughHash(b) && canonical(a) === canonical(b));
}
