/**
 * A tiled ground for long, bent borders: square tiles of one global lattice, kept only where they
 * touch the strip.
 *
 * Why. A single grid over the strip's bounding box is fine for a straight line (the box is the
 * strip), but the Iraq–Syria frontier's box is 330 × 413 km: 1.4·10⁹ samples at 10 m, while the strip
 * itself (3.6 km wide) needs 2.2·10⁷. Tiles of T × T cells on the lattice (originX + i·cellM,
 * originY + j·cellM) are allocated only where they meet the strip: typically 1.3–1.6 × the strip's
 * own area. Each tile stores (T + 1)² samples — neighbours repeat their shared edge — so a tile is an
 * ordinary Heightfield, and the surface over the tiles is the same triangulated surface as one big
 * grid (heightfield.ts): continuous across tiles, with the same diagonals.
 *
 * Queries. `tiledHeightAt` reads the tile under the point. `tiledLineOfSight` walks the tiles the
 * segment crosses (Amanatides–Woo over the tile grid) and runs the exact max-mip march (los.ts) on
 * each tile's piece, so it is exact wherever tiles exist. Where no tile exists (far outside the
 * strip) there is no ground: heights read as `fillM` (the lowest sample) and nothing occludes. A sight
 * line between two points of the strip leaves it only across a sharp bend; there the chord passes
 * over ground the scene never described.
 *
 * Memory. All samples live in one Float32Array (`samples`, tile after tile), which the edge can
 * allocate on a SharedArrayBuffer so that worker threads share one copy (src/batch). Each world builds
 * its own mip indexes over views of it (≈ 4/3 × the samples in int16 pairs).
 */
import type { Border } from '../border.ts';
import type { Heightfield } from './heightfield.ts';
import { createHeightfield, heightAt } from './heightfield.ts';
import type { TerrainIndex } from './los.ts';
import { buildTerrainIndex, terrainLineOfSight } from './los.ts';

/** The plain data of a tiled ground: structured-cloneable, no derived objects. */
export interface TiledGroundData {
  readonly kind: 'tiled';
  /** The lattice origin (sample (0, 0) of tile (0, 0)), metres; a multiple of the tile size. */
  readonly originX: number;
  readonly originY: number;
  readonly cellM: number;
  /** Cells per tile side, T; a tile holds (T + 1)² samples. */
  readonly tileCells: number;
  readonly tilesX: number;
  readonly tilesY: number;
  /** Tile (tx, ty) → its slot in `samples` (row-major, index ty·tilesX + tx), or −1 where none exists. */
  readonly slot: Int32Array;
  /** Number of tiles that exist. */
  readonly count: number;
  /** Samples of every tile, slot after slot, each row-major (T + 1) × (T + 1). */
  readonly samples: Float32Array;
  /** Height read where no tile exists, metres: the lowest sample (set by `finishTiledGround`). */
  readonly fillM: number;
}

/** A tiled ground ready for queries: views of each tile and their line-of-sight indexes. */
export interface TiledGround extends TiledGroundData {
  /** Tile by slot: an ordinary Heightfield viewing its part of `samples`. */
  readonly tiles: readonly Heightfield[];
  readonly indexes: readonly TerrainIndex[];
}

/** How far the strip reaches from the line: on the far side, on the home side, and a margin around both, metres. */
export interface StripReach {
  farM: number;
  homeM: number;
  marginM: number;
}

/** Default tile side in cells: 1.28 km at 10 m, 2 to 3 tiles across a typical strip. */
export const DEFAULT_TILE_CELLS = 128;

/**
 * Which tiles of a lattice with tile side `tileM` meet the strip around `border`: for each segment the
 * rectangle from farM + margin on the far side to homeM + margin on the home side (extended by the
 * margin past its ends), and at each vertex a disc of radius max(farM, homeM) + margin, which covers
 * the wedges at bends. Returns the tile bounds and the slot table.
 */
