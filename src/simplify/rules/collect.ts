// Collecting and factoring: the sums of a derivative in the form a textbook
// prints them.
//
//   collect.like-terms     like terms up to the sign of a difference and the
//                          names of letters that certainly share a range:
//                          `2(\#j x_k - Σ_j x_j) - 2(Σ_i x_i - \#i x_k) = 4(\#i x_k - Σ_i x_i)`
//                          when i and j index one slot of one array
//   collect.common-factor  `a x - b x = (a - b) x`, `2a - 2b = 2(a - b)`
//   collect.expand         `y(1 - σ) - (1 - y)σ = y - σ`: the products of sums are
//                          distributed and like terms collected, kept only when the
//                          result is strictly smaller
//   collect.absorb-minus   `-Σ_i (y_i - σ_i) x_i = Σ_i (σ_i - y_i) x_i`: a bare minus
//                          in front of a Σ goes into a difference in its body
//   collect.flatten-nested `\frac{a - b/c}{d} = \frac{ac - b}{cd}` (a complex fraction)
//   collect.clear-fractions `m(δ - \frac{1}{m}) = mδ - 1`
//
// Measures. Each rewrite makes its node strictly smaller (tree size; at equal
// size common-factor writes the factor once), or leaves strictly fewer minus
// signs (absorb-minus) or fractions nested in fractions (flatten-nested,
// clear-fractions), and none is undone by another rule: a product of sums is
// distributed only by `collect.expand` when that is smaller and by
// `sum.distribute-delta` (to let a δ collapse); neither expand nor common-factor
// touches a sum whose terms hold a δ, so those two do not undo each other.

// Ranges. Two letters are taken to run over the same values only when that is
// certain: both undeclared and linked by the formula's indexing
// (`ctx.sameRange`, src/simplify/ranges.ts), or both declared with one size.
// `\#i` and `\#j` of two such letters are equal, and so are sums over them
// that agree otherwise; letters of different declared sizes, or of different
// families (`w_{ij}` vs `w_{jk}`), never merge. A merged term is written with the
// alphabetically first letter of its group.

import { add, div, extent, type Expr, isReduction, ivar, mapChildren, mul, pow, reduce } from '../../core/ast.js';
import { baseLetter } from '../../core/fresh.js';
import { freeIndices, substituteIndex } from '../../core/indices.js';
import { alphaEqual, canonical, roughHash } from '../canonical.js';
import type { Rule, RuleContext } from '../engine.js';
import { sizeOf } from '../ranges.js';
import {
  addRational, clean, factorsOf, gcd, ONE, powerExpr, powerOf, product, type Rational, rationalOf, splitCoeff, withCoeff, ZERO,
} from '../terms.js';

type Of<K extends Expr['kind']> = Expr & { kind: K };

// ---------------------------------------------------------------------------
// Sizes and signs

const sizes = new WeakMap<Expr, number>();

/** The tree size of `e` (every occurrence counted), memoised: linear in the DAG. */
export function size(e: Expr): number {
  const hit = sizes.get(e);
  if (hit !== undefined) return hit;
  let n = 1;
  switch (e.kind) {
    case 'num': case 'var': case 'delta': case 'extent': case 'index': break;
    default: mapChildren(e, (c) => { n += size(c); return c; });
  }
  sizes.set(e, n);
  return n;
}

/** Whether `e` holds a δ in factor position (through products, negations and numerators). */
function hasDelta(e: Expr): boolean {
  switch (e.kind) {
    case 'delta': return true;
    case 'mul': return e.factors.some(hasDelta);
    case 'neg': return hasDelta(e.arg);
    case 'div': return hasDelta(e.num);
    default: return false;
  }
}

/** `-t` in normal form. */
const negate = (t: Expr): Expr => {
  const { c, rest } = splitCoeff(t);
  return withCoeff(clean(-c), rest);
};

// ---------------------------------------------------------------------------
// Letters that certainly share a range

