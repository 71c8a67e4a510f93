/**
 * The breach grid (src/coverage/breachGrid.ts): its geometry, and the exact P(detect) of paths on it,
 * by hand.
 */
import { describe, expect, it } from 'vitest';
import { SEARCH_TAU_S, pInfinity } from '../../src/core/sensors/thermal.ts';
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { buildGrid, pathPDetect } from '../../src/coverage/breachGrid.ts';
import { createRateContext } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { flatScene, spacedConfig } from '../core/fixtures.ts';

function context(scene: SceneSpec, config: ConfigSpec) {
  const world = createWorld(scene, config);
  return createRateContext(world, referenceTarget(world));
}

/** A flat 1 km border with a gap from 600 to 700 m; one tower at 250 m carrying `cameras`. */
const scene = flatScene(1, { border: { line: { type: 'straight', lengthKm: 1 }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 0.6, toKm: 0.7 }] } } });
const oneTower = (cameras: CameraSpec[], over: Partial<ConfigSpec>): ConfigSpec => ({
  ...spacedConfig(1000, cameras, 100, over),
  towers: { at: [{ km: 0.25 }], setbackM: 50, heightM: 15 },
});

describe('breach grid geometry by hand (1 km, approach 2000 m, depth 1000 m, wall 3 m, cells of 50 m)', () => {
  const ctx = context(scene, oneTower([{ sensor: 'ideal', rangeM: 300, headingDeg: 0, fovDeg: 360, pInfinity: 0.6 }], { availability: 0.5, watch: { mode: 'ideal' } }));
  const g = buildGrid(ctx, 50);
  it('columns, rows and offsets: 1998.5 m cut into 40 steps out, 998.5 m into 20 in, both faces', () => {
    expect([g.C, g.R, g.ds, g.farFace, g.homeFace]).toEqual([20, 62, 50, 40, 41]);
    expect(g.dF).toBeCloseTo(1998.5 / 40, 12);
    expect(g.dH).toBeCloseTo(998.5 / 20, 12);
    expect([g.offset[0], g.offset[40], g.offset[41], g.offset[61]]).toEqual([-2000, -1.5, 1.5, 1000]);
  });
  it('time on the wall: 60 s on the crest for a person, 3 m at 1.2 m/s in the gap (columns centred at 625 and 675 m)', () => {
    for (let i = 0; i < g.C; i++) expect(g.wallS[i]).toBeCloseTo(i === 12 || i === 13 ? 2.5 : 60, 12);
  });
  it('an ideal sensor of P∞ = 0.6 with availability 0.5: a column passing within reach is detected with 0.3, one beyond with 0', () => {
    // Column centres at 25, 75, …: within 300 m of the tower at 250 m (13.2 m lower at its level) iff |s − 250| ≤ 299.7.
    for (let i = 0; i < g.C; i++) {
      const s = (i + 0.5) * 50;
      expect(g.columnP[i], `s = ${s}`).toBeCloseTo(Math.abs(s - 250) <= Math.sqrt(300 ** 2 - 13.2 ** 2) ? 0.3 : 0, 15);
    }
  });
});

describe('exact P(detect) of a path on the grid', () => {
  // A full turn keeps every bearing in view fov / 360° of the time: exposures stay far from saturation.
  const turning: CameraSpec = { sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, scan: { sectorDeg: 360, periodS: 20 } };
  const ctx = context(scene, oneTower([turning], { availability: 0.9, watch: { mode: 'ideal' } }));
  const g = buildGrid(ctx, 50);
  const duty = ctx.world.cameras.halfFovRad[0] / Math.PI;
  it('a straight column walked node by node equals the column’s own evaluation', () => {
    for (const i of [0, 5, 12, 19]) {
      const chain = Array.from({ length: g.R }, (_, j) => i * g.R + j);
      expect(pathPDetect(ctx, g, chain)).toBeCloseTo(g.columnP[i], 12);
    }
  });
  it('two nodes one step apart far out: each holds half the step’s time; the bounded formula by hand', () => {
    // Column 5 (s = 275 m), rows 10 and 11 (offsets −1500.4 and −1450.4 m): open ground, no occlusion.
    const c = ctx.world.cameras;
    const model = ctx.world.models[0].thermal!;
    const t = g.dF / 1.2 / 2;
    const p = [10, 11].map((j) => pInfinity(model, model.johnson.detect, 0.75, 3, 0.15, Math.hypot(275 - c.x[0], g.offset[j] - c.y[0], 1.8 - c.z[0])));
    const e = p.map((x) => ((duty * x) / SEARCH_TAU_S) * t);
    // Row 11 is nearer the camera: higher P∞.
    expect(p[1]).toBeGreaterThan(p[0]);
    const byHand = 0.9 * ((p[1] - p[0]) * (1 - Math.exp(-e[1])) + p[0] * (1 - Math.exp(-e[0] - e[1])));
    expect(pathPDetect(ctx, g, [5 * g.R + 10, 5 * g.R + 11])).toBeCloseTo(byHand, 14);
  });
  it('over the wall to the next column: half the crest time on each column’s crest', () => {
    // Columns 17 and 18 (s = 875 and 925 m), crest tops 3.9 m high at y = 0, 30 s each.
    const c = ctx.world.cameras;
    const model = ctx.world.models[0].thermal!;
    const p = [875, 925].map((s) => pInfinity(model, model.johnson.detect, 0.75, 3, 0.15, Math.hypot(s - c.x[0], 0 - c.y[0], 3.9 - c.z[0])));
    expect(p[0]).toBeGreaterThan(p[1] + 0.05);
    const e = p.map((x) => ((duty * x) / SEARCH_TAU_S) * 30);
    expect(e[0]).toBeLessThan(1);
    const [lo, hi] = p[0] < p[1] ? [0, 1] : [1, 0];
    const byHand = 0.9 * ((p[hi] - p[lo]) * (1 - Math.exp(-e[hi])) + p[lo] * (1 - Math.exp(-e[0] - e[1])));
    expect(pathPDetect(ctx, g, [17 * g.R + g.farFace, 18 * g.R + g.homeFace])).toBeCloseTo(byHand, 14);
  });
});
