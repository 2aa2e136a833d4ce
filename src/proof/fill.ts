// Filling the catalogue's texts for one step: which placeholders a step
// provides, and how a `$…$`-delimited template becomes segments of prose and
// math for each output syntax.

import {
  call, children, type Diff, diff, div, equation, type Expr, type Index, indexValue, ivar, mul, num, variable,
} from '../core/ast.js';
import { isBinder } from '../core/indices.js';
import { ALL_REDUCTIONS } from '../core/reductions.js';
import { functionByName } from '../functions.js';
import { toLatex, toText } from '../print/index.js';
import type { Step } from '../core/steps.js';

/** Math is LaTeX for the latex/markdown/html outputs and plain text (with Unicode) for the terminal. */
export type MathSyntax = 'latex' | 'text';

/** A piece of a filled text: prose, or math in the requested syntax. */
export interface Segment {
  readonly math: boolean;
  readonly text: string;
}

/**
 * Proofs show bound letters as they are (`Σ_{j'}` after a rename): restoring them would hide the rename step.
 * A later term of a sum whose sign sits inside it prints as ` - …` (`a - \sum_i x_i`, not `a + \sum_i (-x_i)`).
 */
export const PRINT = { restoreBoundLetters: false, signsOut: true } as const;

export function printExpr(e: Expr, syntax: MathSyntax): string {
  return syntax === 'latex' ? toLatex(e, PRINT) : toText(e, PRINT);
}

function printIndex(i: Index, syntax: MathSyntax): string {
  return printExpr(indexValue(i), syntax);
}

function firstDiff(e: Expr): Diff | null {
  if (e.kind === 'diff') return e;
  for (const c of children(e)) {
    const d = firstDiff(c);
    if (d !== null) return d;
  }
  return null;
}

/** The other side of the first `δ` in `e` that compares index `name` with something else. */
function deltaPartner(e: Expr, name: string): Index | null {
  if (e.kind === 'delta') {
    const isName = (i: Index) => i.kind === 'ivar' && i.name === name && i.offset === 0;
    if (isName(e.a) && !isName(e.b)) return e.b;
    if (isName(e.b) && !isName(e.a)) return e.a;
    return null;
  }
  for (const c of children(e)) {
    const p = deltaPartner(c, name);
    if (p !== null) return p;
  }
  return null;
}

/**
 * The placeholder values of a step, as functions of the math syntax. Values
 * read off the step's expressions and the expressions its rule named
 * (`exprs`) come first; the producer's `params` (plain names such as `fn`,
 * `from`, `to`, `index`) fill the rest.
 */
export function stepSlots(step: Step): (key: string, syntax: MathSyntax) => string | undefined {
  const d = firstDiff(step.focus) ?? firstDiff(step.replacement);
  const binder = isBinder(step.focus) ? step.focus : d !== null && isBinder(d.body) ? d.body : null;
  const fn = step.params['fn'] ?? (d !== null && d.body.kind === 'call' ? d.body.fn : undefined);
  const index = step.params['index'] ?? binder?.index;
  const exprs: Record<string, Expr | undefined> = {
    focus: step.focus,
    replacement: step.replacement,
    wrt: d?.wrt,
    body: d?.body,
    name: d !== null && d.body.kind === 'var' ? d.body : step.focus.kind === 'var' ? step.focus : undefined,
    fnRule: fn === undefined ? undefined : derivativeFormula(fn, d !== null && d.body.kind === 'call' ? d.body.spelling : null),
    constant: step.focus.kind === 'diff' ? constantPart(step.focus, step.replacement) : undefined,
    // What the rule that fired names (src/simplify/engine.ts `Rule.explain`).
    ...step.exprs,
  };
  const partner = binder !== null && index !== undefined ? deltaPartner(binder.body, index) : null;
  return (key, syntax) => {
    const e = exprs[key];
    if (e !== undefined) return printExpr(e, syntax);
    if (key === 'value' && partner !== null) return printIndex(partner, syntax);
    if (key === 'index' && index !== undefined) return printIndex(ivar(index), syntax);
        if (key === 'fn') return fn;
    return step.params[key];
  };
}

/**
 * The factors a constant-multiple rewrite left outside the derivative: those of
 * `∂(a·f)/∂w` that stand unchanged in `a·∂f/∂w` (in any order), or `1/g` of `∂(f/g)/∂w = ∂f/∂w / g`.
 */
function constantPart(d: Diff, replacement: Expr): Expr | undefined {
  const { body } = d;
  if (body.kind === 'mul' && replacement.kind === 'mul' && replacement.factors.length === body.factors.length) {
    const kept = body.factors.filter((f) => replacement.factors.includes(f));
    if (kept.length === 0 || kept.length === body.factors.length) return undefined;
    return kept.length === 1 ? kept[0] : mul(kept);
  }
  if (body.kind === 'div' && replacement.kind === 'div' && replacement.den === body.den) return div(num(1), body.den);
  return undefined;
}

