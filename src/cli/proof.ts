// The `--steps` options shared by derive and simplify: which renderer, which
// language, which detail level, where to write, and the per-step check.

import { writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { Definition } from '../definitions.js';
import type { CheckReport } from '../check.js';
import { checkProof } from '../prove.js';
import type { Expr } from '../core/ast.js';
import {
  DETAILS, type Detail, type Lang, LANGS, type Proof, type ProofCheck, renderHtml, renderJson, renderLatex,
  renderMarkdown, renderText,
} from '../proof/index.js';
import { choiceOption, type Io, type Options, type ParsedArgs, stringOption } from './command.js';
import { UsageError } from './errors.js';

export const PROOF_FORMATS = ['latex', 'text', 'json', 'markdown', 'html'] as const;
export type ProofFormat = (typeof PROOF_FORMATS)[number];

export const proofOptions: Options = {
  steps: { type: 'boolean' },
  lang: { type: 'string' },
  detail: { type: 'string' },
  out: { type: 'string', short: 'o' },
};

export const proofHelp = `
Step-by-step derivation (a "proof"):
  --steps                 print the derivation as numbered steps: each a whole, equal
                          expression, the rule applied, the subterm it applied to, and why
  --format text|latex|markdown|html|json
                          text for a terminal; latex: one align* with a label per row;
                          markdown: $$ blocks that render on GitHub; html: a standalone
                          KaTeX page (use --out FILE); json: the step records
  --lang en|zh            language of the justifications (default en)
  --detail brief|normal|full  brief: headline steps; full: every algebraic step (default normal)
  -o, --out FILE          write the output to FILE instead of stdout
  With --check, every step is also checked numerically (consecutive expressions equal at
  random points for every index assignment).
`;

export interface ProofSettings {
  readonly lang: Lang;
  readonly detail: Detail;
  readonly out: string | undefined;
  readonly check: boolean;
}

/** Null when `--steps` is not given (then `--lang`/`--detail` make no sense and are refused). */
export function readProofSettings(args: ParsedArgs, command: string): ProofSettings | null {
  const steps = args.values.steps === true;
  const lang = choiceOption(args, 'lang', LANGS, 'en');
  const detail = choiceOption(args, 'detail', DETAILS, 'normal');
  if (!steps) {
    for (const name of ['lang', 'detail']) {
      if (args.values[name] !== undefined) throw new UsageError(`--${name} needs --steps`, command);
    }
    return null;
  }
  return { lang, detail, out: stringOption(args, 'out'), check: args.values.check === true };
}

export function renderProof(proof: Proof, format: ProofFormat, settings: ProofSettings): string {
  const options = { lang: settings.lang, detail: settings.detail };
  switch (format) {
    case 'text': return renderText(proof, options);
    case 'latex': return renderLatex(proof, options);
    case 'markdown': return renderMarkdown(proof, options);
    case 'html': return renderHtml(proof, options);
    case 'json': return renderJson(proof, options);
  }
}

/** Render, write to `--out` or stdout, and with `--check` check every step; returns whether all checks held. */
export function writeProof(
  proof: Proof,
  format: ProofFormat,
  settings: ProofSettings,
  context: { definitions: readonly Definition[]; assumptions?: readonly Expr[] },
  io: Io,
  resultCheck: CheckReport | null,
): boolean {
  const text = renderProof(proof, format, settings);
  if (settings.out === undefined) io.out(text);
  else {
    try {
      writeFileSync(settings.out, text.endsWith('\n') ? text : `${text}\n`);
    } catch (err) {
      throw new InputError(`cannot write ${settings.out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    io.err(`wrote ${settings.out}`);
  }
  if (!settings.check) return true;
  const steps = checkProof(proof, context);
  io.err(describeStepCheck(steps));
  return steps.ok && (resultCheck === null || resultCheck.ok);
}

export function describeStepCheck(c: ProofCheck): string {
  const lines = c.steps.map((s) => `  step ${s.index + 1} (${s.rule}): ${s.ok ? 'ok' : `FAILED — ${s.problems.join('; ')}`}`);
  const head = c.ok
    ? `steps: ok — all ${c.steps.length} steps checked (equal at random points, each an instance of its rule at its focus)`
    : `steps: FAILED — ${c.steps.filter((s) => !s.ok).length} of ${c.steps.length} steps fail${c.problems.length ? `; ${c.problems.join('; ')}` : ''}`;
  return [head, ...lines].join('\n');
}
