// npm run example:mnist:bench: training throughput (samples/s) of one SGD step — forward pass, both
// gradients, weight update — at batch sizes 1, 32 and 128, in one run, for
//   - Kronecker: the SGD step compiled from the LaTeX of ./network.ts (float64): one kernel writes
//     w − η ∂E/∂w with the derived gradient (./train.ts, `compileStep`), through bind();
//   - hand-written JS: the same step as loops a person writes, in the fastest order found (float64);
//   - TensorFlow.js: @tensorflow/tfjs-core with @tensorflow/tfjs-backend-cpu, its pure-JS CPU backend
//     (float32); backpropagation written with its ops (matMul, sigmoid, …), since the Node bundle of
//     tfjs-core registers no gradient functions (those ship with the full @tensorflow/tfjs).
// Each figure is the best of several rounds of `--samples` digits (default 2,048), the rounds of
// the three interleaved, so load on a shared machine hits them alike. GFLOP/s counts the
// multiply-adds of the step's five matrix products (2 flops each): 2·B·(3·I·J + 3·J·K) per step.

import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { CLASSES, type Digits, loadDigits, PIXELS, slice } from './data.js';
import { initialWeights, Trainer, type Weights } from './train.js';
import { sigmoid } from '../../src/functions.js';

const I = PIXELS;
const J = 100;
const K = CLASSES;

/** The step written by hand: row-major loops, j (or k) innermost, accumulating whole rows. */
class HandTrainer {
  private readonly h: Float64Array;
  private readonly o: Float64Array;
  private readonly d2: Float64Array;
  private readonly d1: Float64Array;
  constructor(private readonly w: Weights, readonly batch: number) {
    this.h = new Float64Array(batch * J);
    this.o = new Float64Array(batch * K);
    this.d2 = new Float64Array(batch * K);
    this.d1 = new Float64Array(batch * J);
  }

  step(d: Digits, from: number, B: number, rate: number): number {
    const { w1, w2 } = this.w;
    const { h, o, d1, d2 } = this;
    const x = d.pixels;
    const x0 = from * I;
    h.fill(0, 0, B * J);
    for (let b = 0; b < B; b++) {
      const hb = b * J;
      for (let i = 0; i < I; i++) {
        const xi = x[x0 + b * I + i]!;
        const wi = i * J;
        for (let j = 0; j < J; j++) h[hb + j] += xi * w1[wi + j]!;
      }
      for (let j = 0; j < J; j++) h[hb + j] = sigmoid(h[hb + j]!);
    }
    let loss = 0;
    o.fill(0, 0, B * K);
    for (let b = 0; b < B; b++) {
      const label = d.labels[from + b]!;
      for (let j = 0; j < J; j++) {
        const hj = h[b * J + j]!;
        for (let k = 0; k < K; k++) o[b * K + k] += hj * w2[j * K + k]!;
      }
      for (let k = 0; k < K; k++) {
        const ok = sigmoid(o[b * K + k]!);
        const e = (k === label ? 0.99 : 0.01) - ok;
        loss += e * e;
        d2[b * K + k] = -2 * e * ok * (1 - ok);
      }
      for (let j = 0; j < J; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += d2[b * K + k]! * w2[j * K + k]!;
        const hj = h[b * J + j]!;
        d1[b * J + j] = s * hj * (1 - hj);
      }
    }
    // w ← w − (rate/B) Σ_b (gradient): the gradient summed over the batch, applied as it is formed.
    const scale = rate / B;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < J; j++) {
        const hj = scale * h[b * J + j]!;
        for (let k = 0; k < K; k++) w2[j * K + k] -= hj * d2[b * K + k]!;
      }
      const db = b * J;
      for (let i = 0; i < I; i++) {
        const xi = scale * x[x0 + b * I + i]!;
        const wi = i * J;
        for (let j = 0; j < J; j++) w1[wi + j] -= xi * d1[db + j]!;
      }
    }
    return loss;
  }
}

