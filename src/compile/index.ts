// The compiler's public face: Expr → a JS function over named inputs.
//
// `generateKernel` (./kernel.ts) writes the loops once; `new Function` turns
// them into a closure V8 optimises. Each call binds the inputs (./values.ts:
// shapes, sizes, clear errors) and passes them to the kernel by position.

import type { Expr } from '../ast.js';
import { bind, type Binding, EvaluationError, type Inputs, signature, type Signature } from '../values.js';
import { generateKernel, type Kernel } from './kernel.js';

export { emitModule } from './module.js';

export interface CompileOptions {
  /** Output index order (default: the free indices, alphabetically). */
  readonly free?: readonly string[];
  /** Default sizes, used where a call's inputs give none. */
  readonly sizes?: Readonly<Record<string, number>>;
}

export interface CompiledInput {
  readonly name: string;
  /** Number of indices (0 for a scalar). */
  readonly indices: number;
  /** An index letter that addresses each slot (`['j', 'k']` for `w_{jk}`; `·` where only literals or offsets do). */
  readonly slots: readonly string[];
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
  /** Source of the kernel's body, as handed to `new Function`. */
  readonly source: string;
  readonly free: readonly string[];
  readonly inputs: readonly CompiledInput[];
  /** For `emitModule`. */
  readonly kernel: Kernel;
  readonly signature: Signature;
}

type Entry = (args: (number | Float64Array)[]) => void;

export function compile(expr: Expr, options: CompileOptions = {}): Compiled {
  const sig = signature(expr, options.free);
  const kernel = generateKernel(expr, sig);
  const oob = (access: number, value: number) => {
    const a = kernel.accesses[access]!;
    const written = a.index === '' ? `${value}` : `${a.index} = ${value}`;
    return new EvaluationError(`index ${written} of '${a.input}' (slot ${a.slot + 1}) is out of range`);
  };
  // The body holds generated identifiers and numbers only (see kernel.ts).
  const { entry } = new Function('fns', 'oob', kernel.body)(kernel.functions.map((f) => f.eval), oob) as { entry: Entry };
  const defaults = options.sizes ?? {};

  const withDefaults = (inputs: Inputs): Inputs =>
    options.sizes === undefined || inputs === null || typeof inputs !== 'object' ? inputs : { values: inputs.values, sizes: { ...defaults, ...inputs.sizes } };
  const shapeOf = (inputs: Inputs) => {
    const binding = bind(sig, withDefaults(inputs));
    const shape = sig.free.map((n) => binding.sizes.get(n)!);
    let length = 1;
    for (const n of shape) length *= n;
    return { binding, shape, length };
  };
  const call = (b: Binding, out: Float64Array) => {
    const args: (number | Float64Array)[] = [];
    for (const v of b.inputs) args.push(typeof v === 'number' ? v : v.data);
    for (const v of b.inputs) if (typeof v !== 'number') for (const d of v.shape) args.push(d);
    for (const n of sig.ranged) args.push(b.sizes.get(n)!);
    for (const n of sig.sizeSymbols) args.push(b.symbols.get(n)!);
    args.push(out);
    entry(args);
  };

  return {
    fn(inputs) {
      const { binding, shape, length } = shapeOf(inputs);
      const out = new Float64Array(length);
      call(binding, out);
      return { free: sig.free, shape, value: shape.length === 0 ? out[0]! : out };
    },
    into(inputs, out) {
      const { binding, shape, length } = shapeOf(inputs);
      if (!(out instanceof Float64Array) || out.length !== length) {
        throw new EvaluationError(`output must be a Float64Array of length ${length} (shape ${shape.join('×') || 'scalar'})`);
      }
      call(binding, out);
      return out;
    },
    source: kernel.body,
    free: sig.free,
    inputs: sig.inputs.map((s) => ({ name: s.name, indices: s.rank, slots: s.slots.map((n) => n[0] ?? '·') })),
    kernel,
    signature: sig,
  };
}