export function planTiles(
  border: Border,
  reach: StripReach,
  cellM: number,
  tileCells: number,
): { originX: number; originY: number; tilesX: number; tilesY: number; slot: Int32Array; count: number } {
  const tileM = tileCells * cellM;
  const far = reach.farM + reach.marginM;
  const home = reach.homeM + reach.marginM;
  const disc = Math.max(reach.farM, reach.homeM) + reach.marginM;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const xy = border.xy;
  for (let i = 0; i < border.vertexCount; i++) {
    minX = Math.min(minX, xy[2 * i] - disc);
    maxX = Math.max(maxX, xy[2 * i] + disc);
    minY = Math.min(minY, xy[2 * i + 1] - disc);
    maxY = Math.max(maxY, xy[2 * i + 1] + disc);
  }
  // Every segment rectangle's corner lies within √(margin² + reach²) ≤ disc of a vertex, so the
  // vertices' discs bound the whole strip.
  const originX = Math.floor(minX / tileM) * tileM;
  const originY = Math.floor(minY / tileM) * tileM;
  const tilesX = Math.max(1, Math.ceil((maxX - originX) / tileM));
  const tilesY = Math.max(1, Math.ceil((maxY - originY) / tileM));
  const mark = new Uint8Array(tilesX * tilesY);
  const half = tileM / 2;
  const markRange = (x0: number, y0: number, x1: number, y1: number, hit: (cx: number, cy: number) => boolean) => {
    const tx0 = Math.max(0, Math.floor((x0 - originX) / tileM));
    const tx1 = Math.min(tilesX - 1, Math.floor((x1 - originX) / tileM));
    const ty0 = Math.max(0, Math.floor((y0 - originY) / tileM));
    const ty1 = Math.min(tilesY - 1, Math.floor((y1 - originY) / tileM));
    for (let ty = ty0; ty <= ty1; ty++) {
      for (let tx = tx0; tx <= tx1; tx++) {
        const k = ty * tilesX + tx;
        if (mark[k] === 0 && hit(originX + (tx + 0.5) * tileM, originY + (ty + 0.5) * tileM)) mark[k] = 1;
      }
    }
  };
  for (let i = 0; i < border.vertexCount; i++) {
    const vx = xy[2 * i];
    const vy = xy[2 * i + 1];
    // Square tile (half-size h) meets a disc: distance from the centre to the square ≤ radius.
    markRange(vx - disc, vy - disc, vx + disc, vy + disc, (cx, cy) => {
      const dx = Math.max(Math.abs(cx - vx) - half, 0);
      const dy = Math.max(Math.abs(cy - vy) - half, 0);
      return dx * dx + dy * dy <= disc * disc;
    });
  }
  for (let i = 0; i + 1 < border.vertexCount; i++) {
    const x0 = xy[2 * i];
    const y0 = xy[2 * i + 1];
    const len = border.cumM[i + 1] - border.cumM[i];
    if (!(len > 0)) continue;
    const tx = (xy[2 * i + 2] - x0) / len;
    const ty = (xy[2 * i + 3] - y0) / len;
    const nx = -ty;
    const ny = tx;
    // The segment's rectangle in its own frame: along ∈ [−margin, len + margin], across ∈ [−far, home].
    const a0 = -reach.marginM;
    const a1 = len + reach.marginM;
    const corners = [
      [x0 + tx * a0 - nx * far, y0 + ty * a0 - ny * far],
      [x0 + tx * a1 - nx * far, y0 + ty * a1 - ny * far],
      [x0 + tx * a1 + nx * home, y0 + ty * a1 + ny * home],
      [x0 + tx * a0 + nx * home, y0 + ty * a0 + ny * home],
    ];
    const bx0 = Math.min(...corners.map((c) => c[0]));
    const bx1 = Math.max(...corners.map((c) => c[0]));
    const by0 = Math.min(...corners.map((c) => c[1]));
    const by1 = Math.max(...corners.map((c) => c[1]));
    // Separating axes of two rectangles: the tile's x and y (covered by the range) and the segment's
    // tangent and normal: project the tile's centre and its half-extent on each.
    const projHalfA = half * (Math.abs(tx) + Math.abs(ty));
    const projHalfN = half * (Math.abs(nx) + Math.abs(ny));
    markRange(bx0, by0, bx1, by1, (cx, cy) => {
      const along = (cx - x0) * tx + (cy - y0) * ty;
      const across = (cx - x0) * nx + (cy - y0) * ny;
      return along + projHalfA >= a0 && along - projHalfA <= a1 && across + projHalfN >= -far && across - projHalfN <= home;
    });
  }
  const slot = new Int32Array(tilesX * tilesY).fill(-1);
  let count = 0;
  for (let k = 0; k < mark.length; k++) if (mark[k]) slot[k] = count++;
  return { originX, originY, tilesX, tilesY, slot, count };
}

