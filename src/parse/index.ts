// The parser's public face: text in, AST out, or a ParseError with a caret.

import nearley from 'nearley';
import type { Expr, Var } from '../core/ast.js';
import { freeIndices, resolveIndexValues } from '../core/indices.js';
import { InputError } from '../core/errors.js';
import { buildFormulas, type Lazy, type List } from './build.js';
import { GrammarError, ParseError } from './errors.js';
import latexGrammar, { lexer as latexLexer } from './latex.generated.js';
import textGrammar, { lexer as textLexer } from './text.generated.js';
import { withLookahead } from './lookahead.js';
import { locating, type Reading, whileReading } from './located.js';
import { inOption, remember } from '../core/source.js';
import { describe, once, type Tok } from './tokens.js';
import { determinantsOfNames, isMatrixNotation, readMatrixNotation, type Shape } from './matrix.js';
import { bindVectorIndices, expandVectorForms, vectorNames } from './vectors.js';

export { ParseError } from './errors.js';
export { entryOf, type Shape } from './matrix.js';

export type Syntax = 'latex' | 'text';
export interface ParseOptions {
  /** Default `auto`: see `detectSyntax`. */
  readonly syntax?: Syntax | 'auto';
  /**
   * Shapes of vectors and matrices (`parseShapes("W: j×k, x: j")`): with any, the formulas are read
   * as matrix notation (src/parse/matrix.ts), as they are without when they use it.
   */
  readonly shapes?: readonly Shape[];
  /** Where the text came from (`--where`, a file name), for the messages of errors found in it later. */
  readonly origin?: string;
}

// The grammar modules' lexers are only templates, cloned per call (cheap: the rules are compiled once,
// on the first parse of that syntax, as the grammars are: start-up pays for neither).
const grammars = {
  latex: {
    grammar: once(() => nearley.Grammar.fromCompiled(latexGrammar as unknown as nearley.CompiledRules)),
    located: once(() => nearley.Grammar.fromCompiled(locating(latexGrammar as unknown as nearley.CompiledRules))),
    lexer: latexLexer,
  },
  text: {
    grammar: once(() => nearley.Grammar.fromCompiled(textGrammar as unknown as nearley.CompiledRules)),
    located: once(() => nearley.Grammar.fromCompiled(locating(textGrammar as unknown as nearley.CompiledRules))),
    lexer: textLexer,
  },
};

/**
 * LaTeX when the input contains a backslash, an underscore, a brace or a transpose `^T` (which
 * plain text does not read: `x^T A x` is matrix notation); plain text otherwise.
 */
