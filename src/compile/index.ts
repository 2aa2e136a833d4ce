// The compiler's public face: Expr → a JS function over named inputs.
//
// `generateKernel` (./kernel.ts) writes the loops once; `new Function` turns
// them into a closure V8 optimises. Each call binds the inputs (../values.ts:
// shapes, sizes, clear errors) and passes them to the kernel by position;
// `bind` does that once, for loops that call the kernel many times.
// `compileAll` puts several formulas (a forward pass and its gradients) in one
// kernel, so what they share is computed once.

import type { Expr } from '../core/ast.js';
import { within } from '../core/source.js';
import { type Definition, unfoldAll } from '../definitions.js';
import { stableForm } from '../stable.js';
import {
  bind as bindInputs, type Binding, checkElements, EvaluationError, givenInputs, IndexRangeError, type Inputs, type InputSignature, jointSignature,
  type JointSignature, type Signature,
} from '../values.js';
import type { CompiledInput } from './input.js';
import { generateKernel, type Kernel } from './kernel.js';
import { emitPython, type PythonBackend } from './python.js';

export type { CompiledInput } from './input.js';
export { emitModule } from './module.js';
export { NoVectorForm } from './tensor.js';
export { type Batch, parseBatch, withBatch } from './batch.js';
export type { PythonBackend } from './python.js';

export interface CompileOptions {
  /** Output index order (default: the free indices, alphabetically). */
  readonly free?: readonly string[];
  /** Definitions the formula may still name (a `derive` result keeps `o_k` folded): unfolded first. */
  readonly definitions?: readonly Definition[];
  /** Default sizes, used where a call's inputs give none. */
  readonly sizes?: Readonly<Record<string, number>>;
  /** Names to read as size symbols (constants from `values` or `sizes`) wherever they occur. */
  readonly symbols?: readonly string[];
  /** Refuse a call touching more elements than this (default `MAX_ELEMENTS`, 10^8; see values.ts). */
  readonly maxElements?: number;
}

export interface CompileAllOptions {
  /** Per formula, its output index order (default: its free indices, alphabetically). */
  readonly free?: readonly (readonly string[] | undefined)[];
  /** Definitions the formulas may still name: unfolded first. */
  readonly definitions?: readonly Definition[];
  /** Default sizes, used where a call's inputs give none. */
  readonly sizes?: Readonly<Record<string, number>>;
  /** Names to read as size symbols (constants from `values` or `sizes`) wherever they occur. */
  readonly symbols?: readonly string[];
  /** Refuse a call touching more elements than this (default `MAX_ELEMENTS`, 10^8; see values.ts). */
  readonly maxElements?: number;
}

export interface CompiledResult {
  readonly free: readonly string[];
  readonly shape: readonly number[];
  /** A number for a scalar result, otherwise a row-major Float64Array over `free`. */
  readonly value: number | Float64Array;
}

export interface Compiled {
  /** Evaluate at every assignment of the free indices. */
  fn(inputs: Inputs): CompiledResult;
  /** Same, into a caller's array (length = product of the shape); returns it. */
  into(inputs: Inputs, out: Float64Array): Float64Array;
  /**
   * Check and bind `inputs` once; the returned function runs the kernel into
   * `out` (allocated if not given) and returns it. Float64Array inputs are read
   * at every run (update them in place); nested arrays are copied now.
   */
  bind(inputs: Inputs, out?: Float64Array): () => Float64Array;
  /** Source of the kernel's body, as handed to `new Function`. */
  readonly source: string;
  readonly free: readonly string[];
  readonly inputs: readonly CompiledInput[];
  /** For `emitModule`. */
  readonly kernel: Kernel;
  readonly signature: Signature;
}

export interface CompiledAll {
  /** Evaluate every formula. */
  fn(inputs: Inputs): CompiledResult[];
  /** Same, into the caller's arrays (one per formula, each as long as its shape's product); returns them. */
  into(inputs: Inputs, outs: readonly Float64Array[]): readonly Float64Array[];
  /** As `Compiled.bind`, for every output. */
  bind(inputs: Inputs, outs?: readonly Float64Array[]): () => readonly Float64Array[];
  readonly source: string;
  /** Per formula, its output indices. */
  readonly outputs: readonly (readonly string[])[];
  readonly inputs: readonly CompiledInput[];
  readonly kernel: Kernel;
  readonly signature: JointSignature;
}

