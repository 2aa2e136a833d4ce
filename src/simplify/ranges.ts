// What we know about index ranges, and deciding relations between index
// expressions (`1 ≤ p-1`, `p ≤ #i`) from it.
//
// Every index variable p ranges over 1..N_p. N_p is `sizes[p]` when declared
// (a fresh `p'` inherits p's size); undeclared letters share one symbolic N,
// as the notation says ("every index letter ranges over 1..N"). An index
// expression is then a linear form in index variables and extents, and a
// relation holds for certain when the bounds 1 ≤ p ≤ N_p and N ≥ 1 prove it.

import { type Expr, extent, type Index, indexValue, num, type RelOp } from '../ast.js';
import { baseLetter } from '../indices.js';

export type Sizes = Readonly<Record<string, number>>;

export function sizeOf(name: string, sizes: Sizes): number | undefined {
  return sizes[name] ?? sizes[baseLetter(name)];
}

/** The upper end of an unbounded sum over `name`, as an expression: `\#j`. */
export function upperOf(name: string): Expr {
  return extent(baseLetter(name));
}

/** Whether two index variables certainly range over the same values. */
export function sameRange(a: string, b: string, sizes: Sizes): boolean {
  if (baseLetter(a) === baseLetter(b)) return true;
  const na = sizeOf(a, sizes);
  const nb = sizeOf(b, sizes);
  return na === nb; // both undeclared (one shared N) or declared equal
}

export function indexExpr(i: Index): Expr {
  return i.kind === 'inum' ? num(i.value) : indexValue(i);
}

/** c + Σ coef·atom; atoms are `i:name` (an index variable) and `N` (the shared undeclared extent). */
interface Linear { c: number; atoms: Map<string, number> }

function bump(l: Linear, atom: string, by: number): void {
  const v = (l.atoms.get(atom) ?? 0) + by;
  if (v === 0) l.atoms.delete(atom);
  else l.atoms.set(atom, v);
}

/** `e` as a linear form, or null when it is not an index expression. */
function linear(e: Expr, sizes: Sizes, scale: number, into: Linear): boolean {
  switch (e.kind) {
    case 'num': into.c += scale * e.value; return true;
    case 'index': {
      const i = e.index;
      if (i.kind === 'inum') into.c += scale * i.value;
      else {
        into.c += scale * i.offset;
        bump(into, `i:${i.name}`, scale);
      }
      return true;
    }
    case 'extent': {
      const n = sizeOf(e.index, sizes);
      if (n !== undefined) into.c += scale * n;
      else bump(into, 'N', scale);
      return true;
    }
    case 'neg': return linear(e.arg, sizes, -scale, into);
    case 'add': return e.terms.every((t) => linear(t, sizes, scale, into));
    case 'mul': {
      const k = e.factors.filter((f) => f.kind === 'num');
      const rest = e.factors.filter((f) => f.kind !== 'num');
      if (rest.length > 1) return false;
      const s = k.reduce((p, f) => p * (f as Expr & { kind: 'num' }).value, scale);
      return rest.length === 0 ? ((into.c += s), true) : linear(rest[0]!, sizes, s, into);
    }
    default: return false;
  }
}

/** Lower (or upper) bound of a linear form; null when unbounded in that direction. */
function bound(l: Linear, sizes: Sizes, lower: boolean): number | null {
  let c = l.c;
  let n = 0; // coefficient of the shared symbolic N
  for (const [atom, coef] of l.atoms) {
    if (atom === 'N') { n += coef; continue; }
    const name = atom.slice(2);
    const useOne = lower ? coef > 0 : coef < 0; // 1 ≤ p ≤ N_p
    if (useOne) { c += coef; continue; }
    const size = sizeOf(name, sizes);
    if (size !== undefined) c += coef * size;
    else n += coef;
  }
  // N ≥ 1 and nothing more is known about it.
  if (n === 0) return c;
  if (lower) return n > 0 ? c + n : null;
  return n < 0 ? c + n : null;
}

/** Whether `a op b` certainly holds (true), certainly fails (false), or is unknown (null). */
export function decide(op: RelOp, a: Expr, b: Expr, sizes: Sizes): boolean | null {
  const l: Linear = { c: 0, atoms: new Map() };
  if (!linear(b, sizes, 1, l) || !linear(a, sizes, -1, l)) return null;
  // l = b - a
  const lo = bound(l, sizes, true);
  const hi = bound(l, sizes, false);
  const exact = l.atoms.size === 0 ? l.c : null;
  switch (op) {
    case '<=': return lo !== null && lo >= 0 ? true : hi !== null && hi < 0 ? false : null;
    case '<': return lo !== null && lo > 0 ? true : hi !== null && hi <= 0 ? false : null;
    case '>=': return hi !== null && hi <= 0 ? true : lo !== null && lo > 0 ? false : null;
    case '>': return hi !== null && hi < 0 ? true : lo !== null && lo >= 0 ? false : null;
    case '=': return exact !== null ? exact === 0 : (lo !== null && lo > 0) || (hi !== null && hi < 0) ? false : null;
    case '!=': return exact !== null ? exact !== 0 : (lo !== null && lo > 0) || (hi !== null && hi < 0) ? true : null;
    default: return null;
  }
}
