// Definitions: formulas like `o_k = σ(Σ_j w_{jk} o_j); E = Σ_k (t_k - o_k)^2`.
//
// Scoping is `let*`: the right side of a definition refers to inputs and to
// EARLIER definitions, never to the one being defined. So in the seed's
// `o_k = σ(Σ_j w_{jk} o_j)` the `o_j` on the right is the input `o` (the
// previous layer), while a later `o_k` refers to the defined one.
//
// Internal names. A name carries everything after its first `@` as internal
// bookkeeping that printers drop (`displayName`):
//   - a defined quantity gets a version: the first definition of `o` makes
//     `o@1`, a second one `o@2`;
//   - when index ranges are declared and one name is used with index slots of
//     different ranges (Rashid's `w_{ij}`, 784×100, and `w_{jk}`, 100×10),
//     each range signature is its own family, named after the slot letters of
//     its first occurrence: `w@ij` and `w@jk`. Versions stack on families:
//     the defined hidden layer `o_j` becomes `o@j@1`.
// Families are decided once, on the user's text; afterwards only names matter,
// so renamed indices (`w_{j'k}`) and substituted ones keep their family.

import { assertNever, children, diff, type Expr, type Index, indexKey, isEquation, ivar, mapChildren, variable, type Var } from './core/ast.js';
import { allIndexNames, baseLetter, freshIndex, substituteIndex } from './core/indices.js';

export interface Definition {
  /** The name as the user wrote it (`o`). */
  readonly name: string;
  /** The internal name of the defined quantity (`o@1`, `o@j@1`). */
  readonly versioned: string;
  /** The index letters of the left side (`['k']` for `o_k`). */
  readonly indices: readonly string[];
  /** The right side, with its names resolved in the scope before this definition. */
  readonly body: Expr;
}

/** Definitions by versioned name. */
export type DefinitionTable = ReadonlyMap<string, Definition>;

export interface ResolveOptions {
  /** Pick the target by the user's name (`E`) instead of the last definition. */
  readonly of?: string;
  /** Declared index ranges (`{i: 784, j: 100, k: 10}`); distinct ranges split families. */
  readonly sizes?: Readonly<Record<string, number>>;
}

export interface Resolved {
  readonly definitions: Definition[];
  /** The quantity to differentiate: the defined variable (`E@1`, with its lhs indices), or a trailing formula that is not an equation. */
  readonly target: Expr;
  /** Equations whose left side is not a variable, and inequalities: facts for the simplifier. */
  readonly assumptions: Expr[];
  /** `extra` with its names resolved in the final scope (after every definition). */
  readonly extra: Expr[];
}

/** The part of an internal name that the user wrote: `o@1` → `o`. */
export function displayName(name: string): string {
  const at = name.indexOf('@');
  return at < 0 ? name : name.slice(0, at);
}

export function definitionTable(definitions: readonly Definition[]): DefinitionTable {
  return new Map(definitions.map((d) => [d.versioned, d]));
}

/**
 * The body of `def` at the indices `args` (`o@1` at `k'` is `σ(Σ_j w_{jk'} o_j)`).
 * The substitution is simultaneous (`f_{ab}` at `(b, a)` swaps) and capture-avoiding.
 */
