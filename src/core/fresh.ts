// Fresh names: the one place that makes up index and variable names.
//
// Two kinds, for two audiences:
//  - a fresh copy of an index letter is visible: the α-renaming of a binder
//    prints it, and it inherits the letter's range (docs/architecture.md). It
//    is the letter with primes, `j` → `j'` → `j''`, avoiding the names in use.
//  - an internal name is made by the engine for itself and never printed:
//    canonical binder names, compiler memo keys, the temporaries of a
//    simultaneous substitution, placeholders. It starts with `%`, which
//    neither grammar accepts in a name, so it cannot equal a name the user
//    wrote, in any formula; its purpose comes first, so internal names made
//    for different purposes cannot equal each other either. Code that builds
//    expressions by hand must keep `%` out of its names.

/** A name derived from `base` by adding primes (`j` → `j'` → `j''`) that is not in `taken`. */
export function freshIndex(base: string, taken: ReadonlySet<string>): string {
  let name = base + "'";
  while (taken.has(name)) name += "'";
  return name;
}

/** The user's letter behind a fresh name: `j''` → `j`. */
export function baseLetter(name: string): string {
  return name.replace(/'+$/, '');
}

/**
 * The internal name for `purpose` and `parts` (`internalName('bound', 0, 'j')`
 * is `%bound:0:j`). Equal arguments give equal names, and, as long as no part
 * contains `:`, different arguments give different names.
 */
export function internalName(purpose: string, ...parts: readonly (string | number)[]): string {
  return `%${[purpose, ...parts].join(':')}`;
}
