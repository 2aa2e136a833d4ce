// Input values and index sizes: what a formula needs from outside, and the
// checks that what the caller gave fits it.
//
// The shared front end of the reference interpreter (src/evaluate.ts) and the
// compiler (src/compile/): `signature` reads once, from the expression, which
// inputs exist and which index letters address their slots; `bind` then
// turns one call's `Inputs` into flat row-major Float64Arrays plus one extent
// per index name, inferring sizes from array shapes where they are not given.
//
// Sizes: an index variable ranges over 1..N. N comes from `inputs.sizes`, or
// from the extent of an array slot the index addresses plainly (`w_{jk}` gives
// j and k); an index with an offset (`x_{i+1}`) or a literal (`w_{1k}`) fixes
// nothing. A fresh index (`j'`) inherits its original's range. Bounds declare
// a range ("Ranges" in docs/notation.md, core/extents.ts): in `\sum_{n=1}^{N} p_n`
// p's slot, and every letter addressing it, runs over 1..N, so p must have N entries.
//
// Size symbols: a name used only as a number — in sum bounds or as an index
// value (`n` in `\sum_{j=1}^{n}` or `[j \le n]`), addressing no array slot and
// no δ — is a constant read from `values` or `sizes`, not a free index. Both
// uses must read alike, because a δ-collapse turns the bound of
// `\sum_{j=1}^{n} δ_{jk} x_j` into the bracket of `[1 \le k \le n] x_k`.
// A caller who knows better says so: `free` makes a name an output index,
// `symbols` makes one a constant wherever it occurs (the checker passes f's
// size symbols to the derivative).

import { assertNever, children, type Expr, type Index, indexConstant, indexTerms } from './core/ast.js';
import { InputError, lineAndColumn, type Span } from './core/errors.js';
import { slotRanges } from './core/extents.js';
import { baseLetter } from './core/fresh.js';
import { freeIndices } from './core/indices.js';
import { inputKey, type MatrixFunction, readKey, userName } from './core/names.js';

export type NestedArray = readonly (number | NestedArray)[];
export type InputValue = number | NestedArray | Float64Array;

export interface Inputs {
  readonly sizes?: Readonly<Record<string, number>>;
  readonly values: Readonly<Record<string, InputValue>>;
}

/** A missing or malformed input, an unknown size, an index out of range, or a node that has no value: the caller's to fix. */
export class EvaluationError extends InputError {
  override name = 'EvaluationError';

  /** `input`: the key of the input whose value is wrong, when the error is about one (the CLI points at it in the values file). */
  constructor(message: string, at: Span | Expr | null = null, readonly input?: string) {
    super(message, at);
  }
}

/** An input read outside its range (`x_{j+1}` at j = n): a subterm may have no value at some points only. */
export class IndexRangeError extends EvaluationError {
  override name = 'IndexRangeError';
  /** The read, where the thrower knows it: input key, slot (0-based) and the index value. */
  constructor(message: string, readonly read?: { readonly input: string; readonly slot: number; readonly value: number }) {
    super(message);
  }
}

/** One input the formula reads: a scalar (`rank` 0) or an array indexed by `rank` indices. */
export interface InputSpec {
  /** The key its value is given under (core/names.ts `inputKey`): `w`, or `w_{jk}` for one of a name's range families. */
  readonly name: string;
  /** The name as written (`w`), for messages. */
  readonly userName: string;
  readonly rank: number;
  /** Per slot, the index variables that address it plainly (`w_{jk}`, `w_{j'k}` → [[j, j'], [k]]). */
  readonly slots: readonly (readonly string[])[];
  /** The inverse or the determinant of the square matrix given under `name`, computed by `bind` (issue 11); absent: the value itself. */
  readonly of?: MatrixFunction;
}

/** What tells inputs apart (core/names.ts `readKey` of the variables that read them): the name, and what is computed of it. */
export function specKey(spec: Pick<InputSpec, 'name' | 'of'>): string {
  return spec.of === undefined ? spec.name : `${spec.of}(${spec.name})`;
}

