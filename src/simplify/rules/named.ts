// Exp forms that are a named function: σ, tanh, cosh, sinh written out with e^u
// (`\frac{e^u}{1+e^u} = σ(u)`), recognised in a quotient in normal form. A
// derivative of `\log(1 + e^u)` then prints as `σ(u)` times the inner
// derivative, as a textbook writes it.
//
// The quotient is read as factors over factors (`\frac{e^u x}{(1+e^u) y}`):
// the factors that make the named form are replaced by the function, the others
// stay. The argument u is read off the factor `1 + e^u` (or `e^u ± e^{-u}`);
// every other factor is compared with that instance by canonical form
// (canonical.ts: operand order and bound-index names do not matter), so
// `\frac{e^{u}}{e^{u} + 1}` and `\exp(u)` are recognised too.
//
// A rewrite never adds a minus sign the input did not have: `\frac{1}{1+e^{-u}}`
// is σ(u), `\frac{e^{-u}}{1+e^{-u}}` is σ(-u) (not 1 - σ(u), which loses every
// digit for large u: 1 - σ(40) is 0 in floating point, σ(-40) is 4·10⁻¹⁸), and
// `\frac{1}{1+e^{u}}` stays as it is.
//
// `\log(1 + e^u)` is not rewritten to softplus: the simplifier also runs on the
// user's own formula (`kronecker simplify`), whose loss would then print with a
// name it was not written with; its derivative is recognised as σ already.
//
// Each rewrite shrinks the tree (σ(u) for `e^u/(1+e^u)`), and no other rule
// writes a named function out again.

import { add, call, div, type Expr, mul, neg, num } from '../../core/ast.js';
import type { RuleId } from '../../core/steps.js';
import { alphaEqual } from '../canonical.js';
import type { Rule } from '../engine.js';
import { factorsOf, isNum, ONE, product, splitCoeff, withCoeff } from '../terms.js';

type Of<K extends Expr['kind']> = Expr & { kind: K };

/** The argument of `e^u` (or `\exp(u)`), or null. */
function expArg(e: Expr): Expr | null {
  return e.kind === 'call' && e.fn === 'exp' && e.args.length === 1 ? e.args[0]! : null;
}

/** The terms of `u` as coefficient × rest (`-2x + y` is (-2, x), (1, y)). */
function termsOf(u: Expr): { c: number; rest: Expr }[] {
  return (u.kind === 'add' ? u.terms : [u]).map(splitCoeff);
}

/** Whether every term of `u` has a negative coefficient (`-u`, `-2x - y`): then `-u` is the simpler argument. */
function negative(u: Expr): boolean {
  return termsOf(u).every((t) => t.c < 0);
}

/** `-u` in normal form: each term's coefficient negated. */
function minus(u: Expr): Expr {
  const terms = termsOf(u).map((t) => withCoeff(-t.c, t.rest));
  return terms.length === 1 ? terms[0]! : add(terms);
}

/** Whether `a = -b`, term by term (`u` and `-u`, `x - y` and `y - x`). */
function opposite(a: Expr, b: Expr): boolean {
  const ta = termsOf(a);
  const tb = termsOf(b);
  if (ta.length !== tb.length) return false;
  const used = new Set<number>();
  return ta.every((x) => {
    const k = tb.findIndex((y, n) => !used.has(n) && y.c === -x.c && alphaEqual(y.rest, x.rest));
    if (k < 0) return false;
    used.add(k);
    return true;
  });
}

/** `e^a ± e^b` with b = -a: the arguments, the positive term's first, and the sign between them; or null. */
function expPair(e: Expr): { a: Expr; b: Expr; sign: 1 | -1 } | null {
  if (e.kind !== 'add' || e.terms.length !== 2) return null;
  const [s, t] = e.terms.map((x) => (x.kind === 'neg' ? { arg: expArg(x.arg), sign: -1 } : { arg: expArg(x), sign: 1 }));
  if (s!.arg === null || t!.arg === null || s!.sign + t!.sign === -2 || !opposite(s!.arg, t!.arg)) return null;
  return s!.sign === 1 ? { a: s!.arg, b: t!.arg, sign: t!.sign as 1 | -1 } : { a: t!.arg, b: s!.arg, sign: -1 };
}

/** `f(u)` for an odd function f, written with the argument that has no leading minus (`tanh(-u) = -tanh u`). */
function odd(fn: string, u: Expr): Expr {
  return negative(u) ? withCoeff(-1, call(fn, [minus(u)])) : call(fn, [u]);
}

