// Matrix notation (issue 11; docs/notation.md, "Matrix notation"): `\sigma(W^\top \mathbf{x})`,
// `\mathbf{x}^\top A \mathbf{x}`, `\|W\mathbf{x} - \mathbf{y}\|^2`, `\operatorname{tr}(X^\top A X)`
// read into index form, `\sum_j W_{jk} x_j`.
//
// Three steps, on the whole parse:
//  1. Ranks: which names are vectors and matrices. Declared (`--shapes`) first; then the
//     convention: `\mathbf{x}` (bold lowercase) a vector, a capital (plain or bold) a matrix, `I`
//     the identity; a plain lowercase name is a scalar unless the formula makes it a vector (it
//     is transposed, an operand of ⊙ ⊘ ⊗, inside a norm, added to a vector, multiplied from
//     the left by a vector or matrix, or defined as one). A name written with a subscript is an
//     entry (`W_{jk}`), except a bold name (`\mathbf{x}_n`, the n-th vector).
//  2. Dimensions: every vector and matrix gets a row and a column dimension; products,
//     sums, ⊙ and traces tie them (union-find). Dimensions declared with different letters,
//     or a vector where a scalar must be, are a mismatch, reported with both shapes.
//  3. Translation: each dimension gets an index letter (declared, else the first free letter of
//     i j k l m n p q r s), and each construct its index form: `(AB)_{ik} = \sum_j A_{ij} B_{jk}`,
//     `(A^\top)_{ij} = A_{ji}`, `(u \odot v)_i = u_i v_i`, `I_{ij} = \delta_{ij}`, `\mathbf{1}_i = 1`.
//
// Whether a formula is matrix notation at all is decided once (`isMatrixNotation`): declared
// shapes, a transpose, ⊙ ⊘ ⊗, `\mathbf{1}`, diag, a trace or norm of a product, or a bold
// vector multiplied by a capital. Everything else keeps its index-notation reading.

import {
  add, APPLY, call, children, delta, div, type Expr, type Index, isEquation, ivar, mapChildren, mul, neg, num, pow, reduce, variable, type Var,
} from '../core/ast.js';
import { freshIndex, internalName } from '../core/fresh.js';
import { allIndexNames } from '../core/indices.js';
import { type MatrixFunction, varKey } from '../core/names.js';
import { UnionFind } from '../core/union-find.js';
import type { Lazy } from './build.js';
import { GrammarError, ParseError } from './errors.js';
import { latexSpelling, type Tok } from './tokens.js';
import { normFromEntries, normKind, VECTOR_FORM, writtenAt, writtenFrom } from './vectors.js';

// ---------------------------------------------------------------------------
// Builders (grammar postprocessors' thunks): internal calls, never printed, read below.

export const MATRIX_FORM = {
  transpose: internalName('matrix', 'transpose'),
  odot: internalName('matrix', 'odot'),
  oslash: internalName('matrix', 'oslash'),
  otimes: internalName('matrix', 'otimes'),
  ones: internalName('matrix', 'ones'),
  diag: internalName('matrix', 'diag'),
  det: internalName('matrix', 'det'),
} as const;
const MATRIX_FNS = new Set<string>(Object.values(MATRIX_FORM));

/** `A^\top`; `A^{-\top}` is the transpose of the inverse. */
export function transpose(t: Tok, a: Lazy): Lazy {
  return () => writtenFrom(call(MATRIX_FORM.transpose, [t.value === '-T' ? pow(a(), num(-1)) : a()]), t);
}
/** `u \odot v`, `u \oslash v`, `u \otimes v`. */
export function entrywise(op: Tok, l: Lazy, r: Lazy): Lazy {
  return () => writtenFrom(call(MATRIX_FORM[op.value as 'odot' | 'oslash' | 'otimes'], [l(), r()]), op);
}
/** `\mathbf{1}`, the vector of ones. */
export function ones(t: Tok): Lazy {
  return () => writtenFrom(call(MATRIX_FORM.ones, []), t);
}
/** `\det X`, `\det(X)`: the determinant of a square matrix name. */
export function det(t: Tok, x: Lazy): Lazy {
  return () => writtenFrom(call(MATRIX_FORM.det, [x()]), t);
}
/**
 * `(X^{-1})_{ab}` (LaTeX) and `inv(X)[a, b]` (plain text): an entry of the inverse in index notation, as
 * the printers write it (`one` is the exponent's 1, `at` where the indices are).
 */
export function inverseEntry(at: Tok, x: Lazy, indices: readonly Index[], one: Tok | null = null): Lazy {
  return () => {
    if (one !== null && one.value !== '1') throw new GrammarError(`(X^{-${one.value}})_{…} is not read: an entry of the inverse is (X^{-1})_{ab}`, one);
    const v = x();
    if (v.kind !== 'var' || v.indices.length > 0) throw new GrammarError('an entry of an inverse is of a matrix name: (X^{-1})_{ab}, inv(X)[a, b]', at);
    if (indices.length !== 2) throw new GrammarError(`an entry of an inverse has two indices, not ${indices.length}: (X^{-1})_{ab}`, at);
    return variable({ ...v, of: 'inverse' }, indices);
  };
}
/** `det(X)` in plain text: the determinant of a matrix name, a number. */
export function determinantOfName(at: Tok, x: Lazy): Lazy {
  return () => {
    const v = x();
    if (v.kind !== 'var' || v.indices.length > 0) throw new GrammarError('det(…) is read of a matrix name: det(X)', at);
    return variable({ ...v, of: 'determinant' });
  };
}
/** `\operatorname{diag}(x)`: the diagonal matrix of a vector, or the diagonal of a square matrix. */
export function diag(t: Tok, x: Lazy): Lazy {
  return () => writtenFrom(call(MATRIX_FORM.diag, [x()]), t);
}

// ---------------------------------------------------------------------------
// Shapes

/** A declared or inferred shape: a name and its dimensions' letters ([] a scalar, [n] a vector, [m, n] a matrix). */
export interface Shape {
  readonly name: Var;
  readonly dims: readonly string[];
}