/** The inputs as a caller gives them: one per key (an inverse or determinant read of X is X, a matrix). */
export function givenInputs(sig: Pick<Signature, 'inputs'>): InputSpec[] {
  const out = new Map<string, InputSpec>();
  for (const s of sig.inputs) {
    // X's own slots: the inverse's last two swapped (X^{-1} is cols × rows of X); none for a determinant. Leading slots are a batch's.
    const slots = s.of === undefined ? s.slots : s.of === 'inverse' ? [...s.slots.slice(0, -2), s.slots[s.rank - 1]!, s.slots[s.rank - 2]!] : [...s.slots, [], []];
    const given = s.of === undefined ? s : { name: s.name, userName: s.userName, rank: slots.length, slots };
    const had = out.get(s.name);
    if (had === undefined || (had.slots.every((n) => n.length === 0) && given.slots.some((n) => n.length > 0))) out.set(s.name, given);
  }
  return [...out.values()];
}

export interface Signature {
  /** Every variable the formula reads, in order of first appearance. */
  readonly inputs: readonly InputSpec[];
  /** Index names whose full range `1..N` is used (free indices, unbounded sums, `\#j`): they need a size. */
  readonly ranged: readonly string[];
  /** Constants (`n`): names used only in sum bounds and index values, and the names given as `symbols`. */
  readonly sizeSymbols: readonly string[];
  /** The result's free indices, in output order. */
  readonly free: readonly string[];
  /** Index letters whose range bounds declare (`\sum_{n=1}^{N} p_n`), each with its size symbol: [n, N]. */
  readonly declared: readonly (readonly [string, string])[];
}

/** What several formulas computed together need: one input list, and the free indices of each result. */
export interface JointSignature extends Omit<Signature, 'free'> {
  /** Per formula, its result's free indices in output order. */
  readonly outputs: readonly (readonly string[])[];
}

/** What `bind` needs from a signature. */
export type InputSignature = Pick<Signature, 'inputs' | 'ranged' | 'sizeSymbols' | 'declared'>;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Read off what `expr` needs from outside; `free` fixes the output order
 * (default: alphabetical); `symbols` are read as size symbols wherever they occur.
 */
export function signature(expr: Expr, free?: readonly string[], symbols: readonly string[] = []): Signature {
  const { outputs, ...rest } = jointSignature([expr], [free], symbols);
  return { ...rest, free: outputs[0]! };
}