/** Samples one tile holds. */
export function tileSamples(tileCells: number): number {
  return (tileCells + 1) * (tileCells + 1);
}

/**
 * Allocates a tiled ground over the strip (heights zero, `fillM` 0): fill the tiles' samples (the
 * procedural generator or a DEM), then call `finishTiledGround`. `alloc` lets the caller put the
 * samples on a SharedArrayBuffer.
 */
export function allocateTiledGround(
  border: Border,
  reach: StripReach,
  cellM: number,
  tileCells = DEFAULT_TILE_CELLS,
  alloc: (n: number) => Float32Array = (n) => new Float32Array(n),
): TiledGroundData {
  const plan = planTiles(border, reach, cellM, tileCells);
  return { kind: 'tiled', ...plan, cellM, tileCells, samples: alloc(plan.count * tileSamples(tileCells)), fillM: 0 };
}

/** Tile (tx, ty) of slot s: the inverse of the slot table, for generators that walk the tiles. */
export function tilePositions(g: TiledGroundData): Int32Array {
  const out = new Int32Array(2 * g.count);
  for (let k = 0; k < g.slot.length; k++) {
    const s = g.slot[k];
    if (s < 0) continue;
    out[2 * s] = k % g.tilesX;
    out[2 * s + 1] = Math.floor(k / g.tilesX);
  }
  return out;
}

/** The Heightfield view of slot s (samples shared, not copied). */
export function tileView(g: TiledGroundData, s: number, tx: number, ty: number): Heightfield {
  const n = tileSamples(g.tileCells);
  const tileM = g.tileCells * g.cellM;
  return createHeightfield(g.originX + tx * tileM, g.originY + ty * tileM, g.cellM, g.tileCells + 1, g.tileCells + 1, g.samples.subarray(s * n, (s + 1) * n));
}

/** Sets `fillM` to the lowest sample once the samples are written. */
export function finishTiledGround(g: TiledGroundData): TiledGroundData {
  let min = Infinity;
  const v = g.samples;
  for (let k = 0; k < v.length; k++) if (v[k] < min) min = v[k];
  return { ...g, fillM: Number.isFinite(min) ? min : 0 };
}

/** Builds the per-tile views and line-of-sight indexes. O(samples). */
export function prepareTiledGround(g: TiledGroundData): TiledGround {
  const pos = tilePositions(g);
  const tiles: Heightfield[] = [];
  const indexes: TerrainIndex[] = [];
  for (let s = 0; s < g.count; s++) {
    const hf = tileView(g, s, pos[2 * s], pos[2 * s + 1]);
    tiles.push(hf);
    indexes.push(buildTerrainIndex(hf));
  }
  return { ...g, tiles, indexes };
}

/**
 * `prepareTiledGround` with every tile's mip-map in one array from `alloc` (a SharedArrayBuffer at
 * the edge): worker threads that receive the result share the indexes too, instead of each building
 * ≈ 2.5 bytes per sample of its own (85 MB for the Iraq–Syria strip at 10 m) — and skip the build.
 * Tiles are indexed one at a time and copied into the pool, so the peak stays at one tile's index.
 */
