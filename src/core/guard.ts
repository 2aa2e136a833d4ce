// Argument checks at the library's boundary: a JavaScript caller (or a cast) can
// hand `derive`, `simplify` or a printer a string or a result object where an
// expression belongs; this says what was expected instead of failing deep inside
// with "unhandled case".

import type { Expr } from './ast.js';

const KINDS: ReadonlySet<string> = new Set<Expr['kind']>([
  'num', 'var', 'add', 'neg', 'mul', 'div', 'pow', 'call', 'reduce', 'delta', 'diff', 'rel', 'iverson', 'extent', 'index',
]);

/** Whether `x` is an expression node (one built by the constructors of ./ast.ts). */
export function isExpr(x: unknown): x is Expr {
  return typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'number' && KINDS.has((x as { kind?: unknown }).kind as string);
}

/** What `x` is, for a message: `the string 'x^2'`, `an object with keys result, steps`. */
function describeValue(x: unknown): string {
  if (typeof x === 'string') return `the string '${x.length > 40 ? `${x.slice(0, 40)}…` : x}'`;
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x === 'object') return `an object with keys ${Object.keys(x).join(', ') || '(none)'}`;
  return `${typeof x} ${String(x)}`;
}

/** A hint when the value is one a library call returns around an expression. */
function hint(x: unknown): string {
  if (typeof x === 'string') return ' (parse it first: parse(text), or call gradient(text, wrt))';
  if (typeof x === 'object' && x !== null && 'result' in x && isExpr((x as { result: unknown }).result)) return ' (pass its .result)';
  if (typeof x === 'object' && x !== null && 'expr' in x && isExpr((x as { expr: unknown }).expr)) return ' (pass its .expr)';
  return '';
}

/** `x` as an expression, or a TypeError naming the function and the parameter. */
export function expectExpr(x: unknown, where: string): Expr {
  if (isExpr(x)) return x;
  throw new TypeError(`${where} expects an expression (an Expr from parse), got ${describeValue(x)}${hint(x)}`);
}

/** `x` as the text of a variable or a parsed node (whether it is a variable is the reader's to say: an InputError), or a TypeError. */
export function expectVariable(x: unknown, where: string): string | Expr {
  if (typeof x === 'string' || isExpr(x)) return x;
  throw new TypeError(`${where} expects a variable: its text ('w_{jk}') or a parsed one (parse('w_{jk}')), got ${describeValue(x)}`);
}
