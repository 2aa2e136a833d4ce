// `\sigma^2 = …` (a variance as textbooks define it) defines σ as the non-negative square root of the
// right side: a formula in σ² then depends on what the variance is made of (read as a fact, `v^2 = a + b`
// would leave v an input and make ∂/∂a of a formula in v zero, a confident wrong answer).

import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';

describe('the square of a variable on the left defines the variable', () => {
  it('v^2 = a + b: a formula in v depends on a', async () => {
    const r = await cli(['derive', String.raw`v^2 = a + b; y = \frac{x}{\sqrt{v^2 + \epsilon}}`, '--wrt', 'a', '--check']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/= 0$/);
    expect(r.err).toMatch(/^check: ok/);
  });

  it('batch normalisation with \\sigma_B^2 = … (Ioffe & Szegedy, Algorithm 1, the index B written plain)', async () => {
    const bn = String.raw`\mu_B = \frac{1}{m}\sum_{i=1}^{m} x_i; \sigma_B^2 = \frac{1}{m}\sum_{i=1}^{m} (x_i - \mu_B)^2; ` +
      String.raw`\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}; y_i = \gamma \hat{x}_i + \beta`;
    const r = await cli(['derive', bn, '--wrt', 'x_k', '--check', '--indices', 'i=3,k=3,m=3']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^check: ok/);
  });

  it('another power on the left stays a fact', async () => {
    const r = await cli(['derive', 'v^3 = a; y = v x', '--wrt', 'x']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('d/dx(y) = v');
  });
});
