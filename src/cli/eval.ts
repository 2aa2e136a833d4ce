// kronecker eval: compute a formula on numeric inputs (compiled by default, or interpreted).

import { compile } from '../compile/index.js';
import { InputError } from '../core/errors.js';
import { evaluate, EvaluationError, type Inputs, type NestedArray } from '../evaluate.js';
import { signature } from '../values.js';
import { children, type Expr } from '../core/ast.js';
import { inputKey } from '../core/names.js';
import { commonOptions, type Command, stringOption } from './command.js';
import { EXIT } from './errors.js';
import { readText } from './input.js';
import { freeOrder, numericTarget, problemOptions, readInputs } from './problem.js';

export const evalCommand: Command = {
  name: 'eval',
  options: {
    ...commonOptions, ...problemOptions,
    values: { type: 'string' }, free: { type: 'string' }, wrt: { type: 'string' }, interpret: { type: 'boolean' },
    'max-elements': { type: 'string' },
  },
  help: `Usage: kronecker eval <formula> --values FILE|- [options]

Evaluates the formula at every assignment of its free indices and prints JSON:
{"free": ["j","k"], "shape": [3,2], "value": [[..],..]}. Derivative operators inside the
formula are differentiated first; an equation evaluates its right side; definitions
(-w/--where, or several equations) are unfolded and the last one is evaluated.
By default the formula is compiled to a JavaScript closure; --interpret uses the
reference interpreter instead (the two agree to 1e-12).

The values file (JSON):
  {"sizes": {"j": 3, "k": 2}, "values": {"w": [[..],[..],[..]], "o": [..], "lambda": 0.1}}
Keys are names as the text printer prints them (\\lambda → lambda). When declared index
ranges split one name into several quantities (w_{ij} and w_{jk} of different shapes), each
is keyed by the name and the letters of its first use as a LaTeX subscript: "w_{ij}",
"w_{jk}", "o_i" (docs/cli.md). Indices are 1-based:
value[p][q] is the entry at j = p+1, k = q+1. Sizes may be left out where the arrays'
shapes determine them; a conflict, a missing value or a wrong shape is an error naming it.

Options:
  --values FILE           the inputs ('-' reads stdin)
  --free j,k              order of the output's dimensions (default alphabetical)
  --wrt VARIABLE          evaluate the derivative by VARIABLE instead of the formula
  -w, --where DEFINITION  a definition in scope (repeatable)
  --of NAME               evaluate this defined name instead of the last one
  --interpret             use the reference interpreter, not the compiler
  --max-elements N        refuse an evaluation touching more than N elements (output entries
                          plus the terms of its sums; default 1e8): exit 2, naming the sizes
  --syntax latex|text|auto,  -f, --file FILE   as for the other commands

Example:
  echo '{"values": {"w": [[1,2],[3,4],[5,6]], "o": [1,0,2]}}' |
    kronecker eval "\\sum_j w_{jk} o_j" --values -          # {"free":["k"],"shape":[2],"value":[11,14]}
`,
  run(args, io) {
    const { out } = io;
    const inputs = readInputs(args, 'eval', io.err);
    const valuesFile = stringOption(args, 'values');
    if (valuesFile === undefined) throw new InputError('eval needs --values FILE (or --values - for stdin)');
    if (valuesFile === '-' && args.positionals[0] === '-') throw new InputError('the formula and --values cannot both come from stdin');
    const { expr, original } = numericTarget(inputs, stringOption(args, 'of'));
    const { given, text } = readValues(valuesFile);
    // The original's indices, not the value's: ∂f/∂w_{jk} ranges over j and k even where it is constant.
    // Its size symbols (`n` in a bound) stay constants even where the value reads them elsewhere.
    const sig = signature(original);
    const free = freeOrder(stringOption(args, 'free')) ?? [...sig.free];
    const symbols = sig.sizeSymbols.filter((n) => !free.includes(n));
    const sizes = { ...sizesFromArrays(original, given.values), ...inputs.sizes, ...given.sizes };
    const maxElements = countOption(stringOption(args, 'max-elements'));
    const tensor = inValues(text, valuesFile, () => (args.values.interpret === true
      ? evaluate(expr, { sizes, values: given.values }, { free, symbols, maxElements })
      : (() => {
        const r = compile(expr, { free, symbols, maxElements }).fn({ sizes, values: given.values });
        return { free: r.free, shape: r.shape, value: typeof r.value === 'number' ? r.value : nest(r.value, r.shape) };
      })()));
    // JSON has no NaN or infinities: they are written as the strings "NaN", "Infinity", "-Infinity".
    out(JSON.stringify({ free: tensor.free, shape: tensor.shape, value: tensor.value }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
    return EXIT.ok;
  },
};

/** `--max-elements 1e9`: a positive integer, in any JavaScript number spelling. */
function countOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InputError(`--max-elements must be a positive integer (got '${text}')`);
  return n;
}

function readValues(file: string): { given: Inputs; text: string } {
  const text = readText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`--values ${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InputError(`--values ${file}: expected an object {"sizes": {...}, "values": {...}}`);
  const { sizes = {}, values } = data as { sizes?: unknown; values?: unknown };
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new InputError(`--values ${file}: expected a "values" object mapping names to numbers or arrays`);
  if (typeof sizes !== 'object' || sizes === null || Array.isArray(sizes)) throw new InputError(`--values ${file}: "sizes" must map index names to sizes`);
  return { given: { sizes: sizes as Record<string, number>, values: values as Inputs['values'] }, text };
}

/**
 * Run `f`; an error about the value of an input points at its key in the values file (a missing
 * input at the "values" key): the place of what is wrong, as an error in a formula has.
 */
function inValues<T>(text: string, file: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof EvaluationError && err.input !== undefined && err.span === null) {
      const key = JSON.stringify(err.input === '' ? 'values' : err.input);
      const at = new RegExp(`${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`).exec(text);
      if (at !== null) err.place({ source: text, offset: at.index, length: key.length, origin: file === '-' ? 'the values (stdin)' : file });
    }
    throw err;
  }
}

/**
 * Index sizes read off the arrays the formula indexes plainly (`w_{jk}` with a
 * 3×2 array gives j = 3, k = 2). The derivative may no longer mention `w`, but
 * its free indices still range over w's slots. Conflicts are left to the evaluator.
 */
function sizesFromArrays(e: Expr, values: Inputs['values']): Record<string, number> {
  const sizes: Record<string, number> = {};
  const visit = (x: Expr): void => {
    if (x.kind === 'var' && x.indices.length > 0) {
      let v: unknown = values[inputKey(x)];
      for (const i of x.indices) {
        if (!Array.isArray(v)) break;
        if (i.kind === 'ivar' && i.offset === 0 && !(i.name in sizes)) sizes[i.name] = v.length;
        v = v[0];
      }
    }
    children(x).forEach(visit);
  };
  visit(e);
  return sizes;
}

/** A row-major array as nested arrays of the given shape. */
function nest(flat: Float64Array, shape: readonly number[]): NestedArray {
  const build = (d: number, offset: number, stride: number): NestedArray => {
    const n = shape[d]!;
    const inner = stride / n;
    return Array.from({ length: n }, (_, i) => (d === shape.length - 1 ? flat[offset + i]! : build(d + 1, offset + i * inner, inner)));
  };
  return build(0, 0, flat.length);
}
