/**
 * Procedural desert terrain: seeded rolling relief plus wadis (low-ground channels) that cross the
 * border, on a heightfield covering given bounds.
 *
 * Relief. Fractal simplex noise (fBm, `simplex-noise` seeded from rng.ts) with wavelengths from
 * `wavelengthM` down by halves, mapped through tanh so heights stay within ±reliefM/2: a typical 10 km
 * stretch spans 80–95 % of reliefM peak to trough, a 600 km border ≈ 95 %. Evaluating noise at every
 * 10 m cell of a 600 km strip would take ~100 M noise calls (≈ 5 s), so each octave is sampled on its
 * own lattice of ≥ 6 nodes per wavelength and upsampled to the cells with separable Catmull-Rom
 * splines; the error against direct evaluation is well below a percent of the octave's amplitude.
 *
 * Wadis. `wadis` channels at stratified seeded chainages (one per equal share of the line, so they
 * are spread and ascending). Each runs along the border's local normal with a gentle two-sine meander
 * (deviation ≲ 15° from the normal). Around its axis the relief is pulled down towards the relief's
 * hard floor −reliefM/2 inside a valley whose half-width is max(3·wadiWidthM, 10·reliefM) (side
 * slopes ≲ 15 %), and the channel proper, wadiWidthM wide with a flat bed over its middle third, is
 * cut wadiDepthM below that. At the barrier line a wadi's bed therefore lies at −reliefM/2 − wadiDepthM,
 * below every other point of the line by at least wadiDepthM: the wadis are clearly the low ground.
 *
 * Limitation: the grid is the axis-aligned rectangle `bounds`. A straight border of any length and
 * direction, or a gently bent one, is handled; a strongly bent polyline makes its bounding box (and
 * this grid) huge, and a wadi axis is a straight normal at its crossing, which for a strongly bent
 * line may run into another part of the line. A generator that follows the strip (a later issue, for
 * real borders) lifts both. Grids over MAX_CELLS samples are refused with a clear error.
 */
import { createNoise2D } from 'simplex-noise';
import type { Border, Station } from '../border.ts';
import { newStation, stationAt } from '../border.ts';
import { StreamCursor, Stream } from '../rng.ts';
import type { TerrainSpec } from '../spec.ts';
import type { Heightfield } from './heightfield.ts';
import { createHeightfield, flatHeightfield } from './heightfield.ts';

export type ProceduralTerrainSpec = Extract<TerrainSpec, { type: 'procedural' }>;

/** An axis-aligned rectangle of the local frame, metres. */
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A generated world's ground: the heightfield and the chainages where wadis cross the border. */
export interface SceneTerrain {
  heightfield: Heightfield;
  /** Chainage of each wadi's crossing of the border line, km, ascending. Empty for flat terrain. */
  wadiKm: number[];
}

export interface ReliefOptions {
  /** Peak-to-trough bound of the relief, metres: heights stay within ±reliefM/2. */
  reliefM: number;
  /** Wavelength of the broadest octave, metres. Default 2400 (rolling desert). */
  wavelengthM?: number;
  /** Number of octaves, each half the wavelength and half the amplitude of the previous. Default 5. */
  octaves?: number;
  /** Sub-stream of the terrain seed, so callers can draw independent reliefs from one seed. Default 0. */
  stream?: number;
}

/** Largest grid generated (samples): 2·10⁸ Float32 = 800 MB. A 600 km × 3.5 km strip at 10 m is 2.1·10⁷. */
export const MAX_CELLS = 200_000_000;

const DEFAULT_WAVELENGTH_M = 2400;
const DEFAULT_OCTAVES = 5;
/** tanh gain on the normalised fBm (std ≈ 0.26, range ≈ ±0.8): maps typical extremes to 90–95 % of the bound. */
const RELIEF_GAIN = 2.2;
/** Lattice nodes per octave wavelength before spline upsampling. */
const NODES_PER_WAVELENGTH = 6;

/**
 * Seeded fractal relief on the grid (originX + i·cellM, originY + j·cellM), i < nx, j < ny, written
 * into `out` (row-major) or a new array. Deterministic in (seed, options, grid). Heights lie in
 * [−reliefM/2, reliefM/2].
 */
