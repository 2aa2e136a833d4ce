// `npm run docs:examples`: write docs/examples from the current code
// (compiled by tsconfig.scripts.json into dist/scripts/).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleFiles } from './examples.js';

// dist/scripts/ → the repository root.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
for (const f of await exampleFiles()) {
  const path = join(root, f.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, f.content);
  console.log(`wrote ${f.path}`);
}
