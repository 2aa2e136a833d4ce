// The parser's public face: text in, AST out, or a ParseError with a caret.

import nearley from 'nearley';
import type { Expr } from '../core/ast.js';
import { resolveIndexValues } from '../core/indices.js';
import { buildFormulas, type Lazy, type List } from './build.js';
import { GrammarError, ParseError } from './errors.js';
import latexGrammar, { lexer as latexLexer } from './latex.generated.js';
import textGrammar, { lexer as textLexer } from './text.generated.js';
import { withLookahead } from './lookahead.js';
import { describe, type Tok } from './tokens.js';
import { bindVectorIndices } from './vectors.js';

export { ParseError } from './errors.js';

export type Syntax = 'latex' | 'text';
export interface ParseOptions {
  /** Default `auto`: see `detectSyntax`. */
  readonly syntax?: Syntax | 'auto';
}

// The grammar modules' lexers are only templates, cloned per call (cheap: the rules are compiled once).
const grammars = {
  latex: { grammar: nearley.Grammar.fromCompiled(latexGrammar as unknown as nearley.CompiledRules), lexer: latexLexer },
  text: { grammar: nearley.Grammar.fromCompiled(textGrammar as unknown as nearley.CompiledRules), lexer: textLexer },
};

/** LaTeX when the input contains a backslash, an underscore or a brace; plain text otherwise. */
export function detectSyntax(text: string): Syntax {
  return /[\\_{]/.test(text) ? 'latex' : 'text';
}

/**
 * Every complete parse of `text` (unbuilt). The grammars are unambiguous, so
 * there is exactly one; tests assert that through this function.
 */
export function parseAll(text: string, options: ParseOptions = {}): List<Lazy>[] {
  const syntax = options.syntax === undefined || options.syntax === 'auto' ? detectSyntax(text) : options.syntax;
  const { grammar } = grammars[syntax];
  const lexer = grammars[syntax].lexer.clone();
  const parser = new nearley.Parser(withLookahead(grammar, lexer), { lexer });
  try {
    parser.feed(text);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    if (e instanceof GrammarError) throw new ParseError(e.message, e.token.offset, e.token.text.trim().length, text);
    const token = (e as { token?: Tok }).token;
    if (token === undefined) throw e;
    throw new ParseError(`unexpected ${describe(token)}`, token.offset, token.text.trim().length, text);
  }
  if (parser.results.length === 0) {
    throw new ParseError('unexpected end of input', lexer.end, 0, text);
  }
  return parser.results as List<Lazy>[];
}

/** The formulas of `text`, separated by `;`, a top-level `,`, `\quad`, `\qquad`, `\\` or a line break. */
export function parseFormulas(text: string, options: ParseOptions = {}): Expr[] {
  const results = parseAll(text, options);
  if (results.length > 1) throw new Error(`internal error: ${results.length} parses of ${JSON.stringify(text)}`);
  try {
    // Norms and inner products get their bound letters once the whole parse is built (src/parse/vectors.ts).
    return bindVectorIndices(buildFormulas(results[0]!).map((f) => resolveIndexValues(f)), text);
  } catch (e) {
    // A construct whose reading needs its built operand (`\nabla_w L`, src/parse/build.ts `gradient`) refuses it here.
    if (e instanceof GrammarError) throw new ParseError(e.message, e.token.offset, e.token.text.trim().length, text);
    throw e;
  }
}

/** Exactly one formula: an expression, or a relation such as an equation. */
export function parse(text: string, options: ParseOptions = {}): Expr {
  const formulas = parseFormulas(text, options);
  if (formulas.length !== 1) {
    const sep = secondFormula(text, options);
    throw new ParseError(`expected one formula, found ${formulas.length}`, sep.offset, sep.text.trim().length, text);
  }
  return formulas[0]!;
}

/** The separator before the second formula, to point at in the error. */
function secondFormula(text: string, options: ParseOptions): Tok {
  const syntax = options.syntax === undefined || options.syntax === 'auto' ? detectSyntax(text) : options.syntax;
  const lexer = grammars[syntax].lexer.clone();
  lexer.reset(text);
  for (let t = lexer.next(); t !== undefined; t = lexer.next()) if (t.type === 'sep') return t;
  throw new Error('internal error: several formulas without a separator');
}
