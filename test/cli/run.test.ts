/** `watchline run`, `merge` and `ranges` as users run them: child processes, real files. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/batch/rows.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/watchline.js');
const STACK = /^\s+at .+:\d+/m;

function watchline(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'watchline-run-'));
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const FAST = ['--config', 'sim-configs/spacing-4km.yaml', '--attempts', '400'];

describe('watchline run', () => {
  it('writes summary.json, attempts.csv and events.jsonl with the contract fields', () => {
    const out = path.join(tmp(), 'r');
    const r = watchline(['run', ...FAST, '--events', '--out', out, '--workers', '1']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('detected');
    const s = JSON.parse(read(out, 'summary.json'));
    for (const k of ['watchline', 'scene', 'config', 'seed', 'attempts', 'frontierKm', 'towers', 'cameras', 'detected', 'detectionRate', 'detectionRateCI95', 'detectedBeforeBarrierRate', 'timeToDetectS', 'byThreat', 'bySegment']) {
      expect(s, k).toHaveProperty(k);
    }
    expect(s.attempts).toBe(400);
    expect(s.frontierKm).toBe(50);
    // spacing 4 km from offset 2 km on 50 km: towers at 2, 6, …, 50 → 13.
    expect(s.towers).toBe(13);
    expect(s.detectionRate).toBe(s.detected / 400);
    // Wilson's intervals, derived here as the roots of their defining quadratic rather than with the
    // code's closed form: (k/n − p)² = z²·p(1 − p)/n ⇔ (n + z²)p² − (2k + z²)p + k²/n = 0.
    const z = 1.959963984540054;
    const roots = (k: number, n: number) => {
      const [a, b, c] = [n + z * z, -(2 * k + z * z), (k * k) / n];
      const d = Math.sqrt(b * b - 4 * a * c);
      return [(-b - d) / (2 * a), (-b + d) / (2 * a)];
    };
    for (const [k, ci] of [[s.detected, s.detectionRateCI95], [s.interrupted, s.interruptionRateCI95]]) {
      const [lo, hi] = roots(k, 400);
      expect(ci[0]).toBeCloseTo(lo, 12);
      expect(ci[1]).toBeCloseTo(hi, 12);
    }
    // The interruption interval is a two-sided one (0 < k < n), not only a bound at 1.
    expect(s.interrupted).toBeGreaterThan(0);
    expect(s.interrupted).toBeLessThan(400);
    expect(s.bySegment).toHaveLength(5);
    expect(s.bySegment.reduce((a: number, b: { attempts: number }) => a + b.attempts, 0)).toBe(400);
    const csv = read(out, 'attempts.csv').trim().split('\n');
    expect(csv[0].split(',')).toEqual([...CSV_COLUMNS]);
    expect(csv).toHaveLength(401);
    const detectedRows = csv.slice(1).filter((l) => l.split(',')[4] === '1').length;
    expect(detectedRows).toBe(s.detected);
    const events = read(out, 'events.jsonl').trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toHaveLength(s.detected);
    for (const k of ['t', 'attempt', 'camera', 'tower', 'rangeM', 'p', 'x', 'y', 'chainageKm']) expect(events[0], k).toHaveProperty(k);
    // Nothing staged is left next to the result.
    expect(readdirSync(path.dirname(out))).toEqual(['r']);
  });

  it('is byte-identical for the same inputs, whatever the number of workers', () => {
    const a = path.join(tmp(), 'a');
    const b = path.join(tmp(), 'b');
    expect(watchline(['run', ...FAST, '--out', a, '--workers', '1', '--events']).code).toBe(0);
    expect(watchline(['run', ...FAST, '--out', b, '--workers', '2', '--events']).code).toBe(0);
    for (const f of ['summary.json', 'attempts.csv', 'events.jsonl']) expect(read(b, f), f).toBe(read(a, f));
  });

  it('shards merge into exactly the unsharded result (N = 1, 3, 4)', () => {
    const base = tmp();
    const full = path.join(base, 'full');
    expect(watchline(['run', ...FAST, '--out', full, '--events']).code).toBe(0);
    for (const n of [1, 3, 4]) {
      const dirs: string[] = [];
      for (let k = 1; k <= n; k++) {
        const d = path.join(base, `n${n}-s${k}`);
        expect(watchline(['run', ...FAST, '--shard', `${k}/${n}`, '--out', d, '--workers', '1', '--events']).code).toBe(0);
        dirs.push(d);
      }
      const merged = path.join(base, `merged-${n}`);
      const m = watchline(['merge', ...dirs.reverse(), '--out', merged]);
      expect(m.stderr).toBe('');
      expect(m.code).toBe(0);
      for (const f of ['summary.json', 'attempts.csv', 'events.jsonl']) expect(read(merged, f), `${f} for N = ${n}`).toBe(read(full, f));
    }
  }, 300_000); // 9 child processes: far over a minute on a loaded 2-core machine

  it('merge refuses an incomplete set of shards (exit 2, nothing written)', () => {
    const base = tmp();
    const d1 = path.join(base, 's1');
    expect(watchline(['run', ...FAST, '--shard', '1/2', '--out', d1]).code).toBe(0);
    const r = watchline(['merge', d1, '--out', path.join(base, 'm')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shard 2/2 is missing');
    expect(existsSync(path.join(base, 'm'))).toBe(false);
  });

  it('--json prints exactly summary.json', () => {
    const out = path.join(tmp(), 'j');
    const r = watchline(['run', ...FAST, '--json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(read(out, 'summary.json'));
  });

  it('the ideal-check config gives min(1, 2r/s) = 0.5 within its 99 % interval', () => {
    const r = watchline(['run', '--config', 'sim-configs/ideal-check.yaml', '--attempts', '3000', '--json', '--out', path.join(tmp(), 'i')]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    // Towers at 2, 6 and 10 km cover 1–3, 5–7 and 9–10 km... shortened by the 13.2 m height
    // difference: 2·√(1000² − 13.2²)·2.5 / 10 000 = 0.49996.
    const expected = (2 * Math.sqrt(1000 ** 2 - 13.2 ** 2) * 2.5) / 10_000;
    // Within 2.5758 standard errors (99 %) of the observed rate.
    const rate = s.detected / s.attempts;
    expect(Math.abs(rate - expected)).toBeLessThan(2.5758 * Math.sqrt((expected * (1 - expected)) / s.attempts));
  });

  describe('bad input: exit 2, a message naming the field, nothing written', () => {
    const cases: [string, string[], RegExp][] = [
      ['zero attempts', ['--attempts', '0'], /--attempts/],
      ['a bad shard', ['--shard', '5/4'], /--shard/],
      ['a bad --set path', ['--set', 'towers.spacingMeters=5'], /towers\.spacingMeters/],
      ['a bad --set value', ['--set', 'towers.spacingM=-5'], /towers\.spacingM/],
      ['a NaN by --set', ['--set', 'towers.heightM=.nan'], /towers\.heightM/],
      ['a missing config', ['--config', 'sim-configs/nope.yaml'], /nope\.yaml/],
      ['an unknown preset', ['--set', 'cameras.0.preset=ultra'], /cameras\.0\.preset/],
    ];
    for (const [name, args, re] of cases) {
      it(name, () => {
        const base = tmp();
        const out = path.join(base, 'o');
        const r = watchline(['run', ...args, '--out', out]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(re);
        expect(r.stderr).not.toMatch(STACK);
        expect(readdirSync(base)).toEqual([]);
      });
    }
    it('an existing output folder without --force', () => {
      const out = path.join(tmp(), 'exists');
      mkdirSync(out);
      writeFileSync(path.join(out, 'keep.txt'), 'mine');
      const r = watchline(['run', ...FAST, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--force/);
      expect(readdirSync(out)).toEqual(['keep.txt']);
      expect(watchline(['run', ...FAST, '--out', out, '--force']).code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['attempts.csv', 'summary.json']);
    });
  });
});

describe('watchline ranges', () => {
  it('--geometric reproduces the makers’ table for 17 µm / 75 mm (hand values)', () => {
    const r = watchline(['ranges', '--cols', '640', '--pitch-um', '17', '--focal-mm', '75', '--geometric', '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.ifovMrad).toBeCloseTo(0.2267, 4);
    // Dc / (2 · N50 · IFOV): person 0.75 m → 2205.9 m; 3 cycles → 551.5 m; vehicle 2.3 m → 6764.7 m.
    expect(t.ranges.foot.detectM).toBeCloseTo(2205.9, 0);
    expect(t.ranges.foot.recognizeM).toBeCloseTo(551.5, 0);
    expect(t.ranges.vehicle.detectM).toBeCloseTo(6764.7, 0);
    expect(t.hfovDeg).toBeCloseTo(8.297, 2);
  });
  it('ranges shrink in dust', () => {
    const clear = JSON.parse(watchline(['ranges', '--preset', 'long-range-640', '--json']).stdout);
    const dust = JSON.parse(watchline(['ranges', '--preset', 'long-range-640', '--visibility', 'dust', '--json']).stdout);
    expect(dust.ranges.foot.detectM).toBeLessThan(clear.ranges.foot.detectM);
  });
  it('an unknown preset exits 2 and lists the presets', () => {
    const r = watchline(['ranges', '--preset', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mid-range-640');
  });
});
