import { describe, expect, it } from 'vitest';
import type { ReachLaw } from '../../src/core/cameras.ts';
import type { Cameras } from '../../src/core/cameras.ts';
import { inReach, reachHalfRad, viewFraction } from '../../src/core/cameras.ts';

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

describe('viewFraction over many pan cycles (closed form)', () => {
  const f = (v: number) => Float64Array.of(v);
  const one = (halfFov: number, a: number, periodS: number, full: boolean): Cameras => ({
    count: 1, tower: Int32Array.of(0), model: Int32Array.of(0), x: f(0), y: f(0), z: f(15), headingRad: f(0), halfFovRad: f(halfFov),
    scanHalfSectorRad: f(a), scanPeriodS: f(periodS), fullTurn: Uint8Array.of(full ? 1 : 0), maxRangeM: f(1e4),
  });

  it('a 1 ns all-round pan: the share of the turn the view covers, 2·half / 2π', () => {
    // 20° of view in 360°: 1/18 of any step, however many billions of turns it holds.
    const c = one(10 * deg, 0, 1e-9, true);
    expect(viewFraction(c, 0, 1.234, 100, 1)).toBeCloseTo(1 / 18, 6);
    expect(viewFraction(c, 0, -2.5, 5e7, 30)).toBeCloseTo(1 / 18, 6);
  });

  it('a 1 ns back-and-forth pan: the bearing window’s overlap with the swept range ±a, over 2a', () => {
    // Sweep ±50°, view ±5°: a bearing at 20° is in view for 10° of every 100° swept.
    const c = one(5 * deg, 50 * deg, 1e-9, false);
    expect(viewFraction(c, 0, 20 * deg, 3600, 2)).toBeCloseTo(0.1, 6);
    // At 52° the window [47°, 57°] meets the sweep for 3°.
    expect(viewFraction(c, 0, 52 * deg, 3600, 2)).toBeCloseTo(0.03, 6);
    // A period so short that whole pieces cannot be counted in floating point: the whole-cycle share.
    expect(viewFraction(c, 0, 20 * deg, 3600, 2)).toBeCloseTo(viewFraction(one(5 * deg, 50 * deg, 1e-300, false), 0, 20 * deg, 3600, 2), 6);
  });

  it('counting whole pieces agrees with summing the step piece by piece', () => {
    // 37 s step of a 1.3 s pan (about 28 pieces): the sum of sub-steps that each hold at most two pieces.
    for (const [half, a, full] of [[4 * deg, 40 * deg, false], [3 * deg, 0, true], [30 * deg, 170 * deg, false]] as const) {
      const c = one(half, a, 1.3, full);
      for (const bearing of [0.3, -1.1, 2.9]) {
        const t0 = 1000.17;
        const h = 37;
        let seen = 0;
        const parts = 100;
        for (let i = 0; i < parts; i++) seen += viewFraction(c, 0, bearing, t0 + (i * h) / parts, h / parts) * (h / parts);
        expect(viewFraction(c, 0, bearing, t0, h)).toBeCloseTo(seen / h, 9);
      }
    }
  });
});
