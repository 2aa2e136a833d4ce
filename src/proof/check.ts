// Checking a proof step by step, numerically and independently of the rules.
//
// For every step: (1) it starts where the previous one ended, (2) its `after`
// is its `before` with `focus` replaced by `replacement`, (3) `before` and
// `after` evaluate equal at random inputs, at every assignment of their free
// indices over small ranges, and so do `focus` and `replacement`.
//
// Running expressions still hold unevaluated `∂` nodes. They are evaluated
// by central differences of their body (the route that does not use the
// differentiator: a wrong rule cannot vouch for itself). Each outermost `∂`
// node becomes a fresh input array over its free indices, filled by moving the
// addressed element of the variable by ±h and re-evaluating the body (whose
// own `∂` nodes are handled the same way, at the moved inputs).

import { children, type Expr, indexAt, inum, ivar, mapChildren, type Var, variable } from '../core/ast.js';
import { randomInputs } from '../check.js';
import { type Definition, type DefinitionTable, unfoldAll } from '../definitions.js';
import { evaluate, type Inputs, type InputValue, type NestedArray } from '../evaluate.js';
import { internalName } from '../core/fresh.js';
import { freeIndices, substituteIndex } from '../core/indices.js';
import { inputKey } from '../core/names.js';
import { containsDiff } from '../derive/index.js';
import { slotRanges } from '../core/extents.js';
import { EvaluationError, IndexRangeError } from '../values.js';
import { isPlaced } from './locate.js';
import { chains, equationOf, lhsOf, type Proof } from './select.js';
import type { RuleId, Step } from '../core/steps.js';

export interface CheckStepsOptions {
  /** Definitions the expressions refer to (the defined `E`, `o`): unfolded before evaluating. */
  readonly definitions?: readonly Definition[] | DefinitionTable;
  /** Index sizes to use (others at random: 2–3, then 1, then 4–5, one trial each). */
  readonly sizes?: Readonly<Record<string, number>>;
  /** Inputs that must be positive (arguments of log, sqrt). */
  readonly positive?: readonly string[];
  /** Fixed input values (e.g. targets that satisfy an assumption `Σ_k t_k = 1`); the rest are random. */
  readonly values?: Readonly<Record<string, InputValue>>;
  readonly seed?: number;
  /** Independent random draws (default 3, one per size range). */
  readonly trials?: number;
  /** Allowed |a - b| / max(1, |a|, |b|); default 1e-6, or 1e-4 where `∂` nodes are nested (differences of differences). */
  readonly tolerance?: number;
}

export interface StepCheck {
  /** 0-based position in `proof.steps`. */
  readonly index: number;
  readonly rule: RuleId;
  /** `before` is the previous step's `after` (for the first step: always true). */
  readonly chained: boolean;
  /** `after` is `before` with the focus (every occurrence, or one) replaced by `replacement`. */
  readonly placed: boolean;
  /** `before` ≈ `after` at every point. */
  readonly equal: boolean;
  /** `focus` ≈ `replacement` at every point. */
  readonly local: boolean;
  /** Largest relative difference seen between `before` and `after`. */
  readonly maxError: number;
  /** Points compared for `before` = `after`. */
  readonly checked: number;
  readonly ok: boolean;
  /** What went wrong, in words. */
  readonly problems: readonly string[];
}

export interface ProofCheck {
  readonly ok: boolean;
  readonly steps: readonly StepCheck[];
  /** The goal's left side ≈ the first expression, and the last expression ≈ the result. */
  readonly endsOk: boolean;
  readonly problems: readonly string[];
}

const DEFAULT_TOLERANCE = 1e-6;
/** The index sizes of each trial (`sizes` overrides them). */
const STEP_SIZES: readonly (readonly [number, number])[] = [[2, 3], [1, 1], [4, 5]];
const NESTED_TOLERANCE = 1e-4;

