// Definitions: formulas like `o_k = σ(Σ_j w_{jk} o_j); E = Σ_k (t_k - o_k)^2`.
//
// Scoping is `let*`: the right side of a definition refers to inputs and to
// EARLIER definitions, never to the one being defined. So in the seed's
// `o_k = σ(Σ_j w_{jk} o_j)` the `o_j` on the right is the input `o` (the
// previous layer), while a later `o_k` refers to the defined one.
//
// Resolution gives each variable its identity (core/names.ts): the version of
// the definition in scope (0 for an input) and, when index ranges are declared
// and one name is used with index slots of different ranges (Rashid's `w_{ij}`,
// 784×100, and `w_{jk}`, 100×10), its range family, named by the slot letters
// of its first occurrence (`ij`, `jk`). Families are decided once, on the
// user's text; afterwards the identity travels with the node, so renamed
// indices (`w_{j'k}`) and substituted ones keep their family.
//
// A variable given later (`--wrt`, or `derive(expr, 'w_{jk}', {definitions})`)
// is read in the final scope by `resolveVariable`: the one path for the CLI and
// the library.

import {
  APPLY, assertNever, call, type Call, children, diff, type Expr, type Index, indexKey, isEquation, ivar, mapChildren, type SuperscriptBracket, variable,
  type Var,
} from './core/ast.js';
import { InputError } from './core/errors.js';
import { inherit, within } from './core/source.js';
import { baseLetter } from './core/fresh.js';
import { substituteIndices } from './core/indices.js';
import { substituteVariables } from './core/replace.js';
import { inputKey, markedName, sameName, userName, type VarName, varKey } from './core/names.js';
import { parse } from './parse/index.js';
import { appliedFunction } from './functions.js';
import { editDistance } from './parse/tokens.js';
import { indexText } from './print/atoms.js';
import { toLatex } from './print/index.js';

export interface Definition extends VarName {
  /** The index letters of the left side (`['k']` for `o_k`). */
  readonly indices: readonly string[];
  /** The right side, with its names resolved in the scope before this definition. */
  readonly body: Expr;
  /** How the left side was written: `h^{(i)}` (a superscript index), for folding back. */
  readonly superscript: SuperscriptBracket | null;
}

/** Definitions by `varKey`. */
export type DefinitionTable = ReadonlyMap<string, Definition>;

/**
 * ∂body/∂wrt, simplified, with the definitions made so far: how `f'(a)` is read (the derivative of
 * f's body by its parameter, then the argument put in). Differentiation lives above this layer, so
 * the caller passes it (`differentiateBody` in src/derive/index.ts; src/index.ts and the CLI do).
 */
export type Differentiate = (body: Expr, wrt: Var, definitions: readonly Definition[]) => Expr;

export interface ResolveOptions {
  /** For `f'(x)` of a user-defined function; without it such a call is an input error. */
  readonly differentiate?: Differentiate;
  /** Pick the target by the user's name (`E`) instead of the last definition. */
  readonly of?: string;
  /** Declared index ranges (`{i: 784, j: 100, k: 10}`); distinct ranges split families. */
  readonly sizes?: Readonly<Record<string, number>>;
}

export interface Resolved {
  readonly definitions: Definition[];
  /** The quantity to differentiate: the defined variable (with its lhs indices), or a trailing formula that is not an equation. */
  readonly target: Expr;
  /** Equations whose left side is not a variable, and inequalities: facts for the simplifier. */
  readonly assumptions: Expr[];
  /** `extra` with its names resolved in the final scope (after every definition). */
  readonly extra: Expr[];
}

export function definitionTable(definitions: readonly Definition[]): DefinitionTable {
  return new Map(definitions.map((d) => [varKey(d), d]));
}

/**
 * The body of `def` at the indices `args` (the defined `o_k` at `k'` is `σ(Σ_j w_{jk'} o_j)`).
 * The substitution is simultaneous (`f_{ab}` at `(b, a)` swaps) and capture-avoiding.
 */
