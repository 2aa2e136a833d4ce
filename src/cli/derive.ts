// kronecker derive: ∂target/∂wrt, simplified, optionally checked and explained.

import { type Gradient, gradientOf } from '../gradient.js';
import { InputError } from '../core/errors.js';
import { freeIndices } from '../core/indices.js';
import { checkJson, checkResult, describeCheck, notCheckable } from './check.js';
import { commonOptions, type Command, choiceOption, stringOption } from './command.js';
import { EXIT, UsageError } from './errors.js';
import { problemOptions, readInputs, resolveProblem, writtenOf } from './problem.js';
import type { Io } from './command.js';
import { PROOF_FORMATS, proofHelp, proofOptions, readProofSettings, writeProof } from './proof.js';

export const deriveCommand: Command = {
  name: 'derive',
  options: {
    ...commonOptions,
    ...problemOptions,
    ...proofOptions,
    wrt: { type: 'string' },
    format: { type: 'string' },
    check: { type: 'boolean' },
    fold: { type: 'boolean' },
    form: { type: 'string' },
  },
  help: `Usage: kronecker derive <formula> --wrt VARIABLE [options]

Differentiates the formula with respect to VARIABLE (x, w_{jk}, w[j,k]) and prints
∂target/∂VARIABLE = result, simplified to the form a person writes: Kronecker deltas
collapsed, no leftover sums, σ'(u) as σ(u)(1 - σ(u)).

The formula may hold several equations (separated by ';', ',', \\quad or newlines).
An equation whose left side is a variable (E = ..., o_k = ...) is a definition;
definitions are read in order and each sees only the earlier ones (so in
o_k = σ(Σ_j w_{jk} o_j) the o_j on the right is the previous layer's o). The last
definition is differentiated; other equations are assumptions the simplifier may use.

Options:
  --wrt VARIABLE          the variable to differentiate by (required)
  -w, --where DEFINITION  a definition in scope before the formula (repeatable)
  --of NAME               differentiate this defined name instead of the last one
  --shapes "W: j×k, x: j"  shapes of vectors and matrices in matrix notation
                          (E = \\|\\mathbf{t} - \\sigma(W^\\top \\mathbf{o})\\|^2); --wrt W is then W_{jk}
  --indices j=100,k=10    declare index ranges; distinct ranges make w_{ij} and w_{jk}
                          two different matrices
  --format latex|text|json   output (default: the syntax of the input)
  --fold                  write every instance of a defined body with its name, and the
                          derivatives it implies: o(1 - o) for o = σ(u), 1 - h^2 for
                          h = tanh u, s_i(δ_{ik} - s_k) for a softmax s
  --form index|matrix|einsum
                          index (default); matrix: a result of rank ≤ 2 as the Matrix Cookbook
                          writes it (vectors bold, W^\\top, ⊙, shared vectors named), or, where
                          none exists, a note and the einsum form; einsum: NumPy/PyTorch einsum
                          lines in the formula's own names and letters (docs/export.md)
  --check                 compare the result with central finite differences at random
                          points (sizes 0 to 7) for every index combination, by relative
                          error beyond rounding (docs/cli.md); exit 1 on a mismatch
  --syntax latex|text|auto   how to read the input (default auto)
  -f, --file FILE         read the formula from FILE ('-' is stdin)
${proofHelp}
Examples:
  kronecker derive "E = \\sum_k (t_k - o_k)^2" --where "o_k = \\sigma(\\sum_j w_{jk} o_j)" --wrt "w_{jk}"
  kronecker derive "sum(j, w[j,k]*o[j])" --wrt "w[j,k]" --format text
  kronecker derive "\\log(1 + e^{x})" --wrt x --check
  kronecker derive "\\sum_i \\sum_j x_i A_{ij} x_j" --wrt x_k --form matrix   # \\frac{\\partial …
`,
  run(args, io) {
    const { out } = io;
    const inputs = readInputs(args, 'derive', io.err);
    const problem = resolveProblem(inputs, stringOption(args, 'of'));
    if (problem.wrt === null) throw new UsageError('needs --wrt VARIABLE, e.g. --wrt "w_{jk}"', 'derive');
    const wrt = problem.wrt;
    const proof = readProofSettings(args, 'derive');
    const format = choiceOption(args, 'format', [...PROOF_FORMATS], inputs.syntax);
    const form = choiceOption(args, 'form', ['index', 'matrix', 'einsum'] as const, 'index');
    if (form !== 'index' && (proof !== null || format === 'json')) throw new UsageError(`--form ${form} prints the result only: leave out --steps and --format json`, 'derive');
    const g = gradientOf({ ...problem, sizes: inputs.sizes }, wrt, {
      steps: proof !== null, fold: args.values.fold === true, form, ...writtenOf(inputs),
    });
    const report = args.values.check === true ? checkResult(problem.target, wrt, { raw: g.raw, result: g.expr }, problem.definitions, problem.assumptions) : null;

    let ok = report === null || report.ok;
    if (proof !== null) {
      const context = { definitions: problem.definitions, assumptions: problem.assumptions };
      ok = writeProof(g.proof!, format, proof, context, io, report) && ok;
    } else if (format === 'json') {
      out(JSON.stringify({
        result: { latex: g.latex, text: g.text },
        equation: g.equation,
        free: [...freeIndices(g.expr)].sort(),
        ...(report === null ? {} : { check: checkJson(report) }),
      }, null, 2));
    } else if (form !== 'index') {
      writeForm(g, io);
    } else if (format === 'latex' || format === 'text') {
      out(g.equation[format]);
    } else {
      throw new UsageError(`--format ${format} needs --steps`, 'derive');
    }
    // Nothing could be compared: not a mismatch, but not a verified result either.
    if (report !== null && report.checked === 0) throw new InputError(`--check not possible: ${notCheckable(report)}`);
    if (report !== null && format !== 'json') io.err(describeCheck(report));
    return ok ? EXIT.ok : EXIT.checkFailed;
  },
};

/** The result in matrix form (with the vectors it names), or a note and the einsum form. */
function writeForm(g: Gradient, io: Io): void {
  if (g.matrix) {
    io.out(`${g.matrix.lhs} = ${g.matrix.latex}`);
    for (const w of g.matrix.where) io.out(`\\quad ${w}`);
    return;
  }
  if (g.note !== undefined) io.err(`note: ${g.note}`);
  io.out(g.einsum!);
}
