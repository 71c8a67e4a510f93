/**
 * The coverage overlay: for the analytic coverage's reference target (src/coverage/reference.ts: a
 * person on foot, with the scene's overrides, at night unless the scene pins the time of day), the
 * best P∞ any camera achieves at each point of a raster over the terrain — counting only cameras that
 * point that way (fixed sector, scan sector or all round) and have a line of sight past the terrain
 * and the wall.
 * Plus the wall's dead zone: how far beyond the far face a standing person stays hidden from every
 * camera that could otherwise see them (docs/model.md §2: ≈ 5 m for a 15 m tower 50 m back).
 *
 * It is a picture of the deployment, not a statistic: the instantaneous P∞ where a camera looks,
 * ignoring when a panning camera looks. The numbers that matter come from the simulation.
 */
import { SENSOR_IDEAL, inReach } from '../../core/cameras.ts';
import { newStation, stationAt } from '../../core/border.ts';
import { isInGap } from '../../core/barrier.ts';
import { lineOfSight } from '../../core/lineOfSight.ts';
import { pInfinity } from '../../core/sensors/thermal.ts';
import { groundHeightAt, isTiledGround } from '../../core/terrain/ground.ts';
import type { TiledGround } from '../../core/terrain/tiled.ts';
import type { World } from '../../core/world.ts';
import type { ReferenceTarget } from '../../coverage/reference.ts';
import type { CoverageRaster, CoverageTiles } from '../protocol.ts';
import { P_BANDS } from '../protocol.ts';
import { bandRangeM } from './worldView.ts';

/** Raster size bound: keeps the overlay to about a second of work on one core. */
export const MAX_COVERAGE_CELLS = 150_000;
/**
 * Sample budget of a tiled ground's per-tile rasters: ≈ 85 m apart over the Iraq–Syria strip, a few
 * seconds of work in the coverage worker.
 */
export const MAX_TILED_COVERAGE_CELLS = 500_000;
/** Depth beyond the far face searched for the dead zone, metres; a deeper shadow is reported as this. */
export const DEAD_ZONE_SEARCH_M = 40;
const DEAD_ZONE_STEP_M = 0.25;

/**
 * The raster's cell size: the heightfield's (at most 25 m: flat ground is one huge cell), or coarser
 * so that the raster stays under maxCells.
 */
export function coverageCellM(world: World, maxCells = MAX_COVERAGE_CELLS): number {
  const hf = world.heightfield;
  const area = (hf.nx - 1) * hf.cellM * (hf.ny - 1) * hf.cellM;
  const needed = Math.sqrt(area / maxCells);
  return Math.max(Math.min(hf.cellM, 25), Math.ceil(needed / 5) * 5);
}

/** Best P∞ of the reference target at (x, y) over the cameras that see it there. */
export function bestP(world: World, ref: ReferenceTarget, x: number, y: number, range10: Float64Array): number {
  const cams = world.cameras;
  const zTop = groundHeightAt(world.ground, x, y) + ref.heightM;
  let rMax = 0;
  for (let m = 0; m < range10.length; m++) rMax = Math.max(rMax, range10[m]);
  const ids = world.cameraIndex.range(x - rMax, y - rMax, x + rMax, y + rMax);
  let best = 0;
  for (let j = 0; j < ids.length; j++) {
    const k = ids[j];
    if (k >= cams.count) continue;
    const dx = x - cams.x[k];
    const dy = y - cams.y[k];
    const dz = zTop - cams.z[k];
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const mi = cams.model[k];
    if (r > range10[mi]) continue;
    if (!inReach(cams, k, Math.atan2(dy, dx))) continue;
    const model = world.models[mi];
    const p = model.type === SENSOR_IDEAL || !model.thermal ? 1 : pInfinity(model.thermal, model.thermal.johnson.detect, ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, r);
    // The sight test is the costly part: only for a camera that would raise the best.
    if (p <= best) continue;
    if (lineOfSight(world, cams.x[k], cams.y[k], cams.z[k], x, y, zTop)) best = p;
    if (best >= 1) break;
  }
  return best;
}

/**
 * Depth (metres) beyond the wall's far face within which the reference target at chainage sM is seen
 * by no camera that reaches it — 0 at a gap, where a camera sees right up to the face, or where no
 * camera reaches at all (uncovered ground, which the overlay shows).
 */
