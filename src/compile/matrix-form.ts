// The matrix form of a result of rank ≤ 2 (`kronecker derive --form matrix`), as the Matrix
// Cookbook writes it: `\mathbf{o}\,\boldsymbol{\delta}^\top`, `(A + A^\top)\mathbf{x}`, `B^\top`.
//
// It reads the tensor program of ./tensor.ts, where every product is already an einsum and
// everything else an elementwise map or a sum along an axis, and writes each step as the
// matrix operation it is: an einsum of a matrix and a vector over their shared index is a
// matrix-vector product (transposed as the index sits), of two vectors over different indices
// an outer product, over the same index an inner product or a Hadamard product (⊙), of two
// matrices a matrix product; a sum along an axis is a product with \mathbf{1}; functions act
// elementwise. Vectors are columns. A vector or matrix used more than once gets a name
// (`\mathbf{a} = \sigma(W^\top \mathbf{o})`), and so does a compound vector transposed in an
// outer product (δ, as backpropagation calls it), each written once under the result.
//
// Each piece carries the same operation as NumPy (`py`), over the inputs `x0, x1, …`: the
// tests evaluate it and compare with the derivative's values, so a form that is printed is
// one that was computed. Where a step has no matrix operation (rank 3, a vector broadcast
// across a matrix, a guard, a gather) there is no matrix form: null, and the caller says so.

import { add, type Expr, isReduction, mapChildren, mul, neg, reduce, type Var, variable } from '../core/ast.js';
import { freeIndices } from '../core/indices.js';
import { functionSpec } from '../functions.js';
import { toLatex } from '../print/index.js';
import { jointSignature } from '../values.js';
import { lowerToTensors, type TensorOp, type TensorVal } from './tensor.js';

type Shape =
  | { readonly kind: 'scalar' }
  | { readonly kind: 'vector'; readonly axis: number }
  | { readonly kind: 'matrix'; readonly rows: number; readonly cols: number };

/** A matrix expression: LaTeX, how tightly it binds (3 atom, 2 product, 1 sum), shape, and the same in NumPy. */
interface M {
  readonly latex: string;
  readonly prec: number;
  readonly shape: Shape;
  readonly py: string;
  /** A matrix times a vector, kept apart so that A\mathbf{x} + B\mathbf{x} can be written (A + B)\mathbf{x}. */
  readonly product?: readonly [M, M];
  /** A product of matrices, or a number times a matrix, kept apart so that its transpose is (AB)^\top = B^\top A^\top, (2X)^\top = 2X^\top. */
  readonly factors?: readonly M[];
  /** The vector v of v^{\circ 2}, and of \mathbf{1}^\top v^{\circ 2}: its square root is written \|v\|. */
  readonly squares?: M;
}

export interface MatrixForm {
  /** The result in matrix notation. */
  readonly latex: string;
  /** The named subexpressions, `\mathbf{a} = …`, in order of definition. */
  readonly where: readonly string[];
  /**
   * The same as NumPy statements over `x0, x1, …` (the values given for the inputs in signature order;
   * for an inverse or determinant input, the matrix given under its key) that leave the
   * result in `result`: what the tests evaluate. `sigmoid` and the other non-NumPy functions of the
   * function table are assumed defined.
   */
  readonly numpy: string;
}

const SCALAR: Shape = { kind: 'scalar' };
const vec = (axis: number): Shape => ({ kind: 'vector', axis });
const mat = (rows: number, cols: number): Shape => ({ kind: 'matrix', rows, cols });
const axesOf = (s: Shape): number[] => (s.kind === 'scalar' ? [] : s.kind === 'vector' ? [s.axis] : [s.rows, s.cols]);

const group = (m: M, prec: number) => (m.prec >= prec ? m.latex : `\\left(${m.latex}\\right)`);
/** A negative number leads a product unparenthesised: -2 \mathbf{o} …. */
const lead = (m: M) => (/^-\d/.test(m.latex) ? m.latex : group(m, 2));
const negative = (latex: string) => /^-/.test(latex);