type Rank = 'scalar' | 'vector' | 'matrix';
/** A name's reading before inference: `plain` may become a vector; `entry` is a scalar entry `W_{jk}`. */
type Convention = Rank | 'plain' | 'identity' | 'entry';

const BOLD = new Set(['mathbf', 'boldsymbol', 'bm', 'vec']);
const LETTERS = ['i', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's'];

/** The key of a name for shapes: the name with its marks, and how many indices it was written with. */
const keyOf = (v: Var): string => `${varKey(v)}/${v.indices.length}`;

/** The name as written in LaTeX, for messages. */
function spell(v: Var): string {
  return [...v.marks].reverse().reduce((s, m) => `\\${m}{${s}}`, latexSpelling(v.name));
}

/** The name with its indices as written, for messages: `x_{j}`, `W`. */
function spellWritten(v: Var): string {
  const names = v.indices.map((i) => (i.kind === 'ivar' ? i.name : i.kind === 'inum' ? String(i.value) : '…'));
  return names.length === 0 ? spell(v) : `${spell(v)}_{${names.join(names.some((n) => n.length > 1) ? ',' : '')}}`;
}

/** Whether a reading of `e` needs matrix notation (see the head of this file). */
function needsMatrix(e: Expr): boolean {
  if (e.kind === 'call') {
    // `\det(X)` of a name alone is left to `isMatrixNotation`.
    if (isDeterminantOfName(e)) return false;
    if (MATRIX_FNS.has(e.fn)) return true;
    if (e.fn === VECTOR_FORM.trace && !(e.args[0]!.kind === 'var' && e.args[0]!.indices.length === 0)) return true;
    if ((normKind(e.fn) !== null || e.fn === VECTOR_FORM.inner) && e.args.some(hasProductWithArray)) return true;
  }
  // A bold vector next to a capital or another bold name (`W\mathbf{x}`, `\mathbf{x}\mathbf{y}`).
  if (e.kind === 'mul') {
    const bold = e.factors.filter((f) => isArrayName(f) && (f as Var).marks.some((m) => BOLD.has(m)) && isLower((f as Var).name));
    if (bold.length > 0 && e.factors.filter(isArrayName).length > 1) return true;
  }
  return children(e).some(needsMatrix);
}
const isUpper = (name: string) => /^[A-Z]/.test(name);
const isLower = (name: string) => !isUpper(name);
/** A bold or capital name without indices: a vector or matrix by the convention. */
const isArrayName = (e: Expr): boolean => e.kind === 'var' && e.indices.length === 0 && (isUpper(e.name) || e.marks.some((m) => BOLD.has(m)));
/** A product of names one of which is an array name (`X\beta`, `\lambda\mathbf{x}`; not `\lambda x`, which the vector rule refuses). */
const hasProductWithArray = (e: Expr): boolean =>
  (e.kind === 'mul' && e.factors.filter((f) => f.kind !== 'num').length > 1 && e.factors.some(isArrayName)) || children(e).some(hasProductWithArray);

export function isMatrixNotation(formulas: readonly Expr[], declared: readonly Shape[]): boolean {
  if (declared.length > 0 || formulas.some(needsMatrix)) return true;
  // `\det X`, `\ln\det X` are matrix notation (X a square matrix), unless the formula is written in
  // index notation (a sum or a subscripted name), where `\det(X)` is the number, as the printers write it.
  const has = (e: Expr, p: (x: Expr) => boolean): boolean => p(e) || children(e).some((c) => has(c, p));
  return formulas.some((f) => has(f, isDeterminantOfName)) && !formulas.some((f) => has(f, (x) => x.kind === 'reduce' || (x.kind === 'var' && x.indices.length > 0)));
}

/** A dimension: a union-find class, or null for the unit dimension (a vector's columns, a scalar's). */
type Dim = string | null;
/** A typed occurrence: the expression, its dimensions, and its typed children where the translation needs them. */
interface Typed {
  readonly e: Expr;
  readonly rows: Dim;
  readonly cols: Dim;
  readonly kids: readonly Typed[];
}
const isScalar = (t: Typed) => t.rows === null && t.cols === null;

/**
 * The formulas read as matrix notation, and the shapes of their vectors and matrices (declared
 * ones first, then inferred). `source` is the text, for the messages' positions.
 */
/** The formulas in index form, the shapes, and per formula its free indices, rows first (`[]` for a number). */
export interface MatrixReading {
  readonly formulas: Expr[];
  readonly shapes: Shape[];
  readonly outputs: (readonly string[])[];
}

export function readMatrixNotation(formulas: readonly Expr[], declared: readonly Shape[], source: string): MatrixReading {
  const reader = new Reader(formulas, declared, source);
  return reader.read();
}

class Reader {
  private readonly ranks = new Map<string, Rank | 'identity' | 'entry'>();
  private readonly names = new Map<string, Var>();
  private readonly dims = new UnionFind();
  /** A class's declared letter, by the class's member `dim:<letter>`. */
  private readonly sizeSymbols = new Set<string>();
  private fresh = 0;
  private readonly order: string[] = []; // classes by first appearance, for the letters
  private letters = new Map<string, string>();

  constructor(private readonly formulas: readonly Expr[], private readonly declared: readonly Shape[], private readonly source: string) {
    for (const f of formulas) boundsOf(f, this.sizeSymbols);
  }

  read(): MatrixReading {
    this.inferRanks();
    const typed = this.formulas.map((f) => this.type(f));
    this.assignLetters();
    const out = typed.map((t, n) => this.translateFormula(t, this.formulas[n]!));
    return { formulas: out.map((o) => o.formula), shapes: this.shapes(), outputs: out.map((o) => o.indices) };
  }

  // --- 1. Ranks ------------------------------------------------------------

  private declaredOf(v: Var): Shape | undefined {
    if (v.indices.length > 0) return undefined;
    return this.declared.find((s) => varKey(s.name) === varKey(v))
      ?? this.declared.find((s) => s.name.marks.length === 0 && s.name.name === v.name);
  }

