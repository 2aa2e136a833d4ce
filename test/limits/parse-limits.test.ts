// The parser's limits (src/parse/limits.ts): an input beyond MAX_INPUT_LENGTH or nesting deeper
// than MAX_DEPTH is a ParseError pointing at where it passes the limit, found in time linear in
// the input; an input within them goes through every stage without overflowing the stack.

import { describe, expect, test } from 'vitest';
import { ParseError, parseFormulas } from '../../src/parse/index.js';
import { MAX_DEPTH, MAX_INPUT_LENGTH } from '../../src/parse/limits.js';
import { cli } from '../cli/run.js';

/** Right-scoped and bracketing constructs: n of them nested around `x`. */
const CHAINS: Readonly<Record<string, (n: number) => string>> = {
  log: (n) => `${'\\log x '.repeat(n)}x`,
  sum: (n) => `${'\\sum_i x_i '.repeat(n)}x`,
  derivative: (n) => `${'\\frac{\\partial}{\\partial y} '.repeat(n)}x`,
  sqrt: (n) => `${'\\sqrt{'.repeat(n)}x${'}'.repeat(n)}`,
  sigma: (n) => `${'\\sigma('.repeat(n)}x${')'.repeat(n)}`,
  abs: (n) => `${'\\left|'.repeat(n)}x${'\\right|'.repeat(n)}`,
  power: (n) => `${'x^{'.repeat(n)}x${'}'.repeat(n)}`,
  frac: (n) => `${'\\frac{1}{'.repeat(n)}x${'}'.repeat(n)}`,
  sign: (n) => `${'-'.repeat(n)}x`,
  textPower: (n) => `${'x^'.repeat(n)}x`,
};

function parseError(text: string): ParseError {
  try {
    parseFormulas(text);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${text.slice(0, 40)}…`);
}

describe('nesting depth', () => {
  test.each(Object.keys(CHAINS))('%s: read up to the limit, refused beyond it at the token that passes it', (name) => {
    const chain = CHAINS[name]!;
    // The count is a bound on the tree's depth: a level of the tree may count twice (`x^{` is a caret and a brace).
    let n = 1;
    while (n < 2 * MAX_DEPTH && (() => { try { parseFormulas(chain(n + 1)); return true; } catch { return false; } })()) n++;
    expect(n).toBeGreaterThanOrEqual(MAX_DEPTH / 2 - 1);
    expect(n).toBeLessThanOrEqual(MAX_DEPTH);
    const e = parseError(chain(n + 1));
    expect(e.message).toMatch(/nested too deeply: more than \d+ levels/);
    expect(e.offset).toBeGreaterThan(0);
    expect(e.offset).toBeLessThan(chain(n + 1).length);
  });

  test.each(Object.keys(CHAINS))('%s: a chain of 10^5 is refused in linear time', (name) => {
    const text = CHAINS[name]!(100_000).slice(0, MAX_INPUT_LENGTH);
    const t = performance.now();
    expect(() => parseFormulas(text)).toThrow(ParseError);
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  test('terms side by side are not nested: 10^4 logarithms in a sum parse', () => {
    const f = parseFormulas(Array.from({ length: 10_000 }, () => '\\log x').join(' + '));
    expect(f).toHaveLength(1);
  });
});

describe('input length', () => {
  test('an input longer than the limit is refused at the limit, before it is read', () => {
    const text = `${'x + '.repeat(MAX_INPUT_LENGTH / 4)}x`;
    const t = performance.now();
    const e = parseError(text);
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(e.reason).toBe(`input too long: ${text.length} characters, the limit is ${MAX_INPUT_LENGTH} (docs/cli.md, "Limits")`);
    expect(e.offset).toBe(MAX_INPUT_LENGTH);
  });
});

describe('at the limit, every stage', () => {
  // The deepest each construct can be: the stages recurse on the tree, and must not overflow.
  const deepest = (name: string) => {
    let n = 1;
    while ((() => { try { parseFormulas(CHAINS[name]!(n + 1)); return true; } catch { return false; } })()) n++;
    return CHAINS[name]!(n);
  };
  test.each(['sqrt', 'sigma', 'abs', 'power', 'frac', 'sign', 'sum'])('%s: derive, simplify, parse back, compile (exit 0 or 2, never 70)', async (name) => {
    const f = deepest(name);
    for (const argv of [['derive', '--wrt', 'x'], ['simplify'], ['parse', '--format', 'json'], ['compile', '--wrt', 'x']]) {
      const r = await cli([...argv, '--', f]);
      expect([0, 2], `${argv.join(' ')}: ${r.err}`).toContain(r.code);
      expect(r.err).not.toMatch(/internal error|Maximum call stack/);
    }
  }, 120_000);
});
