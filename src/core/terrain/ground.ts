/**
 * The ground of a world, whatever its layout: one regular grid (heightfield.ts) over the strip's
 * bounding box, or square tiles covering only the strip (tiled.ts) when the box would be much larger
 * than the strip — a long, bent border. Everything in the core reads heights and tests lines of
 * sight through the two functions here, so the layout is invisible to the simulation.
 *
 * Choice of layout (`planGround`): the single grid when it has at most twice the samples of the
 * tiles (straight and gently bent lines: the box is the strip, and one grid is the simplest and
 * fastest), tiles otherwise (Iraq–Syria: 1.4·10⁹ samples in the box at 10 m against ≈ 3·10⁷ in tiles).
 */
import type { Border } from '../border.ts';
import type { TerrainSpec } from '../spec.ts';
import type { Heightfield } from './heightfield.ts';
import { createHeightfield, flatHeightfield, heightAt } from './heightfield.ts';
import type { TerrainIndex } from './los.ts';
import { terrainLineOfSight } from './los.ts';
import type { Bounds, ProceduralTerrainSpec } from './procedural.ts';
import { MAX_CELLS, carveWadi, checkProceduralSpec, generateProceduralTerrain, gridSize, planWadis, reliefAlignmentCells, reliefHeights, wadiFootprintBox } from './procedural.ts';
import type { StripReach, TiledGround, TiledGroundData } from './tiled.ts';
import {
  DEFAULT_TILE_CELLS,
  allocateTiledGround,
  finishTiledGround,
  planTiles,
  prepareTiledGround,
  tilePositions,
  tileSamples,
  tileView,
  tiledHeightAt,
  tiledLineOfSight,
} from './tiled.ts';

/** A ground ready for queries. A plain Heightfield is a single-grid ground. */
export type Ground = Heightfield | TiledGround;
/** A ground as data (structured-cloneable): what the edge builds and sends to worker threads. */
export type GroundData = Heightfield | TiledGroundData;

/** A scene's ground as data, with the chainages where procedural wadis cross the line (km). */
export interface SceneGroundData {
  ground: GroundData;
  wadiKm: number[];
  /**
   * A single-grid ground's line-of-sight index, when the edge built it once (on shared memory) for
   * every world; a world builds its own otherwise. Tiled grounds carry theirs per tile.
   */
  gridIndex?: TerrainIndex;
}

export function isTiledGround<T extends Ground | GroundData>(g: T): g is Extract<T, TiledGroundData> {
  return (g as TiledGroundData).kind === 'tiled';
}

/** Ground height at (x, y), metres. O(1), allocation-free. */
export function groundHeightAt(g: Ground, x: number, y: number): number {
  return isTiledGround(g) ? tiledHeightAt(g, x, y) : heightAt(g, x, y);
}

/**
 * Does A→B clear the ground? `gridIndex` is the single grid's index (unused for tiles, which carry
 * their own).
 */
export function groundLineOfSight(g: Ground, gridIndex: TerrainIndex, ax: number, ay: number, az: number, bx: number, by: number, bz: number): boolean {
  return isTiledGround(g) ? tiledLineOfSight(g, ax, ay, az, bx, by, bz) : terrainLineOfSight(gridIndex, ax, ay, az, bx, by, bz);
}

/** Turns ground data into a ground ready for queries (tiles get their views and indexes). */
export function prepareGround(d: GroundData): Ground {
  if (!isTiledGround(d)) return d;
  // Already prepared (same thread): keep it.
  if ((d as Partial<TiledGround>).indexes) return d as TiledGround;
  return prepareTiledGround(d);
}

export type GroundLayout =
  | { kind: 'grid'; bounds: Bounds; cellM: number; nx: number; ny: number; samples: number }
  | { kind: 'tiled'; cellM: number; tileCells: number; samples: number };

/**
 * The layout for a ground at `cellM` over the strip: the single grid over `bounds` unless tiles need
 * less than half its samples. `tileCells` must suit the generator (see `tileCellsFor`).
 */
export function planGround(border: Border, reach: StripReach, bounds: Bounds, cellM: number, tileCells: number): GroundLayout {
  const { nx, ny } = gridSize(bounds, cellM);
  const gridSamples = nx * ny;
  const tiles = planTiles(border, reach, cellM, tileCells);
  const tiledSamples = tiles.count * tileSamples(tileCells);
  if (gridSamples <= 2 * tiledSamples) return { kind: 'grid', bounds, cellM, nx, ny, samples: gridSamples };
  return { kind: 'tiled', cellM, tileCells, samples: tiledSamples };
}

/** Tile side for procedural relief at `cellM`: near DEFAULT_TILE_CELLS, a multiple of the relief's alignment. */
export function tileCellsFor(cellM: number): number {
  const align = reliefAlignmentCells(cellM);
  return Math.max(1, Math.round(DEFAULT_TILE_CELLS / align)) * align;
}