  private convention(v: Var, defined: ReadonlySet<string>): Convention {
    const d = this.declaredOf(v);
    if (d !== undefined) return d.dims.length === 0 ? 'scalar' : d.dims.length === 1 ? 'vector' : 'matrix';
    const bold = v.marks.some((m) => BOLD.has(m));
    if (v.indices.length > 0 && !bold && v.superscript === null) return 'entry';
    if (defined.has(keyOf(v))) return 'plain';
    if (bold) return isUpper(v.name) ? 'matrix' : 'vector';
    if (v.name === 'I' && v.indices.length === 0) return 'identity';
    if (isUpper(v.name) && !this.sizeSymbols.has(v.name)) return 'matrix';
    return 'plain';
  }

  /** Ranks of every name: conventions, then plain names promoted until nothing changes. */
  private inferRanks(): void {
    const defined = new Set<string>();
    for (const f of this.formulas) if (isEquation(f) && f.args[0].kind === 'var') defined.add(keyOf(f.args[0]));
    const plain = new Set<string>();
    const visitNames = (e: Expr): void => {
      // A call of a function defined in the formula: its head names the function, not a value.
      if (e.kind === 'call' && e.fn === APPLY) return e.args.slice(1).forEach(visitNames);
      if (isDefinitionOfFunction(e)) return visitNames(e.args[1]!);
      if (e.kind === 'var') {
        const key = keyOf(e);
        if (!this.names.has(key)) {
          this.names.set(key, e);
          const c = this.convention(e, defined);
          if (c === 'plain') plain.add(key);
          else this.ranks.set(key, c);
        }
      }
      children(e).forEach(visitNames);
    };
    this.formulas.forEach(visitNames);
    let changed = true;
    const promote = (e: Expr, rank: Rank): void => {
      if (e.kind === 'var' && plain.has(keyOf(e)) && !this.ranks.has(keyOf(e)) && rank !== 'scalar') {
        this.ranks.set(keyOf(e), rank);
        changed = true;
      }
    };
    /** `e` must be a vector or matrix: promote its plain leaves (not a factor of a product: in `\lambda x` either could be the vector). */
    const mustBeArray = (e: Expr): void => {
      switch (e.kind) {
        case 'var': promote(e, 'vector'); break;
        case 'add': e.terms.forEach(mustBeArray); break;
        case 'neg': mustBeArray(e.arg); break;
        case 'div': mustBeArray(e.num); break;
        case 'reduce': mustBeArray(e.body); break;
        case 'call':
          if (e.fn === MATRIX_FORM.transpose || (e.fn !== APPLY && !e.fn.startsWith('%') && e.args.length === 1)) mustBeArray(e.args[0]!);
          break;
        default: break;
      }
    };
    // Two kinds of evidence: what an operation needs of its operands (settled first), and what a
    // sum or equation passes from one side to another (then, so `\theta^\top x - y` keeps y a scalar).
    let sums = false;
    const visit = (e: Expr): void => {
      switch (e.kind) {
        case 'mul': {
          let seen = false;
          for (const f of e.factors) {
            if (seen) promote(f, 'vector');
            if (this.rankOf(f) !== 'scalar') seen = true;
          }
          break;
        }
        case 'add': {
          if (!sums) break;
          const arrays = e.terms.map((t) => this.rankOf(t)).filter((r) => r !== 'scalar');
          // A plain name added to a vector is one; to a matrix, it stays a scalar (and the sum is refused).
          if (arrays.includes('vector')) e.terms.forEach(mustBeArray);
          break;
        }
        case 'rel':
          if (sums && isEquation(e)) {
            const [l, r] = [this.rankOf(e.args[0]), this.rankOf(e.args[1])];
            if (r !== 'scalar') promote(e.args[0], r);
            if (l !== 'scalar') mustBeArray(e.args[1]);
          }
          break;
        case 'call':
          if (e.fn === MATRIX_FORM.transpose || e.fn === MATRIX_FORM.odot || e.fn === MATRIX_FORM.oslash || e.fn === MATRIX_FORM.otimes
            || e.fn === MATRIX_FORM.diag || e.fn === MATRIX_FORM.det || e.fn === VECTOR_FORM.trace || e.fn === VECTOR_FORM.inner) e.args.forEach(mustBeArray);
          if (normKind(e.fn) !== null) mustBeArray(e.args[0]!);
          break;
        default: break;
      }
      children(e).forEach(visit);
    };
    for (let again = true; again;) {
      for (sums = false, changed = true; changed;) {
        changed = false;
        this.formulas.forEach(visit);
      }
      sums = true;
      this.formulas.forEach(visit);
      again = changed;
    }
  }

  /** The rank of `e` under the ranks found so far (a row vector counts as a vector). */
  private rankOf(e: Expr): Rank {
    const axes = this.axesOf(e);
    return axes[0] && axes[1] ? 'matrix' : axes[0] || axes[1] ? 'vector' : 'scalar';
  }

  /** Whether `e`'s rows and columns are more than one, by ranks alone (dimensions come later). */
  private axesOf(e: Expr): [boolean, boolean] {
    const S: [boolean, boolean] = [false, false];
    switch (e.kind) {
      case 'var': {
        const r = this.ranks.get(keyOf(e));
        return r === 'vector' ? [true, false] : r === 'matrix' || r === 'identity' ? [true, true] : S;
      }
      case 'add': return e.terms.map((t) => this.axesOf(t)).find(([a, b]) => a || b) ?? S;
      case 'neg': return this.axesOf(e.arg);
      case 'div': return this.axesOf(e.num);
      case 'reduce': return this.axesOf(e.body);
      case 'pow': return this.axesOf(e.base);
      case 'mul': {
        const arrays = e.factors.map((f) => this.axesOf(f)).filter(([a, b]) => a || b);
        return arrays.length === 0 ? S : [arrays[0]![0], arrays[arrays.length - 1]![1]];
      }
      case 'call': {
        if (e.fn === MATRIX_FORM.transpose) { const [a, b] = this.axesOf(e.args[0]!); return [b, a]; }
        if (e.fn === MATRIX_FORM.otimes) return [true, true];
        if (e.fn === MATRIX_FORM.ones) return [true, false];
        if (e.fn === MATRIX_FORM.diag) { const [a, b] = this.axesOf(e.args[0]!); return a && b ? [true, false] : [true, true]; }
        if (e.fn === MATRIX_FORM.odot || e.fn === MATRIX_FORM.oslash) return this.axesOf(e.args[0]!);
        if (e.fn.startsWith('%') || e.fn === APPLY) return S;
        return e.args.map((a) => this.axesOf(a)).find(([a, b]) => a || b) ?? S;
      }
      default: return S;
    }
  }