export function checkSteps(proof: Proof, options: CheckStepsOptions = {}): ProofCheck {
  const defs = options.definitions;
  const open = (e: Expr) => (defs === undefined ? e : unfoldAll(e, defs));
  const exprs = [proof.goal, proof.result, ...proof.steps.flatMap((s) => [s.before, s.after, s.focus, s.replacement])].map(open);
  const trials = options.trials ?? STEP_SIZES.length;
  // Ranges of one element, and longer ones, besides the usual 2–3: a rule wrong only at a size.
  const inputs = Array.from({ length: trials }, (_, t) => randomInputs(exprs, {
    seed: (options.seed ?? 1) * 104729 + t, sizes: options.sizes, positive: options.positive, values: options.values,
    sizeRange: STEP_SIZES[t % STEP_SIZES.length],
  }));

  // Symbols that bounds declare as a slot's extent (`N` in `\sum_{n=1}^{N} p_n`) are that extent, not indices to vary.
  const fixed = new Set(slotRanges(exprs).declared.values());
  const compare = (a: Expr, b: Expr, local = false): Comparison => compareAll(open(a), open(b), inputs, options.tolerance, local, fixed);

  // A chain other than the last must be a sub-derivation that a later step uses: its focus
  // is the chain's start and its replacement the chain's end (as `subst.back` does).
  const parts = chains(proof.steps);
  const lemmaUsed = (c: readonly Step[]): boolean => {
    const after = proof.steps.slice(proof.steps.indexOf(c[c.length - 1]!) + 1);
    return after.some((t) => t.focus === c[0]!.before && t.replacement === c[c.length - 1]!.after);
  };
  const startsChain = new Map(parts.slice(1).map((c, i) => [c[0]!, lemmaUsed(parts[i]!)]));

  const steps = proof.steps.map((s, index): StepCheck => {
    const problems: string[] = [];
    const chained = startsChain.get(s) ?? true;
    if (!chained) problems.push('does not start where the previous step ended, and the steps before are not a sub-derivation used later');
    const placed = isPlaced(s.before, s.after, s.focus, s.replacement);
    if (!placed) problems.push('`after` is not `before` with the focus replaced by the replacement');
    const whole = compare(s.before, s.after);
    if (!whole.equal) problems.push(`before and after differ: ${whole.problem}`);
    const local = compare(s.focus, s.replacement, true);
    if (!local.equal) problems.push(`focus and replacement differ: ${local.problem}`);
    return {
      index, rule: s.rule, chained, placed, equal: whole.equal, local: local.equal, maxError: whole.maxError,
      checked: whole.checked, ok: problems.length === 0, problems,
    };
  });

  const problems: string[] = [];
  const main = parts[parts.length - 1] ?? [];
  const first = main[0]?.before ?? proof.result;
  const last = main[main.length - 1]?.after ?? proof.result;
  // An equation `lhs = …` as running expression names its left side rather than claiming it.
  const start = first === proof.goal || equationOf(first, lhsOf(proof.goal)) ? null : compare(lhsOf(proof.goal), first);
  if (start !== null && !start.equal) problems.push(`the goal and the first expression differ: ${start.problem}`);
  const end = last === proof.result ? null : compare(last, proof.result);
  if (end !== null && !end.equal) problems.push(`the last expression and the result differ: ${end.problem}`);
  const endsOk = problems.length === 0;
  return { ok: endsOk && steps.every((s) => s.ok), steps, endsOk, problems };
}


// ---------------------------------------------------------------------------
// Numeric comparison

interface Comparison {
  readonly equal: boolean;
  readonly maxError: number;
  readonly checked: number;
  readonly problem: string;
}

function nestedDiffs(e: Expr, inDiff = false): boolean {
  if (e.kind === 'diff' && inDiff) return true;
  return children(e).some((c) => nestedDiffs(c, inDiff || e.kind === 'diff'));
}

/**
 * `local`: `a` and `b` are subterms (a focus and its replacement), which may
 * sit under a bounded sum or a guard, so they need not have a value at every
 * assignment of their free indices: points where either side has none are
 * skipped. The whole expressions around them are compared strictly.
 */
