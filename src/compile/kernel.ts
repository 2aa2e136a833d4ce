// Scheduling and JS emission: Expr → the source of one kernel function.
//
// Every subexpression is computed in the loop nest of its own free indices.
// Code is generated into a stack of levels — level 0 runs once, level d runs
// inside the d-th enclosing loop — and each subexpression goes to the
// outermost level where all its free indices are bound (loop-invariant code
// motion), as a `const` that later uses share (CSE: nodes are hash-consed, so
// the memo is keyed by node id). When that level still sits inside a loop the
// subexpression does not depend on (σ(Σ_j w_{jk} o_j) inside the (j, k) nest,
// with j outer), an expensive subexpression is instead *materialised*: computed
// once per value of its own indices into a Float64Array in the kernel's
// prologue, and read from there. A product is first split by free indices,
// so the k-only factors of -2(t_k - y_k)σ(z_k)(1-σ(z_k))o_j become one array
// c_k and the (j, k) loop is a single multiplication, as in hand-written code.
//
// Sharing goes beyond node identity. Memo keys are α-canonical forms
// (src/core/alpha.ts), blind to the names of bound indices: Σ_j w_{jk} o_j and
// Σ_{j'} w_{j'k} o_{j'}, which differentiation creates, are one key, and so is
// Σ_i w_{ik} o_i (letters that address one slot have its one size: values.ts
// checks that). Unlike the simplifier's comparison form, keys do not sort
// operands: its string keys cost time in the printed tree's size, not the
// DAG's, and a sum shared up to reordering would be added up in another order
// than it is written. A materialised array is keyed with its own free indices
// replaced by their positions, so σ(Σ_i w_{ij} x_i) computed per j is read
// back as σ(Σ_i w_{ij'} x_i) inside Σ_{j'}. A reduction-bearing subexpression
// that occurs under two such names, or in two outputs of one kernel, is
// materialised at its first use. That is what makes the hidden-layer gradient
// of a two-layer network O(I·J + J·K): the hidden activations are computed
// once, for the forward sums and for the backward factors alike.
//
// Guards: an Iverson bracket or a δ that is 0 makes its product 0 whatever
// the other factors are (a strong zero, as in the interpreter), so a product
// with guards computes its other factors inside `if (guards)`. That block
// counts as a loop that may not run: a range-checked read never leaves it, so
// `[2 ≤ k] x_{k-1}` does not read x_0 at k = 1. Guard-free parts are hoisted
// out of it as usual; products without guards (the seed gradient) are
// untouched.
//
// Loop order: arrays are row-major, so a loop reads an array at unit stride only along its
// last slot. A contraction Σ_r (product) that fills an array (materialised, or an output) is
// written with r innermost (a dot product) unless a free index is strided in fewer of the
// arrays (the destination's included): Σ_j w_{jk} o_j over k runs j outer and k inner, adding
// rows of w into a row of partial sums. That order is register-tiled: r and the free index
// outside it are unrolled by four, so one load and store of a partial sum serves four terms
// (added in r's order: the same sum, bit for bit) and one read along the row serves four rows.
//
// A reduction (Σ and every operator of src/core/reductions.ts) is a loop that
// starts its accumulator at the operator's identity and emits the operator's
// `accumulate` statement per term.
//
// Safety: the source contains only generated identifiers (x0, d0_1, n2, i3,
// t4, …), numbers formatted by `literal`, and fixed operators. Names from the
// expression never reach it; inputs arrive as positional arguments, and
// functions from the function table are passed in as values.

import { alphaCanonical } from '../core/alpha.js';
import { assertNever, children, type Expr, type Index, ivar, mul, type Reduce, type RelOp } from '../core/ast.js';
import { isGuard } from '../evaluate.js';
import { type FunctionSpec, functionSpec } from '../functions.js';
import { baseLetter, internalName } from '../core/fresh.js';
import { freeIndices, isBinder, substituteIndex } from '../core/indices.js';
import { readKey } from '../core/names.js';
import { REDUCTIONS } from '../core/reductions.js';
import { EvaluationError, type JointSignature, specKey } from '../values.js';
import { indexText } from '../print/atoms.js';

/** Where an out-of-range index was read, for the error message raised at run time. */
export interface Access {
  readonly input: string;
  readonly slot: number;
  readonly index: string;
}

export interface Kernel {
  /** Body for `new Function('fns', 'oob', body)`, which returns `{ kernel, entry }`: the kernel with positional parameters, and the same taking them packed in one array. */
  readonly body: string;
  /** Kernel parameters, in call order (see `paramsFor`). */
  readonly params: readonly string[];
  /** Functions passed as `fns`, in order (`f0`, `f1`, …). */
  readonly functions: readonly FunctionSpec[];
  /** Indexed by the first argument of `oob(access, value)`. */
  readonly accesses: readonly Access[];
}

