// kronecker parse: read a formula and print it back (LaTeX, plain text, or the AST as JSON).

import { toJson } from '../serialize.js';
import { commonOptions, type Command, choiceOption } from './command.js';
import { EXIT } from './errors.js';
import { readFormula } from './input.js';
import { isDeclared, parseInput, printIn, shapesNote } from './problem.js';
import { stringOption } from './command.js';
import { detectSyntax, parseShapes } from '../parse/index.js';

export const parseCommand: Command = {
  name: 'parse',
  options: { ...commonOptions, format: { type: 'string' }, shapes: { type: 'string' } },
  help: `Usage: kronecker parse <formula> [--format latex|text|json]

Reads a formula written in LaTeX or in plain text and prints it back: in LaTeX, in the
plain-text syntax, or as the typed AST in JSON. Several formulas (separated by ';', ',',
\\quad or newlines) print one per line. A syntax error is reported with its line, column
and a caret, and exits 2.

Notation is read as textbooks write it (docs/notation.md, "As written in textbooks"):
decorated names \\hat{y}, \\mathbf{x}; superscript indices x^{(i)}, a^{[l]}_j; \\prod_i, \\max_j,
\\min_j; conditions \\sum_{i \\ne j}; index arithmetic x_{i+k}; norms \\|w\\|^2, \\|W\\|_F; inner
products \\langle a, b \\rangle; \\operatorname{softmax}(z)_k; \\operatorname{tr}(X); function
definitions J(\\theta) = …, f(x) = x^2 then f(2y), f'(x); \\nabla_w L; word subscripts
D_{\\mathrm{KL}}; \\partial^2 and mixed derivatives; \\frac12 and \\frac1m as TeX reads them. What a reader could take two ways (\\theta^T x,
a product of matrices) is refused with how to write it.

Options:
  --format latex|text|json   output (default latex)
  --shapes "W: j×k, x: j"    shapes of vectors and matrices in matrix notation (\\sigma(W^\\top x));
                             without it they are inferred and reported (docs/notation.md)
  --syntax latex|text|auto   how to read the input (default auto: LaTeX when it contains
                             a backslash, an underscore or a brace)
  -f, --file FILE            read the formula from FILE ('-' is stdin)

Examples:
  kronecker parse "\\sum_j w_{jk} \\cdot o_j" --format text      # sum(j, w[j,k] * o[j])
  kronecker parse "sum(j, w[j,k]*o[j])"                          # \\sum_{j} w_{jk} o_j
  kronecker parse "\\frac{\\partial E}{\\partial w_{jk}}" --format json
  kronecker parse "\\lambda \\|w\\|^2 + \\sum_k w_k x_{i+k}"   # \\lambda \\sum_{j} w_j^2 + \\sum_{k} w_k x_{i+k}
`,
  run(args, io) {
    const { out } = io;
    const format = choiceOption(args, 'format', ['latex', 'text', 'json'] as const, 'latex');
    const syntax = choiceOption(args, 'syntax', ['latex', 'text', 'auto'] as const, 'auto');
    const source = readFormula(args.positionals, stringOption(args, 'file'), 'parse');
    const declared = parseShapes(stringOption(args, 'shapes') ?? '');
    const read = parseInput(source.text, source.origin, syntax === 'auto' ? detectSyntax(source.text) : syntax, declared);
    const formulas = read.formulas;
    const note = !read.matrix ? null : shapesNote(read.shapes, read.shapes.some((s) => !isDeclared(s, declared)));
    if (note !== null) io.err(note);
    if (format === 'json') out(JSON.stringify(formulas.length === 1 ? toJson(formulas[0]!) : formulas.map(toJson), null, 2));
    else out(formulas.map((f) => printIn(f, format)).join('\n'));
    return EXIT.ok;
  },
};
