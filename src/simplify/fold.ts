// Folding a definition back: where an instance of a definition's body appears
// (`e^{z_j} / Σ_i e^{z_i}` for `y_k = e^{z_k} / Σ_i e^{z_i}`), write the defined
// name (`y_j`). The body's index letters are pattern variables; its bound
// indices match any bound index, consistently (see core/match.ts).

import { type Expr, type SuperscriptBracket, variable } from '../core/ast.js';
import { match } from '../core/match.js';
import type { VarName } from '../core/names.js';

/** What folding needs of a definition (src/definitions.ts `Definition` has it). */
export interface Foldable extends VarName {
  readonly indices: readonly string[];
  readonly body: Expr;
  /** `h^{(i)}`: the left side's first index was a superscript. */
  readonly superscript?: SuperscriptBracket | null;
}

/** The defined variable at the indices where `t` is an instance of the definition's body, else null. */
export function instanceOf(def: Foldable, t: Expr): Expr | null {
  const b = match(def.body, t, new Set(def.indices));
  if (b === null || def.indices.some((n) => !b.has(n))) return null;
  return variable(def, def.indices.map((n) => b.get(n)!), false, def.superscript ?? null);
}
