/** The pure part of sweeps: grid expansion, seeds, shards, pooling, the recommendation and the table. */
import { describe, expect, it } from 'vitest';
import { wilson } from '../../src/core/metrics.ts';
import { expandGrid, poolPoint, recommend, repetitionSeed, shardPoints, sweepAxes, sweepCsv, type PointResult, type UnitResult } from '../../src/batch/sweep.ts';

function unit(point: number, repetition: number, attempts: number, detected: number, interrupted = 0): UnitResult {
  return {
    point,
    repetition,
    seed: repetitionSeed(1, repetition),
    attempts,
    detected,
    detectionRate: detected / attempts,
    detectionRateCI95: wilson(detected, attempts),
    detectedBeforeBarrierRate: 0,
    meanTimeToDetectS: null,
    byThreat: { foot: { attempts, detected, detectionRate: detected / attempts } },
    interrupted,
    interruptionRate: interrupted / attempts,
    interruptionRateCI95: wilson(interrupted, attempts),
    lost: { unsensed: attempts - detected, outage: 0, unnoticed: 0, late: 0 },
    attemptsDigest: '00000000',
  };
}

function point(id: number, spacingM: number | null, towers: number, detected: number, attempts = 1000, params: Record<string, unknown> = {}): PointResult {
  return poolPoint({ id, params, spacingM, towers, cameras: 2 * towers, repetitions: [unit(id, 0, attempts, detected)] });
}

