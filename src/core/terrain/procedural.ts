/**
 * Procedural desert terrain: seeded rolling relief plus wadis (low-ground channels) that cross the
 * border, on a heightfield covering given bounds.
 *
 * Relief. Fractal simplex noise (fBm, `simplex-noise` seeded from rng.ts) with wavelengths from
 * `wavelengthM` down by halves, mapped through tanh so heights stay within ±reliefM/2: a 10 km stretch
 * spans about 92 % of reliefM peak to trough, a 100 km one about 94 % (tanh flattens the crests). Evaluating noise at every
 * 10 m cell of a 600 km strip would take ~100 M noise calls (≈ 5 s), so each octave is sampled on a
 * lattice of ≥ 6 nodes per wavelength, and the sum is upsampled to the cells with separable
 * Catmull-Rom splines; the heights differ from direct evaluation by about 1 % of reliefM (mostly the
 * finest octave's interpolation error), which only makes the relief a slightly different one.
 *
 * Wadis. `wadis` channels at stratified seeded chainages (one per equal share of the line, so they
 * are spread and ascending). Each runs along the border's local normal with a gentle two-sine meander
 * (deviation ≲ 15° from the normal). Around its axis the relief is pulled down towards the relief's
 * hard floor −reliefM/2 inside a valley whose half-width is max(3·wadiWidthM, 10·reliefM) (side
 * slopes ≲ 15 %), and the channel proper, wadiWidthM wide with a flat bed over its middle third, is
 * cut wadiDepthM below that. At the barrier line a wadi's bed therefore lies at −reliefM/2 − wadiDepthM,
 * below every other point of the line by at least wadiDepthM: the wadis are clearly the low ground.
 *
 * Layout: `generateProceduralTerrain` fills one grid over the rectangle `bounds`, right for straight
 * and gently bent lines. For a strongly bent line, whose bounding box would be huge, ground.ts
 * generates the same relief tile by tile along the strip only (tiles a whole `reliefAlignmentCells`
 * apart, so they join seamlessly) and stops each wadi at the strip's reach across the line, so it
 * cannot cut through another stretch of it. Grids over MAX_CELLS samples are refused with a clear error.
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
 *
 * Cost: noise is evaluated only on lattices (a pyramid whose strides halve with each octave, the
 * finest with ≥ NODES_PER_WAVELENGTH nodes per wavelength); each octave's sum is upsampled ×2 onto
 * the next lattice and the total once onto the cells. A 600 km × 3.5 km strip at 10 m (2.1·10⁷ cells)
 * takes about a second.
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
  const finestM = wavelength0 / 2 ** (octaves - 1);
  const finestStride = Math.max(1, Math.floor(finestM / (NODES_PER_WAVELENGTH * cellM)));
  let lattice: Lattice | null = null;
  let amplitude = 1;
  let norm = 0;
  for (let o = 0; o < octaves; o++) {
    const stride = finestStride * 2 ** (octaves - 1 - o);
    const next = newLattice(nx, ny, stride);
    if (lattice) upsample2(lattice, next);
    // A seeded offset per octave decorrelates the octaves (they share one permutation table) and
    // moves the origin off the noise lattice, where simplex noise is exactly zero.
    const offX = (cursor.next() - 0.5) * 2048;
    const offY = (cursor.next() - 0.5) * 2048;
    const inv = 1 / (wavelength0 / 2 ** o);
    const stepM = stride * cellM;
    const { w, h, values } = next;
    for (let m = 0; m < h; m++) {
      const yn = (originY + (m - PAD) * stepM) * inv + offY;
      const row = m * w;
      for (let l = 0; l < w; l++) values[row + l] += amplitude * noise((originX + (l - PAD) * stepM) * inv + offX, yn);
    }
    lattice = next;
    norm += amplitude;
    amplitude *= 0.5;
  }
  // Map to heights on the finest lattice (tanh bounds them), then spline onto the cells.
  const gain = RELIEF_GAIN / norm;
  const v = lattice!.values;
  for (let k = 0; k < v.length; k++) v[k] = halfRelief * Math.tanh(gain * v[k]);
  upsampleToCells(lattice!, nx, ny, out);
  return out;
}

/** Padding nodes on each side of a lattice, enough for the spline taps of every ×2 upsampling. */
const PAD = 3;

/** Values at nodes m·stride (cells), m = −PAD … ceil((n − 1)/stride) + PAD on each axis, row-major. */
interface Lattice {
  stride: number;
  w: number;
  h: number;
  values: Float64Array;
}