export function instantiate(def: Definition, args: readonly Index[]): Expr {
  if (args.length !== def.indices.length) {
    throw new Error(`'${def.name}' is defined with ${def.indices.length} indices, used with ${args.length}`);
  }
  if (def.indices.every((n, i) => indexKey(args[i]!) === n)) return def.body;
  // Rename the parameters to temporaries first, so that substituting one cannot touch another.
  const taken = allIndexNames(def.body, new Set(def.indices));
  for (const a of args) if (a.kind === 'ivar') taken.add(a.name);
  const temps: string[] = [];
  let body = def.body;
  for (const p of def.indices) {
    const t = freshIndex(`${p}@`, taken);
    taken.add(t);
    temps.push(t);
    body = substituteIndex(body, p, ivar(t));
  }
  temps.forEach((t, i) => { body = substituteIndex(body, t, args[i]!); });
  return body;
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
      const def = table.get(x.name);
      out = def === undefined ? x : walk(instantiate(def, x.indices));
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

function signatureOf(v: Var, sizes: Readonly<Record<string, number>>): Signature {
  return v.indices.map((i) => (i.kind === 'ivar' ? sizes[baseLetter(i.name)] ?? null : null));
}

const sigKey = (s: Signature) => s.map((n) => (n === null ? '?' : String(n))).join('x');

function forEachVar(e: Expr, f: (v: Var) => void): void {
  const seen = new Set<number>();
  const visit = (x: Expr): void => {
    if (seen.has(x.id)) return;
    seen.add(x.id);
    if (x.kind === 'var') f(x);
    children(x).forEach(visit);
  };
  visit(e);
}

/**
 * The family name of each indexed variable occurrence: its own name unless the
 * name is used with several range signatures. A slot without a known range
 * (a literal `w_{1k}`, an undeclared letter) joins the one family it fits.
 */
function familyNamer(exprs: readonly Expr[], sizes: Readonly<Record<string, number>>): (v: Var) => string {
  // name/arity → full signature key → suffix letters
  const families = new Map<string, Map<string, { sig: Signature; letters: string }>>();
  for (const e of exprs) {
    forEachVar(e, (v) => {
      if (v.indices.length === 0) return;
      const sig = signatureOf(v, sizes);
      if (sig.some((n) => n === null)) return;
      const key = `${v.name}/${v.indices.length}`;
      const byKey = families.get(key) ?? new Map();
      families.set(key, byKey);
      if (!byKey.has(sigKey(sig))) {
        byKey.set(sigKey(sig), { sig, letters: v.indices.map((i) => (i.kind === 'ivar' ? baseLetter(i.name) : '')).join('') });
      }
    });
  }
  return (v) => {
    const byKey = families.get(`${v.name}/${v.indices.length}`);
    if (byKey === undefined || byKey.size < 2) return v.name;
    const sig = signatureOf(v, sizes);
    const fits = [...byKey.values()].filter((f) => f.sig.every((n, i) => sig[i] === null || sig[i] === n));
    if (fits.length !== 1) {
      throw new Error(`cannot tell which '${v.name}' is meant by ${v.name}_{${v.indices.map(indexKey).join(',')}}: its index ranges fit ${fits.length} families`);
    }
    return `${v.name}@${fits[0]!.letters}`;
  };
}

// ---------------------------------------------------------------------------
// Resolution

/** A definition's left side: a variable whose indices are distinct plain index letters. */
function definedVar(f: Expr): Var | null {
  if (!isEquation(f)) return null;
  const lhs = f.args[0]!;
  if (lhs.kind !== 'var') return null;
  const names = lhs.indices.map((i) => (i.kind === 'ivar' && i.offset === 0 ? i.name : null));
  if (names.some((n) => n === null) || new Set(names).size !== names.length) return null;
  return lhs;
}

/**
 * Split a formula list into definitions (`let*` scoped, versioned), the target
 * and assumptions. `extra` (for instance the variable to differentiate by) is
 * resolved in the final scope.
 */
export function resolveDefinitions(formulas: readonly Expr[], extra: readonly Expr[] = [], options: ResolveOptions = {}): Resolved {
  const family = familyNamer([...formulas, ...extra], options.sizes ?? {});
  // family/arity → the internal name currently in scope
  const scope = new Map<string, string>();
  const versions = new Map<string, number>();
  const scopeKey = (fam: string, arity: number) => `${fam}/${arity}`;

  const resolve = (e: Expr): Expr => {
    const memo = new Map<number, Expr>();
    const walk = (x: Expr): Expr => {
      const found = memo.get(x.id);
      if (found !== undefined) return found;
      let out: Expr;
      switch (x.kind) {
        case 'var': out = renameVar(x); break;
        case 'diff': out = diff(walk(x.body), renameVar(x.wrt), x.form, x.notation); break;
        case 'num': case 'add': case 'neg': case 'mul': case 'div': case 'pow': case 'call': case 'sum': case 'delta':
        case 'rel': case 'iverson': case 'extent': case 'index':
          out = mapChildren(x, walk); break;
        default: return assertNever(x);
      }
      memo.set(x.id, out);
      return out;
    };
    return walk(e);
  };
  const renameVar = (v: Var): Var => {
    const fam = family(v);
    const name = scope.get(scopeKey(fam, v.indices.length)) ?? fam;
    return name === v.name ? v : variable(name, v.indices, v.commaIndices);
  };

  const definitions: Definition[] = [];
  const assumptions: Expr[] = [];
  let target: Expr | null = null;
  let targetOf: Expr | null = null;
  for (const f of formulas) {
    const lhs = definedVar(f);
    if (lhs === null) {
      const resolved = resolve(f);
      if (f.kind === 'rel') assumptions.push(resolved);
      else target = resolved;
      continue;
    }
    const body = resolve((f as Expr & { kind: 'rel' }).args[1]!);
    const fam = family(lhs);
    const version = (versions.get(fam) ?? 0) + 1;
    versions.set(fam, version);
    const versioned = `${fam}@${version}`;
    scope.set(scopeKey(fam, lhs.indices.length), versioned);
    definitions.push({ name: lhs.name, versioned, indices: lhs.indices.map(indexKey), body });
    target = variable(versioned, lhs.indices, lhs.commaIndices);
    if (options.of !== undefined && lhs.name === options.of) targetOf = target;
  }
  if (options.of !== undefined) {
    if (targetOf === null) throw new Error(`no definition of '${options.of}'`);
    target = targetOf;
  }
  if (target === null) throw new Error('nothing to differentiate: no definition and no formula without "="');
  return { definitions, target, assumptions, extra: extra.map(resolve) };
}
