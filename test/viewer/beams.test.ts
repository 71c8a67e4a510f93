import { describe, expect, it } from 'vitest';
import { inFieldOfView } from '../../src/core/cameras.ts';
import { viewCentreRad } from '../../src/core/cameras.ts';
import { testConfig, testScene, testView, testWorld } from './fixtures.ts';

describe('camera beams', () => {
  it('point where the core says the camera is looking, for panning and fixed cameras', () => {
    const world = testWorld(testScene(), testConfig([
      { sensor: 'thermal', preset: 'mid-range-640', headingDeg: -60, scan: { sectorDeg: 120, periodS: 30 } },
      { sensor: 'thermal', preset: 'long-range-640', headingDeg: 20, scan: { sectorDeg: 360, periodS: 45 } },
      { sensor: 'thermal', preset: 'short-range-320', headingDeg: 10 },
    ]));
    const view = testView(world);
    const cams = world.cameras;
    for (let k = 0; k < cams.count; k++) {
      for (const t of [0, 3.3, 17, 29.9, 61, 1234.5]) {
        const c = viewCentreRad(view.cameras, k, t);
        const half = cams.halfFovRad[k];
        expect(inFieldOfView(cams, k, c, t)).toBe(true);
        expect(inFieldOfView(cams, k, c + 0.98 * half, t)).toBe(true);
        expect(inFieldOfView(cams, k, c + 1.05 * half, t)).toBe(false);
      }
    }
  });
});