export function reliefHeights(
  seed: number,
  originX: number,
  originY: number,
  cellM: number,
  nx: number,
  ny: number,
  options: ReliefOptions,
  out: Float32Array = new Float32Array(nx * ny),
): Float32Array {
  const wavelength0 = options.wavelengthM ?? DEFAULT_WAVELENGTH_M;
  const octaves = options.octaves ?? DEFAULT_OCTAVES;
  const halfRelief = options.reliefM / 2;
  if (out.length !== nx * ny) throw new Error(`relief buffer has ${out.length} samples, expected ${nx * ny}`);
  if (halfRelief === 0 || octaves <= 0) {
    out.fill(0);
    return out;
  }
  const cursor = new StreamCursor(seed, Stream.terrain, options.stream ?? 0);
  const noise = createNoise2D(() => cursor.next());
  // Accumulate in float64 so the octaves' sum is not rounded before the final mapping.
  const acc = new Float64Array(nx * ny);
  let amplitude = 1;
  let norm = 0;
  let wavelength = wavelength0;
  for (let o = 0; o < octaves; o++) {
    // A seeded offset per octave decorrelates the octaves (they share one permutation table) and
    // moves the origin off the noise lattice, where simplex noise is exactly zero.
    const offX = (cursor.next() - 0.5) * 2048;
    const offY = (cursor.next() - 0.5) * 2048;
    addOctave(acc, noise, originX, originY, cellM, nx, ny, wavelength, amplitude, offX, offY);
    norm += amplitude;
    amplitude *= 0.5;
    wavelength *= 0.5;
  }
  const gain = RELIEF_GAIN / norm;
  for (let k = 0; k < acc.length; k++) out[k] = halfRelief * Math.tanh(gain * acc[k]);
  return out;
}

/**
 * Adds amplitude·noise(x/λ + offX, y/λ + offY) to acc. The noise is sampled on a lattice of stride
 * `stride` cells (≥ NODES_PER_WAVELENGTH nodes per wavelength) and upsampled by separable Catmull-Rom;
 * stride 1 evaluates every cell directly.
 */
function addOctave(
  acc: Float64Array,
  noise: (x: number, y: number) => number,
  originX: number,
  originY: number,
  cellM: number,
  nx: number,
  ny: number,
  wavelengthM: number,
  amplitude: number,
  offX: number,
  offY: number,
): void {
  const inv = 1 / wavelengthM;
  const stride = Math.max(1, Math.floor(wavelengthM / (NODES_PER_WAVELENGTH * cellM)));
  if (stride === 1) {
    for (let j = 0; j < ny; j++) {
      const yn = (originY + j * cellM) * inv + offY;
      const row = j * nx;
      for (let i = 0; i < nx; i++) acc[row + i] += amplitude * noise((originX + i * cellM) * inv + offX, yn);
    }
    return;
  }
  // Lattice node m sits at cell m·stride; nodes −1 … last+2 give every cell its four spline taps.
  const lx = Math.ceil((nx - 1) / stride) + 4;
  const ly = Math.ceil((ny - 1) / stride) + 4;
  const stepM = stride * cellM;
  const lattice = new Float64Array(lx * ly);
  for (let m = 0; m < ly; m++) {
    const yn = (originY + (m - 1) * stepM) * inv + offY;
    for (let l = 0; l < lx; l++) lattice[m * lx + l] = noise((originX + (l - 1) * stepM) * inv + offX, yn);
  }
  const w = splineWeights(stride);
  // Pass 1: along x, every lattice row to every cell column.
  const rows = new Float64Array(ly * nx);
  for (let m = 0; m < ly; m++) {
    const src = m * lx;
    const dst = m * nx;
    for (let i = 0; i < nx; i++) {
      const q = Math.floor(i / stride);
      const f = (i - q * stride) * 4;
      const b = src + q; // taps at nodes q−1 … q+2, stored at l = q … q+3
      rows[dst + i] = w[f] * lattice[b] + w[f + 1] * lattice[b + 1] + w[f + 2] * lattice[b + 2] + w[f + 3] * lattice[b + 3];
    }
  }
  // Pass 2: along y, into the cells.
  for (let j = 0; j < ny; j++) {
    const q = Math.floor(j / stride);
    const f = (j - q * stride) * 4;
    const w0 = amplitude * w[f];
    const w1 = amplitude * w[f + 1];
    const w2 = amplitude * w[f + 2];
    const w3 = amplitude * w[f + 3];
    const r0 = q * nx;
    const r1 = r0 + nx;
    const r2 = r1 + nx;
    const r3 = r2 + nx;
    const dst = j * nx;
    for (let i = 0; i < nx; i++) acc[dst + i] += w0 * rows[r0 + i] + w1 * rows[r1 + i] + w2 * rows[r2 + i] + w3 * rows[r3 + i];
  }
}

