// The messages between the page (main.ts) and the derivation worker (worker.ts).
// Plain data only: everything crosses postMessage by structured clone.

import type { JsonProof } from '../../src/index.js';
import type { Problem } from './state.js';

export type Request =
  | { readonly kind: 'derive'; readonly problem: Problem }
  | { readonly kind: 'evaluate'; readonly problem: Problem; readonly seed: number };

/** Which input field an error is in, for the caret. */
export type Field = 'formula' | 'where' | 'wrt';

export interface Failure {
  readonly ok: false;
  readonly message: string;
  /** The field whose text the error points into, when it points into one. */
  readonly field: Field | null;
  /** 0-based offset and length of the offending text in that field (a ParseError's). */
  readonly offset: number | null;
  readonly length: number;
  readonly line: number;
  readonly column: number;
}

export interface StepRow {
  readonly n: number;
  readonly label: string;
  readonly why: string;
  /** The numeric check of the engine steps this row shows (its own and the folded ones). */
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface Derived {
  readonly ok: true;
  readonly kind: 'derive';
  /** Differentiated (a variable was given) or simplified (the derivatives inside the formula evaluated). */
  readonly mode: 'derive' | 'simplify';
  /** The result as an equation `∂E/∂w = …` (LaTeX). */
  readonly latex: string;
  /** The result in matrix or einsum form, when asked for. */
  readonly form: { readonly lines: readonly string[]; readonly form: 'matrix' | 'einsum'; readonly note: string | null } | null;
  /** The proof as the proof page shows it: the chain of equalities (one `align*`, the rewritten parts highlighted), then a note per row. */
  readonly proof: { readonly lang: JsonProof['lang']; readonly chain: string; readonly rows: readonly StepRow[] };
  /** The step-by-step numeric check. */
  readonly check: { readonly ok: boolean; readonly steps: number; readonly problems: readonly string[] };
  /** The compiled modules, or why there is none. */
  readonly code: Readonly<Record<CodeKind, { readonly source: string } | { readonly error: string }>>;
  readonly millis: number;
}

export type CodeKind = 'js' | 'numpy' | 'torch';

export interface Evaluated {
  readonly ok: true;
  readonly kind: 'evaluate';
  readonly inputs: readonly { readonly name: string; readonly slots: readonly string[]; readonly value: number | readonly number[] }[];
  readonly sizes: Readonly<Record<string, number>>;
  readonly output: { readonly free: readonly string[]; readonly shape: readonly number[]; readonly value: number | readonly number[] };
  readonly millis: number;
}

export type Response = Derived | Evaluated | Failure;