/** `signature` for several formulas at once: inputs are shared (one name, one shape), each result has its own free indices. */
export function jointSignature(
  exprs: readonly Expr[], frees: readonly (readonly string[] | undefined)[] = [], symbols: readonly string[] = [],
): JointSignature {
  const declared = new Set(symbols);
  const specs = new Map<string, { name: string; of: MatrixFunction | null; userName: string; rank: number; slots: Set<string>[] }>();
  /** Names used as numbers: in sum bounds and index values. */
  const asNumber = new Set<string>();
  const asIndex = new Set<string>();
  const ranged = new Set<string>();
  const seen = new Set<string>();
  const freeIn = (i: Index | null, bound: ReadonlySet<string>, into: Set<string>) => {
    if (i !== null) for (const t of indexTerms(i)) if (!bound.has(t.name)) into.add(t.name);
  };
  // Shared subtrees are visited once per set of enclosing binders (which decides what is a size symbol).
  const visit = (e: Expr, bound: ReadonlySet<string>): void => {
    const key = `${e.id}|${[...bound].join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    switch (e.kind) {
      case 'var': {
        if (e.version > 0 && e.of !== null) {
          throw new InputError(
            `'${userName(e)}' is defined by a formula, and ${e.of === 'inverse' ? 'its inverse' : 'its determinant'} is computed only of an input matrix: give ${userName(e)} as an input (without its definition) to evaluate it`,
          );
        }
        if (e.version > 0) {
          throw new InputError(
            `'${userName(e)}' is defined by a formula, not an input: pass the definitions (compile(expr, { definitions })) or unfoldAll(expr, definitions) first`,
            e,
          );
        }
        // X^{-1} and \det X (issue 11) are inputs of their own, computed by `bind` from the value of X.
        const key = readKey(e);
        let spec = specs.get(key);
        if (spec === undefined) {
          spec = { name: inputKey(e), of: e.of, userName: userName(e), rank: e.indices.length, slots: e.indices.map(() => new Set<string>()) };
          specs.set(key, spec);
        } else if (spec.rank !== e.indices.length) {
          throw new EvaluationError(
            `'${inputKey(e)}' is used with ${spec.rank} and with ${e.indices.length} indices; one input has one shape`,
            e,
          );
        }
        e.indices.forEach((i, s) => {
          // A constant subscript (`x_n`) ranges over nothing: it fixes no size and its reads are range-checked.
          const constant = i.kind === 'ivar' && !bound.has(i.name) && declared.has(i.name);
          if (i.kind === 'ivar' && i.offset === 0 && !constant) spec.slots[s]!.add(i.name);
          freeIn(i, bound, asIndex);
        });
        return;
      }
      case 'delta': freeIn(e.a, bound, asIndex); freeIn(e.b, bound, asIndex); return;
      case 'extent': ranged.add(e.index); return;
      case 'index': freeIn(e.index, bound, asNumber); return;
      case 'reduce': {
        freeIn(e.lower, bound, asNumber);
        freeIn(e.upper, bound, asNumber);
        if (e.lower === null || e.upper === null) ranged.add(e.index);
        visit(e.body, new Set(bound).add(e.index));
        return;
      }
      case 'diff':
        visit(e.body, bound);
        // By a defined quantity (∂E/∂o_k): its indices range, but it is not an input.
        if (e.wrt.version > 0) for (const i of e.wrt.indices) freeIn(i, bound, asIndex);
        else visit(e.wrt, bound);
        return;
      case 'num': case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call':
      case 'rel': case 'iverson':
        for (const c of children(e)) visit(c, bound);
        return;
      default: assertNever(e);
    }
  };
  for (const e of exprs) visit(e, new Set());

  const requested = new Set(frees.flatMap((f) => f ?? []));
  for (const n of declared) if (requested.has(n)) throw new EvaluationError(`'${n}' is asked for both as an output index and as a size symbol`);
  const occurs = (n: string) => exprs.some((e) => freeIndices(e).has(n));
  const sizeSymbols = [...new Set([
    ...[...asNumber].filter((n) => !asIndex.has(n) && !requested.has(n)),
    ...[...declared].filter(occurs),
  ])].sort(byName);
  const outputs = exprs.map((expr, at) => {
    const exprFree = [...freeIndices(expr)].filter((n) => !sizeSymbols.includes(n)).sort(byName);
    const order = frees[at] ?? exprFree;
    for (const n of exprFree) {
      if (!order.includes(n)) throw new EvaluationError(`free index '${n}' is missing from the requested output indices [${order.join(', ')}]`);
    }
    if (new Set(order).size !== order.length) throw new EvaluationError(`output indices [${order.join(', ')}] repeat a name`);
    for (const n of order) ranged.add(n);
    return [...order];
  });
  return {
    inputs: [...specs.values()].map((s) => ({ name: s.name, ...(s.of === null ? {} : { of: s.of }), userName: s.userName, rank: s.rank, slots: s.slots.map((set) => [...set]) })),
    // A size symbol may be a range too (`\#n`, or a sum elsewhere binding the same letter): its size comes from sizes.
    ranged: [...ranged].sort(byName),
    sizeSymbols,
    declared: [...slotRanges(exprs).declared].filter(([, n]) => sizeSymbols.includes(n)).sort(([a], [b]) => byName(a, b)),
    outputs,
  };
}

