// What the worker computes, with the library (src/index.ts) as `kronecker derive` and
// `kronecker simplify` do: parse, resolve the definitions, derive (or simplify), the proof and
// its numeric check, the result's form, and the compiled modules; and evaluating the compiled
// function at random inputs. Every error becomes a Failure: nothing here throws.

import {
  alignLatex, changedLatex, checkProof, compile, type Compiled, type Definition, derivativeOf, derive, emitModule, emitPythonModule, equation, type Expr,
  formulasInScope, InputError, type InputValue, inputsUnderRoots, isEquation, type NestedArray, ParseError, parseFormulas, proofJson, randomInputs, resolveDefinitions, resultForm,
  selectSteps, simplifyFormula, type Step, toLatex, unfoldAll, type Var,
} from '../../src/index.js';
import type { CodeKind, Derived, Evaluated, Failure, Field, StepRow } from './protocol.js';
import type { Problem } from './state.js';

/** Results are printed as the CLI and the proofs print them: a negated term's sign in front. */
const PRINT = { signsOut: true } as const;

interface Worked {
  readonly mode: 'derive' | 'simplify';
  readonly goal: Expr;
  readonly steps: readonly Step[];
  readonly result: Expr;
  readonly definitions: Definition[];
  readonly assumptions: Expr[];
  readonly target: Expr | null;
  readonly wrt: Var | null;
  /** What the code computes: the result, or the right side of a simplified equation (`∂E/∂w = …`). */
  readonly value: Expr | null;
}

/** Parse one field; a ParseError is tagged with the field it points into, as is a later error placed in its text (its origin). */
function read(text: string, field: Field): Expr[] {
  try {
    return parseFormulas(text, { origin: field });
  } catch (err) {
    if (err instanceof ParseError) throw new FieldError(field, err);
    throw err;
  }
}

class FieldError extends Error {
  constructor(readonly field: Field, readonly error: ParseError) {
    super(error.message);
  }
}

function work(p: Problem): Worked {
  const where = p.where.trim() === '' ? [] : read(p.where, 'where');
  if (where.some((f) => f.kind !== 'rel')) throw new InputError('the definitions take definitions (o_k = ...) and assumptions (a relation), one per line');
  const formulas = read(p.formula, 'formula');
  if (formulas.length === 0) throw new InputError('type a formula');
  if (p.wrt.trim() !== '') {
    const wrtParsed = read(p.wrt, 'wrt');
    if (wrtParsed.length !== 1 || wrtParsed[0]!.kind !== 'var') throw new InputError(`the variable must be one variable, such as x, w_{jk} or w[j,k] (got '${p.wrt}')`);
    const { definitions, assumptions, target } = resolveDefinitions([...where, ...formulas]);
    const d = derive(target, wrtParsed[0] as Var, { definitions, assumptions, steps: true, fold: p.fold });
    return {
      mode: 'derive', goal: derivativeOf(target, d.wrt), steps: d.steps, result: d.result,
      definitions, assumptions, target, wrt: d.wrt, value: d.result,
    };
  }
  const scope = formulasInScope(where, formulas);
  if (scope.formulas.length !== 1) throw new InputError('without a variable the formula is simplified, one formula at a time: give a variable to differentiate by');
  const formula = scope.formulas[0]!;
  const s = simplifyFormula(formula, { definitions: scope.definitions, assumptions: scope.assumptions, steps: true });
  const r = s.result;
  // As `kronecker compile` computes a formula: an equation (`∂E/∂w = …`, `y = …`) its right side; an inequality nothing.
  const value = r.kind !== 'rel' ? r : isEquation(r) ? r.args[r.args.length - 1]! : null;
  return {
    mode: 'simplify', goal: formula, steps: s.steps, result: r,
    definitions: scope.definitions, assumptions: scope.assumptions, target: null, wrt: null, value,
  };
}

const FIELDS: readonly string[] = ['formula', 'where', 'wrt'] satisfies Field[];

