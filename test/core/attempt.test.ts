import { describe, expect, it } from 'vitest';
import { newOutcome, newPlan, newPosition, newScratch, planAttempt, positionAt, simulateAttempt } from '../../src/core/attempt.ts';
import { wilson } from '../../src/core/metrics.ts';
import { runAttempts } from '../../src/core/run.ts';
import type { ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { TUNNEL_MOUTH_M } from '../../src/core/threats.ts';
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

describe('sanity cases (DOMAIN.md §5)', () => {
  it('no towers → nothing detected', () => {
    const cfg: ConfigSpec = { towers: { at: [], setbackM: 50, heightM: 15 }, cameras: [thermal('long-range-640')], run: { attempts: 500, seed: 1, stepS: 1 } };
    expect(detectionRate(flatScene(10), cfg).k).toBe(0);
  });

  // Ideal 360° sensors of range r on flat ground, perpendicular uniform crossings, towers every s:
  // the path passes the tower's offset at |Δs| from it, so it is seen iff √(Δs² + Δz²) ≤ r, with
  // Δz = 15 − 1.8 m between camera and target top. Expected rate = min(1, 2·√(r² − Δz²) / s).
  const pairs: [number, number][] = [
    [500, 2000],
    [300, 2000],
    [1000, 2500],
    [800, 4000],
    [1200, 2000],
  ];
  for (const [r, s] of pairs) {
    it(`ideal r = ${r} m, s = ${s} m → min(1, 2r/s) within the 99 % interval`, () => {
      const expected = Math.min(1, (2 * Math.sqrt(r * r - 13.2 * 13.2)) / s);
      const { k, n } = detectionRate(flatScene(20), spacedConfig(s, [idealCamera(r)], 4000));
      const [lo, hi] = wilson(k, n, 2.5758);
      expect(expected).toBeGreaterThanOrEqual(lo - 1e-12);
      expect(expected).toBeLessThanOrEqual(hi + 1e-12);
    });
  }

  it('halving the step changes the thermal rate only within noise', () => {
    const scene = flatScene(20);
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

  it('a tunnel is never seen between its mouths, so never at the barrier', () => {
    const scene = flatScene(10, {}, [{ kind: 'tunnel', share: 1 }]);
    const world = createWorld(scene, spacedConfig(1000, [idealCamera(3000)], 300));
    let detected = 0;
    runAttempts(world, 0, 300, (o) => {
      if (!o.detected) return;
      detected++;
      // Perpendicular path on a west→east line: the offset is the y coordinate.
      expect(Math.abs(o.y)).toBeGreaterThanOrEqual(TUNNEL_MOUTH_M - 1.2);
    });
    // Ideal sensors with 3 km reach see it on the approach: all are detected, none at the barrier.
    expect(detected).toBe(300);
  });

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

  it('detects within the step where the integrated rate crosses the threshold', () => {
    const world = createWorld(flatScene(10), spacedConfig(2000, [thermal('mid-range-640')], 50));
    const s = newScratch(world);
    for (let i = 0; i < 50; i++) {
      const o = simulateAttempt(world, i, s, newOutcome());
      if (o.detected) {
        expect(o.detectTimeS).toBeGreaterThanOrEqual(0);
        expect(o.detectTimeS).toBeLessThanOrEqual(o.tThroughS);
        expect(o.p).toBeGreaterThan(0);
        expect(o.beforeBarrier).toBe(o.detectTimeS < o.tBarrierS);
      }
    }
  });
});
