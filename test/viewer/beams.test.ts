import { describe, expect, it } from 'vitest';
import { BeamsLayer } from '../../src/viewer/render/beamsLayer.ts';
import { createSceneFrame } from '../../src/viewer/render/sceneFrame.ts';
import { testConfig, testScene, testView, testWorld } from './fixtures.ts';

// The beams are checked against geometry worked out by hand, not against the core's pan law.
//
// Scene: a straight 4 km border from (0, 0) eastwards on flat ground, home side north; towers every
// 1,000 m from 500 m, 50 m back and 15 m tall: feet at (500, 50), (1500, 50), (2500, 50), (3500, 50).
// A camera's heading is measured clockwise from the outward normal (south, bearing −90°
// counter-clockwise from +x), so a heading of h° points at bearing −90° − h°.
// - heading −60°, back-and-forth pan over a 120° sector in 30 s: the sector spans bearings +30° to
//   −90° around −30°, and the view's edges stay inside it, so its centre swings ±(120° − HFOV)/2
//   around −30°, HFOV = 2·atan(640 · 12 µm / (2 · 50 mm)) = 8.78°: ±55.61°. The pan starts at the
//   +30° end, sweeps to the other in one period and back in the next at a constant rate: centre
//   −30° + 55.61° at 0 s, −30° + 55.61°/2 at 7.5 s, −30° at 15 s, −30° − 55.61° at 30 s, −30° at
//   45 s, back at −30° + 55.61° at 60 s.
// - heading 20°, all-round pan in 45 s (clockwise): bearing −110° at 0 s, −110° − 90° = −200° ≡ 160°
//   at 11.25 s, −110° − 180° = −290° ≡ 70° at 22.5 s.
// - heading 10°, fixed: −100° at any time.
// Range of each beam: where a person (Dc 0.75 m) at night in clear air has P∞ = 0.5, i.e. N = N50 =
// 0.75 cycle. For these lenses the contrast limit lies beyond Nyquist at that range (apparent ΔT
// 3 K·e^(−0.15·R/km) ≫ MRTD), so R = Dc / (2·N50·IFOV) with IFOV = pitch / focal:
// mid-range 12 µm / 50 mm → 0.75 / (1.5 · 0.24 mrad) = 2,083.3 m; long-range 12 µm / 100 mm →
// 4,166.7 m; short-range 12 µm / 19 mm → 791.7 m.
const flatScene = testScene({ terrain: { type: 'flat' } });
const cameras = [
  { sensor: 'thermal' as const, preset: 'mid-range-640', headingDeg: -60, scan: { sectorDeg: 120, periodS: 30 } },
  { sensor: 'thermal' as const, preset: 'long-range-640', headingDeg: 20, scan: { sectorDeg: 360, periodS: 45 } },
  { sensor: 'thermal' as const, preset: 'short-range-320', headingDeg: 10 },
];
const swingDeg = (120 - (2 * Math.atan((640 * 12e-6) / (2 * 50e-3)) * 180) / Math.PI) / 2;
const expectedBearingDeg: Record<number, (t: number) => number> = {
  0: (t) => -30 + swingDeg * ({ 0: 1, 7.5: 0.5, 15: 0, 30: -1, 45: 0, 60: 1 })[t]!,
  1: (t) => ({ 0: -110, 11.25: 160, 22.5: 70 })[t]!,
  2: () => -100,
};
const times: Record<number, number[]> = { 0: [0, 7.5, 15, 30, 45, 60], 1: [0, 11.25, 22.5], 2: [0, 13, 1234.5] };
const rangeByCamera = [0.75 / (1.5 * (12e-6 / 50e-3)), 0.75 / (1.5 * (12e-6 / 100e-3)), 0.75 / (1.5 * (12e-6 / 19e-3))];
const towerX = [500, 1500, 2500, 3500];

/** The smallest difference of two bearings, degrees. */
function angleDiffDeg(a: number, b: number): number {
  const d = (((a - b) % 360) + 540) % 360 - 180;
  return Math.abs(d);
}

describe('camera beams', () => {
  const world = testWorld(flatScene, testConfig(cameras));
  const view = testView(world);
  const frame = createSceneFrame(world.heightfield, 1);
  const layer = new BeamsLayer(frame, view);
  // One mesh per sensor model with a field of view below 360°, in the order of the config's cameras.
  const meshes = layer.group.children as unknown as { instanceMatrix: { array: Float32Array }; count: number }[];

  it('one beam per camera of each model, at its tower’s foot, as tall as the tower', () => {
    expect(layer.count).toBe(3);
    layer.update(0);
    for (let m = 0; m < 3; m++) {
      expect(meshes[m].count).toBe(4);
      const e = meshes[m].instanceMatrix.array;
      for (let i = 0; i < 4; i++) {
        const o = 16 * i;
        expect(e[o + 12] + frame.originX).toBeCloseTo(towerX[i], 3);
        expect(e[o + 13] + frame.originY).toBeCloseTo(50, 3);
        expect(e[o + 14]).toBeCloseTo(0, 6);
        expect(e[o + 10]).toBeCloseTo(15, 5);
      }
    }
  });

  for (let m = 0; m < 3; m++) {
    it(`camera ${m} (${cameras[m].preset}) points at its hand-derived bearing and reaches the P∞ = 0.5 range`, () => {
      for (const t of times[m]) {
        layer.update(t);
        const e = meshes[m].instanceMatrix.array;
        for (let i = 0; i < 4; i++) {
          const o = 16 * i;
          const bearing = (Math.atan2(e[o + 1], e[o]) * 180) / Math.PI;
          expect(angleDiffDeg(bearing, expectedBearingDeg[m](t)), `t = ${t} s, tower ${i}`).toBeLessThan(1e-3);
          // The wedge's unit radius is scaled by the range on both horizontal axes.
          expect(Math.hypot(e[o], e[o + 1])).toBeCloseTo(rangeByCamera[m], 0);
          expect(Math.hypot(e[o + 4], e[o + 5])).toBeCloseTo(rangeByCamera[m], 0);
        }
      }
    });
  }
});
