import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOST_NONE, LOST_OUTAGE, LOST_UNNOTICED, LOST_UNSENSED, newOutcome, newPlan, newPosition, newScratch, planAttempt, positionAt, simulateAttempt } from '../../src/core/attempt.ts';
import type { AttemptOutcome } from '../../src/core/attempt.ts';
import { densityFromWeights } from '../../src/core/crossing.ts';
import { wilson } from '../../src/core/metrics.ts';
import { runAttempts } from '../../src/core/run.ts';
import { CAMERA_PRESETS, MAKER_JOHNSON } from '../../src/core/sensors/presets.ts';
import { pInfinity, thermalParams } from '../../src/core/sensors/thermal.ts';
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { TUNNEL_DEFAULTS } from '../../src/core/threats.ts';
import { createWorld, withRun } from '../../src/core/world.ts';
import { flatScene, idealCamera, spacedConfig } from './fixtures.ts';

function detectionRate(scene: SceneSpec, config: ConfigSpec, stepS = config.run.stepS): { k: number; n: number; rate: number } {
  const world = createWorld(scene, config);
  let k = 0;
  const n = config.run.attempts;
  runAttempts(withRun(world, { stepS }), 0, n, (o) => {
    if (o.detected) k++;
  });
  return { k, n, rate: k / n };
}

/** The validation chain: every camera in service, every sensing event at once an alarm (watch.mode ideal). */
const IDEAL_CHAIN: Partial<ConfigSpec> = { availability: 1, watch: { mode: 'ideal' } };

/** Is the expected share inside the 99 % Wilson interval of k of n? */
function within99(expected: number, k: number, n: number): void {
  const [lo, hi] = wilson(k, n, 2.5758);
  expect(expected).toBeGreaterThanOrEqual(lo - 1e-12);
  expect(expected).toBeLessThanOrEqual(hi + 1e-12);
}

/** A world whose attempts all cross at chainage sM (±0.5 m) of a flat straight border. */
function fixedTrackWorld(scene: SceneSpec, config: ConfigSpec, sM: number) {
  const lengthM = scene.border.line.type === 'straight' ? scene.border.line.lengthKm * 1000 : 0;
  const weakest = densityFromWeights(Float64Array.of(0, sM - 0.5, sM + 0.5, lengthM), [0, 1, 0]);
  return createWorld({ ...scene, crossing: { distribution: 'weakest' } }, config, { weakest });
}

const thermal = (preset: string) => ({ sensor: 'thermal' as const, preset, headingDeg: 0, fovDeg: 360 });
// A fixed camera looking straight out with its own optics' field of view (11.5° for the 320): a
// narrow wedge, so rates stay well inside (0, 1) and their changes are measurable. With 360° staring
// cameras the long exposure of a 50-minute crossing makes nearly every attempt detected.
const fixedNarrow = (preset: string) => ({ sensor: 'thermal' as const, preset, headingDeg: 0 });

describe('attempt plans', () => {
  const world = createWorld(flatScene(10, { border: { line: { type: 'straight', lengthKm: 10 }, barrier: { heightM: 3, widthM: 3, gaps: [] } } }), spacedConfig(2000, [idealCamera(500)]));
  it('walk from approachM out, wait on the wall, and go depthM in', () => {
    const plan = planAttempt(world, 0, newPlan());
    // foot at 1.2 m/s: 1998.5 m to the far face = 1665.4 s; 60 s on the wall; 998.5 m more.
    expect(plan.tBarrierS).toBeCloseTo(1998.5 / 1.2, 9);
    expect(plan.tCrossedS - plan.tBarrierS).toBe(60);
    expect(plan.tThroughS - plan.tCrossedS).toBeCloseTo(998.5 / 1.2, 9);
    const pos = newPosition();
    expect(positionAt(world, plan, 0, pos).dM).toBe(-2000);
    expect(positionAt(world, plan, plan.tBarrierS + 30, pos).onWall).toBe(true);
    expect(pos.zTop).toBeCloseTo(3 + 0.9, 9);
    expect(positionAt(world, plan, plan.tThroughS, pos).dM).toBeCloseTo(1000, 9);
  });
  it('are a pure function of (seed, id)', () => {
    const a = planAttempt(withRun(world, { seed: 9 }), 123, newPlan());
    const b = planAttempt(withRun(world, { seed: 9 }), 123, newPlan());
    expect(b).toEqual(a);
    expect(planAttempt(withRun(world, { seed: 10 }), 123, newPlan()).crossingM).not.toBe(a.crossingM);
  });
  it('start at night for a night scene (20:00–05:00)', () => {
    for (let i = 0; i < 200; i++) {
      const h = planAttempt(world, i, newPlan()).startTimeS / 3600;
      expect(h < 5 || h >= 20).toBe(true);
    }
  });
});