/** TensorFlow.js, float32: the step as whole-array ops. */
class TfTrainer {
  private w1: tf.Tensor2D;
  private w2: tf.Tensor2D;
  constructor(w: Weights, private readonly rate: number) {
    this.w1 = tf.tensor2d(Float32Array.from(w.w1), [I, J]);
    this.w2 = tf.tensor2d(Float32Array.from(w.w2), [J, K]);
  }

  step(d: Digits, from: number, B: number): number {
    const t = new Float32Array(B * K).fill(0.01);
    for (let b = 0; b < B; b++) t[b * K + d.labels[from + b]!] = 0.99;
    const [w1, w2, loss] = tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(d.pixels.subarray(from * I, (from + B) * I)), [B, I]);
      const h = tf.sigmoid(tf.matMul(x, this.w1));
      const o = tf.sigmoid(tf.matMul(h, this.w2));
      const e = tf.sub(tf.tensor2d(t, [B, K]), o);
      const d2 = tf.mul(tf.mul(tf.mul(e, -2), o), tf.sub(1, o));
      const d1 = tf.mul(tf.mul(tf.matMul(d2, this.w2, false, true), h), tf.sub(1, h));
      const scale = this.rate / B;
      return [
        tf.sub(this.w1, tf.mul(tf.matMul(x, d1, true, false), scale)),
        tf.sub(this.w2, tf.mul(tf.matMul(h, d2, true, false), scale)),
        tf.sum(tf.square(e)),
      ] as [tf.Tensor2D, tf.Tensor2D, tf.Tensor];
    });
    tf.dispose([this.w1, this.w2]);
    this.w1 = w1;
    this.w2 = w2;
    const value = loss.dataSync()[0]!;
    loss.dispose();
    return value;
  }
}

function main(): void {
  const { values } = parseArgs({ options: { samples: { type: 'string' }, rounds: { type: 'string' }, batches: { type: 'string' } } });
  const samples = Number(values.samples ?? 2048);
  const rounds = Number(values.rounds ?? 5);
  const batches = (values.batches ?? '1,32,128').split(',').map(Number);
  tf.setBackend('cpu');
  // The CPU backend's first write suggests the native Node backend; that advice is not this comparison's.
  tf.env().set('IS_NODE', false);
  const digits = slice(loadDigits(1), 0, samples);
  const sizes = { inputs: I, hidden: J, outputs: K };
  const rate = 0.1;
  const flops = (B: number) => 2 * B * (3 * I * J + 3 * J * K);
  process.stdout.write(`784-${J}-10 network, one SGD step per batch over ${samples} digits, best of ${rounds} rounds (node ${process.version}, ${tf.getBackend()} backend for tfjs)\n\n`);
  process.stdout.write('| batch | Kronecker (float64) | hand-written JS (float64) | tfjs-core + cpu backend (float32) |\n|---:|---:|---:|---:|\n');
  for (const B of batches) {
    const kron = new Trainer(sizes, initialWeights(sizes, 1));
    const hand = new HandTrainer(initialWeights(sizes, 1), B);
    const tfT = new TfTrainer(initialWeights(sizes, 1), rate);
    const runs: Record<string, (from: number, count: number) => number> = {
      kronecker: (from, count) => kron.step(digits, from, count, rate),
      hand: (from, count) => hand.step(digits, from, count, rate),
      tfjs: (from, count) => tfT.step(digits, from, count),
    };
    const best: Record<string, number> = { kronecker: Infinity, hand: Infinity, tfjs: Infinity };
    const steps = Math.floor(samples / B);
    for (let r = 0; r < rounds + 1; r++) {
      for (const [name, step] of Object.entries(runs)) {
        const start = performance.now();
        for (let s = 0; s < steps; s++) step(s * B, B);
        const seconds = (performance.now() - start) / 1000;
        if (r > 0) best[name] = Math.min(best[name]!, seconds); // round 0 warms up
      }
    }
    const cell = (name: string) => {
      const perSecond = (steps * B) / best[name]!;
      return `${Math.round(perSecond).toLocaleString('en-US')} samples/s (${((perSecond / B) * flops(B) / 1e9).toFixed(2)} GFLOP/s)`;
    };
    process.stdout.write(`| ${B} | ${cell('kronecker')} | ${cell('hand')} | ${cell('tfjs')} |\n`);
  }
}

main();