/** One input, flattened row-major. */
export interface Array64 {
  readonly data: Float64Array;
  readonly shape: readonly number[];
}

export interface Binding {
  /** Per `signature.inputs` entry: the number (rank 0) or the flattened array. */
  readonly inputs: readonly (number | Array64)[];
  /** Extent of every index name whose size is known (at least all `signature.ranged`). */
  readonly sizes: ReadonlyMap<string, number>;
  /** Value of every size symbol. */
  readonly symbols: ReadonlyMap<string, number>;
}

/** How an input should look, for error messages: `a 2-d array indexed [j][k] (3×4)`. */
export function describeShape(spec: InputSpec, sizes?: ReadonlyMap<string, number>): string {
  if (spec.rank === 0) return 'a number';
  const slotName = (names: readonly string[]) => names[0] ?? '·';
  const idx = spec.slots.map((n) => `[${slotName(n)}]`).join('');
  const dims = spec.slots.map((names) => names.map((n) => sizes?.get(n)).find((x) => x !== undefined));
  const known = dims.every((d) => d !== undefined) ? ` (shape ${dims.join('×')})` : '';
  return `a ${spec.rank}-d array indexed ${idx}${known}`;
}

/** A missing input: what it should be, and every key the formula reads (a name split by index ranges has one per family). */
function missingInput(sig: InputSignature, spec: InputSpec, values: object): string {
  const keys = [...new Set(sig.inputs.map((s) => `'${s.name}'`))].join(', ');
  const split = spec.userName !== spec.name && Object.prototype.hasOwnProperty.call(values, spec.userName)
    ? `; '${spec.userName}' names ${sig.inputs.filter((s) => s.userName === spec.userName).length} quantities with different index ranges, each given under its own key`
    : '';
  return `missing value for input '${spec.name}' (expected ${describeShape(spec)})${split}; the inputs are ${keys}`;
}

/** Shape and row-major contents of a nested array, or an error naming the first defect. */
function flattenNested(name: string, value: NestedArray, rank: number, expected: string): Array64 {
  const shape: number[] = [];
  let level: unknown = value;
  for (let d = 0; d < rank; d++) {
    if (!Array.isArray(level)) throw new EvaluationError(`input '${name}' must be ${expected}: it has only ${d} dimension(s)`, null, name);
    shape.push(level.length);
    level = level[0];
  }
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let at = 0;
  const walk = (x: unknown, d: number, path: string): void => {
    if (d === rank) {
      if (typeof x !== 'number') {
        throw new EvaluationError(`input '${name}' must be ${expected}: entry ${name}${path} is ${Array.isArray(x) ? 'an array' : JSON.stringify(x) ?? String(x)}, not a number`, null, name);
      }
      data[at++] = x;
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) {
      throw new EvaluationError(`input '${name}' must be ${expected}: ${name}${path} is not an array of length ${shape[d]} (ragged array)`, null, name);
    }
    x.forEach((y, i) => walk(y, d + 1, `${path}[${i}]`));
  };
  walk(value, 0, '');
  return { data, shape };
}

/** `n` as a size; `what` names it in the error (a function, so the hot path builds no string). */
function checkSize(what: () => string, n: unknown, min: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new EvaluationError(`${what()} must be an integer ≥ ${min}, got ${JSON.stringify(n) ?? String(n)}`);
  }
  return n;
}

/**
 * core/fresh.ts `baseLetter` under a name of this module: `bind` calls it so, because
 * `bindSource` carries bind's source, which must call only functions it carries too.
 */
const unprimed: (name: string) => string = baseLetter;

/** Where a size was learnt: `sizes`, or an input's slot (kept as numbers; the message is built only on a conflict). */
type Source = readonly [input: number, slot: number] | null;

