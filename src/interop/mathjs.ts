// Kronecker expressions to and from mathjs node trees, and a mathjs plugin that
// adds index-aware differentiation (`math.import(kroneckerPlugin)`). A separate
// entry of the package, `kronecker/mathjs`: the core never loads mathjs, which is
// an optional peer dependency. docs/api.md ("mathjs") documents the forms:
//
//   w_{jk}            w[j, k]                       an AccessorNode (indices 1-based, as both write them)
//   \sum_j body       sum(map(1:N_j, f_j(j) = body)) bounds 1..N_j unless given; N_j is j's extent
//   \prod, \max, \min prod(…), max(…), min(…) over the same map
//   δ_{jk}, [a < b]   (j == k ? 1 : 0), (a < b ? 1 : 0)
//   σ, softplus, …    sigmoid(x), …: the functions mathjs lacks come with the plugin
//
// Refused (an InputError saying so): unevaluated derivatives, calls of user-defined
// functions, names mathjs cannot spell (accents, word subscripts, primes), and the inverse and
// determinant of matrix notation (`(X^{-1})_{ab}`, `\det X`).

import * as mathjs from 'mathjs';
import {
  AccessorNode, ConditionalNode, ConstantNode, FunctionAssignmentNode, FunctionNode, IndexNode, type MathNode,
  OperatorNode, RangeNode, RelationalNode, SymbolNode,
} from 'mathjs';
import {
  add, APPLY, assertNever, call, delta, div, type Expr, extent, type Index, indexTerms, indexValue, inum, iverson, ivar, linearIndex,
  mul, neg, num, pow, reduce, rel, type RelOp, type Var, variable,
} from '../core/ast.js';
import { InputError } from '../core/errors.js';
import { within } from '../core/source.js';
import { expectExpr } from '../core/guard.js';
import { userName } from '../core/names.js';
import type { ReduceOp } from '../core/reductions.js';
import { FUNCTIONS, functionByName, type FunctionSpec } from '../functions.js';
import { derive } from '../derive/index.js';
import { simplify } from '../simplify/index.js';

/** Operator node constructor, typed loosely: mathjs types tie `op` and `fn` with generics a table cannot name. */
const Operator = OperatorNode as unknown as new (op: string, fn: string, args: MathNode[]) => MathNode;
const Relational = RelationalNode as unknown as new (conditionals: string[], params: MathNode[]) => MathNode;