/** Whether index letters `a` and `b` certainly run over the same values. */
function sameRange(a: string, b: string, ctx: RuleContext): boolean {
  const x = baseLetter(a);
  const y = baseLetter(b);
  if (x === y) return true;
  const sx = sizeOf(x, ctx.sizes);
  const sy = sizeOf(y, ctx.sizes);
  if (sx !== undefined || sy !== undefined) return sx === sy;
  return ctx.sameRange(x, y) && ctx.declared(x) === ctx.declared(y);
}

/** The letters of extents and of unbounded Σ binders in `e`. */
function rangeLetters(e: Expr, into: Set<string>, seen: Set<Expr>): void {
  if (seen.has(e)) return;
  seen.add(e);
  if (e.kind === 'extent') into.add(baseLetter(e.index));
  if (isReduction(e, 'sum') && e.lower === null && e.upper === null) into.add(baseLetter(e.index));
  mapChildren(e, (c) => { rangeLetters(c, into, seen); return c; });
}

/**
 * Writes each extent and unbounded Σ over a letter with the first letter of its range group among
 * `letters`: equal values, since the letters run over the same range. A binder is left as it is where
 * the new letter is free in its body (renaming it would capture).
 */
function renamer(letters: ReadonlySet<string>, ctx: RuleContext): ((e: Expr) => Expr) | null {
  const sorted = [...letters].sort();
  const rep = new Map<string, string>();
  for (const l of sorted) {
    const first = sorted.find((m) => sameRange(l, m, ctx))!;
    if (first !== l) rep.set(l, first);
  }
  if (rep.size === 0) return null;
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    const hit = memo.get(e);
    if (hit !== undefined) return hit;
    let out: Expr;
    if (e.kind === 'extent') {
      out = extent(rep.get(baseLetter(e.index)) ?? e.index);
    } else if (isReduction(e, 'sum') && e.lower === null && e.upper === null) {
      const body = go(e.body);
      const to = rep.get(baseLetter(e.index));
      out = to !== undefined && !freeIndices(body).has(to) && !hasBinder(body, to)
        ? reduce('sum', to, substituteIndex(body, e.index, ivar(to)))
        : reduce('sum', e.index, body);
    } else {
      out = mapChildren(e, go);
    }
    memo.set(e, out);
    return out;
  };
  return go;
}

/** Whether some binder inside `e` binds `name`. */
function hasBinder(e: Expr, name: string): boolean {
  if (e.kind === 'reduce' && e.index === name) return true;
  let found = false;
  mapChildren(e, (c) => { if (!found && hasBinder(c, name)) found = true; return c; });
  return found;
}

/**
 * The same-range renaming for the terms of `e` (see `renamer`): what `alg.collect-terms` writes a
 * merged term with, so that `Σ_j x_j + Σ_i x_i` gives `2Σ_i x_i` whichever comes first.
 */
export function rangeRenaming(e: Expr, ctx: RuleContext): (x: Expr) => Expr {
  const letters = new Set<string>();
  rangeLetters(e, letters, new Set());
  return renamer(letters, ctx) ?? ((x: Expr) => x);
}

// ---------------------------------------------------------------------------
// Like terms up to sign and range

/** A rough hash of `rest` that ignores the signs of its sum factors (and, as roughHash does, index names). */
const unsigned = new WeakMap<Expr, number>();

/** `roughUnsigned` of a term's rest (its coefficient dropped), memoised by term. */
function roughTerm(t: Expr): number {
  const hit = unsignedTerm.get(t);
  if (hit !== undefined) return hit;
  const h = roughUnsigned(splitCoeff(t).rest);
  unsignedTerm.set(t, h);
  return h;
}
const unsignedTerm = new WeakMap<Expr, number>();

function roughUnsigned(rest: Expr): number {
  const hit = unsigned.get(rest);
  if (hit !== undefined) return hit;
  let acc = 0;
  for (const f of factorsOf(rest)) {
    if (f.kind === 'add') {
      let h = 0x2545f491;
      for (const t of f.terms) h = (h + roughHash(splitCoeff(t).rest)) | 0;
      acc = (acc + Math.imul(h, 0x9e3779b1)) | 0;
    } else acc = (acc + roughHash(f)) | 0;
  }
  unsigned.set(rest, acc);
  return acc;
}