/** Turn one call's inputs into flat arrays and index extents, checking them against `sig`. */
export function bind(sig: InputSignature, given: Inputs): Binding {
  if (given === null || typeof given !== 'object' || given.values === null || typeof given.values !== 'object') {
    throw new EvaluationError('inputs must be an object { values: {...}, sizes?: {...} }');
  }
  const values = given.values;
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const sizes = new Map<string, number>();
  const sources = new Map<string, Source>();
  const from = (src: Source) => (src === null ? 'sizes' : `the shape of '${sig.inputs[src[0]]!.name}' (slot ${src[1] + 1})`);
  const learn = (name: string, n: number, src: Source) => {
    const had = sizes.get(name);
    if (had === undefined) {
      sizes.set(name, n);
      sources.set(name, src);
    } else if (had !== n) {
      throw new EvaluationError(`size conflict for index '${name}': ${had} from ${from(sources.get(name)!)}, ${n} from ${from(src)}`);
    }
  };
  if (given.sizes !== undefined) {
    for (const name of Object.keys(given.sizes)) {
      learn(name, checkSize(() => `sizes.${name}`, given.sizes[name], sig.sizeSymbols.includes(name) ? 0 : 1), null);
    }
  }

  const bound: (number | Array64 | Float64Array)[] = sig.inputs.map((spec) => {
    if (!own(values, spec.name)) throw new EvaluationError(missingInput(sig, spec, values), null, '');
    const v: unknown = values[spec.name];
    if (spec.of !== undefined) {
      // The inverse or determinant of a square matrix: nested, a flat Float64Array of n² entries, or a number (1×1);
      // with leading slots (a batch, --batch), of each matrix of a nested array.
      const rank = spec.of === 'inverse' ? spec.rank : spec.rank + 2;
      const what = rank === 2 ? `a square matrix (its ${spec.of})` : `nested arrays of ${rank} dimensions, the last two a square matrix (its ${spec.of})`;
      let m: Array64;
      if (typeof v === 'number' && rank === 2) m = { data: Float64Array.of(v), shape: [1, 1] };
      else if (Array.isArray(v)) m = flattenNested(spec.name, v, rank, what);
      else if (v instanceof Float64Array && rank === 2) {
        const n = Math.round(Math.sqrt(v.length));
        if (n * n !== v.length) throw new EvaluationError(`input '${spec.name}' must be ${what}: a flat Float64Array of ${v.length} entries is not n×n`, null, spec.name);
        m = { data: v, shape: [n, n] };
      } else throw new EvaluationError(`input '${spec.name}' must be ${what}, got ${v === null ? 'null' : typeof v}`, null, spec.name);
      if (rank === 2) return spec.of === 'inverse' ? inverseOf(spec.name, m) : determinantOf(spec.name, m);
      const [r, c] = m.shape.slice(-2) as [number, number];
      const block = { data: new Float64Array(r * c), shape: [r, c] };
      const count = m.data.length / (r * c);
      const data = new Float64Array(spec.of === 'inverse' ? m.data.length : count);
      for (let k = 0; k < count; k++) {
        block.data.set(m.data.subarray(k * r * c, (k + 1) * r * c));
        if (spec.of === 'inverse') data.set(inverseOf(spec.name, block).data, k * r * c);
        else data[k] = determinantOf(spec.name, block);
      }
      return { data, shape: spec.of === 'inverse' ? m.shape : m.shape.slice(0, -2) };
    }
    if (spec.rank === 0) {
      if (typeof v !== 'number') throw new EvaluationError(`input '${spec.name}' must be a number, got ${Array.isArray(v) || v instanceof Float64Array ? 'an array' : typeof v}`, null, spec.name);
      return v;
    }
    if (v instanceof Float64Array) return spec.rank === 1 ? { data: v, shape: [v.length] } : v;
    if (Array.isArray(v)) return flattenNested(spec.name, v, spec.rank, describeShape(spec));
    throw new EvaluationError(`input '${spec.name}' must be ${describeShape(spec)}, got ${v === null ? 'null' : typeof v}`, null, spec.name);
  });

  // Slots fix sizes; sizes fix the shapes of flat arrays of rank ≥ 2. Iterate until nothing changes.
  const learnt = sig.inputs.map(() => false);
  for (let changed = true; changed;) {
    changed = false;
    for (let at = 0; at < bound.length; at++) {
      const spec = sig.inputs[at]!;
      const b = bound[at]!;
      if (b instanceof Float64Array) {
        const shape = shapeFromSizes(spec, b, sizes);
        if (shape === null) continue;
        bound[at] = { data: b, shape };
      }
      const arr = bound[at]!;
      if (typeof arr === 'number' || learnt[at]) continue;
      learnt[at] = changed = true;
      for (let s = 0; s < spec.rank; s++) for (const n of spec.slots[s]!) learn(n, (arr as Array64).shape[s]!, [at, s]);
    }
  }
  bound.forEach((b, at) => {
    if (b instanceof Float64Array) {
      throw new EvaluationError(`input '${sig.inputs[at]!.name}' is a flat Float64Array: give the sizes of its indices (${describeShape(sig.inputs[at]!)})`, null, sig.inputs[at]!.name);
    }
  });

  const symbols = new Map<string, number>();
  for (const n of sig.sizeSymbols) {
    const v = own(values, n) ? values[n] : sizes.get(n);
    if (v === undefined) throw new EvaluationError(`size symbol '${n}' (a constant, as in a sum bound) needs a value: give values.${n} or sizes.${n}`);
    symbols.set(n, checkSize(() => `size symbol '${n}'`, v, 0));
  }
  // A declared range fixes its letters' sizes; an array whose slot has another length contradicts the bounds.
  for (const [letter, n] of sig.declared) {
    const v = symbols.get(n)!;
    for (const [name, size] of [...sizes]) {
      if (unprimed(name) !== letter || size === v) continue;
      const at = sig.inputs.findIndex((spec) => spec.slots.some((slot) => slot.some((x) => unprimed(x) === letter)));
      const input = at < 0 ? `sizes.${name} is ${size}` : `input '${sig.inputs[at]!.name}' has ${size} entries in the slot ${name} addresses`;
      throw new EvaluationError(`${input}, but the bounds 1..${n} run ${letter} over ${n} = ${v} values ("Ranges" in docs/notation.md)`);
    }
    if (!sizes.has(letter)) { sizes.set(letter, v); sources.set(letter, null); }
  }
  for (const n of sig.ranged) {
    let size = sizes.get(n);
    if (size === undefined) {
      size = sizes.get(unprimed(n));
      if (size === undefined) throw new EvaluationError(`size of index '${n}' is unknown: give sizes.${n} or an array indexed by ${n}`);
      sizes.set(n, size);
    }
    // A fresh copy (`j'`) ranges over its original's range: the compiler shares Σ_j and Σ_{j'} on this.
    const original = n.endsWith("'") ? sizes.get(unprimed(n)) : undefined;
    if (original !== undefined && original !== size) {
      throw new EvaluationError(`size conflict for index '${n}': ${size}, but it is a copy of '${unprimed(n)}' (size ${original})`);
    }
    // An empty range would let the compiler's hoisted code run where the interpreter runs nothing.
    if (size < 1) throw new EvaluationError(`size of index '${n}' must be at least 1, got ${size}`);
  }
  return { inputs: bound as (number | Array64)[], sizes, symbols };
}