/** `d/du f(u) = f'(u)`, from the function table, spelled as the user wrote `f` (`\text{sigmoid}` or `\sigma`). */
function derivativeFormula(fn: string, spelling: string | null): Expr | undefined {
  const spec = functionByName(fn);
  if (spec === undefined || spec.derivative === undefined) return undefined;
  const u = variable('u');
  const self = call(spec.name, [u], spelling);
  return equation(diff(self, u, 'operator', 'd'), spec.derivative(u, self));
}

/** Every placeholder a template may use (anything else in braces is LaTeX, as in `\delta_{ab}`). */
export const SLOT_NAMES = [
  'focus', 'replacement', 'wrt', 'body', 'name', 'fn', 'fnRule', 'value', 'index', 'from', 'to', 'assumption', 'constant',
  'factor', 'base', 'shapes',
] as const;

const PLACEHOLDER = new RegExp(`\\{(${SLOT_NAMES.join('|')})\\}`, 'g');

/** The placeholder names a template uses. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Split `template` at `$` into prose and math and fill its placeholders, or
 * return null when one has no value. Math written in the catalogue is LaTeX;
 * for plain text it is turned into Unicode by `plainMath`.
 */
export function fillTemplate(
  template: string, slot: (key: string, syntax: MathSyntax) => string | undefined, syntax: MathSyntax,
): Segment[] | null {
  const parts = template.split('$');
  const out: Segment[] = [];
  for (let p = 0; p < parts.length; p++) {
    const math = p % 2 === 1;
    const values: string[] = [];
    let missing = false;
    // Placeholders become sentinels first, so that turning the catalogue's LaTeX into
    // plain text sees whole constructs (`\sum_{{index}}`) and never touches a filled value.
    const marked = parts[p]!.replace(PLACEHOLDER, (_m, key: string) => {
      const value = slot(key, math ? syntax : 'text');
      if (value === undefined) missing = true;
      values.push(value ?? '');
      return `\u0001${values.length - 1}\u0002`;
    });
    if (missing) return null;
    const converted = math && syntax === 'text' ? plainMath(marked) : marked;
    const text = converted.replace(/\u0001(\d+)\u0002/g, (_m, n: string) => values[Number(n)]!);
    if (text !== '') out.push({ math, text });
  }
  return out;
}

/** The first variant of `variants` whose placeholders all have values. */
export function fillFirst(
  variants: readonly string[], slot: (key: string, syntax: MathSyntax) => string | undefined, syntax: MathSyntax,
): Segment[] {
  for (const v of variants) {
    const filled = fillTemplate(v, slot, syntax);
    if (filled !== null) return filled;
  }
  throw new Error(`no text variant without placeholders in ${JSON.stringify(variants)}`);
}

const SYMBOLS: Readonly<Record<string, string>> = {
  '\\partial': '∂', '\\delta': 'δ', '\\Sigma': 'Σ', '\\cdot': '·', '\\neq': '≠', '\\log': 'log',
  '\\top': 'T', '\\odot': '⊙', '\\#': '#', ...Object.fromEntries(ALL_REDUCTIONS.map((r) => [r.latex, r.symbol])),
};

/** Operator symbols written close to what follows them: `Σ_j`, `∂E` (not a word such as `max`, which needs its space). */
const TIGHT = new RegExp(` ?(${[...ALL_REDUCTIONS.map((r) => r.symbol).filter((s) => !/^[a-z]/.test(s)), '∂'].join('|')}) `, 'g');

/** The catalogue's LaTeX snippets as terminal text: `\delta_{aa}` → `δ_aa`, `f^{n-1}` → `f^(n-1)`, `\sqrt{u}` → `sqrt(u)`. */
export function plainMath(latex: string): string {
  return latex
    .replace(/\\sqrt\{([^{}]*)\}/g, 'sqrt($1)')
    .replace(/\\#|\\[A-Za-z]+/g, (m) => SYMBOLS[m] ?? m.slice(1))
    .replace(/_\{([^{}]*)\}/g, '_$1')
    .replace(/\^\{([^{}]*)\}/g, (_m, g: string) => (g.length === 1 ? `^${g}` : `^(${g})`))
    .replace(TIGHT, '$1');
}

/** Segments as plain text (math already in text syntax). */
export function segmentsText(segs: readonly Segment[]): string {
  return segs.map((s) => s.text).join('');
}

/** Escape prose for LaTeX text mode (also inside `\text{}` in KaTeX). */
export function latexProse(s: string): string {
  return s.replace(/[\\{}&%#_^~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`));
}

/** Segments as LaTeX text-mode source: prose escaped, math in `$…$`. */
export function segmentsLatex(segs: readonly Segment[]): string {
  return segs.map((s) => (s.math ? `$${s.text}$` : latexProse(s.text))).join('');
}
