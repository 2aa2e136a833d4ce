// Rashid's three-layer network ("Make Your Own Neural Network": 784-100-10,
// sigmoid, squared error): the hidden-layer gradient must come out as the
// textbook back-propagation formula — the Σ_k over the output errors first,
// then the hidden sigmoid's derivative, then x_i — and be numerically right.

import { describe, expect, it } from 'vitest';
import type { Var } from '../../src/core/ast.js';
import { checkDerivative } from '../../src/check.js';
import { resolveDefinitions, unfoldAll } from '../../src/definitions.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';

const NETWORK = String.raw`o_j = \sigma(\sum_i w_{ij} x_i); o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;
const DECLARED = { i: 784, j: 100, k: 10 };

function hidden() {
  const r = resolveDefinitions(parseFormulas(NETWORK), [parse('w_{ij}')], { sizes: DECLARED });
  const wrt = r.extra[0] as Var;
  return { ...r, wrt, d: derive(r.target, wrt, { definitions: r.definitions, sizes: DECLARED }) };
}

describe("Rashid's network, hidden layer ∂E/∂w_{ij}", () => {
  it('is the textbook back-propagation formula', () => {
    expect(toLatex(hidden().d.result)).toBe(String.raw`-2\left(\sum_{k} (t_k - o_k) \sigma\left(\sum_{j} w_{jk} o_j\right) \left(1 - \sigma\left(\sum_{j} w_{jk} o_j\right)\right) w_{jk}\right) \sigma\left(\sum_{i} w_{ij} x_i\right) \left(1 - \sigma\left(\sum_{i} w_{ij} x_i\right)\right) x_i`);
  });

  it('agrees with central finite differences (sizes 3, 2, 2 for i, j, k)', () => {
    const { d, target, wrt, definitions } = hidden();
    const report = checkDerivative({
      f: unfoldAll(target, definitions), wrt, derivative: unfoldAll(d.result, definitions), sizes: { i: 3, j: 2, k: 2 },
    });
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThanOrEqual(12);
  });

  it('leaves the output layer alone: w_{jk} is another matrix once the ranges are declared', () => {
    const { d } = hidden();
    expect(toLatex(d.result)).not.toContain(String.raw`\delta`);
    expect(toLatex(d.result).match(/w_\{jk\}/g)?.length).toBe(3);
  });
});