/** `rest` as sign × a comparison form in which every sum factor has one orientation of its two (`a - b` or `b - a`). */
function signedKey(rest: Expr): { key: Expr; sign: number } {
  let sign = 1;
  const fs = factorsOf(rest).map((f) => {
    if (f.kind !== 'add') return canonical(f);
    // Both orientations with each term as coefficient × rest (`-1` is `neg(1)` or the number -1).
    const plus = canonical(add(f.terms.map((t) => { const s = splitCoeff(t); return withCoeff(s.c, s.rest); })));
    const minus = canonical(add(f.terms.map(negate)));
    if (minus.id < plus.id) {
      sign = -sign;
      return minus;
    }
    return plus;
  });
  return { key: canonical(product(fs)), sign };
}

const likeTerms: Rule = {
  id: 'collect.like-terms', kinds: ['add'],
  apply(e, ctx) {
    const { terms } = e as Of<'add'>;
    // Cheap first: only terms whose unsigned rough hashes collide can be alike.
    const rough = terms.map(roughTerm);
    let collide = false;
    for (let a = 0; a < rough.length && !collide; a++) for (let b = a + 1; b < rough.length; b++) if (rough[a] === rough[b]) { collide = true; break; }
    if (!collide) return null;
    const counts = new Map<number, number>();
    for (const h of rough) counts.set(h, (counts.get(h) ?? 0) + 1);
    const split = terms.map(splitCoeff);
    const rename = rangeRenaming(e, ctx);
    const groups = new Map<number, { at: number; total: number; members: number[] }>();
    const order: number[] = [];
    const keyed = split.map((s, k) => {
      if (counts.get(rough[k]!)! < 2) return null;
      return signedKey(rename(s.rest));
    });
    const own = new Map<number, number>();
    keyed.forEach((kk, k) => {
      const id = kk === null ? -1 - k : kk.key.id;
      const g = groups.get(id);
      const c = split[k]!.c * (kk?.sign ?? 1);
      if (g === undefined) { groups.set(id, { at: k, total: c, members: [k] }); order.push(id); } else { g.total += c; g.members.push(k); }
      own.set(k, id);
    });
    if ([...groups.values()].every((g) => g.members.length === 1)) return null;
    const out: Expr[] = [];
    for (const id of order) {
      const g = groups.get(id)!;
      if (g.members.length === 1) { out.push(terms[g.at]!); continue; }
      const first = keyed[g.at]!;
      const total = clean(g.total * first.sign);
      if (total !== 0) out.push(withCoeff(total, rename(split[g.at]!.rest)));
    }
    return out.length === 0 ? ZERO : out.length === 1 ? out[0]! : add(out);
  },
};

// ---------------------------------------------------------------------------
// Common factors

/** A term without its minus signs (`-2 x y` is `2 x y`). */
const bare = (t: Expr): Expr => (t.kind === 'neg' ? bare(t.arg) : t);
/** The leading coefficient of a term in normal form (`-2 x y`: -2). */
const leading = (t: Expr): number => (t.kind === 'neg' ? -leading(t.arg) : t.kind === 'num' ? t.value : t.kind === 'mul' && t.factors[0]!.kind === 'num' ? t.factors[0]!.value : 1);
const factorsIn = (t: Expr): readonly Expr[] => (t.kind === 'mul' ? t.factors : [t]);
/** Whether a factor of `t` has the rough hash of `f` (a necessary condition for an α-equal factor). */
const hasRough = (t: Expr, f: Expr): boolean => factorsIn(t).some((x) => x === f || roughHash(x) === roughHash(f));

