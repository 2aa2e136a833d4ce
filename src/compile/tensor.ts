// Lowering to whole-array operations: Expr → a straight-line tensor program.
//
// The JS compiler (./kernel.ts) writes loops; NumPy and PyTorch want the
// opposite, one call per array operation, so the loops run in their C code.
// Every subexpression becomes an array whose axes are its free indices (a
// scalar has none); a bound index gets an axis of its own while its binder is
// lowered. Then:
//
//   x_{jk}                   the input itself (a literal index slices, `w_{jj}` is a diagonal einsum)
//   products, Σ of products  one einsum: Σ_j w_{jk} o_j is einsum('ab,a->b', w, o)
//   + - / ^ f(…)             elementwise, operands aligned (transposed, new axes of length 1) to broadcast
//   Σ Π max min              a reduction along the axis, the range's bounds a mask
//   [cond], δ_{ij}           comparisons of index values (aranges), guarding with `where`
//
// Guards are strong zeros, as in the interpreter: `[x > 0] log x` is 0 where
// the bracket is, even though log x is NaN there. So a product with guards or a
// bounded reduction selects with `where` instead of multiplying by a mask; an
// unguarded Σ of products (every layer of a network) stays one einsum.
//
// The program is a list of statements `tN = code`, where code calls only a
// fixed vocabulary of backend functions (`_einsum`, `_sum`, `_where`, `_exp`,
// …: see ./python.ts) on generated names, numbers and einsum strings. Names
// from the formula never reach it: inputs are `x0, x1, …`, sizes `n0, n1, …`.
// Each distinct subexpression (node and axes) is computed once.

import { alphaCanonical } from '../core/alpha.js';
import { assertNever, type Expr, type Index, indexTerms, ivar, type RelOp, type Var } from '../core/ast.js';
import { InputError } from '../core/errors.js';
import { baseLetter, internalName } from '../core/fresh.js';
import { freeIndices, substituteIndices } from '../core/indices.js';
import { readKey, userName } from '../core/names.js';
import { REDUCTIONS } from '../core/reductions.js';
import { type JointSignature, specKey } from '../values.js';

/** A formula that has no whole-array form here (more than 52 indices in one product), said in the user's terms. */
export class NoVectorForm extends InputError {
  override name = 'NoVectorForm';
}

/** A lowered value: code (a local, or a number) and its axes in order. */
export interface TensorVal {
  readonly code: string;
  readonly axes: readonly number[];
}

/**
 * What a statement computes, for readers that show it in another notation (./matrix-form.ts):
 * an einsum, an elementwise map (`+`, `*`, `/`, `neg`, `pow`, or a function's name) of operands
 * broadcast together, a sum along one axis, or something else (a read, a guard, an arange).
 */
export type TensorOp =
  | { readonly kind: 'einsum'; readonly args: readonly TensorVal[]; readonly out: readonly number[] }
  | { readonly kind: 'map'; readonly fn: string; readonly args: readonly TensorVal[] }
  | { readonly kind: 'sum'; readonly arg: TensorVal; readonly axis: number }
  /** δ of two letters over two axes: the identity matrix of the size local `size` (`n0`). */
  | { readonly kind: 'identity'; readonly size: string }
  | { readonly kind: 'other' };

/** One statement: `name = code`, an array over `axes` (axis ids). */
export interface TensorStmt {
  readonly name: string;
  readonly axes: readonly number[];
  readonly code: string;
  readonly op: TensorOp;
}

/** Where an index's size comes from, at run time. */
export type SizeSource =
  | { readonly kind: 'slot'; readonly input: number; readonly slot: number }
  | { readonly kind: 'symbol'; readonly symbol: number };

export interface TensorProgram {
  readonly stmts: readonly TensorStmt[];
  /** Per formula, the statement (or literal) holding it, aligned to its output indices, and its shape's sizes (`n0`, …). */
  readonly outputs: readonly { readonly code: string; readonly shape: readonly string[] }[];
  /** Size locals `n0, n1, …`: the index letter each is the size of, and where it comes from (several sources are checked equal). */
  readonly sizes: readonly { readonly letter: string; readonly sources: readonly SizeSource[] }[];
  /** Size-symbol locals `c0, c1, …` (constants in bounds), by name. */
  readonly symbols: readonly string[];
  /** Per input (`x0, x1, …`), its first read: the name as written, for showing. */
  readonly reads: readonly Var[];
  /** Per output, its axes (the output indices, in order). */
  readonly outputAxes: readonly (readonly number[])[];
}

