// The Python examples of docs/export.md run: the page's `kronecker …` lines write the modules
// into a temporary directory, then every ```python block that imports one runs there with
// Debian's python3 (NumPy and PyTorch, installed by .ci/run) and must exit 0.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasPythonBackends, PYTHON } from '../compile/python.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist/src/cli/main.js');
const page = readFileSync(join(ROOT, 'docs/export.md'), 'utf8');

/** The ```python blocks that run something (the listing of `run` itself only defines it). */
function pythonBlocks(text: string): string[] {
  return [...text.matchAll(/^```python\n([\s\S]*?)^```/gm)].map((m) => m[1]!).filter((b) => /^import /m.test(b));
}

describe.skipIf(!hasPythonBackends())('the Python examples of docs/export.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kronecker-export-'));
  it('writes the modules and runs every example', () => {
    const commands = [...page.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => m[1]!.split('\n').filter((l) => l.startsWith('kronecker ')));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const c of commands) {
      const r = spawnSync('bash', ['-c', c.replace(/^kronecker /, `"${process.execPath}" "${BIN}" `)], { cwd: dir, encoding: 'utf8' });
      expect(r.status, `${c}\n${r.stderr}`).toBe(0);
    }
    const blocks = pythonBlocks(page);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const b of blocks) {
      const r = spawnSync(PYTHON, ['-c', b], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, `${b}\n${r.stderr}`).toBe(0);
    }
  }, 180_000);

  it('shows the body of run as the compiler writes it', () => {
    const module = spawnSync(process.execPath, [BIN, 'compile', 'E = \\sum_k (t_k - o_k)^2', '--where', 'o_k = \\sigma(\\sum_j w_{jk} o_j)', '--wrt', 'w_{jk}', '--emit', 'numpy'], { encoding: 'utf8' }).stdout;
    const body = module.slice(module.indexOf('def run('));
    expect(page).toContain(body.trimEnd());
  });
});