function compareAll(
  a: Expr, b: Expr, inputs: readonly Required<Inputs>[], tolerance: number | undefined, local: boolean, fixed: ReadonlySet<string>,
): Comparison {
  // Relations compare side by side (their 0/1 truth value would hide any difference).
  if (a.kind === 'rel' && b.kind === 'rel' && a.ops.join() === b.ops.join() && a.args.length === b.args.length) {
    const sides = a.args.flatMap((x, i) => (x === b.args[i] ? [] : [compareAll(x, b.args[i]!, inputs, tolerance, local, fixed)]));
    const failed = sides.find((c) => !c.equal);
    if (failed !== undefined) return failed;
    return { equal: true, maxError: Math.max(0, ...sides.map((c) => c.maxError)), checked: sides.reduce((n, c) => n + c.checked, 0), problem: '' };
  }
  const tol = tolerance ?? (nestedDiffs(a) || nestedDiffs(b) ? NESTED_TOLERANCE : DEFAULT_TOLERANCE);
  const free = [...new Set([...freeOf(a, fixed), ...freeOf(b, fixed)])].sort();
  let maxError = 0;
  let checked = 0;
  for (const [trial, input] of inputs.entries()) {
    let va: number[];
    let vb: number[];
    try {
      va = numeric(a, input, free, fixed, local);
      vb = numeric(b, input, free, fixed, local);
    } catch (err) {
      if (!(err instanceof EvaluationError)) throw err;
      return { equal: false, maxError: Infinity, checked, problem: `cannot evaluate (${err.message})` };
    }
    for (let p = 0; p < va.length; p++) {
      const x = va[p]!;
      const y = vb[p]!;
      // Outside the domain or at a pole (σ = 0 over a one-value range) on both sides, or for subterms on
      // either: no evidence either way. A whole side infinite where the other is finite is a difference.
      if (local ? !Number.isFinite(x) || !Number.isFinite(y) : !Number.isFinite(x) && !Number.isFinite(y)) continue;
      const error = Math.abs(x - y) / Math.max(1, Math.abs(x), Math.abs(y));
      checked++;
      if (!(error <= tol)) {
        const at = pointName(free, input.sizes, p);
        return { equal: false, maxError: Number.isNaN(error) ? Infinity : Math.max(maxError, error), checked, problem: `${x} ≠ ${y}${at} (trial ${trial + 1})` };
      }
      maxError = Math.max(maxError, error);
    }
  }
  if (checked === 0) return { equal: false, maxError, checked, problem: 'no point where both sides have a value' };
  return { equal: true, maxError, checked, problem: '' };
}

/** ` at j=2, k=1` for the `p`-th assignment, row-major over `free`. */
function pointName(free: readonly string[], sizes: Readonly<Record<string, number>>, p: number): string {
  if (free.length === 0) return '';
  const values: string[] = [];
  let rest = p;
  for (let d = free.length - 1; d >= 0; d--) {
    const n = sizes[free[d]!]!;
    values.unshift(`${free[d]}=${(rest % n) + 1}`);
    rest = Math.floor(rest / n);
  }
  return ` at ${values.join(', ')}`;
}

function flatten(v: number | NestedArray, into: number[] = []): number[] {
  if (typeof v === 'number') into.push(v);
  else for (const x of v) flatten(x, into);
  return into;
}

/**
 * The value of `e` (which may hold `∂` nodes) at every assignment of `free`,
 * row-major. `lenient`: a point where an input is read out of its range is
 * NaN instead of an error. That is right for subterms only (the body of a `∂`,
 * a focus): their free indices may include the index of an enclosing bounded
 * sum (`Σ_{i=1}^{n-1} ∂(x_{i+1} - x_i)²/∂x_k`), which reads them only inside
 * the bounds; the whole expression must have a value at every point.
 */
/** Free indices of `e` but the fixed symbols, sorted. */
const freeOf = (e: Expr, fixed: ReadonlySet<string>) => [...freeIndices(e)].filter((n) => !fixed.has(n)).sort();

