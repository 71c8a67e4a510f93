/**
 * The Iraq–Syria scene end to end, as a user runs it: `watchline run` and `watchline coverage` on the
 * Natural Earth frontier (599 km, tiled procedural ground), as child processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/watchline.js');
const STACK = /^\s+at .+:\d+/m;

function watchline(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '' }, timeout: 600_000, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'watchline-iq-'));

describe('the Iraq–Syria scene', { timeout: 600_000 }, () => {
  it('watchline run: frontierKm from the real line, towers along its chainage, statistics over 599 km', () => {
    const out = path.join(tmp(), 'r');
    const r = watchline(['run', '--config', 'sim-configs/iraq-syria-4km.yaml', '--attempts', '300', '--workers', '2', '--out', out, '--json']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.frontierKm).toBeGreaterThan(599.2);
    expect(s.frontierKm).toBeLessThan(599.4);
    // Where the line came from, its length on the ellipsoid and the local frame.
    expect(s.frontier.source).toBe('countries');
    expect(s.frontier.between).toEqual(['Iraq', 'Syria']);
    expect(Math.abs(s.frontierKm / s.frontier.geodesicKm - 1)).toBeLessThan(1e-3);
    expect(s.frontier.projection).toMatch(/^\+proj=aeqd /);
    // Every 4 km from km 2: 2, 6, …, 598 → 150 towers with two cameras each.
    expect(s.towers).toBe(150);
    expect(s.cameras).toBe(300);
    expect(s.attempts).toBe(300);
    expect(s.detectionRate).toBeGreaterThan(0.5);
    // 10 km bins over the real chainage: 60 bins, the last ending at the line's end.
    expect(s.bySegment).toHaveLength(60);
    expect(s.bySegment[59].toKm).toBeCloseTo(s.frontierKm, 3);
    const rows = readFileSync(path.join(out, 'attempts.csv'), 'utf8').trim().split('\n');
    const col = rows[0].split(',').indexOf('crossingKm');
    const km = rows.slice(1).map((l) => Number(l.split(',')[col]));
    expect(km).toHaveLength(300);
    expect(Math.min(...km)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...km)).toBeLessThanOrEqual(s.frontierKm);
    // Uniform crossings spread over the whole frontier.
    expect(Math.max(...km) - Math.min(...km)).toBeGreaterThan(500);
    // Vehicles cross only at the Al-Qaim / Albu Kamal gap (363–366 km).
    const tcol = rows[0].split(',').indexOf('threat');
    for (const l of rows.slice(1)) {
      const f = l.split(',');
      if (f[tcol] === 'vehicle') {
        expect(Number(f[col])).toBeGreaterThanOrEqual(363);
        expect(Number(f[col])).toBeLessThanOrEqual(366);
      }
    }
  });

  it('watchline coverage: a profile along the real chainage', () => {
    const out = path.join(tmp(), 'c');
    const r = watchline(['coverage', '--config', 'sim-configs/iraq-syria-4km.yaml', '--bin-m', '2000', '--step-m', '20', '--cell-m', '600', '--out', out, '--json']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.frontierKm).toBeGreaterThan(599.2);
    expect(c.frontierKm).toBeLessThan(599.4);
    expect(c.profile.length).toBeGreaterThanOrEqual(299);
    expect(c.profile[c.profile.length - 1].km).toBeLessThanOrEqual(c.frontierKm);
    expect(c.weakestKm).toBeGreaterThanOrEqual(0);
    expect(c.weakestKm).toBeLessThanOrEqual(c.frontierKm);
    expect(c.coveredFraction).toBeGreaterThan(0);
  });
});
