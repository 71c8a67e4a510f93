/** `watchline view`: which folders and page a set of flags serves, and its bad-input exits. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewTarget } from '../../src/cli/commands/view.ts';
import { isInputError } from '../../src/config/errors.ts';
import { tempDir, writeFixture } from '../config/helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/watchline.js');

describe('watchline view: what it serves', () => {
  it('serves the scene\'s folder as scenes/ and names the scene in the page address', async () => {
    const dir = tempDir('watchline-view-');
    const scene = path.join(dir, 'site', 'border.yaml');
    mkdirSync(path.dirname(scene));
    copyFileSync(path.join(root, 'scenes/flat-10km.yaml'), scene);
    const t = await viewTarget({ scene });
    expect(t.folders).toEqual({ scenes: path.join(dir, 'site'), 'sim-configs': path.join(root, 'sim-configs') });
    expect(t.query).toBe('?scene=scenes/border.yaml');
  });

  it('with --config alone, serves the folder of the scene its scene: names', async () => {
    // Vitest runs in the repository root: relative paths are taken from there, as the CLI takes them from its working directory.
    expect(process.cwd()).toBe(root);
    const t = await viewTarget({ config: 'sim-configs/ideal-check.yaml' });
    expect(t.folders).toEqual({ scenes: path.join(root, 'scenes'), 'sim-configs': path.join(root, 'sim-configs') });
    expect(t.query).toBe('?scene=scenes/flat-10km.yaml&config=sim-configs/ideal-check.yaml');
  });

  it('without flags, the default scenario and the working directory\'s scenes/ and sim-configs/', async () => {
    const t = await viewTarget({});
    expect(t.folders).toEqual({ scenes: path.join(root, 'scenes'), 'sim-configs': path.join(root, 'sim-configs') });
    expect(t.query).toBe('');
  });

  it('refuses a bad scene with the CLI\'s message, before serving anything', async () => {
    const dir = tempDir('watchline-view-');
    const bad = writeFixture(dir, 'bad.yaml', 'border: { line: { type: straight, lengthKm: -3 } }\n');
    const e = await viewTarget({ scene: bad }).catch((x: unknown) => x);
    expect(isInputError(e)).toBe(true);
    expect(String((e as Error).message)).toContain('border.line.lengthKm');
  });
});

describe('watchline view (child process)', () => {
  const watchline = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '' }, timeout: 60_000 });

  it('exits 2 for a missing scene or a bad port, without starting a server', () => {
    const missing = watchline(['view', '--scene', 'scenes/nope.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('scenes/nope.yaml');
    expect(missing.stdout).toBe('');
    const port = watchline(['view', '--port', '70000']);
    expect(port.status).toBe(2);
    expect(port.stderr).toContain("--port");
  });

  it('is listed in the help', () => {
    const r = watchline(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\s+view \[options\]\s+open a scenario in the 3D viewer/m);
  });
});
