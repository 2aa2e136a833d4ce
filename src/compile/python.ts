// A tensor program (./tensor.ts) as a Python module for NumPy or PyTorch
// (`kronecker compile --emit numpy|torch`).
//
// The module defines `run(values, sizes=None)`, taking the inputs by the keys of
// the JS module (`w`, `o`, or `w_{jk}` where ranges split a name) as arrays of
// any nesting (lists, NumPy arrays, tensors), plus `signature`. The body is the
// program's statements, identical for both backends: only the prelude, which
// defines the `_…` vocabulary, differs. Computation is float64, so the results
// agree with the JS kernel to rounding. With PyTorch every array lives on the
// device of the first tensor input (CPU when none is a tensor), so the module
// runs on a GPU as it is.
//
// Safety: keys from the formula appear only as Python string literals (escaped
// by `pyString`); everything else is generated names, numbers and the fixed
// vocabulary.

import { givenInputs, type JointSignature } from '../values.js';
import { lowerToTensors, type SizeSource } from './tensor.js';
import type { Expr } from '../core/ast.js';

export type PythonBackend = 'numpy' | 'torch';

/** A Python string literal of `s`: ASCII only, every other character as an escape. */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

const SHARED = `
def _size(letter, carriers, sizes, symbol):
    # The size of an index: every array slot that carries it, a constant that declares it, or sizes[letter].
    found = [(int(x.shape[s]), 'the shape of %s (slot %d)' % (name, s + 1)) for name, x, s in carriers]
    if symbol is not None:
        found.append((int(symbol), 'its declared bound'))
    if letter in sizes:
        found.append((int(sizes[letter]), 'sizes'))
    if not found:
        raise ValueError('index %s needs a size: give sizes[%r]' % (letter, letter))
    for n, where in found[1:]:
        if n != found[0][0]:
            raise ValueError('size conflict for index %s: %d from %s, %d from %s' % (letter, found[0][0], found[0][1], n, where))
    return found[0][0]


def _symbol(values, sizes, name):
    if name in values:
        return float(values[name])
    if name in sizes:
        return float(sizes[name])
    raise ValueError('size symbol %s (a constant, as in a sum bound) needs a value: give values[%r] or sizes[%r]' % (name, name, name))
`;

const NUMPY = `import math

import numpy as np

_DTYPE = np.float64


def _input(values, key, rank):
    if key not in values:
        raise KeyError('missing input %r; the inputs are %s' % (key, ', '.join(repr(i['name']) for i in signature['inputs'])))
    x = np.asarray(values[key], dtype=_DTYPE)
    if x.ndim != rank:
        raise ValueError('input %r must have %d dimension(s), got shape %s' % (key, rank, x.shape))
    return x


def _device(xs):
    return None


_einsum = lambda spec, *xs: np.einsum(spec, *xs, optimize=True)
_tr = np.transpose
_sum = lambda x, a: np.sum(x, axis=a)
_prod = lambda x, a: np.prod(x, axis=a)
_max = lambda x, a: np.max(x, axis=a, initial=-np.inf)
_min = lambda x, a: np.min(x, axis=a, initial=np.inf)
_where = lambda c, a, b: np.where(c, a, b)
_f = lambda c: np.asarray(c, dtype=_DTYPE)
_ar = lambda n, dev: np.arange(1, int(n) + 1, dtype=_DTYPE)
_pow = np.power
_inv = np.linalg.inv
_det = np.linalg.det
_maximum = np.maximum
_minimum = np.minimum


def _full(x, shape):
    return np.array(np.broadcast_to(x, shape), dtype=_DTYPE)


def _gather(x, at):
    # x at broadcast index arrays (0-based); NaN where a position is outside x.
    at = np.broadcast_arrays(*[np.asarray(i).astype(np.int64) for i in at])
    ok = np.ones(at[0].shape, dtype=bool)
    for k, i in enumerate(at):
        ok &= (i >= 0) & (i < x.shape[k])
    if x.size == 0:
        return np.full(at[0].shape, np.nan)
    return np.where(ok, x[tuple(np.clip(i, 0, x.shape[k] - 1) for k, i in enumerate(at))], np.nan)


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


_tanh, _exp, _log, _sqrt, _sin, _cos, _tan = np.tanh, np.exp, np.log, np.sqrt, np.sin, np.cos, np.tan
_sinh, _cosh, _arcsin, _arccos, _arctan = np.sinh, np.cosh, np.arcsin, np.arccos, np.arctan
_abs, _sign, _cbrt, _log2, _log10 = np.abs, np.sign, np.cbrt, np.log2, np.log10
_cot = lambda x: 1 / np.tan(x)
_sec = lambda x: 1 / np.cos(x)
_csc = lambda x: 1 / np.sin(x)
_coth = lambda x: 1 / np.tanh(x)
_softplus = lambda x: np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))
_relu = lambda x: np.where(x > 0, x, 0.0)
_leakyrelu = lambda x: np.where(x > 0, x, 0.01 * x)
_elu = lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0)))
_erf = np.vectorize(math.erf, otypes=[_DTYPE])
_gelu = lambda x: 0.5 * x * (1 + _erf(x * math.sqrt(0.5)))


class _quiet(np.errstate):
    def __init__(self):
        super().__init__(all='ignore')
`;

