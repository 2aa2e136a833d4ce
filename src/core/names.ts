// What tells two variables apart, and the names they go by at the boundary.
//
// A variable is the name the user wrote plus two typed fields (docs/architecture.md,
// "Variables are name, version and family"):
//   - `version`: 0 for an input; n for the quantity made by the n-th definition
//     of that name (`let*` scoping: in `o_k = σ(Σ_j w_{jk} o_j)` the right
//     side's `o_j` is version 0, a later `o_k` is version 1);
//   - `family`: null, unless index ranges are declared and one name is used
//     with index slots of different ranges (Rashid's `w_{ij}`, 784×100, and
//     `w_{jk}`, 100×10): then each range signature is its own quantity, named
//     by the slot letters of its first occurrence (`ij`, `jk`).
// Printers and messages show only the name; nothing here is ever parsed back.

/** The identity of a variable, without its indices. A `Var` is one. */
export interface VarName {
  /** As the user wrote it (`o`, `lambda`, `w`). */
  readonly name: string;
  /** 0 for an input; n for the n-th definition of this name. */
  readonly version: number;
  /** The slot letters of the range family (`jk`), or null when the name is not split by ranges. */
  readonly family: string | null;
}

/** The name a person sees: the user's own; version and family are never shown. */
export function userName(v: VarName): string {
  return v.name;
}

/**
 * The key a caller uses for this input in `values` (eval's values file, `compile().fn`,
 * the emitted module's `run`): the name, and when the name is split into range
 * families, the family's letters as a LaTeX subscript (`w_{ij}`, `o_i`).
 * Defined quantities (version > 0) are not inputs: they are unfolded before evaluation.
 */
export function inputKey(v: VarName): string {
  if (v.family === null) return v.name;
  return `${v.name}_${[...v.family].length === 1 ? v.family : `{${v.family}}`}`;
}

/** A key for maps inside the engine that is equal exactly when the identities are. */
export function varKey(v: VarName): string {
  // Parsed names are letters, digits and primes, so a plain name cannot look like the long form.
  return v.version === 0 && v.family === null ? v.name : `${v.name}:${v.family ?? ''}:${v.version}`;
}

/** Whether `a` and `b` are the same quantity (indices aside). */
export function sameName(a: VarName, b: VarName): boolean {
  return a.name === b.name && a.version === b.version && a.family === b.family;
}