const commonFactor: Rule = {
  id: 'collect.common-factor', kinds: ['add'],
  apply(e) {
    const { terms } = e as Of<'add'>;
    // Cheap first, without building anything: a factor of the first term whose rough hash every
    // other term has, or a whole leading coefficient other than ±1 (a gcd may then be pulled out).
    const first = bare(terms[0]!);
    const lead = Math.abs(leading(terms[0]!));
    if ((lead === 1 || !Number.isInteger(lead)) && !factorsIn(first).some((f) => f.kind !== 'num' && terms.every((t, m) => m === 0 || hasRough(bare(t), f)))) return null;
    const split = terms.map(splitCoeff);
    // A numeric factor: the gcd of whole coefficients, negative when every one is.
    let g = 0;
    for (const s of split) g = Number.isInteger(s.c) && g >= 0 ? gcd(g, s.c) : -1;
    const allNegative = split.every((s) => s.c < 0);
    const k = g > 1 ? (allNegative ? -g : g) : allNegative ? -1 : 1;
    if (terms.some(hasDelta)) return null;
    const lists = split.map((s) => [...factorsOf(s.rest)]);
    const common: Expr[] = [];
    const before: Expr[] = [];
    let seenOther = false;
    for (const f of factorsOf(split[0]!.rest)) {
      const at = lists.slice(1).map((l) => l.findIndex((x) => x === f || alphaEqual(x, f)));
      if (at.some((p) => p < 0)) { seenOther = true; continue; }
      common.push(f);
      if (!seenOther) before.push(f);
      at.forEach((p, m) => lists[m + 1]!.splice(p, 1));
      lists[0]!.splice(lists[0]!.indexOf(f), 1);
    }
    // Without a common factor, only a number worth pulling out (`-a - b` stays: `alg.neg-sum` would undo it).
    if (common.length === 0 && Math.abs(k) === 1) return null;
    const inner = add(split.map((s, m) => withCoeff(clean(s.c / k), product(lists[m]!))));
    const after = common.slice(before.length);
    const result = withCoeff(k, product([...before, inner, ...after]));
    // Smaller, or as large with the common factor written once where every term keeps a factor of its
    // own (`2px + 3qx = (2p + 3q)x`; `x + xy` stays, not `(1 + y)x`). A minus sign pulled out of n
    // negative terms counts as n - 1 nodes saved (`-2px - 3qx = -(2p + 3q)x`).
    const d = size(result) - size(e) - (allNegative ? terms.length - 1 : 0);
    return d < 0 || (d === 0 && lists.every((l) => l.length > 0)) ? result : null;
  },
};

// ---------------------------------------------------------------------------
// Distributing, then collecting

/** At most this many terms come out of distributing one sum: beyond it, nothing is tried. */
const MAX_TERMS = 32;

/** The terms of `t` with its sum factors distributed, as coefficient × factors; null beyond MAX_TERMS. */
function expandTerm(t: Expr, into: { c: number; fs: Expr[] }[]): boolean {
  const { c, rest } = splitCoeff(t);
  let acc: { c: number; fs: Expr[] }[] = [{ c, fs: [] }];
  for (const f of factorsOf(rest)) {
    if (f.kind !== 'add') {
      for (const a of acc) a.fs.push(f);
      continue;
    }
    if (acc.length * f.terms.length > MAX_TERMS) return false;
    const next: { c: number; fs: Expr[] }[] = [];
    for (const a of acc) {
      for (const u of f.terms) {
        const s = splitCoeff(u);
        next.push({ c: a.c * s.c, fs: [...a.fs, ...factorsOf(s.rest)] });
      }
    }
    acc = next;
  }
  into.push(...acc);
  return into.length <= MAX_TERMS;
}