export function instantiate(def: Definition, args: readonly Index[], use: Expr | null = null): Expr {
  if (args.length !== def.indices.length) {
    const count = (n: number) => `${n} ${n === 1 ? 'index' : 'indices'}`;
    throw new InputError(`'${userName(def)}' is defined with ${count(def.indices.length)}, used with ${count(args.length)}`, use);
  }
  if (def.indices.every((n, i) => indexKey(args[i]!) === n)) return def.body;
  return substituteIndices(def.body, new Map(def.indices.map((p, i) => [p, args[i]!])));
}

/** `e` with every defined quantity replaced by its (recursively unfolded) definition: what an evaluator needs. */
export function unfoldAll(e: Expr, definitions: DefinitionTable | readonly Definition[]): Expr {
  const table = Array.isArray(definitions) ? definitionTable(definitions) : (definitions as DefinitionTable);
  const memo = new Map<number, Expr>();
  const walk = (x: Expr): Expr => {
    const found = memo.get(x.id);
    if (found !== undefined) return found;
    let out: Expr;
    if (x.kind === 'var') {
      const def = table.get(varKey(x));
      out = def === undefined ? x : walk(instantiate(def, x.indices, x));
    } else if (x.kind === 'diff') {
      // The variable of a derivative names what we differentiate by: it stays.
      out = diff(walk(x.body), x.wrt, x.form, x.notation);
    } else {
      out = mapChildren(x, walk);
    }
    memo.set(x.id, out);
    return out;
  };
  return walk(e);
}

// ---------------------------------------------------------------------------
// Families by index ranges

type Signature = readonly (number | null)[];

/** One quantity behind a name and arity: its family id (null when the name is not split) and its slots' ranges. */
interface Family {
  readonly id: string | null;
  readonly sig: Signature;
}

/** Families by `name/arity`. */
type Families = ReadonlyMap<string, readonly Family[]>;

const familyKey = (v: Var) => `${varKey({ ...v, version: 0, family: null })}/${v.indices.length}`;

function signatureOf(v: Var, sizes: Readonly<Record<string, number>>): Signature {
  return v.indices.map((i) => (i.kind === 'ivar' ? sizes[baseLetter(i.name)] ?? null : null));
}

const complete = (s: Signature) => s.every((n) => n !== null);
const fits = (family: Signature, s: Signature) => family.every((n, i) => n === null || s[i] === null || s[i] === n);

/** The slot letters of an occurrence, the id of the family it starts: `ij`, or `alpha,k` when a letter is longer. */
function lettersOf(v: Var): string {
  const letters = v.indices.map((i) => (i.kind === 'ivar' ? baseLetter(i.name) : indexText(i, baseLetter)));
  return letters.join(letters.every((l) => [...l].length === 1) ? '' : ',');
}

/** `f` on each distinct node of `exprs` once (shared subtrees are one node). */
function forEachNode(exprs: readonly Expr[], f: (x: Expr) => void): void {
  const seen = new Set<number>();
  const visit = (x: Expr): void => {
    if (seen.has(x.id)) return;
    seen.add(x.id);
    f(x);
    children(x).forEach(visit);
  };
  exprs.forEach(visit);
}

function forEachVar(exprs: readonly Expr[], f: (v: Var) => void): void {
  forEachNode(exprs, (x) => { if (x.kind === 'var') f(x); });
}

/**
 * Families from the user's text: each name/arity used with several complete
 * range signatures is split, one family per signature, named after its first
 * occurrence's letters; a name used with one signature is one quantity (id null).
 */
function familiesOfText(exprs: readonly Expr[], sizes: Readonly<Record<string, number>>): Families {
  const found = new Map<string, Map<string, Family>>();
  forEachVar(exprs, (v) => {
    if (v.indices.length === 0) return;
    const sig = signatureOf(v, sizes);
    if (!complete(sig)) return;
    const byKey = found.get(familyKey(v)) ?? new Map<string, Family>();
    found.set(familyKey(v), byKey);
    const key = sig.join('x');
    if (!byKey.has(key)) byKey.set(key, { id: lettersOf(v), sig });
  });
  return new Map([...found].map(([key, byKey]) => {
    const all = [...byKey.values()];
    return [key, all.length === 1 ? [{ id: null, sig: all[0]!.sig }] : all];
  }));
}

/**
 * Families from resolved expressions (definitions and the formula, as the
 * library gets them): the ids are on the nodes; a family's range in a slot is
 * the one size its occurrences show there (none known, or several, fits any).
 */
