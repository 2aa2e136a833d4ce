// What derive, simplify, eval and compile share: reading the formula, the
// `--where` definitions, `--wrt`, `--indices`, and printing results.

import { diff, type Expr, isEquation, type Var } from '../core/ast.js';
import { type Definition, resolveDefinitions, resolveVariable, unfoldAll } from '../definitions.js';
import { derive, differentiateBody, evaluateDerivatives } from '../derive/index.js';
import { InputError } from '../core/errors.js';
import { inOption, within } from '../core/source.js';
import { allIndexNames } from '../core/indices.js';
import { detectSyntax, entryOf, ParseError, parseShapes, parseWithShapes, type Shape, type Syntax } from '../parse/index.js';
import { toLatex, toText } from '../print/index.js';
import { writtenAs, type Written } from '../gradient.js';
import { choiceOption, type Options, type ParsedArgs, listOption, stringOption } from './command.js';
import { readFormula } from './input.js';
import { RESULT } from '../gradient.js';

/** Options of every command that takes definitions. */
export const problemOptions: Options = {
  where: { type: 'string', multiple: true, short: 'w' },
  shapes: { type: 'string' },
  indices: { type: 'string' },
  of: { type: 'string' },
};

export interface Inputs {
  /** The syntax of the main formula: the default output format. */
  readonly syntax: Syntax;
  /** The main input's formulas, as parsed. */
  readonly formulas: readonly Expr[];
  /** The `--where` formulas, as parsed: they come first in scope. */
  readonly where: readonly Expr[];
  /** `--wrt`, as parsed (not yet resolved against the definitions). */
  readonly wrt: Var | null;
  readonly sizes: Record<string, number>;
  /** The shapes of vectors and matrices when the input is matrix notation (declared, then inferred). */
  readonly shapes: readonly Shape[];
  /** Whether some shape was inferred rather than declared with --shapes (then the CLI reports them). */
  readonly inferred: boolean;
  /** The main input as the user wrote it, when it was read as matrix notation (`\operatorname{tr}(AXB)`): proofs start from it. */
  readonly matrixText: string | null;
}

export interface Problem {
  readonly definitions: Definition[];
  readonly assumptions: Expr[];
  /** The last definition's variable (the defined `E`), or a trailing formula that is not an equation. */
  readonly target: Expr;
  /** `--wrt`, resolved in the final scope. */
  readonly wrt: Var | null;
}

const SYNTAXES = ['latex', 'text', 'auto'] as const;

/** Parse `text`; a ParseError says where the text came from (`--where`, a file) unless it is the argument. */
export function parseInput(text: string, origin: string, syntax: Syntax | 'auto', shapes: readonly Shape[] = []): { formulas: Expr[]; shapes: Shape[]; matrix: boolean } {
  try {
    return parseWithShapes(text, { syntax, shapes, ...(origin === 'argument' ? {} : { origin }) });
  } catch (err) {
    if (err instanceof ParseError && origin !== 'argument') throw err.from(origin);
    throw err;
  }
}