function newLattice(nx: number, ny: number, stride: number): Lattice {
  const w = Math.ceil((nx - 1) / stride) + 2 * PAD + 1;
  const h = Math.ceil((ny - 1) / stride) + 2 * PAD + 1;
  return { stride, w, h, values: new Float64Array(w * h) };
}

/** Catmull-Rom weights of the four taps for each of the `factor` fractional positions f/factor. */
function splineWeights(factor: number): Float64Array {
  const w = new Float64Array(factor * 4);
  for (let f = 0; f < factor; f++) {
    const t = f / factor;
    const t2 = t * t;
    const t3 = t2 * t;
    w[4 * f] = 0.5 * (-t3 + 2 * t2 - t);
    w[4 * f + 1] = 0.5 * (3 * t3 - 5 * t2 + 2);
    w[4 * f + 2] = 0.5 * (-3 * t3 + 4 * t2 + t);
    w[4 * f + 3] = 0.5 * (t3 - t2);
  }
  return w;
}

/**
 * Separable Catmull-Rom resampling of `src` (stride = factor × the destination's) onto destination
 * node n (array index n + dstPad) for n = −dstPad … dstW − dstPad − 1 and likewise in y; adds into dst.
 * Destination node n lies at source coordinate n/factor; its taps are source nodes ⌊n/factor⌋ − 1 … + 2.
 */
function resample(src: Lattice, factor: number, dst: Float64Array | Float32Array, dstW: number, dstH: number, dstPad: number, tmp: Float64Array | Float32Array): void {
  const w = splineWeights(factor);
  const sw = src.w;
  const sv = src.values;
  // Pass 1 (along x): every source row to every destination column, into tmp (src.h × dstW).
  for (let m = 0; m < src.h; m++) {
    const srow = m * sw + PAD - 1;
    const trow = m * dstW;
    for (let c = 0; c < dstW; c++) {
      const n = c - dstPad;
      const q = Math.floor(n / factor);
      const f = (n - q * factor) * 4;
      const b = srow + q;
      tmp[trow + c] = w[f] * sv[b] + w[f + 1] * sv[b + 1] + w[f + 2] * sv[b + 2] + w[f + 3] * sv[b + 3];
    }
  }
  // Pass 2 (along y): four tmp rows per destination row.
  for (let r = 0; r < dstH; r++) {
    const n = r - dstPad;
    const q = Math.floor(n / factor);
    const f = (n - q * factor) * 4;
    const w0 = w[f];
    const w1 = w[f + 1];
    const w2 = w[f + 2];
    const w3 = w[f + 3];
    const t0 = (q + PAD - 1) * dstW;
    const t1 = t0 + dstW;
    const t2 = t1 + dstW;
    const t3 = t2 + dstW;
    const drow = r * dstW;
    for (let c = 0; c < dstW; c++) dst[drow + c] += w0 * tmp[t0 + c] + w1 * tmp[t1 + c] + w2 * tmp[t2 + c] + w3 * tmp[t3 + c];
  }
}

/** Adds the spline of `src` (stride 2s) onto `dst` (stride s). */
function upsample2(src: Lattice, dst: Lattice): void {
  resample(src, 2, dst.values, dst.w, dst.h, PAD, new Float64Array(src.h * dst.w));
}

/** Writes the spline of `src` at every cell into `out` (nx × ny). */
function upsampleToCells(src: Lattice, nx: number, ny: number, out: Float32Array): void {
  out.fill(0);
  // Float32 scratch: out is Float32 anyway, and this halves the largest transient buffer.
  resample(src, src.stride, out, nx, ny, 0, new Float32Array(src.h * nx));
}

/** Sample counts of the grid covering `bounds` at `cellM` (the far edge rounded up to a whole cell). */
export function gridSize(bounds: Bounds, cellM: number): { nx: number; ny: number } {
  const nx = Math.max(2, Math.ceil((bounds.maxX - bounds.minX) / cellM - 1e-9) + 1);
  const ny = Math.max(2, Math.ceil((bounds.maxY - bounds.minY) / cellM - 1e-9) + 1);
  return { nx, ny };
}

/**
 * Generates the procedural terrain of a scene: relief and wadis on a grid over `bounds` with origin
 * (minX, minY) and cell spec.cellM. Deterministic: the same spec (seed included), border and bounds
 * give bit-identical heights. Throws when the grid would exceed MAX_CELLS samples.
 */
