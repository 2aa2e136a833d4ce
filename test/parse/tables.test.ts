// How many inputs the parser's data tables hold: issue 9 asks for at least 150 accepted and 50
// refused inputs in the tables of the notation as textbooks write it (every file of test/parse
// except the base grammar's latex.test.ts and text.test.ts). The tables are the `test.each` rows
// of describe blocks named "… accepted …" and "… rejected …" / "… refused …"; `vitest list`
// collects them without running them.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('the textbook-notation tables hold at least 150 accepted and 50 refused inputs', () => {
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'list', 'test/parse', '--json'], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20,
  });
  expect(r.status, r.stderr).toBe(0);
  const tests = JSON.parse(r.stdout) as { name: string; file: string }[];
  const tables = tests.filter((t) => !/\/(latex|text|tables)\.test\.ts$/.test(t.file));
  const block = (t: { name: string }) => t.name.split(' > ')[0]!;
  const accepted = tables.filter((t) => /accepted/.test(block(t))).length;
  const rejected = tables.filter((t) => /rejected|refused/.test(block(t))).length;
  expect(accepted).toBeGreaterThanOrEqual(150);
  expect(rejected).toBeGreaterThanOrEqual(50);
  console.log(`textbook-notation tables: ${accepted} accepted, ${rejected} rejected inputs`);
}, 120_000);
