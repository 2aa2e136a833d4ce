// The seed's derivations as proofs, through the command line: the brief proof
// of expression one → expression two follows the seed's own reasoning, in
// English and in Chinese, and the derivation of ∂E/∂w_{jk} from the network
// shows the chain rule through the square and the sigmoid and the collapse of Σ_k.

import { describe, expect, test } from 'vitest';
import { cli as run } from '../cli/run.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import type { JsonProof } from '../../src/proof/index.js';
import { SEED_EXPRESSION_ONE, SEED_EXPRESSION_TWO } from '../fixtures/seed.js';

const cli = (...argv: string[]) => run(argv, { trim: false });

async function json(...argv: string[]): Promise<JsonProof> {
  const r = await cli(...argv, '--format', 'json');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as JsonProof;
}

const SEED_E = String.raw`E = \sum_k (t_k - o_k)^2`;
const SEED_O = String.raw`o_k = \text{sigmoid}(\sum_j w_{jk} \cdot o_j)`;

/** The seed's steps, in its order: rename j, ∂ inside Σ, the constant factor o_{j'} ((ax)' = a), only j' = j depends on w_{jk}, collapse, substitute back. */
const SEED_BRIEF_RULES = [
  'index.rename-bound', 'diff.sum-interchange', 'diff.const-multiple', 'diff.indexed-var', 'delta.eval', 'sum.delta-collapse',
  'subst.back',
];

describe("the seed's expression one → expression two, brief", () => {
  test.each([
    ['demo', ['demo', '--steps', '--detail', 'brief']],
    ['simplify', ['simplify', SEED_EXPRESSION_ONE, '--steps', '--detail', 'brief']],
  ])('%s: the rules and contents of each step', async (_cmd, argv) => {
    const p = await json(...argv);
    expect(p.steps.map((s) => s.rule)).toEqual(SEED_BRIEF_RULES);
    const [rename, inside, constant, indexed, , collapse, back] = p.steps;
    // Isolate ∂(Σ_j w_{jk} o_j)/∂w_{jk}: the sub-derivation starts at it, on its own.
    expect(rename!.before.latex).toBe(String.raw`\frac{\partial}{\partial w_{jk}} \left(\sum_{j} w_{jk} o_j\right)`);
    expect(rename!.params).toEqual({ from: 'j', to: "j'" });
    expect(rename!.after.latex).toBe(String.raw`\frac{\partial}{\partial w_{jk}} \left(\sum_{j'} w_{j'k} o_{j'}\right)`);
    expect(rename!.whyText).toContain("not the free j of w[j,k]: rename it to j'");
    expect(inside!.after.latex).toBe(String.raw`\sum_{j'} \frac{\partial}{\partial w_{jk}} (w_{j'k} o_{j'})`);
    expect(constant!.whyText).toBe("o[j'] does not depend on w[j,k], so it stays outside the derivative as a constant factor: (af)' = af', in particular (ax)' = a.");
    expect(indexed!.replacement.latex).toBe(String.raw`\delta_{j'j} \delta_{kk}`);
    expect(indexed!.whyText).toContain('otherwise it is a constant (derivative 0)');
    expect(collapse!.whyText).toContain("Only the term with j' = j is nonzero");
    expect(collapse!.after.latex).toBe('o_j');
    // Substitute back: the whole equation, now expression two.
    expect(back!.focus.latex).toBe(rename!.before.latex);
    expect(back!.replacement.latex).toBe('o_j');
    expect(back!.whyText).toBe('Put the evaluated derivative o[j] back in place of d/dw[j,k](sum(j, w[j,k] * o[j])).');
    expect(back!.before.latex).toBe(toLatex(parse(SEED_EXPRESSION_ONE)));
    expect(back!.after.latex).toBe(toLatex(parse(SEED_EXPRESSION_TWO)));
    expect(p.result.latex).toBe(toLatex(parse(SEED_EXPRESSION_TWO)));
  });

  test('in Chinese the notes read as the seed does', async () => {
    const r = await cli('demo', '--steps', '--detail', 'brief', '--lang', 'zh');
    expect(r.code).toBe(0);
    const why = [...r.out.matchAll(/^ {2}理由：(.*)$/gm)].map((m) => m[1]);
    expect(why).toEqual([
      "哑指标 j 与 w[j,k] 中的自由指标 j 并非同一个量，先把它改名为 j'，以免混淆。",
      "有限和可以逐项求导，对 w[j,k] 的偏导数可以移到 Σ_j' 里面。",
      "o[j'] 与 w[j,k] 无关，作为常数因子提到导数外面：(af)' = af'（a 为常数），特别地 (ax)' = a。",
      "只有下标逐一相等时，w[j',k] 才是 w[j,k] 本身（导数为 1）；否则它相对于 w[j,k] 是常数，导数为 0。所以导数是 delta[j',j] * delta[k,k]。",
      '下标相同时 δ_aa = 1；下标是不同的数 a ≠ b 时 δ_ab = 0。',
      "只有 j' = j 的那一项不为零（其余各项都含因子 δ = 0），求和只剩下这一项。",
      '把求得的 d/dw[j,k](sum(j, w[j,k] * o[j])) = o[j] 代入原式。',
    ]);
    expect(r.out).toMatch(/^第 3 步：常数因子$/m);
    expect(r.out).toMatch(/^第 7 步：代回原式$/m);
    // No ASCII comma or colon between Chinese characters.
    expect(why.join('')).not.toMatch(/[\u4e00-\u9fff][,:]|[,:][\u4e00-\u9fff]/);
  });

  test('--check: every step holds numerically', async () => {
    const r = await cli('demo', '--steps', '--detail', 'brief', '--check');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^steps: ok — all \d+ steps checked/m);
  });
});

