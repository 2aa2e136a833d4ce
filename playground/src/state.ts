// The playground's state and its place in the URL: everything the page shows follows from
// it, and the hash (`#f=…&wrt=…&lang=zh`) holds it, so a link reproduces the page.
// Pure: no DOM, unit-tested in test/playground/state.test.ts.

import type { Detail, Lang } from '../../src/index.js';

/** The proof's languages and detail levels (src/proof/texts.ts: the page bundle does not load the texts; a test compares). */
export const LANGS: readonly Lang[] = ['en', 'zh'];
export const DETAILS: readonly Detail[] = ['brief', 'normal', 'full'];
export const FORMS = ['index', 'matrix', 'einsum'] as const;
export const CODES = ['js', 'numpy', 'torch'] as const;

/** What is derived: the inputs of `kronecker derive` (or `simplify`, without a variable). */
export interface Problem {
  /** The formula (LaTeX or plain text), as typed. */
  readonly formula: string;
  /** Definitions in scope before it (`--where`), one per line. */
  readonly where: string;
  /** The variable (`--wrt`); empty: simplify the formula instead. */
  readonly wrt: string;
  readonly lang: Lang;
  readonly detail: Detail;
  readonly fold: boolean;
  readonly form: (typeof FORMS)[number];
}

export interface State extends Problem {
  /** Which compiled module the code panel shows. */
  readonly code: (typeof CODES)[number];
}

export const OPTION_DEFAULTS = { lang: 'en', detail: 'normal', fold: false, form: 'index', code: 'js' } as const;

/** The hash for `state`: the three texts always (an empty formula is a state too), options only where not the default. */
export function encodeState(state: State): string {
  const p = new URLSearchParams();
  p.set('f', state.formula);
  p.set('where', state.where);
  p.set('wrt', state.wrt);
  for (const key of ['lang', 'detail', 'form', 'code'] as const) if (state[key] !== OPTION_DEFAULTS[key]) p.set(key, state[key]);
  if (state.fold) p.set('fold', '1');
  return `#${p.toString()}`;
}

/** The state a hash describes, the defaults for options it does not give; null when it gives no formula (no `f`). */
export function decodeState(hash: string): State | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const formula = p.get('f');
  if (formula === null) return null;
  const choice = <T extends string>(key: string, values: readonly T[], dflt: T): T => {
    const v = p.get(key);
    return v !== null && (values as readonly string[]).includes(v) ? (v as T) : dflt;
  };
  return {
    formula,
    where: p.get('where') ?? '',
    wrt: p.get('wrt') ?? '',
    lang: choice('lang', LANGS, OPTION_DEFAULTS.lang),
    detail: choice('detail', DETAILS, OPTION_DEFAULTS.detail),
    fold: p.get('fold') === '1',
    form: choice('form', FORMS, OPTION_DEFAULTS.form),
    code: choice('code', CODES, OPTION_DEFAULTS.code),
  };
}

/** The part of the state a derivation depends on (the code panel's choice is not). */
export function problemOf(state: State): Problem {
  const { code: _code, ...problem } = state;
  return problem;
}

/** Two problems give the same derivation. */
export function sameProblem(a: Problem, b: Problem): boolean {
  return a.formula === b.formula && a.where === b.where && a.wrt === b.wrt && a.lang === b.lang
    && a.detail === b.detail && a.fold === b.fold && a.form === b.form;
}
