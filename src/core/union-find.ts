// Disjoint sets of names, for grouping index letters that must share a range
// (the checker's random sizes, the simplifier's range test).

export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly joined = new Set<string>();

  /** The representative of `x`'s set: the smallest name in it, so the grouping reads the same every time. */
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) this.parent.set(x, (p = this.find(p)));
    return p;
  }

  union(a: string, b: string): void {
    this.joined.add(a).add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }

  /** Every name ever joined to another. */
  names(): IterableIterator<string> {
    return this.joined.values();
  }
}
