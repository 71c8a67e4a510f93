/**
 * Analytic coverage (src/coverage) against hand calculations and against a Monte Carlo of the bounded
 * model written here. The comparison with the simulation itself is in agreement.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { wilson } from '../../src/core/metrics.ts';
import { lineOfSight } from '../../src/core/lineOfSight.ts';
import { SEARCH_TAU_S, pInfinity } from '../../src/core/sensors/thermal.ts';
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { breachPath } from '../../src/coverage/breach.ts';
import { analyzeCoverage } from '../../src/coverage/coverage.ts';
import { coverageProfile, crossingPath, crossingPDetect, kAt, pathPoint, summarizeProfile } from '../../src/coverage/profile.ts';
import { cameraLook, createRateContext, newLook, viewDuty } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { attentionShare } from '../../src/coverage/watch.ts';
import { weakestDensity } from '../../src/coverage/weakest.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

const deg = Math.PI / 180;

function context(scene: SceneSpec, config: ConfigSpec) {
  const world = createWorld(scene, config);
  return createRateContext(world, referenceTarget(world));
}

/** Every camera in service and seen at full attention: the profile is each camera's P_c combined. */
const plain: Partial<ConfigSpec> = { availability: 1, watch: { mode: 'ideal' } };

/** One tower at km 1 of a flat 4 km border, 50 m behind the line, 15 m high, carrying `cameras`. */
function oneTower(cameras: CameraSpec[], over: Partial<ConfigSpec> = plain): ConfigSpec {
  return { ...spacedConfig(4000, cameras, 100, over), towers: { at: [{ km: 1 }], setbackM: 50, heightM: 15 } };
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
  const ctx = context(flatScene(10), spacedConfig(4000, [idealCamera(1000)], 2000, plain));
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

describe('bounded profile by hand', () => {
  it('one ideal camera of P∞ = p: the profile is p within reach and 0 outside; A·p with availability A', () => {
    // Ideal 360° r = 1000 m at km 1: a straight crossing at s passes level with the tower (50 m in),
    // 13.2 m below the camera, so it is seen iff |s − 1000| ≤ √(1000² − 13.2²); then detected iff u < p.
    const reach = Math.sqrt(1000 ** 2 - 13.2 ** 2);
    const ideal: CameraSpec = { sensor: 'ideal', rangeM: 1000, headingDeg: 0, fovDeg: 360, pInfinity: 0.6 };
    const full = context(flatScene(4), oneTower([ideal]));
    const stressed = context(flatScene(4), oneTower([ideal], { availability: 0.7 }));
    for (const s of [1000, 1500, 1900, 1000 + reach - 1, 1000 + reach + 1, 2500, 3500]) {
      const inside = Math.abs(s - 1000) <= reach;
      expect(crossingPDetect(full, s), `s = ${s}`).toBe(inside ? 0.6 : 0);
      expect(crossingPDetect(stressed, s), `s = ${s}`).toBeCloseTo(inside ? 0.7 * 0.6 : 0, 15);
    }
  });

  describe('a thermal camera that sees only the climber on the crest: P = A·P∞·(1 − e^(−a·P∞·T/τ))', () => {
    // A person at 1 m/s starts 2001.5 m out, so reaches the wall's far face at t = 2000 s and sits on
    // the crest (top 3 + 0.9 m) for T = 10 s. With steps of 5 s, two step midpoints (2002.5, 2007.5 s)
    // fall on the crest and none next to it (the neighbours are 4.5 m off the line). A camera 1 km
    // along the border with a 0.01° field of view aimed at the crossing point sees the crest and
    // nothing else of the path (a ground point 4.5 m off the line is 0.26° off its axis).
    const scene = flatScene(4, { strip: { approachM: 2001.5, depthM: 1000 }, border: { line: { type: 'straight', lengthKm: 4 }, barrier: { heightM: 3, widthM: 3, gaps: [], delayS: { foot: 10 } } } }, [
      { kind: 'foot', share: 1, speedMps: 1 },
    ]);
    const s = 2000;
    const probe = createWorld(scene, oneTower([{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0 }]));
    const cx = probe.cameras.x[0];
    const cy = probe.cameras.y[0];
    const outward = probe.cameras.headingRad[0];
    const headingDeg = (outward - Math.atan2(0 - cy, s - cx)) / deg;
    const narrow: CameraSpec = { sensor: 'thermal', preset: 'short-range-320', headingDeg, fovDeg: 0.01 };
    // Seven more cameras on the tower looking home (never at the path): they count as feeds to watch.
    const away: CameraSpec = { sensor: 'thermal', preset: 'short-range-320', headingDeg: 180, fovDeg: 0.01 };
    const model = probe.models[0].thermal!;
    const pInf = pInfinity(model, model.johnson.detect, 0.75, 3, 0.15, Math.hypot(s - cx, cy, 15 - 3.9));
    const byHand = (A: number, a: number) => A * pInf * (1 - Math.exp((-a * pInf * 10) / SEARCH_TAU_S));
    it('the case is not degenerate: P∞ well inside (0, 1), exposure far from saturation', () => {
      expect(pInf).toBeGreaterThan(0.2);
      expect(pInf).toBeLessThan(0.5);
      expect(byHand(1, 1)).toBeGreaterThan(0.2 * pInf);
      expect(byHand(1, 1)).toBeLessThan(0.8 * pInf);
    });
    it('full attention, every camera in service', () => {
      const ctx = context(scene, oneTower([narrow]));
      expect(crossingPDetect(ctx, s, 5)).toBeCloseTo(byHand(1, 1), 12);
    });
    it('operators mode: 8 feeds for one operator, a(8) = 1/(1 + 0.19·7); availability 0.7: K̄ = 5.6', () => {
      const eight = [narrow, ...Array.from({ length: 7 }, () => away)];
      const watched = context(scene, oneTower(eight, { availability: 1, watch: { mode: 'operators', operators: 1 } }));
      expect(crossingPDetect(watched, s, 5)).toBeCloseTo(byHand(1, 1 / (1 + 0.19 * 7)), 12);
      const stressed = context(scene, oneTower(eight, { availability: 0.7, watch: { mode: 'operators', operators: 1 } }));
      expect(crossingPDetect(stressed, s, 5)).toBeCloseTo(byHand(0.7, attentionShare(5.6)), 12);
    });
    it('analytics mode: full attention on the analytics’ N50 (1.5 cycles)', () => {
      const ctx = context(scene, oneTower([narrow], { availability: 1, watch: { mode: 'analytics' } }));
      const p15 = pInfinity(model, 1.5, 0.75, 3, 0.15, Math.hypot(s - cx, cy, 15 - 3.9));
      expect(p15).toBeLessThan(pInf);
      expect(crossingPDetect(ctx, s, 5)).toBeCloseTo(p15 * (1 - Math.exp((-p15 * 10) / SEARCH_TAU_S)), 12);
    });
  });

  it('a P∞ that rises then falls along the track: equal to a direct integration over u', () => {
    // A full-turn short-range camera 1 km beside the crossing: P∞ peaks near 0.32 at the closest
    // approach; the duty cycle keeps the exposure unsaturated, so the threshold matters.
    const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 360, periodS: 20 } }];
    const world = createWorld(flatScene(4), oneTower(cams));
    const ctx = createRateContext(world, referenceTarget(world));
    const s = 2000;
    // The path stepped by hand: 5 m steps at 1.2 m/s from t = 0; out on the ground, 60 s on the crest, in.
    const v = 1.2;
    const h = 5 / v;
    const tBarrier = (2000 - 1.5) / v;
    const tCrossed = tBarrier + 60;
    const tThrough = tCrossed + (1000 - 1.5) / v;
    const c = world.cameras;
    const model = world.models[0].thermal!;
    const p: number[] = [];
    const e: number[] = [];
    let pMax = 0;
    let exposure = 0;
    for (let t0 = 0; t0 < tThrough; t0 += h) {
      const dt = Math.min(h, tThrough - t0);
      const t = t0 + dt / 2;
      const onCrest = t > tBarrier && t < tCrossed;
      const d = t <= tBarrier ? -2000 + v * t : onCrest ? 0 : 1.5 + v * (t - tCrossed);
      const z = onCrest ? 3.9 : 1.8;
      const pInf = pInfinity(model, model.johnson.detect, 0.75, 3, 0.15, Math.hypot(s - c.x[0], d - c.y[0], z - c.z[0]));
      if (pInf < 1e-6 || !lineOfSight(world, c.x[0], c.y[0], c.z[0], s, d, z)) continue;
      // A full turn keeps the target in view fov / 360° of the time.
      const rate = ((c.halfFovRad[0] / Math.PI) * pInf) / SEARCH_TAU_S;
      p.push(pInf);
      e.push(rate * dt);
      pMax = Math.max(pMax, pInf);
      exposure += rate * dt;
    }
    let direct = 0;
    const n = 100_000;
    for (let k = 0; k < n; k++) {
      const u = (k + 0.5) / n;
      let H = 0;
      for (let i = 0; i < p.length; i++) if (p[i] > u) H += e[i];
      direct += 1 - Math.exp(-H);
    }
    direct /= n;
    const got = crossingPDetect(ctx, s);
    // The midpoint rule over u errs by at most 1/n.
    expect(Math.abs(got - direct)).toBeLessThan(2e-5);
    // And the shortcut max P∞·(1 − e^(−∫λ)) is measurably above it here: the bound is not the answer.
    expect(pMax * (1 - Math.exp(-exposure)) - got).toBeGreaterThan(0.005);
  });

  it('availability A scales a single camera’s profile to A·P_c', () => {
    const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 360, periodS: 20 } }];
    const full = context(flatScene(4), oneTower(cams));
    const half = context(flatScene(4), oneTower(cams, { availability: 0.5, watch: { mode: 'ideal' } }));
    for (const s of [1200, 1600, 2000, 2600]) {
      const p = crossingPDetect(full, s);
      expect(p).toBeGreaterThan(0.01);
      expect(crossingPDetect(half, s)).toBeCloseTo(0.5 * p, 12);
    }
  });

  it('two cameras combine as independent observers: 1 − (1 − P₁)(1 − P₂)', () => {
    const a: CameraSpec = { sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 360, periodS: 20 } };
    const b: CameraSpec = { sensor: 'thermal', preset: 'mid-range-640', headingDeg: 30, scan: { sectorDeg: 120, periodS: 30 } };
    const over = { availability: 0.9, watch: { mode: 'ideal' as const } };
    const one = context(flatScene(4), oneTower([a], over));
    const two = context(flatScene(4), oneTower([b], over));
    const both = context(flatScene(4), oneTower([a, b], over));
    for (const s of [1300, 1700, 2000]) {
      const p1 = crossingPDetect(one, s);
      const p2 = crossingPDetect(two, s);
      expect(p1).toBeGreaterThan(0.02);
      expect(p2).toBeGreaterThan(0.02);
      // Within the profile's pruning tolerance (1e-6).
      expect(Math.abs(crossingPDetect(both, s) - (1 - (1 - p1) * (1 - p2)))).toBeLessThan(1e-6);
    }
  });

  it('the integration step changes P only at the third decimal (midpoint rule, 1 m vs 5 m)', () => {
    const ctx = context(flatScene(16), spacedConfig(6000, [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, fovDeg: 90 }]));
    for (const sM of [4700, 4850, 5000]) expect(crossingPDetect(ctx, sM, 1 / 1.2)).toBeCloseTo(crossingPDetect(ctx, sM), 2);
  });
});

