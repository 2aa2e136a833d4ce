// kronecker simplify: evaluate every derivative operator inside a formula, then simplify.

import { freeIndices } from '../core/indices.js';
import { checkProof, formulasInScope, simplifyFormula } from '../prove.js';
import { commonOptions, type Command, choiceOption } from './command.js';
import { EXIT, UsageError } from './errors.js';
import { printedBoth, printIn, problemOptions, readInputs, writtenOf } from './problem.js';
import { describeStepCheck, PROOF_FORMATS, proofHelp, proofOptions, readProofSettings, writeProof } from './proof.js';

export const simplifyCommand: Command = {
  name: 'simplify',
  options: { ...commonOptions, ...problemOptions, ...proofOptions, format: { type: 'string' }, check: { type: 'boolean' } },
  help: `Usage: kronecker simplify <formula> [options]

Evaluates every derivative operator inside the formula (\\frac{\\partial}{\\partial w_{jk}}(...),
\\frac{\\partial (...)}{\\partial w_{j,k}}, d/dx(...)) and simplifies the result: Kronecker
deltas collapse, sums of zero vanish, like terms and powers are collected, constants fold.
The form stays the one a person writes: products are not expanded, the order of the
factors is kept, and function spellings (\\text{sigmoid}, \\sigma) are the user's.
An equation keeps its left side: on the seed's expression one,

  kronecker simplify "\\frac{\\partial E}{\\partial w_{jk}} = -2(t_k - o_k) \\cdot ... \\cdot \\frac{\\partial}{\\partial w_{jk}} \\left(\\sum_j w_{jk} \\cdot o_j\\right)"

prints expression two (the last factor becomes o_j).

Options:
  -w, --where DEFINITION  a definition in scope (repeatable)
  --indices j=100,k=10    declare index ranges
  --format latex|text|json   output (default: the syntax of the input)
  --syntax latex|text|auto   how to read the input (default auto)
  -f, --file FILE         read the formula from FILE ('-' is stdin)
  --check                 check every rewrite numerically (equal at random points for
                          every index assignment); exit 1 on a mismatch
${proofHelp}
Examples:
  kronecker simplify "\\frac{\\partial}{\\partial w_{jk}} \\sum_j w_{jk} o_j"     # o_j
  kronecker simplify "sum(i, delta[i,j] * x[i]) + 0*y" --format text          # x[j]
`,
  run(args, io) {
    const { out } = io;
    const inputs = readInputs(args, 'simplify', io.err);
    const settings = readProofSettings(args, 'simplify');
    const format = choiceOption(args, 'format', [...PROOF_FORMATS], inputs.syntax);
    if (settings === null && (format === 'markdown' || format === 'html')) throw new UsageError(`--format ${format} needs --steps`, 'simplify');
    const { definitions, assumptions, formulas } = formulasInScope(inputs.where, inputs.formulas, inputs.sizes);
    const check = args.values.check === true;
    const options = { definitions, assumptions, sizes: inputs.sizes, steps: settings !== null || check };
    const done = formulas.map((f) => simplifyFormula(f, options));

    if (settings !== null) {
      if (done.length !== 1) throw new UsageError('--steps explains one formula at a time', 'simplify');
      const context = { definitions, assumptions };
      const ok = writeProof({ goal: formulas[0]!, steps: done[0]!.steps, result: done[0]!.result, reading: writtenOf(inputs).reading }, format, settings, context, io, null);
      return ok ? EXIT.ok : EXIT.checkFailed;
    }
    if (format === 'json') {
      const items = done.map((d) => ({ result: printedBoth(d.result), free: [...freeIndices(d.result)].sort() }));
      out(JSON.stringify(items.length === 1 ? items[0] : items, null, 2));
    } else {
      out(done.map((d) => printIn(d.result, format === 'text' ? 'text' : 'latex')).join('\n'));
    }
    if (!check) return EXIT.ok;
    // Without --steps, --check still checks every rewrite and prints the verdict.
    const checks = done.map((d, i) => checkProof({ goal: formulas[i]!, steps: d.steps, result: d.result }, { definitions, assumptions }));
    checks.forEach((c) => io.err(describeStepCheck(c).split('\n')[0]!));
    return checks.every((c) => c.ok) ? EXIT.ok : EXIT.checkFailed;
  },
};
