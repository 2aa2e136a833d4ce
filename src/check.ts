// The finite-difference checker: does a claimed ∂f/∂w agree with the slope of
// f, measured numerically, at random inputs and at every index assignment?
//
// For each assignment of the derivative's free indices free(f) ∪ indices(w),
// the element of w that `wrt` addresses under that assignment is moved by ±h
// and f is re-evaluated; the central difference (f(w+h) - f(w-h)) / 2h is
// compared with the claimed derivative there. h ≈ 1e-5·max(1, |w|) balances
// truncation error (~h²|f'''|) against round-off (~ε|f|/h), both near 1e-10;
// where the plain difference disagrees, Richardson's extrapolation removes the
// truncation.
//
// The verdict is a true relative error, |expected - got| / max(|expected|, |got|),
// within the tolerance (1e-8) once the rounding floor is taken off: a few ulps
// of f's magnitude over the step (`magnitude`: every sum a sum of absolute
// values, so cancellation does not hide how f was rounded), of the result's own
// magnitude, and an extrapolation's remaining truncation. A point where that
// floor exceeds tolerance × |expected| cannot resolve a relative error of the
// tolerance: it is judged all the same but not counted as informative, and a
// check with no informative point says it is vacuous (src/cli/check.ts).
//
// Sizes run over `SIZE_SCHEDULE`, from empty ranges (a size symbol 0) to 7, so a
// result wrong only for an empty or a one-element range is caught. A read past
// an input's end (`x_{t+1}` in `\sum_{t=1}^{n-1}`) grows that slot and draws again.

import {
  add, assertNever, call, children, div, type Expr, indexAt, indexKey, indexTerms, isEquation, isReduction, mapChildren, mul, pow, reduce, type Var,
} from './core/ast.js';
import { evaluate } from './evaluate.js';
import { baseLetter } from './core/fresh.js';
import { allIndexNames } from './core/indices.js';
import { inputKey } from './core/names.js';
import { IndexRangeError, type Inputs, type InputValue, type NestedArray, signature } from './values.js';
import { UnionFind } from './core/union-find.js';

/** A deterministic PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomInputOptions {
  readonly seed?: number;
  /** Sizes to use for these index names (others: drawn from `sizeRange`). */
  readonly sizes?: Readonly<Record<string, number>>;
  /** The sizes drawn, lowest and highest (default [2, 3]). */
  readonly sizeRange?: readonly [number, number];
  /** Size symbols (`n` of `\sum_{t=1}^{n}`): a group of names holding one, and no name of `nonEmpty`, may be drawn 0. */
  readonly symbols?: readonly string[];
  /** Names whose range must not be empty (the output indices). */
  readonly nonEmpty?: readonly string[];
  /** Least entries per slot of an input (input key → per slot), where a read needs more than the sizes give. */
  readonly atLeast?: ReadonlyMap<string, readonly number[]>;
  /** Values to use as given instead of random ones. */
  readonly values?: Readonly<Record<string, InputValue>>;
  /** Inputs that must be positive (arguments of log, sqrt): drawn from [0.2, 1.5]. */
  readonly positive?: readonly string[];
  /** Draw one entry of an input; the default is uniform in [-1.5, 1.5] (see `positive`). */
  readonly generate?: (name: string, random: () => number) => number;
}

/**
 * Random values for every variable of `exprs` and a size for every index name.
 * Index names that must agree share one size: a letter and its fresh copies
 * (`j`, `j'`), names that address the same slot of one input, and a sum's
 * binder with a symbolic upper bound (`j` and `n` in `\sum_{j=1}^{n}`).
 */