function numeric(e: Expr, inputs: Required<Inputs>, free: readonly string[], fixed: ReadonlySet<string>, lenient = false): number[] {
  const values: Record<string, InputValue> = { ...inputs.values };
  let fresh = 0;
  const memo = new Map<Expr, Expr>();
  const walk = (x: Expr): Expr => {
    const done = memo.get(x);
    if (done !== undefined) return done;
    let out: Expr;
    if (x.kind === 'diff') {
      const dFree = freeOf(x, fixed);
      const name = internalName('slope', fresh++);
      values[name] = slopeTensor(x.body, x.wrt, dFree, inputs, fixed);
      out = variable(name, dFree.map((n) => ivar(n)));
    } else {
      out = mapChildren(x, walk);
    }
    memo.set(x, out);
    return out;
  };
  const plain = walk(e);
  const at = (x: Expr, names: readonly string[]) => flatten(evaluate(x, { sizes: inputs.sizes, values }, { free: names }).value);
  try {
    return at(plain, free);
  } catch (err) {
    if (!(err instanceof IndexRangeError)) throw err;
  }
  // Point by point, each free index fixed to its value: a subterm may be undefined at some points only.
  const out: number[] = [];
  const point = (x: Expr, d: number): void => {
    if (d === free.length) {
      try {
        out.push(at(x, [])[0]!);
      } catch (err) {
        if (lenient && err instanceof IndexRangeError) out.push(NaN);
        else throw err;
      }
      return;
    }
    const n = inputs.sizes[free[d]!]!;
    for (let v = 1; v <= n; v++) point(substituteIndex(x, free[d]!, inum(v)), d + 1);
  };
  point(plain, 0);
  return out;
}

/** ∂body/∂wrt as a nested array over `dFree` (sorted), by central differences. */
function slopeTensor(body: Expr, wrt: Var, dFree: readonly string[], inputs: Required<Inputs>, fixed: ReadonlySet<string>): NestedArray | number {
  const bodyFree = freeOf(body, fixed);
  const base = inputs.values[inputKey(wrt)];
  const nested = containsDiff(body);
  const slopes = new Map<string, number[] | null>();
  const slopeAt = (address: number[]): number[] | null => {
    const key = address.join(',');
    const hit = slopes.get(key);
    if (hit !== undefined) return hit;
    let result: number[] | null = null;
    const x = base === undefined ? undefined : entry(base, address);
    if (x !== undefined) {
      const h = (nested ? 1e-3 : 1e-5) * Math.max(1, Math.abs(x));
      const at = (v: number) => numeric(body, { sizes: inputs.sizes, values: { ...inputs.values, [inputKey(wrt)]: withEntry(base!, address, v) } }, bodyFree, fixed, true);
      const step = (x + h) - (x - h);
      const plus = at(x + h);
      const minus = at(x - h);
      result = plus.map((p, i) => (p - minus[i]!) / step);
    }
    slopes.set(key, result);
    return result;
  };
  const env = new Map<string, number>();
  const build = (d: number): NestedArray | number => {
    if (d === dFree.length) {
      const address = wrt.indices.map((i) => indexAt(i, (n) => env.get(n)!));
      const slope = slopeAt(address);
      if (slope === null) return 0; // the variable has no such element: nothing depends on it
      let flat = 0;
      for (const n of bodyFree) flat = flat * inputs.sizes[n]! + (env.get(n)! - 1);
      return slope[flat]!;
    }
    const n = inputs.sizes[dFree[d]!];
    if (n === undefined) throw new Error(`no size for index '${dFree[d]}'`);
    const out: (NestedArray | number)[] = [];
    for (let v = 1; v <= n; v++) {
      env.set(dFree[d]!, v);
      out.push(build(d + 1));
    }
    return out;
  };
  return build(0);
}

/** The entry of an input at a 1-based address, or undefined when out of range. */
function entry(v: InputValue, address: readonly number[]): number | undefined {
  let x: unknown = v instanceof Float64Array ? Array.from(v) : v;
  for (const i of address) {
    if (!Array.isArray(x) || i < 1 || i > x.length) return undefined;
    x = x[i - 1];
  }
  return typeof x === 'number' ? x : undefined;
}

function withEntry(v: InputValue, address: readonly number[], value: number): InputValue {
  if (address.length === 0) return value;
  const arr = (v instanceof Float64Array ? Array.from(v) : v) as NestedArray;
  const [first, ...rest] = address;
  return arr.map((y, i) => (i === first! - 1 ? withEntry(y as InputValue, rest, value) : y)) as NestedArray;
}
