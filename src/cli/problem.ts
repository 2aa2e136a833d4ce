// What derive, simplify, eval and compile share: reading the formula, the
// `--where` definitions, `--wrt`, `--indices`, and printing results.

import { diff, type Expr, isEquation, type Var } from '../core/ast.js';
import { type Definition, resolveDefinitions, resolveVariable, unfoldAll } from '../definitions.js';
import { derive, differentiateBody, evaluateDerivatives } from '../derive/index.js';
import { InputError } from '../core/errors.js';
import { detectSyntax, ParseError, parseFormulas, type Syntax } from '../parse/index.js';
import { toLatex, toText } from '../print/index.js';
import { choiceOption, type Options, type ParsedArgs, listOption, stringOption } from './command.js';
import { readFormula } from './input.js';

/** Options of every command that takes definitions. */
export const problemOptions: Options = {
  where: { type: 'string', multiple: true, short: 'w' },
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
export function parseInput(text: string, origin: string, syntax: Syntax | 'auto'): Expr[] {
  try {
    return parseFormulas(text, { syntax });
  } catch (err) {
    if (err instanceof ParseError && origin !== 'argument') throw err.from(origin);
    throw err;
  }
}

/** `j=100,k=10` (also `j:100 k:10`) → `{j: 100, k: 10}`. */
export function parseSizes(spec: string | undefined): Record<string, number> {
  const sizes: Record<string, number> = {};
  if (spec === undefined) return sizes;
  for (const part of spec.split(/[,\s]+/).filter((p) => p !== '')) {
    const m = /^([A-Za-z][A-Za-z0-9']*)\s*[=:]\s*(\d+)$/.exec(part);
    if (m === null || Number(m[2]) < 1) throw new InputError(`--indices: expected name=size with a positive size, like j=100,k=10 (got '${part}')`);
    sizes[m[1]!] = Number(m[2]);
  }
  return sizes;
}

export function readInputs(args: ParsedArgs, command: string): Inputs {
  const syntaxOption = choiceOption(args, 'syntax', SYNTAXES, 'auto');
  const source = readFormula(args.positionals, stringOption(args, 'file'), command);
  const syntax = syntaxOption === 'auto' ? detectSyntax(source.text) : syntaxOption;
  const formulas = parseInput(source.text, source.origin, syntax);
  const where = listOption(args, 'where').flatMap((w) => {
    const parsed = parseInput(w, '--where', syntaxOption);
    // A formula without a relation would silently not be used: --where is for definitions and assumptions.
    if (parsed.some((f) => f.kind !== 'rel')) {
      throw new InputError(`--where takes definitions (o_k = ...) and assumptions (a relation), got '${w}'`);
    }
    return parsed;
  });
  const wrtText = stringOption(args, 'wrt');
  const wrtParsed = wrtText === undefined ? [] : parseInput(wrtText, '--wrt', syntaxOption);
  if (wrtParsed.length > 1 || (wrtParsed.length === 1 && wrtParsed[0]!.kind !== 'var')) {
    throw new InputError(`--wrt must be one variable, such as x, w_{jk} or w[j,k] (got '${wrtText}')`);
  }
  const wrt = wrtParsed.length === 1 ? (wrtParsed[0] as Var) : null;
  return { syntax, formulas, where, wrt, sizes: parseSizes(stringOption(args, 'indices')) };
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

/**
 * Results are printed as the proofs print them: a negated term's sign in front (`a - \sum_i x_i`
 * for a + Σ_i (-x_i), the same value), not the library printers' tree-exact form.
 */
const RESULT = { signsOut: true } as const;

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