export function randomInputs(exprs: readonly Expr[], options: RandomInputOptions = {}): Required<Inputs> {
  const random = prng(options.seed ?? 1);
  const groups = new UnionFind();
  const find = (n: string) => groups.find(n);
  const union = (a: string, b: string) => groups.union(a, b);
  const names = new Set<string>();
  for (const e of exprs) allIndexNames(e, names);
  for (const n of names) union(n, baseLetter(n));

  // Per input: rank, and per slot the plain names, the largest offset use and the largest literal.
  const inputs = new Map<string, { plain: Set<string>[]; need: number[] }>();
  /** Inputs whose inverse or determinant the formulas read. */
  const square = new Set<string>();
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    switch (e.kind) {
      case 'var': {
        // X^{-1} and \det X read the square matrix X (issue 11): the inverse's slot s is X's 1 - s.
        const rank = e.of === null ? e.indices.length : 2;
        let info = inputs.get(inputKey(e));
        if (info === undefined) {
          info = { plain: Array.from({ length: rank }, () => new Set()), need: Array.from({ length: rank }, () => 1) };
          inputs.set(inputKey(e), info);
        }
        if (e.of !== null) square.add(inputKey(e));
        e.indices.forEach((i, s) => {
          const slot = info.plain[e.of === 'inverse' ? 1 - s : s];
          if (slot === undefined) return;
          if (i.kind === 'inum') info.need[s] = Math.max(info.need[s]!, i.value);
          else if (i.kind === 'ivar' && i.offset === 0) {
            for (const other of slot) union(other, i.name);
            slot.add(i.name);
          }
        });
        return;
      }
      case 'reduce':
        if (e.upper !== null && e.upper.kind === 'ivar' && e.upper.offset === 0) union(e.index, e.upper.name);
        break;
      case 'num': case 'delta': case 'extent': case 'index': case 'add': case 'neg': case 'mul': case 'div': case 'pow':
      case 'call': case 'diff': case 'rel': case 'iverson':
        break;
      default: assertNever(e);
    }
    children(e).forEach(visit);
  };
  exprs.forEach(visit);
  // A square matrix's two slots share one range.
  for (const key of square) {
    const letters = inputs.get(key)!.plain.flatMap((slot) => [...slot]);
    for (const n of letters.slice(1)) union(letters[0]!, n);
  }

  const classSize = new Map<string, number>();
  for (const [n, size] of Object.entries(options.sizes ?? {})) classSize.set(find(n), size);
  const given = new Set(classSize.keys());
  // Given arrays fix the sizes of the names that index them.
  for (const [name, value] of Object.entries(options.values ?? {})) {
    const info = inputs.get(name);
    if (info === undefined || typeof value === 'number') continue;
    let level: unknown = value;
    info.plain.forEach((slot, s) => {
      if (!(Array.isArray(level) || level instanceof Float64Array)) return;
      if (slot.size > 0 && (s === 0 || !(value instanceof Float64Array))) {
        classSize.set(find([...slot][0]!), level.length);
        given.add(find([...slot][0]!));
      }
      level = Array.isArray(level) ? level[0] : undefined;
    });
  }
  const [lowest, highest] = options.sizeRange ?? [2, 3];
  const symbols = new Set(options.symbols ?? []);
  const emptyAllowed = new Set([...symbols].map(find));
  for (const n of options.nonEmpty ?? []) emptyAllowed.delete(find(n));
  // Nested arrays cannot hold 0 rows of a matrix (`[]` has one dimension): a slot of an input of rank 2 or more is not emptied.
  for (const info of inputs.values()) if (info.plain.length >= 2) for (const slot of info.plain) for (const n of slot) emptyAllowed.delete(find(n));
  for (const n of [...names].sort()) {
    const root = find(n);
    if (classSize.has(root)) continue;
    const lo = Math.max(lowest, emptyAllowed.has(root) ? 0 : 1);
    classSize.set(root, lo + Math.floor(random() * (Math.max(lo, highest) - lo + 1)));
  }
  // Where reads need more entries than the sizes give (`\sum_{t=1}^{n-1} x_{t+1}` with t and x's
  // slot tied), the slot's group grows; a size symbol in it keeps its value (`\sum_{i=1}^{n}` tied
  // i to n, and x needs n + 1 entries for x_{i+1}).
  const grownTo = new Map<string, number>();
  for (const [name, least] of options.atLeast ?? []) {
    const info = inputs.get(name);
    if (info === undefined) continue;
    least.forEach((n, s) => {
      const plain = info.plain[s];
      if (plain === undefined) return;
      if (plain.size === 0) info.need[s] = Math.max(info.need[s]!, n);
      else {
        const root = find([...plain][0]!);
        if (!given.has(root) && n > classSize.get(root)!) grownTo.set(root, Math.max(grownTo.get(root) ?? 0, n));
      }
    });
  }
  const sizes: Record<string, number> = {};
  for (const n of [...names].sort()) {
    const root = find(n);
    const size = symbols.has(n) ? classSize.get(root)! : grownTo.get(root) ?? classSize.get(root)!;
    // An empty range is a size symbol's (`n` = 0): a letter tied to it takes no size (bounds range it, and no array slot it addresses has entries).
    if (size > 0 || symbols.has(n)) sizes[n] = size;
  }
  for (const [root, n] of grownTo) classSize.set(root, n);
  // Offsets and sums (`x_{i+1}`, `x_{i+k}`) need as many entries as their largest value. A slot
  // also addressed plainly by letters of another range (`x_m` in ∂/∂x_m) gets that range widened
  // for a sum of variables (`x_{i+k}`), unless it was given: a difference (`w_{m-i}`) is what a
  // δ-collapse leaves under its range bracket. Where the offset's own letter addresses the slot
  // (`x_i - x_{i+1}`), the read out of range is the formula's (an IndexRangeError).
  let grown = true;
  for (let round = 0; grown && round < 3; round++) {
    grown = false;
    const seenOffsets = new Set<Expr>();
    const offsets = (e: Expr): void => {
      if (seenOffsets.has(e)) return;
      seenOffsets.add(e);
      if (e.kind === 'var') {
        const info = inputs.get(inputKey(e))!;
        e.indices.forEach((i, s) => {
          if (i.kind === 'inum' || (i.kind === 'ivar' && i.offset === 0)) return;
          const largest = indexTerms(i).reduce((v, t) => v + t.coef * (t.coef > 0 ? sizes[t.name] ?? 1 : 1), i.offset);
          const plain = info.plain[s];
          // An input read with more indices than first seen: the evaluation refuses its shape.
          if (plain === undefined) return;
          if (plain.size === 0) info.need[s] = Math.max(info.need[s]!, largest);
          else {
            const root = find([...plain][0]!);
            const terms = indexTerms(i);
            if (given.has(root) || terms.some((t) => t.coef < 0 || find(t.name) === root) || classSize.get(root)! >= largest) return;
            classSize.set(root, largest);
            for (const n of names) if (find(n) === root) sizes[n] = largest;
            grown = true;
          }
        });
      }
      children(e).forEach(offsets);
    };
    exprs.forEach(offsets);
  }

  const positive = new Set(options.positive ?? []);
  const draw = options.generate ?? ((name: string, r: () => number) => (positive.has(name) ? 0.2 + 1.3 * r() : -1.5 + 3 * r()));
  const values: Record<string, InputValue> = { ...options.values };
  for (const [name, info] of [...inputs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (Object.prototype.hasOwnProperty.call(values, name)) continue;
    const lettered = info.plain.find((slot) => slot.size > 0);
    const shape = info.plain.map((slot, s) => (slot.size > 0 ? sizes[[...slot][0]!]!
      : square.has(name) ? (lettered === undefined ? Math.max(...info.need) : sizes[[...lettered][0]!]!) : info.need[s]!));
    const make = (d: number): number | NestedArray =>
      d === shape.length ? draw(name, random) : Array.from({ length: shape[d]! }, () => make(d + 1));
    const value = make(0);
    // An inverted matrix is drawn well conditioned: 2n on the diagonal makes it strictly diagonally dominant.
    if (square.has(name)) (value as number[][]).forEach((row, i) => { row[i] = row[i]! + 2 * shape[0]!; });
    values[name] = value;
  }
  return { sizes, values };
}