describe('profile against a Monte Carlo of the bounded model (written here, fixed cameras)', () => {
  // Short-range 320 cameras with a fixed 90° view looking out, towers every 6 km: 300 to 900 m beside
  // a tower the crossing is seen only on the far side, at P∞ well below 1, so P is intermediate. Operators mode with
  // the default single operator for 3 cameras, availability 0.8: each attempt draws which cameras are
  // in service, the attention share a(K) of that draw, one threshold u and one exponential per camera.
  const scene = flatScene(16);
  const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, fovDeg: 90 }];
  const config = spacedConfig(6000, cams, 100, { availability: 0.8 });
  const ctx = context(scene, config);
  // The same path at full attention: each camera's P∞ and exposure at the step midpoints.
  const raw = context(scene, { ...config, watch: { mode: 'ideal' } });
  let state = 0x9e3779b9;
  /** mulberry32: a small seeded generator for this test. */
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  function monteCarlo(sM: number, attempts: number): number {
    const world = raw.world;
    const N = world.cameras.count;
    const path = crossingPath(raw, sM);
    const h = 5 / 1.2;
    const pt = { x: 0, y: 0, zTop: 0 };
    const look = newLook();
    const samples = Array.from({ length: N }, () => ({ p: [] as number[], e: [] as number[] }));
    for (let t0 = 0; t0 < path.tThroughS; t0 += h) {
      const dt = Math.min(h, path.tThroughS - t0);
      pathPoint(raw, path, t0 + dt / 2, pt);
      for (let k = 0; k < N; k++) {
        if (cameraLook(raw, k, pt.x, pt.y, pt.zTop, look) <= 0) continue;
        samples[k].p.push(look.pInf);
        samples[k].e.push(look.rate * dt);
      }
    }
    const operators = 1;
    let detected = 0;
    const inService = new Uint8Array(N);
    for (let n = 0; n < attempts; n++) {
      let up = 0;
      for (let k = 0; k < N; k++) up += inService[k] = rand() < 0.8 ? 1 : 0;
      const a = 1 / (1 + 0.19 * (Math.max(1, up / operators) - 1));
      let seen = false;
      for (let k = 0; k < N; k++) {
        const u = rand();
        const threshold = -Math.log(1 - rand());
        if (!inService[k]) continue;
        let H = 0;
        for (let i = 0; i < samples[k].p.length; i++) if (samples[k].p[i] > u) H += a * samples[k].e[i];
        if (H >= threshold) seen = true;
      }
      if (seen) detected++;
    }
    return detected;
  }
  for (const sM of [3300, 3600, 3900]) {
    it(`at km ${sM / 1000}: analytic P inside the Monte Carlo's 99 % interval`, () => {
      const p = crossingPDetect(ctx, sM);
      expect(p).toBeGreaterThan(0.1);
      expect(p).toBeLessThan(0.9);
      const n = 6000;
      const [lo, hi] = wilson(monteCarlo(sM, n), n, 2.5758);
      expect(p).toBeGreaterThanOrEqual(lo);
      expect(p).toBeLessThanOrEqual(hi);
    });
  }
});

