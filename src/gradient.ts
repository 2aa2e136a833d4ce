// The common task in one call: the gradient of a formula (LaTeX or plain text, or
// parsed nodes) with respect to a variable, printed, optionally with its steps, and
// compilable over the user's own input names. `kronecker derive` is `gradientOf`
// on the problem it reads from the command line.

import { equation, type Expr, type Var } from './core/ast.js';
import { isExpr } from './core/guard.js';
import type { Step } from './core/steps.js';
import { type Definition, resolveDefinitions, unfoldAll } from './definitions.js';
import { derivativeOf, derive, differentiateBody } from './derive/index.js';
import { compile, type Compiled, outputOrder, resultForm } from './compile/index.js';
import { allIndexNames } from './core/indices.js';
import { entryOf, parse, parseWithShapes, type Shape, type Syntax } from './parse/index.js';
import { toLatex, toText } from './print/index.js';
import type { Proof, Reading } from './proof/index.js';

/** A formula: its text (LaTeX or plain text, detected as the CLI does), one parsed node, or several. */
export type Formula = string | Expr | readonly Expr[];

export type GradientForm = 'index' | 'matrix' | 'einsum';

export interface GradientOptions {
  /** Definitions in scope before the formula (`o_k = \sigma(\sum_j w_{jk} o_j)`), as the CLI's `--where`. */
  readonly where?: Formula | readonly (string | Expr)[];
  /** Write every instance of a defined body with its name (`o_k(1 - o_k)`), as `--fold`. */
  readonly fold?: boolean;
  /** Also give the result in matrix or einsum form (`matrix`, `einsum`), as `--form`. */
  readonly form?: GradientForm;
  /** Record the derivation's steps (`proof`, `steps`). */
  readonly steps?: boolean;
  /** Declared index ranges (`{ j: 100, k: 10 }`), as `--indices`. */
  readonly sizes?: Readonly<Record<string, number>>;
  /** How to read text (default `auto`). */
  readonly syntax?: Syntax | 'auto';
  /** Differentiate this defined name instead of the last one, as `--of`. */
  readonly of?: string;
}

/** What is differentiated, resolved: the definitions in `let*` order, the assumptions, the target. */
export interface Problem {
  readonly definitions: readonly Definition[];
  readonly assumptions: readonly Expr[];
  readonly target: Expr;
  readonly sizes?: Readonly<Record<string, number>>;
}

/** The result in matrix form: `\frac{∂E}{∂W} = latex`, and the shared vectors it names (`\quad u = …`). */
export interface GradientMatrix {
  readonly lhs: string;
  readonly latex: string;
  readonly where: readonly string[];
}

export interface Gradient {
  /** The simplified derivative (defined names kept where the formula had them). */
  readonly expr: Expr;
  /** The derivative before simplification. */
  readonly raw: Expr;
  /** `∂target/∂wrt`: the left side of `equation`. */
  readonly goal: Expr;
  /** The variable, resolved after the definitions. */
  readonly wrt: Var;
  /** `expr` in LaTeX and in plain text, a negated term's sign in front (as the CLI prints). */
  readonly latex: string;
  readonly text: string;
  /** `goal = expr`, printed: the CLI's output line. */
  readonly equation: { readonly latex: string; readonly text: string };
  /** With `steps`: the derivation's steps, and the proof renderers take (`renderText(g.proof)`). */
  readonly steps?: readonly Step[];
  readonly proof?: Proof;
  /** With `form: 'matrix'`: the matrix form, or null when the result has none (then `einsum` is set). */
  readonly matrix?: GradientMatrix | null;
  /** With `form: 'einsum'`, or `matrix` without a matrix form: NumPy/PyTorch einsum lines. */
  readonly einsum?: string;
  /** With `form: 'matrix'` and no matrix form: why (`no matrix form (the result has 3 free indices); the einsum form:`). */
  readonly note?: string;
  /** The definitions it was derived under (the compiler unfolds them). */
  readonly definitions: readonly Definition[];
  /**
   * A closure over arrays computing `expr` at every assignment of its free indices; its inputs
   * are the formula's own inputs (`t`, `w`, `o`), never an internal name of a defined quantity.
   * The output's dimensions are the variable's indices first, then any other free index alphabetically.
   */
  compile(): Compiled;
}

/** Results are printed as the proofs print them: `a - \sum_i x_i`, not `a + \sum_i (-x_i)`. */
export const RESULT = { signsOut: true } as const;