type Entry = (args: (number | Float64Array)[]) => void;

/** Compile one formula. */
export function compile(expr: Expr, options: CompileOptions = {}): Compiled {
  const all = compileAll([expr], { free: [options.free], sizes: options.sizes, symbols: options.symbols, definitions: options.definitions, maxElements: options.maxElements });
  const { outputs, ...rest } = all.signature;
  // Reused, so that a call allocates nothing here.
  const one: Float64Array[] = [];
  return {
    fn: (inputs) => all.fn(inputs)[0]!,
    into(inputs, out) {
      one[0] = out;
      all.into(inputs, one);
      return out;
    },
    bind(inputs, out) {
      const run = all.bind(inputs, out === undefined ? undefined : [out]);
      return () => run()[0]!;
    },
    source: all.source,
    free: outputs[0]!,
    inputs: all.inputs,
    kernel: all.kernel,
    signature: { ...rest, free: outputs[0]! },
  };
}

/** Compile several formulas over the same inputs into one kernel. */
export function compileAll(given: readonly Expr[], options: CompileAllOptions = {}): CompiledAll {
  const { definitions } = options;
  // Without the definitions, a defined name left in a formula is an InputError from the signature, naming it.
  // Computed in stable forms (src/stable.ts): what the formula says, without overflow or cancellation.
  const { exprs, sig, kernel } = within([...given, ...(definitions ?? []).map((d) => d.body)], () => {
    const exprs = (definitions === undefined ? given : given.map((e) => unfoldAll(e, definitions))).map(stableForm);
    const sig = jointSignature(exprs, options.free, options.symbols);
    return { exprs, sig, kernel: generateKernel(exprs, sig) };
  });
  const oob = (access: number, value: number) => {
    const a = kernel.accesses[access]!;
    const written = a.index === '' ? `${value}` : `${a.index} = ${value}`;
    return new IndexRangeError(`index ${written} of '${a.input}' (slot ${a.slot + 1}) is out of range`);
  };
  // The body holds generated identifiers and numbers only (see kernel.ts).
  const { entry } = new Function('fns', 'oob', kernel.body)(kernel.functions.map((f) => f.eval), oob) as { entry: Entry };
  const bound = binder(sig, options.sizes, (b) => checkElements(exprs, sig.outputs, b, options.maxElements));

  const shape = (b: Binding, r: number) => sig.outputs[r]!.map((n) => b.sizes.get(n)!);
  const length = (b: Binding, r: number) => {
    let n = 1;
    for (const name of sig.outputs[r]!) n *= b.sizes.get(name)!;
    return n;
  };
  const checkOuts = (b: Binding, outs: readonly Float64Array[]) => {
    if (!Array.isArray(outs) || outs.length !== sig.outputs.length) {
      throw new EvaluationError(`give ${sig.outputs.length} output array(s), one per formula`);
    }
    for (let r = 0; r < outs.length; r++) {
      const n = length(b, r);
      if (!(outs[r] instanceof Float64Array) || outs[r].length !== n) {
        throw new EvaluationError(`output must be a Float64Array of length ${n} (shape ${shape(b, r).join('×') || 'scalar'})`);
      }
    }
  };
  /** The kernel's arguments: inputs, slot extents, sizes, size symbols, then the outputs. */
  const args = (b: Binding, outs: readonly Float64Array[], a: (number | Float64Array)[] = []) => {
    let at = 0;
    for (const v of b.inputs) a[at++] = typeof v === 'number' ? v : v.data;
    for (const v of b.inputs) if (typeof v !== 'number') for (const d of v.shape) a[at++] = d;
    for (const n of sig.ranged) a[at++] = b.sizes.get(n)!;
    for (const n of sig.sizeSymbols) a[at++] = b.symbols.get(n)!;
    for (const out of outs) a[at++] = out;
    return a;
  };
  // Reused by `into` (the kernel runs synchronously and calls back into nothing that could re-enter).
  const scratch: (number | Float64Array)[] = [];
  const fresh = (b: Binding) => sig.outputs.map((_, r) => new Float64Array(length(b, r)));

  return {
    fn(inputs) {
      const b = bound(inputs);
      const outs = fresh(b);
      entry(args(b, outs, scratch));
      return sig.outputs.map((free, r) => ({ free, shape: shape(b, r), value: free.length === 0 ? outs[r]![0]! : outs[r]! }));
    },
    into(inputs, outs) {
      const b = bound(inputs);
      checkOuts(b, outs);
      entry(args(b, outs, scratch));
      return outs;
    },
    bind(inputs, given) {
      const b = bound(inputs);
      const outs = given ?? fresh(b);
      checkOuts(b, outs);
      const a = args(b, outs);
      return () => {
        entry(a);
        return outs;
      };
    },
    source: kernel.body,
    outputs: sig.outputs,
    inputs: givenInputs(sig).map((s) => ({ name: s.name, indices: s.rank, slots: s.slots.map((n) => n[0] ?? '·') })),
    kernel,
    signature: sig,
  };
}