/** `j=100,k=10` (also `j:100 k:10`) → `{j: 100, k: 10}`. */
export function parseSizes(spec: string | undefined): Record<string, number> {
  const sizes: Record<string, number> = {};
  if (spec === undefined) return sizes;
  let from = 0;
  for (const part of spec.split(/[,\s]+/).filter((p) => p !== '')) {
    const at = inOption('--indices', spec, part, from);
    from = at.offset + part.length;
    const m = /^([A-Za-z][A-Za-z0-9']*)\s*[=:]\s*(\d+)$/.exec(part);
    if (m === null || Number(m[2]) < 1) throw new InputError(`expected name=size with a positive size, like j=100,k=10 (got '${part}')`, at);
    sizes[m[1]!] = Number(m[2]);
  }
  return sizes;
}

/** The command's inputs; inferred matrix shapes are reported through `err`. */
export function readInputs(args: ParsedArgs, command: string, err: (line: string) => void): Inputs {
  const syntaxOption = choiceOption(args, 'syntax', SYNTAXES, 'auto');
  const source = readFormula(args.positionals, stringOption(args, 'file'), command);
  const syntax = syntaxOption === 'auto' ? detectSyntax(source.text) : syntaxOption;
  const declared = parseShapes(stringOption(args, 'shapes') ?? '');
  const main = parseInput(source.text, source.origin, syntax, declared);
  const formulas = main.formulas;
  // Matrix shapes known so far: the --where formulas are read with them, so that a name has one shape.
  let shapes: readonly Shape[] = main.matrix ? main.shapes : declared;
  let named: readonly Shape[] = main.shapes; // and the names the vector rule reads, for --wrt
  const where = listOption(args, 'where').flatMap((w) => {
    const read = parseInput(w, '--where', syntaxOption, shapes);
    if (read.matrix) shapes = mergeShapes(shapes, read.shapes);
    named = mergeShapes(named, read.shapes);
    const parsed = read.formulas;
    // A formula without a relation would silently not be used: --where is for definitions and assumptions.
    const loose = parsed.find((f) => f.kind !== 'rel');
    if (loose !== undefined) {
      within(parsed, () => {
        throw new InputError(`expected definitions (o_k = ...) and assumptions (a relation), got '${toLatex(loose)}'`, loose);
      });
    }
    return parsed;
  });
  const wrtText = stringOption(args, 'wrt');
  const wrtParsed = wrtText === undefined ? [] : parseInput(wrtText, '--wrt', syntaxOption).formulas;
  if (wrtParsed.length > 1 || (wrtParsed.length === 1 && wrtParsed[0]!.kind !== 'var')) {
    within(wrtParsed, () => {
      throw new InputError(`expected one variable, such as x, w_{jk} or w[j,k] (got '${wrtText}')`, wrtParsed[wrtParsed.length > 1 ? 1 : 0]!);
    });
  }
  // A vector or matrix of matrix notation is differentiated entry by entry: `--wrt W` is W_{jk}.
  const inferred = shapes.some((s) => !isDeclared(s, declared));
  const bound = new Set<string>();
  for (const f of [...formulas, ...where]) allIndexNames(f, bound);
  const wrt = wrtParsed.length === 1 ? entryOf(wrtParsed[0] as Var, mergeShapes(shapes, named), shapes.some((s) => s.name === wrtParsed[0] && isDeclared(s, declared)) ? new Set() : bound) : null;
  const note = shapesNote(shapes, inferred);
  if (note !== null) err(note);
  const matrixText = main.matrix && syntax === 'latex' ? source.text.trim() : null;
  return { syntax, formulas, where, wrt, sizes: parseSizes(stringOption(args, 'indices')), shapes, inferred, matrixText };
}

/** How the main input was written, when it was matrix notation: its proofs start from it, its matrix form's left side shows it. */
export function writtenOf(inputs: Inputs): Written {
  return inputs.matrixText === null ? {} : writtenAs(inputs.matrixText, inputs.formulas, inputs.shapes);
}

/** Whether `s` names a shape `--shapes` declared (`o: j` declares `\mathbf{o}` too, as src/parse/matrix.ts reads it). */
export function isDeclared(s: Shape, declared: readonly Shape[]): boolean {
  return declared.some((d) => d.name === s.name || (d.name.marks.length === 0 && d.name.name === s.name.name));
}

/** `a`, then the shapes of `b` of names `a` lacks. */
function mergeShapes(a: readonly Shape[], b: readonly Shape[]): Shape[] {
  return [...a, ...b.filter((s) => !a.some((x) => x.name === s.name))];
}

/** The note that reports inferred shapes (as `--shapes` takes them), or null when all were declared. */
export function shapesNote(shapes: readonly Shape[], inferred: boolean): string | null {
  if (!inferred) return null;
  const list = shapes.map((s) => `${toLatex(s.name)}: ${s.dims.length === 0 ? '1' : s.dims.join('×')}`).join(', ');
  return `note: read as matrix notation with the shapes ${list} (inferred: --shapes declares them)`;
}

/** Definitions in `let*` order (`--where` first), the target (`--of` or the last definition) and `--wrt` in final scope. */
export function resolveProblem(inputs: Inputs, of: string | undefined): Problem {
  const resolved = resolveDefinitions([...inputs.where, ...inputs.formulas], [], { of, sizes: inputs.sizes, differentiate: differentiateBody });
  // As the library's derive reads its variable: one resolution path.
  const context = { definitions: resolved.definitions, exprs: [resolved.target, ...resolved.assumptions], sizes: inputs.sizes };
  return {
    definitions: resolved.definitions,
    assumptions: resolved.assumptions,
    target: resolved.target,
    wrt: inputs.wrt === null ? null : resolveVariable(inputs.wrt, context),
  };
}

// Results are printed as `gradient` prints them (src/gradient.ts `RESULT`).

export function printIn(e: Expr, format: 'latex' | 'text'): string {
  return format === 'latex' ? toLatex(e, RESULT) : toText(e, RESULT);
}

/** Both printed forms, for JSON output. */
export function printedBoth(e: Expr): { latex: string; text: string } {
  return { latex: toLatex(e, RESULT), text: toText(e, RESULT) };
}

/**
 * The expression to compute numerically: an equation whose left side is not a
 * variable (`∂E/∂w = …`) contributes its right side; otherwise the target of
 * the definitions. Derivative operators inside are differentiated (and, with
 * `--wrt`, the target itself), and definitions unfolded, so only inputs remain.
 * `original` is the same before differentiation: its free indices are the
 * result's (∂f/∂w_{jk} depends on j and k even where the value does not), and
 * its arrays tell the sizes.
 */
export function numericTarget(inputs: Inputs, of: string | undefined): { expr: Expr; original: Expr } {
  const only = inputs.formulas.length === 1 ? inputs.formulas[0]! : null;
  const isEquationOfNonVar = only !== null && isEquation(only) && only.args[0].kind !== 'var';
  if (isEquationOfNonVar && inputs.where.length === 0 && inputs.wrt === null) {
    const rhs = (only as Expr & { kind: 'rel' }).args[1]!;
    return { expr: evaluateDerivatives(rhs, { sizes: inputs.sizes }).result, original: rhs };
  }
  const problem = resolveProblem(inputs, of);
  const options = { definitions: problem.definitions, assumptions: problem.assumptions, sizes: inputs.sizes };
  const original = problem.wrt === null ? problem.target : diff(problem.target, problem.wrt);
  const value = problem.wrt === null ? evaluateDerivatives(problem.target, options).result : derive(problem.target, problem.wrt, options).result;
  return { expr: unfoldAll(value, problem.definitions), original: unfoldAll(original, problem.definitions) };
}

/** `--free j,k` → ['j', 'k']. */
export function freeOrder(spec: string | undefined): string[] | undefined {
  return spec === undefined ? undefined : spec.split(/[,\s]+/).filter((s) => s !== '');
}
