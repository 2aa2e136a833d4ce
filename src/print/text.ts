// The plain-text printer: `w[j,k]`, `sigmoid(x)`, `sum(j, …)`, `d/dw[j,k](…)`,
// `*` for every product. Presentation hints are LaTeX-only and ignored here.
// Parentheses are decided only by needsParens (precedence.ts).

import { APPLY, assertNever, type Expr, type RelOp } from '../core/ast.js';
import { userName } from '../core/names.js';
import { allIndexNames } from '../core/indices.js';
import { expectExpr } from '../core/guard.js';
import { REDUCTIONS } from '../core/reductions.js';
import { reductionOf } from '../functions.js';
import { formatNumber, indexText, textSubscript } from './atoms.js';
import { type PrintOptions, shownBinder } from './bound.js';
import { needsParens, negated, negatedTerm, PRIME, type Slot } from './precedence.js';

/**
 * `max(j, x[j])` is refused by the text parser (the function, or the maximum over j?): a first
 * argument printed as a bare name that the other arguments use as an index is written `max((j), x[j])`.
 */
function doubtfulFirst(x: Expr & { kind: 'call' }): boolean {
  const a = x.args[0];
  if (reductionOf(x.fn) === undefined || a === undefined) return false;
  const name = a.kind === 'var' && a.indices.length === 0 ? userName(a) : a.kind === 'index' && a.index.kind === 'ivar' ? a.index.name : null;
  return name !== null && x.args.slice(1).some((b) => allIndexNames(b).has(name));
}

const REL: Record<RelOp, string> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export function toText(e: Expr, options: PrintOptions = {}): string {
  expectExpr(e, 'toText');
  const inSlot = (x: Expr, slot: Slot): string => (needsParens(x, slot, 'text') ? `(${bare(x)})` : bare(x));
  const minus = (positive: Expr): string => `-${inSlot(positive, 'neg-arg')}`;
  const termSign = options.signsOut === true ? negatedTerm : negated;

  const bare = (x: Expr): string => {
    switch (x.kind) {
      case 'neg': return minus(x.arg);
      case 'num': return x.value < 0 ? minus(negated(x)!) : formatNumber(x.value, 'text');
      // Issue 11: `inv(X)[a,b]`, `det(X)` (matrix notation is read in LaTeX only: these do not read back).
      case 'var': {
        const name = x.of === 'inverse' ? `inv(${userName(x)})` : x.of === 'determinant' ? `det(${userName(x)})` : userName(x);
        return name + (x.indices.length > 0 ? textSubscript(x.indices) : '');
      }
      case 'add':
        return x.terms.map((t, i) => {
          if (i === 0) return inSlot(t, 'add-term');
          const pos = termSign(t);
          return pos !== null ? ` - ${inSlot(pos, 'neg-arg')}` : ` + ${inSlot(t, 'add-term')}`;
        }).join('');
      case 'mul': {
        const positive = negated(x); // -2 * x
        if (positive !== null) return minus(positive);
        const last = x.factors.length - 1;
        return x.factors.map((f, i) => inSlot(f, i === last ? 'last-factor' : 'factor')).join(' * ');
      }
      case 'div': return `${inSlot(x.num, 'div-operand')} / ${inSlot(x.den, 'div-operand')}`;
      case 'pow': {
        const exp = inSlot(x.exp, 'atomic');
        // A lone superscript T is refused as a transpose (src/parse/guards.ts); the power is `x^(T)`.
        return `${inSlot(x.base, 'atomic')}^${exp === 'T' ? '(T)' : exp}`;
      }
      case 'call': {
        // A user-defined function's call (issue 9): its head, then the arguments, `f'(2 * y)`.
        if (x.fn === APPLY) return `${bare(x.args[0]!)}(${x.args.slice(1).map((a) => inSlot(a, 'braced')).join(', ')})`;
        const args = x.args.map((a, i) => (i === 0 && doubtfulFirst(x) ? `(${inSlot(a, 'braced')})` : inSlot(a, 'braced'))).join(', ');
        if (x.fn !== PRIME) return `${x.fn}(${args})`;
        const arg = x.args[0]!;
        return arg.kind === 'call' && arg.fn === PRIME ? `${bare(arg)}'` : `(${args})'`; // (a * x)''
      }
      case 'reduce': {
        const { index, body } = shownBinder(x, options);
        const lower = x.lower === null ? '' : indexText(x.lower);
        const upper = x.upper === null ? '' : indexText(x.upper);
        const range = x.lower === null && x.upper === null ? '' : `=${lower}..${upper}`;
        return `${REDUCTIONS[x.op].keyword}(${index}${range}, ${inSlot(body, 'braced')})`;
      }
      case 'delta': return `delta${textSubscript([x.a, x.b])}`;
      case 'diff': return `d/d${bare(x.wrt)}(${inSlot(x.body, 'braced')})`;
      case 'rel': return x.args.map((a) => inSlot(a, 'rel-arg')).reduce((acc, s, i) => `${acc} ${REL[x.ops[i - 1]!]} ${s}`);
      case 'iverson': return `[${inSlot(x.cond, 'top')}]`;
      case 'extent': return `#${x.index}`;
      case 'index': return indexText(x.index);
      default: return assertNever(x);
    }
  };

  return inSlot(e, 'top');
}