describe('grid expansion', () => {
  it('enumerated values and { first, step, last } ranges, first axis slowest', () => {
    const axes = sweepAxes({ 'towers.spacingM': { first: 1000, step: 500, last: 2000 }, 'scene.environment.visibility': ['clear', 'dust'] });
    expect(axes).toEqual([
      { key: 'towers.spacingM', values: [1000, 1500, 2000] },
      { key: 'scene.environment.visibility', values: ['clear', 'dust'] },
    ]);
    const pts = expandGrid(axes);
    expect(pts).toHaveLength(6);
    expect(pts.map((p) => p.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pts[0].params).toEqual({ 'towers.spacingM': 1000, 'scene.environment.visibility': 'clear' });
    expect(pts[1].params).toEqual({ 'towers.spacingM': 1000, 'scene.environment.visibility': 'dust' });
    expect(pts[5].params).toEqual({ 'towers.spacingM': 2000, 'scene.environment.visibility': 'dust' });
  });
  it('0.1 steps reach their end despite rounding; three axes multiply', () => {
    expect(sweepAxes({ a: { first: 0.1, step: 0.1, last: 0.5 } })[0].values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(expandGrid(sweepAxes({ a: [1, 2], b: [1, 2, 3], c: { first: 5, step: -1, last: 1 } }))).toHaveLength(30);
  });
  it('no axes: one point, the config as written', () => {
    expect(expandGrid([])).toEqual([{ id: 0, params: {} }]);
  });
});

describe('seeds and shards', () => {
  it('repetition 0 keeps the run seed; others differ from it and from each other', () => {
    expect(repetitionSeed(7, 0)).toBe(7);
    const seeds = [1, 2, 3, 4].map((r) => repetitionSeed(7, r));
    expect(new Set([7, ...seeds]).size).toBe(5);
    expect(repetitionSeed(7, 2)).toBe(seeds[1]);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });
  it('shards tile the points contiguously, whatever N', () => {
    for (const n of [1, 2, 3, 4, 7, 12]) {
      let next = 0;
      for (let k = 1; k <= n; k++) {
        const [a, b] = shardPoints(10, { k, n });
        expect(a).toBe(next);
        next = b;
      }
      expect(next).toBe(10);
    }
  });
});

describe('pooling and the recommendation', () => {
  it('pools repetitions by adding counts; the interval is Wilson on the sums', () => {
    const p = poolPoint({ id: 0, params: {}, spacingM: 2000, towers: 25, cameras: 50, repetitions: [unit(0, 0, 1000, 900, 400), unit(0, 1, 1000, 950, 500)] });
    expect(p.pooled.attempts).toBe(2000);
    expect(p.pooled.detected).toBe(1850);
    expect(p.pooled.detectionRate).toBe(0.925);
    expect(p.pooled.detectionRateCI95).toEqual(wilson(1850, 2000));
    expect(p.pooled.interruptionRate).toBe(0.45);
    expect(p.pooled.byThreat.foot).toEqual({ attempts: 2000, detected: 1850, detectionRate: 0.925 });
  });
  it('the widest spacing whose lower bound meets the target, with its towers', () => {
    // Lower bounds: 1000 m → 0.996, 2000 m → 0.955, 3000 m → 0.938 (rate 0.95 but not its bound), 4000 m → 0.78.
    const pts = [point(0, 1000, 50, 999), point(1, 2000, 25, 968), point(2, 3000, 17, 952), point(3, 4000, 13, 800)];
    const r = recommend(pts, 0.95);
    expect(r.met).toBe(true);
    expect(r.point).toBe(1);
    expect(r.spacingM).toBe(2000);
    expect(r.towers).toBe(25);
    expect(r.detectionRateCI95![0]).toBeGreaterThanOrEqual(0.95);
    expect(wilson(952, 1000)[0]).toBeLessThan(0.95);
  });
  it('at one spacing, the point with fewer towers (then cameras) wins; unmet targets name the closest', () => {
    const pts = [point(0, 2000, 25, 990, 1000, { h: 10 }), point(1, 2000, 24, 990, 1000, { h: 20 })];
    expect(recommend(pts, 0.9).point).toBe(1);
    const miss = recommend([point(0, 1000, 50, 700), point(1, 2000, 25, 600)], 0.95);
    expect(miss.met).toBe(false);
    expect(miss.point).toBe(0);
    expect(miss.text).toMatch(/no point reaches 95.0 %/);
  });
});

describe('sweep.csv', () => {
  it('one flat row per point and repetition with the parameters as columns', () => {
    const axes = [{ key: 'towers.spacingM', values: [1000, 2000] }, { key: 'cameras.0.preset', values: ['a,b'] }];
    const p0 = poolPoint({ id: 0, params: { 'towers.spacingM': 1000, 'cameras.0.preset': 'a,b' }, spacingM: 1000, towers: 50, cameras: 100, repetitions: [unit(0, 0, 100, 90), unit(0, 1, 100, 80)] });
    const lines = sweepCsv(axes, ['foot'], [p0]).trim().split('\n');
    expect(lines).toHaveLength(3);
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['point', 'towers.spacingM', 'cameras.0.preset', 'repetition']);
    expect(header).toContain('rate_foot');
    expect(header).toContain('interruptionRate');
    expect(lines[1].startsWith('0,1000,"a,b",0,1,100,90,0.9,')).toBe(true);
  });
});

describe('recommendation per condition', () => {
  it('one recommendation per combination of the other axes', async () => {
    const { recommendAll } = await import('../../src/batch/sweep.ts');
    const axes = [{ key: 'towers.spacingM', values: [2000, 4000] }, { key: 'scene.environment.visibility', values: ['clear', 'dust'] }];
    const pts = [
      point(0, 2000, 25, 1000, 1000, { 'towers.spacingM': 2000, 'scene.environment.visibility': 'clear' }),
      point(1, 2000, 25, 990, 1000, { 'towers.spacingM': 2000, 'scene.environment.visibility': 'dust' }),
      point(2, 4000, 13, 999, 1000, { 'towers.spacingM': 4000, 'scene.environment.visibility': 'clear' }),
      point(3, 4000, 13, 800, 1000, { 'towers.spacingM': 4000, 'scene.environment.visibility': 'dust' }),
    ];
    const r = recommendAll(pts, 0.95, axes);
    expect(r.spacingM).toBe(4000);
    expect(r.bySeries!.map((s) => [s.series['scene.environment.visibility'], s.spacingM])).toEqual([
      ['clear', 4000],
      ['dust', 2000],
    ]);
  });
});