/** Catmull-Rom weights of the four taps for each of the `stride` fractional positions f/stride. */
function splineWeights(stride: number): Float64Array {
  const w = new Float64Array(stride * 4);
  for (let f = 0; f < stride; f++) {
    const t = f / stride;
    const t2 = t * t;
    const t3 = t2 * t;
    w[4 * f] = 0.5 * (-t3 + 2 * t2 - t);
    w[4 * f + 1] = 0.5 * (3 * t3 - 5 * t2 + 2);
    w[4 * f + 2] = 0.5 * (-3 * t3 + 4 * t2 + t);
    w[4 * f + 3] = 0.5 * (t3 - t2);
  }
  return w;
}

/** Sample counts of the grid covering `bounds` at `cellM` (the far edge rounded up to a whole cell). */
function gridSize(bounds: Bounds, cellM: number): { nx: number; ny: number } {
  const nx = Math.max(2, Math.ceil((bounds.maxX - bounds.minX) / cellM - 1e-9) + 1);
  const ny = Math.max(2, Math.ceil((bounds.maxY - bounds.minY) / cellM - 1e-9) + 1);
  return { nx, ny };
}

/**
 * Generates the procedural terrain of a scene: relief and wadis on a grid over `bounds` with origin
 * (minX, minY) and cell spec.cellM. Deterministic: the same spec (seed included), border and bounds
 * give bit-identical heights. Throws when the grid would exceed MAX_CELLS samples.
 */
export function generateProceduralTerrain(spec: ProceduralTerrainSpec, border: Border, bounds: Bounds): SceneTerrain {
  const cellM = spec.cellM;
  if (!(cellM > 0)) throw new Error(`terrain.cellM must be > 0, got ${cellM}`);
  if (!(spec.reliefM >= 0) || !(spec.wadiDepthM >= 0) || !(spec.wadiWidthM >= 0) || !(spec.wadis >= 0)) {
    throw new Error('terrain.reliefM, wadis, wadiDepthM and wadiWidthM must be ≥ 0');
  }
  if (!(bounds.maxX > bounds.minX) || !(bounds.maxY > bounds.minY)) throw new Error('terrain bounds are empty');
  const { nx, ny } = gridSize(bounds, cellM);
  if (nx * ny > MAX_CELLS) {
    const wKm = ((bounds.maxX - bounds.minX) / 1000).toFixed(0);
    const hKm = ((bounds.maxY - bounds.minY) / 1000).toFixed(0);
    throw new Error(
      `procedural terrain over ${wKm} × ${hKm} km at ${cellM} m cells needs ${nx} × ${ny} samples, more than ${MAX_CELLS}; ` +
        'use a larger terrain.cellM (the grid is the bounding box of the line, so strongly bent borders make it huge)',
    );
  }
  const heights = reliefHeights(spec.seed, bounds.minX, bounds.minY, cellM, nx, ny, { reliefM: spec.reliefM });
  const hf = createHeightfield(bounds.minX, bounds.minY, cellM, nx, ny, heights);
  const wadiKm: number[] = [];
  const count = Math.floor(spec.wadis);
  if (count > 0 && (spec.wadiDepthM > 0 || spec.wadiWidthM > 0)) {
    const cursor = new StreamCursor(spec.seed, Stream.terrain, WADI_STREAM);
    const station = newStation();
    const shareM = border.lengthM / count;
    for (let k = 0; k < count; k++) {
      // Stratified: one wadi in the middle 70 % of each equal share of the line, so they are ascending
      // and never closer than 30 % of a share.
      const sM = (k + 0.15 + 0.7 * cursor.next()) * shareM;
      wadiKm.push(sM / 1000);
      carveWadi(hf, spec, stationAt(border, sM, station), bounds, cursor);
    }
  }
  return { heightfield: hf, wadiKm };
}

const WADI_STREAM = 1000;

