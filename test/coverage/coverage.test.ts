/**
 * Analytic coverage (src/coverage) against hand calculations and against the Monte Carlo simulation.
 */
import { describe, expect, it } from 'vitest';
import { newPlan, planAttempt } from '../../src/core/attempt.ts';
import { densityFromWeights } from '../../src/core/crossing.ts';
import { wilson } from '../../src/core/metrics.ts';
import { runAttempts } from '../../src/core/run.ts';
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld, withRun } from '../../src/core/world.ts';
import { breachPath } from '../../src/coverage/breach.ts';
import { analyzeCoverage, createWorldWithCoverage } from '../../src/coverage/coverage.ts';
import { coverageProfile, crossingHazard, kAt, pDetectOf, summarizeProfile } from '../../src/coverage/profile.ts';
import { createRateContext, viewDuty } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { weakestDensity } from '../../src/coverage/weakest.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

const deg = Math.PI / 180;

function context(scene: SceneSpec, config: ConfigSpec) {
  const world = createWorld(scene, config);
  return createRateContext(world, referenceTarget(world));
}

/** Monte Carlo detection rate of people crossing at chainage sM (±0.5 m), night, n attempts. */
function mcRateAt(scene: SceneSpec, config: ConfigSpec, sM: number, n: number): { k: number; n: number } {
  const weakest = densityFromWeights(Float64Array.of(0, sM - 0.5, sM + 0.5, scene.border.line.type === 'straight' ? scene.border.line.lengthKm * 1000 : 0), [0, 1, 0]);
  const world = createWorld({ ...scene, crossing: { distribution: 'weakest' } }, config, { weakest });
  let k = 0;
  runAttempts(withRun(world, { seed: 11, stepS: 1 }), 0, n, (o) => {
    if (o.detected) k++;
  });
  return { k, n };
}

describe('view duty of panning cameras (time-averaged field of view)', () => {
  const world = createWorld(flatScene(4), spacedConfig(2000, [{ sensor: 'thermal', preset: 'mid-range-640', headingDeg: 0, scan: { sectorDeg: 120, periodS: 30 } }]));
  const c = world.cameras;
  const outward = c.headingRad[0];
  const fov = c.halfFovRad[0] * 2;
  it('well inside the sector: fov / (sector − fov), the share of centre angles within half a fov', () => {
    expect(viewDuty(c, 0, outward)).toBeCloseTo(fov / (120 * deg - fov), 12);
    expect(viewDuty(c, 0, outward + 30 * deg)).toBeCloseTo(fov / (120 * deg - fov), 12);
  });
  it('falls linearly to 0 across the sector edge, and is 0 outside', () => {
    const a = 60 * deg - fov / 2; // amplitude of the centre
    // At the centre's extreme, half the field of view's width overlaps: (fov/2) / 2a.
    expect(viewDuty(c, 0, outward + a)).toBeCloseTo(fov / 2 / (2 * a), 12);
    expect(viewDuty(c, 0, outward + 61 * deg)).toBe(0);
    expect(viewDuty(c, 0, outward + 180 * deg)).toBe(0);
  });
  it('fixed cameras see or not; staring and full turns by hand', () => {
    const fixed = createWorld(flatScene(4), spacedConfig(2000, [{ sensor: 'thermal', preset: 'mid-range-640', headingDeg: 0 }])).cameras;
    expect(viewDuty(fixed, 0, fixed.headingRad[0] + 4 * deg)).toBe(1);
    expect(viewDuty(fixed, 0, fixed.headingRad[0] + 5 * deg)).toBe(0);
    const turn = createWorld(flatScene(4), spacedConfig(2000, [{ sensor: 'thermal', preset: 'mid-range-640', headingDeg: 0, scan: { sectorDeg: 360, periodS: 20 } }])).cameras;
    expect(viewDuty(turn, 0, 1.234)).toBeCloseTo(turn.halfFovRad[0] / Math.PI, 12);
    const stare = createWorld(flatScene(4), spacedConfig(2000, [idealCamera(500)])).cameras;
    expect(viewDuty(stare, 0, 2)).toBe(1);
  });
});

