// Files and output at the command line's edges: a byte-order mark in a formula file, an
// unwritable --out (an input error naming the path, not an internal error), and eval's JSON for
// values JSON cannot hold.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

describe('the command line at its edges', () => {
  it('reads a formula file that starts with a UTF-8 byte-order mark', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kronecker-bom-')), 'f.tex');
    writeFileSync(file, '\uFEFFx^2');
    const r = await cli(['derive', '--wrt', 'x', '-f', file, '--format', 'text']);
    expect(r.out).toBe('d/dx(x^2) = 2 * x');
    expect(r.code).toBe(0);
  });

  it('an unwritable --out is an input error that names the path (exit 2)', async () => {
    const r = await cli(['derive', 'x^2', '--wrt', 'x', '--steps', '--format', 'html', '--out', '/nonexistent-dir/p.html']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: cannot write /nonexistent-dir/p.html: ENOENT');
  });

  it('eval writes NaN and the infinities as strings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kronecker-nan-'));
    writeFileSync(join(dir, 'v.json'), '{"values": {"x": [0, -1, 1, 2]}}');
    const r = await cli(['eval', '\\log x_i - \\log(2 - x_i)', '--values', join(dir, 'v.json')]);
    expect(JSON.parse(r.out)).toEqual({ free: ['i'], shape: [4], value: ['-Infinity', 'NaN', 0, 'Infinity'] });
  });

  it('refuses an option written after the formula\'s words (it would be read as - -c h e c k)', async () => {
    const r = await cli(['derive', '--wrt', 'x', '--', 'x^2', '--check']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/'--check' after the formula is read as part of it/);
  });
});