function parsed(f: Formula | readonly (string | Expr)[], where: string, syntax: Syntax | 'auto'): Expr[] {
  const parts: readonly unknown[] = typeof f === 'string' || isExpr(f) ? [f] : Array.isArray(f) ? f : [f];
  return parts.flatMap((p) => {
    if (typeof p === 'string') return parseWithShapes(p, { syntax }).formulas;
    if (isExpr(p)) return [p];
    throw new TypeError(`gradient expects ${where} as text (LaTeX or plain), a parsed Expr, or an array of them`);
  });
}

/**
 * ∂formula/∂wrt, simplified. `formula` may hold several equations; the last definition is the
 * target, earlier ones are unfolded where they are differentiated (see `derive`).
 */
export function gradient(formula: Formula, wrt: string | Expr, options: GradientOptions = {}): Gradient {
  const syntax = options.syntax ?? 'auto';
  // A formula in matrix notation (\mathbf{a}^\top X \mathbf{b}): its proof starts from its reading,
  // its matrix form's left side is as written, and a variable named without indices (X) is its entry.
  const main = typeof formula === 'string' ? parseWithShapes(formula, { syntax }) : null;
  const formulas = main?.formulas ?? parsed(formula, 'the formula', syntax);
  const where = options.where === undefined ? [] : parsed(options.where, 'where', syntax);
  const resolved = resolveDefinitions([...where, ...formulas], [], { of: options.of, sizes: options.sizes, differentiate: differentiateBody });
  if (main === null || !main.matrix) return gradientOf({ ...resolved, sizes: options.sizes }, wrt, options);
  const variable = typeof wrt === 'string' ? parse(wrt, { syntax }) : wrt;
  const bound = new Set<string>();
  for (const f of [...formulas, ...where]) allIndexNames(f, bound);
  const entry = variable.kind === 'var' ? entryOf(variable, main.shapes, bound) : variable;
  return gradientOf({ ...resolved, sizes: options.sizes }, entry, { ...options, ...writtenAs((formula as string).trim(), main.formulas, main.shapes) });
}

/** Matrix notation `text`, read as `formulas` with `shapes`: the reading, and the text itself when it is one formula (not an equation). */
export function writtenAs(text: string, formulas: readonly Expr[], shapes: readonly Shape[]): Written {
  return { reading: { written: text, index: formulas, shapes }, written: formulas.length === 1 && formulas[0]!.kind !== 'rel' ? text : null };
}

/** How a formula in matrix notation was written, for `gradientOf`: its reading (the proof's first row) and its text (the matrix form's left side). */
export interface Written {
  readonly reading?: Reading;
  readonly written?: string | null;
}

/** `gradient` of a problem already resolved (`resolveDefinitions`): what `kronecker derive` runs. */
export function gradientOf(problem: Problem, wrt: string | Expr, options: Pick<GradientOptions, 'fold' | 'form' | 'steps'> & Written = {}): Gradient {
  const { definitions, assumptions, target, sizes } = problem;
  const d = derive(target, wrt, { definitions, assumptions, sizes, steps: options.steps === true, fold: options.fold === true });
  const goal = derivativeOf(target, d.wrt);
  const result = d.result;
  const form = options.form ?? 'index';
  const forms = form === 'index' ? {} : formsOf(form, result, { target, wrt: d.wrt, definitions, written: options.written ?? null });
  const free = outputOrder(unfoldAll(result, definitions), d.wrt);
  const whole = equation(goal, result);
  return {
    expr: result,
    raw: d.raw,
    goal,
    wrt: d.wrt,
    latex: toLatex(result, RESULT),
    text: toText(result, RESULT),
    equation: { latex: toLatex(whole, RESULT), text: toText(whole, RESULT) },
    ...(options.steps === true ? { steps: d.steps, proof: { goal, steps: d.steps, result, ...(options.reading === undefined ? {} : { reading: options.reading }) } } : {}),
    ...forms,
    definitions,
    compile: () => compile(result, { definitions, sizes, free }),
  };
}

/** The matrix or einsum form of the result (src/compile/result-form.ts), as `Gradient` holds it. */
function formsOf(form: 'matrix' | 'einsum', result: Expr, problem: Parameters<typeof resultForm>[2]): { matrix?: GradientMatrix | null; einsum?: string; note?: string } {
  const f = resultForm(form, result, problem);
  if (form === 'einsum') return { einsum: f.lines.join('\n') };
  return f.matrix !== null ? { matrix: f.matrix } : { matrix: null, einsum: f.lines.join('\n'), note: f.note! };
}
