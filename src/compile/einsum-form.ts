// The einsum form of a result (`kronecker derive --form einsum`): the tensor program of
// ./tensor.ts shown as NumPy-style lines in the formula's own names and index letters, a
// temporary used once written in place. The einsum strings are valid for numpy.einsum and
// torch.einsum alike; other calls are NumPy's names, except `sigmoid` (1/(1+e^{-x})), the other
// activations of the function table by their names, and `take_at(x, (i, j))` (x at index arrays).
//
// This is text for a person, not code that runs: --emit numpy|torch writes that (./python.ts).

import type { Expr } from '../core/ast.js';
import { markedName } from '../core/names.js';
import { jointSignature } from '../values.js';
import { lowerToTensors } from './tensor.js';

const BOLD: ReadonlySet<string> = new Set(['mathbf', 'boldsymbol', 'bm']);

export interface EinsumFormOptions {
  /** Output index order (default alphabetical). */
  readonly free?: readonly string[];
  readonly symbols?: readonly string[];
  /** The left side of the last line (`dE/dw[j,k]`); default `result`. */
  readonly name?: string;
}

/** `expr` (unfolded, no ∂ left) as einsum lines: named shared temporaries, then `name = …`. */
export function einsumForm(expr: Expr, options: EinsumFormOptions = {}): string {
  const sig = jointSignature([expr], [options.free], options.symbols);
  const program = lowerToTensors([expr], sig, { userLetters: true });
  // A bold name is the vector or matrix itself in NumPy's terms: \mathbf{x} is `x` (unless x is another input).
  const plainNames = program.reads.map((v, k) => (v !== undefined && v.marks.length > 0 && v.marks.every((m) => BOLD.has(m)) && sig.inputs[k]!.name === markedName(v) ? v.name : null));
  const input = (k: number) => {
    const b = plainNames[k];
    // The inverse or determinant of X (issue 11) is read with X's name: no clash with X itself.
    const clash = b === null || sig.inputs.some((other, j) => j !== k && (other.name === b || plainNames[j] === b) && other.name !== sig.inputs[k]!.name);
    const name = clash ? sig.inputs[k]!.name : b;
    const of = sig.inputs[k]!.of;
    return of === undefined ? name : `linalg.${of === 'inverse' ? 'inv' : 'det'}(${name})`;
  };
  const sizeLetter = (k: number) => program.sizes[k]!.letter;
  const show = (code: string) => code
    .replace(/_ar\(n(\d+), dev\)/g, (_m, k: string) => `arange(1, N_${sizeLetter(Number(k))} + 1)`)
    .replace(/\b_(\w+)\(/g, (_m, f: string) => `${{ tr: 'transpose', f: 'float64', pow: 'power', full: 'broadcast_to', gather: 'take_at', max: 'amax', min: 'amin' }[f] ?? f}(`)
    .replace(/\bx(\d+)\b/g, (_m, k: string) => input(Number(k)))
    .replace(/\bn(\d+)\b/g, (_m, k: string) => `N_${sizeLetter(Number(k))}`)
    .replace(/\bc(\d+)\b/g, (_m, k: string) => program.symbols[Number(k)]!);
  // How often each temporary is read: one read is written in place.
  const uses = new Map<string, number>();
  const count = (code: string) => {
    for (const m of code.matchAll(/\bt(\d+)\b/g)) uses.set(m[0], (uses.get(m[0]) ?? 0) + 1);
  };
  program.stmts.forEach((s) => count(s.code));
  program.outputs.forEach((o) => count(o.code));
  const inline = new Map<string, string>();
  const atomic = (code: string) => /^[\w.]+$/.test(code) || (/^[\w.]+\(/.test(code) && closes(code, code.indexOf('(')) === code.length - 1);
  const expand = (code: string) => code.replace(/\bt(\d+)\b/g, (name, _k: string, at: number) => {
    const body = inline.get(name);
    if (body === undefined) return name;
    // An argument of a call needs no parentheses of its own.
    const alone = /[(,] ?$/.test(code.slice(0, at)) && /^ ?[,)]/.test(code.slice(at + name.length));
    return atomic(body) || alone ? body : `(${body})`;
  });
  const lines: string[] = [];
  let named = 0;
  const names = new Map<string, string>();
  for (const s of program.stmts) {
    const code = expand(s.code);
    // A negation of a name costs nothing to repeat: `t + -z` then reads `t - z`.
    if ((uses.get(s.name) ?? 0) <= 1 || /^-[\w.]+$/.test(code)) inline.set(s.name, code);
    else {
      const name = `z${named++}`;
      names.set(s.name, name);
      inline.set(s.name, name);
      lines.push(`${name} = ${show(code)}`);
    }
  }
  const out = program.outputs[0]!;
  const last = expand(out.code);
  const bare = last.startsWith('(') && closes(last, 0) === last.length - 1 ? last.slice(1, -1) : last;
  lines.push(`${options.name ?? 'result'} = ${show(bare)}`);
  // `a + (-b)` is `a - b`, and `(-2) * x` is `-2 * x`, as a person writes them.
  return lines.map((l) => l.replace(/ \+ (?:\(-([\w.]+(?:\([^()]*\))?)\)|-([\w.]+(?:\([^()]*\))?))(?=[ ,)]|$)/g, (_m, a?: string, b?: string) => ` - ${a ?? b}`).replace(/\(-(\d[\d.e+-]*)\) \*/g, '-$1 *')).join('\n');
}

/** The position of the parenthesis that closes the one at `open`, or -1. */
function closes(code: string, open: number): number {
  let depth = 0;
  for (let k = open; k < code.length; k++) {
    if (code[k] === '(') depth++;
    else if (code[k] === ')' && --depth === 0) return k;
  }
  return -1;
}
