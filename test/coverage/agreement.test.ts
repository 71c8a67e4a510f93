/**
 * The analytic profile (src/coverage) against the simulation itself (src/core simulateAttempt, through
 * runAttempts): straight crossings at fixed chainages, detection rate within the 99 % interval.
 *
 * Both sides model bounded search, availability and the attention share; the configs below use
 * availability 0.8 and the default operators mode so that a side missing one of them fails. Attempts
 * are spread over many days (`run.days`) so that outage maps, drawn per (camera, day), are as good as
 * independent between attempts and the binomial interval holds.
 */
import { describe, expect, it } from 'vitest';
import { densityFromWeights } from '../../src/core/crossing.ts';
import { wilson } from '../../src/core/metrics.ts';
import { runAttempts } from '../../src/core/run.ts';
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { crossingPDetect } from '../../src/coverage/profile.ts';
import { createRateContext } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { flatScene, spacedConfig } from '../core/fixtures.ts';

function context(scene: SceneSpec, config: ConfigSpec) {
  const world = createWorld(scene, config);
  return createRateContext(world, referenceTarget(world));
}

/** Monte Carlo detection rate of people crossing at chainage sM (±0.5 m), night, n attempts. */
function mcRateAt(scene: SceneSpec, config: ConfigSpec, sM: number, n: number): { k: number; n: number } {
  const length = scene.border.line.type === 'straight' ? scene.border.line.lengthKm * 1000 : 0;
  const weakest = densityFromWeights(Float64Array.of(0, sM - 0.5, sM + 0.5, length), [0, 1, 0]);
  const run = { ...config.run, seed: 11, stepS: 1, days: 100_000 };
  const world = createWorld({ ...scene, crossing: { distribution: 'weakest' } }, { ...config, run }, { weakest });
  let k = 0;
  // Seed, step and days from the world's config.run.
  runAttempts(world, 0, n, (o) => {
    if (o.detected) k++;
  });
  return { k, n };
}

describe('analytic profile agrees with the Monte Carlo rate of straight crossings', () => {
  // Short-range 320 cameras with a fixed 90° view looking out, towers every 6 km: 300 to 900 m beside
  // a tower the crossing is seen only on the far side, at P∞ well below 1, so P is intermediate.
  // Night, clear, flat, no panning: the analytic model is the simulation's.
  const scene = flatScene(16);
  const cams: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, fovDeg: 90 }];
  const config = spacedConfig(6000, cams, 1500, { availability: 0.8 });
  const ctx = context(scene, config);
  for (const sM of [3300, 3600, 3900]) {
    it(`at km ${sM / 1000}: analytic P inside the MC's 99 % interval`, () => {
      const p = crossingPDetect(ctx, sM);
      expect(p).toBeGreaterThan(0.1);
      expect(p).toBeLessThan(0.9);
      const { k, n } = mcRateAt(scene, config, sM, 1500);
      const [lo, hi] = wilson(k, n, 2.5758);
      expect(p).toBeGreaterThanOrEqual(lo);
      expect(p).toBeLessThanOrEqual(hi);
    });
  }

  it('panning cameras: the time-averaged profile matches the MC within its interval (+1 point for Jensen)', () => {
    const pan: CameraSpec[] = [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 120, periodS: 30 } }];
    const cfg = spacedConfig(4000, pan, 1500, { availability: 0.8 });
    const c = context(flatScene(10), cfg);
    for (const sM of [2400, 2800]) {
      const p = crossingPDetect(c, sM);
      expect(p).toBeGreaterThan(0.15);
      expect(p).toBeLessThan(0.9);
      const { k, n } = mcRateAt(flatScene(10), cfg, sM, 1500);
      const [lo, hi] = wilson(k, n, 2.5758);
      // The average overstates P a little (1 − E[e^(−H)] ≤ 1 − e^(−E[H]) for each threshold), never understates it.
      expect(p).toBeGreaterThanOrEqual(lo);
      expect(p).toBeLessThanOrEqual(hi + 0.01);
    }
  });
});
