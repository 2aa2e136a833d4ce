// Chains of each right-scoped construct, 10^3, 10^4 and 10^5 long: nested (`\log x \log x …`,
// each in the scope of the one before) and side by side (`\log x + \log x + …`). A nested
// chain passes the depth limit (src/parse/limits.ts) at 200 and is refused in one linear pass
// over its tokens; a chain side by side is read, in time linear in its length. Before the limits,
// 10^4 nested `\log x` took 29 s (Earley parsing of right recursion is quadratic) and then
// overflowed the stack.
// Run: npx vitest bench --run test/bench/limits.bench.ts
//
// Measured 2026-12-02 (Node 20, 2 cores shared by 5 agents; mean of 2 calls), nested (refused) / side by side (read):
//   \log x          1k 8 ms / 38 ms    10k 126 ms / 350 ms    100k 1.4 s / 4.8 s
//   \sum_i x_i      1k 5 ms / 21 ms    10k 180 ms / 525 ms    100k 7 ms / 2 ms (1.1 MB: refused as too long)
//   \sqrt{          1k 2 ms / 37 ms    10k 8 ms / 265 ms      100k 146 ms / 2 ms (too long)
//   \frac{\partial}{\partial y}   1k 5 ms / 44 ms    10k 255 ms / 509 ms    100k 4 ms / 2 ms (too long)
//   \sigma(         1k 0.3 ms / 42 ms  10k 10 ms / 461 ms     100k 156 ms / 2 ms (too long)
// Side by side, \sum_i x_i from 2,500 to 40,000 terms: 0.77, 0.79, 0.94, 1.5, 2.3 s (one call each, cold).
// Linear: ten times the chain, about ten times the time.

import { bench, describe } from 'vitest';
import { ParseError, parseFormulas } from '../../src/parse/index.js';

/** Per construct: one link of a nested chain (and what closes it), and one term of a chain side by side. */
const CONSTRUCTS: Readonly<Record<string, { open: string; close: string; term: string }>> = {
  log: { open: '\\log x ', close: '', term: '\\log x' },
  sum: { open: '\\sum_i x_i ', close: '', term: '\\sum_i x_i' },
  sqrt: { open: '\\sqrt{', close: '}', term: '\\sqrt{x}' },
  derivative: { open: '\\frac{\\partial}{\\partial y} ', close: '', term: '\\frac{\\partial}{\\partial y} x' },
  sigma: { open: '\\sigma(', close: ')', term: '\\sigma(x)' },
};

/** Parse, or be refused with a ParseError (a limit); anything else is a failure of the bench. */
function read(text: string): void {
  try {
    parseFormulas(text);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
  }
}

for (const [name, c] of Object.entries(CONSTRUCTS)) {
  describe(`${name} chains`, () => {
    for (const n of [1_000, 10_000, 100_000]) {
      const nested = `${c.open.repeat(n)}x${c.close.repeat(n)}`;
      const side = Array.from({ length: n }, () => c.term).join(' + ');
      bench(`nested ${n}`, () => read(nested), { iterations: 2, warmupIterations: 0, time: 0 });
      bench(`side by side ${n}`, () => read(side), { iterations: 2, warmupIterations: 0, time: 0 });
    }
  });
}
