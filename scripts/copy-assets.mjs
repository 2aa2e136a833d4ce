#!/usr/bin/env node
// Part of `npm run build`: copies the files src/ reads at run time that tsc does not
// emit (src/proof/assets: the embedded CJK font subset) next to the compiled code in dist/src.

import { cpSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const dir of ['src/proof/assets']) {
  rmSync(join(root, 'dist', dir), { recursive: true, force: true });
  cpSync(join(root, dir), join(root, 'dist', dir), { recursive: true });
}