/**
 * The inverse of the square matrix `a`, input `name` (Gauss-Jordan elimination with partial pivoting),
 * for `(X^{-1})_{ab}` (issue 11). A matrix that is not square, or singular to working precision, is an EvaluationError.
 * Carried by `bindSource`: it calls nothing else.
 */
export function inverseOf(name: string, a: Array64): Array64 {
  const n = a.shape[0]!;
  if (a.shape.length !== 2 || a.shape[1] !== n) throw new EvaluationError(`input '${name}' must be a square matrix for its inverse, got shape ${a.shape.join('×')}`, null, name);
  // [A | I] row-reduced to [I | A^{-1}], in one n×2n table.
  const w = 2 * n;
  const t = new Float64Array(n * w);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) { t[i * w + j] = a.data[i * n + j]!; scale = Math.max(scale, Math.abs(a.data[i * n + j]!)); }
    t[i * w + n + i] = 1;
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(t[r * w + c]!) > Math.abs(t[p * w + c]!)) p = r;
    const pivot = t[p * w + c]!;
    // A pivot at rounding level of the entries: the matrix has no inverse in floating point (NaN entries too).
    if (!(Math.abs(pivot) > n * 2.220446049250313e-16 * scale)) throw new EvaluationError(`'${name}' is singular (it has no inverse): give an invertible matrix`, null, name);
    if (p !== c) for (let j = 0; j < w; j++) { const x = t[c * w + j]!; t[c * w + j] = t[p * w + j]!; t[p * w + j] = x; }
    for (let j = 0; j < w; j++) t[c * w + j] = t[c * w + j]! / pivot;
    for (let r = 0; r < n; r++) {
      const f = t[r * w + c]!;
      if (r === c || f === 0) continue;
      for (let j = 0; j < w; j++) t[r * w + j] = t[r * w + j]! - f * t[c * w + j]!;
    }
  }
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = t[i * w + n + j]!;
  return { data, shape: [n, n] };
}

