// `derive --check` where the formula is more than inputs: a formula that itself contains
// derivatives (a Hessian entry, ∂/∂y of ∂E/∂x), where each inner derivative is evaluated and
// compared with finite differences of its body, then the result with finite differences of the
// whole, so no level is taken on trust; and a derivative by a defined quantity (`--wrt o_k`).

import { describe, expect, it } from 'vitest';
import { num, type Var } from '../../src/core/ast.js';
import { checkResult, describeCheck } from '../../src/cli/check.js';
import { derive } from '../../src/derive/index.js';
import { parse, parseFormulas } from '../../src/parse/index.js';
import { resolveDefinitions } from '../../src/definitions.js';
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

describe('--check by a defined quantity', () => {
  it('varies the defined quantity on its own, apart from the input of the same name', async () => {
    const seed = String.raw`o_k = \sigma(\sum_j w_{jk} o_j); E = \sum_k (t_k - o_k)^2`;
    const r = await cli(['derive', seed, '--wrt', 'o_k', '--check']);
    expect(r.out).toBe(String.raw`\frac{\partial E}{\partial o_k} = -2(t_k - o_k)`);
    expect(r.err).toMatch(/^check: ok/);
    const chain = await cli(['derive', 'E = x^2; G = E + x; F = 3 G^2', '--wrt', 'E', '--check']);
    expect(chain.out).toBe('d/dE(F) = 6 * G');
    expect(chain.err).toMatch(/^check: ok/);
  });

  it('a wrong result by a defined quantity fails, the right one passes', () => {
    const { definitions, target, extra } = resolveDefinitions(parseFormulas('E = x^2; F = 3 E'), [parse('E')]);
    const wrt = extra[0] as Var;
    expect(checkResult(target, wrt, { raw: num(3), result: num(3) }, definitions).ok).toBe(true);
    expect(checkResult(target, wrt, { raw: num(2), result: num(2) }, definitions).ok).toBe(false);
  });
});