/**
 * `bind` with the compile-time default sizes under the call's own, remembering
 * the last binding: a call with the same `inputs` object, whose entries are
 * the same numbers and Float64Arrays (read live) and whose sizes are unchanged,
 * skips the checks. Nested arrays are copied when bound, so they are never
 * taken from the cache.
 */
function binder(
  sig: InputSignature, defaults: Readonly<Record<string, number>> | undefined, check: (b: Binding) => void,
): (inputs: Inputs) => Binding {
  const names = [...sig.inputs.map((s) => s.name), ...sig.sizeSymbols];
  let last: { inputs: Inputs; values: unknown[]; sizes: object | undefined; sizeEntries: [string, unknown][]; b: Binding } | null = null;
  const unchanged = (inputs: Inputs): boolean => {
    if (last === null || last.inputs !== inputs || last.sizes !== inputs.sizes) return false;
    for (let at = 0; at < names.length; at++) if (!Object.is(inputs.values[names[at]!], last.values[at])) return false;
    if (inputs.sizes !== undefined) {
      if (Object.keys(inputs.sizes).length !== last.sizeEntries.length) return false;
      for (const [key, v] of last.sizeEntries) if (inputs.sizes[key] !== v) return false;
    }
    return true;
  };
  return (inputs) => {
    if (unchanged(inputs)) return last!.b;
    const b = bindInputs(sig, defaults === undefined || inputs === null || typeof inputs !== 'object'
      ? inputs
      : { values: inputs.values, sizes: { ...defaults, ...inputs.sizes } });
    check(b);
    const values = names.map((n) => inputs.values[n]);
    last = values.every((v) => typeof v === 'number' || v instanceof Float64Array) && (inputs.sizes === undefined || Object.getPrototypeOf(inputs.sizes) === Object.prototype)
      ? { inputs, values, sizes: inputs.sizes, sizeEntries: Object.entries(inputs.sizes ?? {}), b }
      : null;
    return b;
  };
}

export interface PythonOptions extends CompileOptions {
  readonly backend: PythonBackend;
}

/**
 * A Python module computing `expr` with NumPy or PyTorch, vectorised (einsum, broadcasting):
 * `run(values, sizes=None)` over the same input keys as the JS module. Throws `NoVectorForm` for
 * what has no whole-array form here.
 */
export function emitPythonModule(expr: Expr, options: PythonOptions): string {
  return emitPythonModuleAll([expr], { ...options, free: [options.free] });
}

/** Several formulas in one Python module (what they share computed once); `run` returns a tuple. */
export function emitPythonModuleAll(given: readonly Expr[], options: CompileAllOptions & { readonly backend: PythonBackend }): string {
  const { definitions } = options;
  return within([...given, ...(definitions ?? []).map((d) => d.body)], () => {
    const exprs = (definitions === undefined ? given : given.map((e) => unfoldAll(e, definitions))).map(stableForm);
    return emitPython(exprs, jointSignature(exprs, options.free, options.symbols), options.backend);
  });
}
export { einsumForm, type EinsumFormOptions } from './einsum-form.js';
export { matrixForm, type MatrixForm, matrixSymbol } from './matrix-form.js';
export { type FormOutput, outputOrder, type ResultForm, resultForm } from './result-form.js';