const TORCH = `import math

import torch

_DTYPE = torch.float64
_DEV = None


def _t(x):
    return x if isinstance(x, torch.Tensor) else torch.as_tensor(x, dtype=_DTYPE, device=_DEV)


def _input(values, key, rank):
    if key not in values:
        raise KeyError('missing input %r; the inputs are %s' % (key, ', '.join(repr(i['name']) for i in signature['inputs'])))
    x = _t(values[key]).to(dtype=_DTYPE, device=_DEV)
    if x.ndim != rank:
        raise ValueError('input %r must have %d dimension(s), got shape %s' % (key, rank, tuple(x.shape)))
    return x


def _device(values):
    # The device of the first tensor input: the module computes where the data already is.
    global _DEV
    _DEV = next((v.device for v in values.values() if isinstance(v, torch.Tensor)), torch.device('cpu'))
    return _DEV


def _einsum(spec, *xs):
    # A contraction of two operands goes through tensordot (one matrix product): torch.einsum
    # copies permuted operands first, which costs it more than the product itself here.
    xs = [_t(x) for x in xs]
    ins, out = spec.split('->')
    ins = ins.split(',')
    if len(xs) == 2 and all(len(set(s)) == len(s) for s in ins):
        a, b = ins
        summed = [c for c in a if c in b and c not in out]
        if len(summed) == 1 and len(a) <= 2 and len(b) <= 2 and all((c in out) != (c in summed) for c in a + b) \
                and not any(c in a and c in b for c in out):
            # A matrix (or vector) product of transposed views: BLAS reads them strided, nothing is copied.
            s = summed[0]
            # x @ y wants the summed letter last in x and first in y: take the operand order that
            # needs fewer transposed operands (a transposed result is only a view).
            if (len(a) == 2 and a[0] == s) + (len(b) == 2 and b[1] == s) > (len(b) == 2 and b[0] == s) + (len(a) == 2 and a[1] == s):
                a, b, xs = b, a, xs[::-1]
            x, y = xs
            fa, fb = [c for c in a if c != s], [c for c in b if c != s]
            if len(a) == 2 and a[0] == s:
                x = x.T
            if len(b) == 2 and b[1] == s:
                y = y.T
            r = x @ y
            return r.T if len(fa + fb) == 2 and list(out) != fa + fb else r
        if summed and all((c in out) != (c in summed) for c in a + b) and not any(c in a and c in b for c in out):
            r = torch.tensordot(xs[0], xs[1], dims=([a.index(c) for c in summed], [b.index(c) for c in summed]))
            rest = [c for c in a + b if c not in summed]
            return r.permute([rest.index(c) for c in out])
    return torch.einsum(spec, *xs)


_tr = lambda x, p: _t(x).permute(p)
_sum = lambda x, a: _t(x).sum(dim=a)
_prod = lambda x, a: _t(x).prod(dim=a)


def _max(x, a):
    x = _t(x)
    return torch.full(x.shape[:a] + x.shape[a + 1:], -math.inf, dtype=_DTYPE, device=x.device) if x.shape[a] == 0 else torch.amax(x, dim=a)


def _min(x, a):
    x = _t(x)
    return torch.full(x.shape[:a] + x.shape[a + 1:], math.inf, dtype=_DTYPE, device=x.device) if x.shape[a] == 0 else torch.amin(x, dim=a)


_where = lambda c, a, b: torch.where(_t(c).bool(), _t(a), _t(b))
_f = lambda c: _t(c).to(_DTYPE)
_ar = lambda n, dev: torch.arange(1, int(n) + 1, dtype=_DTYPE, device=dev)
_pow = lambda a, b: torch.pow(_t(a), _t(b))
_inv = torch.linalg.inv
_det = torch.linalg.det
_maximum = lambda a, b: torch.maximum(_t(a), _t(b))
_minimum = lambda a, b: torch.minimum(_t(a), _t(b))


def _full(x, shape):
    return _t(x).expand(shape).clone()


def _gather(x, at):
    at = torch.broadcast_tensors(*[_t(i).to(torch.int64) for i in at])
    ok = torch.ones(at[0].shape, dtype=torch.bool, device=x.device)
    for k, i in enumerate(at):
        ok &= (i >= 0) & (i < x.shape[k])
    if x.numel() == 0:
        return torch.full(at[0].shape, math.nan, dtype=_DTYPE, device=x.device)
    got = x[tuple(i.clamp(0, x.shape[k] - 1) for k, i in enumerate(at))]
    return torch.where(ok, got, torch.tensor(math.nan, dtype=_DTYPE, device=x.device))


_sigmoid = lambda x: torch.sigmoid(_t(x))


def _fn(f):
    return lambda x: f(_t(x))


_tanh, _exp, _log, _sqrt = _fn(torch.tanh), _fn(torch.exp), _fn(torch.log), _fn(torch.sqrt)
_sin, _cos, _tan = _fn(torch.sin), _fn(torch.cos), _fn(torch.tan)
_sinh, _cosh, _arcsin, _arccos, _arctan = _fn(torch.sinh), _fn(torch.cosh), _fn(torch.asin), _fn(torch.acos), _fn(torch.atan)
_abs, _sign, _log2, _log10, _erf = _fn(torch.abs), _fn(torch.sign), _fn(torch.log2), _fn(torch.log10), _fn(torch.erf)
_cbrt = _fn(lambda x: torch.sign(x) * torch.abs(x) ** (1.0 / 3.0))
_cot = _fn(lambda x: 1 / torch.tan(x))
_sec = _fn(lambda x: 1 / torch.cos(x))
_csc = _fn(lambda x: 1 / torch.sin(x))
_coth = _fn(lambda x: 1 / torch.tanh(x))
_softplus = _fn(lambda x: torch.clamp(x, min=0) + torch.log1p(torch.exp(-torch.abs(x))))
_relu = _fn(lambda x: torch.where(x > 0, x, torch.zeros_like(x)))
_leakyrelu = _fn(lambda x: torch.where(x > 0, x, 0.01 * x))
_elu = _fn(lambda x: torch.where(x > 0, x, torch.expm1(torch.clamp(x, max=0))))
_gelu = _fn(lambda x: 0.5 * x * (1 + torch.erf(x * math.sqrt(0.5))))


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
`;