export interface CheckOptions extends Omit<RandomInputOptions, 'values' | 'sizeRange' | 'symbols' | 'nonEmpty' | 'atLeast'> {
  readonly f: Expr;
  /** The variable differentiated by: `w_{jk}`, a scalar `x`, or with literal indices `w_{1k}`. */
  readonly wrt: Var;
  /** The claimed ∂f/∂wrt; its free indices are free(f) ∪ the indices of wrt. */
  readonly derivative: Expr;
  /** Fixed inputs (values and sizes); everything missing is drawn at random. */
  readonly inputs?: Partial<Inputs>;
  /** Independent random draws (default 4: one per row of `SIZE_SCHEDULE`, then around again). */
  readonly trials?: number;
  /** Allowed relative error beyond the rounding floor (default 1e-8). */
  readonly tolerance?: number;
}

export interface CheckFailure {
  readonly trial: number;
  /** Values (1-based) of the derivative's free indices. */
  readonly assignment: Readonly<Record<string, number>>;
  /** The finite-difference slope. */
  readonly expected: number;
  /** The claimed derivative's value (NaN where it has none: it reads an input out of range). */
  readonly got: number;
}

export interface CheckReport {
  readonly ok: boolean;
  /**
   * Largest relative error |expected - got| / max(|expected|, |got|) at an informative point
   * (Infinity where the result has no value). A point passes when the error beyond the rounding
   * floor, max(0, |expected - got| - floor) / max(|expected|, |got|), is within `tolerance`.
   */
  readonly maxError: number;
  /** The failing points (at most 20 are listed). */
  readonly failures: readonly CheckFailure[];
  /** Number of (trial, assignment) points compared. */
  readonly checked: number;
  /**
   * Points where the derivative stands out of the rounding floor by the tolerance or more, so that a
   * relative error of `tolerance` would show; 0 makes the check vacuous (the derivative is 0, or
   * lost in rounding, wherever it was compared).
   */
  readonly informative: number;
  /** The largest rounding floor at an informative point, relative to the derivative there. */
  readonly floor: number;
  /** The sizes drawn for index ranges and size symbols, lowest and highest; null for a formula without indices. */
  readonly sizes: readonly [number, number] | null;
  readonly tolerance: number;
}