export function detectSyntax(text: string): Syntax {
  return /[\\_{]|\^T(?![\w(\[])/.test(text) ? 'latex' : 'text';
}

/**
 * Every complete parse of `text` (unbuilt). The grammars are unambiguous, so
 * there is exactly one; tests assert that through this function.
 */
export function parseAll(text: string, options: ParseOptions = {}): List<Lazy>[] {
  return readText(text, options, null);
}

/**
 * `parseAll`; with `at`, by the grammar that also records where each node is written, into `at`
 * as the nodes are built. That grammar is slower, and only an error needs places: a text is read
 * by it again when an error about one of its nodes is to be placed (`whereWritten`).
 */
function readText(text: string, options: ParseOptions, at: Reading['at'] | null): List<Lazy>[] {
  const syntax = options.syntax === undefined || options.syntax === 'auto' ? detectSyntax(text) : options.syntax;
  const grammar = at === null ? grammars[syntax].grammar() : grammars[syntax].located();
  const lexer = grammars[syntax].lexer.clone();
  const parser = new nearley.Parser(withLookahead(grammar, lexer), { lexer });
  try {
    if (at === null) parser.feed(text);
    else whileReading({ tokens: lexer, parser, at }, () => parser.feed(text));
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

/** Where each node of the formulas of `text` is first written (the text is read again, recording). */
function whereWritten(text: string, options: ParseOptions): Reading['at'] {
  const at: Reading['at'] = new Map();
  buildFormulas(readText(text, options, at)[0]!);
  return at;
}

/** The formulas of `text`, separated by `;`, a top-level `,`, `\quad`, `\qquad`, `\\` or a line break. */
export function parseFormulas(text: string, options: ParseOptions = {}): Expr[] {
  return parseWithShapes(text, options).formulas;
}

/**
 * `parseFormulas`, and the shapes of the vectors and matrices: of matrix notation (declared, then
 * inferred; `matrix` is true), or of the names the vector rule reads (`x` in `\\|x\\|^2`).
 */
/**
 * The formulas with the shapes of the vectors and matrices in them; `outputs` gives, for a
 * formula in matrix notation, its free indices rows first (`\mathbf{a}\mathbf{b}^\top` is over
 * [i, j]), and for any other its free indices in alphabetical order.
 */
export function parseWithShapes(text: string, options: ParseOptions = {}): { formulas: Expr[]; shapes: Shape[]; matrix: boolean; outputs: (readonly string[])[] } {
  const results = readText(text, options, null);
  if (results.length > 1) throw new Error(`internal error: ${results.length} parses of ${JSON.stringify(text)}`);
  try {
    const built = buildFormulas(results[0]!);
    const declared = options.shapes ?? [];
    // Matrix notation, or norms and inner products by the vector rule (on the nodes as built: their
    // positions are remembered by node); bound letters are given once the whole parse is read
    // (src/parse/vectors.ts).
    const matrix = isMatrixNotation(built, declared);
    const read = matrix ? readMatrixNotation(built, declared, text)
      : { formulas: built.map((f) => expandVectorForms(determinantsOfNames(f))), shapes: built.flatMap(vectorNames), outputs: null };
    const formulas = bindVectorIndices(read.formulas.map((f) => resolveIndexValues(f)), text);
    remember([...formulas, ...built], { source: text, at: once(() => whereWritten(text, options)), ...(options.origin === undefined ? {} : { origin: options.origin }) });
    return { formulas, shapes: read.shapes, matrix, outputs: read.outputs ?? formulas.map((f) => [...freeIndices(f)].sort()) };
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

const TIMES = /\s*(?:×|\\times|\*|\sx\s)\s*/;

/**
 * `--shapes "W: j×k, o: j, t: k"`: declared shapes of vectors and matrices for matrix notation
 * (src/parse/matrix.ts). A dimension is an index letter (a capital is read as its lowercase:
 * `x: N` gives the entries x_n); `1` declares a scalar.
 */
export function parseShapes(spec: string): Shape[] {
  const shapes: Shape[] = [];
  let from = 0;
  for (const part of spec.split(/[;,]/).map((p) => p.trim()).filter((p) => p !== '')) {
    const at = inOption('--shapes', spec, part, from);
    from = at.offset + part.length;
    const colon = part.lastIndexOf(':');
    const how = 'expected NAME: DIMS, like "W: j×k, x: j" (dimensions are index letters; 1 for a scalar)';
    if (colon < 0) throw new InputError(`${how} (got '${part}')`, at);
    const nameText = part.slice(0, colon).trim();
    const dimsText = part.slice(colon + 1).trim();
    let name: Var;
    try {
      const v = parse(nameText);
      if (v.kind !== 'var' || v.indices.length > 0) throw new InputError(`'${nameText}' is not a name without indices`, at);
      name = v;
    } catch (e) {
      if (e instanceof ParseError) throw new InputError(`'${nameText}' is not a name: ${e.reason}`, at);
      throw e;
    }
    const short = /^[A-Za-z]x[A-Za-z]$/.test(dimsText) ? [dimsText[0]!, dimsText[2]!] : dimsText.split(TIMES);
    const dims = dimsText === '1' ? [] : short.map((d) => d.trim());
    if (dims.length > 2 || dims.some((d) => !/^[A-Za-z]$/.test(d))) throw new InputError(`${how} (got '${part}')`, at);
    if (shapes.some((s) => s.name === name)) throw new InputError(`${nameText} is declared twice`, at);
    shapes.push({ name, dims: dims.map((d) => d.toLowerCase()) });
  }
  return shapes;
}
