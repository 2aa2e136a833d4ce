// The printers: Expr → LaTeX and Expr → plain text, sharing one precedence table.

export { tall, toLatex } from './latex.js';
export { toText } from './text.js';
export type { Mark, PrintOptions } from './bound.js';
export { needsCommaIndices, GREEK } from './atoms.js';
export { Level, levelOf, needsParens, negatedTerm, type Slot, type Syntax } from './precedence.js';