  // --- 2. Dimensions ---------------------------------------------------------

  private classOf(name: string): string {
    if (!this.order.includes(name)) this.order.push(name);
    return name;
  }
  private newClass(what: string): string {
    return this.classOf(`~${what}${this.fresh++}`);
  }
  /** The dimensions of a vector or matrix name, tied to its declared letters. */
  private nameDims(v: Var): [Dim, Dim] {
    const key = keyOf(v);
    const rank = this.ranks.get(key);
    if (rank === undefined || rank === 'entry' || rank === 'scalar') return [null, null];
    if (rank === 'identity') { const d = this.newClass('I'); return [d, d]; }
    const rows = this.classOf(`${key}#rows`);
    const cols = rank === 'matrix' ? this.classOf(`${key}#cols`) : null;
    const d = this.declaredOf(v);
    if (d !== undefined) {
      this.unify(rows, this.classOf(`dim:${d.dims[0]!}`), null, d.name);
      if (cols !== null) this.unify(cols, this.classOf(`dim:${d.dims[1]!}`), null, d.name);
    }
    return [rows, cols];
  }

  /** The declared letter of a class, if any. */
  private declaredLetter(d: string): string | undefined {
    const root = this.dims.find(d);
    for (const member of this.order) if (member.startsWith('dim:') && this.dims.find(member) === root) return member.slice(4);
    return undefined;
  }

  /** Whether two dimensions may be tied: both unit or both not, and not declared with two letters. */
  private canTie(a: Dim, b: Dim): boolean {
    if (a === null || b === null) return a === b;
    const [la, lb] = [this.declaredLetter(a), this.declaredLetter(b)];
    return la === undefined || lb === undefined || la === lb;
  }

  /** `a` and `b` must have one shape (a sum, ⊙, an equation): tied, or a mismatch naming both shapes. */
  private same(a: Typed, b: Typed, at: Expr, what: string): void {
    if (!this.canTie(a.rows, b.rows) || !this.canTie(a.cols, b.cols)) {
      this.refuse(`dimension mismatch in ${what}: ${this.shapeText(a)} (${this.shapeName(a.e)}) and ${this.shapeText(b)} (${this.shapeName(b.e)})`, at);
    }
    this.unify(a.rows, b.rows, at, what);
    this.unify(a.cols, b.cols, at, what);
  }

  /** Tie two dimensions; `at` says where, for the message. */
  private unify(a: Dim, b: Dim, at: Expr | null, what: Var | string): void {
    const fail = (): never => this.mismatch(at, what, a, b);
    if (a === null || b === null) {
      if (a !== b) fail();
      return;
    }
    const [la, lb] = [this.declaredLetter(a), this.declaredLetter(b)];
    if (la !== undefined && lb !== undefined && la !== lb) fail();
    this.dims.union(a, b);
  }

  private describe(d: Dim): string {
    if (d === null) return '1';
    const letter = this.declaredLetter(d);
    if (letter !== undefined) return letter;
    // An inferred dimension: named after a vector or matrix it belongs to.
    const root = this.dims.find(d);
    const member = this.order.find((m) => !m.startsWith('~') && !m.startsWith('dim:') && this.dims.find(m) === root);
    if (member === undefined) return 'n';
    const [key, axis] = member.split('#') as [string, string];
    const v = this.names.get(key);
    return v === undefined ? 'n' : `${axis === 'rows' && this.ranks.get(key) === 'vector' ? 'len' : axis}(${spell(v)})`;
  }

  private mismatch(at: Expr | null, what: Var | string, a: Dim, b: Dim): never {
    const subject = typeof what === 'string' ? what : `the declared shape of ${spell(what)}`;
    const message = `dimension mismatch in ${subject}: ${this.describe(a)} against ${this.describe(b)}`;
    return this.refuse(message, at);
  }

  private refuse(message: string, at: Expr | null): never {
    const token = at === null ? undefined : writtenAt(at);
    if (token !== undefined) throw new GrammarError(message, token);
    const name = at === null ? undefined : firstName(at);
    const offset = name === undefined ? -1 : this.source.search(new RegExp(`${escapeRegExp(spell(name))}(?![a-zA-Z])`));
    throw new ParseError(message, Math.max(0, offset), offset < 0 ? this.source.length : spell(name!).length, this.source);
  }

  private shapeText(t: Typed): string {
    if (isScalar(t)) return 'a scalar';
    if (t.cols === null) return `a vector of length ${this.describe(t.rows)}`;
    if (t.rows === null) return `a row vector of length ${this.describe(t.cols)}`;
    return `a ${this.describe(t.rows)}×${this.describe(t.cols)} matrix`;
  }

  private shapeName(e: Expr): string {
    return e.kind === 'var' ? spellWritten(e) : 'the expression';
  }

  private scalarsOnly(kids: readonly Typed[], what: string): void {
    for (const k of kids) if (!isScalar(k)) this.refuse(`${what} takes numbers, not ${this.shapeText(k)} (${this.shapeName(k.e)})`, k.e);
  }

  /** `k` must be a square matrix: its rows and columns tied, else a mismatch naming its shape. */
  private squareMatrix(k: Typed, what: string, at: Expr = k.e): void {
    if (k.rows === null || k.cols === null || !this.canTie(k.rows, k.cols)) {
      this.refuse(`${what} takes a square matrix, not ${this.shapeText(k)} (${this.shapeName(k.e)})`, at);
    }
    this.unify(k.rows, k.cols, at, what);
  }