/** A size source as `_size`'s arguments: a carrying slot `(key, array, slot)`, or a constant `c0`. */
function sourceArgs(src: SizeSource, sig: JointSignature): string {
  return src.kind === 'slot' ? `(${pyString(sig.inputs[src.input]!.name)}, x${src.input}, ${src.slot})` : `c${src.symbol}`;
}

/** The Python module computing `exprs` (unfolded, no ∂ left) over `sig`: one result, or a tuple. */
export function emitPython(exprs: readonly Expr[], sig: JointSignature, backend: PythonBackend): string {
  const program = lowerToTensors(exprs, sig);
  const body: string[] = [];
  body.push('sizes = {} if sizes is None else dict(sizes)');
  body.push('dev = _device(values)');
  // An inverse or determinant (issue 11) is computed from the square matrix given under its name.
  sig.inputs.forEach((spec, i) => body.push(spec.of === undefined ? `x${i} = _input(values, ${pyString(spec.name)}, ${spec.rank})`
    // linalg works on the last two axes: a batch of matrices (--batch) gives a batch of inverses or determinants.
    : `x${i} = ${spec.of === 'inverse' ? '_inv' : '_det'}(_input(values, ${pyString(spec.name)}, ${spec.of === 'inverse' ? spec.rank : spec.rank + 2}))`));
  program.symbols.forEach((name, i) => body.push(`c${i} = _symbol(values, sizes, ${pyString(name)})`));
  program.sizes.forEach((s, i) => {
    const carriers = s.sources.filter((x) => x.kind === 'slot').map((x) => sourceArgs(x, sig));
    const symbol = s.sources.find((x) => x.kind === 'symbol');
    body.push(`n${i} = _size(${pyString(s.letter)}, [${carriers.join(', ')}], sizes, ${symbol === undefined ? 'None' : sourceArgs(symbol, sig)})`);
  });
  body.push('with _quiet():');
  for (const st of program.stmts) body.push(`    ${st.name} = ${st.code}`);
  if (program.stmts.length === 0) body.push('    pass');
  const results = program.outputs.map((o) => (o.shape.length === 0 ? `float(${o.code})` : o.code));
  body.push(`return ${results.length === 1 ? results[0]! : `(${results.join(', ')})`}`);

  const description = {
    inputs: givenInputs(sig).map((s) => ({ name: s.name, rank: s.rank, slots: s.slots.map((n) => n[0] ?? null) })),
    outputs: sig.outputs,
    sizeSymbols: sig.sizeSymbols,
  };
  return `# Generated by Kronecker (--emit ${backend}). run(values, sizes=None) evaluates the formula with
# whole-array operations (einsum, broadcasting): values maps each input's key to a number or an
# array (${backend === 'torch' ? 'tensors stay on their device' : 'any array-like'}); sizes gives index sizes no array carries. The result is
# an array over signature['outputs'][0], in that order, or a float for a scalar formula${exprs.length > 1 ? ` (a tuple of ${exprs.length}, one per output)` : ''}.
${backend === 'torch' ? TORCH : NUMPY}${SHARED}
signature = ${pyDict(description)}


def run(values, sizes=None):
${body.map((l) => `    ${l}`).join('\n')}
`;
}

/** A JSON-like value as a Python literal (strings through pyString). */
function pyDict(v: unknown): string {
  if (v === null) return 'None';
  if (typeof v === 'string') return pyString(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(pyDict).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyString(k)}: ${pyDict(x)}`).join(', ')}}`;
}
