import { describe, expect, it } from 'vitest';
import { pInfinity } from '../../src/core/sensors/thermal.ts';
import { P_BANDS } from '../../src/viewer/protocol.ts';
import { bandRangeM, referenceView, segmentKmFor, viewTransferables, worldView } from '../../src/viewer/worker/worldView.ts';
import { createSession } from '../../src/core/session.ts';
import { withRun } from '../../src/core/world.ts';
import { testScene, testWorld } from './fixtures.ts';

describe('world view', () => {
  const world = testWorld();
  const ref = referenceView(world);

  it('band ranges are where the reference target’s P∞ equals each band (a person at night, DOMAIN.md §6)', () => {
    const m = world.models[0];
    for (const p of P_BANDS) {
      const r = bandRangeM(m, ref, p);
      expect(pInfinity(m.thermal!, m.thermal!.johnson.detect, 0.75, 3, world.sigmaPerKm, r)).toBeCloseTo(p, 3);
    }
    // mid-range-640: 12 µm / 50 mm → IFOV 0.24 mrad; geometric P∞ = 0.5 at 0.75 / (2 · 0.75 · 0.24e-3) ≈ 2083 m.
    expect(bandRangeM(m, ref, 0.5)).toBeGreaterThan(2000);
    expect(bandRangeM(m, ref, 0.5)).toBeLessThan(2090);
  });

  it('copies the world, so transferring the view leaves the worker’s world intact', () => {
    const s = createSession(withRun(world, { seed: 1, stepS: 1 }), 10);
    const v = worldView(world, s);
    expect(v.heightfield.heights).not.toBe(world.heightfield.heights);
    expect(Array.from(v.heightfield.heights.subarray(0, 50))).toEqual(Array.from(world.heightfield.heights.subarray(0, 50)));
    const buffers = viewTransferables(v);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).not.toContain(world.heightfield.heights.buffer);
    expect(v.threats.map((t) => t.kind)).toEqual(['foot', 'vehicle']);
    expect(v.towers.count).toBe(world.towers.count);
  });

  it('labels the reference target with the hour it is evaluated at', () => {
    expect(ref.label).toBe('person on foot at night, clear air');
    const dusk = referenceView(testWorld(testScene({ environment: { visibility: 'haze', timeOfDay: 'dusk' } })));
    expect(dusk.label).toBe('person on foot at dusk (18:30), haze air');
  });

  it('chooses chart bins of about 10–25 bars', () => {
    expect(segmentKmFor(4)).toBe(0.5);
    expect(segmentKmFor(50)).toBe(2);
    expect(segmentKmFor(600)).toBe(25);
    for (const L of [1, 10, 33, 120, 599, 1500]) expect(L / segmentKmFor(L)).toBeLessThanOrEqual(25);
  });
});