export function failure(err: unknown): Failure {
  const located = err instanceof FieldError ? err.error : err instanceof InputError ? err : null;
  const span = located?.span ?? null;
  if (located !== null && span !== null) {
    const field = err instanceof FieldError ? err.field : span.origin !== undefined && FIELDS.includes(span.origin) ? span.origin as Field : null;
    return { ok: false, message: located.reason, field, offset: span.offset, length: span.length, line: located.line, column: located.column };
  }
  const message = err instanceof InputError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)} (a bug in Kronecker)`;
  return { ok: false, message, field: null, offset: null, length: 0, line: 0, column: 0 };
}

/** Per shown row, the engine steps it stands for (its own and the hidden ones folded in). */
function rowChecks(steps: readonly Step[], detail: Problem['detail'], check: ReturnType<typeof checkProof>): { ok: boolean; problems: string[] }[] {
  return selectSteps(steps, detail).map((shown) => {
    const covered = [shown.own, ...shown.folded].map((s) => steps.indexOf(s));
    if (covered.some((i) => i < 0)) return { ok: check.ok, problems: check.ok ? [] : ['see the whole check'] };
    const results = covered.map((i) => check.steps.find((c) => c.index === i)).filter((c) => c !== undefined);
    return { ok: results.every((c) => c.ok), problems: results.flatMap((c) => c.problems.map((m) => `${c.rule}: ${m}`)) };
  });
}

function code(w: Worked): Derived['code'] {
  const none = (error: string) => ({ js: { error }, numpy: { error }, torch: { error } });
  if (w.value === null) return none('a relation that is not an equation computes no value');
  const one = (kind: CodeKind) => {
    try {
      const source = kind === 'js'
        ? emitModule(compile(w.value!, { definitions: w.definitions }))
        : emitPythonModule(w.value!, { definitions: w.definitions, backend: kind });
      return { source };
    } catch (err) {
      return { error: failure(err).message };
    }
  };
  return { js: one('js'), numpy: one('numpy'), torch: one('torch') };
}

export function deriveProblem(p: Problem): Derived | Failure {
  const start = performance.now();
  try {
    const w = work(p);
    const proof = { goal: w.goal, steps: w.steps, result: w.result };
    const json = proofJson(proof, { lang: p.lang, detail: p.detail });
    const check = checkProof(proof, { definitions: w.definitions, assumptions: w.assumptions });
    const checks = rowChecks(w.steps, p.detail, check);
    const rows: StepRow[] = json.steps.map((s, i) => ({
      n: s.n, label: s.label, why: s.why, ok: checks[i]?.ok ?? check.ok, problems: checks[i]?.problems ?? [],
    }));
    const chain = alignLatex(proof, { lang: p.lang, detail: p.detail }, (row) => changedLatex(row), 'column');
    const latex = toLatex(w.mode === 'derive' ? equation(w.goal, w.result) : w.result, PRINT);
    const form = p.form === 'index' || w.wrt === null || w.target === null
      ? null
      : resultForm(p.form, w.result, { target: w.target, wrt: w.wrt, definitions: w.definitions });
    return {
      ok: true, kind: 'derive', mode: w.mode, latex, form,
      proof: { lang: json.lang, chain, rows },
      check: { ok: check.ok, steps: check.steps.length, problems: [...check.problems] },
      code: code(w),
      millis: performance.now() - start,
    };
  } catch (err) {
    return failure(err);
  }
}

let last: { key: string; expr: Expr; compiled: Compiled } | null = null;

/** A nested array's numbers, row-major. */
function flatten(v: InputValue | undefined): number | number[] {
  if (v === undefined || typeof v === 'number') return v ?? Number.NaN;
  const out: number[] = [];
  const walk = (x: number | NestedArray | Float64Array): void => {
    if (typeof x === 'number') out.push(x);
    else for (const y of x) walk(y);
  };
  walk(v);
  return out;
}

/** The compiled function at random inputs (drawn as the checker draws them, from `seed`). */
export function evaluateProblem(p: Problem, seed: number): Evaluated | Failure {
  const start = performance.now();
  try {
    const key = JSON.stringify([p.formula, p.where, p.wrt, p.fold]);
    if (last === null || last.key !== key) {
      const w = work(p);
      if (w.value === null) throw new InputError('a relation that is not an equation computes no value');
      const expr = unfoldAll(w.value, w.definitions);
      last = { key, expr, compiled: compile(expr) };
    }
    const { compiled, expr } = last;
    const { values, sizes } = randomInputs([expr], { seed, positive: inputsUnderRoots(expr) });
    const out = compiled.fn({ values, sizes });
    return {
      ok: true, kind: 'evaluate',
      inputs: compiled.inputs.map((i) => ({ name: i.name, slots: i.slots, value: flatten(values[i.name]) })),
      sizes,
      output: { free: out.free, shape: out.shape, value: typeof out.value === 'number' ? out.value : Array.from(out.value) },
      millis: performance.now() - start,
    };
  } catch (err) {
    return failure(err);
  }
}