/**
 * Sizes per trial: the first draws the smallest ranges (a size symbol 0, so sums such as
 * `\sum_{t=1}^{n-1}` are empty, and an index of size 1), the others grow to 7. Sizes an option
 * fixes stay fixed.
 */
const SIZE_SCHEDULE: readonly (readonly [number, number])[] = [[0, 0], [1, 3], [3, 5], [5, 7]];

/** At most this many points per trial: a draw with more (three indices of size 7) takes a smaller row of the schedule. */
const MAX_POINTS = 400;

const MAX_LISTED = 20;

/** Rounding allowed for in a value, in units of the last place of its scale (`magnitude`). */
const ROUNDING_ULPS = 8;

/** Draws beyond `trials` when no point so far was informative (a derivative 0 at the points drawn). */
const EXTRA_TRIALS = 2;

/** Compare `derivative` with central differences of `f` at random inputs and every index assignment. */
export function checkDerivative(options: CheckOptions): CheckReport {
  const { f, wrt, derivative } = options;
  const tolerance = options.tolerance ?? 1e-8;
  const trials = options.trials ?? SIZE_SCHEDULE.length;
  const fSig = signature(f);
  const fFree = fSig.free;
  const wrtNames = wrt.indices.flatMap((i) => indexTerms(i).map((t) => t.name));
  const free = [...new Set([...fFree, ...wrtNames])].sort();
  const symbols = fSig.sizeSymbols.filter((n) => !free.includes(n));
  // An index of wrt that f reads only as a number (`i` of `\sum_{j=1}^{i} x_1` by x_i): f takes its value at each point.
  const linked = wrtNames.filter((n) => fSig.sizeSymbols.includes(n));
  const failures: CheckFailure[] = [];
  let checked = 0;
  let informative = 0;
  let maxError = 0;
  let floor = 0;
  let lowest = Infinity;
  let highest = -Infinity;

  let failed = 0;
  for (let trial = 0; trial < trials || (informative === 0 && failed === 0 && trial < trials + EXTRA_TRIALS); trial++) {
    const seed = (options.seed ?? 1) * 7919 + trial;
    const inputs = drawInputs(options, trial, seed, fSig.sizeSymbols, free, linked);
    for (const n of Object.keys(inputs.sizes)) {
      lowest = Math.min(lowest, inputs.sizes[n]!);
      highest = Math.max(highest, inputs.sizes[n]!);
    }
    // A size symbol of f is a constant of the derivative too, with the same value, wherever the
    // simplifier moved it (`\sum_{j=1}^{n}` collapsed to `[j \le n]`).
    const claimedAt = claimedValues(derivative, inputs, free, symbols);
    // One pair of evaluations of f per element of wrt, shared by the assignments that address it.
    const slopes = new Map<string, Difference | null>();
    const refined = new Map<string, Difference[]>();
    // The scales at which f and the claimed derivative round (`magnitude`), per value of the linked letters.
    const fScales = new Map<string, number | NestedArray | null>();
    const fScaleAt = (at0: Required<Inputs>, assignment: Record<string, number>) => {
      const k = linked.map((n) => assignment[n]!).join(',');
      if (!fScales.has(k)) fScales.set(k, magnitudeValue(f, at0, { free: fFree }));
      return fScales.get(k)!;
    };
    const ownScale = magnitudeValue(derivative, inputs, { free, symbols });

    // First every point's slope and claimed value; then the judgement, whose floor for rounding in
    // the claimed derivative is relative to the largest slope of the trial.
    const points: { assignment: Record<string, number>; key: string; address: number[]; at0: Required<Inputs>; slope: Difference; expected: number; got: number }[] = [];
    forEachAssignment(free, free.map((n) => inputs.sizes[n]!), (assignment) => {
      const address = wrt.indices.map((i) => indexAt(i, (n) => assignment[n]!));
      const at0: Required<Inputs> = linked.length === 0 ? inputs : { sizes: inputs.sizes, values: { ...inputs.values, ...pick(assignment, linked) } };
      const key = [...address, ...linked.map((n) => assignment[n]!)].join(',');
      let slope = slopes.get(key);
      if (slope === undefined) slopes.set(key, (slope = centralDifference(f, fFree, inputKey(wrt), address, at0, fScaleAt(at0, assignment))));
      if (slope === null) return; // `wrt` addresses no element here (an offset past the end)
      const expected = at(slope.slope, fFree.map((n) => assignment[n]!));
      // f undefined near this point (0/0, log of a negative): there is no derivative to compare with.
      if (!Number.isFinite(expected)) return;
      const claimed = claimedAt(assignment);
      // The result undefined by its arithmetic (0/0 where f is constant, σ = 0 at N = 1): nothing to compare.
      if (Number.isNaN(claimed)) return;
      points.push({ assignment, key, address, at0, slope, expected, got: claimed ?? NaN });
    });
    for (const { assignment, key, address, at0, slope, expected, got } of points) {
      const pos = fFree.map((n) => assignment[n]!);
      // Rounding in the claimed derivative itself: a few ulps of its magnitude.
      const own = ROUNDING_ULPS * Number.EPSILON * Math.max(Math.abs(got), ownScale === null ? 0 : Math.abs(at(ownScale, free.map((n) => assignment[n]!))));
      // The relative error, judged beyond what rounding explains, and as measured.
      const errorOf = (d: Difference) => {
        const e = at(d.slope, pos);
        const scale = Math.max(Math.abs(e), Math.abs(got));
        const beyond = Math.max(0, Math.abs(e - got) - at(d.noise, pos) - own);
        return { judged: beyond === 0 ? 0 : beyond / scale, measured: e === got ? 0 : Math.abs(e - got) / scale };
      };
      let best = errorOf(slope);
      if (!(best.judged <= tolerance)) {
        let finer = refined.get(key);
        if (finer === undefined) refined.set(key, (finer = refinedDifferences(f, fFree, inputKey(wrt), address, at0, fScaleAt(at0, assignment))));
        // The extrapolation at the same step vouches for the point; one at a smaller step only where its
        // rounding floor (larger: f's rounding over a smaller step) is within the tolerance, or that
        // floor would excuse any error.
        finer.forEach((d, n) => {
          const e = errorOf(d);
          const resolves = at(d.noise, pos) + own <= tolerance * Math.max(Math.abs(at(d.slope, pos)), Math.abs(got));
          if (e.judged < best.judged && (n === 0 || resolves)) best = e;
        });
      }
      const error = best.judged;
      checked++;
      const noise = at(slope.noise, pos) + own;
      if (expected !== 0 && noise <= tolerance * Math.abs(expected)) {
        informative++;
        floor = Math.max(floor, noise / Math.abs(expected));
        maxError = Math.max(maxError, Number.isNaN(best.measured) ? Infinity : best.measured);
      }
      if (Number.isNaN(error)) maxError = Infinity;
      if (!(error <= tolerance)) {
        failed++;
        if (failures.length < MAX_LISTED) failures.push({ trial, assignment, expected, got });
      }
    }
  }
  const sizes: [number, number] | null = lowest > highest ? null : [lowest, highest];
  return { ok: failed === 0 && checked > 0, maxError, failures, checked, informative, floor, sizes, tolerance };
}

