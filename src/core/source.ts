// Where in the user's text a node was written, so that an input error found after parsing (an
// undefined function, a definition used with the wrong number of indices, an input without
// values) points at the text as a parse error does (issue 15).
//
// Nodes are hash-consed (./ast.ts): `x` in two formulas is one object, so a node cannot hold its
// own position. A parse returns instead, with its formulas, a table from the nodes it built to
// their first occurrence in its text, kept by the formulas (`remember`). What is made from those
// formulas (resolved definitions, a derivative) inherits the tables of what it was made from
// (`inherit`). An error thrown about a node is placed by the operation it escapes (`within`), in the
// texts of that operation's own inputs only, never in another text that happens to hold an equal
// node: a position in the wrong text would be worse than none.

import { type Expr, variable, type Var } from './ast.js';
import { InputError, type Span } from './errors.js';

/** The text of one parse and the first occurrence of each node built from it. */
export interface Written {
  readonly source: string;
  /** Computed when first asked for (an error to place): src/parse/index.ts reads the text again for it. */
  readonly at: () => ReadonlyMap<Expr, { readonly offset: number; readonly length: number }>;
  readonly origin?: string;
}

const texts = new WeakMap<Expr, readonly Written[]>();

/** Record that `roots` were read from `written`. */
export function remember(roots: readonly Expr[], written: Written): void {
  for (const r of roots) texts.set(r, newestFirst([written], texts.get(r)));
}

/** Record that `made` was made from `sources`: its positions are looked up in their texts. */
export function inherit(made: readonly Expr[], sources: readonly Expr[]): void {
  const ws = [...new Set(sources.flatMap((s) => texts.get(s) ?? []))];
  if (ws.length === 0) return;
  for (const m of made) texts.set(m, newestFirst(ws, texts.get(m)));
}

/**
 * A node read again (the same formula parsed twice, perhaps spaced otherwise) is placed in its
 * newest text; a few are kept, so that a process that reads one formula often stays bounded.
 */
function newestFirst(added: readonly Written[], had: readonly Written[] = []): readonly Written[] {
  return [...new Set([...added, ...had])].slice(0, 4);
}

/**
 * Run `f`, an operation on `exprs`; an input error it throws about a node is given that node's
 * place in the texts `exprs` were read from (the innermost operation that finds it places it).
 */
export function within<T>(exprs: readonly Expr[], f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) locate(e, exprs);
    throw e;
  }
}

/** Give `err` the place of the node it is about in the texts of `exprs`, if it has none yet and one is found. */
function locate(err: InputError, exprs: readonly Expr[]): void {
  if (err.span !== null || err.about === null) return;
  const e = err.about;
  const keys = e.kind === 'var' ? [e, asWritten(e)] : [e];
  for (const w of new Set(exprs.flatMap((x) => texts.get(x) ?? []))) {
    for (const k of keys) {
      const at = w.at().get(k);
      if (at !== undefined) return err.place({ source: w.source, offset: at.offset, length: at.length, ...(w.origin === undefined ? {} : { origin: w.origin }) });
    }
  }
}

/** Where `part` is in the text of a command-line option (`--shapes`, `--batch`): for an error about it. */
export function inOption(option: string, text: string, part: string, from = 0): Span {
  // The part as a whole word where it is one (`o` in "b: to, o" is the second).
  const word = new RegExp(`(?<![\\w'])${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w'])`, 'g');
  word.lastIndex = from;
  const at = word.exec(text)?.index ?? text.indexOf(part, from);
  return { source: text, offset: Math.max(0, at), length: part.length, origin: option };
}

/** The variable as the parser built it: version 0 and no range family (`resolveDefinitions` gives those later). */
function asWritten(v: Var): Var {
  return variable({ ...v, version: 0, family: null }, v.indices, v.commaIndices, v.superscript);
}
