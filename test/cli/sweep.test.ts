/** `watchline sweep`, `coverage` and sweep merges as users run them: child processes, real files, a real Ctrl-C. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/watchline.js');
const STACK = /^\s+at .+:\d+/m;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'watchline-cli-sweep-'));
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const FILES = ['sweep.csv', 'sweep.json', 'sweep-rate.svg', 'sweep-towers.svg'];

function watchline(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '' }, timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A sweep of 16 points (thermal staring cameras on the flat scene), enough work to interrupt. */
function config(): string {
  const file = path.join(tmp(), 'sweep.yaml');
  writeFileSync(
    file,
    [
      `scene: ${path.join(root, 'scenes/flat-10km.yaml')}`,
      'towers: { spacingM: 2000, setbackM: 50, heightM: 15 }',
      'cameras: [ { sensor: thermal, preset: short-range-320, headingDeg: 0, fovDeg: 90 } ]',
      'run: { attempts: 500, seed: 5, stepS: 1 }',
      'sweep: { towers.spacingM: { first: 2000, step: 1000, last: 9000 }, towers.heightM: [10, 20] }',
    ].join('\n'),
  );
  return file;
}

describe('watchline sweep (CLI)', () => {
  const cfg = config();

  it('a config without sweep: exits 2 and writes nothing', () => {
    const base = tmp();
    const r = watchline(['sweep', '--config', path.join(root, 'sim-configs/default.yaml'), '--out', path.join(base, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sweep/);
    expect(r.stderr).not.toMatch(STACK);
    expect(readdirSync(base)).toEqual([]);
  });

  it('Ctrl-C keeps finished points; the same command resumes and ends with the uninterrupted result', async () => {
    const base = tmp();
    const ref = path.join(base, 'ref');
    const full = watchline(['sweep', '--config', cfg, '--out', ref, '--workers', '2']);
    expect(full.stderr).not.toMatch(STACK);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/recommendation/);

    const out = path.join(base, 'out');
    const partial = path.join(base, '.out.sweep-partial', 'points');
    const child = spawn(process.execPath, [bin, 'sweep', '--config', cfg, '--out', out, '--workers', '1'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once the first point is recorded.
    for (let i = 0; i < 2400 && !(existsSync(partial) && readdirSync(partial).some((f) => f.endsWith('.json') && !f.startsWith('.'))); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/run the same command again to continue/);
    expect(existsSync(out)).toBe(false);
    const kept = readdirSync(partial).filter((f) => f.endsWith('.json') && !f.startsWith('.')).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(16);

    const again = watchline(['sweep', '--config', cfg, '--out', out, '--workers', '2']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`${16 - kept} point-repetition\\(s\\) run, ${kept} resumed`));
    for (const f of FILES) expect(read(out, f), f).toBe(read(ref, f));

    // Shards through the CLI merge into the same files.
    const s1 = path.join(base, 's1');
    const s2 = path.join(base, 's2');
    expect(watchline(['sweep', '--config', cfg, '--out', s1, '--shard', '1/2']).code).toBe(0);
    expect(watchline(['sweep', '--config', cfg, '--out', s2, '--shard', '2/2']).code).toBe(0);
    const merged = path.join(base, 'merged');
    const m = watchline(['merge', s2, s1, '--out', merged]);
    expect(m.code).toBe(0);
    for (const f of FILES) expect(read(merged, f), `merged ${f}`).toBe(read(ref, f));
  }, 600_000);
});

describe('watchline coverage (CLI)', () => {
  it('writes coverage.json with the contract fields and a plot; --json prints it', () => {
    const out = path.join(tmp(), 'cov');
    const r = watchline(['coverage', '--config', path.join(root, 'sim-configs/ideal-check.yaml'), '--out', out, '--json', '--cell-m', '50']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(read(out, 'coverage.json'));
    const c = JSON.parse(r.stdout);
    for (const k of ['frontierKm', 'reference', 'profile', 'coveredFraction', 'kCoverage', 'gaps', 'weakestKm', 'breachPath']) expect(c, k).toHaveProperty(k);
    expect(c.frontierKm).toBe(10);
    expect(c.profile[0]).toHaveProperty('km');
    expect(c.profile[0]).toHaveProperty('pDetect');
    expect(c.profile[0]).toHaveProperty('k');
    // Ideal r = 1 km every 4 km on the line (ideal-check.yaml): half the border is covered.
    expect(c.coveredFraction).toBeCloseTo(0.5, 2);
    expect(c.breachPath.pDetect).toBe(0);
    expect(c.breachPath.points.length).toBeGreaterThanOrEqual(2);
    expect(read(out, 'coverage.svg')).toMatch(/^<svg/);
  });
  it('the same files on 1 and 3 worker threads (the profile in slices, the breach search apart)', () => {
    const files = [1, 3].map((w) => {
      const out = path.join(tmp(), `cov${w}`);
      const r = watchline(['coverage', '--config', path.join(root, 'sim-configs/ideal-check.yaml'), '--out', out, '--cell-m', '50', '--workers', String(w)]);
      expect(r.code).toBe(0);
      return ['coverage.json', 'coverage.svg'].map((f) => read(out, f));
    });
    expect(files[1]).toEqual(files[0]);
  });
});
