// What we know about index ranges, and deciding relations between index
// expressions (`1 ≤ p-1`, `p ≤ #i`) from it.
//
// Every index variable p ranges over 1..N_p — with two exceptions, where the
// least value is lower (`floors`): a size symbol, a letter used only as a
// number (`n` in `\sum_{t=1}^{n-1}`, both letters of `\sum_{k=i}^{j}`), may be
// 0; and a sum's binder starts at its lower bound (`\sum_{i=0}^{n}`: i ≥ 0,
// `\sum_{k=n-3}^{n}`: no floor known). N_p is `sizes[p]` when declared;
// otherwise the size symbol that bounds declare for p's slot (`\sum_{n=1}^{N} p_n`
// gives N_n = N, core/extents.ts), or a symbol of its own, shared only with p's
// fresh copies (`p'` inherits p's range). Two undeclared letters may range over different extents
// (the seed's j and k do), so `p ≤ #i` is not known for p ≠ i. An index
// expression is then a linear form in index variables and extents, and a
// relation holds for certain when the bounds 1 ≤ p ≤ N_p and N_p ≥ 1 prove it.

import { children, type Expr, extent, type Index, indexConstant, indexTerms, indexValue, num, type RelOp } from '../core/ast.js';
import { baseLetter } from '../core/fresh.js';
import { slotRanges } from '../core/extents.js';

export type Sizes = Readonly<Record<string, number>>;

/** The size symbol an undeclared letter runs up to, where bounds declare it (`\sum_{n=1}^{N} p_n`: n → N). */
export type Declared = (letter: string) => string | undefined;

/** The least value a letter can take (1 for an index; 0 for a size symbol; a binder's lower bound; -Infinity when unknown). */
export type Floor = (letter: string) => number;

/** What decides a relation between index expressions: declared sizes, sizes declared by bounds, least values. */
export interface RangeFacts {
  readonly sizes: Sizes;
  readonly declared: Declared;
  readonly floor: Floor;
}

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
function bound(given: Linear, { sizes, declared, floor }: RangeFacts, lower: boolean): number | null {
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
    const useFloor = lower ? coef > 0 : coef < 0; // floor(p) ≤ p ≤ N_p
    if (useFloor) {
      const least = floor(name);
      if (least === -Infinity) return null;
      c += coef * least;
      continue;
    }
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
export function decide(op: RelOp, a: Expr, b: Expr, facts: RangeFacts): boolean | null {
  const { sizes, declared } = facts;
  const l: Linear = { c: 0, atoms: new Map() };
  if (!linear(b, sizes, declared, 1, l) || !linear(a, sizes, declared, -1, l)) return null;
  // l = b - a
  const lo = bound(l, facts, true);
  const hi = bound(l, facts, false);
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
export function linkedRanges(exprs: readonly Expr[]): { same: (a: string, b: string) => boolean; declared: Declared; floor: Floor; key: string } {
  const { find, groups, declared } = slotRanges(exprs);
  const floors = letterFloors(exprs);
  const key = groups.map((g) => g.map((x) => (declared.has(x) ? `${x}<${declared.get(x)!}` : x)).join('~')).sort().join(',')
    + `|${[...floors].map(([n, v]) => `${n}>=${v}`).sort().join(',')}`;
  return {
    same: (a, b) => find(a) === find(b), declared: (letter) => declared.get(baseLetter(letter)),
    floor: (letter) => floors.get(baseLetter(letter)) ?? 1, key,
  };
}

/**
 * The least value of every letter of `exprs` that may go below 1, by base letter (fresh copies
 * range alike): 0 for a letter used only as a number (a size symbol: in bounds, index values and
 * brackets, never addressing a slot, a δ or bound by a reduction); for a binder, the least value
 * of its lower bounds, found by a few rounds of propagation (`\sum_{i=0}^{n}\sum_{k=i-1}^{n}`:
 * i ≥ 0, k ≥ -1), -Infinity where the rounds do not settle or a bound has no least value.
 * Letters not listed have floor 1.
 */
export function letterFloors(exprs: readonly Expr[]): ReadonlyMap<string, number> {
  const asIndex = new Set<string>();
  const asNumber = new Set<string>();
  const lowers: [letter: string, lower: Index | null][] = [];
  const seen = new Set<number>();
  const names = (i: Index | null, into: Set<string>) => { if (i !== null) for (const t of indexTerms(i)) into.add(baseLetter(t.name)); };
  const visit = (e: Expr): void => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    switch (e.kind) {
      case 'var': for (const i of e.indices) names(i, asIndex); break;
      case 'delta': names(e.a, asIndex); names(e.b, asIndex); break;
      case 'index': names(e.index, asNumber); break;
      case 'extent': asNumber.add(baseLetter(e.index)); break;
      case 'reduce':
        asIndex.add(baseLetter(e.index));
        lowers.push([baseLetter(e.index), e.lower]);
        names(e.lower, asNumber);
        names(e.upper, asNumber);
        break;
      default: break;
    }
    children(e).forEach(visit);
  };
  exprs.forEach(visit);
  const floors = new Map<string, number>();
  for (const n of asNumber) if (!asIndex.has(n)) floors.set(n, 0);
  const least = (i: Index | null): number => {
    if (i === null) return 1;
    let v = indexConstant(i);
    for (const t of indexTerms(i)) {
      if (t.coef < 0) return -Infinity; // n - i: no least value without i's greatest
      v += t.coef * (floors.get(baseLetter(t.name)) ?? 1);
    }
    return v;
  };
  const ROUNDS = 4;
  for (let round = 0; round <= ROUNDS; round++) {
    let changed = false;
    for (const [letter, lower] of lowers) {
      const v = Math.min(least(lower), floors.get(letter) ?? 1);
      if (v >= (floors.get(letter) ?? 1)) continue;
      floors.set(letter, round === ROUNDS ? -Infinity : v);
      changed = true;
    }
    if (!changed) break;
  }
  for (const [n, v] of floors) if (v >= 1) floors.delete(n);
  return floors;
}