/**
 * A number as JS source. Only the characters of `String(number)` can come
 * out (digits, `.`, `e`, `+`, `-`, `Infinity`, `NaN`); negatives are
 * parenthesised so `a - -1` stays well-formed.
 */
export function literal(v: number): string {
  if (typeof v !== 'number') throw new TypeError('literal: not a number');
  if (Number.isNaN(v)) return 'NaN';
  if (Object.is(v, -0)) return '(-0)';
  const s = String(v);
  if (!/^-?(Infinity|[0-9]+(\.[0-9]+)?(e[+-][0-9]+)?)$/.test(s)) throw new Error(`literal: unexpected form ${s}`);
  return v < 0 ? `(${s})` : s;
}

interface Level {
  readonly stmts: string[];
  /** Names of what is computed here, by memo key (`place`). */
  readonly memo: Map<number | string, string>;
  /**
   * Which unrolled copy of its loop this level is (`contract`): the copies of one loop share
   * `stmts` and `memo`, and a value is memoised with the copies of the loops it depends on.
   */
  readonly copy?: number;
  /** The index bound by this loop (null for level 0 and for a guard's block). */
  readonly index: string | null;
  /** JS expression for the index's 0-based value. */
  readonly zero: string;
  /** Runs over the whole range 1..N (a free index or an unbounded reduction), not between explicit bounds or under a guard. */
  readonly full: boolean;
}
type Nest = readonly Level[];

/** Register tile of a contraction (see `contract`): terms added per load and store of a partial sum, and rows per value read. */
const ROW_TILE = 4;
const OUTER_TILE = 4;