function T(m: M): M {
  if (m.shape.kind !== 'matrix') throw new Error('matrix-form: transpose of a non-matrix');
  // (AB)^T = B^T A^T and (cA)^T = c A^T, as the Cookbook writes them.
  if (m.factors !== undefined) {
    const scalars = m.factors.filter((f) => f.shape.kind === 'scalar');
    const matrices = m.factors.filter((f) => f.shape.kind === 'matrix').map(T).reverse();
    return [...scalars, ...matrices].reduce((acc, f) => juxtapose(acc, f, productShape(acc.shape, f.shape)));
  }
  // (A^T)^T = A, written as such; the inverse's transpose is X^{-\top} (issue 11), and its transpose X^{-1}.
  const latex = m.prec === 3 && m.latex.endsWith('^\\top') ? m.latex.slice(0, -5)
    : m.prec === 3 && m.latex.endsWith('^{-1}') ? `${m.latex.slice(0, -5)}^{-\\top}`
      : m.prec === 3 && m.latex.endsWith('^{-\\top}') ? `${m.latex.slice(0, -9)}^{-1}` : `${group(m, 3)}^\\top`;
  return { latex, prec: 3, shape: mat(m.shape.cols, m.shape.rows), py: `(${m.py}).T` };
}
/**
 * `m` with its axes renamed `from[k]` → `to[k]`: a temporary read again under other index names
 * (the summed index of each term is its own axis) is the same vector or matrix.
 */
function relabel(m: M, from: readonly number[], to: readonly number[]): M {
  const axis = (a: number) => {
    const k = from.indexOf(a);
    return k < 0 ? a : to[k]!;
  };
  const shape = m.shape.kind === 'scalar' ? m.shape : m.shape.kind === 'vector' ? vec(axis(m.shape.axis)) : mat(axis(m.shape.rows), axis(m.shape.cols));
  return {
    ...m, shape,
    ...(m.product === undefined ? {} : { product: [relabel(m.product[0], from, to), relabel(m.product[1], from, to)] as const }),
    ...(m.factors === undefined ? {} : { factors: m.factors.map((f) => relabel(f, from, to)) }),
    ...(m.squares === undefined ? {} : { squares: relabel(m.squares, from, to) }),
  };
}

/** The shape of a product of two factors that are numbers or matrices. */
function productShape(a: Shape, b: Shape): Shape {
  if (a.kind === 'matrix' && b.kind === 'matrix') return mat(a.rows, b.cols);
  return a.kind === 'scalar' ? b : a;
}
/** `m` as a matrix with `rows` as its rows (transposed if need be). */
const oriented = (m: M, rows: number): M => (m.shape.kind === 'matrix' && m.shape.rows !== rows ? T(m) : m);

/** The LaTeX of a number before \mathbf{1}: grouped unless it is an atom. */
const scalingOf = (latex: string) => (/^[\w\\{}]+$/.test(latex) ? latex : `\\left(${latex}\\right)`);

/** A number that is itself a product (\mathbf{1}^\top \mathbf{x}) is grouped before a vector or matrix it scales. */
const scaling = (k: M, m: M) => (k.shape.kind === 'scalar' && m.shape.kind !== 'scalar' && k.prec < 3 && !/^-?\d+(\.\d+)?$/.test(k.latex) ? `\\left(${k.latex}\\right)` : lead(k));

