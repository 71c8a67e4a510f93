import { describe, expect, it } from 'vitest';
import { inReach } from '../../src/core/cameras.ts';
import { computeCoverage, coverageCellM, coverageTileSamples, deadDepthAt } from '../../src/viewer/worker/coverageGrid.ts';
import { sampleCoverage } from '../../src/viewer/render/coverageColors.ts';
import { buildSceneGround, isTiledGround, prepareGround } from '../../src/core/terrain/ground.ts';
import { createWorld, groundReach, resolveBorder, stripBounds } from '../../src/core/world.ts';
import type { ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { bandRangeM } from '../../src/viewer/worker/worldView.ts';
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

/** The world of `scene` on a tiled ground (as a long bent line gets), whatever its shape. */
function tiledWorld(scene: SceneSpec, config: ConfigSpec) {
  const border = resolveBorder(scene, {});
  const reach = groundReach(scene, config);
  const data = buildSceneGround(scene.terrain, border, reach, stripBounds(border, reach.farM, reach.homeM), { forceTiled: true });
  return createWorld(scene, config, { ground: data });
}

describe('coverage raster of a tiled ground', () => {
  const nearlyFlat = testScene({
    terrain: { type: 'procedural', seed: 3, reliefM: 0.5, wadis: 0, wadiDepthM: 5, wadiWidthM: 60, cellM: 10 },
    border: { line: { type: 'straight', lengthKm: 4 }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 2.9, toKm: 3.1 }] } },
  });
  const config = testConfig([{ sensor: 'ideal', rangeM: 600, headingDeg: 0, fovDeg: 360 }], { towers: { at: [{ km: 2 }], setbackM: 50, heightM: 15 } });
  const world = tiledWorld(nearlyFlat, config);

  it('is a raster per tile at twice the ground cell when the budget allows, and the cookie cutter holds on it', () => {
    expect(isTiledGround(world.ground)).toBe(true);
    const c = computeCoverage(world, referenceTarget(world));
    const t = c.tiles!;
    expect(c.nx).toBe(0);
    // 1,280 m tiles of 10 m cells, sampled every 20 m: 65 per side.
    expect(t.tileM).toBe(1280);
    expect(t.n).toBe(65);
    const tx0 = world.towers.x[0];
    const ty0 = world.towers.y[0];
    let inside = 0;
    let outside = 0;
    const step = t.tileM / (t.n - 1);
    for (let ty = 0; ty < t.tilesY; ty++) {
      for (let tx = 0; tx < t.tilesX; tx++) {
        if (t.slot[ty * t.tilesX + tx] < 0) continue;
        for (let j = 0; j < t.n; j += 3) {
          for (let i = 0; i < t.n; i += 3) {
            const x = t.originX + tx * t.tileM + i * step;
            const y = t.originY + ty * t.tileM + j * step;
            if (y <= 1.5 && y > -12) continue; // inside the 3 m wall, or in its dead zone
            const d = Math.hypot(x - tx0, y - ty0, 15 - 1.8);
            const p = sampleCoverage(c, x, y);
            if (d < 590) {
              expect(p).toBe(1);
              inside++;
            }
            if (d > 610) {
              expect(p).toBe(0);
              outside++;
            }
          }
        }
      }
    }
    expect(inside).toBeGreaterThan(200);
    expect(outside).toBeGreaterThan(200);
    // Beyond every tile there is no coverage to show.
    expect(sampleCoverage(c, t.originX - 10, t.originY - 10)).toBe(0);
  });

  it('keeps the per-tile rasters under their sample budget', () => {
    const g = prepareGround(world.ground) as Parameters<typeof coverageTileSamples>[0];
    for (const budget of [500_000, 20_000, 2_000, 10]) {
      const n = coverageTileSamples(g, budget);
      expect(n).toBeGreaterThanOrEqual(2);
      if (n > 2) expect(g.count * n * n).toBeLessThanOrEqual(budget);
    }
    const c = computeCoverage(world, referenceTarget(world), undefined, 2_000);
    expect(c.tiles!.p.length).toBeLessThanOrEqual(2_000);
  });
});

describe('dead zone behind the wall', () => {
  it('is ≈ 5 m beyond the far face for a 15 m tower 50 m back (docs/model.md §2)', () => {
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
