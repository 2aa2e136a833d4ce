// The printers: Expr → LaTeX and Expr → plain text, sharing one precedence table.

export { toLatex } from './latex.js';
export { toText } from './text.js';
export type { PrintOptions } from './bound.js';
export { needsCommaIndices, GREEK } from './atoms.js';
export { Level, levelOf, needsParens, type Slot, type Syntax } from './precedence.js';