function familiesOfResolved(exprs: readonly Expr[], sizes: Readonly<Record<string, number>>): Families {
  const found = new Map<string, Map<string | null, Set<number>[]>>();
  forEachVar(exprs, (v) => {
    if (v.indices.length === 0) return;
    const byId = found.get(familyKey(v)) ?? new Map<string | null, Set<number>[]>();
    found.set(familyKey(v), byId);
    const seen = byId.get(v.family) ?? v.indices.map(() => new Set<number>());
    byId.set(v.family, seen);
    signatureOf(v, sizes).forEach((n, slot) => { if (n !== null) seen[slot]!.add(n); });
  });
  const one = (s: Set<number>) => (s.size === 1 ? [...s][0]! : null);
  return new Map([...found].map(([key, byId]) => [key, [...byId].map(([id, seen]) => ({ id, sig: seen.map(one) }))]));
}

// ---------------------------------------------------------------------------
// Scope: what a name written at some point means

/** The head of a user function's call; one that reads as an index (`\sum_f f(x)`) is an input error. */
function headOf(call: Call): Var {
  const head = call.args[0]!;
  if (head.kind !== 'var') throw new InputError(`${toLatex(head)} names a function and an index: use another letter for one of them`, call);
  return head;
}

/** A function defined in the input (`f(x) = x^2`, issue 9): its parameters and body, resolved where it is defined. */
interface FunctionDefinition {
  readonly head: Var;
  readonly params: readonly Var[];
  readonly body: Expr;
}

/**
 * What identifies the function a call's head names, and the derivative order its primes ask for:
 * a built-in's name (`tanh`, `sigma`, `ReLU`) is that function's canonical name, so that `\sigma(z) = …`
 * and a later `\text{sigmoid}(x)` are one function; any other name is the name with its marks and label.
 */
