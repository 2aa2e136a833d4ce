// The evaluators of the function table that are not Math built-ins: erf (series
// and continued fraction) and GELU (built from erf's source), checked against
// published values and against an independent quadrature.

import { describe, expect, it } from 'vitest';
import { erf, functionByName, gelu, LEAKY_SLOPE } from '../src/functions.js';

/** erf by composite Simpson's rule on 2/√π e^{-t²} over [0, x], 20000 panels: an independent reference. */
function erfBySimpson(x: number): number {
  const n = 20000;
  const h = x / n;
  let s = 1 + Math.exp(-x * x);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return (2 / Math.sqrt(Math.PI)) * (h / 3) * s;
}

describe('erf', () => {
  // Abramowitz & Stegun, table 7.1, and Wolfram|Alpha to 16 digits.
  it.each([
    [0.01, 0.011283415555849618], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [-1.5, -0.9661051464753108],
    [2, 0.9953222650189527], [2.9, 0.9999589021219005], [3, 0.9999779095030014], [4, 0.9999999845827421],
  ])('erf(%f) to a relative 1e-14', (x, want) => {
    expect(Math.abs(erf(x) - want) / Math.abs(want)).toBeLessThan(1e-14);
  });

  it('agrees with quadrature on both sides of the switch at |x| = 3, is odd, and is ±1 far out', () => {
    for (let x = -5.9; x < 6; x += 0.137) {
      expect(Math.abs(erf(x) - erfBySimpson(x))).toBeLessThan(1e-13);
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(erf(0)).toBe(0);
    expect(erf(7)).toBe(1);
    expect(erf(-30)).toBe(-1);
  });
});

describe('activation functions', () => {
  it('GELU is x Φ(x) with Φ from erf', () => {
    for (const x of [-4, -1.3, -0.2, 0, 0.7, 2.5, 9]) {
      expect(gelu(x)).toBeCloseTo(0.5 * x * (1 + erf(x / Math.SQRT2)), 14);
    }
    expect(gelu(1)).toBeCloseTo(0.8413447460685429, 15); // Φ(1)
  });

  it('leaky ReLU has the documented slope below 0, ELU has α = 1', () => {
    const leaky = functionByName('LeakyReLU')!;
    expect(leaky.eval(-2)).toBe(-2 * LEAKY_SLOPE);
    expect(leaky.eval(3)).toBe(3);
    const elu = functionByName('ELU')!;
    expect(elu.eval(-1)).toBeCloseTo(Math.exp(-1) - 1, 15);
    expect(elu.eval(2)).toBe(2);
  });
});