  /**
   * The inverse and the determinant are read of a matrix name (`X`, `X^\top`, `\mathbf{W}`): they are
   * quantities of that name (`VarName.of`). Of anything else, a refusal that says how to name it.
   */
  private namedMatrix(k: Typed, what: string, script: string, at: Expr = k.e): void {
    const { x } = peeled(k.e, what !== 'the inverse');
    if (x.kind === 'var' && x.indices.length === 0 && this.ranks.get(keyOf(x)) !== 'identity') return;
    if (x.kind === 'var' && x.indices.length === 0) this.refuse(`${what} of the identity is not read: I^{-1} is I, and \\det I is 1`, at);
    const written = what === 'the inverse' ? `(…)${script}` : '\\det(…)';
    const named = what === 'the inverse' ? `M${script}` : '\\det M';
    const why = x.kind === 'var' ? `${spellWritten(x)} is an entry (a name with a subscript)` : `${written} of an expression is not read`;
    this.refuse(`${what} is read of a matrix name only: ${why}; name the matrix in a definition first, M = … on a line before (with --shapes "M: n×n"), then write ${named}`, at);
  }

  /** The dimensions of `e`, tying what its operations say must agree. */
  private type(e: Expr): Typed {
    const leaf = (): Typed => ({ e, rows: null, cols: null, kids: [] });
    switch (e.kind) {
      case 'num': case 'delta': case 'iverson': case 'extent': case 'index': return leaf();
      case 'var': {
        const [rows, cols] = this.nameDims(e);
        return { e, rows, cols, kids: [] };
      }
      case 'neg': { const k = this.type(e.arg); return { e, rows: k.rows, cols: k.cols, kids: [k] }; }
      case 'add': {
        const kids = e.terms.map((t) => this.type(t));
        const first = kids.find((k) => !isScalar(k)) ?? kids[0]!;
        for (const k of kids) {
          if (isScalar(k) !== isScalar(first)) {
            const [s, a] = isScalar(k) ? [k, first] : [first, k];
            this.refuse(`a sum of a scalar (${this.shapeName(s.e)}) and ${this.shapeText(a)}: a number added to every entry is written with the vector of ones, c\\mathbf{1}`, a.e);
          }
          this.same(first, k, e, 'a sum');
        }
        return { e, rows: first.rows, cols: first.cols, kids };
      }
      case 'mul': {
        const kids = e.factors.map((f) => this.type(f));
        const chain = kids.filter((k) => !isScalar(k));
        for (let n = 1; n < chain.length; n++) {
          const [a, b] = [chain[n - 1]!, chain[n]!];
          if (!this.canTie(a.cols, b.rows)) {
            const hint = a.cols === null && a.rows !== null && b.cols === null
              ? `: for the inner product write ${this.shapeName(a.e)}^\\top ${this.shapeName(b.e)}, for the outer product ${this.shapeName(a.e)} ${this.shapeName(b.e)}^\\top` : '';
            this.refuse(`dimension mismatch in a product: ${this.shapeText(a)} (${this.shapeName(a.e)}) times ${this.shapeText(b)} (${this.shapeName(b.e)})${hint}`, b.e);
          }
          this.unify(a.cols, b.rows, e, `the product of ${this.shapeName(a.e)} and ${this.shapeName(b.e)}`);
        }
        return chain.length === 0 ? { e, rows: null, cols: null, kids } : { e, rows: chain[0]!.rows, cols: chain[chain.length - 1]!.cols, kids };
      }
      case 'div': {
        const [n, d] = [this.type(e.num), this.type(e.den)];
        if (!isScalar(d)) this.refuse(`a division by ${this.shapeText(d)} (${this.shapeName(d.e)}): for entrywise division write \\oslash`, d.e);
        return { e, rows: n.rows, cols: n.cols, kids: [n, d] };
      }
      case 'pow': {
        const [b, x] = [this.type(e.base), this.type(e.exp)];
        this.scalarsOnly([x], 'an exponent');
        if (isScalar(b)) return { e, rows: null, cols: null, kids: [b, x] };
        const n = e.exp.kind === 'num' ? e.exp.value : e.exp.kind === 'neg' && e.exp.arg.kind === 'num' ? -e.exp.arg.value : NaN;
        if (n === -1) {
          this.namedMatrix(b, 'the inverse', '^{-1}');
          this.squareMatrix(b, 'the inverse');
          return { e, rows: b.rows, cols: b.cols, kids: [b, x] };
        }
        if (b.cols === null || b.rows === null) {
          this.refuse(`a power of ${this.shapeText(b)} (${this.shapeName(b.e)}): write \\mathbf{x}^\\top \\mathbf{x}, \\|\\mathbf{x}\\|^2 or \\mathbf{x} \\odot \\mathbf{x}`, b.e);
        }
        if (!Number.isInteger(n) || n < 1) this.refuse(`a matrix power takes a whole exponent ≥ 1 here (${this.shapeName(b.e)}^n is a product of n copies)`, b.e);
        this.unify(b.rows, b.cols, e, `the power of ${this.shapeName(b.e)} (a square matrix)`);
        return { e, rows: b.rows, cols: b.cols, kids: [b, x] };
      }
      case 'reduce': {
        const k = this.type(e.body);
        return { e, rows: k.rows, cols: k.cols, kids: [k] };
      }
      case 'rel': {
        // `J(\theta) = …` defines a function: its left side stays as written (src/definitions.ts reads it).
        if (isDefinitionOfFunction(e)) {
          const body = this.type(e.args[1]!);
          this.scalarsOnly([body], 'a function defined in the formula');
          return { e, rows: null, cols: null, kids: [leaf(), body] };
        }
        const kids = e.args.map((a) => this.type(a));
        if (!isEquation(e)) { this.scalarsOnly(kids, 'a comparison'); return { e, rows: null, cols: null, kids }; }
        const [l, r] = kids as [Typed, Typed];
        if (isScalar(l) !== isScalar(r)) this.refuse(`an equation between ${this.shapeText(l)} and ${this.shapeText(r)}`, isScalar(l) ? r.e : l.e);
        this.same(l, r, e, 'an equation');
        return { e, rows: l.rows, cols: l.cols, kids };
      }
      case 'diff': {
        const k = this.type(e.body);
        if (!isScalar(k) || needsMatrix(e.body)) this.refuse('a derivative operator in matrix notation is not read: give the variable with --wrt (a matrix W is differentiated entry by entry, ∂/∂W_{jk})', e.body);
        return leaf();
      }
      case 'call': return this.typeCall(e, leaf);
    }
  }