function functionOf(head: Var): { key: string; order: number; name: string } {
  const [, base = '', primes = ''] = /^(.*?)('*)$/.exec(head.name) ?? [];
  const plain = head.marks.length === 0 && head.label === null;
  const name = markedName({ ...head, name: base });
  return { key: (plain ? appliedFunction(base) : undefined) ?? varKey({ ...head, name: base, version: 0, family: null }), order: primes.length, name };
}

class Scope {
  /** `varKey` of the name and family (version 0), plus arity → the definition in scope. */
  private readonly current = new Map<string, Definition>();
  private readonly versions = new Map<string, number>();
  /** Functions in scope, by `functionOf(head).key`. */
  private readonly functions = new Map<string, FunctionDefinition>();
  /** For `f'(x)`: set by `resolveDefinitions` (closing over the definitions made so far). */
  differentiate: ((body: Expr, wrt: Var) => Expr) | null = null;

  constructor(private readonly families: Families, private readonly sizes: Readonly<Record<string, number>>) {}

  /**
   * A variable named like a function in scope is refused: within one input the parser refuses it, but
   * a function defined in `--where` and `f(2y)` in the formula (read as `f·(2y)` there) meet only here.
   */
  notAFunction(v: Var): Var {
    const fn = this.functions.get(functionOf(v).key);
    if (fn === undefined) return v;
    const { name } = functionOf(v);
    throw new InputError(`'${userName(v)}' is used as a variable, but '${name}' is defined as a function: a name is either a function or a variable `
      + `(a call ${name}(…) is read only in the input that defines ${name}: write the definition and the formula in one input, separated by ;)`, v);
  }

  /** `f(x, y) = body`: a function in scope from now on (`let*`: not in its own body). */
  defineFunction(head: Var, params: readonly Var[], body: Expr): void {
    this.functions.set(functionOf(head).key, { head, params, body });
  }

  /**
   * A call `f(a, b)` (its arguments resolved): f's body with the parameters replaced by the
   * arguments, simultaneously and capture-avoiding; `f'(a)`, `f''(a)`: the body differentiated
   * by its parameter first, then the argument put in (putting it into an unevaluated ∂body/∂x
   * would differentiate by the wrong thing when the argument is not the parameter).
   */
  private expand(call: Call, args: readonly Expr[]): Expr {
    const head = headOf(call);
    const { key, order, name } = functionOf(head);
    const fn = this.functions.get(key);
    if (fn === undefined) throw new InputError(`'${userName(head)}(…)' calls a function that is not defined before it: define it first, ${name}(x) = …`, call);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    if (args.length !== fn.params.length) {
      throw new InputError(`'${name}' is defined with ${count(fn.params.length, 'parameter')} (${fn.params.map((p) => userName(p)).join(', ')}) and called with ${count(args.length, 'argument')}`, call);
    }
    const lettered = fn.params.find((p) => p.indices.some((i) => i.kind === 'ivar'));
    if (lettered !== undefined) {
      // `J(\theta_j) = …` names the quantity J of the vector θ; a call would have to substitute a whole vector.
      throw new InputError(`'${name}' is called, but its parameter ${toLatex(lettered)} has an index letter: a parameter of a function that is called is a variable such as x or \\theta_0`, call);
    }
    let body = fn.body;
    if (order > 0) {
      if (fn.params.length !== 1) {
        throw new InputError(`'${userName(head)}' does not say which of the ${fn.params.length} parameters of '${name}' it differentiates by: write \\frac{\\partial}{\\partial ${userName(fn.params[0]!)}} of the body`, call);
      }
      if (this.differentiate === null) throw new InputError(`'${userName(head)}(…)' needs derivatives: resolve the definitions with \`differentiate\` (the library's resolveDefinitions and the CLI do)`, call);
      for (let k = 0; k < order; k++) body = this.differentiate(body, fn.params[0]!);
    }
    return substituteVariables(body, new Map(fn.params.map((p, i) => [p, args[i]!])));
  }

  /** The family of an occurrence: its own when already resolved, else the one its index ranges fit. */
  familyOf(v: Var): string | null {
    if (v.family !== null || v.indices.length === 0) return v.family;
    const families = this.families.get(familyKey(v)) ?? [];
    if (families.length === 0) return null;
    const sig = signatureOf(v, this.sizes);
    const candidates = families.filter((f) => fits(f.sig, sig));
    if (candidates.length === 1) return candidates[0]!.id;
    // Ranges no family has: a quantity of its own (it occurs nowhere in the formulas).
    if (candidates.length === 0 && complete(sig)) return lettersOf(v);
    if (candidates.length === 0 && families.length === 1) return families[0]!.id;
    const keys = families.map((f) => `'${inputKey({ name: v.name, version: 0, family: f.id, marks: v.marks, label: v.label })}'`);
    const unsized = [...new Set(v.indices.flatMap((i) => (i.kind === 'ivar' && this.sizes[baseLetter(i.name)] === undefined ? [baseLetter(i.name)] : [])))];
    throw new InputError(
      `cannot tell which '${userName(v)}' is meant by ${toLatex(v)}: it fits ${candidates.length === 0 ? 'none' : candidates.length} of `
      + `the ${families.length} quantities named '${userName(v)}' (${keys.join(', ')}), which differ in index ranges`
      + (unsized.length === 0 ? '' : `; give the sizes of ${unsized.join(', ')}`),
      v,
    );
  }

  private scopeKey(v: Pick<VarName, 'name' | 'marks' | 'label'>, family: string | null, arity: number): string {
    return `${varKey({ name: v.name, marks: v.marks, label: v.label, version: 0, family })}/${arity}`;
  }

  /** `v` as it reads here: its family, and the definition of that name in scope (else an input). */
  resolveVar(v: Var): Var {
    if (v.version > 0) return v;
    const family = this.familyOf(v);
    // X^{-1} and \det X are of the matrix X in scope (issue 11): its definition has two indices.
    const def = this.current.get(this.scopeKey(v, family, v.of === null ? v.indices.length : 2));
    const version = def?.version ?? 0;
    return family === v.family && version === 0 ? v : variable({ name: v.name, version, family, marks: v.marks, label: v.label, of: v.of }, v.indices, v.commaIndices, v.superscript);
  }

  resolve(e: Expr): Expr {
    const memo = new Map<number, Expr>();
    const walk = (x: Expr): Expr => {
      const found = memo.get(x.id);
      if (found !== undefined) return found;
      let out: Expr;
      switch (x.kind) {
        case 'var': out = this.resolveVar(this.notAFunction(x)); break;
        case 'diff': out = diff(walk(x.body), this.resolveVar(x.wrt), x.form, x.notation); break;
        // A user function's call: the body at the arguments, already resolved where the function was defined.
        case 'call': out = x.fn === APPLY ? this.expand(x, x.args.slice(1).map(walk)) : mapChildren(x, walk); break;
        case 'num': case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'reduce': case 'delta':
        case 'rel': case 'iverson': case 'extent': case 'index':
          out = mapChildren(x, walk); break;
        default: return assertNever(x);
      }
      memo.set(x.id, out);
      return out;
    };
    return walk(e);
  }

  /** A new definition of `lhs`'s name and family: the next version, in scope from now on. */
  define(lhs: Var, body: Expr): Definition {
    if (lhs.of !== null) {
      throw new InputError(`${toLatex(lhs)} = … would define ${lhs.of === 'inverse' ? 'an inverse' : 'a determinant'}, which is computed from its matrix: define the matrix, ${userName(lhs)} = …`);
    }
    const family = this.familyOf(lhs);
    const counter = varKey({ name: lhs.name, version: 0, family, marks: lhs.marks, label: lhs.label });
    const version = (this.versions.get(counter) ?? 0) + 1;
    this.versions.set(counter, version);
    const def: Definition = { name: lhs.name, version, family, marks: lhs.marks, label: lhs.label, indices: lhs.indices.map(indexKey), body, superscript: lhs.superscript };
    this.enter(def, lhs.indices.length);
    return def;
  }

  /** Put a definition in scope (later ones shadow earlier ones). */
  enter(def: Definition, arity: number): void {
    this.current.set(this.scopeKey(def, def.family, arity), def);
  }
}

// ---------------------------------------------------------------------------
// Resolution

/** A definition's left side: a variable whose indices are distinct plain index letters. */
function definedVar(f: Expr): Var | null {
  if (!isEquation(f)) return null;
  const lhs = squared(f.args[0]!) ?? f.args[0]!;
  if (lhs.kind !== 'var') return null;
  const names = lhs.indices.map((i) => (i.kind === 'ivar' && i.offset === 0 ? i.name : null));
  if (names.some((n) => n === null) || new Set(names).size !== names.length) return null;
  return lhs;
}

/**
 * `\sigma^2 = …`, `\sigma_B^2 = …` (a variance, as textbooks define it): the square of a variable on
 * the left defines the variable, as the non-negative square root of the right side (docs/notation.md).
 * Read as a fact instead, `v^2 = a + b` would leave `v` an input, and ∂/∂a of a formula in `v` zero.
 */
function squared(lhs: Expr): Var | null {
  return lhs.kind === 'pow' && lhs.base.kind === 'var' && lhs.exp.kind === 'num' && lhs.exp.value === 2 ? lhs.base : null;
}

/**
 * A function definition's left side, `f(x, y)` (a call of a user function, src/core/ast.ts `APPLY`):
 * its head and parameters, distinct variables (the parser reads only variables there). A head with
 * primes (`f'(x) = …`) defines nothing.
 */
function definedFunction(f: Expr): { head: Var; params: Var[] } | null {
  if (!isEquation(f) || f.args[0].kind !== 'call' || f.args[0].fn !== APPLY) return null;
  const head = headOf(f.args[0]);
  const params = f.args[0].args.slice(1);
  const { order, name } = functionOf(head);
  if (order > 0) throw new InputError(`'${userName(head)}(…) = …' defines a derivative: define ${name}(x) = …, and ${userName(head)}(…) is its derivative`, f.args[0]);
  const vars = params.map((p) => {
    // `f(i) = …` where `i` is also an index, `f(\delta_{ij}) = …`: not a variable.
    if (p.kind !== 'var') throw new InputError(`the parameters of '${name}' must be variables such as x or \\theta_0 (got ${toLatex(p)})`, p);
    return p;
  });
  if (new Set(vars).size !== vars.length) throw new InputError(`the parameters of '${name}' must be distinct`, f.args[0]);
  return { head, params: vars };
}

/** A derivative by a parameter inside a function's body would not move with the argument: refused. */
function refuseDerivativeByParameter(head: Var, params: readonly Var[], body: Expr): void {
  forEachDiff(body, (d) => {
    if (params.some((p) => sameName(p, d.wrt))) {
      throw new InputError(`the body of '${functionOf(head).name}' differentiates by its parameter ${toLatex(d.wrt)}: write the derivative out, or define the function and call ${functionOf(head).name}'(…)`, d);
    }
  });
}

function forEachDiff(e: Expr, f: (d: Expr & { kind: 'diff' }) => void): void {
  forEachNode([e], (x) => { if (x.kind === 'diff') f(x); });
}

/**
 * Split a formula list into definitions (`let*` scoped, versioned), the target
 * and assumptions. `extra` (formulas to read after the definitions) is
 * resolved in the final scope.
 */
export function resolveDefinitions(formulas: readonly Expr[], extra: readonly Expr[] = [], options: ResolveOptions = {}): Resolved {
  const read = [...formulas, ...extra];
  const resolved = within(read, () => resolveAll(formulas, extra, options));
  // What is made from the user's formulas points into their texts (an error found in a later step).
  inherit([resolved.target, ...resolved.assumptions, ...resolved.extra, ...resolved.definitions.map((d) => d.body)], read);
  return resolved;
}

function resolveAll(formulas: readonly Expr[], extra: readonly Expr[], options: ResolveOptions): Resolved {
  const sizes = options.sizes ?? {};
  const scope = new Scope(familiesOfText([...formulas, ...extra], sizes), sizes);
  const definitions: Definition[] = [];
  const assumptions: Expr[] = [];
  let target: Expr | null = null;
  let targetOf: Expr | null = null;
  scope.differentiate = options.differentiate === undefined ? null : (body, wrt) => options.differentiate!(body, wrt, definitions);
  for (const [n, f] of formulas.entries()) {
    const fn = definedFunction(f);
    if (fn !== null) {
      const params = fn.params.map((p) => scope.resolveVar(p));
      const body = scope.resolve((f as Expr & { kind: 'rel' }).args[1]!);
      refuseDerivativeByParameter(fn.head, params, body);
      scope.defineFunction(fn.head, params, body);
      // As the target (the last formula, or the one --of names) it is also the quantity `J`, its parameters the variables they name.
      if (n === formulas.length - 1 || (options.of !== undefined && markedName(fn.head) === options.of)) {
        const def = scope.define(fn.head, body);
        definitions.push(def);
        target = variable(def);
        if (options.of !== undefined && markedName(fn.head) === options.of) targetOf = target;
      }
      continue;
    }
    const lhs = definedVar(f);
    if (lhs === null) {
      const resolved = scope.resolve(f);
      if (f.kind === 'rel') assumptions.push(resolved);
      else target = resolved;
      continue;
    }
    const rhs = scope.resolve((f as Expr & { kind: 'rel' }).args[1]!);
    const def = scope.define(lhs, squared((f as Expr & { kind: 'rel' }).args[0]!) === null ? rhs : call('sqrt', [rhs]));
    definitions.push(def);
    target = variable(def, lhs.indices, lhs.commaIndices, lhs.superscript);
    if (options.of !== undefined && markedName(lhs) === options.of) targetOf = target;
  }
  if (options.of !== undefined) {
    if (targetOf === null) throw new InputError(`no definition of '${options.of}'`);
    target = targetOf;
  }
  if (target === null) throw new InputError('nothing to differentiate: no definition and no formula without "="');
  return { definitions, target, assumptions, extra: extra.map((e) => scope.resolve(e)) };
}

export interface VariableContext {
  /** The definitions (from `resolveDefinitions`): the name is read after all of them. */
  readonly definitions?: readonly Definition[];
  /** Resolved formulas the name may occur in (the target, assumptions): they show its range families. */
  readonly exprs?: readonly Expr[];
  /** Declared index ranges: they tell which family `w_{jk}` is. */
  readonly sizes?: Readonly<Record<string, number>>;
}

/**
 * A variable given by the user's text (`'w_{jk}'`, `'w[j,k]'`) or as a parsed
 * `Var`, read in the final scope of `definitions`: its range family and the
 * definition of its name in scope. A variable that is already resolved (a
 * definition's version, a family) stays what it is. Given formulas or
 * definitions, a variable that occurs in none of them is an input error (a
 * typo would otherwise give the derivative 0), with a did-you-mean.
 */
export function resolveVariable(v: string | Expr, context: VariableContext = {}): Var {
  const parsed = typeof v === 'string' ? parse(v) : v;
  return within([parsed], () => resolveParsed(v, parsed, context));
}

function resolveParsed(v: string | Expr, parsed: Expr, context: VariableContext): Var {
  if (parsed.kind !== 'var') {
    throw new InputError(`a variable must be one name with its indices, such as x, w_{jk} or w[j,k] (got '${typeof v === 'string' ? v : toLatex(v)}')`, parsed);
  }
  const definitions = context.definitions ?? [];
  const sizes = context.sizes ?? {};
  const defined = definitions.map((d) => variable(d, d.indices.map((n) => ivar(n))));
  const scope = new Scope(familiesOfResolved([...defined, ...definitions.map((d) => d.body), ...(context.exprs ?? [])], sizes), sizes);
  for (const d of definitions) scope.enter(d, d.indices.length);
  const resolved = scope.resolveVar(parsed);
  if (context.exprs === undefined && definitions.length === 0) return resolved;
  const occurring = quantities([...definitions.flatMap((d, i) => [defined[i]!, d.body]), ...(context.exprs ?? [])]);
  // X^{-1} and \det X are occurrences of the matrix X too (issue 11): X_{kl} is a variable of `\det X`.
  const isOf = (o: Var) => o.of !== null && resolved.of === null && resolved.indices.length === 2 && sameName({ ...o, of: null, version: 0 }, { ...resolved, version: 0 });
  if (!occurring.some((o) => sameQuantity(o, resolved) || isOf(o))) throw new InputError(notOccurring(parsed, occurring), parsed);
  return resolved;
}

// ---------------------------------------------------------------------------
// Which variables occur

/** One quantity behind an occurrence: its name, arity and family decide (indices are pattern letters, versions scope). */
const sameQuantity = (a: Var, b: Var) => sameName({ ...a, version: 0 }, { ...b, version: 0 }) && a.indices.length === b.indices.length;

/** One occurrence per quantity, in order of first occurrence. */
function quantities(exprs: readonly Expr[]): Var[] {
  const found: Var[] = [];
  forEachVar(exprs, (v) => { if (!found.some((o) => sameQuantity(o, v))) found.push(v); });
  return found;
}

/** Shown when listing the variables that do occur; the rest are counted. */
const LISTED = 12;

/**
 * "'W_{jk}' does not occur …; did you mean w_{jk}? (…)". The guess is the same
 * name (with other indices or another range family), else the same name in
 * another case, else a name one edit away (for a one-letter name, with the same
 * indices); one with the same number of indices first.
 */
function notOccurring(v: Var, occurring: readonly Var[]): string {
  const closeness = (o: Var): number | null => {
    if (o.name === v.name) return 0;
    if (o.name.toLowerCase() === v.name.toLowerCase()) return 1;
    // Any two one-letter names are one edit apart: only the same indices make that a likely typo (`v_{jk}` for `w_{jk}`).
    const plausible = v.name.length > 1 || (v.indices.length > 0 && toLatex(variable(o.name, v.indices)) === toLatex(variable(o.name, o.indices)));
    return plausible && editDistance(o.name, v.name) === 1 ? 2 : null;
  };
  const ranked = occurring.flatMap((o) => {
    const c = closeness(o);
    return c === null ? [] : [{ o, rank: 2 * c + (o.indices.length === v.indices.length ? 0 : 1) }];
  }).sort((a, b) => a.rank - b.rank);
  const guess = ranked[0]?.o;
  const shown = occurring.slice(0, LISTED).map((o) => toLatex(o)).join(', ');
  const more = occurring.length > LISTED ? ` and ${occurring.length - LISTED} more` : '';
  const list = occurring.length === 0 ? 'there are no variables' : `the variables are ${shown}${more}`;
  return `'${toLatex(v)}' does not occur in the formula or its definitions`
    + `${guess === undefined ? '' : `; did you mean ${toLatex(guess)}?`} (${list})`;
}