export function prepareTiledGroundPooled(g: TiledGroundData, alloc: (n: number) => Int16Array): TiledGround {
  const pos = tilePositions(g);
  const tiles: Heightfield[] = [];
  const indexes: TerrainIndex[] = [];
  let pool: Int16Array | null = null;
  let off = 0;
  for (let s = 0; s < g.count; s++) {
    const hf = tileView(g, s, pos[2 * s], pos[2 * s + 1]);
    const idx = buildTerrainIndex(hf);
    // Every tile has the same size, so the first one's mip length sizes the pool.
    pool ??= alloc(idx.mip.length * g.count);
    const mip = pool.subarray(off, off + idx.mip.length);
    mip.set(idx.mip);
    off += idx.mip.length;
    tiles.push(hf);
    indexes.push({ ...idx, mip });
  }
  return { ...g, tiles, indexes };
}

/** The tile slot holding (x, y), or −1. */
export function tileSlotAt(g: TiledGroundData, x: number, y: number): number {
  const tileM = g.tileCells * g.cellM;
  const tx = Math.floor((x - g.originX) / tileM);
  const ty = Math.floor((y - g.originY) / tileM);
  if (tx < 0 || ty < 0 || tx >= g.tilesX || ty >= g.tilesY) return -1;
  return g.slot[ty * g.tilesX + tx];
}

/** Ground height at (x, y), metres: the tile's triangulated surface, or `fillM` where no tile exists. O(1). */
export function tiledHeightAt(g: TiledGround, x: number, y: number): number {
  const s = tileSlotAt(g, x, y);
  return s < 0 ? g.fillM : heightAt(g.tiles[s], x, y);
}

/**
 * Does the segment A→B clear the ground? Exact on every tile it crosses (los.ts on the tile's piece);
 * no occlusion where no tile exists. Allocation-free.
 */
export function tiledLineOfSight(g: TiledGround, ax: number, ay: number, az: number, bx: number, by: number, bz: number): boolean {
  const tileM = g.tileCells * g.cellM;
  // The segment in tile units.
  const u0 = (ax - g.originX) / tileM;
  const v0 = (ay - g.originY) / tileM;
  const du = (bx - ax) / tileM;
  const dv = (by - ay) / tileM;
  const dz = bz - az;
  let tx = Math.floor(u0);
  let ty = Math.floor(v0);
  const stepX = du > 0 ? 1 : du < 0 ? -1 : 0;
  const stepY = dv > 0 ? 1 : dv < 0 ? -1 : 0;
  // Parameter t (0 at A, 1 at B) of the next tile face crossed along x and y, and per tile.
  const dtX = stepX !== 0 ? Math.abs(1 / du) : Infinity;
  const dtY = stepY !== 0 ? Math.abs(1 / dv) : Infinity;
  let tNextX = stepX > 0 ? (tx + 1 - u0) / du : stepX < 0 ? (tx - u0) / du : Infinity;
  let tNextY = stepY > 0 ? (ty + 1 - v0) / dv : stepY < 0 ? (ty - v0) / dv : Infinity;
  let t = 0;
  for (;;) {
    const tOut = Math.min(tNextX, tNextY, 1);
    if (tx >= 0 && ty >= 0 && tx < g.tilesX && ty < g.tilesY && tOut > t) {
      const s = g.slot[ty * g.tilesX + tx];
      if (s >= 0) {
        const ex = bx - ax;
        const ey = by - ay;
        if (!terrainLineOfSight(g.indexes[s], ax + ex * t, ay + ey * t, az + dz * t, ax + ex * tOut, ay + ey * tOut, az + dz * tOut)) return false;
      }
    }
    if (tOut >= 1) return true;
    t = tOut;
    if (tNextX <= tNextY) {
      tx += stepX;
      tNextX += dtX;
    } else {
      ty += stepY;
      tNextY += dtY;
    }
  }
}
