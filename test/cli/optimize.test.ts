/** `watchline optimize` as users run it: a child process, real files; towers.yaml loads as a config. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { createWorld } from '../../src/core/world.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/watchline.js');
const STACK = /^\s+at .+:\d+/m;

function watchline(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '' }, timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'watchline-opt-'));
// The ideal-sensor check on 10 km flat ground, coarse enough to run in seconds.
const FAST = ['--config', 'sim-configs/ideal-check.yaml', '--step-m', '250', '--cell-m', '50', '--iterations', '60', '--attempts', '300', '--workers', '1'];

describe('watchline optimize', () => {
  it('--help names the flags', () => {
    const r = watchline(['optimize', '--help']);
    expect(r.code).toBe(0);
    for (const f of ['--towers', '--target', '--heights', '--out', '--json', '--force']) expect(r.stdout).toContain(f);
  });
  it('neither or both of --towers and --target: exit 2, one message, no stack trace', () => {
    for (const args of [[], ['--towers', '3', '--target', '0.5']]) {
      const r = watchline(['optimize', ...args, '--out', path.join(tmp(), 'o')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--towers/);
      expect(r.stderr).not.toMatch(STACK);
    }
    const bad = watchline(['optimize', '--towers', '3', '--heights', '15,x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/heights/);
  });

  const out = path.join(tmp(), 'o');
  const run = watchline(['optimize', ...FAST, '--towers', '3', '--out', out]);
  it('writes towers.yaml, optimize.json and both maps, with the contract fields', () => {
    expect(run.stderr).not.toMatch(STACK);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/worst-case breach P/);
    for (const f of ['towers.yaml', 'optimize.json', 'placed.svg', 'uniform.svg']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const d = JSON.parse(readFileSync(path.join(out, 'optimize.json'), 'utf8'));
    for (const key of ['towers', 'at', 'breachP', 'minP', 'meanP', 'uniform', 'monteCarlo', 'wallS']) expect(d, key).toHaveProperty(key);
    for (const key of ['towers', 'at', 'breachP', 'minP', 'meanP', 'monteCarlo']) expect(d.uniform, key).toHaveProperty(key);
    expect(d.towers).toBe(3);
    expect(d.at).toHaveLength(3);
    // Evenly spaced: 10 km / 3 towers, the first at half a spacing.
    expect(d.uniform.at).toEqual([5 / 3, 5, 25 / 3].map((x) => +x.toFixed(4)));
    for (const mc of [d.monteCarlo, d.uniform.monteCarlo]) {
      expect(mc.attempts).toBe(300);
      expect(mc.detectionRate).toBeCloseTo(mc.detected / 300, 6);
      // Wilson's interval as the roots of (k/n − p)² = z²·p(1 − p)/n.
      const z = 1.959963984540054;
      const [a, b, c] = [300 + z * z, -(2 * mc.detected + z * z), (mc.detected * mc.detected) / 300];
      const disc = Math.sqrt(b * b - 4 * a * c);
      expect(mc.detectionRateCI95[0]).toBeCloseTo((-b - disc) / (2 * a), 5);
      expect(mc.detectionRateCI95[1]).toBeCloseTo((-b + disc) / (2 * a), 5);
    }
    // A straight crossing is detected by an ideal sensor with P = A·P∞ = 0.95 at most.
    expect(d.breachP).toBeLessThanOrEqual(0.95 + 1e-9);
  });
  it('towers.yaml pasted into a sim-config loads as is and puts the towers where optimize.json says', () => {
    const d = JSON.parse(readFileSync(path.join(out, 'optimize.json'), 'utf8'));
    const dir = tmp();
    const cfg = path.join(dir, 'placed.yaml');
    writeFileSync(
      cfg,
      `scene: ${path.join(root, 'scenes/flat-10km.yaml')}\ncameras:\n  - { sensor: ideal, rangeM: 1000, headingDeg: 0, fovDeg: 360 }\n` + readFileSync(path.join(out, 'towers.yaml'), 'utf8'),
    );
    const s = loadScenario({ configPath: cfg });
    const w = createWorld(s.scene, s.config);
    expect(Array.from(w.towers.sM, (m) => +(m / 1000).toFixed(4))).toEqual(d.at);
  });
  it('the same results on 2 worker threads (contributions, the search\'s windows, both coverage runs and the Monte Carlo on workers)', () => {
    const dir = path.join(tmp(), 'w2');
    const r = watchline(['optimize', ...FAST.slice(0, -1), '2', '--towers', '3', '--out', dir]);
    expect(r.code).toBe(0);
    const strip = (file: string) => {
      const d = JSON.parse(readFileSync(file, 'utf8'));
      for (const k of ['wallS']) delete d[k];
      for (const k of ['precomputeS', 'searchS', 'refineS', 'evaluationsPerS', 'windowEvaluationsPerS']) delete d.search[k];
      return d;
    };
    expect(strip(path.join(dir, 'optimize.json'))).toEqual(strip(path.join(out, 'optimize.json')));
    expect(readFileSync(path.join(dir, 'towers.yaml'), 'utf8')).toBe(readFileSync(path.join(out, 'towers.yaml'), 'utf8'));
  });
  it('--target: the fewest towers whose placement reaches P (ideal 1 km sensors on 10 km need five)', () => {
    // By hand (test/optimize/search.test.ts): four discs of 2 km cannot see every crossing of 10 km,
    // five at 1, 3, 5, 7, 9 km can, each crossing then detected with A·P∞ = 0.95 ≥ 0.9.
    const dir = path.join(tmp(), 't');
    // On 2 threads: each count probed has its own objective's thread, stopped once the probe is done.
    const r = watchline(['optimize', ...FAST.slice(0, -1), '2', '--target', '0.9', '--out', dir, '--json']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.towers).toBe(5);
    expect(d.goal).toEqual({ targetP: 0.9, reached: true });
    expect(d.at).toEqual([1, 3, 5, 7, 9]);
    expect(d.search.probes.map((p: { towers: number }) => p.towers)).toEqual([5, 2, 3, 4]);
  });
  it('an existing output folder is not replaced without --force', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'o'));
    writeFileSync(path.join(dir, 'o', 'keep.txt'), 'x');
    const r = watchline(['optimize', ...FAST, '--towers', '3', '--out', path.join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(dir, 'o', 'keep.txt'), 'utf8')).toBe('x');
    expect(existsSync(path.join(dir, 'o', 'optimize.json'))).toBe(false);
  });
});
