import { describe, expect, it } from 'vitest';
import { P_BANDS } from '../../src/viewer/protocol.ts';
import { reachHalfRad } from '../../src/core/cameras.ts';
import { buildFootprintFill, buildFootprintLines } from '../../src/viewer/render/footprintGeometry.ts';
import { createSceneFrame } from '../../src/viewer/render/sceneFrame.ts';
import { testConfig, testScene, testView, testWorld } from './fixtures.ts';

describe('camera footprints', () => {
  it('draws each band arc at the range where the reference P∞ crosses the band', () => {
    const world = testWorld(testScene({ terrain: { type: 'flat' } }, 20), testConfig(undefined, { towers: { spacingM: 20_000, offsetM: 10_000, setbackM: 50, heightM: 15 } }));
    const view = testView(world);
    const frame = createSceneFrame(world.heightfield, 1);
    const lines = buildFootprintLines(frame, view);
    const ranges = view.models[0].bandRangesM;
    const tx = view.towers.x[0] - frame.originX;
    const ty = view.towers.y[0] - frame.originY;
    const seen = new Set<number>();
    for (let v = 0; v < lines.positions.length / 3; v++) {
      const r = Math.hypot(lines.positions[3 * v] - tx, lines.positions[3 * v + 1] - ty);
      const band = ranges.findIndex((rb) => Math.abs(rb - r) < 1e-3 * rb);
      expect(band).toBeGreaterThanOrEqual(0);
      seen.add(band);
    }
    // Arcs off the modelled terrain are cut, so only the bands that fit in the strip appear.
    expect(seen.size).toBeGreaterThan(0);
    expect(ranges).toHaveLength(P_BANDS.length);
    expect(ranges[0]).toBeLessThan(ranges[1]);
    expect(ranges[1]).toBeLessThan(ranges[2]);
  });

  it('covers the scan sector of a panning camera, the FOV of a fixed one, all round for 360°', () => {
    const cams = testConfig([
      { sensor: 'thermal', preset: 'mid-range-640', headingDeg: 0, scan: { sectorDeg: 120, periodS: 30 } },
      { sensor: 'thermal', preset: 'long-range-640', headingDeg: 30 },
      { sensor: 'ideal', rangeM: 500, headingDeg: 0, fovDeg: 360 },
    ]);
    const view = testView(testWorld(testScene(), cams));
    expect(reachHalfRad(view.cameras, 0)).toBeCloseTo(Math.PI / 3, 6);
    expect(reachHalfRad(view.cameras, 1)).toBeCloseTo((view.models[1].fovDeg * Math.PI) / 360, 6);
    expect(reachHalfRad(view.cameras, 2)).toBeCloseTo(Math.PI, 6);
  });

  it('fills the selected tower’s bands with translucent colour', () => {
    const world = testWorld();
    const view = testView(world);
    const frame = createSceneFrame(world.heightfield, 1);
    const fill = buildFootprintFill(frame, view, 1);
    expect(fill.indices.length).toBeGreaterThan(0);
    expect(fill.colors.length / 4).toBe(fill.positions.length / 3);
    const alphas = new Set<number>();
    for (let v = 3; v < fill.colors.length; v += 4) alphas.add(Math.round(fill.colors[v] * 100));
    expect([...alphas].every((a) => a === 0 || a === 34)).toBe(true);
    expect(buildFootprintFill(frame, view, 99).indices.length).toBe(0);
  });
});