const expand: Rule = {
  id: 'collect.expand', kinds: ['add'],
  apply(e, ctx) {
    const { terms } = e as Of<'add'>;
    const hasSumFactor = (t: Expr): boolean => (t.kind === 'neg' ? hasSumFactor(t.arg) : t.kind === 'mul' && t.factors.some((f) => f.kind === 'add'));
    if (!terms.some(hasSumFactor)) return null;
    // A δ selects (the product rule's `δ_{i'i} + (1 - δ_{i'i}) f_{i'}`, a sum spread out to collapse): left as written.
    if (terms.some(hasDelta)) return null;
    const parts: { c: number; fs: Expr[] }[] = [];
    for (const t of terms) if (!expandTerm(t, parts)) return null;
    const rests = parts.map((p) => product(p.fs));
    // Nothing can collect unless two rough hashes collide.
    const hashes = new Set<number>();
    let collide = false;
    for (const r of rests) {
      const h = roughHash(r);
      if (hashes.has(h)) collide = true;
      hashes.add(h);
    }
    if (!collide) return null;
    const rename = rangeRenaming(e, ctx);
    const groups = new Map<number, { rest: Expr; total: number; n: number }>();
    rests.forEach((r, k) => {
      const renamed = rename(r);
      const id = canonical(renamed).id;
      const g = groups.get(id);
      if (g === undefined) groups.set(id, { rest: r, total: parts[k]!.c, n: 1 });
      else { g.total += parts[k]!.c; g.n++; if (g.n === 2) g.rest = renamed; }
    });
    if (groups.size === rests.length) return null;
    const out = [...groups.values()].map((g) => withCoeff(clean(g.total), g.rest)).filter((t) => t !== ZERO);
    const result = out.length === 0 ? ZERO : out.length === 1 ? out[0]! : add(out);
    return size(result) < size(e) ? result : null;
  },
};

// ---------------------------------------------------------------------------
// A minus sign into a difference

/** The number of negative terms of a sum. */
const negatives = (s: Of<'add'>) => s.terms.filter((t) => splitCoeff(t).c < 0).length;

/**
 * `-e` written without a new minus sign, by negating one sum in factor position (through products and
 * Σ bodies) that has at least as many negative terms as positive ones; null when there is none.
 */
function flip(e: Expr): Expr | null {
  switch (e.kind) {
    // `1 - u` keeps its shape (σ(1 - σ), 1 - tanh²): a sum with a number in it is not turned round.
    case 'add': return e.terms.length <= 2 * negatives(e) && !e.terms.some((t) => t.kind === 'num') ? add(e.terms.map(negate)) : null;
    case 'mul':
      for (let k = 0; k < e.factors.length; k++) {
        const f = flip(e.factors[k]!);
        if (f !== null) return mul(e.factors.map((x, m) => (m === k ? f : x)));
      }
      return null;
    case 'reduce': {
      if (!isReduction(e, 'sum')) return null;
      const body = flip(e.body);
      return body === null ? null : reduce('sum', e.index, body, e.lower, e.upper);
    }
    default: return null;
  }
}

/**
 * `-Σ_i (y_i - σ_i) x_i = Σ_i (σ_i - y_i) x_i`: a bare minus sign in front of a Σ (or of a product with
 * a Σ factor) goes into a difference inside the Σ's body, which then has its terms the other way round.
 * Only through a Σ: a minus in front of a product is as often a subtraction in a sum, written as it
 * is (`a - (x_k - μ) b`, not `a + (μ - x_k) b`), and a rule cannot tell the two apart; nor in front of a
 * quotient. A numeric coefficient such as -2 stays where the chain rule put it (`-2(t_k - o_k)`).
 */
const absorbMinus: Rule = {
  id: 'collect.absorb-minus', kinds: ['neg'],
  apply(e) {
    const rest = (e as Of<'neg'>).arg;
    if (rest.kind !== 'reduce' && rest.kind !== 'mul') return null;
    const fs = factorsOf(rest);
    for (let k = 0; k < fs.length; k++) {
      if (!isReduction(fs[k]!, 'sum')) continue;
      const f = flip(fs[k]!);
      if (f !== null) return product(fs.map((x, m) => (m === k ? f : x)));
    }
    return null;
  },
};

// ---------------------------------------------------------------------------
// Sums of fractions inside a fraction or a product

/** A factor of a denominator as base^exponent, the exponent as a rational where it is one. */
interface Part { readonly base: Expr; readonly exp: Expr; readonly r: Rational | null }

const partOf = (f: Expr): Part => {
  const { base, exp } = powerOf(f);
  return { base, exp, r: rationalOf(exp) };
};

const partExpr = (p: Part): Expr => (p.r !== null ? powerExpr(p.base, p.r) : pow(p.base, p.exp));

