import { describe, expect, it } from 'vitest';
import type { ReachLaw } from '../../src/core/cameras.ts';
import { inReach, reachHalfRad } from '../../src/core/cameras.ts';

const deg = Math.PI / 180;

/** One camera's pan state, as mountCameras stores it. */
function cam(headingDeg: number, fovDeg: number, scan?: { sectorDeg: number; periodS: number }): ReachLaw {
  const fullTurn = scan !== undefined && scan.sectorDeg >= 360;
  return {
    headingRad: Float64Array.of(headingDeg * deg),
    halfFovRad: Float64Array.of((fovDeg / 2) * deg),
    scanPeriodS: Float64Array.of(scan?.periodS ?? 0),
    fullTurn: Uint8Array.of(fullTurn ? 1 : 0),
    // The pan swings the view centre by (sector − fov) / 2 either side of the heading.
    scanHalfSectorRad: Float64Array.of(scan ? Math.max(0, ((scan.sectorDeg - fovDeg) / 2) * deg) : 0),
  };
}

describe('the reach of a camera’s view', () => {
  it('is the half field of view for a fixed camera', () => {
    const c = cam(90, 20);
    expect(reachHalfRad(c, 0)).toBeCloseTo(10 * deg, 12);
    expect(inReach(c, 0, 99 * deg)).toBe(true);
    expect(inReach(c, 0, 101 * deg)).toBe(false);
    expect(inReach(c, 0, 79 * deg)).toBe(false);
  });

  it('is half the scan sector for a back-and-forth pan: 10° fov in a 120° sector reaches ±60°', () => {
    const c = cam(0, 10, { sectorDeg: 120, periodS: 30 });
    expect(reachHalfRad(c, 0)).toBeCloseTo(60 * deg, 12);
    expect(inReach(c, 0, -59 * deg)).toBe(true);
    expect(inReach(c, 0, 61 * deg)).toBe(false);
  });

  it('wraps bearings across ±π', () => {
    const c = cam(175, 20);
    expect(inReach(c, 0, -178 * deg)).toBe(true); // 7° past the heading, through 180°
    expect(inReach(c, 0, -160 * deg)).toBe(false); // 25° past it
  });

  it('is all round for a full turn or a 360° field of view', () => {
    for (const c of [cam(0, 10, { sectorDeg: 360, periodS: 20 }), cam(0, 360)]) {
      expect(reachHalfRad(c, 0)).toBe(Math.PI);
      expect(inReach(c, 0, Math.PI)).toBe(true);
      expect(inReach(c, 0, -Math.PI / 2)).toBe(true);
    }
  });
});