function pick(assignment: Readonly<Record<string, number>>, names: readonly string[]): Record<string, number> {
  return Object.fromEntries(names.map((n) => [n, assignment[n]!]));
}

/**
 * Random inputs for one trial, with sizes from its row of the schedule, such that f can be
 * evaluated: where f reads an entry past the end of an input (`x_{t+1}` in
 * `\sum_{t=1}^{n-1}`, whose t addresses x's slot too), the slot grows and the draw is made again.
 * A read below 1 (`h_{t-1}` at t = 1), or past sizes the caller fixed, is the formula's: its error
 * is thrown.
 */
function drawInputs(
  options: CheckOptions, trial: number, seed: number, symbols: readonly string[], free: readonly string[], linked: readonly string[],
): Required<Inputs> {
  const { f, wrt, derivative } = options;
  const atLeast = new Map<string, number[]>();
  for (let row = trial % SIZE_SCHEDULE.length, attempt = 0; ; attempt++) {
    const inputs = randomInputs([f, derivative, wrt], {
      ...options, seed, sizeRange: SIZE_SCHEDULE[row], symbols, nonEmpty: free, atLeast,
      sizes: { ...options.sizes, ...options.inputs?.sizes },
      values: options.inputs?.values,
    });
    if (row > 0 && free.reduce((p, n) => p * inputs.sizes[n]!, 1) > MAX_POINTS) {
      row--;
      continue;
    }
    // f at the largest values of the letters it reads as numbers: the reads reach furthest there.
    const probe = linked.length === 0 ? inputs : { sizes: inputs.sizes, values: { ...inputs.values, ...pick(inputs.sizes, linked) } };
    try {
      evaluate(f, probe);
      return inputs;
    } catch (err) {
      const read = err instanceof IndexRangeError ? err.read : undefined;
      if (read === undefined || read.value < 1 || attempt >= 4 || (atLeast.get(read.input)?.[read.slot] ?? 0) >= read.value) throw err;
      const least = atLeast.get(read.input) ?? [];
      least[read.slot] = read.value;
      atLeast.set(read.input, Array.from(least, (n) => n ?? 0));
    }
  }
}