/** A quotient as coefficient × factors over factors: `-\frac{e^u x}{(1+e^u) y}` is -1, [e^u, x], [1+e^u, y]. */
interface Parts {
  readonly c: number;
  readonly nums: readonly Expr[];
  readonly dens: readonly Expr[];
}

function partsOf(d: Of<'div'>): Parts {
  const top = splitCoeff(d.num);
  return { c: top.c, nums: factorsOf(top.rest), dens: factorsOf(d.den) };
}

/**
 * The quotient with the factors `numAt` and `denAt` (indices, -1 for none) taken out, `named` in the
 * numerator's place (first when none), and a number `den` (1: none) put first in the denominator.
 */
function rebuild(p: Parts, numAt: number, denAt: number, named: Expr, den = 1): Expr {
  const nums = p.nums.filter((_, k) => k !== numAt);
  const dens = p.dens.filter((_, k) => k !== denAt);
  const top = product(numAt < 0 ? [named, ...nums] : [...nums.slice(0, numAt), named, ...nums.slice(numAt)]);
  const bottom = product(den === 1 ? dens : [num(den), ...dens]);
  return withCoeff(p.c, bottom === ONE ? top : div(top, bottom));
}

/** σ: `\frac{e^u}{1+e^u} = σ(u)` (u may have a minus: σ(-u)), `\frac{1}{1+e^{-u}} = σ(u)`. */
const sigmoid: Rule = {
  id: 'named.sigmoid', kinds: ['div'],
  apply(e) {
    const p = partsOf(e as Of<'div'>);
    const dens = p.dens;
    for (let j = 0; j < dens.length; j++) {
      const f = dens[j]!;
      if (f.kind !== 'add' || f.terms.length !== 2 || !f.terms.includes(ONE)) continue;
      const u = expArg(f.terms[0] === ONE ? f.terms[1]! : f.terms[0]!);
      if (u === null) continue;
      const k = p.nums.findIndex((x) => { const a = expArg(x); return a !== null && alphaEqual(a, u); });
      if (k >= 0) return rebuild(p, k, j, call('sigmoid', [u]));
      if (negative(u)) return rebuild(p, -1, j, call('sigmoid', [minus(u)]));
    }
    return null;
  },
};

/**
 * `e^{-u} σ(u) = σ(-u)` in a product (a numerator is one too): the factor `\frac{1}{1+e^{-u}}` of
 * a raw derivative became σ(u) before its product was one fraction (rules run bottom-up).
 */
const sigmoidExp: Rule = {
  id: 'named.sigmoid-exp', kinds: ['mul'],
  apply(e) {
    const fs = (e as Of<'mul'>).factors;
    for (let i = 0; i < fs.length; i++) {
      const s = fs[i]!;
      if (s.kind !== 'call' || s.fn !== 'sigmoid' || s.args.length !== 1) continue;
      const k = fs.findIndex((x) => { const a = expArg(x); return a !== null && opposite(a, s.args[0]!); });
      if (k < 0) continue;
      return product(fs.flatMap((x, n) => (n === i ? [call('sigmoid', [expArg(fs[k]!)!])] : n === k ? [] : [x])));
    }
    return null;
  },
};

/**
 * σ': `\frac{e^{-u}}{(1+e^{-u})^2} = σ(u)(1 - σ(u))`, the form the derivative of σ itself prints in
 * (`\frac{e^{u}}{(1+e^{u})^2}` is the same value, σ(u)σ(-u), and is written with the argument that has
 * no leading minus). Unlike the rules above this writes a `1 - σ`, as a textbook does; it is the
 * form `diff.chain` gives σ' in, so the two derivatives of σ print alike.
 */
const sigmoidDerivative: Rule = {
  id: 'named.sigmoid-derivative', kinds: ['div'],
  apply(e) {
    const p = partsOf(e as Of<'div'>);
    for (let j = 0; j < p.dens.length; j++) {
      const f = p.dens[j]!;
      if (f.kind !== 'pow' || !isNum(f.exp, 2)) continue;
      const b = f.base;
      if (b.kind !== 'add' || b.terms.length !== 2 || !b.terms.includes(ONE)) continue;
      const a = expArg(b.terms[0] === ONE ? b.terms[1]! : b.terms[0]!);
      if (a === null) continue;
      const k = p.nums.findIndex((x) => { const y = expArg(x); return y !== null && alphaEqual(y, a); });
      if (k < 0) continue;
      const s = call('sigmoid', [negative(a) ? minus(a) : a]);
      return rebuild(p, k, j, mul([s, add([ONE, neg(s)])]));
    }
    return null;
  },
};

