// kronecker demo: the seed's derivation (a Chinese Q&A on a network gradient; a copy is in test/fixtures/), run through the
// general pipeline. The formulas below are example input, the way a user would
// type them; nothing in the engine knows them.

import { equation, type Expr, mapChildren, variable } from '../core/ast.js';
import { derivativeOf, derive } from '../derive/index.js';
import { parse } from '../parse/index.js';
import { toLatex } from '../print/index.js';
import { equivalent } from '../simplify/index.js';
import { checkResult, describeCheck } from './check.js';
import { commonOptions, type Command, choiceOption } from './command.js';
import { EXIT, UsageError } from './errors.js';
import { resolveProblem } from './problem.js';
import { PROOF_FORMATS, proofHelp, proofOptions, readProofSettings, writeProof } from './proof.js';
import { proveFormula, simplifyFormula } from '../prove.js';

export const SEED = {
  error: 'E = \\sum_k (t_k - o_k)^2',
  output: 'o_k = \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right)',
  wrt: 'w_{jk}',
  expressionOne: '\\frac{\\partial E}{\\partial w_{jk}} = -2(t_k - o_k) \\cdot \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right) \\cdot (1 - \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right)) \\cdot \\frac{\\partial}{\\partial w_{jk}} \\left(\\sum_j w_{jk} \\cdot o_j\\right)',
  expressionTwo: '\\frac{\\partial E}{\\partial w_{jk}} = -2(t_k - o_k) \\cdot \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right) \\cdot (1 - \\text{sigmoid}\\left(\\sum_j w_{jk} \\cdot o_j\\right)) \\cdot o_j',
};

export const demoCommand: Command = {
  name: 'demo',
  options: { ...proofOptions, help: commonOptions.help!, format: { type: 'string' }, check: { type: 'boolean' } },
  help: `Usage: kronecker demo [--steps [--lang en|zh] [--detail brief|normal|full] [--format ...]]

Runs the seed's derivation (the Chinese Q&A this project started from): with
  E   = ${SEED.error}
  o_k = ${SEED.output}
it derives ∂E/∂w_{jk}, simplifies the seed's expression one (whose last factor is
∂(Σ_j w_{jk} o_j)/∂w_{jk}), shows that both give the seed's expression two, and checks
the result against central finite differences.
With --steps it prints the step-by-step derivation of expression one → expression two.
${proofHelp}
Examples:
  kronecker demo
  kronecker demo --steps --lang zh
`,
  run(args, io) {
    const { out } = io;
    if (args.positionals.length > 0) throw new UsageError(`takes no formula (got '${args.positionals.join(' ')}')`, 'demo');
    const settings = readProofSettings(args, 'demo');
    const one = parse(SEED.expressionOne);
    if (settings !== null) {
      const format = choiceOption(args, 'format', [...PROOF_FORMATS], 'text');
      const ok = writeProof(proveFormula(one), format, settings, { definitions: [] }, io, null);
      return ok ? EXIT.ok : EXIT.checkFailed;
    }

    const problem = resolveProblem({
      syntax: 'latex', formulas: [parse(SEED.error)], where: [parse(SEED.output)], wrt: parse(SEED.wrt) as never, sizes: {}, shapes: [], inferred: false, matrixText: null,
    }, undefined);
    const wrt = problem.wrt!;
    const derived = derive(problem.target, wrt, { definitions: problem.definitions });
    const derivedEquation = equation(derivativeOf(problem.target, wrt), derived.result);
    const simplified = simplifyFormula(one).result;
    const two = parse(SEED.expressionTwo);
    const same = (e: Expr) => equivalent(shownNames(e), two);
    const check = checkResult(problem.target, wrt, derived, problem.definitions);

    out(`Kronecker: the seed's derivation (Tariq Rashid's output-layer gradient)

Given
  ${SEED.error}
  ${SEED.output}

kronecker derive "E = ..." --where "o_k = ..." --wrt "w_{jk}":
  ${toLatex(derivedEquation)}

kronecker simplify "<expression one>" (the seed's half-way form):
  ${toLatex(simplified)}

Equal to the seed's expression two: derived ${yes(same(derivedEquation))}, simplified ${yes(same(simplified))}
${describeCheck(check)}

Next: 'kronecker demo --steps' explains it step by step ('--lang zh' in Chinese);
'kronecker --help' lists the commands.`);
    return check.ok && same(derivedEquation) && same(simplified) ? EXIT.ok : EXIT.checkFailed;
  },
};

const yes = (b: boolean) => (b ? 'yes' : 'NO');

/** Variables as plain names (a defined `o` as the input `o`), to compare with parsed text. */
function shownNames(e: Expr): Expr {
  if (e.kind === 'var') return variable(e.name, e.indices, e.commaIndices, e.superscript);
  return mapChildren(e, shownNames);
}
