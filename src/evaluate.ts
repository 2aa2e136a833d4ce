// The reference interpreter: the meaning of an expression, in numbers.
//
// Deliberately plain — a recursive walk with an environment of index values —
// because it is the oracle the compiler and the finite-difference checker are
// tested against. One concession to speed: a reduction's value depends only
// on its free indices, so it is memoised on them. σ(Σ_j w_{jk} o_j) inside a
// (j, k) result is then summed once per k, not once per (j, k).
//
// An Iverson bracket or a δ that is 0 makes its product 0 whatever the other
// factors are (Knuth's strong zero): `[2 \le k] x_{k-1}` is 0 at k = 1 although
// x_0 does not exist. The simplifier relies on it when it turns a sum's bounds
// into brackets, so a product's brackets are evaluated first and the other
// factors only where every one of them is 1.

import { assertNever, type Expr, type Index, type Reduce, type RelOp } from './core/ast.js';
import { REDUCTIONS } from './core/reductions.js';
import { within } from './core/source.js';
import { functionSpec } from './functions.js';
import { stableForm } from './stable.js';
import { freeIndices } from './core/indices.js';
import { indexText } from './print/atoms.js';
import { readKey } from './core/names.js';
import {
  type Array64, bind, type Binding, checkElements, EvaluationError, IndexRangeError, type Inputs, type NestedArray, signature, type Signature, specKey,
} from './values.js';

export { EvaluationError, IndexRangeError } from './values.js';
export type { Inputs, InputValue, NestedArray } from './values.js';

export interface Tensor {
  /** The free indices, in the order of the dimensions of `value`. */
  readonly free: readonly string[];
  readonly shape: readonly number[];
  /** A number for a scalar result, otherwise nested arrays, row-major over `free`. */
  readonly value: number | NestedArray;
}

export interface EvaluateOptions {
  /** Output index order (default: the free indices, alphabetically). May add indices the value does not depend on. */
  readonly free?: readonly string[];
  /** Names to read as size symbols (constants from `values` or `sizes`) wherever they occur. */
  readonly symbols?: readonly string[];
  /** Refuse an evaluation touching more elements than this (default `MAX_ELEMENTS`, 10^8; see values.ts). */
  readonly maxElements?: number;
}

/** Evaluate `expr` at every assignment of its free indices. */
export function evaluate(written: Expr, inputs: Inputs, options: EvaluateOptions = {}): Tensor {
  return within([written], () => evaluateAt(written, inputs, options));
}

function evaluateAt(written: Expr, inputs: Inputs, options: EvaluateOptions): Tensor {
  // Computed in stable forms (src/stable.ts): what the formula says, without overflow or cancellation.
  const expr = stableForm(written);
  const sig = signature(expr, options.free, options.symbols);
  const binding = bind(sig, inputs);
  checkElements([expr], [sig.free], binding, options.maxElements);
  const interp = new Interpreter(sig, binding);
  const shape = sig.free.map((n) => interp.extent(n));
  const fill = (d: number): number | NestedArray => {
    if (d === sig.free.length) return interp.eval(expr);
    const name = sig.free[d]!;
    const out: (number | NestedArray)[] = [];
    for (let i = 1; i <= shape[d]!; i++) {
      interp.env.set(name, i);
      out.push(fill(d + 1));
    }
    interp.env.delete(name);
    return out;
  };
  return { free: sig.free, shape, value: fill(0) };
}

/** A factor that is 0 or 1 and, when 0, makes its product 0 without the other factors: `[cond]`, `δ_{ab}`. */
export function isGuard(e: Expr): boolean {
  return e.kind === 'iverson' || e.kind === 'delta';
}

/** Evaluate a relation chain `a op b op c`: every link must hold. */
export function holds(ops: readonly RelOp[], values: readonly number[]): boolean {
  return ops.every((op, i) => compare(op, values[i]!, values[i + 1]!));
}

function compare(op: RelOp, a: number, b: number): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    default: return assertNever(op);
  }
}

class Interpreter {
  /** Current value (1-based) of every index in scope, and of every size symbol. */
  readonly env = new Map<string, number>();
  private readonly arrays = new Map<string, number | Array64>();
  private readonly memo = new Map<number, Map<string, number>>();

  constructor(sig: Signature, private readonly binding: Binding) {
    sig.inputs.forEach((spec, at) => this.arrays.set(specKey(spec), binding.inputs[at]!));
    for (const [n, v] of binding.symbols) this.env.set(n, v);
  }

