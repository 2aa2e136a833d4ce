// A derivative's result in matrix or einsum form, as `kronecker derive --form` and the
// playground print it. The output's dimensions follow the variable's indices
// (∂E/∂W_{ji} has rows j), then any other free index alphabetically.

import { type Expr, type Var, variable } from '../core/ast.js';
import { type Definition, unfoldAll } from '../definitions.js';
import { freeIndices } from '../core/indices.js';
import { userName } from '../core/names.js';
import { toLatex } from '../print/index.js';
import { einsumForm } from './einsum-form.js';
import { matrixForm, matrixSymbol } from './matrix-form.js';

export type ResultForm = 'matrix' | 'einsum';

export interface FormOutput {
  /** The form, line by line: a LaTeX equation and its `\quad` where-lines (matrix), or einsum lines. */
  readonly lines: readonly string[];
  /** The matrix form in parts (`lhs = latex`, then the named vectors), when the lines are one. */
  readonly matrix: { readonly lhs: string; readonly latex: string; readonly where: readonly string[] } | null;
  /** Which form the lines are in: a matrix request falls back to einsum where no matrix form exists. */
  readonly form: ResultForm;
  /** Why the matrix form was not possible, when it fell back. */
  readonly note: string | null;
}

/** `result` = ∂target/∂wrt in the requested form (definitions unfolded first); `written`: the formula as the user wrote it in matrix notation. */
export function resultForm(
  form: ResultForm, result: Expr,
  problem: { readonly target: Expr; readonly wrt: Var; readonly definitions: readonly Definition[]; readonly written?: string | null },
): FormOutput {
  const value = unfoldAll(result, problem.definitions);
  const wrt = problem.wrt;
  const free = outputOrder(value, wrt);
  const target = problem.target.kind === 'var' ? userName(problem.target) : null;
  let note: string | null = null;
  if (form === 'matrix') {
    const m = matrixForm(value, { free });
    if (m !== null) {
      // The formula as written in matrix notation (\frac{\partial \mathbf{a}^\top X \mathbf{b}}{\partial X}), else its index form.
      const of = target !== null ? toLatex(variable(problem.target as Var, [])) : problem.written ?? `\\left(${toLatex(problem.target)}\\right)`;
      const lhs = `\\frac{\\partial ${of}}{\\partial ${matrixSymbol(wrt, free.length)}}`;
      return { lines: [`${lhs} = ${m.latex}`, ...m.where.map((w) => `\\quad ${w}`)], form: 'matrix', note: null, matrix: { lhs, latex: m.latex, where: m.where } };
    }
    note = `no matrix form (${free.length > 2 ? `the result has ${free.length} free indices` : 'an index pattern with no matrix operation'}); the einsum form:`;
  }
  const safe = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');
  const named = target === null ? null : (problem.target as Var).of === 'determinant' ? `det${target}` : target;
  const einsum = einsumForm(value, { free, name: named === null ? 'result' : `d${safe(named)}_d${safe(userName(wrt))}` });
  return { lines: einsum.split('\n'), form: 'einsum', note, matrix: null };
}

/** The output's dimensions of `value` (unfolded): the variable's own indices (∂E/∂W_{ji} has rows j), then the others alphabetically. */
export function outputOrder(value: Expr, wrt: Var): string[] {
  const free = freeIndices(value);
  const own = wrt.indices.flatMap((i) => (i.kind === 'ivar' && free.has(i.name) ? [i.name] : []));
  return [...new Set([...own, ...[...free].sort()])];
}
