/**
 * Sweeps end to end, in process: common random numbers, the ideal-sensor check, resuming after an
 * interruption, worker counts and shards merging into exactly the unsharded outputs.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { wilson } from '../../src/core/metrics.ts';
import { newPlan, planAttempt } from '../../src/core/attempt.ts';
import { createWorld, withRun } from '../../src/core/world.ts';
import { mergeSweepShards } from '../../src/batch/merge.ts';
import { partialDirOf, runSweep } from '../../src/batch/sweepRun.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'watchline-sweep-'));
const FILES = ['sweep.csv', 'sweep.json', 'sweep-rate.svg', 'sweep-towers.svg'];
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');

/** Ideal 360° sensors of 1 km on the flat 10 km scene; spacing × height grid, two repetitions. */
function configFile(extra = ''): string {
  const file = path.join(tmp(), 'sweep.yaml');
  writeFileSync(
    file,
    [
      `scene: ${path.join(root, 'scenes/flat-10km.yaml')}`,
      'towers: { spacingM: 2000, setbackM: 0, heightM: 15 }',
      'cameras: [ { sensor: ideal, rangeM: 1000, headingDeg: 0, fovDeg: 360 } ]',
      'run: { attempts: 600, seed: 3, stepS: 1 }',
      'sweep: { towers.spacingM: [2000, 4000, 5000], towers.heightM: [15, 25] }',
      'sweepOptions: { repetitions: 2, targetRate: 0.9 }',
      extra,
    ].join('\n'),
  );
  return file;
}

const scenario = (file: string) => loadScenario({ configPath: file });

describe('watchline sweep (library)', () => {
  const cfg = configFile();
  let reference: string;

  it('runs every point and repetition; CRN: the same attempts at every point of a repetition', async () => {
    reference = path.join(tmp(), 'ref');
    const r = await runSweep({ scenario: scenario(cfg), outDir: reference, force: false, workers: 1 });
    expect(r.computed).toBe(12);
    expect(r.resumed).toBe(0);
    const doc = r.doc;
    expect(doc.points).toHaveLength(6);
    for (const f of FILES) expect(existsSync(path.join(reference, f)), f).toBe(true);
    expect(existsSync(partialDirOf(reference))).toBe(false);
    const digests = (rep: number) => new Set(doc.points.map((p) => p.repetitions[rep].attemptsDigest));
    expect(digests(0).size).toBe(1);
    expect(digests(1).size).toBe(1);
    expect([...digests(0)][0]).not.toBe([...digests(1)][0]);
    expect(doc.points.every((p) => p.repetitions[0].seed === 3)).toBe(true);
    // Independent derivation: ideal r = 1 km, towers on the line, Δz = 15 − 1.8 (or 25 − 1.8):
    // rate = 2·√(r² − Δz²)·(towers' coverage inside the line) / L. Towers every 4 km from 2 km on a
    // 10 km line: 2, 6, 10 → covered 1–3, 5–7, 9–10 → 5 km of 10 (shortened by Δz).
    for (const p of doc.points.filter((q) => q.spacingM === 4000)) {
      const dz = (p.params['towers.heightM'] as number) - 1.8;
      const expected = (2.5 * 2 * Math.sqrt(1000 ** 2 - dz ** 2)) / 10_000;
      const [lo, hi] = wilson(p.pooled.detected, p.pooled.attempts, 2.5758);
      expect(expected).toBeGreaterThanOrEqual(lo);
      expect(expected).toBeLessThanOrEqual(hi);
    }
    // Every point at spacing 2000 sees everything: the recommendation is the widest such spacing.
    expect(doc.recommendation!.met).toBe(true);
    expect(doc.recommendation!.spacingM).toBe(2000);
    expect(doc.recommendation!.towers).toBe(5);
    const csv = read(reference, 'sweep.csv').trim().split('\n');
    expect(csv).toHaveLength(13);
  });

  it('the same attempt plans at two points of the grid (core check of common random numbers)', () => {
    const a = createWorld(flatScene(10), spacedConfig(2000, [idealCamera(1000)]));
    const b = createWorld(flatScene(10), spacedConfig(5000, [idealCamera(500)]));
    for (let i = 0; i < 200; i++) expect(planAttempt(withRun(b, { seed: 3 }), i, newPlan())).toEqual(planAttempt(withRun(a, { seed: 3 }), i, newPlan()));
  });

  it('an interrupted sweep resumes where it stopped and ends with identical outputs', async () => {
    const out = path.join(tmp(), 'resumed');
    const controller = new AbortController();
    let seen = 0;
    await expect(
      runSweep({
        scenario: scenario(cfg),
        outDir: out,
        force: false,
        workers: 1,
        signal: controller.signal,
        onUnit: () => {
          if (++seen === 5) controller.abort(new Error('simulated interruption'));
        },
      }),
    ).rejects.toThrow('simulated interruption');
    expect(existsSync(out)).toBe(false);
    const partial = partialDirOf(out);
    expect(readdirSync(path.join(partial, 'points')).filter((f) => f.endsWith('.json'))).toHaveLength(5);
    // A torn write never lands under its name; leave a stray temporary file to show it is ignored.
    writeFileSync(path.join(partial, 'points', '.p00005-r1.json.123.tmp'), '{"point": 5, "repe');
    const r = await runSweep({ scenario: scenario(cfg), outDir: out, force: false, workers: 2 });
    expect(r.resumed).toBe(5);
    expect(r.computed).toBe(7);
    for (const f of FILES) expect(read(out, f), f).toBe(read(reference, f));
  });

  it('a different sweep does not resume another one’s progress without --force', async () => {
    const out = path.join(tmp(), 'other');
    const controller = new AbortController();
    await expect(runSweep({ scenario: scenario(cfg), outDir: out, force: false, workers: 1, signal: controller.signal, onUnit: () => controller.abort(new Error('stop')) })).rejects.toThrow('stop');
    const changed = scenario(configFile('response: { delayS: 60, speedMps: 5 }'));
    await expect(runSweep({ scenario: changed, outDir: out, force: false, workers: 1 })).rejects.toThrow(/unfinished sweep with different inputs/);
    const r = await runSweep({ scenario: changed, outDir: out, force: true, workers: 1 });
    expect(r.resumed).toBe(0);
    expect(r.doc.response).toEqual({ delayS: 60, speedMps: 5, source: 'config' });
  });

  it('shards (N = 2, 4) merge into exactly the unsharded outputs', async () => {
    for (const n of [2, 4]) {
      const base = tmp();
      const dirs: string[] = [];
      for (let k = 1; k <= n; k++) {
        const d = path.join(base, `s${k}`);
        const r = await runSweep({ scenario: scenario(cfg), outDir: d, force: false, workers: 1, shard: { k, n } });
        expect(r.doc.shard).toBe(`${k}/${n}`);
        dirs.push(d);
      }
      const merged = path.join(base, 'merged');
      await mergeSweepShards(dirs.reverse(), merged, false);
      for (const f of FILES) expect(read(merged, f), `${f}, N = ${n}`).toBe(read(reference, f));
    }
  });

  it('merge refuses an incomplete set of sweep shards', async () => {
    const base = tmp();
    const d = path.join(base, 's1');
    await runSweep({ scenario: scenario(cfg), outDir: d, force: false, workers: 1, shard: { k: 1, n: 3 } });
    await expect(mergeSweepShards([d], path.join(base, 'm'), false)).rejects.toThrow(/shard 2\/3 is missing/);
    expect(existsSync(path.join(base, 'm'))).toBe(false);
  });
});
