// Mini-batches (`kronecker compile --batch "b: o, t"`): the inputs that are per example get a
// leading batch index. A formula then has one value per example (E_b, free b first); the
// derivative by a parameter is the gradient of the batch's summed loss, Σ_b ∂E_b/∂w, since a
// parameter is shared by every example (by an input that is itself batched, ∂E_b/∂o_{bj} stays
// per example). Done on the expression, so every backend (JS, NumPy, PyTorch) gets it alike,
// and a Σ_b over a product is one more letter of the einsum.

import { type Expr, ivar, mapChildren, sum, variable } from '../core/ast.js';
import { InputError } from '../core/errors.js';
import { inOption } from '../core/source.js';
import { allIndexNames } from '../core/indices.js';
import { inputKey, userName } from '../core/names.js';

export interface Batch {
  /** The batch index letter (`b`). */
  readonly index: string;
  /** The inputs that carry it, by key or name (`o`, `t`, `w_{jk}`). */
  readonly inputs: readonly string[];
  /** As written (`b: o, t`), for messages. */
  readonly text?: string;
}

/** `--batch "b: o, t"` read into a Batch. */
export function parseBatch(text: string): Batch {
  const m = /^\s*([A-Za-z])\s*:\s*(.+?)\s*$/.exec(text);
  if (m === null) throw new InputError(`expected the batch index and the inputs that carry it, as "b: o, t"; got '${text}'`, inOption('--batch', text, text.trim()));
  const inputs = m[2]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (inputs.length === 0) throw new InputError(`"${m[1]}: …" needs at least one input name`, inOption('--batch', text, m[2]!));
  return { index: m[1]!, inputs, text };
}

/**
 * `expr` (unfolded, no ∂ left) with `batch.index` added in front of every read of a batched
 * input; summed over it when `sumOver` (a derivative by a parameter).
 */
export function withBatch(expr: Expr, batch: Batch, sumOver: boolean): Expr {
  const used = allIndexNames(expr);
  const at = (part: string) => (batch.text === undefined ? null : inOption('--batch', batch.text, part));
  if (used.has(batch.index)) throw new InputError(`the formula already uses the index '${batch.index}'; choose another letter for the batch`, at(batch.index));
  const names = new Set<string>();
  const seen = new Map<string, string>();
  const visit = (e: Expr): void => {
    if (e.kind === 'var') seen.set(inputKey(e), userName(e));
    else mapChildren(e, (c) => (visit(c), c));
  };
  visit(expr);
  for (const n of batch.inputs) {
    if (!seen.has(n) && ![...seen.values()].includes(n)) {
      throw new InputError(`'${n}' is not an input of the formula; its inputs are ${[...seen.keys()].map((k) => `'${k}'`).join(', ')}`, at(n));
    }
    names.add(n);
  }
  const memo = new Map<number, Expr>();
  const rewrite = (e: Expr): Expr => {
    const hit = memo.get(e.id);
    if (hit !== undefined) return hit;
    const out = e.kind === 'var'
      ? (names.has(inputKey(e)) || names.has(userName(e)) ? variable(e, [ivar(batch.index), ...e.indices], e.commaIndices, null) : e)
      : mapChildren(e, rewrite);
    memo.set(e.id, out);
    return out;
  };
  const batched = rewrite(expr);
  return sumOver ? sum(batch.index, batched) : batched;
}
