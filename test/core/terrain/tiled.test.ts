import { describe, expect, it } from 'vitest';
import { createBorder } from '../../../src/core/border.ts';
import { Stream, StreamCursor } from '../../../src/core/rng.ts';
import { buildSceneGround, groundHeightAt, groundLineOfSight, isTiledGround, planGround, prepareGround, tileCellsFor } from '../../../src/core/terrain/ground.ts';
import { createHeightfield, heightAt } from '../../../src/core/terrain/heightfield.ts';
import { buildTerrainIndex, terrainLineOfSight } from '../../../src/core/terrain/los.ts';
import type { ProceduralTerrainSpec } from '../../../src/core/terrain/procedural.ts';
import { reliefHeights } from '../../../src/core/terrain/procedural.ts';
import type { TiledGround } from '../../../src/core/terrain/tiled.ts';
import { planTiles, tileSamples } from '../../../src/core/terrain/tiled.ts';
import { stripBounds } from '../../../src/core/world.ts';

const relief: ProceduralTerrainSpec = { type: 'procedural', seed: 11, reliefM: 40, wadis: 0, wadiDepthM: 6, wadiWidthM: 60, cellM: 10 };
const reach = { farM: 2000, homeM: 1000, marginM: 300 };
// An L-shaped border: 12 km east, then 12 km north. Its box is 15 × 15 km, its strip ~ 2 × 12 × 3.6 km.
const lBorder = createBorder([0, 0, 12_000, 0, 12_000, 12_000]);

function tiledGround(spec: ProceduralTerrainSpec): TiledGround {
  const g = prepareGround(buildSceneGround(spec, lBorder, reach, stripBounds(lBorder, reach.farM, reach.homeM), { forceTiled: true }).ground);
  if (!isTiledGround(g)) throw new Error('expected tiles');
  return g;
}

describe('tiled ground', () => {
  const g = tiledGround(relief);
  // The same relief as one grid over every tile, with the tiles' origin (so the same lattice nodes).
  const T = g.tileCells;
  const nx = g.tilesX * T + 1;
  const ny = g.tilesY * T + 1;
  const dense = createHeightfield(g.originX, g.originY, g.cellM, nx, ny, reliefHeights(relief.seed, g.originX, g.originY, g.cellM, nx, ny, { reliefM: relief.reliefM }));
  const denseIndex = buildTerrainIndex(dense);

  it('covers the strip with far fewer samples than its bounding box', () => {
    const bounds = stripBounds(lBorder, reach.farM, reach.homeM);
    const boxSamples = ((bounds.maxX - bounds.minX) / 10) * ((bounds.maxY - bounds.minY) / 10);
    const stripSamples = (24_000 * 3_600) / 100;
    expect(g.count * tileSamples(T)).toBeLessThan(0.8 * boxSamples);
    expect(g.count * tileSamples(T)).toBeLessThan(2 * stripSamples);
  });

  it('tiles are a multiple of the relief lattice apart, so they reproduce one big grid exactly', () => {
    expect(T % 32).toBe(0);
    expect(tileCellsFor(10)).toBe(T);
    const c = new StreamCursor(5, Stream.terrain, 9);
    let inside = 0;
    for (let k = 0; k < 20_000; k++) {
      const x = -2300 + c.next() * 17_000;
      const y = -2300 + c.next() * 17_000;
      const tx = Math.floor((x - g.originX) / (T * g.cellM));
      const ty = Math.floor((y - g.originY) / (T * g.cellM));
      if (g.slot[ty * g.tilesX + tx] < 0) continue;
      inside++;
      expect(groundHeightAt(g, x, y)).toBeCloseTo(heightAt(dense, x, y), 4);
    }
    expect(inside).toBeGreaterThan(5_000);
  });

  it('line of sight agrees with the single grid on every query inside the strip', () => {
    const c = new StreamCursor(6, Stream.terrain, 10);
    let n = 0;
    let blocked = 0;
    const inStrip = (x: number, y: number) => (y >= -1900 && y <= 900 && x <= 12_000) || (x >= 11_100 && x <= 13_900 && y >= 0);
    while (n < 4_000) {
      const ax = -1000 + c.next() * 15_000;
      const ay = -1900 + c.next() * 14_000;
      const r = 200 + c.next() * 3_000;
      const a = c.next() * 2 * Math.PI;
      const bx = ax + r * Math.cos(a);
      const by = ay + r * Math.sin(a);
      if (!inStrip(ax, ay) || !inStrip(bx, by)) continue;
      // Along the chord every point must lie on a tile for the comparison to be exact.
      let onTiles = true;
      for (let t = 0; t <= 1; t += 0.01) {
        const x = ax + (bx - ax) * t;
        const y = ay + (by - ay) * t;
        const tx = Math.floor((x - g.originX) / (T * g.cellM));
        const ty = Math.floor((y - g.originY) / (T * g.cellM));
        if (g.slot[ty * g.tilesX + tx] < 0) onTiles = false;
      }
      if (!onTiles) continue;
      const az = heightAt(dense, ax, ay) + 5 + 20 * c.next();
      const bz = heightAt(dense, bx, by) + 1.8;
      const want = terrainLineOfSight(denseIndex, ax, ay, az, bx, by, bz);
      const got = groundLineOfSight(g, denseIndex, ax, ay, az, bx, by, bz);
      expect(got).toBe(want);
      if (!want) blocked++;
      n++;
    }
    // Both answers occur, so the comparison means something.
    expect(blocked).toBeGreaterThan(200);
    expect(blocked).toBeLessThan(3_800);
  });

  it('shared tile edges hold identical samples (no seams)', () => {
    const pos: [number, number, number][] = [];
    for (let k = 0; k < g.slot.length; k++) if (g.slot[k] >= 0) pos.push([k % g.tilesX, Math.floor(k / g.tilesX), g.slot[k]]);
    let edges = 0;
    for (const [tx, ty, s] of pos) {
      const right = tx + 1 < g.tilesX ? g.slot[ty * g.tilesX + tx + 1] : -1;
      if (right < 0) continue;
      for (let j = 0; j <= T; j++) expect(g.tiles[right].heights[j * (T + 1)]).toBe(g.tiles[s].heights[j * (T + 1) + T]);
      edges++;
    }
    expect(edges).toBeGreaterThan(10);
  });

  it('wadis are carved across tiles and stop at the strip', () => {
    const wet = tiledGround({ ...relief, wadis: 3 });
    const dry = g;
    let deeper = 0;
    for (let x = 0; x < 12_000; x += 5) if (groundHeightAt(wet, x, 0) < groundHeightAt(dry, x, 0) - 5) deeper++;
    expect(deeper).toBeGreaterThan(0);
  });

  it('a straight border keeps the single grid; an L-shaped 600 km one would not', () => {
    const straight = createBorder([0, 0, 600_000, 0]);
    const b = stripBounds(straight, 2000, 1000);
    expect(planGround(straight, reach, b, 10, 128).kind).toBe('grid');
    const bent = createBorder([0, 0, 300_000, 0, 300_000, 300_000]);
    expect(planGround(bent, reach, stripBounds(bent, 2000, 1000), 10, 128).kind).toBe('tiled');
    const plan = planTiles(bent, reach, 10, 128);
    expect(plan.count * tileSamples(128)).toBeLessThan(1e8);
  });
});