  private typeCall(e: Expr & { kind: 'call' }, leaf: () => Typed): Typed {
    const kids = e.args.map((a) => this.type(a));
    const [a, b] = kids;
    const square = (k: Typed, what: string) => this.squareMatrix(k, what, e);
    const kind = normKind(e.fn);
    if (kind !== null) {
      const matrix = a!.rows !== null && a!.cols !== null;
      if (isScalar(a!)) {
        // A name that is a number by the convention, or a product that is one (\mathbf{x}^\top \mathbf{x}).
        this.refuse(a!.e.kind === 'var'
          ? 'a norm of a scalar: a plain lowercase name is a number unless the formula shows it is a vector (transposed, multiplied by a matrix, …); write \\mathbf{x}, or declare it with --shapes "x: n"'
          : 'a norm of a scalar: what is inside is a number, not a vector (\\mathbf{x}^\\top \\mathbf{x} is one); for its absolute value write \\lvert … \\rvert', e);
      }
      if (matrix && kind !== 'F') this.refuse(`the norm ${kind === '2' ? '\\|A\\|' : kind === '1' ? '\\|A\\|_1' : '\\|A\\|_\\infty'} of a matrix is an operator norm, not read: for the Frobenius norm write \\|A\\|_F`, e);
      if (b !== undefined) this.scalarsOnly([b], 'an exponent');
      return { e, rows: null, cols: null, kids };
    }
    switch (e.fn) {
      case MATRIX_FORM.transpose: {
        const x = e.args[0]!;
        if (x.kind === 'var' && this.ranks.get(keyOf(x)) === 'entry') {
          this.refuse(`${spellWritten(x)} is an entry (a number: a name with a subscript), so its transpose says nothing: for the ${x.indices.length === 1 ? 'n-th vector' : 'matrix'} of a family write it bold, \\mathbf{${x.name}}_{…}, or write the product in index form`, e);
        }
        return { e, rows: a!.cols, cols: a!.rows, kids };
      }
      case MATRIX_FORM.odot: case MATRIX_FORM.oslash: {
        const what = e.fn === MATRIX_FORM.odot ? '\\odot' : '\\oslash';
        for (const k of kids) if (isScalar(k)) this.refuse(`${what} takes two vectors or matrices of one shape, not a scalar (${this.shapeName(k.e)}): for a multiple write c\\mathbf{x}`, e);
        this.same(a!, b!, e, what);
        return { e, rows: a!.rows, cols: a!.cols, kids };
      }
      case MATRIX_FORM.otimes:
        for (const k of kids) {
          if (k.rows === null || k.cols !== null) this.refuse(`\\otimes is read of two vectors (the outer product \\mathbf{u} \\otimes \\mathbf{v} = \\mathbf{u}\\mathbf{v}^\\top), not of ${this.shapeText(k)} (${this.shapeName(k.e)}): the Kronecker product of matrices is not read`, e);
        }
        return { e, rows: a!.rows, cols: b!.rows, kids };
      case MATRIX_FORM.ones: return { e, rows: this.newClass('1'), cols: null, kids };
      case MATRIX_FORM.diag:
        if (isScalar(a!) || a!.rows === null) this.refuse(`\\operatorname{diag} takes a vector or a square matrix, not ${this.shapeText(a!)}`, e);
        if (a!.cols === null) return { e, rows: a!.rows, cols: a!.rows, kids };
        square(a!, '\\operatorname{diag}');
        return { e, rows: a!.rows, cols: null, kids };
      case VECTOR_FORM.trace: square(a!, 'the trace'); return { e, rows: null, cols: null, kids };
      case MATRIX_FORM.det:
        this.namedMatrix(a!, 'the determinant', '', e);
        square(a!, '\\det');
        return { e, rows: null, cols: null, kids };
      case VECTOR_FORM.inner:
        for (const k of kids) if (isScalar(k)) this.refuse(`an inner product takes two vectors or matrices, not a scalar (${this.shapeName(k.e)})`, e);
        this.same(a!, b!, e, 'an inner product');
        return { e, rows: null, cols: null, kids };
      default: {
        if (e.fn === APPLY || e.fn.startsWith('%')) { this.scalarsOnly(kids.slice(1), 'a function defined in the formula'); return { ...leaf(), kids }; }
        // A function of the table applies entry by entry; scalar arguments are the same for every entry.
        const arrays = kids.filter((k) => !isScalar(k));
        for (const k of arrays.slice(1)) {
          this.same(arrays[0]!, k, e, 'a function of several vectors');
        }
        return arrays.length === 0 ? { e, rows: null, cols: null, kids } : { e, rows: arrays[0]!.rows, cols: arrays[0]!.cols, kids };
      }
    }
  }

  // --- 3. Letters and translation -------------------------------------------

  private assignLetters(): void {
    const taken = new Set<string>();
    for (const f of this.formulas) {
      allIndexNames(f, taken);
      namesOf(f, taken);
    }
    const letters = new Map<string, string>();
    for (const d of this.order) {
      const root = this.dims.find(d);
      const declared = this.declaredLetter(d);
      if (declared !== undefined) letters.set(root, declared);
    }
    const used = new Set([...taken, ...letters.values()]);
    for (const d of this.order) {
      const root = this.dims.find(d);
      if (letters.has(root)) continue;
      const letter = LETTERS.find((l) => !used.has(l)) ?? freshIndex('i', used);
      letters.set(root, letter);
      used.add(letter);
    }
    this.letters = letters;
  }

