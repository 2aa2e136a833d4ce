// Golden files: every example of examples.ts in both printers. A change in
// output shows up as a diff of test/print/golden/*.txt in review.

import { describe, expect, it } from 'vitest';
import { toLatex, toText } from '../../src/print/index.js';
import { EXAMPLES } from './examples.js';

const render = (print: (e: (typeof EXAMPLES)[number][1]) => string): string =>
  EXAMPLES.map(([name, e]) => `## ${name}\n${print(e)}\n`).join('\n');

describe('golden files', () => {
  it('LaTeX', async () => {
    await expect(render((e) => toLatex(e))).toMatchFileSnapshot('./golden/latex.txt');
  });
  it('plain text', async () => {
    await expect(render((e) => toText(e))).toMatchFileSnapshot('./golden/text.txt');
  });
});
