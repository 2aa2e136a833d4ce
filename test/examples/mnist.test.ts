// The MNIST example (examples/mnist): the derived, compiled gradients train the network on real
// digits, and they are the loss's derivatives (finite differences of the compiled E).

import { describe, expect, it } from 'vitest';
import { compileAll } from '../../src/compile/index.js';
import { CLASSES, loadDigits, PIXELS, random, slice } from '../../examples/mnist/data.js';
import { compileNetwork, KEYS } from '../../examples/mnist/network.js';
import { initialWeights, train, Trainer } from '../../examples/mnist/train.js';

const digits = loadDigits(3);

describe('MNIST example', () => {
  it('one epoch on 1,500 digits classifies 500 others far above chance (10%)', () => {
    const start = performance.now();
    const { trainer, epochs } = train(slice(digits, 0, 1500), slice(digits, 1500, 500), { hidden: 30, rate: 0.1, epochs: 1, batch: 1, seed: 3 });
    expect(epochs[0]!.testAccuracy).toBeGreaterThan(0.7);
    expect(trainer.accuracy(slice(digits, 1500, 500))).toBe(epochs[0]!.testAccuracy);
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it('mini-batches of 16 train too', () => {
    const { epochs } = train(slice(digits, 0, 1600), slice(digits, 1600, 400), { hidden: 30, rate: 0.3, epochs: 1, batch: 16, seed: 4 });
    expect(epochs[0]!.testAccuracy).toBeGreaterThan(0.3);
  });

  it('the compiled gradients equal central differences of the compiled loss', () => {
    const sizes = { inputs: PIXELS, hidden: 12, outputs: CLASSES };
    const weights = initialWeights(sizes, 9);
    const trainer = new Trainer(sizes, weights);
    const B = 3;
    const x = digits.pixels.slice(0, B * PIXELS);
    const t = new Float64Array(B * CLASSES).fill(0.01);
    for (let b = 0; b < B; b++) t[b * CLASSES + digits.labels[b]!] = 0.99;
    const sizesOf = { i: PIXELS, j: sizes.hidden, k: CLASSES };
    // E summed over the batch, compiled from the loss formula alone.
    const loss = compileAll([trainer.formulas.loss], { free: [[]] });
    const lossOf = (b: number) => loss.fn({ values: { [KEYS.x]: x.subarray(b * PIXELS, (b + 1) * PIXELS), [KEYS.w1]: weights.w1, [KEYS.w2]: weights.w2, [KEYS.t]: t.subarray(b * CLASSES, (b + 1) * CLASSES) }, sizes: sizesOf })[0]!.value as number;
    const total = () => [0, 1, 2].reduce((s, b) => s + lossOf(b), 0);
    const batched = compileNetwork(trainer.formulas, true).fn({ values: { [KEYS.x]: x, [KEYS.w1]: weights.w1, [KEYS.w2]: weights.w2, [KEYS.t]: t }, sizes: { ...sizesOf, b: B } });
    const g2 = batched[2]!.value as Float64Array;
    const g1 = batched[3]!.value as Float64Array;
    expect((batched[1]!.value as Float64Array).reduce((s, v) => s + v, 0)).toBeCloseTo(total(), 12);
    const rand = random(5);
    const h = 1e-5;
    // Hidden weights on pixels that are dark in every digit (x = 0.01) too: their gradient is small but not 0.
    for (const [w, g] of [[weights.w1, g1], [weights.w2, g2]] as const) {
      for (let n = 0; n < 6; n++) {
        const at = Math.floor(rand() * w.length);
        const keep = w[at]!;
        w[at] = keep + h;
        const up = total();
        w[at] = keep - h;
        const down = total();
        w[at] = keep;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(g[at]! - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('a compiled SGD step moves each weight by −(rate/B)·Σ_b ∂E_b/∂w, the gradient kernel\'s', () => {
    const sizes = { inputs: PIXELS, hidden: 8, outputs: CLASSES };
    const start = initialWeights(sizes, 2);
    const copy = { w1: Float64Array.from(start.w1), w2: Float64Array.from(start.w2) };
    const trainer = new Trainer(sizes, copy);
    for (const B of [1, 5]) {
      const before = { w1: Float64Array.from(trainer.weights.w1), w2: Float64Array.from(trainer.weights.w2) };
      const t = new Float64Array(B * CLASSES).fill(0.01);
      for (let b = 0; b < B; b++) t[b * CLASSES + digits.labels[10 + b]!] = 0.99;
      const values = { [KEYS.x]: digits.pixels.slice(10 * PIXELS, (10 + B) * PIXELS), [KEYS.w1]: before.w1, [KEYS.w2]: before.w2, [KEYS.t]: t };
      const g = compileNetwork(trainer.formulas, true).fn({ values, sizes: { i: PIXELS, j: 8, k: CLASSES, b: B } });
      const loss = trainer.step(digits, 10, B, 0.3);
      expect(loss).toBeCloseTo((g[1]!.value as Float64Array).reduce((a, v) => a + v, 0), 12);
      for (const [w, was, grad] of [[trainer.weights.w1, before.w1, g[3]!.value], [trainer.weights.w2, before.w2, g[2]!.value]] as const) {
        const gr = grad as Float64Array;
        const worst = w.reduce((m, v, n) => Math.max(m, Math.abs(v - (was[n]! - (0.3 / B) * gr[n]!))), 0);
        expect(worst).toBeLessThan(1e-15);
        expect(w.some((v, n) => v !== was[n])).toBe(true);
      }
    }
  });
});