describe('k-coverage by hand (ideal 360° sensors)', () => {
  // Towers every 1500 m from 750 m, 50 m behind the line, 15 m high; range 1000 m. A person climbing
  // the wall is on its crest: top 3 + 0.9 m, so Δz = 11.1 m. Camera t covers chainage s iff
  // (s − t)² + 50² + 11.1² ≤ 1000².
  const reach = Math.sqrt(1000 ** 2 - 50 ** 2 - 11.1 ** 2);
  const towers = [750, 2250, 3750, 5250, 6750, 8250, 9750];
  const byHand = (s: number) => towers.filter((t) => Math.abs(s - t) <= reach).length;
  const scene = flatScene(10);
  const config = spacedConfig(1500, [idealCamera(1000)]);
  const ctx = context(scene, config);
  it('k at chainages equals the count of towers within reach', () => {
    for (let s = 5; s < 10_000; s += 37) expect(kAt(ctx, s), `s = ${s}`).toBe(byHand(s));
  });
  it('shares of length with k ≥ 1, 2, 3 match the hand integral to a bin', () => {
    const bins = coverageProfile(ctx, { binM: 10 });
    const sum = summarizeProfile(bins);
    // Exact lengths: k ≥ 1 on the union of [t − reach, t + reach] ∩ [0, L]; k ≥ 2 on the overlaps.
    let len1 = 0;
    let len2 = 0;
    for (let s = 0.05; s < 10_000; s += 0.1) {
      const k = byHand(s);
      if (k >= 1) len1 += 0.1;
      if (k >= 2) len2 += 0.1;
    }
    expect(sum.kCoverage.atLeast1).toBeCloseTo(len1 / 10_000, 2);
    expect(sum.kCoverage.atLeast2).toBeCloseTo(len2 / 10_000, 2);
    expect(sum.kCoverage.atLeast3).toBe(0);
    // Overlaps: 6 × (2·reach − 1500) ≈ 2975 m of 10 km.
    expect(len2 / 10_000).toBeCloseTo((6 * (2 * reach - 1500)) / 10_000, 3);
  });
});

describe('profile, gaps and the weakest point (ideal sensors: P is 0 or 1)', () => {
  // Ideal 360° r = 1000 m every 4 km: a straight crossing at chainage s passes the tower's offset at
  // |s − t|, 13.2 m below the camera, so it is detected iff |s − t| ≤ √(1000² − 13.2²).
  const reach = Math.sqrt(1000 ** 2 - 13.2 ** 2);
  const ctx = context(flatScene(10), spacedConfig(4000, [idealCamera(1000)]));
  const bins = coverageProfile(ctx, { binM: 10 });
  const sum = summarizeProfile(bins);
  it('P(s) is 1 within reach of a tower and 0 elsewhere', () => {
    for (const b of bins) {
      const s = b.km * 1000;
      const seen = [2000, 6000, 10_000].some((t) => Math.abs(s - t) <= reach);
      expect(b.pDetect, `s = ${s}`).toBe(seen ? 1 : 0);
    }
  });
  it('gaps are the uncovered stretches, to a bin', () => {
    expect(sum.gaps.map((g) => [g.fromKm, g.toKm])).toEqual([
      [0, 1.0],
      [3.0, 5.0],
      [7.0, 9.0],
    ]);
    expect(sum.coveredFraction).toBeCloseTo(0.5, 2);
    expect(sum.weakestPDetect).toBe(0);
    expect(sum.weakestKm).toBeCloseTo(0.005, 9);
  });
  it('the breach path goes through a gap with P = 0', () => {
    const b = breachPath(ctx, { cellM: 50 });
    expect(b.pDetect).toBe(0);
    for (const p of b.points) {
      const s = p.km * 1000;
      expect([2000, 6000, 10_000].every((t) => Math.abs(s - t) > reach - 60)).toBe(true);
    }
  });
});

