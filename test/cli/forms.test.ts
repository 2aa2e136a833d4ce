// `kronecker derive --form matrix|einsum`: the result as the Matrix Cookbook writes it, or as
// einsum lines; where no matrix form exists, a note and the einsum form. (The forms' values are
// checked against the derivative in test/compile/python.test.ts.)

import { describe, expect, it } from 'vitest';
import { cli as run } from './run.js';

const cli = (...argv: string[]) => run(['derive', ...argv]);
const SEED = ['E = \\sum_k (t_k - o_k)^2', '--where', 'o_k = \\sigma(\\sum_j w_{jk} o_j)', '--wrt', 'w_{jk}'];

describe('kronecker derive --form', () => {
  it('matrix: the seed gradient with its shared and transposed vectors named', async () => {
    const r = await cli(...SEED, '--form', 'matrix');
    expect(r.out.trimEnd().split('\n')).toEqual([
      '\\frac{\\partial E}{\\partial W} = -2 \\mathbf{o}\\,\\boldsymbol{\\delta}^\\top',
      '\\quad \\mathbf{a} = \\sigma\\left(W^\\top \\mathbf{o}\\right)',
      '\\quad \\boldsymbol{\\delta} = \\left(\\mathbf{t} - \\mathbf{a}\\right) \\odot \\mathbf{a} \\odot \\left(\\mathbf{1} - \\mathbf{a}\\right)',
    ]);
    expect(r.code).toBe(0);
  });

  it('matrix: rows follow the variable\'s indices (∂/∂W_{ji} has rows j)', async () => {
    const r = await cli('E = \\sum_j (\\sum_i W_{ji} x_i - y_j)^2', '--wrt', 'W_{ji}', '--form', 'matrix');
    expect(r.out.trim()).toBe('\\frac{\\partial E}{\\partial W} = 2 \\left(W \\mathbf{x} - \\mathbf{y}\\right)\\,\\mathbf{x}^\\top');
  });

  it('matrix: none for rank 3, said on stderr, with the einsum form', async () => {
    const r = await cli('\\sum_i \\sum_j \\sum_k T_{ijk} x_i y_j z_k', '--wrt', 'T_{abc}', '--form', 'matrix');
    expect(r.err).toMatch(/^note: no matrix form \(the result has 3 free indices\)/);
    expect(r.out.trim()).toBe("result = einsum('a,b,c->abc', x, y, z)");
    expect(r.code).toBe(0);
  });

  it('einsum: lines in the formula\'s names and letters', async () => {
    const r = await cli(...SEED, '--form', 'einsum');
    expect(r.out.trim()).toBe("z0 = sigmoid(einsum('jk,j->k', w, o))\ndE_dw = -2 * einsum('k,j->jk', (t - z0) * z0 * (1.0 - z0), o)");
  });

  it('refuses a form with --steps or --format json, and an unknown form', async () => {
    expect((await cli(...SEED, '--form', 'matrix', '--steps')).code).toBe(2);
    expect((await cli(...SEED, '--form', 'einsum', '--format', 'json')).code).toBe(2);
    const r = await cli(...SEED, '--form', 'tensor');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--form/);
  });
});
