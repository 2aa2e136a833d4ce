// Issue 9's guards through the command line: a refused notation exits 2 with
// one error line, the source line and a caret under the refused text.

import { describe, expect, it } from 'vitest';
import { cli as run } from './run.js';

const cli = (...argv: string[]) => run(argv);

describe('refused notation exits 2 with a caret', () => {
  it.each([
    // [argv, start of the message, the caret line]
    // Matrix notation is read (test/parse/matrix.test.ts, test/cli/matrix.test.ts); what it cannot be is refused.
    [['derive', 'x_j^T y_j', '--wrt', 'x_k'], 'error: x_{j} is an entry (a number: a name with a subscript)', '   ^^'],
    [['parse', String.raw`W \mathbf{x}`, '--shapes', 'W: j×k, x: j'], String.raw`error: dimension mismatch in a product: a j×k matrix (W) times a vector of length j (\mathbf{x})`, '  ^^^^^^^^^^'],
    // The inverse and the determinant are read of a matrix name (test/parse/matrix.test.ts), not of an expression.
    [['derive', String.raw`(A + X)^{-1} + A^\top`, '--wrt', 'X'], 'error: the inverse is read of a matrix name only', ' ^'],
    [['derive', String.raw`\det(A X)`, '--wrt', 'A'], String.raw`error: the determinant is read of a matrix name only`, '^^^^'],
    // Function definitions are read (test/parse/fundefs.test.ts); a head with an index is still refused.
    [['derive', String.raw`h_\theta(x) = \theta x`, '--wrt', String.raw`\theta`], String.raw`error: h_\theta(x) = … defines a function whose name has an index`, '^'.repeat(11)],
    [['derive', "f'(x) = 2 x", '--wrt', 'x'], "error: f'(x) = … defines a derivative", '^'.repeat(5)],
    [['simplify', String.raw`\sigmoid(x)`], String.raw`error: unknown command \sigmoid; did you mean \operatorname{sigmoid} or \sigma(…)?`, '^'.repeat(8)],
    [['derive', 'E = x', '--where', 'f_k(x) = x^2', '--wrt', 'x'], 'error: in --where: f_k(x) = … defines a function whose name has an index', '^^^^^^'],
  ])('%j', async (argv, message, caret) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.startsWith(message)).toBe(true);
    expect(lines[2]).toBe(caret);
  });
});

describe('the spellings the messages recommend are read', () => {
  it.each([
    [['derive', String.raw`\sum_j \theta_j x_j`, '--wrt', String.raw`\theta_k`], String.raw`= x_k`],
    [['derive', String.raw`\sum_i X_{ii}`, '--wrt', 'X_{kl}'], String.raw`= \delta_{kl}`],
    [['derive', String.raw`J = \frac{1}{2} \theta^2`, '--wrt', String.raw`\theta`], String.raw`= \theta`],
    [['derive', String.raw`J(\theta) = \frac{1}{2} \theta^2`, '--wrt', String.raw`\theta`], String.raw`= \theta`],
    [['derive', String.raw`x^{{T}}`, '--wrt', 'x'], String.raw`= T x^{T - 1}`],
    [['derive', 'x^(T)', '--wrt', 'x'], '= T * x^(T - 1)'],
  ])('%j', async (argv, tail) => {
    const r = await cli(...argv, '--check');
    expect(r.code).toBe(0);
    expect(r.out.endsWith(tail)).toBe(true);
    expect(r.err).toMatch(/^check: ok/);
  });
});
