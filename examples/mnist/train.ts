// Plain SGD on the compiled network: w ← w − η ∂E/∂w, with ∂E/∂w derived by Kronecker.
//
// The step itself is compiled (./network.ts `compileStep`): one kernel computes the outputs, the
// losses and the new weights w − η ∂E/∂w (with a batch of B digits, η = rate/B and the gradient of
// the batch's summed loss, so the step follows the batch's mean gradient). The kernel reads the
// old weights while it writes the new ones, so there are two sets of weight arrays and each step
// writes the other. A step binds the kernel once per batch size, rate and set (Float64Arrays are
// read live), copies the digits into the bound input arrays and runs it. Rashid's targets: 0.99
// for the digit, 0.01 elsewhere.

import { CLASSES, type Digits, PIXELS, random } from './data.js';
import { compileStep, deriveNetwork, type Formulas, KEYS, type Sizes } from './network.js';
import { compileAll, type CompiledAll } from '../../src/compile/index.js';

export interface Weights {
  /** w_{ij}, inputs × hidden, row-major. */
  readonly w1: Float64Array;
  /** w_{jk}, hidden × outputs, row-major. */
  readonly w2: Float64Array;
}

/** Rashid's start: each weight drawn from a normal distribution of deviation 1/√(incoming links). */
export function initialWeights(sizes: Sizes, seed: number): Weights {
  const rand = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const fill = (n: number, fanIn: number) => Float64Array.from({ length: n }, () => normal() / Math.sqrt(fanIn));
  return { w1: fill(sizes.inputs * sizes.hidden, sizes.inputs), w2: fill(sizes.hidden * sizes.outputs, sizes.hidden) };
}

interface Bound {
  readonly x: Float64Array;
  readonly t: Float64Array;
  readonly run: () => readonly Float64Array[];
}

export class Trainer {
  readonly formulas: Formulas;
  /** The step kernels: one digit, and a batch (index b). */
  private readonly single: CompiledAll;
  private readonly batched: CompiledAll;
  private readonly forward: CompiledAll;
  /** The two sets of weights; `sets[current]` holds the weights now. */
  private readonly sets: readonly [Weights, Weights];
  private current: 0 | 1 = 0;
  private readonly bound = new Map<string, Bound>();
  private readonly predictBound: (Bound | undefined)[] = [];

  constructor(readonly sizes: Sizes, weights: Weights) {
    this.formulas = deriveNetwork(sizes);
    this.single = compileStep(this.formulas, false);
    this.batched = compileStep(this.formulas, true);
    this.forward = compileAll([this.formulas.output], { free: [['k']] });
    this.sets = [weights, { w1: new Float64Array(weights.w1.length), w2: new Float64Array(weights.w2.length) }];
  }

  /** The weights now (the arrays change from step to step). */
  get weights(): Weights {
    return this.sets[this.current];
  }

  /** The step kernel for `size` digits at `rate`, reading the current set and writing the other. */
  private binding(size: number, rate: number): Bound {
    const key = `${size}:${rate}:${this.current}`;
    let b = this.bound.get(key);
    if (b === undefined) {
      const { inputs: I, hidden: J, outputs: K } = this.sizes;
      const [from, to] = [this.sets[this.current], this.sets[1 - this.current]!];
      const x = new Float64Array(size * I);
      const t = new Float64Array(size * K);
      const values = { [KEYS.x]: x, [KEYS.w1]: from.w1, [KEYS.w2]: from.w2, [KEYS.t]: t, [KEYS.eta]: rate / size };
      const sizes = { i: I, j: J, k: K, ...(size === 1 ? {} : { b: size }) };
      const outs = [new Float64Array(size * K), new Float64Array(size), to.w2, to.w1];
      const run = (size === 1 ? this.single : this.batched).bind({ values, sizes }, outs);
      b = { x, t, run };
      this.bound.set(key, b);
    }
    return b;
  }

