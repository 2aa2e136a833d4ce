// kronecker compile: a formula (or its derivative) as a standalone JavaScript module.

import { compile, emitModule } from '../compile/index.js';
import { commonOptions, type Command, choiceOption, stringOption } from './command.js';
import { EXIT } from './errors.js';
import { freeOrder, numericTarget, problemOptions, readInputs } from './problem.js';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'compile a formula or its derivative to a JavaScript module',
  options: { ...commonOptions, ...problemOptions, wrt: { type: 'string' }, emit: { type: 'string' }, free: { type: 'string' } },
  help: `Usage: kronecker compile <formula> [--wrt VARIABLE] [options] --emit js

Prints a standalone, readable ES module that computes the formula (or, with --wrt, its
simplified derivative) over arrays. Every subexpression is computed in the loop nest of
its own free indices: for the seed's gradient, Σ_j w_{jk} o_j and its sigmoid are
computed once per k, so ∂E/∂w_{jk} costs O(J·K). Names from the formula never become
code: they appear only as JSON strings in the exported \`signature\`.

The module exports \`run(values, sizes)\` (named inputs: numbers or row-major
Float64Arrays; returns a Float64Array, row-major over signature.free), \`kernel\` and
\`signature\`. See docs/compile.md.

Options:
  --emit js               what to print (only js for now)
  --wrt VARIABLE          compile the derivative by VARIABLE
  -w, --where DEFINITION  a definition in scope (repeatable)
  --indices j=100,k=10    declare index ranges
  --free j,k              order of the output's dimensions (default alphabetical)
  --syntax latex|text|auto,  -f, --file FILE   as for the other commands

Example:
  kronecker compile "E = \\sum_k (t_k - o_k)^2" --where "o_k = \\sigma(\\sum_j w_{jk} o_j)" --wrt "w_{jk}" --emit js > grad.mjs
`,
  run(args, io) {
    const { out } = io;
    choiceOption(args, 'emit', ['js'] as const, 'js');
    const inputs = readInputs(args, 'compile');
    const { expr } = numericTarget(inputs, stringOption(args, 'of'));
    out(emitModule(compile(expr, { free: freeOrder(stringOption(args, 'free')), sizes: inputs.sizes })));
    return EXIT.ok;
  },
};
