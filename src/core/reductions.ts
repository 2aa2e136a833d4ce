// The indexed reductions (Σ, Π; later max, min): one row per operator.
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
export type ReduceOp = 'sum' | 'prod';

export interface Reduction {
  readonly op: ReduceOp;
  /** The LaTeX control word: `\sum`. */
  readonly latex: string;
  /** The plain-text keyword, applied like a function: `sum(j, …)`, `sum(j=1..n, …)`. */
  readonly keyword: string;
  /** The character plain-text proof math shows for `latex` (`Σ`). */
  readonly symbol: string;
  /** The character copied from rendered pages (`∑`, U+2211): rejected with a hint to write `latex` or `keyword`. */
  readonly pasted: string;
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
};

/** Every row, for readers that iterate (tokenizers, tests). */
export const ALL_REDUCTIONS: readonly Reduction[] = Object.values(REDUCTIONS);
