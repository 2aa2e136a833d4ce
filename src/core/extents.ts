// Extents declared by bounds ("Ranges" in docs/notation.md): a reduction written
// `\sum_{n=1}^{N}` whose body reads an array slot at n (`p_n`) says that slot
// runs over 1..N, so every letter addressing it (n, and m in `\sum_m p_m`)
// ranges over 1..N. N must be a size symbol: a name used nowhere as an index.
// A slot declared by two different symbols (`\sum_{n=1}^{N} p_n + \sum_{m=1}^{M} p_m`)
// gets no extent from either; bounds that cut a range (`\sum_{i=2}^{N}`,
// `\sum_{i=1}^{n-1}`) declare nothing.
//
// One walk for the simplifier's range facts and for the values front end.

import { children, type Expr, type Index } from './ast.js';
import { baseLetter } from './fresh.js';
import { shadows } from './indices.js';
import { matrixOf, slotKey } from './names.js';
import { UnionFind } from './union-find.js';

/** Whether `e` reads some array slot at exactly the index `i` (`x_i`, `w_{ik}`); an `i` bound below is another index. */
export function readsSlotAt(e: Expr, i: string): boolean {
  if (e.kind === 'var') return e.indices.some((x) => x.kind === 'ivar' && x.name === i && x.offset === 0);
  if (shadows(e, i)) return false;
  return children(e).some((c) => readsSlotAt(c, i));
}

export interface SlotRanges {
  /** The representative of a letter's group: letters addressing one slot of one array, by base letter. */
  readonly find: (letter: string) => string;
  /** Every group as its sorted letters. */
  readonly groups: readonly (readonly string[])[];
  /** Base letter → the size symbol its group runs up to (`n` → `N`), where bounds declare one. */
  readonly declared: ReadonlyMap<string, string>;
}

export function slotRanges(exprs: readonly Expr[]): SlotRanges {
  const groups = new UnionFind();
  const asIndex = new Set<string>();
  const claims: [letter: string, symbol: string][] = [];
  const seen = new Set<number>();
  const addNames = (i: Index) => {
    if (i.kind === 'ivar') asIndex.add(i.name);
    else if (i.kind === 'ilin') for (const t of i.terms) asIndex.add(t.name);
  };
  const visit = (e: Expr): void => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    switch (e.kind) {
      case 'var':
        e.indices.forEach((i, n) => {
          addNames(i);
          if (i.kind === 'ivar' && i.offset === 0) groups.union(`#${slotKey(e, e.indices.length, n)}`, baseLetter(i.name));
        });
        // The inverse and the determinant are of a square matrix: its two slots range alike.
        if (e.of !== null) {
          const arity = e.of === 'inverse' ? e.indices.length : e.indices.length + 2;
          groups.union(`#${slotKey(matrixOf(e), arity, arity - 2)}`, `#${slotKey(matrixOf(e), arity, arity - 1)}`);
        }
        break;
      case 'delta':
        addNames(e.a);
        addNames(e.b);
        break;
      case 'reduce': {
        asIndex.add(e.index);
        const fromOne = e.lower === null || (e.lower.kind === 'inum' && e.lower.value === 1);
        if (fromOne && e.upper !== null && e.upper.kind === 'ivar' && e.upper.offset === 0 && readsSlotAt(e.body, e.index)) {
          claims.push([baseLetter(e.index), e.upper.name]);
        }
        break;
      }
      default: break;
    }
    children(e).forEach(visit);
  };
  exprs.forEach(visit);
  const find = (x: string) => groups.find(baseLetter(x));
  const members = new Map<string, string[]>();
  for (const x of groups.names()) if (!x.startsWith('#')) members.set(find(x), [...(members.get(find(x)) ?? []), x]);
  // Per group: its one symbol, or null when claims disagree or name an index.
  const symbolOf = new Map<string, string | null>();
  for (const [letter, symbol] of claims) {
    const root = find(letter);
    const had = symbolOf.get(root);
    symbolOf.set(root, asIndex.has(symbol) || (had !== undefined && had !== symbol) ? null : symbol);
  }
  const declared = new Map<string, string>();
  for (const [root, symbol] of symbolOf) if (symbol !== null) for (const x of members.get(root) ?? []) declared.set(x, symbol);
  return { find, groups: [...members.values()].map((g) => g.sort()), declared };
}