/** `a b` (a matrix product, or a number times anything). */
function juxtapose(a: M, b: M, shape: Shape): M {
  const scalar = a.shape.kind === 'scalar' || b.shape.kind === 'scalar';
  return {
    latex: `${scaling(a, b)} ${group(b, 2)}`, prec: negative(a.latex) ? 1 : 2, shape,
    py: `(${a.py}) ${scalar ? '*' : '@'} (${b.py})`,
    ...(a.shape.kind === 'matrix' && b.shape.kind === 'vector' ? { product: [a, b] as const } : {}),
    ...(shape.kind === 'matrix' && (a.shape.kind !== 'vector' && b.shape.kind !== 'vector') ? { factors: [...(a.factors ?? [a]), ...(b.factors ?? [b])] } : {}),
  };
}

/** u ⊙ v binds less tightly than a matrix product: \mathbf{1}^\top (\mathbf{x} \odot \mathbf{y}) keeps its parentheses. */
const HADAMARD = 1.5;

function hadamard(ms: readonly M[], shape: Shape): M {
  return { latex: ms.map((m) => group(m, 3)).join(' \\odot '), prec: HADAMARD, shape, py: ms.map((m) => `(${m.py})`).join(' * ') };
}

/** `m` laid out over `out`: a matrix transposed if its axes run the other way; null if they are not `out`. */
function orient(m: M, out: readonly number[]): M | null {
  const axes = axesOf(m.shape);
  if (axes.length !== out.length || !axes.every((a) => out.includes(a))) return null;
  return m.shape.kind === 'matrix' ? oriented(m, out[0]!) : m;
}

/**
 * A two-operand einsum in matrix notation, or null. `named` gives a compound vector a name of its
 * own where it is transposed in an outer product (\mathbf{o}\,\boldsymbol{\delta}^\top).
 */
function contract(a: M, b: M, out: readonly number[], named: (m: M) => M): M | null {
  const [sa, sb] = [a.shape, b.shape];
  if (sa.kind === 'scalar' || sb.kind === 'scalar') {
    const [k, m] = sa.kind === 'scalar' ? [a, b] : [b, a];
    return orient(juxtapose(k, m, m.shape), out);
  }
  if (sa.kind === 'vector' && sb.kind === 'vector') {
    if (sa.axis === sb.axis) {
      if (out.length === 0) return { latex: `${group(a, 3)}^\\top ${group(b, 2)}`, prec: 2, shape: SCALAR, py: `(${a.py}) @ (${b.py})` };
      if (out.length === 1 && out[0] === sa.axis) return hadamard([a, b], vec(sa.axis));
      return null;
    }
    // An outer product, rows first: a b^T.
    const outer = (u: M, v: M): M => {
      const w = named(v);
      return { latex: `${group(u, 2)}\\,${group(w, 3)}^\\top`, prec: 2, shape: mat(axesOf(u.shape)[0]!, axesOf(w.shape)[0]!), py: `np.outer(${u.py}, ${w.py})` };
    };
    if (out.length === 2 && out[0] === sa.axis && out[1] === sb.axis) return outer(a, b);
    if (out.length === 2 && out[0] === sb.axis && out[1] === sa.axis) return outer(b, a);
    return null;
  }
  if (sa.kind === 'vector' || sb.kind === 'vector') {
    const [m, v] = sa.kind === 'matrix' ? [a, b] : [b, a];
    const ms = m.shape as Shape & { kind: 'matrix' };
    const axis = (v.shape as Shape & { kind: 'vector' }).axis;
    if (axis !== ms.rows && axis !== ms.cols) return null;
    const other = axis === ms.cols ? ms.rows : ms.cols;
    // Summed over the shared index: M v (or M^T v).
    if (out.length === 1 && out[0] === other) return juxtapose(oriented(m, other), v, vec(other));
    // Kept: rows or columns scaled, diag(v) M or M diag(v).
    if (out.length === 2 && out.includes(axis) && out.includes(other)) {
      const rows = out[0]!;
      const mo = oriented(m, rows);
      const d = `\\operatorname{diag}\\left(${v.latex}\\right)`;
      return rows === axis
        ? { latex: `${d} ${group(mo, 2)}`, prec: 2, shape: mat(rows, out[1]!), py: `(${v.py})[:, None] * (${mo.py})` }
        : { latex: `${group(mo, 2)} ${d}`, prec: 2, shape: mat(rows, out[1]!), py: `(${mo.py}) * (${v.py})[None, :]` };
    }
    return null;
  }
  const ma = sa as Shape & { kind: 'matrix' };
  const mb = sb as Shape & { kind: 'matrix' };
  const shared = axesOf(ma).filter((x) => axesOf(mb).includes(x));
  if (shared.length === 2) {
    if (out.length === 2 && shared.includes(out[0]!) && shared.includes(out[1]!)) return hadamard([oriented(a, out[0]!), oriented(b, out[0]!)], mat(out[0]!, out[1]!));
    if (out.length === 0) {
      const [x, y] = [oriented(a, ma.rows), oriented(b, ma.rows)];
      return { latex: `\\operatorname{tr}\\left(${group(T(x), 2)} ${group(y, 2)}\\right)`, prec: 3, shape: SCALAR, py: `np.sum((${x.py}) * (${y.py}))` };
    }
    return null;
  }
  if (shared.length !== 1) return null;
  const s = shared[0]!;
  const left = axesOf(ma).find((x) => x !== s)!;
  const right = axesOf(mb).find((x) => x !== s)!;
  if (out.length !== 2 || left === right) return null;
  if (out[0] === left && out[1] === right) return juxtapose(oriented(a, left), oriented(b, s), mat(left, right));
  if (out[0] === right && out[1] === left) return juxtapose(oriented(b, right), oriented(a, s), mat(right, left));
  return null;
}