/** The determinant of the square matrix `a`, input `name` (LU with partial pivoting; a singular matrix gives 0). Carried by `bindSource`. */
export function determinantOf(name: string, a: Array64): number {
  const n = a.shape[0]!;
  if (a.shape.length !== 2 || a.shape[1] !== n) throw new EvaluationError(`input '${name}' must be a square matrix for its determinant, got shape ${a.shape.join('×')}`, null, name);
  const t = Float64Array.from(a.data);
  let det = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(t[r * n + c]!) > Math.abs(t[p * n + c]!)) p = r;
    const pivot = t[p * n + c]!;
    if (pivot === 0) return 0;
    if (p !== c) { det = -det; for (let j = 0; j < n; j++) { const x = t[c * n + j]!; t[c * n + j] = t[p * n + j]!; t[p * n + j] = x; } }
    det *= pivot;
    for (let r = c + 1; r < n; r++) {
      const f = t[r * n + c]! / pivot;
      if (f !== 0) for (let j = c; j < n; j++) t[r * n + j] = t[r * n + j]! - f * t[c * n + j]!;
    }
  }
  return det;
}

/** The shape of a flat array from the sizes of its slots' indices (one slot may be left to its length), or null if not yet known. */
function shapeFromSizes(spec: InputSpec, b: Float64Array, sizes: ReadonlyMap<string, number>): number[] | null {
  const shape: number[] = [];
  let unknown = -1;
  let known = 1;
  for (let s = 0; s < spec.rank; s++) {
    let d: number | undefined;
    for (const n of spec.slots[s]!) if ((d = sizes.get(n)) !== undefined) break;
    if (d === undefined) {
      if (unknown !== -1) return null;
      unknown = s;
      d = 0;
    } else known *= d;
    shape.push(d);
  }
  if (unknown !== -1) {
    if (known === 0 || b.length % known !== 0) {
      throw new EvaluationError(`input '${spec.name}' has ${b.length} entries, which does not fit ${describeShape(spec, sizes)}`, null, spec.name);
    }
    shape[unknown] = b.length / known;
  } else if (known !== b.length) {
    throw new EvaluationError(`input '${spec.name}' has ${b.length} entries; expected ${describeShape(spec, sizes)}`, null, spec.name);
  }
  return shape;
}

