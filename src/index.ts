// Kronecker's public API. Everything a library user needs is exported here;
// deeper modules are implementation details.
//
//   parse → derive / simplify → toLatex / toText
//                             → prove (steps) → renderText / renderLatex / renderMarkdown / renderHtml
//                             → evaluate (reference) / compile (fast closure)

import { resolveDefinitions as resolveAll, type Resolved } from './definitions.js';
import { differentiateBody } from './derive/index.js';

export * from './core/ast.js';
export type { StoreStats } from './core/store.js';
export { freeIndices, substituteIndex } from './core/indices.js';
export { type ReplaceOptions, replaceSubterm } from './core/replace.js';
export { FUNCTIONS, functionByName, type FunctionSpec } from './functions.js';
export { InputError } from './core/errors.js';
export { inputKey, userName, type VarName } from './core/names.js';

export { detectSyntax, parse, ParseError, parseFormulas, type ParseOptions, type Syntax } from './parse/index.js';
export { toLatex, toText, type PrintOptions } from './print/index.js';
export { toJson } from './serialize.js';

// The common task in one call: gradient(formula, wrt, {where, fold, form, steps}).
export { type Formula, gradient, type Gradient, type GradientForm, type GradientMatrix, type GradientOptions, gradientOf, type Problem } from './gradient.js';
export { type Definition, type Differentiate, type Resolved, resolveVariable, unfoldAll } from './definitions.js';
export { derive, type Derivation, type DeriveOptions, differentiate, differentiateBody, evaluateDerivatives, foldDefinitions } from './derive/index.js';

/**
 * `src/definitions.ts`'s `resolveDefinitions`, able to read `f'(x)` of a user-defined function:
 * it differentiates the body with `differentiateBody` unless the options give another way.
 */
export function resolveDefinitions(...[formulas, extra, options]: Parameters<typeof resolveAll>): Resolved {
  return resolveAll(formulas, extra, { differentiate: differentiateBody, ...options });
}
export { canonical, equivalent, simplify, type SimplifyOptions } from './simplify/index.js';

export {
  checkSteps, type Detail, type Lang, type Proof, type ProofCheck, renderHtml, renderJson, renderLatex, renderMarkdown, renderText, RULE_TEXTS,
  selectSteps, type ShownStep,
} from './proof/index.js';
export { RULE_IDS, type RuleId, type Step } from './core/steps.js';

export { evaluate, EvaluationError, IndexRangeError, type Inputs, type Tensor } from './evaluate.js';
export { checkDerivative, type CheckReport, randomInputs } from './check.js';
export { compile, compileAll, type Compiled, type CompiledAll, type CompiledResult, emitModule } from './compile/index.js';
export { prove, proveFormula, type ProveOptions, simplifyFormula } from './prove.js';

// For the playground (playground/): the proof's chain and step data, the numeric step check, the
// result's matrix/einsum form and the Python export, as the CLI's derive, simplify and compile use them.
export { checkProof, formulasInScope } from './prove.js';
export { derivativeOf } from './derive/index.js';
export { inputsUnderRoots } from './check.js';
export type { InputValue, NestedArray } from './values.js';
export { alignLatex, changedLatex, type JsonProof, type JsonStep, proofJson } from './proof/index.js';
export { emitPythonModule, type FormOutput, type PythonBackend, type ResultForm, resultForm } from './compile/index.js';