/** tanh: `\frac{e^u - e^{-u}}{e^u + e^{-u}} = \tanh u`. */
const tanh: Rule = {
  id: 'named.tanh', kinds: ['div'],
  apply(e) {
    const p = partsOf(e as Of<'div'>);
    const j = p.dens.findIndex((x) => expPair(x)?.sign === 1);
    if (j < 0) return null;
    const den = expPair(p.dens[j]!)!;
    for (let k = 0; k < p.nums.length; k++) {
      const n = expPair(p.nums[k]!);
      // The denominator's pair is either order of the numerator's: e^{u} + e^{-u}.
      if (n === null || n.sign !== -1 || !alphaEqual(n.a, den.a) && !alphaEqual(n.a, den.b)) continue;
      return rebuild(p, k, j, odd('tanh', n.a));
    }
    return null;
  },
};

/** cosh and sinh: `\frac{e^u + e^{-u}}{2} = \cosh u`, `\frac{e^u - e^{-u}}{2} = \sinh u` (a denominator 2c leaves c). */
function hyperbolic(id: RuleId, fn: 'cosh' | 'sinh'): Rule {
  const sign = fn === 'cosh' ? 1 : -1;
  return {
    id, kinds: ['div'],
    apply(e) {
      const p = partsOf(e as Of<'div'>);
      const j = p.dens.findIndex((x) => isNum(x) && x.value > 0 && x.value % 2 === 0);
      const k = p.nums.findIndex((x) => expPair(x)?.sign === sign);
      if (j < 0 || k < 0) return null;
      const { a } = expPair(p.nums[k]!)!;
      const named = fn === 'cosh' ? call('cosh', [negative(a) ? minus(a) : a]) : odd('sinh', a);
      // Half of the even number stays in the denominator.
      return rebuild(p, k, j, named, (p.dens[j] as Of<'num'>).value / 2);
    },
  };
}

/** `\frac{\sinh u}{\cosh u} = \tanh u` (and `\frac{\cosh u}{\sinh u} = \coth u`): what log cosh differentiates to. */
const hyperbolicRatio: Rule = {
  id: 'named.tanh-ratio', kinds: ['div'],
  apply(e) {
    const p = partsOf(e as Of<'div'>);
    const isCall = (x: Expr, fn: string): x is Of<'call'> => x.kind === 'call' && x.fn === fn && x.args.length === 1;
    for (const [top, bottom, named] of [['sinh', 'cosh', 'tanh'], ['cosh', 'sinh', 'coth']] as const) {
      for (let k = 0; k < p.nums.length; k++) {
        const n = p.nums[k]!;
        if (!isCall(n, top)) continue;
        const j = p.dens.findIndex((d) => isCall(d, bottom) && alphaEqual(d.args[0]!, n.args[0]!));
        if (j >= 0) return rebuild(p, k, j, call(named, [n.args[0]!]));
      }
    }
    return null;
  },
};

/** `u \operatorname{sign}(u) = |u|`, for every real u (both 0 at 0): softsign's derivative has it. */
const absolute: Rule = {
  id: 'named.abs', kinds: ['mul'],
  apply(e) {
    const fs = (e as Of<'mul'>).factors;
    const k = fs.findIndex((f) => f.kind === 'call' && f.fn === 'sign' && f.args.length === 1 && fs.some((g) => g !== f && alphaEqual(g, f.args[0]!)));
    if (k < 0) return null;
    const u = (fs[k] as Of<'call'>).args[0]!;
    const j = fs.findIndex((g, at) => at !== k && alphaEqual(g, u));
    // |u| where the first of the two stood; the other goes.
    const first = Math.min(j, k);
    const out = fs.flatMap((f, at) => (at === first ? [call('abs', [u], '|')] : at === j || at === k ? [] : [f]));
    return out.length === 1 ? out[0]! : mul(out);
  },
};

export const NAMED_RULES: readonly Rule[] = [
  sigmoid, sigmoidExp, sigmoidDerivative, tanh, hyperbolic('named.cosh', 'cosh'), hyperbolic('named.sinh', 'sinh'), hyperbolicRatio, absolute,
];