const RELATIONS: Readonly<Record<RelOp, string>> = {
  '=': 'equal', '!=': 'unequal', '<': 'smaller', '<=': 'smallerEq', '>': 'larger', '>=': 'largerEq',
};
const MATHJS_RELOP: Readonly<Record<string, RelOp>> = { '==': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const REDUCERS: readonly ReduceOp[] = ['sum', 'prod', 'max', 'min'];

const isMathjsFunction = (name: string) => typeof (mathjs as unknown as Record<string, unknown>)[name] === 'function';

/** The mathjs spelling of a function: one of its names mathjs knows (`asin` for arcsin), else its own name (the plugin adds it). */
function mathjsName(spec: FunctionSpec): string {
  return spec.names.find(isMathjsFunction) ?? spec.name;
}

/** A name or index letter as a mathjs identifier: a prime is an underscore (`j'` is `j_`), which Kronecker names never hold. */
function identifier(name: string, at: Expr | null = null): string {
  const id = name.replace(/'/g, '_');
  if (!/^[A-Za-z][A-Za-z0-9]*_*$/.test(id)) throw new InputError(`toMathjs: mathjs cannot name '${name}' (accents and word subscripts have no mathjs spelling)`, at);
  return id;
}
const symbolName = (v: Var) => identifier(userName(v), v);
/** The Kronecker name of a mathjs identifier. */
const kroneckerName = (id: string) => id.replace(/_/g, "'");

function indexNode(i: Index): MathNode {
  const terms = indexTerms(i);
  const offset = i.kind === 'inum' ? i.value : i.offset;
  let node: MathNode | null = null;
  for (const t of terms) {
    const sym: MathNode = new SymbolNode(identifier(t.name));
    const term = t.coef === 1 || t.coef === -1 ? sym : new Operator('*', 'multiply', [new ConstantNode(Math.abs(t.coef)), sym]);
    node = node === null ? (t.coef < 0 ? new Operator('-', 'unaryMinus', [term]) : term) : new Operator(t.coef < 0 ? '-' : '+', t.coef < 0 ? 'subtract' : 'add', [node, term]);
  }
  if (node === null) return new ConstantNode(offset);
  if (offset === 0) return node;
  return new Operator(offset < 0 ? '-' : '+', offset < 0 ? 'subtract' : 'add', [node, new ConstantNode(Math.abs(offset))]);
}

const binary = (op: string, fn: string, args: readonly MathNode[]): MathNode => args.reduce((a, b) => new Operator(op, fn, [a, b]));
const indicator = (cond: MathNode): MathNode => new ConditionalNode(cond, new ConstantNode(1), new ConstantNode(0));

/** The mathjs node tree of an expression (forms above); an InputError for what mathjs cannot express. */
export function toMathjs(expr: Expr): MathNode {
  expectExpr(expr, 'toMathjs');
  const go = (e: Expr): MathNode => {
    switch (e.kind) {
      case 'num': return new ConstantNode(e.value);
      case 'var':
        if (e.of !== null) {
          throw new InputError(`toMathjs: ${e.of === 'inverse' ? `an entry of the inverse of ${userName(e)}` : `the determinant of ${userName(e)}`} has no mathjs node: `
            + 'compute it from the matrix (math.inv, math.det) and pass it as an input');
        }
        return e.indices.length === 0 ? new SymbolNode(symbolName(e)) : new AccessorNode(new SymbolNode(symbolName(e)), new IndexNode(e.indices.map(indexNode)));
      case 'add': {
        // a - b for a + (-b); a sum or product inside another is parenthesised, so that it reads back as written.
        const [first, ...rest] = e.terms.map((t) => (t.kind === 'add' ? new mathjs.ParenthesisNode(go(t)) : go(t)));
        return rest.reduce((acc, t, i) => {
          const term = e.terms[i + 1]!;
          return term.kind === 'neg' ? new Operator('-', 'subtract', [acc, go(term.arg)]) : new Operator('+', 'add', [acc, t]);
        }, first!);
      }
      case 'neg': return new Operator('-', 'unaryMinus', [go(e.arg)]);
      case 'mul': return binary('*', 'multiply', e.factors.map((f) => (f.kind === 'mul' ? new mathjs.ParenthesisNode(go(f)) : go(f))));
      case 'div': return new Operator('/', 'divide', [go(e.num), go(e.den)]);
      case 'pow': return new Operator('^', 'pow', [go(e.base), go(e.exp)]);
      case 'call': {
        if (e.fn === APPLY) throw new InputError('toMathjs: a call of a user-defined function has no mathjs form: unfold it first (unfoldAll)', e);
        const spec = functionByName(e.fn);
        if (spec === undefined) throw new InputError(`toMathjs: unknown function '${e.fn}'`, e);
        return new FunctionNode(new SymbolNode(mathjsName(spec)), e.args.map(go));
      }
      case 'reduce': {
        const index = identifier(e.index);
        const range = new RangeNode(e.lower === null ? new ConstantNode(1) : indexNode(e.lower), e.upper === null ? new SymbolNode(`N_${index}`) : indexNode(e.upper));
        const body = new FunctionAssignmentNode(`f_${index}`, [index], go(e.body));
        return new FunctionNode(new SymbolNode(e.op), [new FunctionNode(new SymbolNode('map'), [range, body])]);
      }
      case 'delta': return indicator(new Operator('==', 'equal', [indexNode(e.a), indexNode(e.b)]));
      case 'rel': {
        const args = e.args.map(go);
        if (e.ops.length === 1) return new Operator(e.ops[0] === '=' ? '==' : e.ops[0]!, RELATIONS[e.ops[0]!], args);
        return new Relational(e.ops.map((o) => RELATIONS[o]), args);
      }
      case 'iverson': return indicator(go(e.cond));
      case 'extent': return new SymbolNode(`N_${identifier(e.index)}`);
      case 'index': return indexNode(e.index);
      case 'diff': throw new InputError('toMathjs: an unevaluated derivative has no mathjs form: derive it first', e);
      default: return assertNever(e);
    }
  };
  return within([expr], () => go(expr));
}

/** What a mathjs node is, for messages. */
const what = (n: MathNode) => `${n.type} '${n.toString()}'`;

/** A node as an index (`j`, `2`, `j+1`, `2*i - k`), or null. */
function readIndex(n: MathNode): Index | null {
  if (n.type === 'ParenthesisNode') return readIndex((n as mathjs.ParenthesisNode).content);
  if (n.type === 'SymbolNode') return ivar(kroneckerName((n as mathjs.SymbolNode).name));
  if (n.type === 'ConstantNode') {
    const v = (n as mathjs.ConstantNode).value;
    return typeof v === 'number' && Number.isInteger(v) ? inum(v) : null;
  }
  if (n.type !== 'OperatorNode') return null;
  const o = n as mathjs.OperatorNode;
  const args = o.args.map(readIndex);
  if (args.some((a) => a === null)) return null;
  const [a, b] = args as Index[];
  const lin = (i: Index, scale: number) => ({ terms: indexTerms(i).map((t) => ({ name: t.name, coef: t.coef * scale })), offset: (i.kind === 'inum' ? i.value : i.offset) * scale });
  const combine = (x: ReturnType<typeof lin>, y: ReturnType<typeof lin>) => linearIndex([...x.terms, ...y.terms], x.offset + y.offset);
  if (o.fn === 'unaryMinus' && a !== undefined && b === undefined) return combine(lin(a, -1), { terms: [], offset: 0 });
  if (o.fn === 'add' && b !== undefined) return combine(lin(a!, 1), lin(b, 1));
  if (o.fn === 'subtract' && b !== undefined) return combine(lin(a!, 1), lin(b, -1));
  if (o.fn === 'multiply' && b !== undefined) {
    if (a!.kind === 'inum') return combine(lin(b, a!.value), { terms: [], offset: 0 });
    if (b.kind === 'inum') return combine(lin(a!, b.value), { terms: [], offset: 0 });
  }
  return null;
}

function expectIndex(n: MathNode): Index {
  const i = readIndex(n);
  if (i === null) throw new InputError(`fromMathjs: ${what(n)} is not an index (a letter, an integer, or a sum of them)`);
  return i;
}

/** A node as written in `sum(map(lower:upper, f(j) = body))`, or null. */
function reduction(n: mathjs.FunctionNode): { op: ReduceOp; range: mathjs.RangeNode; body: mathjs.FunctionAssignmentNode } | null {
  const op = REDUCERS.find((r) => r === n.fn.name);
  const inner = n.args[0];
  if (op === undefined || n.args.length !== 1 || inner?.type !== 'FunctionNode') return null;
  const map = inner as mathjs.FunctionNode;
  const [range, body] = map.args;
  if (map.fn.name !== 'map' || range?.type !== 'RangeNode' || body?.type !== 'FunctionAssignmentNode') return null;
  const f = body as mathjs.FunctionAssignmentNode;
  return f.params.length === 1 ? { op, range: range as mathjs.RangeNode, body: f } : null;
}

/**
 * A mathjs node tree as a Kronecker expression: the forms `toMathjs` writes, and mathjs'
 * own arithmetic, functions and comparisons. A letter used as an index somewhere in the tree
 * (`k` of `x[k]`, `j` bound by a sum) is an index value elsewhere (`k - 1`), and so is an index
 * expression compared with one (`n - 1` in `k <= n - 1`).
 */
export function fromMathjs(node: MathNode): Expr {
  if (typeof node !== 'object' || node === null || typeof (node as { type?: unknown }).type !== 'string') {
    throw new TypeError('fromMathjs expects a mathjs node (math.parse(text))');
  }
  const letters = new Set<string>();
  const collect = (x: MathNode) => x.traverse((s) => { if (s.type === 'SymbolNode') letters.add(kroneckerName((s as mathjs.SymbolNode).name)); });
  node.traverse((x) => {
    if (x.type === 'AccessorNode') (x as mathjs.AccessorNode).index.dimensions.forEach(collect);
    if (x.type === 'FunctionAssignmentNode') for (const p of (x as mathjs.FunctionAssignmentNode).params) letters.add(kroneckerName(p));
  });
  /** An index expression of known letters (at least one), or null. */
  const indexOf = (x: MathNode, known: (name: string) => boolean): Index | null => {
    const i = readIndex(x);
    return i === null || indexTerms(i).length === 0 || !indexTerms(i).every((t) => known(t.name)) ? null : i;
  };
  /** Compared operands: index values when one of them is an index of known letters. */
  const compared = (params: readonly MathNode[], bound: ReadonlySet<string>): Expr[] => {
    const indexed = params.some((p) => indexOf(p, (name) => letters.has(name) || bound.has(name)) !== null);
    return params.map((p) => {
      const i = indexed ? indexOf(p, () => true) : null;
      return i === null ? go(p, bound) : indexValue(i);
    });
  };
  const go = (n: MathNode, bound: ReadonlySet<string>): Expr => {
    const asIndex = n.type === 'OperatorNode' || n.type === 'SymbolNode' ? indexOf(n, (name) => letters.has(name) || bound.has(name)) : null;
    if (asIndex !== null) return indexValue(asIndex);
    switch (n.type) {
      case 'ConstantNode': {
        const v = (n as mathjs.ConstantNode).value;
        if (typeof v !== 'number') throw new InputError(`fromMathjs: ${what(n)} is not a number`);
        return num(v);
      }
      case 'SymbolNode': {
        const name = kroneckerName((n as mathjs.SymbolNode).name);
        if (bound.has(name)) return indexValue(ivar(name));
        const size = /^N'([A-Za-z][A-Za-z0-9]*'*)$/.exec(name);
        return size === null ? variable(name) : extent(size[1]!);
      }
      case 'AccessorNode': {
        const a = n as mathjs.AccessorNode;
        if (a.object.type !== 'SymbolNode') throw new InputError(`fromMathjs: ${what(n)}: only a named array can be indexed`);
        return variable(kroneckerName((a.object as mathjs.SymbolNode).name), a.index.dimensions.map(expectIndex));
      }
      case 'ParenthesisNode': return go((n as mathjs.ParenthesisNode).content, bound);
      case 'OperatorNode': {
        const o = n as mathjs.OperatorNode;
        const args = o.args.map((x) => go(x, bound));
        // A chain of + and - (unparenthesised) is one sum, of * one product, as the parsers read them.
        const terms = (x: MathNode, e: Expr) => (x.type === 'OperatorNode' && ['add', 'subtract'].includes((x as mathjs.OperatorNode).fn) && e.kind === 'add' ? e.terms : [e]);
        const factors = (x: MathNode, e: Expr) => (x.type === 'OperatorNode' && (x as mathjs.OperatorNode).fn === 'multiply' && e.kind === 'mul' ? e.factors : [e]);
        switch (o.fn) {
          case 'add': return add([...terms(o.args[0]!, args[0]!), ...terms(o.args[1]!, args[1]!)]);
          case 'subtract': return add([...terms(o.args[0]!, args[0]!), neg(args[1]!)]);
          case 'unaryMinus': return neg(args[0]!);
          case 'unaryPlus': return args[0]!;
          case 'multiply': return mul([...factors(o.args[0]!, args[0]!), ...factors(o.args[1]!, args[1]!)]);
          case 'divide': return div(args[0]!, args[1]!);
          case 'pow': return pow(args[0]!, args[1]!);
          default: {
            const op = MATHJS_RELOP[o.op];
            if (op === undefined) throw new InputError(`fromMathjs: the operator '${o.op}' has no Kronecker form`);
            return rel([op], compared(o.args, bound));
          }
        }
      }
      case 'RelationalNode': {
        const r = n as mathjs.RelationalNode;
        const ops = r.conditionals.map((c) => (Object.keys(RELATIONS) as RelOp[]).find((k) => RELATIONS[k] === c)!);
        return rel(ops, compared(r.params, bound));
      }
      case 'ConditionalNode': {
        const c = n as mathjs.ConditionalNode;
        const isConst = (x: MathNode, v: number) => x.type === 'ConstantNode' && (x as mathjs.ConstantNode).value === v;
        if (!isConst(c.trueExpr, 1) || !isConst(c.falseExpr, 0)) throw new InputError(`fromMathjs: ${what(n)}: only (condition ? 1 : 0) has a Kronecker form`);
        const cond = c.condition;
        if (cond.type === 'OperatorNode' && (cond as mathjs.OperatorNode).fn === 'equal') {
          const [a, b] = (cond as mathjs.OperatorNode).args.map(readIndex);
          if (a !== null && a !== undefined && b !== null && b !== undefined) return delta(a, b);
        }
        const read = go(cond, bound);
        if (read.kind !== 'rel') throw new InputError(`fromMathjs: ${what(cond)} is not a comparison`);
        return iverson(read);
      }
      case 'FunctionNode': {
        const f = n as mathjs.FunctionNode;
        const r = reduction(f);
        if (r !== null) {
          const id = r.body.params[0]!;
          const index = kroneckerName(id);
          const lower = expectIndex(r.range.start);
          const end = r.range.end;
          const upper = end.type === 'SymbolNode' && (end as mathjs.SymbolNode).name === `N_${id}` ? null : expectIndex(end);
          const body = go(r.body.expr, new Set([...bound, index]));
          return reduce(r.op, index, body, lower.kind === 'inum' && lower.value === 1 && upper === null ? null : lower, upper);
        }
        const spec = functionByName(f.fn.name);
        if (spec === undefined) throw new InputError(`fromMathjs: unknown function '${f.fn.name}'`);
        return call(spec.name, f.args.map((x) => go(x, bound)));
      }
      default: throw new InputError(`fromMathjs: ${what(n)} has no Kronecker form`);
    }
  };
  return go(node, new Set());
}

/** The functions of Kronecker's table that mathjs lacks (`sigmoid`, `softplus`, `relu`, …), by the name `toMathjs` writes. */
export const mathjsFunctions: Readonly<Record<string, (...args: number[]) => number>> = Object.fromEntries(
  FUNCTIONS.filter((f) => !f.names.some(isMathjsFunction)).map((f) => [f.name, f.eval]),
);

/**
 * The plugin: `math.import(kroneckerPlugin)` adds the functions above and
 * `derivativeIndexed(expr, wrt)`: ∂expr/∂wrt with index semantics (`sum(map(…))`
 * of `w[j, k]` by `w[j, k]` collapses its δ), simplified, as a mathjs node.
 * `expr` and `wrt` are mathjs nodes or mathjs text.
 */
export const kroneckerPlugin = {
  ...mathjsFunctions,
  derivativeIndexed(expr: MathNode | string, wrt: MathNode | string): MathNode {
    const read = (x: MathNode | string) => fromMathjs(typeof x === 'string' ? mathjs.parse(x) : x);
    const by = read(wrt);
    if (by.kind !== 'var') throw new InputError(`derivativeIndexed: differentiate by a variable (x, w[j, k]), got '${typeof wrt === 'string' ? wrt : wrt.toString()}'`);
    return toMathjs(derive(read(expr), by).result);
  },
  /** Kronecker's simplifier on a mathjs node (δ-collapse, Σ rules): `simplifyIndexed('sum(map(1:N_j, f_j(j) = (j == k ? 1 : 0) * o[j]))')` is `o[k]`. */
  simplifyIndexed(expr: MathNode | string): MathNode {
    return toMathjs(simplify(fromMathjs(typeof expr === 'string' ? mathjs.parse(expr) : expr)).result);
  },
};

/** A mathjs instance with the plugin imported, as TypeScript sees it. */
export type WithKronecker<M> = M & typeof kroneckerPlugin;

/** `math.import(kroneckerPlugin)`, typed: `const m = importKronecker(create(all)); m.derivativeIndexed(…)`. */
export function importKronecker<M extends { import(object: object, options?: object): void }>(math: M): WithKronecker<M> {
  math.import(kroneckerPlugin);
  return math as WithKronecker<M>;
}