  /** One SGD step on digits `from`..`from + count - 1`; returns their summed loss (at the weights before the step). */
  step(d: Digits, from: number, count: number, rate: number): number {
    const { inputs: I, outputs: K } = this.sizes;
    const b = this.binding(count, rate);
    b.x.set(d.pixels.subarray(from * I, (from + count) * I));
    b.t.fill(0.01);
    for (let n = 0; n < count; n++) b.t[n * K + d.labels[from + n]!] = 0.99;
    const losses = b.run()[1]!;
    this.current = this.current === 0 ? 1 : 0;
    let loss = 0;
    for (let n = 0; n < count; n++) loss += losses[n]!;
    return loss;
  }

  /** The network's outputs o_k for one digit (a view into a reused buffer). */
  outputs(d: Digits, at: number): Float64Array {
    let b = this.predictBound[this.current];
    if (b === undefined) {
      const { inputs: I, hidden: J, outputs: K } = this.sizes;
      const x = new Float64Array(I);
      const values = { [KEYS.x]: x, [KEYS.w1]: this.weights.w1, [KEYS.w2]: this.weights.w2 };
      const run = this.forward.bind({ values, sizes: { i: I, j: J, k: K } });
      b = this.predictBound[this.current] = { x, t: new Float64Array(0), run };
    }
    b.x.set(d.pixels.subarray(at * this.sizes.inputs, (at + 1) * this.sizes.inputs));
    return b.run()[0]!;
  }

/** Share of digits whose largest output is their label. */
  accuracy(d: Digits): number {
    let right = 0;
    for (let n = 0; n < d.count; n++) {
      const o = this.outputs(d, n);
      let best = 0;
      for (let k = 1; k < o.length; k++) if (o[k]! > o[best]!) best = k;
      if (best === d.labels[n]) right++;
    }
    return right / d.count;
  }
}

export interface TrainOptions {
  readonly hidden: number;
  readonly rate: number;
  readonly epochs: number;
  readonly batch: number;
  readonly seed: number;
  /** Called often during an epoch (at most every `progressEvery` samples). */
  readonly progress?: (p: Progress) => void;
}

export interface Progress {
  readonly epoch: number;
  readonly epochs: number;
  readonly done: number;
  readonly total: number;
  readonly samplesPerSecond: number;
  /** Mean loss per digit over the last few hundred digits. */
  readonly runningLoss: number;
}

export interface EpochLog {
  readonly epoch: number;
  /** Mean loss per training digit over the epoch (weights moving). */
  readonly loss: number;
  readonly testAccuracy: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
}

/** Train on `train` for `epochs`, measuring accuracy on `test` after each. */
export function train(trainSet: Digits, test: Digits, options: TrainOptions): { trainer: Trainer; epochs: EpochLog[] } {
  const sizes = { inputs: PIXELS, hidden: options.hidden, outputs: CLASSES };
  const trainer = new Trainer(sizes, initialWeights(sizes, options.seed));
  const epochs: EpochLog[] = [];
  for (let e = 1; e <= options.epochs; e++) {
    const start = performance.now();
    let total = 0;
    let running = 0;
    let lastReport = start;
    for (let from = 0; from < trainSet.count; from += options.batch) {
      const count = Math.min(options.batch, trainSet.count - from);
      const loss = trainer.step(trainSet, from, count, options.rate);
      total += loss;
      const alpha = Math.min(1, count / 200);
      running = from === 0 ? loss / count : (1 - alpha) * running + alpha * (loss / count);
      const now = performance.now();
      if (options.progress !== undefined && (now - lastReport > 100 || from + count === trainSet.count)) {
        lastReport = now;
        options.progress({ epoch: e, epochs: options.epochs, done: from + count, total: trainSet.count, samplesPerSecond: (from + count) / ((now - start) / 1000), runningLoss: running });
      }
    }
    const seconds = (performance.now() - start) / 1000;
    epochs.push({ epoch: e, loss: total / trainSet.count, testAccuracy: trainer.accuracy(test), seconds, samplesPerSecond: trainSet.count / seconds });
  }
  return { trainer, epochs };
}
