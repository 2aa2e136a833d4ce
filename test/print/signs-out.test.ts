// `signsOut` (the proofs' printing): a later term of a sum whose sign sits inside it
// prints as ` - ` and its positive part. The LaTeX and the text read back as another
// tree (a minus in front), so the property is the value: parse(print(e)) evaluates
// like e, at random inputs, at every assignment of the free indices.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, div, type Expr, mul, neg, num, sum, variable, ivar } from '../../src/core/ast.js';
import { parse } from '../../src/parse/index.js';
import { toLatex, toText } from '../../src/print/index.js';
import { checkSteps } from '../../src/proof/index.js';

const opts = { restoreBoundLetters: false, signsOut: true } as const;

/** Whether `a` and `b` evaluate equal (the proof checker, on one step a → b): 'unknown' where neither has a value. */
function sameValue(a: Expr, b: Expr): 'equal' | 'differ' | 'unknown' {
  const report = checkSteps({ goal: a, steps: [{ rule: 'alg.reorder', before: a, after: b, focus: a, replacement: b, params: {} }], result: b }, { trials: 1 });
  if (report.ok) return 'equal';
  return report.steps.some((s) => s.problems.some((p) => p.includes('≠'))) ? 'differ' : 'unknown';
}

describe('signsOut', () => {
  const x = variable('x');
  const y = variable('y');
  const xi = variable('x', [ivar('i')]);

  it('prints the sign of a later term in front of it', () => {
    expect(toLatex(add([y, sum('i', neg(xi))]), opts)).toBe(String.raw`y - \sum_{i} x_i`);
    expect(toLatex(add([y, sum('i', neg(xi))]), { restoreBoundLetters: false })).toBe(String.raw`y + \sum_{i} (-x_i)`);
    expect(toLatex(add([y, div(neg(x), y)]), opts)).toBe(String.raw`y - \frac{x}{y}`);
    expect(toText(add([y, div(neg(x), y)]), opts)).toBe('y - x / y');
    expect(toLatex(add([y, mul([neg(x), y])]), opts)).toBe('y - x y');
    expect(toLatex(add([y, sum('i', mul([neg(xi), div(neg(x), y)]))]), opts)).toBe(String.raw`y - \sum_{i} x_i \frac{-x}{y}`);
    // A first term keeps its form; so does a product of sums.
    expect(toLatex(add([sum('i', neg(xi)), y]), opts)).toBe(String.raw`\sum_{i} (-x_i) + y`);
  });

  it('keeps the value: parse(print(e)) evaluates like e', () => {
    // Small trees over scalars (arbExpr's arrays take several ranks, which the checker's random inputs refuse).
    const { tree: parts } = fc.letrec<{ tree: Expr }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(x, y, variable('b'), num(2), num(3)),
        fc.tuple(tie('tree'), tie('tree')).map(([p, q]) => add([p, q])),
        fc.tuple(tie('tree'), tie('tree')).map(([p, q]) => mul([p, q])),
        fc.tuple(tie('tree'), tie('tree')).map(([p, q]) => div(p, add([q, mul([q, q]), num(1)]))),
        tie('tree').map((p) => neg(p)),
        tie('tree').map((p) => call('exp', [p])),
      ),
    }));
    let equal = 0;
    const term = fc.tuple(parts, parts, fc.integer({ min: 0, max: 2 })).map(([b, c, shape]) =>
      shape === 0 ? sum('i', neg(mul([variable('w', [ivar('i')]), b]))) : shape === 1 ? div(neg(b), c) : mul([neg(b), c]));
    fc.assert(fc.property(parts, term, (a, t) => {
      const e = add([a, t]);
      const latex = toLatex(e, opts);
      // The term after `a` is printed with a minus in front.
      expect(latex.slice(toLatex(add([a, x]), opts).length - 4)).toMatch(/^ - /);
      const verdicts = [sameValue(e, parse(latex, { syntax: 'latex' })), sameValue(e, parse(toText(e, opts), { syntax: 'text' }))];
      expect(verdicts).not.toContain('differ');
      if (verdicts.every((v) => v === 'equal')) equal++;
    }), { numRuns: 150 });
    expect(equal).toBeGreaterThan(75); // most draws have a value to compare
  });
});
