// Short constructors for simplifier tests: v('w', 'j', 'k') is w_{jk}.

import { add, delta, type Expr, type Index, inum, ivar, mul, neg, num, variable } from '../../src/core/ast.js';

export const ix = (i: string | number): Index => (typeof i === 'number' ? inum(i) : ivar(i));
export const v = (name: string, ...is: (string | number)[]) => variable(name, is.map(ix));
export const d = (a: string | number | Index, b: string | number | Index) =>
  delta(typeof a === 'object' ? a : ix(a), typeof b === 'object' ? b : ix(b));
export const n = num;
export const sub = (a: Expr, b: Expr) => add([a, neg(b)]);
export const times = (...fs: Expr[]) => mul(fs);
export const plus = (...ts: Expr[]) => add(ts);