describe('analytic profile agrees with the Monte Carlo rate of straight crossings', () => {
  // Short-range 320 cameras with a fixed 90° view looking out, towers every 6 km: between 4.6 and
  // 5 km the crossing sees a tower's camera only far out, at ranges where P∞ is small, so P is
  // intermediate. Night, clear, flat: the analytic rate is exactly the simulation's (no panning).
  const scene = flatScene(16);
  const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, fovDeg: 90 }];
  const config = spacedConfig(6000, cams);
  const ctx = context(scene, config);
  for (const sM of [4700, 4850, 5000]) {
    it(`at km ${sM / 1000}: analytic P inside the MC's 99 % interval`, () => {
      const p = pDetectOf(crossingHazard(ctx, sM));
      expect(p).toBeGreaterThan(0.1);
      expect(p).toBeLessThan(0.99);
      const { k, n } = mcRateAt(scene, config, sM, 1500);
      const [lo, hi] = wilson(k, n, 2.5758);
      expect(p).toBeGreaterThanOrEqual(lo);
      expect(p).toBeLessThanOrEqual(hi);
    });
  }
  it('the integration step changes P only at the third decimal (midpoint rule, 1 m vs 5 m)', () => {
    for (const sM of [4700, 4850, 5000]) {
      expect(pDetectOf(crossingHazard(ctx, sM, 1 / 1.2))).toBeCloseTo(pDetectOf(crossingHazard(ctx, sM)), 2);
    }
  });

  it('panning cameras: the time-averaged profile matches the MC within its interval (+1 point for Jensen)', () => {
    const pan: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 120, periodS: 30 } }];
    const cfg = spacedConfig(4000, pan);
    const c = context(flatScene(10), cfg);
    for (const sM of [3400, 3800]) {
      const p = pDetectOf(crossingHazard(c, sM));
      expect(p).toBeGreaterThan(0.5);
      expect(p).toBeLessThan(0.9);
      const { k, n } = mcRateAt(flatScene(10), cfg, sM, 1500);
      const [lo, hi] = wilson(k, n, 2.5758);
      // The average overstates P a little (1 − E[e^(−H)] ≤ 1 − e^(−E[H])), never understates it.
      expect(p).toBeGreaterThanOrEqual(lo);
      expect(p).toBeLessThanOrEqual(hi + 0.01);
    }
  });
});

describe('worst-case breach path', () => {
  const scene = flatScene(10);
  const pan: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 120, periodS: 30 } }];
  const ctx = context(scene, spacedConfig(3000, pan));
  const b = breachPath(ctx, { cellM: 50 });
  it('is never more detected than the best straight crossing on its grid, nor than the profile’s', () => {
    expect(b.pDetect).toBeLessThanOrEqual(b.straightPDetect);
    const world = createWorld(scene, spacedConfig(3000, pan));
    const report = analyzeCoverage(world, { binM: 50, breachCellM: 50 });
    expect(report.breachPath!.pDetect).toBeLessThanOrEqual(report.weakestPDetect);
    expect(report.breachPath!.gridPDetect).toBeCloseTo(b.pDetect, 12);
  });
  it('runs from the far edge to the home edge', () => {
    expect(b.points[0].offsetM).toBe(-2000);
    expect(b.points[b.points.length - 1].offsetM).toBe(1000);
    expect(b.pDetect).toBeGreaterThan(0);
  });
  it('is detected for certain when every way across passes an ideal sensor', () => {
    // Ideal 360° cameras of 1.2 km every 2 km, 50 m back: their circles overlap along the whole line,
    // so every path meets one (at least on the crest): P = 1.
    const c = context(flatScene(6), spacedConfig(2000, [idealCamera(1200)]));
    expect(breachPath(c, { cellM: 50 }).pDetect).toBe(1);
  });
});

describe('the `weakest` crossing distribution', () => {
  it('puts almost all weight on the lowest-P bins (soft minimum, T = 0.02)', () => {
    const bins = [0.9, 0.1, 0.5, 0.11].map((p, i) => ({ km: i + 0.5, fromKm: i, toKm: i + 1, pDetect: p, k: 0 }));
    const d = weakestDensity(bins);
    const mass = Array.from(d.cdf, (c, i) => c - (i ? d.cdf[i - 1] : 0));
    const w1 = 1;
    const w3 = Math.exp(-0.01 / 0.02);
    expect(mass[1]).toBeCloseTo(w1 / (w1 + w3 + Math.exp(-0.4 / 0.02) + Math.exp(-0.8 / 0.02)), 9);
    expect(mass[0]).toBeLessThan(1e-15);
  });
  it('a run with crossing: weakest crosses where ideal coverage has its gaps', () => {
    const scene = flatScene(10, { crossing: { distribution: 'weakest' } });
    const world = createWorldWithCoverage(scene, spacedConfig(4000, [idealCamera(1000)]));
    const plan = newPlan();
    const reach = Math.sqrt(1000 ** 2 - 13.2 ** 2);
    for (let i = 0; i < 300; i++) {
      planAttempt(withRun(world, { seed: 1 }), i, plan);
      expect([2000, 6000, 10_000].every((t) => Math.abs(plan.crossingM - t) > reach - 50)).toBe(true);
    }
  });
});
