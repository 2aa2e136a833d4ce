// `--check` on a formula that itself contains derivatives (a Hessian entry, ∂/∂y of ∂E/∂x):
// each inner derivative is evaluated and compared with finite differences of its body, then the
// result with finite differences of the whole, so no level is taken on trust.

import { describe, expect, it } from 'vitest';
import { num, type Var } from '../../src/core/ast.js';
import { checkResult, describeCheck } from '../../src/cli/check.js';
import { derive } from '../../src/derive/index.js';
import { parse } from '../../src/parse/index.js';
import { cli } from './run.js';

describe('--check with derivatives inside the formula', () => {
  it('checks a Hessian entry of least squares by its inner derivatives and the outer one', async () => {
    const hessian = String.raw`\frac{\partial^2}{\partial x_j \partial x_k} \frac{1}{2} \sum_i (\sum_l A_{il} x_l - b_i)^2`;
    const r = await cli(['derive', hessian, '--wrt', 'A_{pq}', '--check']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^check: ok — .* \(with the 2 derivatives inside the formula, each checked the same way\)$/);
  });

  it('a derivative by a definition of a derivative: ∂F/∂y with F = ∂E/∂x', async () => {
    const r = await cli(['derive', String.raw`E = x^3 y; F = \frac{\partial E}{\partial x}`, '--wrt', 'y', '--check']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(String.raw`\frac{\partial F}{\partial y} = 3 x^2`);
    expect(r.err).toContain('with the derivative inside the formula');
  });

  it('a wrong result for a formula with an inner derivative fails the check', () => {
    const target = parse(String.raw`\frac{\partial}{\partial x} x^3 y`);
    const wrt = parse('y') as Var;
    const right = derive(target, wrt);
    expect(checkResult(target, wrt, right, []).ok).toBe(true);
    const wrong = checkResult(target, wrt, { raw: num(3), result: parse('3 x') }, []);
    expect(wrong.ok).toBe(false);
    expect(describeCheck(wrong)).toMatch(/^check: FAILED/);
  });

  it('counts the points of every level', () => {
    const target = parse(String.raw`\frac{\partial}{\partial x} x^3 y`);
    const wrt = parse('y') as Var;
    const plain = parse('x^3 y');
    const inner = checkResult(target, wrt, derive(target, wrt), []);
    const outer = checkResult(plain, wrt, derive(plain, wrt), []);
    expect(inner.innerDerivatives).toBe(1);
    expect(outer.innerDerivatives).toBe(0);
    expect(inner.checked).toBeGreaterThan(outer.checked);
  });
});
