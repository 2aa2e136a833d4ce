// kronecker compile: a formula (or its derivative) as a standalone JavaScript module.

import { compile, emitModule, emitPythonModule, parseBatch, withBatch } from '../compile/index.js';
import type { Expr } from '../core/ast.js';
import { freeIndices } from '../core/indices.js';
import { inputKey, userName } from '../core/names.js';
import { commonOptions, type Command, choiceOption, stringOption } from './command.js';
import { EXIT } from './errors.js';
import { freeOrder, numericTarget, problemOptions, readInputs } from './problem.js';

export const compileCommand: Command = {
  name: 'compile',
  options: { ...commonOptions, ...problemOptions, wrt: { type: 'string' }, emit: { type: 'string' }, free: { type: 'string' }, batch: { type: 'string' } },
  help: `Usage: kronecker compile <formula> [--wrt VARIABLE] [options] [--emit js|numpy|torch]

Prints a standalone, readable ES module that computes the formula (or, with --wrt, its
simplified derivative) over arrays. Every subexpression is computed in the loop nest of
its own free indices: for the seed's gradient, Σ_j w_{jk} o_j and its sigmoid are
computed once per k, so ∂E/∂w_{jk} costs O(J·K). Names from the formula never become
code: they appear only as JSON strings in the exported \`signature\`.

The module exports \`run(values, sizes)\` (named inputs: numbers or row-major
Float64Arrays; returns a Float64Array, row-major over signature.free), \`kernel\` and
\`signature\`. See docs/compile.md.

--emit numpy and --emit torch print a Python module instead, vectorised: each product
and sum of products is one einsum, everything else whole-array operations, no Python
loop over index values; shared subexpressions are computed once. Its run(values,
sizes=None) takes arrays (lists, NumPy arrays, tensors) under the same keys and returns
an array over the output indices. The torch module computes on the device its tensors
are on. See docs/export.md.

Options:
  --emit js|numpy|torch   what to print (default js)
  --wrt VARIABLE          compile the derivative by VARIABLE
  -w, --where DEFINITION  a definition in scope (repeatable)
  --indices j=100,k=10    declare index ranges
  --free j,k              order of the output's dimensions (default alphabetical)
  --batch "b: o, t"       a mini-batch: the inputs named after the colon get a leading index b;
                          the formula gives one value per example (b first), a derivative by a
                          parameter the gradient of the batch's summed loss, Σ_b ∂E_b/∂w
  --syntax latex|text|auto,  -f, --file FILE   as for the other commands

Example:
  kronecker compile "E = \\sum_k (t_k - o_k)^2" --where "o_k = \\sigma(\\sum_j w_{jk} o_j)" --wrt "w_{jk}" --emit js > grad.mjs
  kronecker compile "E = \\sum_k (t_k - o_k)^2" --where "o_k = \\sigma(\\sum_j w_{jk} o_j)" --wrt "w_{jk}" --emit torch > grad.py
`,
  run(args, io) {
    const { out } = io;
    const emit = choiceOption(args, 'emit', ['js', 'numpy', 'torch'] as const, 'js');
    const inputs = readInputs(args, 'compile', io.err);
    const target = numericTarget(inputs, stringOption(args, 'of')).expr;
    const batchText = stringOption(args, 'batch');
    const batch = batchText === undefined ? null : parseBatch(batchText);
    const wrt = inputs.wrt;
    // By a parameter the batch's losses add up; by a batched input each example keeps its own derivative.
    const sumOver = wrt !== null && batch !== null && !batch.inputs.includes(inputKey(wrt)) && !batch.inputs.includes(userName(wrt));
    const expr = batch === null ? target : withBatch(target, batch, sumOver);
    const given = freeOrder(stringOption(args, 'free'));
    const free = given ?? (batch !== null && !sumOver ? leadingBatch(expr, batch.index) : undefined);
    out(emit === 'js' ? emitModule(compile(expr, { free, sizes: inputs.sizes })) : emitPythonModule(expr, { free, sizes: inputs.sizes, backend: emit }));
    return EXIT.ok;
  },
};

/** The output order with the batch index first, then the others alphabetically. */
function leadingBatch(expr: Expr, index: string): string[] {
  return [index, ...[...freeIndices(expr)].filter((n) => n !== index).sort()];
}
