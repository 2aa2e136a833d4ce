// The LaTeX printer: Expr → the house style of docs/notation.md, echoing the
// user's presentation hints (function spelling, `w_{j,k}`, derivative form).
// Parentheses are decided only by needsParens (precedence.ts).

import { APPLY, assertNever, type Call, children, type Expr, type RelOp, variable } from '../core/ast.js';
import { expectExpr } from '../core/guard.js';
import { REDUCTIONS } from '../core/reductions.js';
import { FUNCTIONS, functionByName, functionSpec } from '../functions.js';
import { formatNumber, indexText, latexMarkedName, latexName, latexSubscript, latexText } from './atoms.js';
import type { LabelFont } from '../core/names.js';
import { type PrintOptions, shownBinder } from './bound.js';
import { needsParens, negated, negatedTerm, PRIME, PRIME_SUPERSCRIPT, type Slot } from './precedence.js';

/** The fonts of a word subscript (a node built by hand may name another: it prints as `\\text`). */
const LABEL_FONTS: readonly string[] = ['mathrm', 'text', 'mathit'] satisfies readonly LabelFont[];

const REL: Record<RelOp, string> = { '=': '=', '!=': '\\neq', '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge' };

const tallMemo = new WeakMap<Expr, boolean>();

/** Prints a reduction (`\sum`) or a fraction (`\frac`, also every derivative) somewhere. */
export function tall(e: Expr): boolean {
  let v = tallMemo.get(e);
  if (v === undefined) {
    v = e.kind === 'reduce' || e.kind === 'div' || e.kind === 'diff' || children(e).some(tall);
    tallMemo.set(e, v);
  }
  return v;
}

/** `tall`, with `extra` nodes (placeholders, see PrintOptions.tall) counted as tall too. */
function tallWith(extra: ReadonlySet<Expr>): (e: Expr) => boolean {
  const memo = new Map<Expr, boolean>();
  const t = (e: Expr): boolean => {
    let v = memo.get(e);
    if (v === undefined) {
      v = extra.has(e) || tall(e) || children(e).some(t);
      memo.set(e, v);
    }
    return v;
  };
  return t;
}

/** A variable shown as a function head (`\sigma`) would be read as an application if juxtaposed. */
function looksLikeFunction(e: Expr): boolean {
  if (e.kind !== 'var' || e.marks.length > 0) return false;
  const head = latexName(e.name);
  return FUNCTIONS.some((f) => f.latex === head || f.commands.includes(head));
}

/**
 * What goes between two factors: a space (juxtaposition) where it reads and
 * parses right, `\cdot` where it would not: before a number (`x \cdot 2`, as
 * `x 2` reads oddly and `2 3` would lex as 23) and after a `\sigma` variable.
 */
