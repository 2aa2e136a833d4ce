// Proofs of derivations: step selection, renderers (text, LaTeX, Markdown,
// KaTeX HTML, JSON), the en/zh catalogue of rule texts, and the numeric step checker.

export type { RuleId, Step } from '../core/steps.js';
export { RULE_IDS } from '../core/steps.js';
export { type Detail, DETAILS, type Lang, LANGS, RULE_TEXTS, type RuleText, shownAt } from './texts.js';
export { type Proof, type Reading, selectSteps, type ShownStep } from './select.js';
export {
  alignLatex, type JsonProof, type JsonStep, latexDocument, type LatexOptions, layout, notesLatex, proofJson,
  type RenderOptions, renderJson, renderLatex, renderMarkdown, renderText,
} from './render.js';
export { changedLatex, katexCss, katexRender, renderHtml } from './html.js';
export { checkSteps, type CheckStepsOptions, type ProofCheck, type StepCheck } from './check.js';