describe('worst-case breach path', () => {
  const scene = flatScene(10);
  const pan: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 120, periodS: 30 } }];
  const ctx = context(scene, spacedConfig(3000, pan));
  const b = breachPath(ctx, { cellM: 50 });
  it('is never more detected than any straight crossing on its grid, nor than the profile’s weakest', () => {
    expect(b.pDetect).toBeLessThanOrEqual(b.straightPDetect);
    expect(b.pDetect).toBeLessThanOrEqual(Math.min(b.surrogatePDetect.hazard, b.surrogatePDetect.bounded));
    // The grid's straight columns against the profile's crossings at the same chainages (5 m steps
    // rather than the grid's 50 m trapezoids): the best column is within the discretisation of them.
    let minProfile = 1;
    for (let i = 0; i < b.columns; i++) minProfile = Math.min(minProfile, crossingPDetect(ctx, (i + 0.5) * b.cellAlongM));
    expect(Math.abs(b.straightPDetect - minProfile)).toBeLessThan(0.02);
    const world = createWorld(scene, spacedConfig(3000, pan));
    const report = analyzeCoverage(world, { binM: 50, breachCellM: 50 });
    expect(report.breachPath!.pDetect).toBeLessThanOrEqual(report.weakestPDetect);
    expect(report.breachPath!.gridPDetect).toBeCloseTo(b.pDetect, 12);
  });
  it('over rolling ground with wadis, a bent path found on a surrogate beats every straight crossing', () => {
    const hilly = flatScene(8, { terrain: { type: 'procedural', seed: 3, reliefM: 25, wadis: 3, wadiDepthM: 6, wadiWidthM: 60, cellM: 10 } });
    const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'mid-range-640', headingDeg: 0, scan: { sectorDeg: 360, periodS: 30 } }];
    const bent = breachPath(context(hilly, spacedConfig(2000, cams)), { cellM: 50 });
    expect(bent.found).not.toBe('straight');
    expect(bent.pDetect).toBeLessThan(bent.straightPDetect - 0.1);
    expect(bent.points.length).toBeGreaterThan(2);
  });
  it('runs from the far edge to the home edge', () => {
    expect(b.points[0].offsetM).toBe(-2000);
    expect(b.points[b.points.length - 1].offsetM).toBe(1000);
    expect(b.pDetect).toBeGreaterThan(0);
  });
  it('when every way across passes an ideal sensor of P∞ = p: exactly A·p (one sensor is unavoidable, two are not)', () => {
    // Ideal 360° cameras of 1.2 km every 2 km, 50 m back: their circles overlap along the whole line,
    // so every path meets one; a path straight past a tower meets only that tower's (the next is 2 km off).
    const ideal: CameraSpec = { sensor: 'ideal', rangeM: 1200, headingDeg: 0, fovDeg: 360, pInfinity: 0.8 };
    const c = context(flatScene(6), spacedConfig(2000, [ideal], 100, { availability: 0.9, watch: { mode: 'ideal' } }));
    expect(breachPath(c, { cellM: 50 }).pDetect).toBeCloseTo(0.9 * 0.8, 12);
    const sure = context(flatScene(6), spacedConfig(2000, [idealCamera(1200)], 100, plain));
    expect(breachPath(sure, { cellM: 50 }).pDetect).toBe(1);
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
});