/**
 * The claimed derivative at one assignment of its free indices. Evaluated once over all of them;
 * where it reads an input out of range somewhere, point by point, null where it has no value (a
 * failure wherever f has a slope).
 */
function claimedValues(derivative: Expr, inputs: Required<Inputs>, free: readonly string[], symbols: readonly string[]): (a: Record<string, number>) => number | null {
  try {
    const whole = evaluate(derivative, inputs, { free, symbols }).value;
    return (a) => at(whole, free.map((n) => a[n]!));
  } catch (err) {
    if (!(err instanceof IndexRangeError)) throw err;
  }
  return (a) => {
    try {
      const v = evaluate(derivative, { sizes: inputs.sizes, values: { ...inputs.values, ...a } }, { symbols: [...symbols, ...free] }).value;
      return typeof v === 'number' ? v : null;
    } catch (err) {
      if (err instanceof IndexRangeError) return null;
      throw err;
    }
  };
}

/**
 * The scale at which evaluating `e` rounds: `e` with every sum of terms made a sum of their
 * absolute values (`z - \log e^{z}` → `|z| + |\log e^{z}|`, 2|z| where the value is 0), and
 * functions and denominators taken at their values. Rounding errors are a few ulps of this, not of
 * the value, which cancellation may have made small.
 */
function magnitude(e: Expr): Expr {
  const abs = (x: Expr) => call('abs', [x]);
  switch (e.kind) {
    case 'add': return add(e.terms.map((t) => abs(magnitude(t))));
    case 'neg': return magnitude(e.arg);
    case 'mul': return mul(e.factors.map(magnitude));
    case 'div': return div(magnitude(e.num), abs(e.den));
    case 'pow': return pow(magnitude(e.base), e.exp);
    case 'reduce': return e.op === 'sum' ? reduce('sum', e.index, abs(magnitude(e.body)), e.lower, e.upper) : mapChildren(e, magnitude);
    case 'num': case 'var': case 'delta': case 'extent': case 'index': case 'call': case 'diff': case 'rel': case 'iverson':
      return e;
    default: return assertNever(e);
  }
}