function joint(left: Expr, rightText: string): string {
  if (/^[0-9.]/.test(rightText) || looksLikeFunction(left)) return ' \\cdot ';
  if (left.kind === 'num' && /^(\(|\\left\()/.test(rightText)) return ''; // 2(x + 1)
  return ' ';
}

/** A bare `e` before `^` would be the exponential: `(e)^{2}` keeps it a variable. */
function isBareE(e: Expr): boolean {
  return e.kind === 'var' && e.indices.length === 0 && e.marks.length === 0 && latexName(e.name) === 'e';
}

export function toLatex(e: Expr, options: PrintOptions = {}): string {
  expectExpr(e, 'toLatex');
  return latexPrinter(options, false)(e, 'top');
}

/**
 * The printer of `e` in a slot. With placeholders (`options.marks`), every decision
 * is taken on what a placeholder stands for: parentheses, their size, and the joint
 * between factors, which reads the factors printed without the marks (`plain`).
 */
function latexPrinter(options: PrintOptions, plain: boolean): (e: Expr, slot: Slot) => string {
  const marks = options.marks !== undefined && options.marks.size > 0 ? options.marks : undefined;
  const real = (x: Expr): Expr => marks?.get(x)?.expr ?? x;
  const isTall = marks === undefined ? tall : tallWith(new Set([...marks].filter(([, m]) => tall(m.expr)).map(([h]) => h)));
  let unmarked: ((e: Expr, slot: Slot) => string) | undefined;
  /** `x` in `slot` as it prints without the marks. */
  const plainSlot = (x: Expr, slot: Slot): string => {
    if (marks === undefined || plain) return inSlot(x, slot);
    unmarked ??= latexPrinter({ ...options, marks: new Map([...marks].map(([h, m]) => [h, { expr: m.expr, mark: (s: string) => s }])) }, true);
    return unmarked(x, slot);
  };
  /** `( … )` around the printed `s` of `content`, grown to `\left( … \right)` when the content is tall. */
  const group = (s: string, ...content: readonly Expr[]): string => (content.some(isTall) ? `\\left(${s}\\right)` : `(${s})`);
  const termSign = options.signsOut === true ? negatedTerm : negated;
  const inSlot = (x: Expr, slot: Slot): string => {
    const r = real(x);
    return needsParens(r, slot, 'latex') ? group(bare(x), r) : bare(x);
  };

  const minus = (positive: Expr): string => `-${inSlot(positive, 'neg-arg')}`;

  /** `(a x)'`, `(a x)''` for repeated primes, `(a x)^\prime`. */
  const lagrange = (x: Call): string => {
    const arg = x.args[0]!;
    if (x.spelling === PRIME_SUPERSCRIPT) return `${group(bare(arg), arg)}${PRIME_SUPERSCRIPT}`;
    const primed = arg.kind === 'call' && arg.fn === PRIME && arg.spelling !== PRIME_SUPERSCRIPT;
    return `${primed ? bare(arg) : group(bare(arg), arg)}'`;
  };

  /** A user function's head: a built-in's name redefined prints as the built-in's head (`\tanh'`), else as a name. */
  const userHead = (head: Expr): string => {
    const [, base = '', primes = ''] = head.kind === 'var' ? /^([^]*?)('*)$/.exec(head.name) ?? [] : [];
    const spec = head.kind === 'var' && head.marks.length === 0 && head.label === null ? functionByName(base) : undefined;
    // Only a control word that reads back as this name (`\tanh`; not `\sigma` for `sigmoid`): the head stays the same variable.
    return spec?.name === base && spec.commands.includes(spec.latex) ? spec.latex + primes : bare(head);
  };

  const bare = (x: Expr): string => {
    const m = marks?.get(x);
    if (m !== undefined) return m.mark(bare(m.expr));
    switch (x.kind) {
      case 'neg': return minus(x.arg);
      case 'num': return x.value < 0 ? minus(negated(x)!) : formatNumber(x.value, 'latex');
      case 'var': {
        // Issue 11: an entry of an inverse, `(X^{-1})_{ab}`, and a determinant, `\det(X)` (parenthesised: `\det X^2` is det(X²)).
        if (x.of === 'inverse') return `(${bare(variable({ ...x, of: null }))}^{-1})${latexSubscript(x.indices, x.commaIndices)}`;
        if (x.of === 'determinant') return `\\det(${bare(variable({ ...x, of: null }))})`;
        // A superscript index (`x^{(i)}_j`) is the first slot; the subscripts are the rest.
        const sub = x.superscript === null ? x.indices : x.indices.slice(1);
        const sup = x.superscript === null ? '' : `^{${x.superscript === '(' ? '(' : '['}${indexText(x.indices[0]!, latexName)}${x.superscript === '(' ? ')' : ']'}}`;
        if (x.label !== null) {
          // A word subscript (`D_{\mathrm{KL}}`) is written before the primes; indices follow the word after a comma.
          const [, base = '', primes = ''] = /^([^]*?)('*)$/.exec(x.name) ?? [];
          const rest = sub.length > 0 ? `,${latexSubscript(sub, x.commaIndices).replace(/^_\{?(.*?)\}?$/, '$1')}` : '';
          const font = LABEL_FONTS.includes(x.label.font) ? x.label.font : 'text';
          return `${latexMarkedName(base, x.marks)}_{\\${font}{${latexText(x.label.word)}}${rest}}${primes}${sup}`;
        }
        return latexMarkedName(x.name, x.marks) + sup + (sub.length > 0 ? latexSubscript(sub, x.commaIndices) : '');
      }
      case 'add':
        return x.terms.map((t, i) => {
          if (i === 0) return inSlot(t, 'add-term');
          const pos = termSign(t);
          return pos !== null ? ` - ${inSlot(pos, 'neg-arg')}` : ` + ${inSlot(t, 'add-term')}`;
        }).join('');
      case 'mul': {
        const positive = negated(x); // -2 x y
        if (positive !== null) return minus(positive);
        const last = x.factors.length - 1;
        const slot = (i: number): Slot => (i === last ? 'last-factor' : 'factor');
        const parts = x.factors.map((f, i) => inSlot(f, slot(i)));
        const seen = marks === undefined || plain ? parts : x.factors.map((f, i) => plainSlot(f, slot(i)));
        return parts.reduce((acc, s, i) => acc + joint(real(x.factors[i - 1]!), seen[i]!) + s);
      }
      case 'div': {
        const numerator = inSlot(x.num, 'braced');
        const den = inSlot(x.den, 'braced');
        // `\frac{d}{d x}` would read as a derivative: group the numerator.
        return `\\frac{${numerator.startsWith('d') && den.startsWith('d') ? group(numerator, x.num) : numerator}}{${den}}`;
      }
      case 'pow': {
        // A bare `e` would be the exponential, and `x^{(i)}^2` a double superscript: both are grouped. So is a
        // fraction: `\frac{x}{c}^2` is read as x/c² as often as (x/c)², and textbooks write `\left(\frac{x}{c}\right)^2`.
        const b = real(x.base);
        const grouped = isBareE(b) || (b.kind === 'var' && b.superscript !== null) || b.kind === 'div';
        const base = grouped ? group(bare(x.base), x.base) : inSlot(x.base, 'atomic');
        const exp = inSlot(x.exp, 'braced');
        // After a name (`\delta_{ij}` too: the tokens read it as a name first), a superscript that opens with `(` or `[`
        // reads as an index (`x^{(i)}`), and a lone `T` as a transpose (src/parse/guards.ts): such a power gets an inner
        // group, `x^{{(a + b) c}}`, `x^{{T}}`.
        if (exp === 'T' || ((b.kind === 'var' || b.kind === 'delta') && /^[([]/.test(exp))) return `${base}^{{${exp}}}`;
        return `${base}^${exp.length === 1 ? exp : `{${exp}}`}`;
      }
      case 'call': {
        if (x.fn === PRIME) return lagrange(x);
        // A user-defined function's call (issue 9): its head, then the arguments, `f'(2 y)`.
        if (x.fn === APPLY) return `${userHead(x.args[0]!)}(${x.args.slice(1).map((a) => inSlot(a, 'braced')).join(', ')})`;
        const arg = x.args.map((a) => inSlot(a, 'braced')).join(', ');
        const head = x.spelling ?? functionSpec(x.fn).latex;
        switch (head) {
          // After `e` (a name to the tokens), `^{(` reads as a superscript index, as after any name: an inner group.
          case 'e^': return /^[([]/.test(arg) ? `e^{{${arg}}}` : `e^{${arg}}`;
          case '|': return `\\lvert ${arg} \\rvert`;
          case '\\sqrt': return `\\sqrt{${arg}}`;
          case '\\sqrt[3]': return `\\sqrt[3]{${arg}}`;
          default: return head + group(arg, ...x.args);
        }
      }
      case 'reduce': {
        const { index, body } = shownBinder(x, options);
        const lower = x.lower === null ? '' : `=${indexText(x.lower, latexName)}`;
        const upper = x.upper === null ? '' : `^{${indexText(x.upper, latexName)}}`;
        return `${REDUCTIONS[x.op].latex}_{${latexName(index)}${lower}}${upper} ${inSlot(body, 'prefix-body')}`;
      }
      case 'delta': return `\\delta${latexSubscript([x.a, x.b], false)}`;
      case 'diff': {
        const d = x.notation === 'partial' ? '\\partial' : 'd';
        const by = `${d}${d === 'd' ? '' : ' '}${bare(x.wrt)}`;
        if (x.form === 'operator') return `\\frac{${d}}{${by}} ${inSlot(x.body, 'atomic')}`;
        // A variable reads as `∂E`; anything else is grouped, as in `\frac{\partial (\sum_j …)}{\partial w}`.
        const body = real(x.body).kind === 'var' ? bare(x.body) : group(bare(x.body), x.body);
        return `\\frac{${d}${d === 'd' ? '' : ' '}${body}}{${by}}`;
      }
      case 'rel': return x.args.map((a) => inSlot(a, 'rel-arg')).reduce((acc, s, i) => `${acc} ${REL[x.ops[i - 1]!]} ${s}`);
      case 'iverson': return `[${inSlot(x.cond, 'top')}]`;
      case 'extent': return `\\#${latexName(x.index)}`;
      case 'index': return indexText(x.index, latexName);
      default: return assertNever(x);
    }
  };

  return inSlot;
}