const OPS: Record<RelOp, string> = { '=': '===', '!=': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function indent(code: string): string {
  return code.split('\n').map((l) => (l === '' ? l : `  ${l}`)).join('\n');
}

/** Name of output `r` (and of its write position) in the kernel: `out`/`p` when there is one. */
function outName(sig: JointSignature, r: number): { out: string; pos: string } {
  return sig.outputs.length === 1 ? { out: 'out', pos: 'p' } : { out: `out${r}`, pos: `p${r}` };
}

/** The kernel parameter list: inputs, slot extents, index sizes, size symbols, outputs. */
export function paramsFor(sig: JointSignature): string[] {
  return [
    ...sig.inputs.map((_, a) => `x${a}`),
    ...sig.inputs.flatMap((spec, a) => spec.slots.map((_, s) => `d${a}_${s}`)),
    ...sig.ranged.map((_, r) => `n${r}`),
    ...sig.sizeSymbols.map((_, r) => `c${r}`),
    ...sig.outputs.map((_, r) => outName(sig, r).out),
  ];
}

/** One kernel computing every expression of `exprs` (`sig.outputs[r]` is the free-index order of output r). */
export function generateKernel(exprs: readonly Expr[], sig: JointSignature): Kernel {
  return new Emitter(sig).run(exprs);
}

class Emitter {
  private counter = 0;
  private temps = 0;
  private readonly root: Level = { stmts: [], memo: new Map(), index: null, zero: '', full: true };
  private readonly inputNo = new Map<string, number>();
  private readonly sizeParam = new Map<string, string>();
  private readonly symbolParam = new Map<string, string>();
  private readonly functions: FunctionSpec[] = [];
  private readonly accesses: Access[] = [];
  /** Materialised arrays, by `arrayKey`. */
  private readonly materialized = new Map<number, string>();
  private readonly expensiveMemo = new Map<number, boolean>();
  private readonly riskyMemo = new Map<number, boolean>();
  private readonly hasReductionMemo = new Map<number, boolean>();
  private readonly arrayKeyMemo = new Map<number, number>();
  /** Array keys of reduction-bearing subexpressions used under several index names or by several outputs. */
  private readonly shared = new Set<number>();
  /** Indices bound by bounded reductions: a plain index named so may run past its array (checked at each read). */
  private readonly boundedBinders = new Set<string>();
  /** Per level (its statements, which unrolled copies share), the row offsets computed there (`rowOffset`), by their code. */
  private readonly offsets = new WeakMap<string[], Map<string, string>>();
  /** Output index names, in the order loops over them nest: materialised arrays are laid out so. */
  private readonly rank = new Map<string, number>();

  constructor(private readonly sig: JointSignature) {
    sig.inputs.forEach((spec, a) => this.inputNo.set(specKey(spec), a));
    sig.ranged.forEach((n, r) => this.sizeParam.set(n, `n${r}`));
    sig.sizeSymbols.forEach((n, r) => this.symbolParam.set(n, `c${r}`));
    for (const n of sig.outputs.flat()) if (!this.rank.has(baseLetter(n))) this.rank.set(baseLetter(n), this.rank.size);
  }

  run(exprs: readonly Expr[]): Kernel {
    for (const e of exprs) this.collectBoundedBinders(e, new Set());
    this.findShared(exprs);
    exprs.forEach((expr, r) => {
      const { out, pos } = outName(this.sig, r);
      const dims = this.sig.outputs[r]!;
      const inner = this.rowIndex(expr, dims);
      if (inner !== null) {
        this.contract(expr as Reduce, dims, out, inner);
        return;
      }
      const nest = this.loops([this.root], dims);
      const value = this.gen(expr, nest);
      this.root.stmts.push(`let ${pos} = 0;`);
      nest[nest.length - 1]!.stmts.push(`${out}[${pos}++] = ${value};`);
      this.close(nest, 1);
    });
    const fns = this.functions.map((_, f) => `const f${f} = fns[${f}];`).join('\n');
    const params = paramsFor(this.sig);
    // `entry` takes the arguments packed in one array: a fixed-arity call V8 can inline (`apply` is slower).
    const entry = `function entry(A) {\n  kernel(${params.map((_, i) => `A[${i}]`).join(', ')});\n}`;
    const temps = this.temps > 0 ? 'const T = [];\n' : '';
    const body = `"use strict";\n${fns}${fns ? '\n' : ''}${temps}function kernel(${params.join(', ')}) {\n${indent(this.root.stmts.join('\n'))}\n}\n${entry}\nreturn { kernel, entry };`;
    return { body, params, functions: this.functions, accesses: this.accesses };
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private hasReduction(e: Expr): boolean {
    let v = this.hasReductionMemo.get(e.id);
    if (v === undefined) {
      v = e.kind === 'reduce' || children(e).some((c) => this.hasReduction(c));
      this.hasReductionMemo.set(e.id, v);
    }
    return v;
  }

  /** Memo key: equal for subexpressions that differ only in the names of their bound indices. */
  private key(e: Expr): number {
    return alphaCanonical(e).id;
  }

  /** The free indices of `e` in the order of a materialised array's dimensions. */
  private order(e: Expr): string[] {
    const rank = (n: string) => this.rank.get(baseLetter(n)) ?? this.rank.size;
    return [...freeIndices(e)].filter((n) => !this.symbolParam.has(n))
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Key of `e`'s materialised array: also blind to the names of its free indices, by position in `order`. */
  private arrayKey(e: Expr): number {
    let v = this.arrayKeyMemo.get(e.id);
    if (v === undefined) {
      let c = alphaCanonical(e);
      this.order(e).forEach((n, p) => { c = substituteIndex(c, n, ivar(internalName('kernel-free', p))); });
      v = c.id;
      this.arrayKeyMemo.set(e.id, v);
    }
    return v;
  }

  /**
   * Reduction-bearing subexpressions with free indices that are used twice with
   * different meanings: as two nodes (σ(z_j) and σ(z_{j'})), as one node
   * under different binders of its indices (a bound j shadowing the free j),
   * or by two outputs.
   */
  private findShared(exprs: readonly Expr[]): void {
    const uses = new Map<number, Set<string>>();
    exprs.forEach((expr, r) => {
      const seen = new Set<string>();
      let binderCount = 0;
      // A reduction's body is not a candidate: sharing the reduction itself saves the work without an array per term.
      const visit = (e: Expr, binders: ReadonlyMap<string, number>, candidate: boolean): void => {
        if (!this.hasReduction(e)) return;
        const order = this.order(e);
        const use = `${r}:${e.id}:${order.map((n) => binders.get(n) ?? -1).join(',')}:${candidate}`;
        if (seen.has(use)) return;
        seen.add(use);
        if (candidate && order.length > 0) {
          const key = this.arrayKey(e);
          const at = uses.get(key) ?? new Set<string>();
          uses.set(key, at.add(use));
          if (at.size === 2) this.shared.add(key);
        }
        if (isBinder(e)) visit(e.body, new Map(binders).set(e.index, binderCount++), false);
        else for (const c of children(e)) visit(c, binders, true);
      };
      visit(expr, new Map(), true);
    });
  }

  private collectBoundedBinders(e: Expr, seen: Set<number>): void {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    if (isBinder(e) && (e.lower !== null || e.upper !== null)) this.boundedBinders.add(e.index);
    if (e.kind === 'diff') throw new EvaluationError('cannot compile an unevaluated derivative: differentiate first', e);
    for (const c of children(e)) this.collectBoundedBinders(c, seen);
  }

  /** Open full-range loops over `names` below `nest` (closed later by `close`). */
  private loops(nest: Nest, names: readonly string[]): Level[] {
    const out = [...nest];
    for (const n of names) out.push({ stmts: [], memo: new Map(), index: n, zero: this.fresh('i'), full: true });
    return out;
  }

  /** Wrap levels `from`.. of `nest` (innermost first) into their loops, appending each to its parent. */
  private close(nest: Nest, from: number): void {
    for (let d = nest.length - 1; d >= from; d--) {
      const level = nest[d]!;
      const n = this.size(level.index!);
      nest[d - 1]!.stmts.push(`for (let ${level.zero} = 0; ${level.zero} < ${n}; ${level.zero}++) {\n${indent(level.stmts.join('\n'))}\n}`);
    }
  }

  private size(name: string): string {
    const p = this.sizeParam.get(name);
    if (p === undefined) throw new EvaluationError(`size of index '${name}' is needed but unknown`);
    return p;
  }

  /** Level number and 0-based JS value of the innermost binding of an index name. */
  private binding(name: string, nest: Nest): { depth: number; zero: string; full: boolean } {
    for (let d = nest.length - 1; d >= 1; d--) if (nest[d]!.index === name) return { depth: d, zero: nest[d]!.zero, full: nest[d]!.full };
    const c = this.symbolParam.get(name);
    if (c !== undefined) return { depth: 0, zero: `(${c} - 1)`, full: true };
    throw new EvaluationError(`index '${name}' has no value here (neither a free index nor bound by a sum)`);
  }

  /** 0-based JS value of an index expression. */
  private zero(i: Index, nest: Nest): string {
    if (i.kind === 'inum') return literal(i.value - 1);
    if (i.kind === 'ivar') {
      const b = this.binding(i.name, nest).zero;
      return i.offset === 0 ? b : `(${b} + ${literal(i.offset)})`;
    }
    // Σ c·v + o, 0-based: Σ c·(v - 1) + (Σ c + o - 1).
    const parts = i.terms.map((t, k) => {
      const b = this.binding(t.name, nest).zero;
      const scaled = Math.abs(t.coef) === 1 ? b : `${literal(Math.abs(t.coef))} * ${b}`;
      return `${t.coef < 0 ? ' - ' : k === 0 ? '' : ' + '}${scaled}`;
    });
    const c = i.terms.reduce((s, t) => s + t.coef, i.offset - 1);
    return `(${parts.join('')}${c === 0 ? '' : ` + ${literal(c)}`})`;
  }

  /** Contains a reduction, a call or a power: worth a temporary array rather than recomputation. */
  private expensive(e: Expr): boolean {
    let v = this.expensiveMemo.get(e.id);
    if (v === undefined) {
      v = e.kind === 'reduce' || e.kind === 'call' || e.kind === 'pow' || children(e).some((c) => this.expensive(c));
      this.expensiveMemo.set(e.id, v);
    }
    return v;
  }

  /** Reads an array element that needs a range check: it must not move out of a loop that may not run. */
  private risky(e: Expr): boolean {
    let v = this.riskyMemo.get(e.id);
    if (v === undefined) {
      v = e.kind === 'var'
        ? e.indices.some((i) => i.kind !== 'ivar' || i.offset !== 0 || this.boundedBinders.has(i.name) || this.symbolParam.has(i.name))
        : children(e).some((c) => this.risky(c));
      this.riskyMemo.set(e.id, v);
    }
    return v;
  }

  /** The outermost level of `nest` at which `e` can be computed. */
  private depthOf(e: Expr, nest: Nest): number {
    let m = 0;
    for (const n of freeIndices(e)) m = Math.max(m, this.binding(n, nest).depth);
    if (this.risky(e)) for (let d = nest.length - 1; d > m; d--) if (!nest[d]!.full) return d;
    return m;
  }

  /** JS expression for the value of `e` in `nest` (a literal, a parameter or a generated local). */
  private gen(e: Expr, nest: Nest): string {
    switch (e.kind) {
      case 'num': return literal(e.value);
      case 'extent': return this.size(e.index);
      case 'index':
        return e.index.kind === 'inum' ? literal(e.index.value) : `(${this.zero(e.index, nest)} + 1)`;
      case 'var':
        if (e.indices.length === 0) return `x${this.inputNo.get(readKey(e))!}`;
        return this.place(e, nest);
      case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'reduce': case 'delta': case 'rel':
      case 'iverson':
        return this.place(e, nest);
      case 'diff': throw new EvaluationError('cannot compile an unevaluated derivative: differentiate first', e);
      default: return assertNever(e);
    }
  }

  /** Memo key of `e` in `nest`: `key(e)`, with the copy of each unrolled loop whose index `e` depends on. */
  private copyKey(e: Expr, nest: Nest): number | string {
    let key: number | string = this.key(e);
    if (!nest.some((l) => l.copy !== undefined)) return key;
    const free = freeIndices(e);
    nest.forEach((l, d) => {
      if (l.copy !== undefined && free.has(l.index!)) key = `${key}|${d}:${l.copy}`;
    });
    return key;
  }

  /** Compute `e` once at its level (or read it from its temporary array) and name the result. */
  private place(e: Expr, nest: Nest): string {
    const m = this.depthOf(e, nest);
    const level = nest[m]!;
    const here = nest.slice(0, m + 1);
    const key = this.copyKey(e, here);
    const hit = level.memo.get(key);
    if (hit !== undefined) return hit;
    let name: string;
    const row = m > 0 && this.rowIndex(e, this.order(e)) !== null;
    if (m > 0 && this.expensive(e) && (row || this.worthAnArray(e, here)) && this.canMaterialize(e, nest)) {
      const temp = this.materialize(e);
      const order = this.order(e);
      name = this.fresh('t');
      level.stmts.push(`const ${name} = ${temp}[${this.flat(order.map((n) => this.binding(n, here).zero), order.map((n) => this.size(n)))}];`);
    } else if (e.kind === 'reduce') {
      name = this.reduce(e, here);
    } else {
      const code = this.compute(e, here);
      name = this.fresh('t');
      level.stmts.push(`const ${name} = ${code};`);
    }
    level.memo.set(key, name);
    return name;
  }

  /**
   * Computing `e` at the innermost level of `nest` would repeat it (a loop
   * there binds an index `e` does not depend on), or it is shared, or its
   * array exists already.
   */
  private worthAnArray(e: Expr, nest: Nest): boolean {
    const free = freeIndices(e);
    if (nest.some((l) => l.index !== null && !free.has(l.index))) return true;
    const key = this.arrayKey(e);
    return this.shared.has(key) || this.materialized.has(key);
  }

  /** `e` may be computed over the full ranges of its indices, ahead of everything. */
  private canMaterialize(e: Expr, nest: Nest): boolean {
    for (const n of freeIndices(e)) {
      if (!this.binding(n, nest).full || !this.sizeParam.has(n)) {
        if (!this.symbolParam.has(n)) return false;
      }
    }
    return !this.risky(e) || nest.every((l) => l.full);
  }

  /** Compute `e` for every value of its free indices into a temporary array, in the prologue; its dimensions follow `order(e)`. */
  private materialize(e: Expr): string {
    const key = this.arrayKey(e);
    const had = this.materialized.get(key);
    if (had !== undefined) return had;
    const order = this.order(e);
    const temp = this.fresh('a');
    // Temporaries persist between calls (T, outside the kernel): allocating a typed array of
    // variable length costs about a microsecond, a third of the whole seed gradient at J=100, K=10.
    const slot = this.temps++;
    const length = order.map((n) => this.size(n)).join(' * ');
    this.root.stmts.push(`let ${temp} = T[${slot}];`);
    this.root.stmts.push(`if (${temp} === undefined || ${temp}.length < ${length}) ${temp} = T[${slot}] = new Float64Array(${length});`);
    this.materialized.set(key, temp);
    const inner = this.rowIndex(e, order);
    if (inner !== null) {
      this.contract(e as Reduce, order, temp, inner);
      return temp;
    }
    const nest = this.loops([this.root], order);
    // Computed directly, not through `place`, which would find `e` worth an array again.
    const value = e.kind === 'reduce' ? this.reduce(e, nest) : this.compute(e, nest);
    const pos = this.flat(nest.slice(1).map((l) => l.zero), order.map((n) => this.size(n)));
    nest[nest.length - 1]!.stmts.push(`${temp}[${pos}] = ${value};`);
    this.close(nest, 1);
    return temp;
  }

  /**
   * The arrays a product reads, as the index names of their dimensions in memory order: inputs
   * (`w_{jk}` is `[j, k]`) and the subexpressions that will be materialised (their `order`).
   */
  private arraysRead(e: Expr, out: string[][] = []): string[][] {
    if (e.kind === 'var') {
      if (e.indices.length > 0) out.push(e.indices.map((i) => (i.kind === 'ivar' ? i.name : '')));
    } else if (e.kind === 'mul' || e.kind === 'add' || e.kind === 'neg' || e.kind === 'div') {
      for (const c of children(e)) this.arraysRead(c, out);
    } else if (this.expensive(e) && freeIndices(e).size > 0) {
      out.push(this.order(e));
    }
    return out;
  }

  /**
   * Loop order for a contraction `Σ_r body` written into an array over `dims` (row-major): the
   * free index to run innermost, or null to keep Σ_r innermost (a dot product into a register).
   * A loop's index should be the last (unit-stride) dimension of every array it moves through; a
   * free index is chosen when fewer of the arrays (the destination's included) are strided in it
   * than in r — `Σ_j w_{jk} o_j` over k reads `w` by rows with k innermost, and by columns with j.
   * Only a Σ without bounds over full-range indices qualifies, whose body reads nothing that
   * needs a range check.
   */
  private rowIndex(e: Expr, dims: readonly string[]): string | null {
    if (e.kind !== 'reduce' || e.op !== 'sum' || e.lower !== null || e.upper !== null || dims.length === 0) return null;
    if (!this.sizeParam.has(e.index) || dims.some((n) => !this.sizeParam.has(n)) || this.risky(e.body)) return null;
    if (dims.includes(e.index)) return null;
    const arrays = [...this.arraysRead(e.body), [...dims]];
    const strided = (c: string) => arrays.filter((a) => a.includes(c) && a[a.length - 1] !== c).length;
    let best: string | null = null;
    for (const n of dims) if (strided(n) < strided(best ?? e.index)) best = n;
    return best;
  }

  /**
   * `dest` (row-major over `dims`) = Σ_r body, with the free index `inner` innermost and Σ_r
   * right outside it: each step of r adds a row of terms into the destination's row of partial
   * sums (zeroed first). The loops are register-tiled: r is unrolled by ROW_TILE and the free
   * index outside it by OUTER_TILE, so that each load and store of a partial sum serves ROW_TILE
   * terms and each value read along the inner index serves OUTER_TILE rows. Terms are added in
   * r's order, so each entry is the same sum, bit for bit, as a loop over r.
   */
  private contract(e: Reduce, dims: readonly string[], dest: string, inner: string): void {
    const length = dims.map((n) => this.size(n)).join(' * ');
    this.root.stmts.push(`${dest}.fill(0, 0, ${length});`);
    const outerDims = dims.filter((n) => n !== inner);
    const tiled = outerDims.length > 0 ? outerDims[outerDims.length - 1]! : null;
    const outer = this.loops([this.root], tiled === null ? outerDims : outerDims.slice(0, -1));
    const at = outer[outer.length - 1]!;
    const [f, r, c] = [this.fresh('i'), this.fresh('i'), this.fresh('i')];
    const copy = (index: string, zero: string, u: number, stmts: string[], memo: Map<number | string, string>): Level =>
      ({ stmts, memo, index, zero: u === 0 ? zero : `(${zero} + ${u})`, full: true, copy: u });
    const sizes = dims.map((d) => this.size(d));
    const last = dims.indexOf(inner) === dims.length - 1;
    /** The destination's position in the loop over `inner` below `base`; the part fixed outside it computed once per row. */
    const position = (base: Nest): string => {
      const zeros = dims.map((d) => (d === inner ? c : this.binding(d, base).zero));
      if (!last || dims.length === 1) return this.flat(zeros, sizes);
      const row = this.fresh('o');
      base[base.length - 1]!.stmts.push(`const ${row} = ${this.times(this.flat(zeros.slice(0, -1), sizes.slice(0, -1)), sizes[sizes.length - 1]!)};`);
      return `${row} + ${c}`;
    };
    /** The loop over `inner` inside one step of r (unrolled `copies` times), for each nest of `bases`. */
    const rBody = (bases: readonly Nest[], positions: readonly string[], copies: number): string => {
      const rows: string[] = [];
      const cells: string[] = [];
      const [rowMemo, cellMemo] = [new Map(), new Map()];
      const terms = bases.map((base) => Array.from({ length: copies }, (_, u) =>
        this.gen(e.body, [...base, copy(e.index, r, u, rows, rowMemo), copy(inner, c, 0, cells, cellMemo)])));
      bases.forEach((_, v) => {
        let q = positions[v]!;
        if (/ /.test(q)) {
          q = this.fresh('q');
          cells.push(`const ${q} = ${positions[v]};`);
        }
        cells.push(`${dest}[${q}] = ${dest}[${q}] + ${terms[v]!.join(' + ')};`);
      });
      rows.push(`for (let ${c} = 0; ${c} < ${this.size(inner)}; ${c}++) {\n${indent(cells.join('\n'))}\n}`);
      return indent(rows.join('\n'));
    };
    /** The loops over r below each of `bases`; both are generated before they are placed, so what they materialise goes ahead. */
    const rLoops = (bases: readonly Nest[]): string[] => {
      const positions = bases.map(position);
      const unrolled = rBody(bases, positions, ROW_TILE);
      const rest = rBody(bases, positions, 1);
      const n = this.size(e.index);
      return [`let ${r} = 0;`, `for (; ${r} + ${ROW_TILE - 1} < ${n}; ${r} += ${ROW_TILE}) {\n${unrolled}\n}`, `for (; ${r} < ${n}; ${r}++) {\n${rest}\n}`];
    };
    if (tiled === null) {
      at.stmts.push(...rLoops([outer]));
    } else {
      const fBody = (copies: number): string => {
        const stmts: string[] = [];
        const memo = new Map();
        const bases = Array.from({ length: copies }, (_, v) => [...outer, copy(tiled, f, v, stmts, memo)]);
        stmts.push(...rLoops(bases));
        return indent(stmts.join('\n'));
      };
      const unrolled = fBody(OUTER_TILE);
      const rest = fBody(1);
      const n = this.size(tiled);
      at.stmts.push(`let ${f} = 0;`, `for (; ${f} + ${OUTER_TILE - 1} < ${n}; ${f} += ${OUTER_TILE}) {\n${unrolled}\n}`, `for (; ${f} < ${n}; ${f}++) {\n${rest}\n}`);
    }
    this.close(outer, 1);
  }

  /** Row-major position from 0-based indices and extents. */
  private flat(zeros: readonly string[], dims: readonly string[]): string {
    let pos = zeros[0]!;
    for (let s = 1; s < zeros.length; s++) pos = `${this.times(pos, dims[s]!)} + ${zeros[s]}`;
    return pos;
  }

  /** `a * b` for a JS expression `a`, parenthesised unless it is one token or one parenthesised sum. */
  private times(a: string, b: string): string {
    return `${/ /.test(a) && !/^\([^()]*\)$/.test(a) ? `(${a})` : a} * ${b}`;
  }

  /** An accumulation loop at the innermost level of `nest`, by the operator's table row; returns the accumulator. */
  private reduce(e: Reduce, nest: Nest): string {
    const { identity, accumulate } = REDUCTIONS[e.op];
    const at = nest[nest.length - 1]!;
    const lo = e.lower === null ? '0' : this.zero(e.lower, nest);
    const test = e.upper === null ? `< ${this.size(e.index)}` : `<= ${this.zero(e.upper, nest)}`;
    const acc = this.fresh('s');
    const i = this.fresh('i');
    const level: Level = { stmts: [], memo: new Map(), index: e.index, zero: i, full: e.lower === null && e.upper === null };
    const body = this.gen(e.body, [...nest, level]);
    level.stmts.push(accumulate(acc, body));
    at.stmts.push(`let ${acc} = ${literal(identity)};`);
    at.stmts.push(`for (let ${i} = ${lo}; ${i} ${test}; ${i}++) {\n${indent(level.stmts.join('\n'))}\n}`);
    return acc;
  }

  /** JS expression computing `e` from its children, at the innermost level of `nest`. */
  private compute(e: Expr, nest: Nest): string {
    const g = (c: Expr) => this.gen(c, nest);
    switch (e.kind) {
      case 'var': return this.read(readKey(e), e.indices, nest);
      case 'add': {
        // a + (-b) is written a - b: the same IEEE result, and the source reads like the formula.
        if (e.terms.length === 0) return '0';
        const parts = e.terms.map((t, n) => (n > 0 && t.kind === 'neg' ? `- ${g(t.arg)}` : `${n > 0 ? '+ ' : ''}${g(t)}`));
        return `(${parts.join(' ')})`;
      }
      case 'mul': {
        if (e.factors.some(isGuard) && !e.factors.every(isGuard)) return this.guarded(e, nest);
        const factors = this.groupFactors(e);
        return factors.length === 0 ? '1' : `(${factors.map(g).join(' * ')})`;
      }
      case 'neg': return `(-${g(e.arg)})`;
      case 'div': return `(${g(e.num)} / ${g(e.den)})`;
      case 'pow': {
        const base = g(e.base);
        return e.exp.kind === 'num' && e.exp.value === 2 ? `(${base} * ${base})` : `Math.pow(${base}, ${g(e.exp)})`;
      }
      case 'call': {
        const spec = functionSpec(e.fn, e);
        if (spec.partials === undefined && e.args.length !== 1) throw new EvaluationError(`${e.fn} takes one argument, got ${e.args.length}`, e);
        let f = this.functions.indexOf(spec);
        if (f === -1) f = this.functions.push(spec) - 1;
        return `f${f}(${e.args.map(g).join(', ')})`;
      }
      case 'delta': return `(${this.zero(e.a, nest)} === ${this.zero(e.b, nest)} ? 1 : 0)`;
      case 'rel': {
        const args = e.args.map(g);
        return `(${e.ops.map((op, k) => `${args[k]} ${OPS[op]} ${args[k + 1]}`).join(' && ')} ? 1 : 0)`;
      }
      case 'iverson': return g(e.cond);
      case 'reduce': return this.reduce(e, nest);
      case 'num': case 'extent': case 'index': case 'diff': return this.gen(e, nest);
      default: return assertNever(e);
    }
  }

  /** A product with guards: the other factors are computed in a block that runs only where every guard is 1. */
  private guarded(e: Expr & { kind: 'mul' }, nest: Nest): string {
    const at = nest[nest.length - 1]!;
    const test = e.factors.filter(isGuard).map((f) => `${this.gen(f, nest)} !== 0`).join(' && ');
    const rest = e.factors.filter((f) => !isGuard(f));
    const block: Level = { stmts: [], memo: new Map(), index: null, zero: '', full: false };
    const value = this.gen(rest.length === 1 ? rest[0]! : mul(rest), [...nest, block]);
    const result = this.fresh('g');
    block.stmts.push(`${result} = ${value};`);
    at.stmts.push(`let ${result} = 0;`);
    at.stmts.push(`if (${test}) {\n${indent(block.stmts.join('\n'))}\n}`);
    return result;
  }

  /**
   * Factors of a product, with those that depend on fewer indices than the
   * whole multiplied out first, one product per index set (constants join a
   * larger set), so each such product is hoisted or materialised as one.
   * Reassociating a product changes it by a few ulps at most.
   */
  private groupFactors(e: Expr & { kind: 'mul' }): readonly Expr[] {
    const all = freeIndices(e);
    const keyOf = (f: Expr) => [...freeIndices(f)].sort().join(',');
    const groups = new Map<string, Expr[]>();
    for (const f of e.factors) {
      if (freeIndices(f).size === all.size) continue;
      const key = keyOf(f);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const isSubset = (a: string, b: string) => a === '' || a.split(',').every((n) => b.split(',').includes(n));
    for (const key of [...groups.keys()]) {
      const bigger = [...groups.keys()].find((other) => other !== key && isSubset(key, other) && groups.has(other));
      if (bigger !== undefined) {
        groups.set(bigger, [...groups.get(key)!, ...groups.get(bigger)!]);
        groups.delete(key);
      }
    }
    const out: Expr[] = [];
    const placed = new Set<string>();
    for (const f of e.factors) {
      if (freeIndices(f).size === all.size) {
        out.push(f);
        continue;
      }
      const key = [...groups.keys()].find((k) => groups.get(k)!.includes(f))!;
      if (placed.has(key)) continue;
      placed.add(key);
      const members = groups.get(key)!;
      out.push(members.length === 1 ? members[0]! : mul(e.factors.filter((x) => members.includes(x))));
    }
    return out;
  }

  /** An array element, with a range check on every slot not known to be in range. */
  private read(name: string, indices: readonly Index[], nest: Nest): string {
    const a = this.inputNo.get(name)!;
    const spec = this.sig.inputs[a]!;
    const at = nest[nest.length - 1]!;
    let checked = false;
    const zeros = indices.map((i, s) => {
      const z = this.zero(i, nest);
      if (i.kind === 'ivar' && i.offset === 0 && this.binding(i.name, nest).full && spec.slots[s]!.includes(i.name)) return z;
      checked = true;
      const q = this.fresh('q');
      const access = this.accesses.push({ input: spec.name, slot: s, index: i.kind === 'inum' ? '' : indexText(i) }) - 1;
      at.stmts.push(`const ${q} = ${z};`);
      at.stmts.push(`if (!(${q} >= 0 && ${q} < d${a}_${s})) throw oob(${access}, ${q} + 1);`);
      return q;
    });
    const dims = spec.slots.map((_, s) => `d${a}_${s}`);
    return `x${a}[${(checked ? null : this.rowOffset(zeros, dims, indices, nest)) ?? this.flat(zeros, dims)}]`;
  }

  /**
   * A read whose last index is bound by the innermost loop and the others outside it: the row's
   * start, computed once per row at the level that fixes it (`x[i * d + j]` is `x[o + j]` inside
   * the loop over j), since V8 does not move the multiplication out of the loop. Only for reads
   * without range checks (every index plain). Null otherwise.
   */
  private rowOffset(zeros: readonly string[], dims: readonly string[], indices: readonly Index[], nest: Nest): string | null {
    if (zeros.length < 2) return null;
    const inner = nest.length - 1;
    const depths = indices.map((i) => this.binding((i as Index & { kind: 'ivar' }).name, nest).depth);
    if (depths[depths.length - 1] !== inner) return null;
    const outer = Math.max(...depths.slice(0, -1));
    if (outer >= inner) return null;
    const code = this.times(this.flat(zeros.slice(0, -1), dims.slice(0, -1)), dims[dims.length - 1]!);
    const level = nest[outer]!;
    let offsets = this.offsets.get(level.stmts);
    if (offsets === undefined) this.offsets.set(level.stmts, (offsets = new Map()));
    let name = offsets.get(code);
    if (name === undefined) {
      name = this.fresh('o');
      offsets.set(code, name);
      level.stmts.push(`const ${name} = ${code};`);
    }
    return `${name} + ${zeros[zeros.length - 1]}`;
  }
}
