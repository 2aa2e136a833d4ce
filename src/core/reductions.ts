// The indexed reductions (Σ, Π, max, min): one row per operator.
//
// Every reduction is the one node kind `reduce` of src/core/ast.ts, which
// binds its index in its body; binding (free indices, substitution, renaming,
// shadowing) is written once, in src/core/indices.ts. This table holds what
// differs between reductions and is data: how each is written, what it starts
// from and how it combines, in numbers and in emitted JS. The tokenizers, the
// printers, the interpreter, the compiler and the plain-text proof math read
// it, so a new row is parsed, printed, evaluated and compiled with no other
// change. What is an operator's own mathematics (its derivative, its
// simplification rules, its step texts) is written where those live, in an
// exhaustive `switch (op)` or a rule that tests `op`: a new operator never
// inherits the rules of Σ. The recipe: docs/architecture.md, "Binders".

/** The reduction operators. */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min';

export interface Reduction {
  readonly op: ReduceOp;
  /** The LaTeX control word: `\sum`. */
  readonly latex: string;
  /**
   * The plain-text keyword, applied like a function: `sum(j, …)`, `sum(j=1..n, …)`. For max and
   * min it is `maxover`/`minover`: `max(a, b)` is the function of src/functions.ts, so the
   * reduction needs a keyword that cannot be read as it (docs/notation.md).
   */
  readonly keyword: string;
  /** The character plain-text proof math shows for `latex` (`Σ`). */
  readonly symbol: string;
  /** The character copied from rendered pages (`∑`, U+2211): rejected with a hint to write `latex` or `keyword`; null when the operator is written with letters (max). */
  readonly pasted: string | null;
  /** The value over an empty range: where accumulation starts. */
  readonly identity: number;
  /** One accumulation step, in numbers (the interpreter). */
  readonly combine: (acc: number, term: number) => number;
  /** The same step as a JS statement over two generated identifiers (the compiler). */
  readonly accumulate: (acc: string, term: string) => string;
}

export const REDUCTIONS: Readonly<Record<ReduceOp, Reduction>> = {
  sum: {
    op: 'sum', latex: '\\sum', keyword: 'sum', symbol: 'Σ', pasted: '\u2211',
    identity: 0, combine: (acc, term) => acc + term, accumulate: (acc, term) => `${acc} += ${term};`,
  },
  prod: {
    op: 'prod', latex: '\\prod', keyword: 'prod', symbol: 'Π', pasted: '\u220F',
    identity: 1, combine: (acc, term) => acc * term, accumulate: (acc, term) => `${acc} *= ${term};`,
  },
  // Max and min over an index (issue 9). `\max` is also the function `\max(a, b)`: the LaTeX
  // tokenizer reads it as this reduction only when a subscript follows. Over an empty range
  // max is -∞ and min +∞, the identities of the operation; a NaN term gives NaN (Math.max).
  max: {
    op: 'max', latex: '\\max', keyword: 'maxover', symbol: 'max', pasted: null,
    identity: -Infinity, combine: (acc, term) => Math.max(acc, term), accumulate: (acc, term) => `${acc} = Math.max(${acc}, ${term});`,
  },
  min: {
    op: 'min', latex: '\\min', keyword: 'minover', symbol: 'min', pasted: null,
    identity: Infinity, combine: (acc, term) => Math.min(acc, term), accumulate: (acc, term) => `${acc} = Math.min(${acc}, ${term});`,
  },
};

/** Every row, for readers that iterate (tokenizers, tests). */
export const ALL_REDUCTIONS: readonly Reduction[] = Object.values(REDUCTIONS);
