/**
 * Repro (62e4c3f): the tiled ground chose the tiles a wadi touches with its own copy of the wadi's
 * bounding box, with half the meander's reach (vh + a1 + a2 instead of vh + 2·(a1 + a2)), so a tile
 * the meander entered could be skipped and keep uncarved relief where one big grid had the wadi bed.
 * Fixed by one wadiFootprintBox shared by carveWadi and the tile selection. (Moved here from
 * test/core/terrain/tiled.test.ts, with wadis whose meander matters: the valley half-width is
 * max(3·wadiWidthM, 10·reliefM) = 600 m against meanders of up to 2·(a1 + a2) ≈ 880 m. With the old
 * box, 1,549 heights of this ground differ from the big grid; with 24 wadis 120 m wide in 40 m
 * relief, as the test first had it, none did, so it could not catch the bug.)
 */
import { describe, expect, it } from 'vitest';
import { createBorder } from '../../src/core/border.ts';
import { buildSceneGround, isTiledGround, prepareGround } from '../../src/core/terrain/ground.ts';
import { createHeightfield } from '../../src/core/terrain/heightfield.ts';
import type { ProceduralTerrainSpec } from '../../src/core/terrain/procedural.ts';
import { carveWadi, planWadis, reliefHeights } from '../../src/core/terrain/procedural.ts';
import type { TiledGround } from '../../src/core/terrain/tiled.ts';
import { stripBounds } from '../../src/core/world.ts';

const relief: ProceduralTerrainSpec = { type: 'procedural', seed: 11, reliefM: 40, wadis: 0, wadiDepthM: 6, wadiWidthM: 60, cellM: 10 };
const reach = { farM: 2000, homeM: 1000, marginM: 300 };
// An L-shaped border: 12 km east, then 12 km north; its ground is tiled along the strip.
const lBorder = createBorder([0, 0, 12_000, 0, 12_000, 12_000]);

function tiledGround(spec: ProceduralTerrainSpec): TiledGround {
  const g = prepareGround(buildSceneGround(spec, lBorder, reach, stripBounds(lBorder, reach.farM, reach.homeM), { forceTiled: true }).ground);
  if (!isTiledGround(g)) throw new Error('expected tiles');
  return g;
}

describe('repro: a wadi’s meander could skip a ground tile', () => {
  it('wadis carve the tiles exactly as they carve one big grid, meanders included', () => {
    const spec = { ...relief, seed: 3, reliefM: 10, wadis: 40, wadiWidthM: 200 };
    const wet = tiledGround(spec);
        const T = wet.tileCells;
    const nx = wet.tilesX * T + 1;
    const ny = wet.tilesY * T + 1;
    // The relief alone, and relief plus wadis, as one grid over every tile with the tiles' origin
    // (the same lattice nodes).
    const limits: [number, number] = [reach.farM + reach.marginM, reach.homeM + reach.marginM];
    const dense = createHeightfield(wet.originX, wet.originY, wet.cellM, nx, ny, reliefHeights(spec.seed, wet.originX, wet.originY, wet.cellM, nx, ny, { reliefM: spec.reliefM }));
    const big = createHeightfield(wet.originX, wet.originY, wet.cellM, nx, ny, reliefHeights(spec.seed, wet.originX, wet.originY, wet.cellM, nx, ny, { reliefM: spec.reliefM }));
    for (const w of planWadis(spec, lBorder)) carveWadi(big, spec, w, Math.max(...limits), limits);
    let differ = 0;
    let carved = 0;
    for (let s = 0; s < wet.count; s++) {
      const t = wet.tiles[s];
      const i0 = Math.round((t.originX - wet.originX) / wet.cellM);
      const j0 = Math.round((t.originY - wet.originY) / wet.cellM);
      for (let j = 0; j <= T; j++) {
        for (let i = 0; i <= T; i++) {
          const a = t.heights[j * (T + 1) + i];
          const b = big.heights[(j0 + j) * nx + i0 + i];
          if (a !== b) differ++;
          if (b < dense.heights[(j0 + j) * nx + i0 + i] - 1) carved++;
        }
      }
    }
    expect(carved).toBeGreaterThan(1000);
    expect(differ).toBe(0);
  });
});