type Val = TensorVal;

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A number as Python source: only digits, `.`, `e`, signs, or a float('…') of inf/nan. */
export function pyLiteral(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (v === Infinity) return "float('inf')";
  if (v === -Infinity) return "(-float('inf'))";
  const s = String(v);
  if (!/^-?[0-9]+(\.[0-9]+)?(e[+-][0-9]+)?$/.test(s)) throw new Error(`pyLiteral: unexpected form ${s}`);
  return v < 0 || Object.is(v, -0) ? `(${Object.is(v, -0) ? '-0.0' : s})` : /[.e]/.test(s) ? s : `${s}.0`;
}

const CMP: Record<RelOp, string> = { '=': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Backend functions of the function table's names (./python.ts defines each for NumPy and PyTorch). */
const ELEMENTWISE = new Set([
  'sigmoid', 'tanh', 'exp', 'log', 'sqrt', 'sin', 'cos', 'softplus', 'relu', 'abs', 'sign', 'tan', 'cot', 'sec', 'csc',
  'sinh', 'cosh', 'coth', 'arcsin', 'arccos', 'arctan', 'cbrt', 'log2', 'log10', 'erf', 'gelu', 'leakyrelu', 'elu',
]);

/** Lower several formulas (unfolded, no ∂ left) over one signature. */
export interface LowerOptions {
  /** Einsum strings in the formula's own index letters where they are single letters (for showing), not a, b, c, …. */
  readonly userLetters?: boolean;
}

export function lowerToTensors(exprs: readonly Expr[], sig: JointSignature, options: LowerOptions = {}): TensorProgram {
  const stmts: TensorStmt[] = [];
  let temps = 0;

  // Sizes: one local per index letter (a fresh copy j' has j's size), with every source that fixes it.
  const sizeLocals = new Map<string, { letter: string; sources: SizeSource[] }>();
  const symbolIndex = new Map(sig.sizeSymbols.map((n, i) => [n, i] as const));
  const sizeOfLetter = (name: string): string => {
    const letter = baseLetter(name);
    let s = sizeLocals.get(letter);
    if (s === undefined) {
      s = { letter, sources: [] };
      sizeLocals.set(letter, s);
      sig.inputs.forEach((spec, input) => spec.slots.forEach((names, slot) => {
        if (names.some((n) => baseLetter(n) === letter)) s!.sources.push({ kind: 'slot', input, slot });
      }));
      const declared = sig.declared.find(([n]) => baseLetter(n) === letter);
      if (declared !== undefined && symbolIndex.has(declared[1])) s.sources.push({ kind: 'symbol', symbol: symbolIndex.get(declared[1])! });
    }
    return `n${[...sizeLocals.keys()].indexOf(letter)}`;
  };

  // Axes: one per index name, reused by every binder of that name that is not inside another (the
  // batch's Σ_b of two gradients, the hidden layer's Σ_i met from both), so that one subexpression is
  // one memo key however it is reached; a binder inside a binder of its name gets an axis of its own.
  const axisLetter: string[] = [];
  const pool = new Map<string, number[]>();
  const newAxis = (name: string, inScope: ReadonlyMap<string, number> = new Map(), pooled = true): number => {
    const taken = new Set(inScope.values());
    const free = pooled ? (pool.get(name) ?? []).find((a) => !taken.has(a)) : undefined;
    if (free !== undefined) return free;
    axisLetter.push(name);
    const a = axisLetter.length - 1;
    if (pooled) pool.set(name, [...(pool.get(name) ?? []), a]);
    return a;
  };
  // A bounded reduction over a letter that nothing else sizes (`\sum_{i=1}^{3} i`) runs over 1..upper.
  const axisSize = new Map<number, string>();
  const sizeOfAxis = (a: number) => axisSize.get(a) ?? sizeOfLetter(axisLetter[a]!);
  const carried = (name: string) => {
    const letter = baseLetter(name);
    return sig.inputs.some((spec) => spec.slots.some((names) => names.some((n) => baseLetter(n) === letter)))
      || sig.declared.some(([n]) => baseLetter(n) === letter);
  };

  // A statement already written (same code over the same operands) is reused: the groups of a
  // product's factors recur across formulas.
  const written = new Map<string, Val>();
  const emit = (code: string, axes: readonly number[], op: TensorOp = { kind: 'other' }): Val => {
    const key = `${code}|${axes.join(',')}`;
    const had = written.get(key);
    if (had !== undefined) return had;
    const name = `t${temps++}`;
    stmts.push({ name, axes, code, op });
    const v = { code: name, axes };
    written.set(key, v);
    return v;
  };
  const scalar = (code: string): Val => ({ code, axes: [] });

  // Axes in order of creation: the output's indices come first, in output order, so results rarely need a transpose.
  const union = (vals: readonly Val[]): number[] => [...new Set(vals.flatMap((v) => v.axes))].sort((a, b) => a - b);
  /** `v` with its axes in the order of `to` (a superset), missing ones of length 1, ready to broadcast. */
  const align = (v: Val, to: readonly number[]): string => {
    if (v.axes.length === 0) return v.code;
    const kept = to.filter((a) => v.axes.includes(a));
    const perm = kept.map((a) => v.axes.indexOf(a));
    const permuted = perm.every((p, i) => p === i) ? v.code : `_tr(${v.code}, (${perm.join(', ')},))`;
    if (kept.length === to.length) return permuted;
    return `${permuted}[${to.map((a) => (v.axes.includes(a) ? ':' : 'None')).join(', ')}]`;
  };
  const elementwise = (vals: readonly Val[], build: (codes: string[]) => string, fn?: string): Val => {
    const axes = union(vals);
    const code = build(vals.map((v) => align(v, axes)));
    if (axes.length === 0 && vals.every((v) => isLiteral(v.code))) return scalar(`(${code})`);
    return emit(code, axes, fn === undefined ? { kind: 'other' } : { kind: 'map', fn, args: vals });
  };
  const isLiteral = (code: string) => /^[\d.e+-]+$|^\(-?[\d.e+-]+\)$/.test(code);

  /** Einsum of `vals` onto `out` (axes that appear in no operand or the output are summed). */
  const einsum = (vals: readonly Val[], out: readonly number[]): Val => {
    const letters = new Map<number, string>();
    const taken = new Set<string>();
    const letter = (a: number) => {
      if (!letters.has(a)) {
        if (letters.size >= LETTERS.length) throw new NoVectorForm('more than 52 distinct indices in one product: no einsum form');
        const own = baseLetter(axisLetter[a]!);
        const pick = options.userLetters === true && /^[A-Za-z]$/.test(own) && !taken.has(own) ? own : [...LETTERS].find((c) => !taken.has(c))!;
        letters.set(a, pick);
        taken.add(pick);
      }
      return letters.get(a)!;
    };
    const spec = `${vals.map((v) => v.axes.map(letter).join('')).join(',')}->${out.map(letter).join('')}`;
    return emit(`_einsum('${spec}', ${vals.map((v) => v.code).join(', ')})`, out, { kind: 'einsum', args: vals, out });
  };

  const indexValue = (i: Index, env: ReadonlyMap<string, number>): Val => {
    const parts: Val[] = [];
    for (const t of indexTerms(i)) {
      const axis = env.get(t.name);
      let v: Val;
      if (axis !== undefined) {
        v = emit(`_ar(${sizeOfAxis(axis)}, dev)`, [axis]);
      } else if (symbolIndex.has(t.name)) v = scalar(`c${symbolIndex.get(t.name)!}`);
      else throw new Error(`lowerToTensors: index '${t.name}' has no axis`);
      parts.push(t.coef === 1 ? v : elementwise([scalar(pyLiteral(t.coef)), v], ([k, x]) => `${k} * ${x}`, '*'));
    }
    const c = i.kind === 'inum' ? i.value : i.offset;
    if (parts.length === 0) return scalar(pyLiteral(c));
    return elementwise(c === 0 ? parts : [...parts, scalar(pyLiteral(c))], (cs) => cs.join(' + '), '+');
  };

  const condition = (ops: readonly RelOp[], args: readonly Val[]): Val =>
    elementwise(args, (cs) => ops.map((op, k) => `(${cs[k]} ${CMP[op]} ${cs[k + 1]})`).join(' & '));

  /** An input read: plain letters are the array itself, literal slots slice it, anything else gathers. */
  const reads: Var[] = [];
  const read = (e: Expr & { kind: 'var' }, env: ReadonlyMap<string, number>): Val => {
    const input = sig.inputs.findIndex((s) => specKey(s) === readKey(e));
    if (input < 0) throw new Error(`lowerToTensors: '${readKey(e)}' is not an input`);
    reads[input] ??= e;
    const x = `x${input}`;
    if (e.indices.length === 0) return scalar(x);
    const plain = e.indices.map((i) => (i.kind === 'ivar' && i.offset === 0 && env.has(i.name) ? env.get(i.name)! : null));
    const axes = plain.filter((a): a is number => a !== null);
    if (new Set(axes).size === axes.length && e.indices.every((i, k) => plain[k] !== null || i.kind === 'inum')) {
      if (axes.length === e.indices.length) return { code: x, axes };
      return emit(`${x}[${e.indices.map((i) => (i.kind === 'inum' ? String(i.value - 1) : ':')).join(', ')}]`, axes);
    }
    // x_{i+m}, x_{n-1}, w_{jj}: index arrays (0-based positions) broadcast together; NaN outside the array, as a
    // read the JS kernel would refuse (a guard must cover it).
    const positions = e.indices.map((i) => indexValue(i, env));
    return elementwise(positions, (cs) => `_gather(${x}, (${cs.map((c) => `${c} - 1`).join(', ')},))`);
  };

  /** Σ over the product `factors` with `summed` axes: guard-free and unbounded, one einsum. */
  const lowerProduct = (factors: readonly Expr[], env: ReadonlyMap<string, number>, summed: readonly number[]): Val => {
    const isGuard = (f: Expr) => f.kind === 'iverson' || f.kind === 'delta';
    const guards = factors.filter(isGuard);
    const vals = factors.filter((f) => !isGuard(f)).map((f) => lower(f, env));
    const tensors = vals.filter((v) => v.axes.length > 0);
    const scalars = vals.filter((v) => v.axes.length === 0).map((v) => v.code);
    const all = union(vals);
    // Factors over the same axes multiply elementwise first, so that the einsum that remains is a
    // contraction of a few operands (a matrix product, through BLAS) rather than one of many.
    const groups = new Map<string, Val[]>();
    for (const t of tensors) {
      const key = [...t.axes].sort((a, b) => a - b).join(',');
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    const operands = [...groups.values()].map((g) => (g.length === 1 ? g[0]! : elementwise(g, (cs) => cs.join(' * '), '*')));
    let rest: Val | null;
    if (guards.length === 0 && summed.length > 0) {
      // Summed axes that no factor has multiply by their size (reduceAxes, below).
      rest = operands.length === 0 ? null : einsum(operands, all.filter((a) => !summed.includes(a)));
    } else if (operands.length > 1) {
      rest = einsum(operands, all);
    } else {
      rest = operands[0] ?? null;
    }
    const factorsLeft = [...scalars.map(scalar), ...(rest === null ? [] : [rest])];
    rest = factorsLeft.length === 0 ? scalar('1.0') : factorsLeft.length === 1 ? factorsLeft[0]! : elementwise(factorsLeft, (cs) => cs.join(' * '), '*');
    if (guards.length === 0) return reduceAxes('sum', rest, summed.filter((a) => !all.includes(a)));
    const g = guards.map((f) => lower(f, env, true));
    const guarded = elementwise([...g, rest], (cs) => `_where(${cs.slice(0, -1).join(' & ')}, ${cs[cs.length - 1]}, 0.0)`);
    return summed.length === 0 ? guarded : reduceAxes('sum', guarded, summed);
  };

  const reduceAxes = (op: 'sum' | 'prod' | 'max' | 'min', v: Val, axes: readonly number[]): Val => {
    let cur = v;
    for (const a of axes) {
      if (!cur.axes.includes(a)) {
        // The body does not depend on the index: n copies of it.
        const n = sizeOfAxis(a);
        cur = elementwise([cur], ([c]) =>
          op === 'sum' ? `${n} * ${c}` : op === 'prod' ? `${c} ** ${n}` : `_where(${n} > 0, ${c}, ${pyLiteral(REDUCTIONS[op].identity)})`);
        continue;
      }
      const rest = cur.axes.filter((x) => x !== a);
      cur = emit(`_${op}(${cur.code}, ${cur.axes.indexOf(a)})`, rest, op === 'sum' ? { kind: 'sum', arg: cur, axis: a } : { kind: 'other' });
    }
    return cur;
  };

  /** `asBool`: a guard as a boolean array (for `where`), not a 0/1 number. */
  /**
   * The memo key of `e` where its free indices stand on `axes`: the α-canonical node with those
   * indices replaced by their positions, and the sizes the positions run over. So σ(Σ_i w_{ij} o_{bi})
   * over (b, j) and over (b, j') — the hidden layer met as a free j and as a bound j' — are one array.
   */
  const positional = new Map<string, Expr>();
  const memoKey = (e: Expr, names: readonly string[], axes: readonly (number | undefined)[], asBool: boolean): string => {
    const nameKey = `${e.id}|${names.join(',')}`;
    let shape = positional.get(nameKey);
    if (shape === undefined) {
      shape = alphaCanonical(substituteIndices(e, new Map(names.map((n, k) => [n, ivar(internalName('pos', k))] as const))));
      positional.set(nameKey, shape);
    }
    return `${shape.id}|${asBool ? 'b' : 'n'}|${axes.map((a) => (a === undefined ? '-' : sizeOfAxis(a))).join(',')}`;
  };
  const memo = new Map<string, { val: Val; axes: readonly (number | undefined)[] }>();

  function lower(e: Expr, env: ReadonlyMap<string, number>, asBool = false): Val {
    const names = [...freeIndices(e)].sort();
    const axes = names.map((n) => env.get(n));
    const key = memoKey(e, names, axes, asBool);
    const hit = memo.get(key);
    if (hit !== undefined) {
      // The same array, its dimensions relabelled with this context's axes.
      const relabel = new Map(hit.axes.map((a, k) => [a, axes[k]] as const));
      return { code: hit.val.code, axes: hit.val.axes.map((a) => relabel.get(a) ?? a) };
    }
    const v = lowerNode(e, env, asBool);
    memo.set(key, { val: v, axes });
    return v;
  }

  function lowerNode(e: Expr, env: ReadonlyMap<string, number>, asBool: boolean): Val {
    const number = (b: Val): Val => (asBool ? b : elementwise([b], ([c]) => `_f(${c})`));
    switch (e.kind) {
      case 'num': return scalar(pyLiteral(e.value));
      case 'var':
        if (e.version > 0) throw new Error(`lowerToTensors: '${userName(e)}' is defined, not an input: unfold it first`);
        return read(e, env);
      case 'extent': return scalar(sizeOfLetter(e.index));
      case 'index': return indexValue(e.index, env);
      case 'delta': {
        const v = number(condition(['='], [indexValue(e.a, env), indexValue(e.b, env)]));
        // δ of two plain letters over two axes is the identity matrix (the matrix form writes I).
        const at = stmts.findIndex((st) => st.name === v.code);
        if (!asBool && at >= 0 && v.axes.length === 2 && [e.a, e.b].every((i) => i.kind === 'ivar' && i.offset === 0)) stmts[at] = { ...stmts[at]!, op: { kind: 'identity', size: sizeOfLetter((e.a as Index & { kind: 'ivar' }).name) } };
        return v;
      }
      case 'iverson': return number(condition(e.cond.ops, e.cond.args.map((a) => lower(a, env))));
      case 'rel': return number(condition(e.ops, e.args.map((a) => lower(a, env))));
      case 'add': return elementwise(e.terms.map((t) => lower(t, env)), (cs) => cs.join(' + '), '+');
      case 'neg': return elementwise([lower(e.arg, env)], ([c]) => `-${c}`, 'neg');
      case 'mul': return lowerProduct(e.factors, env, []);
      case 'div': return elementwise([lower(e.num, env), lower(e.den, env)], ([a, b]) => `${a} / ${b}`, '/');
      case 'pow': return elementwise([lower(e.base, env), lower(e.exp, env)], ([a, b]) => `_pow(${a}, ${b})`, 'pow');
      case 'call': {
        const args = e.args.map((a) => lower(a, env));
        if (e.fn === 'max' || e.fn === 'min') {
          return elementwise(args, (cs) => cs.reduce((acc, c) => `_${e.fn === 'max' ? 'maximum' : 'minimum'}(${acc}, ${c})`));
        }
        if (!ELEMENTWISE.has(e.fn)) throw new NoVectorForm(`the function ${e.fn} has no whole-array form here`);
        return elementwise(args, (cs) => `_${e.fn}(${cs.join(', ')})`, e.fn);
      }
      case 'reduce': {
        const bounded = e.lower !== null || e.upper !== null;
        const upper = e.upper !== null && !carried(e.index) ? indexValue(e.upper, env) : null;
        const ownSize = upper !== null && upper.axes.length === 0;
        const axis = newAxis(e.index, env, !ownSize);
        if (ownSize) axisSize.set(axis, `max(0, int(${upper.code}))`);
        const inner = new Map(env).set(e.index, axis);
        if (e.op === 'sum' && !bounded) {
          // Σ of a product (nested Σ of products too): one einsum over every summed axis.
          const summed = [axis];
          let body = e.body;
          while (body.kind === 'reduce' && body.op === 'sum' && body.lower === null && body.upper === null) {
            const a = newAxis(body.index, inner);
            inner.set(body.index, a);
            summed.push(a);
            body = body.body;
          }
          if (body.kind === 'mul') return lowerProduct(body.factors, inner, summed);
          return reduceAxes('sum', lower(body, inner), summed);
        }
        let body = lower(e.body, inner);
        if (bounded) {
          const at = indexValue({ kind: 'ivar', name: e.index, offset: 0 }, inner);
          const ops: RelOp[] = [];
          const args: Val[] = [];
          if (e.lower !== null) args.push(indexValue(e.lower, env));
          args.push(at);
          if (e.lower !== null) ops.push('<=');
          if (e.upper !== null) {
            ops.push('<=');
            args.push(indexValue(e.upper, env));
          }
          const inRange = condition(ops, args);
          body = elementwise([inRange, body], ([m, b]) => `_where(${m}, ${b}, ${pyLiteral(REDUCTIONS[e.op].identity)})`);
        }
        return reduceAxes(e.op, body, [axis]);
      }
      case 'diff': throw new Error('lowerToTensors: a derivative is left in the formula: evaluate it first');
      default: return assertNever(e);
    }
  }

  const outputAxes: number[][] = [];
  const outputs = exprs.map((e, r) => {
    const free = sig.outputs[r]!;
    const env = new Map<string, number>();
    for (const n of free) env.set(n, newAxis(n, env));
    const v = lower(e, env);
    const axes = free.map((n) => env.get(n)!);
    outputAxes.push(axes);
    const shape = axes.map(sizeOfAxis);
    if (axes.length === 0) return { code: v.code, shape };
    const aligned = align(v, axes);
    // A result constant along an output index is broadcast to the full shape.
    const code = v.axes.length === axes.length ? aligned : `_full(${aligned}, (${shape.join(', ')},))`;
    // A transposed result is an einsum of one operand (a reader may show it as ^T).
    const op: TensorOp = v.axes.length === axes.length ? { kind: 'einsum', args: [v], out: axes } : { kind: 'other' };
    return { code: code === v.code ? code : emit(code, axes, op).code, shape };
  });

  return {
    stmts, outputs, reads, outputAxes,
    sizes: [...sizeLocals.values()].map((s) => ({ letter: s.letter, sources: s.sources })),
    symbols: sig.sizeSymbols,
  };
}