function tooLarge(what: string, samples: number, cellM: number): Error {
  return new Error(
    `${what} at ${cellM} m cells needs ${samples.toExponential(2)} samples, more than ${MAX_CELLS.toExponential(1)}; use a larger terrain.cellM or a narrower strip`,
  );
}

export interface BuildGroundOptions {
  /** Allocates sample arrays (e.g. on a SharedArrayBuffer, to share them with worker threads). */
  alloc?: (n: number) => Float32Array;
  /** Forces tiles even where a single grid would do (tests compare the two). */
  forceTiled?: boolean;
}

/**
 * The ground of a scene whose terrain needs no file: flat (one 2 × 2 grid), or procedural relief and
 * wadis on the layout `planGround` picks. A DEM is read at the edge (src/geo) and never reaches here.
 * Deterministic: the same spec, border and reach give bit-identical samples.
 */
export function buildSceneGround(spec: TerrainSpec, border: Border, reach: StripReach, bounds: Bounds, opts: BuildGroundOptions = {}): SceneGroundData {
  switch (spec.type) {
    case 'flat':
      return { ground: flatHeightfield(bounds.minX, bounds.minY, bounds.maxX, bounds.maxY), wadiKm: [] };
    case 'procedural': {
      checkProceduralSpec(spec);
      const tileCells = tileCellsFor(spec.cellM);
      const layout = opts.forceTiled
        ? { kind: 'tiled' as const, samples: planTiles(border, reach, spec.cellM, tileCells).count * tileSamples(tileCells) }
        : planGround(border, reach, bounds, spec.cellM, tileCells);
      if (layout.kind === 'grid') {
        const t = generateProceduralTerrain(spec, border, bounds, opts.alloc);
        return { ground: t.heightfield, wadiKm: t.wadiKm };
      }
      if (layout.samples > MAX_CELLS) throw tooLarge('procedural terrain over the strip', layout.samples, spec.cellM);
      return generateTiledProcedural(spec, border, reach, tileCells, opts.alloc);
    }
    case 'dem':
      throw new Error(`terrain type 'dem' (${spec.file}) must be read at the edge (src/geo) and passed to createWorld as inputs.ground`);
    default:
      throw new Error(`unknown terrain type '${(spec as { type: string }).type}'`);
  }
}

/**
 * Procedural relief and wadis tile by tile. Tiles sit a whole number of relief alignments apart
 * (`tileCellsFor`), so each evaluates the noise at the same global lattice nodes and the tiles join
 * without seams. A wadi stops at the strip's reach across the line, so on a bent border it does not
 * cut through another stretch of the strip.
 */
function generateTiledProcedural(spec: ProceduralTerrainSpec, border: Border, reach: StripReach, tileCells: number, alloc?: (n: number) => Float32Array): SceneGroundData {
  const g = allocateTiledGround(border, reach, spec.cellM, tileCells, alloc);
  const pos = tilePositions(g);
  const wadis = planWadis(spec, border);
  const limits: [number, number] = [reach.farM + reach.marginM, reach.homeM + reach.marginM];
  // Each wadi's footprint box: the same one carveWadi clips to, across within the limits.
  const boxes = wadis.map((w) => wadiFootprintBox(spec, w, -limits[0], limits[1]));
  const n = tileCells + 1;
  const tileM = tileCells * spec.cellM;
  const acrossM = Math.max(limits[0], limits[1]);
  for (let s = 0; s < g.count; s++) {
    const hf = tileView(g, s, pos[2 * s], pos[2 * s + 1]);
    reliefHeights(spec.seed, hf.originX, hf.originY, spec.cellM, n, n, { reliefM: spec.reliefM }, hf.heights as Float32Array);
    for (let k = 0; k < wadis.length; k++) {
      const b = boxes[k];
      if (b.x1 < hf.originX || b.x0 > hf.originX + tileM || b.y1 < hf.originY || b.y0 > hf.originY + tileM) continue;
      carveWadi(hf, spec, wadis[k], acrossM, limits);
    }
  }
  return { ground: finishTiledGround(g), wadiKm: wadis.map((w) => w.sM / 1000) };
}

/**
 * A single coarse grid over `bounds` sampling a tiled ground (at most `maxSamples`): `World.heightfield`
 * of a tiled world, for display and coarse overviews. Exact queries go through the ground itself.
 */
export function overviewHeightfield(g: TiledGround, bounds: Bounds, maxSamples = 1_000_000): Heightfield {
  const area = (bounds.maxX - bounds.minX) * (bounds.maxY - bounds.minY);
  const cellM = Math.max(g.cellM, Math.ceil(Math.sqrt(area / maxSamples) / g.cellM) * g.cellM);
  const { nx, ny } = gridSize(bounds, cellM);
  const heights = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const y = bounds.minY + j * cellM;
    for (let i = 0; i < nx; i++) heights[j * nx + i] = tiledHeightAt(g, bounds.minX + i * cellM, y);
  }
  return createHeightfield(bounds.minX, bounds.minY, cellM, nx, ny, heights);
}