/** `magnitude(e)` evaluated like `e`, or null where it cannot be (a read out of range somewhere). */
function magnitudeValue(e: Expr, inputs: Required<Inputs>, options: { free?: readonly string[]; symbols?: readonly string[] }): number | NestedArray | null {
  try {
    return evaluate(magnitude(e), inputs, options).value;
  } catch (err) {
    if (err instanceof IndexRangeError) return null;
    throw err;
  }
}

/**
 * The slope of f (a tensor over `fFree`) in the element of input `name` at
 * `address` (1-based), or null when that element does not exist.
 */
function centralDifference(
  f: Expr, fFree: readonly string[], name: string, address: readonly number[], inputs: Required<Inputs>, fScale: number | NestedArray | null, scale = 1,
): Difference | null {
  const base = inputs.values[name];
  const x = address.length === 0 ? base : entry(base, address);
  if (typeof x !== 'number') return null;
  const h = 1e-5 * scale * Math.max(1, Math.abs(x));
  const moved = (v: number) => {
    const value = address.length === 0 ? v : replaced(base as NestedArray, address, v);
    return evaluate(f, { sizes: inputs.sizes, values: { ...inputs.values, [name]: value } }, { free: fFree }).value;
  };
  // Divide by the step actually taken, after rounding of x ± h.
  const step = (x + h) - (x - h);
  const plus = moved(x + h);
  const minus = moved(x - h);
  // Rounding in f itself limits what the difference can resolve: a few ulps of f's magnitude (f's
  // value where that is larger), divided by the step.
  const bigger = fScale === null ? plus : zipWith(plus, fScale, (p, s) => Math.max(Math.abs(p), Math.abs(s)));
  return {
    slope: zipWith(plus, minus, (p, m) => (p - m) / step),
    noise: zipWith(bigger, minus, (p, m) => (ROUNDING_ULPS * Number.EPSILON * Math.max(Math.abs(p), Math.abs(m))) / step),
  };
}

interface Difference {
  readonly slope: number | NestedArray;
  /** The part of the slope that rounding in f can account for. */
  readonly noise: number | NestedArray;
}

/**
 * Richardson's extrapolation of central differences, (4 D(h/2) - D(h)) / 3,
 * at shrinking steps: its error is O(h⁴) instead of O(h²), and smaller steps
 * resolve fast oscillation (cos(2048/x)). A point that fails the plain
 * difference is checked again with these; it passes if one of them agrees
 * (one at a smaller step only where it resolves the tolerance).
 */
function refinedDifferences(
  f: Expr, fFree: readonly string[], name: string, address: readonly number[], inputs: Required<Inputs>, fScale: number | NestedArray | null,
): Difference[] {
  const out: Difference[] = [];
  for (const scale of [1, 1 / 16, 1 / 256]) {
    const coarse = centralDifference(f, fFree, name, address, inputs, fScale, scale);
    const fine = centralDifference(f, fFree, name, address, inputs, fScale, scale / 2);
    if (coarse === null || fine === null) break;
    out.push({
      slope: zipWith(fine.slope, coarse.slope, (a, b) => (4 * a - b) / 3),
      noise: zipWith(fine.noise, coarse.noise, (a, b) => (4 * a + b) / 3),
    });
  }
  // Truncation left in each extrapolation: twice how far the next, finer one lies from it. Where the
  // derivative is exactly 0 (∂/∂x_k of x_k² at x_k = 0) this is all that separates the estimates
  // from it, and it shrinks as h⁴ does.
  return out.map((d, n) => {
    const next = out[n + 1];
    if (next === undefined) return d;
    return { slope: d.slope, noise: zipWith(zipWith(d.slope, next.slope, (a, b) => 2 * Math.abs(a - b)), d.noise, (t, r) => t + r) };
  });
}