/** The shape the operands of an elementwise map share (scalars aside), or null when one would broadcast. */
function common(args: readonly M[]): Shape | null {
  const tensors = args.filter((m) => m.shape.kind !== 'scalar');
  if (tensors.length === 0) return SCALAR;
  const first = tensors[0]!.shape;
  const axes = axesOf(first);
  for (const m of tensors) {
    const other = axesOf(m.shape);
    if (other.length !== axes.length || !other.every((x) => axes.includes(x))) return null;
  }
  return first;
}

function map(fn: string, args: readonly M[]): M | null {
  const shape = common(args);
  if (shape === null) return null;
  const ms = shape.kind === 'matrix' ? args.map((m) => (m.shape.kind === 'matrix' ? oriented(m, shape.rows) : m)) : args;
  const tensor = shape.kind !== 'scalar';
  // A number added to a vector or matrix is that many times \mathbf{1} (the ones of that shape).
  const ones = (m: M): M => (!tensor || m.shape.kind !== 'scalar' ? m
    : m.latex === '1' ? { latex: '\\mathbf{1}', prec: 3, shape, py: '1.0' }
    : negative(m.latex) && m.prec >= 1 ? { latex: `-${scalingOf(m.latex.slice(1))} \\mathbf{1}`, prec: 1, shape, py: m.py }
    : { latex: `${group(m, 3)} \\mathbf{1}`, prec: 2, shape, py: m.py });
  switch (fn) {
    case '+': {
      const terms = ms.map(ones);
      // (A + B)\mathbf{x}: every term a matrix times one and the same vector. The contracted index
      // may have another name in each term (Σ_j A_{kj} x_j + Σ_i A_{ik} x_i): one vector, one space.
      const right = terms[0]!.product?.[1].latex;
      if (right !== undefined && terms.length > 1 && terms.every((t) => t.product?.[1].latex === right)) {
        const lefts = terms.map((t) => t.product![0]);
        const first = lefts[0]!.shape as Shape & { kind: 'matrix' };
        const sum = lefts.every((l) => l.shape.kind === 'matrix' && l.shape.rows === first.rows) ? map('+', lefts.map((l) => ({ ...l, shape: first }))) : null;
        if (sum !== null) return juxtapose(sum, terms[0]!.product![1], shape);
      }
      const latex = terms.map((t, k) => (k === 0 ? t.latex : negative(t.latex) ? ` - ${t.latex.slice(1).trimStart()}` : ` + ${t.latex}`)).join('');
      return { latex, prec: 1, shape, py: terms.map((t) => `(${t.py})`).join(' + ') };
    }
    case 'neg': return { latex: `-${group(ms[0]!, 2)}`, prec: 1, shape, py: `-(${ms[0]!.py})` };
    case '*': {
      const scalars = ms.filter((m) => m.shape.kind === 'scalar');
      const tensors = ms.filter((m) => m.shape.kind !== 'scalar');
      const scaled = tensors.length > 0 ? tensors[0]! : null;
      const parts = [...scalars.map((m, k) => (scaled !== null ? scaling(m, scaled) : k === 0 ? lead(m) : group(m, 2))), tensors.length === 0 ? '' : tensors.length === 1 ? group(tensors[0]!, 2) : hadamard(tensors, shape).latex];
      return {
        latex: parts.filter((p) => p !== '').join(' '), prec: negative(parts[0]!) ? 1 : tensors.length > 1 ? HADAMARD : 2, shape, py: ms.map((m) => `(${m.py})`).join(' * '),
        ...(tensors.length === 1 && shape.kind === 'matrix' ? { factors: [...scalars, ...(tensors[0]!.factors ?? [tensors[0]!])] } : {}),
      };
    }
    case '/': {
      const [a, b] = ms as [M, M];
      const py = `(${a.py}) / (${b.py})`;
      if (b.shape.kind === 'scalar') return { latex: `\\frac{${a.latex}}{${b.latex}}`, prec: 3, shape, py };
      return { latex: `${group(ones(a), 3)} \\oslash ${group(b, 3)}`, prec: 2, shape, py };
    }
    case 'pow': {
      const [a, b] = ms as [M, M];
      if (b.shape.kind !== 'scalar') return null;
      // A fraction is grouped under a power: \frac{x}{c}^2 reads as x/c² as often as (x/c)².
      const base = a.latex.startsWith('\\frac') ? `\\left(${a.latex}\\right)` : group(a, 3);
      return {
        latex: `${base}^{${tensor ? '\\circ ' : ''}${b.latex}}`, prec: 3, shape, py: `np.power(${a.py}, ${b.py})`,
        ...(a.shape.kind === 'vector' && b.latex === '2' ? { squares: a } : {}),
      };
    }
    default: {
      if (ms.length !== 1) return null;
      let head: string;
      try {
        head = functionSpec(fn).latex;
      } catch {
        return null;
      }
      if (head === '|') return null;
      const arg = ms[0]!.latex;
      // The root of a sum of squares is the norm, \|\mathbf{x} - \mathbf{a}\|.
      if (head === '\\sqrt' && ms[0]!.shape.kind === 'scalar' && ms[0]!.squares !== undefined) {
        return { latex: `\\left\\|${ms[0]!.squares.latex}\\right\\|`, prec: 3, shape, py: `np.linalg.norm(${ms[0]!.squares.py})` };
      }
      // Roots take braces; the exponential is \exp, applied elementwise like every function here.
      const latex = head.startsWith('\\sqrt') ? `${head}{${arg}}` : `${head === 'e^' ? '\\exp' : head}\\left(${arg}\\right)`;
      return { latex, prec: 3, shape, py: `${fn}(${ms[0]!.py})` };
    }
  }
}

