// A normal form for COMPARISON, not for display: presentation hints dropped,
// bound indices renamed by binder depth (so α-equivalent expressions become
// the same node), the operands of commutative operators sorted by a
// structural key. Two expressions are α-equal up to commutativity exactly
// when their canonical forms are `===`.
//
// The structural key does not use node ids: ids reflect creation order, which
// differs between runs and would make the order (and so the form) unstable.

import {
  add, assertNever, call, children, delta, diff, type Expr, indexKey, ivar, mapChildren, mul, reduce, variable,
} from '../core/ast.js';
import { baseLetter, internalName } from '../core/fresh.js';
import { shadows, substituteIndex } from '../core/indices.js';
import { varKey } from '../core/names.js';

/**
 * The canonical name of a bound index: its binder's depth, and what tells its
 * range — the array slots it addresses in the body (`o/1#0` for `Σ_j o_j`),
 * else its letter. Σ_j w_{jk} o_j and Σ_i w_{ik} o_i range over the same slots
 * and so become one node; Σ_j j and Σ_i i may range over different extents and
 * stay apart. An internal name, so it never clashes with a user's index name.
 */
function boundName(depth: number, index: string, body: Expr): string {
  const slots = new Set<string>();
  const visit = (x: Expr): void => {
    if (x.kind === 'var') {
      x.indices.forEach((i, n) => {
        if (i.kind === 'ivar' && i.name === index && i.offset === 0) slots.add(`${varKey(x)}/${x.indices.length}#${n}`);
      });
    }
    if (!shadows(x, index)) children(x).forEach(visit);
  };
  visit(body);
  return internalName('bound', depth, slots.size === 0 ? baseLetter(index) : [...slots].sort().join('+'));
}

const keys = new Map<number, string>();

/** A string that determines the structure of `e` (for ordering; equal structure ⇔ equal key). */
export function structuralKey(e: Expr): string {
  const hit = keys.get(e.id);
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
  keys.set(e.id, key);
  return key;
}

const byKey = (a: Expr, b: Expr) => {
  const ka = structuralKey(a);
  const kb = structuralKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Memo per binder depth (the same node canonicalises differently under different depths). */
const memo: Map<number, Expr>[] = [];

function canon(e: Expr, depth: number): Expr {
  const table = (memo[depth] ??= new Map());
  const hit = table.get(e.id);
  if (hit !== undefined) return hit;
  let out: Expr;
  switch (e.kind) {
    case 'reduce': {
      const name = boundName(depth, e.index, e.body);
      const body = e.index === name ? e.body : substituteIndex(e.body, e.index, ivar(name));
      out = reduce(e.op, name, canon(body, depth + 1), e.lower, e.upper);
      break;
    }
    case 'add': out = add(e.terms.map((t) => canon(t, depth)).sort(byKey)); break;
    case 'mul': out = mul(e.factors.map((f) => canon(f, depth)).sort(byKey)); break;
    case 'delta': out = indexKey(e.a) <= indexKey(e.b) ? e : delta(e.b, e.a); break;
    case 'var': out = e.commaIndices || e.superscript !== null ? variable(e, e.indices) : e; break;
    case 'call': out = call(e.fn, e.args.map((a) => canon(a, depth))); break;
    case 'diff': out = diff(canon(e.body, depth), variable(e.wrt, e.wrt.indices)); break;
    case 'num': case 'index': case 'extent': out = e; break;
    case 'neg': case 'div': case 'pow': case 'rel': case 'iverson':
      out = mapChildren(e, (c) => canon(c, depth));
      break;
    default: return assertNever(e);
  }
  table.set(e.id, out);
  return out;
}

const rough = new Map<number, number>();

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
  const hit = rough.get(e.id);
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
  rough.set(e.id, h);
  return h;
}

/**
 * The comparison form of `e`: `Σ_j w_{jk} o_j` and `Σ_i w_{ik} o_i` give the
 * same node, and so do `a b + c` and `c + b a`. It does not simplify.
 */
export function canonical(e: Expr): Expr {
  return canon(e, 0);
}

/** Equal up to bound-index names and operand order (cheap when they differ). */
export function alphaEqual(a: Expr, b: Expr): boolean {
  return a === b || (roughHash(a) === roughHash(b) && canonical(a) === canonical(b));
}
