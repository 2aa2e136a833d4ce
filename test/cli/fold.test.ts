// `kronecker derive --fold`: defined names written where their bodies were, with the
// derivative forms they imply; checked numerically (--check) and step by step.

import { describe, expect, it } from 'vitest';
import { cli as run } from './run.js';

const cli = (...argv: string[]) => run(argv);

const SEED_E = String.raw`E = \sum_k (t_k - o_k)^2`;
const SEED_O = String.raw`o_k = \sigma(\sum_j w_{jk} o_j)`;
const CE_ONE = String.raw`p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}; L = -\sum_i y_i \log p_i; \sum_i y_i = 1`;

describe('kronecker derive --fold', () => {
  it.each([
    [[SEED_E, '--where', SEED_O, '--wrt', 'w_{jk}'], String.raw`\frac{\partial E}{\partial w_{jk}} = -2(t_k - o_k) o_k (1 - o_k) o_j`],
    [[String.raw`h_j = \tanh(\sum_i W_{ji} x_i + b_j); L = \frac{1}{2} \sum_j (h_j - t_j)^2`, '--wrt', 'W_{ji}'],
      String.raw`\frac{\partial L}{\partial W_{ji}} = (h_j - t_j) (1 - h_j^2) x_i`],
    [[String.raw`s_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`, '--wrt', 'z_k'], String.raw`\frac{\partial s_i}{\partial z_k} = s_i (\delta_{ik} - s_k)`],
    [[CE_ONE, '--wrt', 'z_k'], String.raw`\frac{\partial L}{\partial z_k} = p_k - y_k`],
  ])('%j', async (argv, expected) => {
    const r = await cli('derive', ...argv, '--fold', '--check');
    expect(r.out).toBe(expected);
    expect(r.err).toMatch(/^check: ok/);
    expect(r.code).toBe(0);
  });

  it('without --fold the seed prints expression two (σ written out)', async () => {
    const r = await cli('derive', SEED_E, '--where', SEED_O, '--wrt', 'w_{jk}');
    expect(r.out).toContain(String.raw`\sigma\left(\sum_{j} w_{jk} o_j\right) \left(1 - \sigma\left(\sum_{j} w_{jk} o_j\right)\right) o_j`);
  });

  it('--fold in text syntax and JSON', async () => {
    const r = await cli('derive', 'o[k] = sigmoid(sum(j, w[j,k]*o[j])); E = sum(k, (t[k] - o[k])^2)', '--wrt', 'w[j,k]', '--fold', '--format', 'json');
    expect(JSON.parse(r.out).result.text).toBe('-2 * (t[k] - o[k]) * o[k] * (1 - o[k]) * o[j]');
  });

  it('the brief proof of softmax with cross-entropy: at most 8 rows, the lemma one of them, every step checked', async () => {
    const r = await cli('derive', CE_ONE, '--wrt', 'z_k', '--fold', '--steps', '--detail', 'brief', '--format', 'text', '--check');
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => /^Step \d+:/.test(l));
    expect(rows.length).toBeLessThanOrEqual(8);
    expect(rows.some((l) => l.includes('derivative of softmax'))).toBe(true);
    expect(r.out).toContain('Result: p[k] - y[k]');
    expect(r.err).toMatch(/steps: ok — all \d+ steps checked/);
  });

  it('is listed in --help', async () => {
    const r = await cli('derive', '--help');
    expect(r.out).toContain('--fold');
  });
});