/** `e` as coefficient × numerator factors over denominator factors (no denominator: `[]`). */
function fractionOf(t: Expr): { c: number; nums: readonly Expr[]; dens: readonly Part[] } {
  const { c, rest } = splitCoeff(t);
  if (rest.kind !== 'div') return { c, nums: factorsOf(rest), dens: [] };
  const top = splitCoeff(rest.num);
  return { c: c * top.c, nums: factorsOf(top.rest), dens: factorsOf(rest.den).map(partOf) };
}

/** The common denominator of `dens` (each base once, at its largest exponent), or null when two exponents of one base cannot be compared. */
function commonDenominator(dens: readonly (readonly Part[])[]): Part[] | null {
  const out: Part[] = [];
  for (const list of dens) {
    for (const p of list) {
      const k = out.findIndex((q) => alphaEqual(q.base, p.base));
      if (k < 0) { out.push(p); continue; }
      const q = out[k]!;
      if (q.exp === p.exp) continue;
      if (q.r === null || p.r === null) return null;
      if (addRational(p.r, q.r, -1)[0] > 0) out[k] = p;
    }
  }
  return out;
}

/** `lcd / dens` as factors (`dens` divides `lcd`, as commonDenominator made it). */
function quotient(lcd: readonly Part[], dens: readonly Part[]): Expr[] {
  const out: Expr[] = [];
  for (const p of lcd) {
    const d = dens.find((q) => alphaEqual(q.base, p.base));
    if (d === undefined) out.push(partExpr(p));
    else if (p.exp !== d.exp) out.push(powerExpr(p.base, addRational(p.r!, d.r!, -1)));
  }
  return out.filter((f) => f !== ONE);
}

/** A sum with fraction terms as one fraction over the common denominator of its terms: `a - \frac{b}{c} = \frac{ac - b}{c}`; null when no term is a fraction. */
function asOneFraction(s: Of<'add'>): { num: Expr; den: Part[] } | null {
  const parts = s.terms.map(fractionOf);
  if (parts.every((p) => p.dens.length === 0)) return null;
  const lcd = commonDenominator(parts.map((p) => p.dens));
  if (lcd === null) return null;
  return { num: add(parts.map((p) => withCoeff(p.c, product([...p.nums, ...quotient(lcd, p.dens)])))), den: lcd };
}

/** Whether the term `t` is a fraction, up to a numeric coefficient (`-\frac{b}{c}`, `2 \frac{b}{c}`): what `fractionOf` splits. */
function isFractionTerm(t: Expr): boolean {
  switch (t.kind) {
    case 'div': return true;
    case 'neg': return isFractionTerm(t.arg);
    case 'mul': return t.factors.some((f) => f.kind === 'div') && splitCoeff(t).rest.kind === 'div';
    default: return false;
  }
}

const hasFractionTerm = (f: Expr): f is Of<'add'> => f.kind === 'add' && f.terms.some(isFractionTerm);

/**
 * `\frac{a - b/c}{d} = \frac{ac - b}{cd}`, `\frac{a}{b - c/d} = \frac{ad}{bd - c}`: a fraction whose
 * numerator or denominator is a sum with fraction terms (a complex fraction) is written as one
 * fraction, which `alg.flatten-fraction` then merges. Measure: fewer fractions nested in fractions.
 * A sum factor of a product in a numerator, `\frac{(x - μ)(y - \frac{u}{m})}{d}`, is left alone
 * (`collect.clear-fractions` multiplies it out where its denominators are there to cancel): a factor
 * such as `y - \frac{u}{m}` may simplify further once a definition is unfolded (u may be 0), which the
 * flattened, expanded form would hide. So is a sum of fractions by itself (`δ_{kj} - \frac{1}{m}`).
 */
/** Whether `x` is, up to a numeric coefficient, a sum with fraction terms (a cheap test first). */
function mayHaveFractionSum(x: Expr): boolean {
  if (x.kind === 'add') return hasFractionTerm(x);
  if (x.kind === 'neg') return mayHaveFractionSum(x.arg);
  return x.kind === 'mul' && x.factors.length === 2 && x.factors[0]!.kind === 'num' && mayHaveFractionSum(x.factors[1]!);
}