describe('sanity cases (docs/model.md §5)', () => {
  it('no towers → nothing detected', () => {
    const cfg: ConfigSpec = { towers: { at: [], setbackM: 50, heightM: 15 }, cameras: [thermal('long-range-640')], run: { attempts: 500, seed: 1, stepS: 1 } };
    expect(detectionRate(flatScene(10), cfg).k).toBe(0);
  });

  // Ideal 360° sensors of range r on flat ground, perpendicular uniform crossings, towers every s:
  // the path passes the tower's offset at |Δs| from it, so it is in range iff √(Δs² + Δz²) ≤ r, with
  // Δz = 15 − 1.8 m between camera and target top: a share 2·√(r² − Δz²) / s of crossings. With P∞ = p
  // (bounded search: one threshold u per attempt and camera, detected iff p > u) and single coverage
  // (2r ≤ s) the rate is p·min(1, 2r/s), not min(1, 2r/s); with overlap (2r > s) it is 1 for p = 1.
  const cases: [number, number, number][] = [
    [500, 2000, 1],
    [300, 2000, 1],
    [1000, 2500, 1],
    [800, 4000, 1],
    [1200, 2000, 1],
    [500, 2000, 0.6],
    [800, 4000, 0.3],
    [1000, 2500, 0.85],
  ];
  for (const [r, s, p] of cases) {
    it(`cookie-cutter P∞ = ${p}, r = ${r} m, s = ${s} m → p·min(1, 2r/s) within the 99 % interval`, () => {
      const expected = p * Math.min(1, (2 * Math.sqrt(r * r - 13.2 * 13.2)) / s);
      const camera: CameraSpec = { sensor: 'ideal', rangeM: r, headingDeg: 0, fovDeg: 360, pInfinity: p };
      const { k, n } = detectionRate(flatScene(20), spacedConfig(s, [camera], 4000, IDEAL_CHAIN));
      within99(expected, k, n);
    });
  }

  it('one camera never detects more often than the largest P∞ on the track (property)', () => {
    // A staring 360° thermal camera at night and a track crossing Δs from its tower along the line:
    // the nearest the target comes is √(Δs² + 13.2²) (at the tower's setback, 13.2 m below the
    // camera), where P∞ is largest. The unbounded search would detect far more often than that P∞
    // (its hazard keeps growing over a long exposure); the bounded one never can.
    const presets = ['short-range-320', 'mid-range-640', 'long-range-640'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...presets), fc.double({ min: 0.2, max: 1, noNaN: true }), fc.constantFrom('clear', 'haze', 'dust'), (preset, frac, visibility) => {
        const scene = flatScene(60, { environment: { visibility, timeOfDay: 'night' } });
        const camera: CameraSpec = { sensor: 'thermal', preset, headingDeg: 0, fovDeg: 360 };
        const th = thermalParams(CAMERA_PRESETS[preset].optics, MAKER_JOHNSON);
        const world0 = createWorld(scene, spacedConfig(60_000, [camera], 500, IDEAL_CHAIN));
        // Δs: a share of the range where the night P∞ falls to 2 %, so that P∞ max spans (0.02, 1).
        let r2 = 1;
        while (pInfinity(th, th.johnson.detect, 0.75, 3, world0.sigmaPerKm, r2) > 0.02) r2 *= 1.05;
        const ds = frac * r2;
        const pMax = pInfinity(th, th.johnson.detect, 0.75, 3, world0.sigmaPerKm, Math.hypot(ds, 13.2));
        const world = fixedTrackWorld(scene, spacedConfig(60_000, [camera], 500, IDEAL_CHAIN), 30_000 + ds);
        let k = 0;
        runAttempts(world, 0, 500, (o) => {
          if (o.detected) k++;
        });
        const [lo] = wilson(k, 500, 2.5758);
        expect(lo).toBeLessThanOrEqual(pMax);
        // Not vacuous: a long stare at the closest point finds it with most of that P∞.
        expect(k / 500).toBeGreaterThan(0.5 * pMax - 0.05);
      }),
      { numRuns: 12, seed: 20261201 },
    );
  });

  it('availability A with single coverage gives A (ideal sensors edge to edge, P∞ = 1)', () => {
    // r = √(1000² + 13.2²): each camera covers exactly its own 2 km; every crossing has one camera.
    // Many days, so that attempts meet (nearly) independent outage maps and the count is binomial.
    const r = Math.hypot(1000, 13.2);
    for (const A of [0.7, 0.9]) {
      const { k, n } = detectionRate(flatScene(20), spacedConfig(2000, [idealCamera(r)], 4000, { availability: A, watch: { mode: 'ideal' }, run: { attempts: 4000, seed: 5, stepS: 1, days: 100_000 } }));
      within99(A, k, n);
    }
  });

  it('every attempt of a day meets the same outage map', () => {
    // One day, A = 0.5: a camera either serves that day or not, so the attempts it covers are all
    // detected or all missed, and a missed one was sensed by the camera out of service (outage).
    const r = Math.hypot(1000, 13.2);
    const world = createWorld(flatScene(20), spacedConfig(2000, [idealCamera(r)], 600, { availability: 0.5, watch: { mode: 'ideal' }, run: { attempts: 600, seed: 2, stepS: 1, days: 1 } }));
    const byTower = new Map<number, Set<boolean>>();
    const lost = new Set<number>();
    runAttempts(world, 0, 600, (o) => {
      const tower = Math.min(9, Math.floor(o.crossingM / 2000));
      if (!byTower.has(tower)) byTower.set(tower, new Set());
      byTower.get(tower)!.add(o.detected);
      lost.add(o.lost);
      expect(o.day).toBe(0);
    });
    for (const seen of byTower.values()) expect(seen.size).toBe(1);
    const served = [...byTower.values()].filter((v) => v.has(true)).length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThan(10);
    expect([...lost].sort()).toEqual([LOST_NONE, LOST_OUTAGE]);
  });

  it('operators miss what they do not notice: fewer operators, fewer detections; misses are unnoticed', () => {
    // Fixed narrow thermal cameras (intermediate rates), all in service: with one operator for all 10
    // cameras (K = 10, a = 1/2.71) the attention thins the sensing events; with 10 (K = 1, a = 1)
    // nothing is lost after sensing.
    const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0 }];
    const rate = (operators: number) => {
      const world = createWorld(flatScene(20), spacedConfig(2000, cams, 2000, { availability: 1, watch: { mode: 'operators', operators } }));
      const counts = [0, 0, 0, 0];
      runAttempts(world, 0, 2000, (o) => counts[o.lost]++);
      return counts;
    };
    const full = rate(10);
    const thin = rate(1);
    expect(full[LOST_UNNOTICED]).toBe(0);
    expect(full[LOST_OUTAGE]).toBe(0);
    // Few: a camera that has sensed the walker keeps sensing it over a long exposure, so most are
    // noticed sooner or later — attention costs time more than detections (docs/model.md §8).
    expect(thin[LOST_UNNOTICED]).toBeGreaterThan(0);
    expect(thin[LOST_NONE]).toBe(full[LOST_NONE] - thin[LOST_UNNOTICED]);
    // Attention only thins what was sensed: the attempts never sensed are the same (same thresholds).
    expect(thin[LOST_UNSENSED]).toBe(full[LOST_UNSENSED]);
  });

  it('analytics raise the alarm by their own, stricter criterion, at full attention, and record its time', () => {
    // N50 1.5 cycles instead of the makers' 0.75: at a given range P∞ is lower, so fewer alarms; every
    // detection is the attempt's first alarm; nothing is lost to attention.
    const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0 }];
    const run = (watch: ConfigSpec['watch']) => {
      const world = createWorld(flatScene(20), spacedConfig(2000, cams, 1500, { availability: 1, watch }));
      const outs: AttemptOutcome[] = [];
      runAttempts(world, 0, 1500, (o) => outs.push({ ...o }));
      return outs;
    };
    const analytics = run({ mode: 'analytics' });
    const ideal = run({ mode: 'ideal' });
    const k = (os: AttemptOutcome[]) => os.filter((o) => o.detected).length;
    expect(k(analytics)).toBeLessThan(k(ideal));
    expect(k(analytics)).toBeGreaterThan(0);
    for (const o of analytics) {
      if (o.detected) expect(o.alarmTimeS).toBe(o.detectTimeS);
      else expect(o.alarmTimeS).toBeNaN();
      expect(o.lost).not.toBe(LOST_UNNOTICED);
    }
    for (const o of ideal) expect(o.alarmTimeS).toBeNaN();
  });

  it('halving the step changes the thermal rate only within noise', () => {
    const scene = flatScene(20);
    // The default chain (operators, availability 0.95): every link draws from streams keyed by the
    // attempt, the camera and the day, never by the step.
    const cfg = spacedConfig(2000, [fixedNarrow('short-range-320')], 3000);
    const a = detectionRate(scene, cfg, 1);
    const b = detectionRate(scene, cfg, 0.5);
    const c = detectionRate(scene, cfg, 2);
    // Same attempts (common random numbers): only the quadrature differs. Allow 2 standard errors.
    const se = Math.sqrt((a.rate * (1 - a.rate)) / a.n);
    expect(a.rate).toBeGreaterThan(0.05);
    expect(a.rate).toBeLessThan(0.95);
    expect(Math.abs(a.rate - b.rate)).toBeLessThan(2 * se);
    expect(Math.abs(c.rate - b.rate)).toBeLessThan(2 * se);
  });

  it('rate falls with spacing, with range (preset) and with extinction', () => {
    const scene = flatScene(20);
    const bySpacing = [1000, 2000, 4000].map((s) => detectionRate(scene, spacedConfig(s, [fixedNarrow('short-range-320')], 1500)).rate);
    expect(bySpacing[1]).toBeLessThan(bySpacing[0]);
    expect(bySpacing[2]).toBeLessThan(bySpacing[1]);
    const byPreset = (['long-range-640', 'mid-range-640', 'short-range-320'] as const).map((p) => detectionRate(scene, spacedConfig(2000, [{ ...fixedNarrow(p), fovDeg: 11.5 }], 1500)).rate);
    expect(byPreset[1]).toBeLessThan(byPreset[0]);
    expect(byPreset[2]).toBeLessThan(byPreset[1]);
    const byRange = [1500, 1000, 500].map((r) => detectionRate(scene, spacedConfig(4000, [idealCamera(r)], 1500)).rate);
    expect(byRange[1]).toBeLessThan(byRange[0]);
    expect(byRange[2]).toBeLessThan(byRange[1]);
    const byVis = (['clear', 'dust', 'fog'] as const).map((visibility) =>
      detectionRate(flatScene(20, { environment: { visibility, timeOfDay: 'night' } }), spacedConfig(1000, [fixedNarrow('short-range-320')], 1500)).rate,
    );
    expect(byVis[0]).toBeLessThan(1);
    expect(byVis[1]).toBeLessThan(byVis[0]);
    expect(byVis[2]).toBeLessThan(byVis[1]);
  });

  for (const mouths of [{}, { entryM: 500, exitM: 400 }] as { entryM?: number; exitM?: number }[]) {
    const entryM = mouths.entryM ?? TUNNEL_DEFAULTS.entryM;
    const exitM = mouths.exitM ?? TUNNEL_DEFAULTS.exitM;
    it(`a tunnel is never seen before its exit (entrance ${entryM} m out, exit ${exitM} m in)`, () => {
      const scene = flatScene(10, {}, [{ kind: 'tunnel', share: 1, ...mouths }]);
      const world = createWorld(scene, spacedConfig(1000, [idealCamera(3000)], 300, IDEAL_CHAIN));
      let detected = 0;
      runAttempts(world, 0, 300, (o: AttemptOutcome) => {
        // It starts at its hidden entrance and surfaces (entryM + exitM) / 1.2 m/s later.
        expect(o.tBarrierS).toBeCloseTo((entryM - 1.5) / 1.2, 9);
        if (!o.detected) return;
        detected++;
        expect(o.detectTimeS).toBeGreaterThanOrEqual((entryM + exitM) / 1.2);
        // Perpendicular path on a west→east line, home side north: the offset is the y coordinate.
        expect(o.y).toBeGreaterThanOrEqual(exitM);
        expect(o.beforeBarrier).toBe(false);
      });
      // Ideal sensors with 3 km reach (P∞ = 1, all in service) see it as soon as it surfaces.
      expect(detected).toBe(300);
    });
  }

  it('vehicles cross only at gaps', () => {
    const scene = flatScene(10, { border: { line: { type: 'straight', lengthKm: 10 }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 4, toKm: 4.2 }] } } }, [{ kind: 'vehicle', share: 1 }]);
    const world = createWorld(scene, spacedConfig(2000, [idealCamera(100)], 200));
    const plan = newPlan();
    for (let i = 0; i < 200; i++) {
      planAttempt(world, i, plan);
      expect(plan.crossingM).toBeGreaterThanOrEqual(4000);
      expect(plan.crossingM).toBeLessThanOrEqual(4200);
      expect(plan.delayS).toBe(0);
    }
  });

  it('the same inputs give identical outcomes', () => {
    const world = createWorld(flatScene(20), spacedConfig(3000, [thermal('mid-range-640')], 200));
    const run = () => {
      const rows: string[] = [];
      runAttempts(withRun(world, { seed: 4 }), 0, 200, (o) => rows.push(JSON.stringify(o)));
      return rows.join('\n');
    };
    expect(run()).toBe(run());
  });

  it('detections happen on the attempt’s path, between its start and through, most attempts are detected, and misses name their link', () => {
    // A mid-range 640 (IFOV 12 µm / 50 mm = 0.24 mrad) staring all round every 2 km: each crossing
    // passes within √(1000² + 50²) ≈ 1 km of a tower, where a person shows N = 0.75 / (2 · 1000 m ·
    // 0.24 mrad) = 1.56 cycles = 2.08·N50, so P∞ ≥ 0.95 for minutes. Most attempts must be detected;
    // a run with none would leave every assertion below unchecked.
    const world = createWorld(flatScene(10), spacedConfig(2000, [thermal('mid-range-640')], 50));
    const s = newScratch(world);
    const plan = newPlan();
    const pos = newPosition();
    let detected = 0;
    for (let i = 0; i < 50; i++) {
      const o = simulateAttempt(world, i, s, newOutcome());
      if (!o.detected) {
        expect(o.detectTimeS).toBeNaN();
        expect([LOST_UNSENSED, LOST_OUTAGE, LOST_UNNOTICED]).toContain(o.lost);
        continue;
      }
      detected++;
      expect(o.lost).toBe(LOST_NONE);
      expect(o.detectTimeS).toBeGreaterThanOrEqual(0);
      expect(o.detectTimeS).toBeLessThanOrEqual(o.tThroughS);
      expect(o.p).toBeGreaterThan(0);
      expect(o.p).toBeLessThanOrEqual(1);
      expect(o.beforeBarrier).toBe(o.detectTimeS < o.tBarrierS);
      // The reported point is where the attempt is at that time (its plan drawn again independently).
      planAttempt(world, i, plan);
      positionAt(world, plan, o.detectTimeS, pos);
      expect(o.x).toBeCloseTo(pos.x, 6);
      expect(o.y).toBeCloseTo(pos.y, 6);
      // …and the detecting camera stands on the reported tower.
      expect(world.cameras.tower[o.camera]).toBe(o.tower);
    }
    expect(detected).toBeGreaterThanOrEqual(40);
  });
});
