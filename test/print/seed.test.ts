// The seed's own formulas (as the user wrote them) print in the house style and read back.

import { describe, expect, it } from 'vitest';
import { withoutStyle } from '../../src/core/ast.js';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';

const SEED = [
  String.raw`\frac{\partial E}{\partial w_{jk}} = -2(t_k - o_k) \cdot \text{sigmoid}\left(\sum_j w_{jk} \cdot o_j\right) \cdot (1 - \text{sigmoid}\left(\sum_j w_{jk} \cdot o_j\right)) \cdot \frac{\partial}{\partial w_{jk}} \left(\sum_j w_{jk} \cdot o_j\right)`,
  String.raw`\frac{\partial E}{\partial w_{j,k}} = -2(t_{k} - o_{k}) \cdot \text{sigmoid}(\sum_{j} w_{j,k} \cdot o_{j})(1 - \text{sigmoid}(\sum_{j} w_{j,k} \cdot o_{j})) \cdot \frac{\partial (\sum_{j} w_{j,k} \cdot o_{j})}{\partial w_{j,k}}`,
  String.raw`\frac{\partial (\sum_{j} w_{j,k} \cdot o_{j})}{\partial w_{j,k}} = o_{j}`,
];

describe('seed formulas', () => {
  it('print in the house style', () => {
    expect(toLatex(parse(SEED[0]!))).toBe(String.raw`\frac{\partial E}{\partial w_{jk}} = -2(t_k - o_k) \text{sigmoid}\left(\sum_{j} w_{jk} o_j\right) \left(1 - \text{sigmoid}\left(\sum_{j} w_{jk} o_j\right)\right) \frac{\partial}{\partial w_{jk}} \left(\sum_{j} w_{jk} o_j\right)`);
    expect(toText(parse(SEED[2]!))).toBe('d/dw[j,k](sum(j, w[j,k] * o[j])) = o[j]');
  });

  it.each(SEED)('read back: %s', (source) => {
    const e = parse(source);
    expect(parse(toLatex(e), { syntax: 'latex' })).toBe(e);
    expect(parse(toText(e), { syntax: 'text' })).toBe(withoutStyle(e));
  });
});
