import { describe, expect, it } from 'vitest';
import { computeCoverage, coverageCellM, deadDepthAt, inReach } from '../../src/viewer/worker/coverageGrid.ts';
import { bandRangeM, referenceTarget } from '../../src/viewer/worker/worldView.ts';
import { testConfig, testScene, testWorld } from './fixtures.ts';

const flat = testScene({ terrain: { type: 'flat' }, border: { line: { type: 'straight', lengthKm: 4 }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 2.9, toKm: 3.1 }] } } });

describe('coverage raster', () => {
  it('an ideal 360° sensor on flat ground covers exactly its range (p = 1 inside, 0 outside)', () => {
    const world = testWorld(flat, testConfig([{ sensor: 'ideal', rangeM: 600, headingDeg: 0, fovDeg: 360 }], { towers: { at: [{ km: 2 }], setbackM: 50, heightM: 15 } }));
    const c = computeCoverage(world, referenceTarget(world), 20_000);
    const tx = world.towers.x[0];
    const ty = world.towers.y[0];
    let checked = 0;
    for (let j = 0; j < c.ny; j++) {
      for (let i = 0; i < c.nx; i++) {
        const x = c.originX + i * c.cellM;
        const y = c.originY + j * c.cellM;
        const d = Math.hypot(x - tx, y - ty, 15 - 1.8);
        // Right behind the wall a person is hidden (the dead zone); elsewhere the cookie cutter holds.
        if (y < 0 && y > -12) continue;
        if (d < 590) expect(c.p[j * c.nx + i]).toBe(1);
        if (d > 610) expect(c.p[j * c.nx + i]).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('a fixed camera covers only its field of view', () => {
    const world = testWorld(flat, testConfig([{ sensor: 'ideal', rangeM: 800, headingDeg: 0, fovDeg: 60 }], { towers: { at: [{ km: 2 }], setbackM: 50, heightM: 15 } }));
    // Heading 0 = the tower's outward normal (towards the far side, −y).
    expect(inReach(world.cameras, 0, -Math.PI / 2)).toBe(true);
    expect(inReach(world.cameras, 0, -Math.PI / 2 + 0.6)).toBe(false);
    expect(inReach(world.cameras, 0, Math.PI / 2)).toBe(false);
    const c = computeCoverage(world, referenceTarget(world), 20_000);
    const at = (x: number, y: number) => c.p[Math.round((y - c.originY) / c.cellM) * c.nx + Math.round((x - c.originX) / c.cellM)];
    expect(at(2000, -400)).toBe(1);
    expect(at(2000, 400)).toBe(0);
    expect(at(2600, -100)).toBe(0);
  });

  it('keeps the raster under its cell budget', () => {
    const world = testWorld(testScene({}, 20));
    expect(coverageCellM(world, 10_000)).toBeGreaterThan(world.heightfield.cellM);
    const c = computeCoverage(world, referenceTarget(world), 10_000);
    expect(c.nx * c.ny).toBeLessThan(10_000 * 1.2);
  });
});

describe('dead zone behind the wall', () => {
  it('is ≈ 5 m beyond the far face for a 15 m tower 50 m back (DOMAIN.md §2)', () => {
    const world = testWorld(flat, testConfig([{ sensor: 'ideal', rangeM: 3000, headingDeg: 0, fovDeg: 360 }], { towers: { at: [{ km: 2 }], setbackM: 50, heightM: 15 } }));
    const ref = referenceTarget(world);
    const range10 = Float64Array.from(world.models, (m) => bandRangeM(m, ref, 0.1));
    // Right in front of the tower: (b + W/2)·(w − h)/(H − w) = 51.5 · 1.2 / 12 = 5.15 m.
    const d = deadDepthAt(world, ref, 2000, range10);
    expect(d).toBeGreaterThanOrEqual(4.9);
    expect(d).toBeLessThanOrEqual(5.2);
    // On flat ground the depth is the same obliquely: similar triangles across the line.
    expect(Math.abs(deadDepthAt(world, ref, 2800, range10) - d)).toBeLessThanOrEqual(0.25);
    // At a gap nothing is hidden.
    expect(deadDepthAt(world, ref, 3000, range10)).toBe(0);
  });

  it('is absent where no camera reaches', () => {
    const world = testWorld(flat, testConfig([{ sensor: 'ideal', rangeM: 300, headingDeg: 0, fovDeg: 360 }], { towers: { at: [{ km: 0.5 }], setbackM: 50, heightM: 15 } }));
    const ref = referenceTarget(world);
    const range10 = Float64Array.from(world.models, (m) => bandRangeM(m, ref, 0.1));
    expect(deadDepthAt(world, ref, 3500, range10)).toBe(0);
  });
});