  private letterOf(d: string): string {
    return this.letters.get(this.dims.find(d))!;
  }

  /** A letter for dimension `d` not in `scope`: its own, else with primes. */
  private bind(d: string, scope: Set<string>): string {
    const own = this.letterOf(d);
    const letter = scope.has(own) ? freshIndex(own, scope) : own;
    scope.add(letter);
    return letter;
  }

  private translateFormula(t: Typed, f: Expr): { formula: Expr; indices: string[] } {
    const scope = new Set<string>();
    allIndexNames(f, scope);
    namesOf(f, scope);
    const r = t.rows === null ? null : this.bind(t.rows, scope);
    const c = t.cols === null ? null : this.bind(t.cols, scope);
    return { formula: this.entry(t, r === null ? null : ivar(r), c === null ? null : ivar(c), scope), indices: [r, c].filter((x) => x !== null) };
  }

  /** The entry (r, c) of `t` in index form; `scope` holds the letters in use around it. */
  private entry(t: Typed, r: Index | null, c: Index | null, scope: ReadonlySet<string>): Expr {
    const e = t.e;
    const at = (k: Typed, rr: Index | null, cc: Index | null, s: ReadonlySet<string> = scope) => this.entry(k, rr, cc, s);
    const same = (k: Typed) => (isScalar(k) ? at(k, null, null) : at(k, r, c));
    switch (e.kind) {
      case 'var': {
        const rank = this.ranks.get(keyOf(e));
        if (rank === 'identity') return delta(r!, c!);
        if (isScalar(t)) return e;
        return variable(e, [...e.indices, ...(r === null ? [] : [r]), ...(c === null ? [] : [c])], e.commaIndices, e.superscript);
      }
      case 'add': return add(t.kids.map(same));
      case 'neg': return neg(at(t.kids[0]!, r, c));
      case 'div': return div(at(t.kids[0]!, r, c), at(t.kids[1]!, null, null));
      case 'mul': return this.product(t.kids, r, c, scope);
      case 'pow': {
        const [b, x] = t.kids as [Typed, Typed];
        if (isScalar(b)) return pow(at(b, null, null), at(x, null, null));
        // `(X^{-1})_{rc}`: an entry of the inverse, a quantity of the name (`namedMatrix` checked it is one).
        if (isInverse(e)) return this.derivedEntry(b, 'inverse', r, c);
        // A whole power ≥ 1 (checked by `type`): a product of copies.
        return this.product(Array.from({ length: (x.e as Expr & { kind: 'num' }).value }, () => b), r, c, scope);
      }
      case 'reduce': {
        const inner = new Set(scope).add(e.index);
        return reduce(e.op, e.index, at(t.kids[0]!, r, c, inner), e.lower, e.upper);
      }
      case 'rel': {
        if (isDefinitionOfFunction(e)) return mapChildren(e, (x) => (x === e.args[0] ? x : at(t.kids[1]!, r, c)));
        let n = 0;
        return mapChildren(e, () => at(t.kids[n++]!, r, c));
      }
      case 'call': return this.callEntry(t, r, c, scope);
      default: return e;
    }
  }

  /** `(A_1 A_2 … A_n)_{rc} = \sum A_1(r, j_1) A_2(j_1, j_2) … A_n(j_{n-1}, c)`; scalar factors stay where written. */
  private product(kids: readonly Typed[], r: Index | null, c: Index | null, scope: ReadonlySet<string>): Expr {
    const inner = new Set(scope);
    const chain = kids.filter((k) => !isScalar(k));
    const bound: string[] = [];
    const joints: (Index | null)[] = [r];
    for (let n = 1; n < chain.length; n++) {
      const d = chain[n - 1]!.cols;
      if (d === null) { joints.push(null); continue; }
      const letter = this.bind(d, inner);
      bound.push(letter);
      joints.push(ivar(letter));
    }
    joints.push(c);
    let position = 0;
    const factors = kids.map((k) => {
      if (isScalar(k)) return this.entry(k, null, null, inner);
      const x = this.entry(k, joints[position]!, joints[position + 1]!, inner);
      position++;
      return x;
    });
    return bound.reduceRight<Expr>((body, letter) => reduce('sum', letter, body), product(factors));
  }

  private callEntry(t: Typed, r: Index | null, c: Index | null, scope: ReadonlySet<string>): Expr {
    const e = t.e as Expr & { kind: 'call' };
    const [a, b] = t.kids;
    const inner = new Set(scope);
    /** Letters for the axes of `k` that are more than one, bound inside `inner`. */
    const axes = (k: Typed): [Index | null, Index | null, string[]] => {
      const rr = k.rows === null ? null : this.bind(k.rows, inner);
      const cc = k.cols === null ? null : this.bind(k.cols, inner);
      return [rr === null ? null : ivar(rr), cc === null ? null : ivar(cc), [rr, cc].filter((x): x is string => x !== null)];
    };
    const kind = normKind(e.fn);
    if (kind !== null) {
      const [rr, cc, letters] = axes(a!);
      const exponent = b === undefined ? undefined : this.entry(b, null, null, scope);
      return normFromEntries(kind === 'F' ? '2' : kind, this.entry(a!, rr, cc, inner), letters, exponent);
    }
    switch (e.fn) {
      case MATRIX_FORM.transpose: return this.entry(a!, c, r, scope);
      case MATRIX_FORM.odot: return product([this.entry(a!, r, c, scope), this.entry(b!, r, c, scope)]);
      case MATRIX_FORM.oslash: return div(this.entry(a!, r, c, scope), this.entry(b!, r, c, scope));
      case MATRIX_FORM.otimes: return product([this.entry(a!, r, null, scope), this.entry(b!, c, null, scope)]);
      case MATRIX_FORM.ones: return num(1);
      case MATRIX_FORM.diag:
        return a!.cols === null ? product([delta(r!, c!), this.entry(a!, r, null, scope)]) : this.entry(a!, r, r, scope);
      case MATRIX_FORM.det: return this.derivedEntry(a!, 'determinant', null, null);
      case VECTOR_FORM.trace: {
        const letter = this.bind(a!.rows!, inner);
        return reduce('sum', letter, this.entry(a!, ivar(letter), ivar(letter), inner));
      }
      case VECTOR_FORM.inner: {
        const [rr, cc, letters] = axes(a!);
        return letters.reduceRight<Expr>((body, l) => reduce('sum', l, body), product([this.entry(a!, rr, cc, inner), this.entry(b!, rr, cc, inner)]));
      }
      default:
        if (e.fn === APPLY) return call(APPLY, [e.args[0]!, ...t.kids.slice(1).map((k) => this.entry(k, null, null, scope))], e.spelling);
        return call(e.fn, t.kids.map((k) => (isScalar(k) ? this.entry(k, null, null, scope) : this.entry(k, r, c, scope))), e.spelling);
    }
  }