/** The entry of a nested value at 1-based `pos`, or undefined when there is none. */
function entry(v: InputValue | NestedArray | undefined, pos: readonly number[]): number | undefined {
  let x: unknown = v;
  for (const i of pos) {
    if (!Array.isArray(x) || i < 1 || i > x.length) return undefined;
    x = x[i - 1];
  }
  return typeof x === 'number' ? x : undefined;
}

/** The entry at `pos` of a tensor value evaluated over those very indices (so it exists). */
function at(v: number | NestedArray, pos: readonly number[]): number {
  const x = entry(v, pos);
  if (x === undefined) throw new Error(`internal: no entry at [${pos.join(', ')}]`);
  return x;
}

/** A copy of `v` with the entry at 1-based `pos` set to `x`. */
function replaced(v: NestedArray, pos: readonly number[], x: number): NestedArray {
  const [first, ...rest] = pos;
  return v.map((y, i) => (i === first! - 1 ? (rest.length === 0 ? x : replaced(y as NestedArray, rest, x)) : y));
}

function zipWith(a: number | NestedArray, b: number | NestedArray, op: (x: number, y: number) => number): number | NestedArray {
  if (typeof a === 'number') return op(a, b as number);
  return a.map((x, i) => zipWith(x, (b as NestedArray)[i]!, op));
}

/** Call `visit` for every assignment (1-based) of `names` over `shape`, in row-major order. */
function forEachAssignment(names: readonly string[], shape: readonly number[], visit: (assignment: Record<string, number>) => void): void {
  const idx = names.map(() => 1);
  const total = shape.reduce((p, n) => p * n, 1);
  for (let c = 0; c < total; c++) {
    const assignment: Record<string, number> = {};
    names.forEach((n, d) => (assignment[n] = idx[d]!));
    visit(assignment);
    for (let d = names.length - 1; d >= 0; d--) {
      if (++idx[d]! <= shape[d]!) break;
      idx[d] = 1;
    }
  }
}

/** Variables under a log, a square root or a fractional power: they get positive random values, so the check stays in the domain. */
export function inputsUnderRoots(e: Expr): string[] {
  const names = new Set<string>();
  const collect = (x: Expr, inside: boolean): void => {
    if (x.kind === 'var' && inside) names.add(inputKey(x));
    const domainLimited = (x.kind === 'call' && (x.fn === 'log' || x.fn === 'log2' || x.fn === 'log10' || x.fn === 'sqrt'))
      || (x.kind === 'pow' && !(x.exp.kind === 'num' && Number.isInteger(x.exp.value)));
    if (x.kind === 'pow') {
      collect(x.base, inside || domainLimited);
      collect(x.exp, inside);
      return;
    }
    for (const c of children(x)) collect(c, inside || domainLimited);
  };
  collect(e, false);
  return [...names];
}

/**
 * Fixed inputs under which the assumptions hold, for the assumptions a check
 * can construct: `Σ_k t_k = c` (a sum of one vector over its index equal to a
 * number), as softmax targets satisfy. Random positive entries are scaled to
 * sum to c. Returns null when some assumption is of another form (then a check
 * at random points cannot trust a result simplified with it).
 */
export function inputsSatisfying(assumptions: readonly Expr[], seed = 7): Partial<Inputs> | null {
  const random = prng(seed);
  const sizes: Record<string, number> = {};
  const values: Record<string, InputValue> = {};
  for (const a of assumptions) {
    const lhs = isEquation(a) ? a.args[0] : null;
    const rhs = a.kind === 'rel' ? a.args[1]! : null;
    if (lhs === null || rhs === null || !isReduction(lhs, 'sum') || rhs.kind !== 'num' || lhs.lower !== null || lhs.upper !== null) return null;
    const body = lhs.body;
    const index = lhs.index;
    if (body.kind !== 'var' || body.indices.length !== 1 || indexKey(body.indices[0]!) !== index || inputKey(body) in values) return null;
    const n = sizes[baseLetter(index)] ?? 3;
    sizes[baseLetter(index)] = n;
    const raw = Array.from({ length: n }, () => 0.2 + random());
    const total = raw.reduce((s, x) => s + x, 0);
    values[inputKey(body)] = raw.map((x) => (x / total) * rhs.value);
  }
  return { sizes, values };
}
