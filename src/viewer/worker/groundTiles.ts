/**
 * The ground of a tiled world (long bent borders, terrain/tiled.ts) for drawing: every tile decimated
 * by `stride` (20 m samples from a 10 m ground), in one transferable buffer. The page builds its
 * level-of-detail meshes from it (render/groundLod.ts) and places towers, the wall and intruders on
 * the same surface. 35 MB for the 599 km Iraq–Syria strip, against 137 MB at full resolution.
 */
import type { Ground } from '../../core/terrain/ground.ts';
import { isTiledGround } from '../../core/terrain/ground.ts';
import { tilePositions } from '../../core/terrain/tiled.ts';
import type { GroundTilesView } from '../protocol.ts';

/** Decimation of the tiles sent to the page. */
export const GROUND_VIEW_STRIDE = 2;

/** The drawable tiles of a tiled ground, or undefined for a single-grid ground (sent as `heightfield`). */
export function groundTilesView(ground: Ground, stride = GROUND_VIEW_STRIDE): GroundTilesView | undefined {
  if (!isTiledGround(ground)) return undefined;
  const T = ground.tileCells;
  // The stride must divide the tile so decimated tiles still share their edges.
  const s = T % stride === 0 ? stride : 1;
  const t = T / s;
  const n = t + 1;
  const src = T + 1;
  const samples = new Float32Array(ground.count * n * n);
  for (let slot = 0; slot < ground.count; slot++) {
    const from = ground.tiles[slot].heights;
    const base = slot * n * n;
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) samples[base + j * n + i] = from[j * s * src + i * s];
  }
  return {
    originX: ground.originX,
    originY: ground.originY,
    cellM: ground.cellM * s,
    tileCells: t,
    tilesX: ground.tilesX,
    tilesY: ground.tilesY,
    slot: ground.slot.slice(),
    positions: tilePositions(ground),
    samples,
    fillM: ground.fillM,
  };
}
