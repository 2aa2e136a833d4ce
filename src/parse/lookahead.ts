// Earley prediction with one token of lookahead.
//
// nearley predicts every rule of a nonterminal wherever the nonterminal may start, and every
// predicted state is carried through the column: with the notation of issue 9 the LaTeX grammar
// made 47 states per token where 39 did before, most of them rules that cannot begin with the
// token that follows (a norm's rule where a letter comes next). A rule is predicted here only
// where the next token can begin it (its FIRST set, computed once per grammar) or where it can
// derive the empty string. Parses are unchanged: a state whose rule cannot start with the next
// token never scans it and never completes, so it can take no part in any parse.
//
// nearley reads the rules to predict from `grammar.byName[name]`; a parse gets a view of the
// grammar whose `byName` answers for the token its lexer will hand out next.

import type nearley from 'nearley';

/** What the view needs of the lexer: the type of the next token, `EOF` at the end, null before the input is read. */
export interface Peek {
  peekType(): string | null;
}

export const EOF = '$end';
/** A terminal that is not a token type (a literal or a regular expression) may match anything. */
const ANY = '$any';

interface Tables {
  readonly first: Map<nearley.Rule, ReadonlySet<string>>;
  readonly nullable: Set<nearley.Rule>;
}

const PEEK = Symbol('peek');

/**
 * Per grammar, the prototype of every parse's `byName`: a getter per nonterminal that answers for
 * the next token of the parse's lexer (`this[PEEK]`), from a cache filled as types are met.
 */
const viewOf = new WeakMap<nearley.Grammar, object>();

/** `grammar` as a parse of the input behind `peek` sees it: the same rules, predicted with lookahead. */
export function withLookahead(grammar: nearley.Grammar, peek: Peek): nearley.Grammar {
  let view = viewOf.get(grammar);
  if (view === undefined) viewOf.set(grammar, (view = lookaheadView(grammar)));
  const byName = Object.assign(Object.create(view) as object, { [PEEK]: peek });
  return Object.assign(Object.create(grammar) as nearley.Grammar, { byName });
}

function lookaheadView(grammar: nearley.Grammar): object {
  const { first, nullable } = analyse(grammar);
  const view = {};
  for (const [name, rules] of Object.entries(grammar.byName as Record<string, nearley.Rule[]>)) {
    const byNext = new Map<string, nearley.Rule[]>();
    Object.defineProperty(view, name, {
      get(this: { [PEEK]: Peek }) {
        const next = this[PEEK].peekType();
        if (next === null) return rules;
        let kept = byNext.get(next);
        if (kept === undefined) {
          kept = rules.filter((r) => nullable.has(r) || first.get(r)!.has(ANY) || first.get(r)!.has(next));
          byNext.set(next, kept);
        }
        return kept;
      },
    });
  }
  return view;
}

/** FIRST sets and nullability of every rule, by the usual fixpoint. */
function analyse(grammar: nearley.Grammar): Tables {
  const rules = grammar.rules;
  const nullableNames = new Set<string>();
  const firstOfName = new Map<string, Set<string>>();
  const setOf = (name: string) => {
    let s = firstOfName.get(name);
    if (s === undefined) firstOfName.set(name, (s = new Set()));
    return s;
  };
  const ruleFirst = (r: nearley.Rule): { first: Set<string>; nullable: boolean } => {
    const out = new Set<string>();
    for (const sym of r.symbols as unknown[]) {
      if (typeof sym !== 'string') {
        const type = (sym as { type?: unknown }).type;
        out.add(typeof type === 'string' ? type : ANY);
        return { first: out, nullable: false };
      }
      for (const t of setOf(sym)) out.add(t);
      if (!nullableNames.has(sym)) return { first: out, nullable: false };
    }
    return { first: out, nullable: true };
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const r of rules) {
      const { first, nullable } = ruleFirst(r);
      const into = setOf(r.name);
      for (const t of first) if (!into.has(t)) changed = (into.add(t), true);
      if (nullable && !nullableNames.has(r.name)) changed = (nullableNames.add(r.name), true);
    }
  }
  const first = new Map<nearley.Rule, ReadonlySet<string>>();
  const nullable = new Set<nearley.Rule>();
  for (const r of rules) {
    const f = ruleFirst(r);
    first.set(r, f.first);
    if (f.nullable) nullable.add(r);
  }
  return { first, nullable };
}
