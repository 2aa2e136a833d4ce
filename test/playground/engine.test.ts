import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbMutated } from '../mutate.js';
import { SEED } from '../../src/cli/demo.js';
import {
  derive, equivalent, evaluate, type Expr, mapChildren, type NestedArray, parse, parseFormulas, resolveDefinitions, unfoldAll, variable,
} from '../../src/index.js';
import { deriveProblem, evaluateProblem } from '../../playground/src/engine.js';
import { EXAMPLES, FIRST_VISIT } from '../../playground/src/examples.js';
import type { Derived, Evaluated, Failure } from '../../playground/src/protocol.js';
import { problemOf } from '../../playground/src/state.js';

const ok = (r: Derived | Evaluated | Failure) => {
  if (!r.ok) throw new Error(`failed: ${r.message}`);
  return r;
};

/** Variables as plain names (a defined `o` as the input `o`), to compare with parsed text (as `kronecker demo` does). */
const shown = (e: Expr): Expr => (e.kind === 'var' ? variable(e.name, e.indices, e.commaIndices, e.superscript) : mapChildren(e, shown));

describe("the playground's engine", () => {
  it("opens on the seed's derivation, which gives the seed's expression two", () => {
    expect(FIRST_VISIT).toMatchObject({ formula: SEED.error, where: SEED.output, wrt: SEED.wrt });
    const d = ok(deriveProblem(problemOf(FIRST_VISIT))) as Derived;
    expect(equivalent(shown(parse(d.latex)), parse(SEED.expressionTwo))).toBe(true);
    expect(d.check.ok).toBe(true);
    expect(d.proof.rows.length).toBeGreaterThan(0);
  });

  it("simplifies the seed's expression one (no variable) to expression two", () => {
    const one = EXAMPLES.find((e) => e.state.formula === SEED.expressionOne);
    expect(one).toBeDefined();
    const d = ok(deriveProblem(problemOf(one!.state))) as Derived;
    expect(d.mode).toBe('simplify');
    expect(equivalent(parse(d.latex), parse(SEED.expressionTwo))).toBe(true);
    expect(equivalent(parse(d.latex), parse(SEED.expressionOne))).toBe(false);
  });

  it('derives every example with every step checked, in both languages, with compiled code', () => {
    for (const ex of EXAMPLES) {
      for (const lang of ['en', 'zh'] as const) {
        const d = ok(deriveProblem({ ...problemOf(ex.state), lang })) as Derived;
        expect(d.check.ok, ex.title).toBe(true);
        expect(d.proof.rows.every((r) => r.ok), ex.title).toBe(true);
        expect('source' in d.code.js, ex.title).toBe(true);
        if (lang === 'zh') expect(d.proof.rows.some((r) => /[\u4e00-\u9fff]/u.test(r.label + r.why)), ex.title).toBe(true);
        if (ex.state.form === 'matrix') expect(d.form?.form).toBe('matrix');
      }
    }
  });

  it('without a variable, compiles the right side of a simplified equation, and nothing for an inequality', () => {
    const base = { ...problemOf(FIRST_VISIT), where: '', wrt: '' };
    const d = ok(deriveProblem({ ...base, formula: 'y = \\frac{d}{dx} x^3' })) as Derived;
    expect('source' in d.code.js).toBe(true);
    const e = ok(evaluateProblem({ ...base, formula: 'y = \\frac{d}{dx} x^3' }, 3)) as Evaluated;
    const x = e.inputs.find((i) => i.name === 'x')!.value as number;
    expect(e.output.value).toBeCloseTo(3 * x * x, 12);
    const n = ok(deriveProblem({ ...base, formula: 'x^2 \\ge 0' })) as Derived;
    expect('error' in n.code.js).toBe(true);
  });

  it('locates a parse error in the field it is in', () => {
    const base = problemOf(FIRST_VISIT);
    for (const field of ['formula', 'where', 'wrt'] as const) {
      const text = field === 'wrt' ? 'w_{jk' : `${base[field]} + )`;
      const r = deriveProblem({ ...base, [field]: text });
      expect(r.ok).toBe(false);
      const f = r as Failure;
      expect(f.field).toBe(field);
      expect(f.offset).not.toBeNull();
      // The offset points into that field's own text.
      expect(f.offset!).toBeLessThanOrEqual(text.length);
      expect(f.offset!).toBeGreaterThan(0);
      expect(f.message.length).toBeGreaterThan(0);
    }
  });

  it('reports a non-parse input error without a position, and never throws', () => {
    const r = deriveProblem({ ...problemOf(FIRST_VISIT), wrt: 'x + y' });
    expect(r).toMatchObject({ ok: false, field: null, offset: null });
    expect(deriveProblem({ ...problemOf(FIRST_VISIT), formula: '' }).ok).toBe(false);
  });

  it('locates an input error found after parsing in the field whose text it is about', () => {
    const formula = 'L(w, b) = w + b; E = L(y)';
    expect(deriveProblem({ ...problemOf(FIRST_VISIT), formula, where: '', wrt: 'y' })).toMatchObject({ ok: false, field: 'formula', offset: 21, length: 4, line: 1, column: 22 });
    expect(deriveProblem({ ...problemOf(FIRST_VISIT), formula: 'E = x^2', where: '', wrt: 'z' })).toMatchObject({ ok: false, field: 'wrt', offset: 0, length: 1 });
  });

  it('answers mutated examples with a result or an input error located in the text of a field, never an internal error', () => {
    const field = fc.constantFrom('formula' as const, 'where' as const, 'wrt' as const);
    const examples = EXAMPLES.map((e) => problemOf(e.state));
    const cases = fc.tuple(fc.constantFrom(...examples), field)
      .chain(([base, which]) => arbMutated([base[which] === '' ? 'x' : base[which]]).map((text) => ({ base, which, text })));
    fc.assert(fc.property(cases, ({ base, which, text }) => {
      const problem = { ...base, [which]: text };
      const r = deriveProblem(problem);
      if (r.ok) return;
      expect(r.message, `${which}: ${text}`).not.toMatch(/^internal error/);
      if (r.field !== null) {
        // A parse error is in the mutated field; an error found later may be about another field's text
        // (the variable, which no longer occurs): either way the place is inside that field's text.
        if (r.field !== which) expect(r.length).toBeGreaterThan(0);
        expect(r.offset! + r.length).toBeLessThanOrEqual(problem[r.field].length);
      }
    }), { numRuns: 60, seed: 13 });
  });

  it("evaluates the compiled gradient at random inputs to the reference interpreter's value there", () => {
    for (const ex of EXAMPLES.filter((e) => e.state.wrt !== '')) {
      const p = problemOf(ex.state);
      for (const seed of [1, 2]) {
        const e = ok(evaluateProblem(p, seed)) as Evaluated;
        // Independently: the library's derivative, unfolded, through the interpreter at the inputs the panel shows.
        const { definitions, assumptions, target } = resolveDefinitions([...(p.where === '' ? [] : parseFormulas(p.where)), ...parseFormulas(p.formula)]);
        const expr = unfoldAll(derive(target, p.wrt, { definitions, assumptions }).result, definitions);
        const values = Object.fromEntries(e.inputs.map((i) => [i.name, nest(i.value, i.slots.map((s) => e.sizes[s]!))]));
        const reference = evaluate(expr, { values, sizes: e.sizes }, { free: e.output.free });
        const flat = flatten(reference.value);
        const got = typeof e.output.value === 'number' ? [e.output.value] : e.output.value;
        expect(got.length, ex.title).toBe(flat.length);
        got.forEach((g, i) => expect(Math.abs(g - flat[i]!), ex.title).toBeLessThan(1e-9 * Math.max(1, Math.abs(g))));
      }
    }
  });
});

/** Row-major `flat` as nested arrays of `shape`. */
function nest(flat: number | readonly number[], shape: readonly number[]): number | NestedArray {
  if (typeof flat === 'number') return flat;
  if (shape.length <= 1) return [...flat];
  const step = flat.length / shape[0]!;
  return Array.from({ length: shape[0]! }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), shape.slice(1)));
}

function flatten(v: number | NestedArray): number[] {
  return typeof v === 'number' ? [v] : v.flatMap(flatten);
}
