// Random differentiable expressions in index notation, differentiated by
// both drivers and checked against central finite differences at every index
// combination. The generator is our own (test/arbitrary.ts makes every
// parsable shape, including out-of-range shifted reads and x^y of negatives,
// which have no numeric derivative to compare with): smooth functions,
// positive denominators, small integer powers, sums that shadow or capture.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, call, children, diff, div, type Expr, inum, ivar, mul, neg, num, pow, sum, variable, type Var,
} from '../../src/core/ast.js';
import { checkDerivative } from '../../src/check.js';
import { InputError } from '../../src/core/errors.js';
import { derive, differentiate, evaluateDiffsWithSteps, makeContext } from '../../src/derive/index.js';

const [j, k] = [ivar('j'), ivar('k')];
const LEAVES: readonly Expr[] = [
  variable('x'), variable('y'), num(2), num(0.5),
  variable('w', [j, k]), variable('w', [k, j]), variable('w', [j, j]), variable('w', [inum(1), k]),
  variable('o', [j]), variable('o', [k]), variable('t', [k]),
];
const WRT: readonly Var[] = [variable('x'), variable('w', [j, k]), variable('o', [j]), variable('w', [inum(2), inum(1)])];
const SMOOTH = ['sigmoid', 'tanh', 'sin', 'cos', 'softplus'];

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map(add),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map(mul),
    tie('e').map(neg),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => div(a, add([num(2), pow(b, num(2))]))),
    fc.tuple(tie('e'), fc.constantFrom(2, 3)).map(([a, n]) => pow(a, num(n))),
    fc.tuple(fc.constantFrom(...SMOOTH), tie('e')).map(([fn, a]) => call(fn, [a])),
    fc.tuple(fc.constantFrom('j', 'k'), tie('e')).map(([i, body]) => sum(i, body)),
  ),
})).e;

function allVars(e: Expr): Var[] {
  return e.kind === 'var' ? [e] : children(e).flatMap(allVars);
}

describe('random differentiable expressions', () => {
  it('fast and step drivers agree, and the derivative matches finite differences', () => {
    fc.assert(
      fc.property(expr, fc.constantFrom(...WRT), fc.integer({ min: 1, max: 1000 }), (f, wrt, seed) => {
        const raw = differentiate(f, wrt, makeContext());
        expect(evaluateDiffsWithSteps(diff(f, wrt), makeContext()).result).toBe(raw);
        const sizes = { j: 2 + (seed % 2), k: 2 };
        // The library refuses a variable that does not occur (a typo); its raw derivative is still 0.
        const occurs = allVars(f).some((v) => v.name === wrt.name && v.indices.length === wrt.indices.length);
        if (!occurs) expect(() => derive(f, wrt)).toThrow(InputError);
        for (const claimed of occurs ? [raw, derive(f, wrt).result] : [raw]) {
          const report = checkDerivative({ f, wrt, derivative: claimed, sizes, trials: 1, seed, tolerance: 1e-5 });
          expect(report.ok, JSON.stringify(report.failures.slice(0, 2))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
