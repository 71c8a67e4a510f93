/**
 * Repro: the viewer's coverage overlay and camera footprints were drawn for a reference target of its
 * own — the default person on foot at night — while `watchline coverage` uses the scene's `foot`
 * overrides and its `timeOfDay` (docs/model.md §6). A scene with a smaller, warmer walker by day showed
 * footprints for the wrong target.
 */
import { describe, expect, it } from 'vitest';
import { contrastFactor } from '../../src/core/environment.ts';
import { pInfinity } from '../../src/core/sensors/thermal.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { P_BANDS } from '../../src/viewer/protocol.ts';
import { bestP } from '../../src/viewer/worker/coverageGrid.ts';
import { testConfig, testScene, testView, testWorld } from '../viewer/fixtures.ts';

describe('repro: the viewer draws coverage for the scene’s own reference target', () => {
  // A walker 0.5 m across with 1.5 K of night contrast, crossing by day in dust: the contrast, and so
  // the time of day, decides P∞ beyond a few hundred metres.
  const scene = testScene({
    environment: { visibility: 'dust', timeOfDay: 'day' },
    threats: [
      { kind: 'foot', share: 0.7, criticalDimM: 0.5, heightM: 1.6, deltaTK: 1.5 },
      { kind: 'vehicle', share: 0.3 },
    ],
  });
  const world = testWorld(scene, testConfig());
  const view = testView(world);

  it('footprint band ranges are where P∞ of that walker by day equals each band', () => {
    // By day (12:30) a walker keeps about 2/3 of its night contrast.
    const dayFactor = contrastFactor(12.5 * 3600, false);
    expect(dayFactor).toBeCloseTo(2 / 3, 2);
    const m = world.models[0];
    const ranges = view.models[0].bandRangesM;
    P_BANDS.forEach((p, i) => {
      expect(pInfinity(m.thermal!, m.thermal!.johnson.detect, 0.5, 1.5 * dayFactor, world.sigmaPerKm, ranges[i])).toBeCloseTo(p, 3);
    });
    // mid-range-640 (IFOV 0.24 mrad): geometric P∞ = 0.5 at 0.5 / (2 · 0.75 · 0.24e-3) ≈ 1389 m for a
    // 0.5 m target, against ≈ 2083 m for the default 0.75 m one; the atmosphere only shortens it.
    expect(ranges[P_BANDS.indexOf(0.5)]).toBeLessThan(1400);
  });

  it('the overlay’s target carries the walker’s size, height and contrast by day', () => {
    expect(view.reference.criticalDimM).toBe(0.5);
    expect(view.reference.heightM).toBe(1.6);
    expect(view.reference.effectiveDeltaTK).toBeCloseTo(1.5 * contrastFactor(12.5 * 3600, false), 12);
    expect(view.reference.label).toMatch(/day/);
  });

  it('the overlay’s P∞ at a point is that walker’s by day', () => {
    // Flat ground, one all-round camera on one 15 m tower: 800 m out (over the 3 m wall, which the
    // sight line clears by 11 m), P∞ is the thermal law's at the slant range.
    const flat = testWorld({ ...scene, terrain: { type: 'flat' } }, testConfig(undefined, { towers: { at: [{ km: 2 }], setbackM: 50, heightM: 15 } }));
    const k = 0;
    const x = flat.cameras.x[k];
    const y = flat.cameras.y[k] - 800;
    const r = Math.hypot(800, flat.cameras.z[k] - 1.6);
    const m = flat.models[0];
    const expected = pInfinity(m.thermal!, m.thermal!.johnson.detect, 0.5, 1.5 * contrastFactor(12.5 * 3600, false), flat.sigmaPerKm, r);
    expect(expected).toBeGreaterThan(0.05);
    expect(bestP(flat, referenceTarget(flat), x, y, Float64Array.of(5000))).toBeCloseTo(expected, 9);
  });
});