export function generateProceduralTerrain(spec: ProceduralTerrainSpec, border: Border, bounds: Bounds, alloc: (n: number) => Float32Array = (n) => new Float32Array(n)): SceneTerrain {
  const cellM = spec.cellM;
  checkProceduralSpec(spec);
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
  const heights = reliefHeights(spec.seed, bounds.minX, bounds.minY, cellM, nx, ny, { reliefM: spec.reliefM }, alloc(nx * ny));
  const hf = createHeightfield(bounds.minX, bounds.minY, cellM, nx, ny, heights);
  const wadis = planWadis(spec, border);
  for (const w of wadis) carveWadi(hf, spec, w, wadiAcrossM(w, bounds), null);
  return { heightfield: hf, wadiKm: wadis.map((w) => w.sM / 1000) };
}

/** Throws on a spec the generator cannot honour (the config layer normally catches these first). */
export function checkProceduralSpec(spec: ProceduralTerrainSpec): void {
  if (!(spec.cellM > 0)) throw new Error(`terrain.cellM must be > 0, got ${spec.cellM}`);
  if (!(spec.reliefM >= 0) || !(spec.wadiDepthM >= 0) || !(spec.wadiWidthM >= 0) || !(spec.wadis >= 0)) {
    throw new Error('terrain.reliefM, wadis, wadiDepthM and wadiWidthM must be ≥ 0');
  }
}

/**
 * Cells between the lattice nodes of the broadest relief octave at `cellM`. Grids whose origins lie
 * a whole multiple of this apart evaluate the same noise at the same nodes, so tiles generated one
 * by one (tiled.ts) join without seams, bit for bit where the coordinates are exact.
 */
export function reliefAlignmentCells(cellM: number, options: Pick<ReliefOptions, 'wavelengthM' | 'octaves'> = {}): number {
  const wavelength0 = options.wavelengthM ?? DEFAULT_WAVELENGTH_M;
  const octaves = options.octaves ?? DEFAULT_OCTAVES;
  const finestM = wavelength0 / 2 ** (octaves - 1);
  return Math.max(1, Math.floor(finestM / (NODES_PER_WAVELENGTH * cellM))) * 2 ** (octaves - 1);
}

/**
 * One wadi: where it crosses the line, its local frame (the border's station there: point, unit
 * tangent, home-side normal) and its meander (drawn from the terrain seed).
 */
export interface WadiPlan extends Omit<Station, 'segment'> {
  /** Chainage of the crossing, metres. */
  sM: number;
  a1: number;
  k1: number;
  p1: number;
  a2: number;
  k2: number;
  p2: number;
}

/**
 * The wadis of a procedural spec along `border`: `wadis` channels at stratified seeded chainages (one
 * in the middle 70 % of each equal share of the line, so they are ascending and never closer than
 * 30 % of a share), each with a meander drawn right after its chainage.
 */
export function planWadis(spec: ProceduralTerrainSpec, border: Border): WadiPlan[] {
  const out: WadiPlan[] = [];
  const count = Math.floor(spec.wadis);
  if (count <= 0 || !(spec.wadiDepthM > 0 || spec.wadiWidthM > 0)) return out;
  const cursor = new StreamCursor(spec.seed, Stream.terrain, WADI_STREAM);
  const st = newStation();
  const shareM = border.lengthM / count;
  for (let k = 0; k < count; k++) {
    const sM = (k + 0.15 + 0.7 * cursor.next()) * shareM;
    stationAt(border, sM, st);
    // Meander: lateral offset of the axis (metres, along the line) as a function of the distance
    // across it. Amplitudes ~1 and ~0.5 channel widths over 0.8–2.4 km wavelengths keep the axis
    // within ~15° of the normal.
    const a1 = spec.wadiWidthM * (0.8 + 0.6 * cursor.next());
    const l1 = 1200 + 1200 * cursor.next();
    const p1 = 2 * Math.PI * cursor.next();
    const a2 = spec.wadiWidthM * (0.3 + 0.4 * cursor.next());
    const l2 = 500 + 500 * cursor.next();
    const p2 = 2 * Math.PI * cursor.next();
    out.push({ sM, x: st.x, y: st.y, tx: st.tx, ty: st.ty, nx: st.nx, ny: st.ny, a1, k1: (2 * Math.PI) / l1, p1, a2, k2: (2 * Math.PI) / l2, p2 });
  }
  return out;
}

/**
 * The farthest along-line distance from a wadi's crossing that its valley can reach: the valley's
 * half-width plus the meander, whose offset from its value on the line stays within ±2·(a1 + a2).
 */
export function wadiReachM(spec: ProceduralTerrainSpec, w: WadiPlan): number {
  return wadiValleyHalfM(spec) + 2 * (w.a1 + w.a2);
}

