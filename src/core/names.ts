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
  /**
   * Accents and fonts on the name, outermost first: `\hat{\bar{x}}` is `['hat', 'bar']`.
   * `\hat{y}` and `y` are different variables (docs/notation.md, "Decorated names").
   */
  readonly marks: readonly Mark[];
  /**
   * A word subscript that is part of the name: `D_{\mathrm{KL}}`, `L_{\text{CE}}` (docs/notation.md,
   * "Function definitions, gradients and word subscripts"). `D_{\mathrm{KL}}` and `D` are different variables.
   */
  readonly label?: Label | null;
  /**
   * A quantity derived from the matrix of this name (issue 11, matrix notation): `inverse` is
   * `X^{-1}` (its entries `(X^{-1})_{ab}`, two indices), `determinant` is `\det X` (a scalar).
   * Absent or null: the name's own entries. `X^{-1}` and `X` are different variables whose value
   * is computed from X's (so their input key is X's: docs/architecture.md, "Inverses and determinants").
   */
  readonly of?: MatrixFunction | null;
}

/** What a variable may be of its matrix (see `VarName.of`). */
export type MatrixFunction = 'inverse' | 'determinant';

/**
 * A word subscript: the word is the identity; the font it was written in is a presentation hint
 * (`D_{\mathrm{KL}}` and `D_{\text{KL}}` are one quantity, printed as written).
 */
export interface Label {
  readonly word: string;
  readonly font: LabelFont;
}
export type LabelFont = 'mathrm' | 'text' | 'mathit';

/**
 * A decoration of a name, by its LaTeX command without the backslash. (`\mathbb` and `\mathsf` are not
 * marks: `\mathbb{E}` is an expectation, `\mathsf{T}` a transpose; the LaTeX tokens refuse them.)
 */
export const MARKS = [
  'hat', 'widehat', 'bar', 'overline', 'tilde', 'widetilde', 'dot', 'ddot', 'vec', 'check', 'breve',
  'mathbf', 'boldsymbol', 'bm', 'mathcal', 'mathfrak', 'mathscr',
] as const;
export type Mark = (typeof MARKS)[number];

/** The name a person sees: the user's own, with its marks (`hat(y)`); version and family are never shown. */
export function userName(v: VarName): string {
  return markedName(v);
}

/**
 * The key a caller uses for this input in `values` (eval's values file, `compile().fn`,
 * the emitted module's `run`): the name, and when the name is split into range
 * families, the family's letters as a LaTeX subscript (`w_{ij}`, `o_i`).
 * Defined quantities (version > 0) are not inputs: they are unfolded before evaluation.
 */
export function inputKey(v: VarName): string {
  const name = markedName(v);
  if (v.family === null) return name;
  return `${name}_${[...v.family].length === 1 ? v.family : `{${v.family}}`}`;
}

/**
 * The plain-text spelling of a name with its marks and word subscript: `\hat{y}'` is `hat(y)'`, `\hat{\bar{x}}` is `hat(bar(x))`;
 * it reads back in the text syntax.
 */
export function markedName(v: Pick<VarName, 'name' | 'marks' | 'label'>): string {
  if (v.marks.length === 0 && (v.label ?? null) === null) return v.name;
  const [, base = '', primes = ''] = /^(.*?)('*)$/.exec(v.name) ?? [];
  // A word subscript is written after a dot: `D_{\mathrm{KL}}` is `D.KL`, `\mathcal{L}_{\mathrm{MSE}}` `mathcal(L).MSE`.
  const label = v.label === undefined || v.label === null ? '' : `.${v.label.word}`;
  return v.marks.reduceRight((inner, m) => `${m}(${inner})`, base) + label + primes;
}

/**
 * The key of what a variable reads among an evaluation's inputs: its input key, and for an inverse or
 * determinant that too, computed from the input (`inverse(X)`, `determinant(X)`: no input key has parentheses
 * around a name of this form, marks being `hat(…)` and the like).
 */
export function readKey(v: VarName): string {
  return (v.of ?? null) === null ? inputKey(v) : `${v.of}(${inputKey(v)})`;
}

/** A key for maps inside the engine that is equal exactly when the identities are. */
export function varKey(v: VarName): string {
  // Parsed names are letters, digits and primes (marks add `hat(…)`), so a plain name cannot look like the long form.
  const name = markedName(v);
  const own = v.version === 0 && v.family === null ? name : `${name}:${v.family ?? ''}:${v.version}`;
  return (v.of ?? null) === null ? own : `${v.of}(${own})`;
}

/** The identity of the matrix a derived quantity is of (`X` for `X^{-1}`, `\det X`); `v` itself when it is no such quantity. */
export function matrixOf<V extends VarName>(v: V): V {
  return (v.of ?? null) === null ? v : { ...v, of: null };
}

/** Whether `a` and `b` are the same quantity (indices aside). */
export function sameName(a: VarName, b: VarName): boolean {
  return a.name === b.name && a.version === b.version && a.family === b.family
    && a.marks.length === b.marks.length && a.marks.every((m, i) => m === b.marks[i]) && a.label?.word === b.label?.word
    && (a.of ?? null) === (b.of ?? null);
}

/**
 * What tells the range of slot `n` of a variable with `arity` indices: the array and the slot. An
 * inverse's last two slots are its matrix's swapped (X^{-1} is cols × rows of X); slots before them
 * (a batch index, `--batch`) are their own.
 */
export function slotKey(v: VarName, arity: number, n: number): string {
  const first = arity - 2;
  return v.of === 'inverse' && n >= first ? `${varKey(matrixOf(v))}/${arity}#${first + 1 - (n - first)}` : `${varKey(v)}/${arity}#${n}`;
}