  /** `(X^{-1})_{rc}` or `\det X` of a matrix name, transposed or not (`namedMatrix`): a variable of X's name. */
  private derivedEntry(k: Typed, of: MatrixFunction, r: Index | null, c: Index | null): Expr {
    const { x, transposed, inverted } = peeled(k.e, of === 'determinant');
    const name = x as Var;
    // (X^\top)^{-1} = (X^{-1})^\top; \det X^\top = \det X; \det X^{-1} = 1/\det X.
    if (of === 'determinant') return inverted ? div(num(1), variable({ ...name, of }, [])) : variable({ ...name, of }, []);
    return variable({ ...name, of }, transposed ? [c!, r!] : [r!, c!]);
  }

  private shapes(): Shape[] {
    const out: Shape[] = [];
    for (const [key, v] of this.names) {
      const rank = this.ranks.get(key);
      if (rank !== 'vector' && rank !== 'matrix') continue;
      const rows = this.letterOf(`${key}#rows`);
      out.push({ name: v, dims: rank === 'vector' ? [rows] : [rows, this.letterOf(`${key}#cols`)] });
    }
    return out;
  }
}

/** A product with the factors of products inside spread, as a reader writes `u_i v_i w_i`. */
function product(factors: readonly Expr[]): Expr {
  // The ones vector's entries (1) are left out: \mathbf{1}^\top \mathbf{x} is \sum_i x_i.
  const all = factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f]));
  const flat = all.length > 1 && all.some((f) => f !== num(1)) ? all.filter((f) => f !== num(1)) : all;
  return flat.length === 1 ? flat[0]! : mul(flat);
}

/** `X^{-1}` (the exponent as the grammar reads it, -1 or -(1)). */
const isInverse = (e: Expr): e is Expr & { kind: 'pow' } => e.kind === 'pow' && (e.exp === num(-1) || (e.exp.kind === 'neg' && e.exp.arg === num(1)));

/** `e` without its transposes, and (`inverse`) one inverse: `(X^\top)^{-1}` is X transposed and inverted. */
function peeled(e: Expr, inverse: boolean): { x: Expr; transposed: boolean; inverted: boolean } {
  let [x, transposed, inverted] = [e, false, false];
  for (;;) {
    if (x.kind === 'call' && x.fn === MATRIX_FORM.transpose) [x, transposed] = [x.args[0]!, !transposed];
    else if (inverse && !inverted && isInverse(x)) [x, inverted] = [x.base, true];
    else return { x, transposed, inverted };
  }
}

const isDeterminantOfName = (e: Expr): boolean =>
  e.kind === 'call' && e.fn === MATRIX_FORM.det && e.args[0]!.kind === 'var' && e.args[0]!.indices.length === 0 && e.args[0]!.of === null;

/** Outside matrix notation: `\det(X)` of a name is the determinant variable (in matrix notation the reader makes it, checking X's shape). */
export function determinantsOfNames(e: Expr): Expr {
  if (isDeterminantOfName(e)) return variable({ ...(e as Expr & { kind: 'call' }).args[0] as Var, of: 'determinant' });
  return mapChildren(e, determinantsOfNames);
}

/** `J(\theta) = …`: an equation whose left side is a function defined by it. */
const isDefinitionOfFunction = (e: Expr): e is Expr & { kind: 'rel'; args: readonly [Expr, Expr] } =>
  isEquation(e) && e.args[0].kind === 'call' && e.args[0].fn === APPLY;

/** Size symbols: names used as a reduction's bound (`\sum_{n=1}^{N}`), which stay scalars. */
function boundsOf(e: Expr, into: Set<string>): void {
  if (e.kind === 'reduce') for (const b of [e.lower, e.upper]) if (b !== null && b.kind === 'ivar') into.add(b.name);
  children(e).forEach((c) => boundsOf(c, into));
}

/** Every variable's name in `e`, so that no index letter looks like one. */
function namesOf(e: Expr, into: Set<string>): void {
  if (e.kind === 'var') into.add(e.name);
  children(e).forEach((c) => namesOf(c, into));
}

const firstName = (e: Expr): Var | undefined => (e.kind === 'var' ? e : children(e).map(firstName).find((v) => v !== undefined));
const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * `W_{jk}` for `W` when the shapes give W the dimensions j×k (a square matrix's second letter
 * primed); else the name as given. A letter in `avoid` (bound in the formula: inferred letters
 * are also the translation's summation letters) is replaced by the first of i j k … that is not.
 */
export function entryOf(v: Var, shapes: readonly Shape[], avoid: ReadonlySet<string> = new Set()): Var {
  if (v.indices.length > 0) return v;
  const s = shapes.find((x) => x.name.indices.length === 0 && varKey(x.name) === varKey(v));
  if (s === undefined) return v;
  const used = new Set<string>(avoid);
  const renamed = new Map<string, string>();
  return variable(v, s.dims.map((d) => {
    const own = renamed.get(d) ?? (avoid.has(d) ? LETTERS.find((l) => !used.has(l)) ?? freshIndex(d, used) : d);
    renamed.set(d, own);
    const letter = used.has(own) ? freshIndex(own, used) : own;
    used.add(letter);
    return ivar(letter);
  }));
}