/**
 * The default cap on the elements of one evaluation (`maxElements`, `--max-elements`):
 * 10^8 loop iterations take about a second compiled, and an output of 10^8
 * numbers is 800 MB. Beyond it an evaluation is refused before it allocates or loops.
 */
export const MAX_ELEMENTS = 1e8;

/**
 * The elements an evaluation of `exprs` touches: the entries of its outputs, plus, for each
 * sum (every reduction), its terms at every assignment of the sum's own free indices — the
 * compiler computes each subexpression once per assignment of its free indices (docs/compile.md,
 * "The schedule"), so this is the loop iterations of the compiled kernel. A bounded sum counts
 * the widest range its bounds can run over. One walk of the DAG: a shared sum counts once.
 */
export function evaluationElements(exprs: readonly Expr[], outputs: readonly (readonly string[])[], b: Binding): number {
  const size = (n: string) => (b.symbols.has(n) ? 1 : b.sizes.get(n) ?? b.sizes.get(baseLetter(n)) ?? 1);
  /** The widest values an index expression takes: size symbols are exact, indices run over 1..N. */
  const span = (i: Index): [number, number] => {
    let lo = indexConstant(i);
    let hi = lo;
    for (const t of indexTerms(i)) {
      const v = b.symbols.get(t.name);
      const [a, z] = v !== undefined ? [v, v] : [1, size(t.name)];
      lo += Math.min(t.coef * a, t.coef * z);
      hi += Math.max(t.coef * a, t.coef * z);
    }
    return [lo, hi];
  };
  let total = 0;
  const seen = new Set<number>();
  const visit = (e: Expr): void => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    if (e.kind === 'reduce') {
      const extent = e.lower === null || e.upper === null ? size(e.index) : Math.max(0, span(e.upper)[1] - span(e.lower)[0] + 1);
      let at = Math.max(1, extent);
      for (const n of freeIndices(e)) at *= size(n);
      total += at;
    }
    for (const c of children(e)) visit(c);
  };
  exprs.forEach((e, r) => {
    total += outputs[r]!.reduce((p, name) => p * size(name), 1);
    visit(e);
  });
  return total;
}

/** Refuse an evaluation of more than `max` elements (`evaluationElements`), naming the sizes that make it so. */
export function checkElements(exprs: readonly Expr[], outputs: readonly (readonly string[])[], b: Binding, max = MAX_ELEMENTS): void {
  checkSize(() => 'maxElements', max, 1);
  const n = evaluationElements(exprs, outputs, b);
  if (n > max) {
    const sizes = [...b.sizes].map(([k, v]) => `${k} = ${v}`).join(', ');
    throw new EvaluationError(
      `this evaluation would touch ${n < 1e6 ? n : n.toExponential(2)} elements (sizes ${sizes}), more than the limit ${max}; `
      + 'give smaller sizes or raise the limit (--max-elements, or the maxElements option)',
    );
  }
}

/**
 * The source of `bind` and of everything it calls, as one script: the emitted
 * module (src/compile/module.ts, `kronecker compile --emit js`) carries it, so
 * that it checks its inputs with this code and these messages, not a copy.
 */
export function bindSource(): string {
  // A bundle (the CLI's dist/bin, the playground) renames and rewrites these functions, so their
  // source there would not run: the bundler puts in the source read from the unbundled build.
  if (typeof __KRONECKER_BIND_SOURCE__ === 'string') return __KRONECKER_BIND_SOURCE__;
  return [
    lineAndColumn.toString(), InputError.toString(), EvaluationError.toString(), `const unprimed = ${baseLetter.toString()};`,
    ...[checkSize, describeShape, missingInput, flattenNested, shapeFromSizes, bind, inverseOf, determinantOf].map((f) => f.toString()),
  ].join('\n\n');
}

/** Set by the bundlers (scripts/bundle.mjs, scripts/playground.mjs) to `bindSource()` of the unbundled build. */
declare const __KRONECKER_BIND_SOURCE__: string | undefined;