/** Σ along `axis` as a product with the ones vector. */
function sumAlong(m: M, axis: number): M | null {
  const s = m.shape;
  if (s.kind === 'vector' && s.axis === axis) {
    return { latex: `\\mathbf{1}^\\top ${group(m, 2)}`, prec: 2, shape: SCALAR, py: `np.sum(${m.py})`, ...(m.squares === undefined ? {} : { squares: m.squares }) };
  }
  if (s.kind === 'matrix' && (s.rows === axis || s.cols === axis)) {
    const other = s.rows === axis ? s.cols : s.rows;
    const o = oriented(m, other);
    return { latex: `${group(o, 2)} \\mathbf{1}`, prec: 2, shape: vec(other), py: `np.sum(${o.py}, axis=1)` };
  }
  return null;
}

/** How the matrix form writes a variable of `rank` indices: `x`, `\\mathbf{w}`, `W` (a one-letter matrix is capitalised). */
export function matrixSymbol(v: Var, rank: number): string {
  const n = toLatex(variable(v, []));
  if (rank === 0) return n;
  const bold = /^\\(mathbf|boldsymbol|bm)\{/.test(n) ? n : /^\\[a-zA-Z]+$/.test(n) ? `\\boldsymbol{${n}}` : `\\mathbf{${n}}`;
  if (rank === 1) return bold;
  return /^[a-zA-Z]$/.test(n) ? n.toUpperCase() : bold;
}

interface MatrixFormOptions {
  readonly free?: readonly string[];
  readonly symbols?: readonly string[];
}

/**
 * The matrix form of `expr` (unfolded, no ∂ left), or null where there is none. A sum whose
 * body is a product with a sum of rank 3 in it (Σ_i (A_{ik} u_{i'} + u_i B_{i'k}) W_{ii'}) has no
 * matrix operation as it stands; distributed into sums of products it may have one: A^\top W u + ….
 */
export function matrixForm(expr: Expr, options: MatrixFormOptions = {}): MatrixForm | null {
  const direct = formOf(expr, options);
  if (direct !== null) return direct;
  const split = sumsSplit(expr);
  return split === expr ? null : formOf(split, options);
}

/** Every Σ over a sum of terms, or over a product with a sum of rank > 2 among its factors, as a sum of Σs. */
function sumsSplit(e: Expr): Expr {
  const inner = mapChildren(e, sumsSplit);
  if (!isReduction(inner, 'sum')) return inner;
  const over = (body: Expr): Expr => reduce('sum', inner.index, body, inner.lower, inner.upper);
  const split = (body: Expr): Expr => {
    if (body.kind === 'add') return add(body.terms.map(split));
    if (body.kind === 'neg') return neg(split(body.arg));
    if (body.kind === 'mul') {
      // Only a sum of rank > 2 (A_{ik} u_{i'} + …) need be split: a sum of vectors or matrices is one.
      const k = body.factors.findIndex((f) => f.kind === 'neg' || (f.kind === 'add' && freeIndices(f).size > 2));
      if (k < 0) return over(body);
      const f = body.factors[k]!;
      const withFactor = (x: Expr) => mul(body.factors.flatMap((g, j) => (j !== k ? [g] : x.kind === 'mul' ? x.factors : [x])));
      return f.kind === 'add' ? add(f.terms.map((t) => split(withFactor(t)))) : neg(split(withFactor((f as Expr & { kind: 'neg' }).arg)));
    }
    return over(body);
  };
  return split(inner.body);
}

function formOf(expr: Expr, options: MatrixFormOptions): MatrixForm | null {
  const sig = jointSignature([expr], [options.free], options.symbols);
  if (sig.outputs[0]!.length > 2) return null;
  const program = lowerToTensors([expr], sig);
  // Inputs: a vector is bold, a matrix keeps a capital name (a one-letter lowercase name is
  // capitalised when that names no other input), a scalar is as written.
  const names = program.reads.map((v) => (v === undefined ? '' : toLatex(variable({ ...v, of: null }, []))));
  const atom = (k: number, shape: Shape): M => {
    const n = names[k]!;
    const py = `x${k}`;
    // A name the user already wrote bold stays as written.
    const bold = (x: string) => (/^\\(mathbf|boldsymbol|bm)\{/.test(x) ? x : /^\\[a-zA-Z]+$/.test(x) ? `\\boldsymbol{${x}}` : `\\mathbf{${x}}`);
    const upper = /^[a-z]$/.test(n) && !names.includes(n.toUpperCase()) ? n.toUpperCase() : n;
    const matrix = /^[A-Z]$/.test(upper) ? upper : bold(n);
    // The inverse and the determinant of an input matrix (issue 11): X^{-1}, \det(X).
    const of = sig.inputs[k]!.of;
    // Its NumPy twin computes it from the matrix, the value given under the input's key (as `run` takes it).
    if (of !== undefined) return { latex: of === 'inverse' ? `${matrix}^{-1}` : `\\det(${matrix})`, prec: 3, shape, py: `np.linalg.${of === 'inverse' ? 'inv' : 'det'}(${py})` };
    if (shape.kind === 'scalar') return { latex: n, prec: 3, shape, py };
    if (shape.kind === 'vector') return { latex: bold(n), prec: 3, shape, py };
    return { latex: matrix, prec: 3, shape, py };
  };
  const shapeOf = (axes: readonly number[]): Shape | null =>
    axes.length === 0 ? SCALAR : axes.length === 1 ? vec(axes[0]!) : axes.length === 2 ? mat(axes[0]!, axes[1]!) : null;

  const values = new Map<string, M>();
  const stmtAxes = new Map(program.stmts.map((st) => [st.name, st.axes]));
  const uses = new Map<string, number>();
  const count = (code: string) => {
    for (const m of code.matchAll(/\bt\d+\b/g)) uses.set(m[0], (uses.get(m[0]) ?? 0) + 1);
  };
  program.stmts.forEach((st) => count(st.code));
  program.outputs.forEach((o) => count(o.code));

  const value = (v: TensorVal): M | null => {
    const input = /^x(\d+)$/.exec(v.code);
    if (input !== null) {
      const shape = shapeOf(v.axes);
      return shape === null ? null : atom(Number(input[1]), shape);
    }
    if (/^\(?-?[\d.e+-]+\)?$/.test(v.code)) {
      const n = Number(v.code.replace(/[()]/g, ''));
      return { latex: String(n), prec: n < 0 ? 1 : 3, shape: SCALAR, py: `(${n})` };
    }
    const stored = values.get(v.code);
    if (stored === undefined) return null;
    const axes = stmtAxes.get(v.code)!;
    return axes.every((a, k) => a === v.axes[k]) ? stored : relabel(stored, axes, v.axes);
  };

  const where: { readonly latex: string; readonly body: M; readonly shared: boolean }[] = [];
  const numpy: string[] = [];
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const fresh = 'abcdefghpqrsuvz'.split('').filter((c) => !taken.has(c));
  let deltas = 0;
  // Already a name (an input, a named one, a transpose or negation of one): stays as it is.
  const plain = (m: M) => /^-?(\\mathbf\{\w+\}|\\boldsymbol\{\\?\w+\}|[A-Z])(\^\\top)?$/.test(m.latex);
  const give = (m: M, latex: string, shared = false): M => {
    const py = `n${where.length}`;
    where.push({ latex, body: m, shared });
    numpy.push(`${py} = ${m.py}`);
    return { latex, prec: 3, shape: m.shape, py };
  };
  const name = (m: M): M => {
    if (plain(m) || m.shape.kind !== 'vector' || taken.has('\\delta') || (m.prec > 1 && !m.latex.includes('\\odot'))) return m;
    deltas++;
    return give(m, deltas === 1 ? '\\boldsymbol{\\delta}' : `\\boldsymbol{\\delta}_{${deltas}}`);
  };
  /**
   * An einsum of several operands as a chain of two-operand ones: A_{ik} t_{i'} W_{ii'} is
   * A^\top (W t). Each pair keeps the axes the others or the output still need.
   */
  const chain = (args: readonly M[], out: readonly number[]): M | null => {
    if (args.length === 2) return contract(args[0]!, args[1]!, out, name);
    for (let p = 0; p < args.length; p++) {
      for (let q = p + 1; q < args.length; q++) {
        const rest = args.filter((_, k) => k !== p && k !== q);
        const needed = new Set([...out, ...rest.flatMap((m) => axesOf(m.shape))]);
        const kept = [...new Set([...axesOf(args[p]!.shape), ...axesOf(args[q]!.shape)])].filter((a) => needed.has(a));
        if (kept.length > 2) continue;
        const pair = contract(args[p]!, args[q]!, kept, name);
        const whole = pair === null ? null : chain([pair, ...rest], out);
        if (whole !== null) return whole;
      }
    }
    return null;
  };
  const step = (op: TensorOp): M | null => {
    switch (op.kind) {
      case 'einsum': {
        const args = op.args.map(value);
        if (args.some((a) => a === null)) return null;
        if (args.length === 1) {
          const a = args[0]!;
          return orient(a, op.out) ?? (op.out.length === 0 && a.shape.kind === 'vector' ? sumAlong(a, a.shape.axis) : null);
        }
        return chain(args as M[], op.out);
      }
      case 'map': {
        const args = op.args.map(value);
        return args.some((a) => a === null) ? null : map(op.fn, args as M[]);
      }
      case 'sum': {
        const a = value(op.arg);
        return a === null ? null : sumAlong(a, op.axis);
      }
      case 'identity': return null; // read with its axes below
      case 'other': return null;
    }
  };
  /** I, sized (in the NumPy twin) by an input that has the index. */
  const identity = (size: string, axes: readonly number[]): M | null => {
    const local = program.sizes[Number(size.slice(1))]!;
    const source = local.sources.find((x) => x.kind === 'slot');
    const n = source?.kind === 'slot' ? `x${source.input}.shape[${source.slot}]` : `N_${local.letter}`;
    return { latex: 'I', prec: 3, shape: mat(axes[0]!, axes[1]!), py: `np.eye(${n})` };
  };
  for (const st of program.stmts) {
    const m = st.op.kind === 'identity' ? identity(st.op.size, st.axes) : step(st.op);
    // Not matrix notation (an arange, a guard): fine unless a later statement reads it.
    if (m === null) continue;
    // A vector or matrix used twice or more gets a name.
    const named = (uses.get(st.name) ?? 0) > 1 && m.shape.kind !== 'scalar' && !plain(m);
    const letter = named ? fresh.shift() ?? `u_{${where.length + 1}}` : '';
    values.set(st.name, named ? give(m, m.shape.kind === 'vector' ? `\\mathbf{${letter}}` : `\\mathbf{${letter.toUpperCase()}}`, true) : m);
  }
  const outAxes = program.outputAxes[0]!;
  const result = value({ code: program.outputs[0]!.code, axes: outAxes });
  const final = result === null ? null : orient(result, outAxes);
  if (final === null) return null;
  numpy.push(`result = ${final.py}`);
  // A vector named for being used twice may be written once after all ((A + B)\mathbf{x} from
  // A\mathbf{x} + B\mathbf{x}): then it is written in place.
  let latex = final.latex;
  const lines = where.map((w) => ({ ...w, text: w.body.latex }));
  for (const w of [...lines].reverse()) {
    const count = (text: string) => text.split(w.latex).length - 1;
    const uses = count(latex) + lines.reduce((n, o) => n + (o === w ? 0 : count(o.text)), 0);
    if (!w.shared || uses !== 1) continue;
    const body = group(w.body, 3);
    latex = latex.split(w.latex).join(body);
    for (const o of lines) if (o !== w) o.text = o.text.split(w.latex).join(body);
    lines.splice(lines.indexOf(w), 1);
  }
  return { latex, where: lines.map((w) => `${w.latex} = ${w.text}`), numpy: numpy.join('\n') };
}
