// docs/api.md against the exports, so that the reference cannot drift: every exported function
// and class of `kronecker` and of `kronecker/mathjs` has a section (a `### ` heading naming it in
// backticks), every name a heading gives is exported by its entry, and each section's example
// (its ```ts block, run by ts-blocks.test.ts) uses every name of its heading.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as mathjs from '../../src/interop/mathjs.js';

const PAGE = readFileSync(fileURLToPath(new URL('../../docs/api.md', import.meta.url)), 'utf8');
const MATHJS_PART = PAGE.indexOf('## mathjs');

interface Section { readonly names: readonly string[]; readonly code: string; readonly mathjs: boolean }

function sections(page: string): Section[] {
  const out: Section[] = [];
  for (const m of page.matchAll(/^### (.+)\n([\s\S]*?)(?=^#{2,3} |(?![\s\S]))/gm)) {
    const names = [...m[1]!.matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((n) => n[1]!);
    const code = [...m[2]!.matchAll(/```ts\n([\s\S]*?)```/g)].map((c) => c[1]).join('\n');
    out.push({ names, code, mathjs: m.index >= MATHJS_PART });
  }
  return out;
}

const documented = sections(PAGE);
const callable = (entry: object) => Object.entries(entry).filter(([, v]) => typeof v === 'function').map(([k]) => k).sort();

describe('docs/api.md', () => {
  it('reads its sections (the parser sees headings and examples)', () => {
    const toy = sections('### `a`, `b`\ntext\n```ts\na(); b();\n```\n## Next\n### `c`\n```ts\nc\n```\n');
    expect(toy.map((s) => s.names)).toEqual([['a', 'b'], ['c']]);
    expect(toy[0]!.code).toContain('b();');
    expect(documented.length).toBeGreaterThan(15);
  });

  it.each([['kronecker', api, false], ['kronecker/mathjs', mathjs, true]] as const)('documents every function and class %s exports, and only those', (_entry, entry, isMathjs) => {
    const headed = documented.filter((s) => s.mathjs === isMathjs).flatMap((s) => s.names);
    expect([...new Set(headed)].filter((n) => typeof (entry as Record<string, unknown>)[n] === 'function').sort()).toEqual(callable(entry));
    expect(headed.filter((n) => !(n in entry)), 'named in a heading but not exported').toEqual([]);
  });

  it('names every exported constant', () => {
    const values = Object.entries(api).filter(([, v]) => typeof v !== 'function').map(([k]) => k);
    expect(values.filter((v) => !PAGE.includes(`\`${v}\``))).toEqual([]);
  });

  it.each(documented.map((s) => [s.names.join(', '), s] as const))('the example of %s uses each name', (_title, s) => {
    expect(s.code, 'a section without an example').not.toBe('');
    expect(s.names.filter((n) => !new RegExp(`\\b${n.replace(/\$/g, '\\$')}\\b`).test(s.code))).toEqual([]);
  });
});
