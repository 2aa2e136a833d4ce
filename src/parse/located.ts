// Where each node was written (src/core/source.ts): the grammar's postprocessors, wrapped.
//
// nearley gives a postprocessor the token where its rule starts (`reference`); the rule ends at
// the token being scanned (`parser.current`) when it completes. Postprocessors return thunks
// (./build.ts), so the wrapper remembers the stretch at completion and records it for the node
// the thunk builds, when the one surviving parse is built: dead branches record nothing.

import type nearley from 'nearley';
import type { Expr } from '../core/ast.js';
import type { Tok } from './tokens.js';

type Postprocess = NonNullable<nearley.CompiledRules['ParserRules'][number]['postprocess']>;

/** One parse being read: its tokens, the parser (for the token it is at), and the first place of each node. */
export interface Reading {
  readonly tokens: { tokenAt(k: number): Tok | undefined };
  readonly parser: nearley.Parser;
  readonly at: Map<Expr, { readonly offset: number; readonly length: number }>;
}

/** The parse under way; set around `parser.feed` only (completions happen there). */
let reading: Reading | null = null;

export function whileReading<T>(r: Reading, f: () => T): T {
  reading = r;
  try {
    return f();
  } finally {
    reading = null;
  }
}

/** `rules` with every postprocessor wrapped to record where the node it builds was written. */
export function locating(rules: nearley.CompiledRules): nearley.CompiledRules {
  return { ...rules, ParserRules: rules.ParserRules.map((r) => (r.postprocess === undefined ? r : { ...r, postprocess: wrap(r.postprocess, r.name === 'Variable') })) };
}

type Place = { readonly offset: number; readonly length: number };

/** A variable's parts (./build.ts `VarParts`), which become a node where they are used (`∂w` of a derivative): their place. */
const partsPlace = new WeakMap<object, { readonly r: Reading; readonly place: Place }>();

/** Record `node`, built from a variable's `parts`, at the place the parts were written. */
export function builtFrom(node: Expr, parts: object): void {
  const p = partsPlace.get(parts);
  if (p !== undefined) note(p.r, node, p.place);
}

/**
 * A node's first occurrence; a rule that returns the node its part built (`\frac` around the
 * fraction's braces, parentheses around a term) widens that occurrence to what it covers.
 */
function note(r: Reading, e: Expr, place: Place): void {
  const had = r.at.get(e);
  if (had === undefined || (place.offset <= had.offset && place.offset + place.length >= had.offset + had.length)) r.at.set(e, place);
}

function wrap(pp: Postprocess, variableParts: boolean): Postprocess {
  return (d, ref, reject) => {
    const built: unknown = pp(d, ref, reject);
    const r = reading;
    const thunk = typeof built === 'function' && built.length === 0;
    if (!(thunk || (variableParts && typeof built === 'object' && built !== null)) || r === null || ref === undefined) return built;
    const first = r.tokens.tokenAt(ref);
    const last = r.tokens.tokenAt((r.parser as unknown as { current: number }).current);
    if (first === undefined || last === undefined || last.offset < first.offset) return built;
    const place = { offset: first.offset, length: last.offset + last.text.trimEnd().length - first.offset };
    if (!thunk) {
      partsPlace.set(built as object, { r, place });
      return built;
    }
    return () => {
      const e: unknown = (built as () => unknown)();
      if (isNode(e)) note(r, e, place);
      return e;
    };
  };
}

const isNode = (e: unknown): e is Expr => typeof e === 'object' && e !== null && 'kind' in e && 'id' in e;