/** Carves one wadi crossing the line at `st` along its normal; draws its meander from `cursor`. */
function carveWadi(hf: Heightfield, spec: ProceduralTerrainSpec, st: Station, bounds: Bounds, cursor: StreamCursor): void {
  const halfWidth = spec.wadiWidthM / 2;
  const bedHalf = spec.wadiWidthM / 6; // flat bed over the middle third
  const depth = spec.wadiDepthM;
  const floorM = -spec.reliefM / 2; // hard lower bound of the relief
  const valleyHalf = Math.max(3 * spec.wadiWidthM, 10 * spec.reliefM, halfWidth);
  // Meander: lateral offset of the axis (metres, along the line) as a function of the distance across
  // it. Amplitudes ~1 and ~0.5 channel widths over 0.8–2.4 km wavelengths keep the axis within ~15°
  // of the normal.
  const a1 = spec.wadiWidthM * (0.8 + 0.6 * cursor.next());
  const l1 = 1200 + 1200 * cursor.next();
  const p1 = 2 * Math.PI * cursor.next();
  const a2 = spec.wadiWidthM * (0.3 + 0.4 * cursor.next());
  const l2 = 500 + 500 * cursor.next();
  const p2 = 2 * Math.PI * cursor.next();
  const k1 = (2 * Math.PI) / l1;
  const k2 = (2 * Math.PI) / l2;
  const reach = valleyHalf + a1 + a2; // farthest along-line distance a point can be affected from
  // The wadi runs across the whole grid; its footprint is the band |along| ≤ reach around the normal.
  // Bounding box of that band clipped to the grid: corners at across = ±(distance to the far corner).
  const across =
    Math.max(Math.hypot(bounds.minX - st.x, bounds.minY - st.y), Math.hypot(bounds.maxX - st.x, bounds.maxY - st.y), Math.hypot(bounds.minX - st.x, bounds.maxY - st.y), Math.hypot(bounds.maxX - st.x, bounds.minY - st.y));
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const sa of [-reach, reach]) {
    for (const sd of [-across, across]) {
      const x = st.x + sa * st.tx + sd * st.nx;
      const y = st.y + sa * st.ty + sd * st.ny;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const { originX, originY, cellM, nx, ny, heights } = hf;
  const i0 = Math.max(0, Math.floor((x0 - originX) / cellM));
  const i1 = Math.min(nx - 1, Math.ceil((x1 - originX) / cellM));
  const j0 = Math.max(0, Math.floor((y0 - originY) / cellM));
  const j1 = Math.min(ny - 1, Math.ceil((y1 - originY) / cellM));
  for (let j = j0; j <= j1; j++) {
    const ry = originY + j * cellM - st.y;
    for (let i = i0; i <= i1; i++) {
      const rx = originX + i * cellM - st.x;
      const along = rx * st.tx + ry * st.ty;
      if (along > reach || along < -reach) continue;
      const d = rx * st.nx + ry * st.ny;
      const w = Math.abs(along - a1 * Math.sin(k1 * d + p1) - a2 * Math.sin(k2 * d + p2));
      if (w >= valleyHalf) continue;
      const k = j * nx + i;
      // Valley: blend the relief towards its floor with a smootherstep weight (1 on the axis).
      const s = 1 - w / valleyHalf;
      const valley = s * s * s * (s * (6 * s - 15) + 10);
      let h = heights[k] + (floorM - heights[k]) * valley;
      // Channel: flat bed within bedHalf, raised-cosine banks out to halfWidth.
      if (w < halfWidth) h -= w <= bedHalf ? depth : depth * 0.5 * (1 + Math.cos((Math.PI * (w - bedHalf)) / (halfWidth - bedHalf)));
      heights[k] = h;
    }
  }
}

/**
 * The ground of a scene: a flat heightfield over `bounds` for `flat`, the procedural terrain for
 * `procedural`. `dem` is not supported yet (a later issue adds it) and throws.
 */
export function terrainForScene(spec: TerrainSpec, border: Border, bounds: Bounds): SceneTerrain {
  switch (spec.type) {
    case 'flat':
      return { heightfield: flatHeightfield(bounds.minX, bounds.minY, bounds.maxX, bounds.maxY), wadiKm: [] };
    case 'procedural':
      return generateProceduralTerrain(spec, border, bounds);
    case 'dem':
      throw new Error(`terrain type 'dem' (${spec.file}) is not supported yet; use 'flat' or 'procedural'`);
    default:
      throw new Error(`unknown terrain type '${(spec as { type: string }).type}'`);
  }
}