const flattenNested: Rule = {
  id: 'collect.flatten-nested', kinds: ['div'],
  apply(e) {
    const d = e as Of<'div'>;
    if (!mayHaveFractionSum(d.num) && !hasFractionTerm(d.den)) return null;
    const top = splitCoeff(d.num);
    const up = hasFractionTerm(top.rest) ? asOneFraction(top.rest) : null;
    const down = hasFractionTerm(d.den) ? asOneFraction(d.den) : null;
    if (up === null && down === null) return null;
    const num = up === null ? top.rest : div(up.num, product(up.den.map(partExpr)));
    const den = down === null ? d.den : div(down.num, product(down.den.map(partExpr)));
    return div(withCoeff(top.c, num), den);
  },
};

/**
 * `m (δ_{kj} - \frac{1}{m}) = m δ_{kj} - 1`: a sum with fraction terms times factors that make up the
 * common denominator of those terms is multiplied out, the denominators cancelling. Measure: fewer
 * fractions (the product loses the factors, the sum its denominators).
 */
const clearFractions: Rule = {
  id: 'collect.clear-fractions', kinds: ['mul'],
  apply(e) {
    if (!(e as Of<'mul'>).factors.some(hasFractionTerm)) return null;
    const { c, rest } = splitCoeff(e);
    const fs = factorsOf(rest);
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k]!;
      if (!hasFractionTerm(f)) continue;
      const parts = f.terms.map(fractionOf);
      const lcd = commonDenominator(parts.map((p) => p.dens));
      if (lcd === null) continue;
      // Each factor of the common denominator among the other factors, at an exponent at least as large.
      const others = fs.map((x, m) => (m === k ? null : partOf(x)));
      const left = [...others];
      let covered = true;
      for (const p of lcd) {
        const m = left.findIndex((q) => q !== null && alphaEqual(q.base, p.base) && (q.exp === p.exp || (q.r !== null && p.r !== null && addRational(q.r, p.r, -1)[0] >= 0)));
        if (m < 0) { covered = false; break; }
        const q = left[m]!;
        left[m] = q.exp === p.exp ? null : partOf(powerExpr(q.base, addRational(q.r!, p.r!, -1)));
      }
      if (!covered) continue;
      const cleared = add(parts.map((p) => withCoeff(p.c, product([...p.nums, ...quotient(lcd, p.dens)]))));
      return withCoeff(c, product(fs.flatMap((_, m) => (m === k ? [cleared] : left[m] === null ? [] : [partExpr(left[m]!)]))));
    }
    return null;
  },
};

export const COLLECT_RULES: readonly Rule[] = [likeTerms, commonFactor, expand, absorbMinus, flattenNested, clearFractions];

/**
 * A derivative's own leading minus, into a difference: `-(y_k - p_k) x_j` is `(p_k - y_k) x_j`,
 * `-\\frac{y - \\mu}{\\sigma^2}` is `\\frac{\\mu - y}{\\sigma^2}`; null when there is none to take.
 * Only for the whole result (derive calls it last): inside a sum the same node is a subtraction,
 * written as it is (`a - (x_k - μ) b`), which a rule cannot tell apart (see collect.absorb-minus).
 * A difference with a number in it stays (`1 - σ`), and the positive term comes first.
 */
export function absorbLeadingMinus(e: Expr): Expr | null {
  if (e.kind !== 'neg') return null;
  const x = e.arg;
  const flipped = x.kind === 'div' ? flip(x.num) : x.kind === 'mul' ? flip(x) : null;
  if (flipped === null) return null;
  return positiveFirst(x.kind === 'div' ? div(flipped, x.den) : flipped);
}

function positiveFirst(e: Expr): Expr {
  switch (e.kind) {
    case 'add': {
      const negative = (t: Expr) => splitCoeff(t).c < 0;
      return add([...e.terms.filter((t) => !negative(t)), ...e.terms.filter(negative)]);
    }
    case 'mul': return mul(e.factors.map(positiveFirst));
    case 'div': return div(positiveFirst(e.num), e.den);
    default: return e;
  }
}