export function deadDepthAt(world: World, ref: ReferenceTarget, sM: number, range10: Float64Array): number {
  if (isInGap(world.barrier, sM)) return 0;
  const st = stationAt(world.border, sM, newStation());
  const face = world.barrier.widthM / 2;
  const cams = world.cameras;
  let rMax = 0;
  for (let m = 0; m < range10.length; m++) rMax = Math.max(rMax, range10[m]);
  const ids = world.cameraIndex.range(st.x - rMax, st.y - rMax, st.x + rMax, st.y + rMax);
  let reached = false;
  for (let depth = DEAD_ZONE_STEP_M; depth <= DEAD_ZONE_SEARCH_M; depth += DEAD_ZONE_STEP_M) {
    // Just past the face, outward (far side is −normal).
    const x = st.x - st.nx * (face + depth);
    const y = st.y - st.ny * (face + depth);
    const zTop = groundHeightAt(world.ground, x, y) + ref.heightM;
    for (let j = 0; j < ids.length; j++) {
      const k = ids[j];
      if (k >= cams.count) continue;
      const dx = x - cams.x[k];
      const dy = y - cams.y[k];
      if (Math.hypot(dx, dy) > range10[cams.model[k]]) continue;
      if (!inReach(cams, k, Math.atan2(dy, dx))) continue;
      reached = true;
      if (lineOfSight(world, cams.x[k], cams.y[k], cams.z[k], x, y, zTop)) return depth - DEAD_ZONE_STEP_M;
    }
  }
  // No camera reaches this stretch at all: it is uncovered (the overlay shows it), not a wall shadow.
  return reached ? DEAD_ZONE_SEARCH_M : 0;
}

/** Samples per tile side for a tiled ground: as fine as the budget allows, never finer than 2 ground cells. */
export function coverageTileSamples(g: TiledGround, maxCells = MAX_TILED_COVERAGE_CELLS): number {
  const tileM = g.tileCells * g.cellM;
  const spacing = Math.max(2 * g.cellM, tileM / Math.max(1, Math.floor(Math.sqrt(maxCells / Math.max(1, g.count))) - 1));
  return Math.max(2, Math.ceil(tileM / spacing) + 1);
}

function coverageTiles(world: World, g: TiledGround, ref: ReferenceTarget, range10: Float64Array, maxCells: number): CoverageTiles {
  const tileM = g.tileCells * g.cellM;
  const n = coverageTileSamples(g, maxCells);
  const step = tileM / (n - 1);
  const p = new Float32Array(g.count * n * n);
  for (let ty = 0; ty < g.tilesY; ty++) {
    for (let tx = 0; tx < g.tilesX; tx++) {
      const s = g.slot[ty * g.tilesX + tx];
      if (s < 0) continue;
      const x0 = g.originX + tx * tileM;
      const y0 = g.originY + ty * tileM;
      const base = s * n * n;
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) p[base + j * n + i] = bestP(world, ref, x0 + i * step, y0 + j * step, range10);
    }
  }
  return { originX: g.originX, originY: g.originY, tileM, tilesX: g.tilesX, tilesY: g.tilesY, slot: g.slot.slice(), n, p };
}

/** The overlay raster and the dead-zone profile. Pure and deterministic. */
export function computeCoverage(world: World, ref: ReferenceTarget, maxCells = MAX_COVERAGE_CELLS, maxTiledCells = MAX_TILED_COVERAGE_CELLS): CoverageRaster {
  const hf = world.heightfield;
  const lowest = P_BANDS[P_BANDS.length - 1];
  const range10 = Float64Array.from(world.models, (m) => bandRangeM(m, ref, lowest));
  const dead = deadZoneProfile(world, ref, range10);
  if (isTiledGround(world.ground)) {
    // Only the strip's tiles: one raster over the bounding box of a long bent line would be mostly
    // empty desert and, within the budget, kilometre-sized cells.
    const tiles = coverageTiles(world, world.ground, ref, range10, maxTiledCells);
    return { originX: hf.originX, originY: hf.originY, cellM: tiles.tileM / (tiles.n - 1), nx: 0, ny: 0, p: new Float32Array(0), tiles, ...dead };
  }
  const cellM = coverageCellM(world, maxCells);
  const nx = Math.max(2, Math.ceil(((hf.nx - 1) * hf.cellM) / cellM) + 1);
  const ny = Math.max(2, Math.ceil(((hf.ny - 1) * hf.cellM) / cellM) + 1);
  const p = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const y = hf.originY + j * cellM;
    for (let i = 0; i < nx; i++) p[j * nx + i] = bestP(world, ref, hf.originX + i * cellM, y, range10);
  }
  return { originX: hf.originX, originY: hf.originY, cellM, nx, ny, p, ...dead };
}

function deadZoneProfile(world: World, ref: ReferenceTarget, range10: Float64Array): { deadSM: Float64Array; deadDepthM: Float32Array } {
  const lengthM = world.border.lengthM;
  const stepM = Math.max(5, lengthM / 5000);
  const n = Math.floor(lengthM / stepM) + 1;
  const deadSM = new Float64Array(n);
  const deadDepthM = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const s = Math.min(i * stepM, lengthM);
    deadSM[i] = s;
    deadDepthM[i] = deadDepthAt(world, ref, s, range10);
  }
  return { deadSM, deadDepthM };
}