/** Bounding box of what a wadi can carve: |along| ≤ its reach, offset across the line in [acrossLo, acrossHi]. */
export function wadiFootprintBox(spec: ProceduralTerrainSpec, w: WadiPlan, acrossLo: number, acrossHi: number): { x0: number; x1: number; y0: number; y1: number } {
  const reach = wadiReachM(spec, w);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const sa of [-reach, reach]) {
    for (const sd of [acrossLo, acrossHi]) {
      const x = w.x + sa * w.tx + sd * w.nx;
      const y = w.y + sa * w.ty + sd * w.ny;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return { x0, x1, y0, y1 };
}

/** Half-width of the valley around a wadi's axis, metres. */
export function wadiValleyHalfM(spec: ProceduralTerrainSpec): number {
  return Math.max(3 * spec.wadiWidthM, 10 * spec.reliefM, spec.wadiWidthM / 2);
}

/** The farthest a wadi reaches across the line inside `bounds`: the distance to its farthest corner. */
function wadiAcrossM(w: WadiPlan, bounds: Bounds): number {
  return Math.max(
    Math.hypot(bounds.minX - w.x, bounds.minY - w.y),
    Math.hypot(bounds.maxX - w.x, bounds.maxY - w.y),
    Math.hypot(bounds.minX - w.x, bounds.maxY - w.y),
    Math.hypot(bounds.maxX - w.x, bounds.minY - w.y),
  );
}

const WADI_STREAM = 1000;

/**
 * Carves wadi `w` into `hf`: along its axis (the line's normal at the crossing, meandering) the relief
 * is pulled down into a valley and the channel cut below it. `acrossM` bounds the band searched
 * across the line; `offsetLimits` [far, home] (metres, both > 0), when given, stops the wadi at those
 * offsets from the line — on a bent border this keeps it from cutting through distant parts of the
 * strip.
 */
export function carveWadi(hf: Heightfield, spec: ProceduralTerrainSpec, w: WadiPlan, acrossM: number, offsetLimits: readonly [number, number] | null): void {
  const halfWidth = spec.wadiWidthM / 2;
  const bedHalf = spec.wadiWidthM / 6; // flat bed over the middle third
  const depth = spec.wadiDepthM;
  const floorM = -spec.reliefM / 2; // hard lower bound of the relief
  const valleyHalf = wadiValleyHalfM(spec);
  const { a1, k1, p1, a2, k2, p2 } = w;
  // The meander is taken relative to its value on the line, so the axis crosses the line exactly at
  // the wadi's chainage (wadiKm) and the offset stays within ±2·(a1 + a2).
  const m0 = a1 * Math.sin(p1) + a2 * Math.sin(p2);
  const reach = wadiReachM(spec, w);
  const dLo = offsetLimits ? -offsetLimits[0] : -Infinity;
  const dHi = offsetLimits ? offsetLimits[1] : Infinity;
  const { x0, x1, y0, y1 } = wadiFootprintBox(spec, w, Math.max(-acrossM, dLo), Math.min(acrossM, dHi));
  const { originX, originY, cellM, nx, ny, heights } = hf;
  const i0 = Math.max(0, Math.floor((x0 - originX) / cellM));
  const i1 = Math.min(nx - 1, Math.ceil((x1 - originX) / cellM));
  const j0 = Math.max(0, Math.floor((y0 - originY) / cellM));
  const j1 = Math.min(ny - 1, Math.ceil((y1 - originY) / cellM));
  for (let j = j0; j <= j1; j++) {
    const ry = originY + j * cellM - w.y;
    for (let i = i0; i <= i1; i++) {
      const rx = originX + i * cellM - w.x;
      const along = rx * w.tx + ry * w.ty;
      if (along > reach || along < -reach) continue;
      const d = rx * w.nx + ry * w.ny;
      if (d < dLo || d > dHi) continue;
      const dist = Math.abs(along - (a1 * Math.sin(k1 * d + p1) + a2 * Math.sin(k2 * d + p2) - m0));
      if (dist >= valleyHalf) continue;
      const k = j * nx + i;
      // Valley: blend the relief towards its floor with a smootherstep weight (1 on the axis).
      const s = 1 - dist / valleyHalf;
      const valley = s * s * s * (s * (6 * s - 15) + 10);
      let h = heights[k] + (floorM - heights[k]) * valley;
      // Channel: flat bed within bedHalf, raised-cosine banks out to halfWidth.
      if (dist < halfWidth) h -= dist <= bedHalf ? depth : depth * 0.5 * (1 + Math.cos((Math.PI * (dist - bedHalf)) / (halfWidth - bedHalf)));
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