  extent(name: string): number {
    const n = this.binding.sizes.get(name);
    if (n === undefined) throw new EvaluationError(`size of index '${name}' is unknown: give sizes.${name} or an array indexed by ${name}`);
    return n;
  }

  index(i: Index): number {
    if (i.kind === 'inum') return i.value;
    if (i.kind === 'ivar') return this.variable(i.name) + i.offset;
    let value = i.offset;
    for (const t of i.terms) value += t.coef * this.variable(t.name);
    return value;
  }

  private variable(name: string): number {
    const v = this.env.get(name);
    if (v === undefined) throw new EvaluationError(`index '${name}' has no value here (neither a free index nor bound by a sum)`);
    return v;
  }

  eval(e: Expr): number {
    switch (e.kind) {
      case 'num': return e.value;
      case 'var': return this.read(readKey(e), e.indices);
      case 'add': {
        if (e.terms.length === 0) return 0;
        let s = this.eval(e.terms[0]!);
        for (let t = 1; t < e.terms.length; t++) s += this.eval(e.terms[t]!);
        return s;
      }
      case 'mul': {
        // Every guard first (the compiled code computes them all), then the rest only if none is 0.
        let guards = 1;
        for (const f of e.factors) if (isGuard(f)) guards *= this.eval(f);
        if (guards === 0) return 0;
        let p = 1;
        for (const f of e.factors) if (!isGuard(f)) p *= this.eval(f);
        return p;
      }
      case 'neg': return -this.eval(e.arg);
      case 'div': return this.eval(e.num) / this.eval(e.den);
      case 'pow': return Math.pow(this.eval(e.base), this.eval(e.exp));
      case 'call': {
        const spec = functionSpec(e.fn, e);
        if (spec.partials !== undefined) return spec.eval(...e.args.map((a) => this.eval(a)));
        if (e.args.length !== 1) throw new EvaluationError(`${e.fn} takes one argument, got ${e.args.length}`, e);
        return spec.eval(this.eval(e.args[0]!));
      }
      case 'reduce': return this.reduce(e);
      case 'delta': return this.index(e.a) === this.index(e.b) ? 1 : 0;
      case 'diff': throw new EvaluationError('cannot evaluate an unevaluated derivative: differentiate first', e);
      case 'rel': return holds(e.ops, e.args.map((a) => this.eval(a))) ? 1 : 0;
      case 'iverson': return this.eval(e.cond);
      case 'extent': return this.extent(e.index);
      case 'index': return this.index(e.index);
      default: return assertNever(e);
    }
  }

  private read(name: string, indices: readonly Index[]): number {
    const v = this.arrays.get(name)!;
    if (typeof v === 'number') return v;
    let flat = 0;
    for (let s = 0; s < indices.length; s++) {
      const i = this.index(indices[s]!);
      const n = v.shape[s]!;
      if (!(i >= 1 && i <= n)) {
        const ix = indices[s]!;
        const written = ix.kind === 'inum' ? `${i}` : `${indexText(ix)} = ${i}`;
        throw new IndexRangeError(`index ${written} of '${name}' (slot ${s + 1}) is out of range 1..${n}`, { input: name, slot: s, value: i });
      }
      flat = flat * n + (i - 1);
    }
    return v.data[flat]!;
  }

  /** The operator's `combine` over the index's range, from its identity (an empty range gives the identity). */
  private reduce(e: Reduce): number {
    const names = [...freeIndices(e)];
    const key = names.map((n) => this.env.get(n)).join(',');
    let table = this.memo.get(e.id);
    if (table === undefined) this.memo.set(e.id, (table = new Map()));
    const hit = table.get(key);
    if (hit !== undefined) return hit;
    const lo = e.lower === null ? 1 : this.index(e.lower);
    const hi = e.upper === null ? this.extent(e.index) : this.index(e.upper);
    const { identity, combine } = REDUCTIONS[e.op];
    const outer = this.env.get(e.index);
    let acc = identity;
    for (let i = lo; i <= hi; i++) {
      this.env.set(e.index, i);
      acc = combine(acc, this.eval(e.body));
    }
    if (outer === undefined) this.env.delete(e.index);
    else this.env.set(e.index, outer);
    table.set(key, acc);
    return acc;
  }
}