describe('∂E/∂w_{jk} from E = Σ_k (t_k - o_k)² and o_k = sigmoid(Σ_j w_{jk} o_j)', () => {
  const argv = ['derive', SEED_E, '--where', SEED_O, '--wrt', 'w_{jk}', '--steps'];

  test('the chain rule through the square and the sigmoid, then Σ_{j\'} and Σ_{k\'} collapse', async () => {
    const p = await json(...argv);
    const rules = p.steps.map((s) => s.rule);
    // The headline steps in order (other steps may sit between them).
    const headline = ['def.unfold', 'index.rename-bound', 'diff.sum-interchange', 'diff.power', 'def.unfold', 'diff.chain',
      'index.rename-bound', 'diff.sum-interchange', 'diff.const-multiple', 'diff.indexed-var', 'sum.delta-collapse', 'sum.delta-collapse'];
    let at = 0;
    for (const r of rules) if (r === headline[at]) at++;
    expect(at, rules.join(' ')).toBe(headline.length);

    const step = (rule: string, n = 0) => p.steps.filter((s) => s.rule === rule)[n]!;
    expect(step('def.unfold').whyText).toBe('Replace E by its definition.');
    expect(step('index.rename-bound').params).toEqual({ from: 'k', to: "k'" });
    // The square: 2(t_{k'} - o_{k'}) times the derivative of what is squared.
    expect(step('diff.power').focus.latex).toBe(String.raw`\frac{\partial}{\partial w_{jk}} ((t_{k'} - o_{k'})^2)`);
    expect(step('diff.power').replacement.latex).toBe(String.raw`2(t_{k'} - o_{k'}) \frac{\partial}{\partial w_{jk}} (t_{k'} - o_{k'})`);
    expect(step('def.unfold', 1).whyText).toBe("Replace o[k'] by its definition.");
    // The sigmoid: σ(u)(1 - σ(u)) times the derivative of its argument.
    const chain = step('diff.chain');
    expect(chain.params).toEqual({ fn: 'sigmoid' });
    expect(chain.replacement.latex).toBe(String.raw`\text{sigmoid}\left(\sum_{j} w_{jk'} o_j\right) \left(1 - \text{sigmoid}\left(\sum_{j} w_{jk'} o_j\right)\right) \frac{\partial}{\partial w_{jk}} \left(\sum_{j} w_{jk'} o_j\right)`);
    expect(chain.why).toContain(String.raw`$\frac{d}{du} \text{sigmoid}(u) = \text{sigmoid}(u) (1 - \text{sigmoid}(u))$`);
    // Σ_{j'} collapses to o_j, then Σ_{k'} to the one term k' = k.
    expect(step('sum.delta-collapse').whyText).toContain("Only the term with j' = j is nonzero");
    const last = p.steps[p.steps.length - 1]!;
    expect(last.rule).toBe('sum.delta-collapse');
    expect(last.whyText).toContain("Only the term with k' = k is nonzero");
    expect(last.before.latex).toMatch(/^\\sum_\{k'\}/);
    expect(last.after.latex).not.toContain("k'");
    expect(p.result.latex).toBe(String.raw`-2(t_k - o_k) \text{sigmoid}\left(\sum_{j} w_{jk} o_j\right) \left(1 - \text{sigmoid}\left(\sum_{j} w_{jk} o_j\right)\right) o_j`);
  });

  test('brief keeps exactly the headline steps, and --check passes', async () => {
    const p = await json(...argv, '--detail', 'brief');
    expect(p.steps.map((s) => s.rule)).toEqual(['def.unfold', 'index.rename-bound', 'diff.sum-interchange', 'diff.power', 'def.unfold',
      'diff.chain', 'index.rename-bound', 'diff.sum-interchange', 'diff.const-multiple', 'diff.indexed-var', 'sum.delta-collapse',
      'sum.delta-collapse']);
    const r = await cli(...argv, '--check', '--format', 'text');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^steps: ok/m);
    expect(r.err).toMatch(/^check: ok/m);
  });
});
