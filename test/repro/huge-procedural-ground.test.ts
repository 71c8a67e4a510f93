/**
 * Repro (0718524, issue 7): procedural ground too large for memory (a 10,000 km border at the default
 * 10 m cells: 3.6·10⁸ height samples) failed as an internal error — exit 1 with a stack trace — after
 * trying to allocate it. Fixed: it is bad input, refused before any allocation with the field to change
 * and the cell size that would fit; exit 2, no stack, no output folder. (The message check was moved
 * here from test/config/edges.test.ts; the CLI check is new.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeWorldSource } from '../../src/batch/geoFiles.ts';
import { InputError } from '../../src/config/errors.ts';
import { parseScenario } from '../../src/config/scenario.ts';
import { resolveSceneFiles } from '../../src/world/build.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// 10,000 km × (2,000 m + 1,000 m strip + margins) at 10 m cells: 3.61·10⁸ samples, over the 2·10⁸ limit;
// the smallest cell that fits is √(3.61·10⁸ / 2·10⁸) · 10 m ≈ 13.4 m, so 14 m.
const MESSAGE = /field terrain\.cellM: procedural terrain along the 10000 km line at 10 m cells needs 3\.61e\+8 height samples\. Got 10\. Allowed: at most 2\.0e\+8 samples \(0\.8 GB\): a cellM of at least 14 m/;

describe('repro: procedural ground too large for memory', () => {
  it('is refused as bad input naming terrain.cellM', async () => {
    const s = parseScenario({ sets: ['scene.border.line.lengthKm=10000'] });
    await expect(resolveSceneFiles(s, nodeWorldSource)).rejects.toThrow(InputError);
    await expect(resolveSceneFiles(s, nodeWorldSource)).rejects.toThrow(MESSAGE);
  });

  it('watchline run exits 2 with that message, no stack trace and no output', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'watchline-repro-'));
    try {
      const out = path.join(dir, 'out');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/watchline.js'), 'run', '--attempts', '10', '--set', 'scene.border.line.lengthKm=10000', '--out', out], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, WATCHLINE_DEBUG: '' },
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(MESSAGE);
      expect(r.stderr).not.toMatch(/^\s+at .+:\d+/m);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
