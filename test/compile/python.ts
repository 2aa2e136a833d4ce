// Debian's python3 with NumPy and PyTorch, for the tests that run emitted Python modules.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';

/** Whether Debian's python3 has NumPy and PyTorch (`.ci/run` installs them). */
export function hasPythonBackends(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import numpy, torch'], { encoding: 'utf8' }).status === 0;
}
