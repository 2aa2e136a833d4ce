// The hash-cons table: the one piece of state every expression depends on.
//
// It holds its nodes weakly, so a node lives as long as something outside the
// table references it (and at least until the task that met it ends), and a
// long-running process holds only the nodes it still uses: no session to
// open, nothing to reset. Hash-consing stays exact: a node that is alive is
// always the one in the table, so two live, structurally equal nodes are one
// object (`a === b`). A node that died is made anew, with a new id (ids are
// never reused), so a memo keyed by id cannot confuse it with its
// predecessor. Keys name children by id, and a parent holds its children, so
// a live key never names a dead child.
//
// Lifecycle (docs/architecture.md, "State and its lifecycle"): one instance
// per process (`store` in ast.ts), created with the module and never reset.
// There is deliberately no `reset()`: it would free nothing that the weak
// table does not free by itself, and a node built before it would no longer
// be `===` to its equal built after.

/** Counts for monitoring a long-running process. */
export interface StoreStats {
  /** Entries in the table: the live nodes, plus dead ones whose entry the finalizer has not removed yet. */
  readonly entries: number;
  /** Nodes ever made (the next id is this plus one). */
  readonly created: number;
}

export class Store<T extends object> {
  private readonly table = new Map<string, WeakRef<T>>();
  private nextId = 1;
  // Runs some time after a node was collected. The key may meanwhile name a
  // newer node made for the same structure: remove the entry only if it is dead.
  private readonly registry = new FinalizationRegistry<string>((key) => {
    if (this.table.get(key)?.deref() === undefined) this.table.delete(key);
  });
  // The nodes met since a zero-delay timer last cleared them, held strongly.
  // JavaScript keeps a WeakRef's target alive until the current task ends
  // anyway, so this changes little in what lives; it makes a hit one lookup,
  // as in a strong table, instead of a lookup and a `deref()`, which costs
  // about as much again (measured: docs/performance.md).
  private readonly recent = new Map<string, T>();
  private readonly forgetRecent = () => this.recent.clear();

  /** The node with this structural key, made by `make` (with a fresh id) unless a live one exists. */
  intern<U extends T>(key: string, make: (id: number) => U): U {
    const hit = this.recent.get(key);
    if (hit !== undefined) return hit as U;
    if (this.recent.size === 0) setTimeout(this.forgetRecent, 0);
    let node = this.table.get(key)?.deref();
    if (node === undefined) {
      node = make(this.nextId++);
      this.table.set(key, new WeakRef(node));
      this.registry.register(node, key);
    }
    this.recent.set(key, node);
    return node as U;
  }

  stats(): StoreStats {
    return { entries: this.table.size, created: this.nextId - 1 };
  }
}
