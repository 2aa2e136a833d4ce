// What we know about index ranges, and deciding relations between index
// expressions (`1 ≤ p-1`, `p ≤ #i`) from it.
//
// Every index variable p ranges over 1..N_p. N_p is `sizes[p]` when declared;
// otherwise the size symbol that bounds declare for p's slot (`\sum_{n=1}^{N} p_n`
// gives N_n = N, core/extents.ts), or a symbol of its own, shared only with p's
// fresh copies (`p'` inherits p's range). Two undeclared letters may range over different extents
// (the seed's j and k do), so `p ≤ #i` is not known for p ≠ i. An index
// expression is then a linear form in index variables and extents, and a
// relation holds for certain when the bounds 1 ≤ p ≤ N_p and N_p ≥ 1 prove it.

import { type Expr, extent, type Index, indexConstant, indexValue, num, type RelOp } from '../core/ast.js';
import { baseLetter } from '../core/fresh.js';
import { slotRanges } from '../core/extents.js';

export type Sizes = Readonly<Record<string, number>>;

/** The size symbol an undeclared letter runs up to, where bounds declare it (`\sum_{n=1}^{N} p_n`: n → N). */
export type Declared = (letter: string) => string | undefined;

const none: Declared = () => undefined;

export function sizeOf(name: string, sizes: Sizes): number | undefined {
  return sizes[name] ?? sizes[baseLetter(name)];
}

/** The upper end of an unbounded sum over `name`, as an expression: `\#j`. */
export function upperOf(name: string): Expr {
  return extent(baseLetter(name));
}

export function indexExpr(i: Index): Expr {
  return i.kind === 'inum' ? num(i.value) : indexValue(i);
}

/** c + Σ coef·atom; atoms are `i:name` (an index variable) and `N:letter` (an undeclared extent). */
interface Linear { c: number; atoms: Map<string, number> }

function bump(l: Linear, atom: string, by: number): void {
  const v = (l.atoms.get(atom) ?? 0) + by;
  if (v === 0) l.atoms.delete(atom);
  else l.atoms.set(atom, v);
}

/** `e` as a linear form, or null when it is not an index expression. */
function linear(e: Expr, sizes: Sizes, declared: Declared, scale: number, into: Linear): boolean {
  switch (e.kind) {
    case 'num': into.c += scale * e.value; return true;
    case 'index': {
      const i = e.index;
      into.c += scale * indexConstant(i);
      if (i.kind === 'ivar') bump(into, `i:${i.name}`, scale);
      else if (i.kind === 'ilin') for (const t of i.terms) bump(into, `i:${t.name}`, scale * t.coef);
      return true;
    }
    case 'extent': {
      const n = sizeOf(e.index, sizes);
      const upTo = declared(e.index);
      if (n !== undefined) into.c += scale * n;
      else if (upTo !== undefined) bump(into, `i:${upTo}`, scale);
      else bump(into, `N:${baseLetter(e.index)}`, scale);
      return true;
    }
    case 'neg': return linear(e.arg, sizes, declared, -scale, into);
    case 'add': return e.terms.every((t) => linear(t, sizes, declared, scale, into));
    case 'mul': {
      const k = e.factors.filter((f) => f.kind === 'num');
      const rest = e.factors.filter((f) => f.kind !== 'num');
      if (rest.length > 1) return false;
      const s = k.reduce((p, f) => p * (f as Expr & { kind: 'num' }).value, scale);
      return rest.length === 0 ? ((into.c += s), true) : linear(rest[0]!, sizes, declared, s, into);
    }
    default: return false;
  }
}

/** Lower (or upper) bound of a linear form; null when unbounded in that direction. */
function bound(given: Linear, sizes: Sizes, declared: Declared, lower: boolean): number | null {
  // A letter bounded above by a declared symbol (p ≤ N): that symbol in its place, so `N - p` is bounded below by 0.
  const l: Linear = { c: given.c, atoms: new Map(given.atoms) };
  for (const [atom, coef] of given.atoms) {
    const name = atom.slice(2);
    const upTo = atom.startsWith('i:') && (lower ? coef < 0 : coef > 0) && sizeOf(name, sizes) === undefined ? declared(name) : undefined;
    if (upTo === undefined || upTo === name) continue;
    bump(l, atom, -coef);
    bump(l, `i:${upTo}`, coef);
  }
  let c = l.c;
  const extents = new Map<string, number>(); // coefficient of each undeclared extent N_letter
  const addExtent = (letter: string, coef: number) => extents.set(letter, (extents.get(letter) ?? 0) + coef);
  for (const [atom, coef] of l.atoms) {
    if (atom.startsWith('N:')) { addExtent(atom.slice(2), coef); continue; }
    const name = atom.slice(2);
    const useOne = lower ? coef > 0 : coef < 0; // 1 ≤ p ≤ N_p
    if (useOne) { c += coef; continue; }
    const size = sizeOf(name, sizes);
    if (size !== undefined) c += coef * size;
    else addExtent(baseLetter(name), coef);
  }
  // Each N_letter ≥ 1 and nothing more is known about it.
  for (const coef of extents.values()) {
    if (coef === 0) continue;
    if (lower ? coef < 0 : coef > 0) return null;
    c += coef;
  }
  return c;
}

/** Whether `a op b` certainly holds (true), certainly fails (false), or is unknown (null). */
export function decide(op: RelOp, a: Expr, b: Expr, sizes: Sizes, declared: Declared = none): boolean | null {
  const l: Linear = { c: 0, atoms: new Map() };
  if (!linear(b, sizes, declared, 1, l) || !linear(a, sizes, declared, -1, l)) return null;
  // l = b - a
  const lo = bound(l, sizes, declared, true);
  const hi = bound(l, sizes, declared, false);
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

/**
 * Which undeclared letters certainly share a range: letters that address the
 * same slot of one array somewhere in `exprs` (`x_i` and `x_j` give i ~ j), and
 * a letter's fresh copies; and the size symbol a group runs up to where bounds
 * declare one (core/extents.ts). Returns the tests, and a key that changes
 * exactly when they do (for memo tables).
 */
export function linkedRanges(exprs: readonly Expr[]): { same: (a: string, b: string) => boolean; declared: Declared; key: string } {
  const { find, groups, declared } = slotRanges(exprs);
  const key = groups.map((g) => g.map((x) => (declared.has(x) ? `${x}<${declared.get(x)!}` : x)).join('~')).sort().join(',');
  return { same: (a, b) => find(a) === find(b), declared: (letter) => declared.get(baseLetter(letter)), key };
}
