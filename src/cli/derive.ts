// kronecker derive: ∂target/∂wrt, simplified, optionally checked and explained.

import { equation, type Expr, type Var } from '../core/ast.js';
import { checkDerivative, type CheckReport, inputsSatisfying, inputsUnderRoots } from '../check.js';
import { unfoldAll, type Definition } from '../definitions.js';
import { derivativeOf, derive } from '../derive/index.js';
import { freeIndices } from '../core/indices.js';
import { commonOptions, type Command, choiceOption, stringOption } from './command.js';
import { EXIT, UsageError } from './errors.js';
import { InputError } from '../core/errors.js';
import { EvaluationError } from '../values.js';
import { printedBoth, printIn, problemOptions, readInputs, resolveProblem } from './problem.js';
import { PROOF_FORMATS, proofHelp, proofOptions, readProofSettings, writeProof } from './proof.js';

export const deriveCommand: Command = {
  name: 'derive',
  summary: 'differentiate a formula with respect to a variable, simplified',
  options: {
    ...commonOptions,
    ...problemOptions,
    ...proofOptions,
    wrt: { type: 'string' },
    format: { type: 'string' },
    check: { type: 'boolean' },
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
  --indices j=100,k=10    declare index ranges; distinct ranges make w_{ij} and w_{jk}
                          two different matrices
  --format latex|text|json   output (default: the syntax of the input)
  --check                 compare the result with central finite differences at random
                          points for every index combination; exit 1 on a mismatch
  --syntax latex|text|auto   how to read the input (default auto)
  -f, --file FILE         read the formula from FILE ('-' is stdin)
${proofHelp}
Examples:
  kronecker derive "E = \\sum_k (t_k - o_k)^2" --where "o_k = \\sigma(\\sum_j w_{jk} o_j)" --wrt "w_{jk}"
  kronecker derive "sum(j, w[j,k]*o[j])" --wrt "w[j,k]" --format text
  kronecker derive "\\log(1 + e^{x})" --wrt x --check
`,
  run(args, io) {
    const { out } = io;
    const inputs = readInputs(args, 'derive');
    const problem = resolveProblem(inputs, stringOption(args, 'of'));
    if (problem.wrt === null) throw new UsageError('needs --wrt VARIABLE, e.g. --wrt "w_{jk}"', 'derive');
    const wrt = problem.wrt;
    const proof = readProofSettings(args, 'derive');
    const format = choiceOption(args, 'format', [...PROOF_FORMATS], inputs.syntax);
    const d = derive(problem.target, wrt, {
      definitions: problem.definitions,
      assumptions: problem.assumptions,
      sizes: inputs.sizes,
      steps: proof !== null,
    });
    const goal = derivativeOf(problem.target, wrt);
    const report = args.values.check === true ? checkResult(problem.target, wrt, d, problem.definitions, problem.assumptions) : null;

    let ok = report === null || report.ok;
    if (proof !== null) {
      const context = { definitions: problem.definitions, assumptions: problem.assumptions };
      ok = writeProof({ goal, steps: d.steps, result: d.result }, format, proof, context, io, report) && ok;
    } else if (format === 'json') {
      out(JSON.stringify({
        result: printedBoth(d.result),
        equation: printedBoth(equation(goal, d.result)),
        free: [...freeIndices(d.result)].sort(),
        ...(report === null ? {} : { check: checkJson(report) }),
      }, null, 2));
    } else if (format === 'latex' || format === 'text') {
      out(printIn(equation(goal, d.result), format));
    } else {
      throw new UsageError(`--format ${format} needs --steps`, 'derive');
    }
    if (report !== null && format !== 'json') io.err(describeCheck(report));
    // Nothing could be compared: not a mismatch, but not a verified result either.
    if (report !== null && report.checked === 0) return EXIT.badInput;
    return ok ? EXIT.ok : EXIT.checkFailed;
  },
};

/**
 * Finite differences of the original (definitions unfolded) against the
 * result. Where the simplifier used assumptions (`Σ_k t_k = 1`), the random
 * inputs are made to satisfy them; where that is not possible, the raw
 * derivative (before simplification) is checked instead, and the report says so.
 */
export function checkResult(
  target: Expr, wrt: Var, d: { raw: Expr; result: Expr }, definitions: readonly Definition[], assumptions: readonly Expr[] = [],
): CheckReport & { checkedRaw: boolean } {
  const f = unfoldAll(target, definitions);
  const fixed = assumptions.length === 0 ? {} : inputsSatisfying(assumptions.map((a) => unfoldAll(a, definitions)));
  const claimed = fixed === null ? d.raw : d.result;
  try {
    const report = checkDerivative({
      f, wrt, derivative: unfoldAll(claimed, definitions), inputs: fixed ?? {}, positive: inputsUnderRoots(f),
    });
    return { ...report, checkedRaw: fixed === null };
  } catch (err) {
    // Random sizes may not fit the formula (x_{j+1} with j up to n needs n+1 entries of x).
    if (err instanceof EvaluationError) throw new InputError(`--check could not evaluate the formula at random inputs: ${err.message}`);
    throw err;
  }
}

export function describeCheck(r: CheckReport & { checkedRaw?: boolean }): string {
  if (r.checked === 0) {
    return 'check: not possible — no point could be evaluated (is the variable used with another number of indices, or are the inputs out of their domain?)';
  }
  const what = r.checkedRaw === true ? ' (the derivative before simplification: the assumptions cannot be met by random inputs)' : '';
  if (r.ok) return `check: ok — agrees with central finite differences at ${r.checked} points (max relative error ${r.maxError.toExponential(1)})${what}`;
  const first = r.failures[0];
  const at = first === undefined ? '' : ` e.g. at ${JSON.stringify(first.assignment)}: finite differences ${first.expected}, result ${first.got}`;
  return `check: FAILED — ${r.failures.length} of ${r.checked} points disagree with central finite differences;${at}`;
}

export function checkJson(r: CheckReport): object {
  return { ok: r.ok, points: r.checked, maxError: r.maxError, failures: r.failures.slice(0, 5) };
}
