// The one precedence table both printers share, and the one place that decides
// whether a subexpression needs parentheses (as Prettier's needs-parentheses).
//
// Levels follow docs/notation.md, loosest first. A child is printed bare when
// its level is at least the level its slot demands. Two things the table alone
// cannot say are handled here too:
//  - prefix operators (reductions `\sum_j`, `\frac{\partial}{\partial x}`) reach to the end
//    of the product, so they may stand bare only where nothing follows them in
//    that product (last factor, argument of a minus, body of another prefix);
//  - a term that prints with a leading minus (`neg`, a negative number, a
//    product led by a negative number) behaves like unary minus.

import { add, assertNever, div, type Expr, mul, neg, num, reduce } from '../core/ast.js';

export type Syntax = 'latex' | 'text';

/** Lagrange's prime on a group, `(a x)'`: the parser's `call('prime', [a x], spelling)` (docs/notation.md). */
export const PRIME = 'prime';
export const PRIME_SUPERSCRIPT = '^\\prime';

/** Binding strength of a printed form, loosest first. */
export const Level = { rel: 0, add: 1, neg: 2, mul: 3, pow: 4, atom: 5 } as const;
export type Level = (typeof Level)[keyof typeof Level];

/** Where a subexpression sits, as far as grouping goes. */
export type Slot =
  | 'top' // a whole formula, an Iverson condition
  | 'braced' // delimited by the parent: `\frac{…}{…}`, `^{…}`, `f(…)`, `sum(j, …)`
  | 'rel-arg' // a side of a relation
  | 'add-term' // a term of a sum (a later negative term prints its positive part in 'neg-arg')
  | 'neg-arg' // after a unary or binary minus
  | 'factor' // a factor followed by another factor
  | 'last-factor' // the last factor of a product
  | 'prefix-body' // the body of a reduction `\sum_j` (LaTeX)
  | 'div-operand' // an operand of the text `/`
  | 'atomic'; // a power's base, a text exponent, the body of a derivative operator

interface SlotRule {
  readonly min: Level;
  /** A prefix operator may stand bare here: nothing follows it in the enclosing product. */
  readonly prefixOk: boolean;
}

const SLOTS: Record<Slot, SlotRule> = {
  'top': { min: Level.rel, prefixOk: true },
  'braced': { min: Level.add, prefixOk: true },
  'rel-arg': { min: Level.add, prefixOk: true },
  'add-term': { min: Level.neg, prefixOk: true },
  'neg-arg': { min: Level.mul, prefixOk: true },
  'factor': { min: Level.pow, prefixOk: false },
  'last-factor': { min: Level.pow, prefixOk: true },
  'prefix-body': { min: Level.mul, prefixOk: true },
  'div-operand': { min: Level.pow, prefixOk: false },
  'atomic': { min: Level.atom, prefixOk: false },
};

/**
 * The positive part of an expression that prints with a leading minus, else null:
 * `-x` → `x`, `-2` → `2`, `-2 x y` → `2 x y`. The parser reads `-2` as neg(num(2)),
 * so negative numbers print like negations (and cannot round-trip as numbers).
 */
export function negated(e: Expr): Expr | null {
  switch (e.kind) {
    case 'neg': return e.arg;
    case 'num': return e.value < 0 ? num(-e.value) : null;
    case 'mul': {
      const lead = e.factors[0];
      return lead !== undefined && lead.kind === 'num' && lead.value < 0 ? mul([num(-lead.value), ...e.factors.slice(1)]) : null;
    }
    default: return null;
  }
}

/**
 * The positive part of a later term of a sum that can print as ` - …` with the
 * same value (the `signsOut` print option, which proofs use): what `negated`
 * finds, or, one level down, a product led by such a factor (`(-a) b` → `a b`), a
 * fraction with such a numerator (`\frac{-a}{b}` → `\frac{a}{b}`), or a Σ with
 * such a body (`\sum_i (-x_i)` → `\sum_i x_i`), so `a + \sum_i (-x_i)` prints as
 * `a - \sum_i x_i`. (Off by default: the parser reads `a - \sum_i x_i` as a
 * minus in front, another tree, and parse(print(e)) === e must hold.)
 */
export function negatedTerm(e: Expr): Expr | null {
  const direct = negated(e);
  if (direct !== null) return direct;
  switch (e.kind) {
    case 'mul': {
      const lead = negatedTerm(e.factors[0]!);
      return lead === null ? null : mul([lead, ...e.factors.slice(1)]);
    }
    case 'div': {
      const top = negatedTerm(e.num);
      return top === null ? null : div(top, e.den);
    }
    case 'reduce': {
      const body = e.op === 'sum' ? negatedTerm(e.body) : null;
      return body === null ? null : reduce(e.op, e.index, body, e.lower, e.upper);
    }
    // A sum inside a sum whose first term is negative (a proof row before the sums are flattened):
    // `a + (-b + c)` shows as `a - (b - c)`.
    case 'add': {
      const first = e.terms.length > 1 ? negatedTerm(e.terms[0]!) : null;
      if (first === null) return null;
      return add(e.terms.map((t, i) => (i === 0 ? first : negatedTerm(t) ?? neg(t))));
    }
    default: return null;
  }
}

/** Prefix operators: their scope runs to the end of the product they start. */
export function isPrefix(e: Expr, syntax: Syntax): boolean {
  if (syntax === 'text') return false; // `sum(j, …)` and `d/dx(…)` carry their own parentheses
  return e.kind === 'reduce' || (e.kind === 'diff' && e.form === 'operator');
}

/** How tightly the printed form of `e` binds. */
export function levelOf(e: Expr, syntax: Syntax): Level {
  switch (e.kind) {
    case 'rel': return Level.rel;
    case 'add': return Level.add;
    case 'neg': return Level.neg;
    case 'num': return e.value < 0 ? Level.neg : Level.atom;
    case 'mul': return negated(e) !== null ? Level.neg : Level.mul;
    case 'reduce': case 'diff': return isPrefix(e, syntax) ? Level.mul : Level.atom;
    case 'div': return syntax === 'latex' ? Level.atom : Level.mul; // `\frac{}{}` is self-delimiting
    case 'pow': return Level.pow;
    // `e^{x}` and `(u)^\prime` are themselves superscripts; `\#j` a prefix on its letter (`\#j^2` reads as #(j²)).
    case 'call': return syntax === 'latex' && (e.spelling === 'e^' || e.spelling === PRIME_SUPERSCRIPT) ? Level.pow : Level.atom;
    case 'extent': return Level.pow;
    case 'index': return e.index.kind === 'ilin' || (e.index.kind === 'ivar' && e.index.offset !== 0) ? Level.add : Level.atom; // `i+1`, `m-k`
    case 'var': case 'delta': case 'iverson': return Level.atom;
    default: return assertNever(e);
  }
}

/** The one parenthesisation decision: does `e`, printed in `slot`, need parentheses? */
export function needsParens(e: Expr, slot: Slot, syntax: Syntax): boolean {
  const rule = SLOTS[slot];
  if (levelOf(e, syntax) >= rule.min) return false;
  return !(rule.prefixOk && isPrefix(e, syntax));
}
