// The AST as plain JSON (for `kronecker parse --format json` and tools): the
// node kinds and fields of src/core/ast.ts, without the interning ids. A reduction
// is written with its operator as its kind (`{"kind": "sum", "index": …}`).

import { assertNever, type Expr, type Index } from './core/ast.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function indexJson(i: Index): Json {
  switch (i.kind) {
    case 'inum': return { kind: 'inum', value: i.value };
    case 'ivar': return { kind: 'ivar', name: i.name, offset: i.offset };
    case 'ilin': return { kind: 'ilin', terms: i.terms.map((t) => ({ name: t.name, coef: t.coef })), offset: i.offset };
    default: return assertNever(i);
  }
}

export function toJson(e: Expr): Json {
  switch (e.kind) {
    case 'num': return { kind: 'num', value: e.value };
    case 'var': return {
      kind: 'var', name: e.name, indices: e.indices.map(indexJson), ...(e.commaIndices ? { commaIndices: true } : {}),
      ...(e.superscript === null ? {} : { superscript: e.superscript }),
      // What tells apart quantities written with the same name (core/names.ts); absent for a plain input.
      ...(e.version === 0 ? {} : { version: e.version }), ...(e.family === null ? {} : { family: e.family }),
      ...(e.marks.length === 0 ? {} : { marks: [...e.marks] }),
      ...(e.label === null ? {} : { label: { word: e.label.word, font: e.label.font } }),
      // An entry of X^{-1} or \det X (issue 11): the inverse or the determinant of the matrix of this name.
      ...(e.of === null ? {} : { of: e.of }),
    };
    case 'add': return { kind: 'add', terms: e.terms.map(toJson) };
    case 'neg': return { kind: 'neg', arg: toJson(e.arg) };
    case 'mul': return { kind: 'mul', factors: e.factors.map(toJson) };
    case 'div': return { kind: 'div', num: toJson(e.num), den: toJson(e.den) };
    case 'pow': return { kind: 'pow', base: toJson(e.base), exp: toJson(e.exp) };
    case 'call': return { kind: 'call', fn: e.fn, args: e.args.map(toJson), ...(e.spelling === null ? {} : { spelling: e.spelling }) };
    case 'reduce': return {
      kind: e.op, index: e.index, body: toJson(e.body),
      ...(e.lower === null ? {} : { lower: indexJson(e.lower) }), ...(e.upper === null ? {} : { upper: indexJson(e.upper) }),
    };
    case 'delta': return { kind: 'delta', a: indexJson(e.a), b: indexJson(e.b) };
    case 'diff': return { kind: 'diff', body: toJson(e.body), wrt: toJson(e.wrt), form: e.form, notation: e.notation };
    case 'rel': return { kind: 'rel', ops: [...e.ops], args: e.args.map(toJson) };
    case 'iverson': return { kind: 'iverson', cond: toJson(e.cond) };
    case 'extent': return { kind: 'extent', index: e.index };
    case 'index': return { kind: 'index', index: indexJson(e.index) };
    default: return assertNever(e);
  }
}
