/**
 * Terrain buffers from the heightfield, without WebGL: positions in the scene frame, normals from the
 * height gradient, vertex colours (hypsometric desert palette, far side tinted, outside the strip
 * shaded) and triangle indices split along the same diagonal as the core's surface (heightfield.ts),
 * so at full resolution the mesh is exactly the ground the simulation's line of sight sees.
 *
 * Long borders are decimated: every `stride`-th sample (and the last), so the mesh stays under a
 * vertex budget whatever the border's length.
 */
import type { Border, Projection } from '../../core/border.ts';
import { projectOnBorder } from '../../core/border.ts';
import type { Heightfield } from '../../core/terrain/heightfield.ts';
import type { Rgb } from './palette.ts';
import { FAR_TINT, OUTSIDE_STRIP_SHADE, TERRAIN_HIGH, TERRAIN_LOW, TERRAIN_MID } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';

/** Default vertex budget: smooth on integrated GPUs and on software rendering. */
export const TERRAIN_MAX_VERTICES = 250_000;

export interface TerrainGrid {
  /** Sample indexes of the heightfield used along x and y (ascending, first 0, last n − 1). */
  ix: Int32Array;
  iy: Int32Array;
}

export interface TerrainBuffers extends TerrainGrid {
  positions: Float32Array;
  normals: Float32Array;
  colors: Float32Array;
  indices: Uint32Array;
  stride: number;
}

/** The smallest stride that keeps the grid within the budget. */
export function terrainStride(hf: Heightfield, maxVertices = TERRAIN_MAX_VERTICES): number {
  let s = 1;
  while (Math.ceil((hf.nx - 1) / s + 1) * Math.ceil((hf.ny - 1) / s + 1) > maxVertices) s++;
  return s;
}

function sampleIndexes(n: number, stride: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += stride) out.push(i);
  out.push(n - 1);
  return Int32Array.from(out);
}

export function terrainGrid(hf: Heightfield, stride: number): TerrainGrid {
  return { ix: sampleIndexes(hf.nx, stride), iy: sampleIndexes(hf.ny, stride) };
}

function mix(a: Rgb, b: Rgb, t: number, out: number[]): void {
  out[0] = a[0] + (b[0] - a[0]) * t;
  out[1] = a[1] + (b[1] - a[1]) * t;
  out[2] = a[2] + (b[2] - a[2]) * t;
}

/** Desert colour for a normalised height u in [0, 1]: low ground dark ochre, crests pale sand. */
export function terrainColor(u: number, out: number[]): void {
  if (u < 0.45) mix(TERRAIN_LOW, TERRAIN_MID, Math.max(0, u) / 0.45, out);
  else mix(TERRAIN_MID, TERRAIN_HIGH, Math.min(1, (u - 0.45) / 0.55), out);
}

export interface TerrainOptions {
  maxVertices?: number;
  /** Strip bounds for shading: far edge (approach) and home edge (depth), metres from the line. */
  approachM: number;
  depthM: number;
}

export function buildTerrainBuffers(frame: SceneFrame, border: Border, opts: TerrainOptions): TerrainBuffers {
  const hf = frame.hf;
  const stride = terrainStride(hf, opts.maxVertices);
  const { ix, iy } = terrainGrid(hf, stride);
  const mx = ix.length;
  const my = iy.length;
  const n = mx * my;
  const positions = new Float32Array(3 * n);
  const normals = new Float32Array(3 * n);
  const colors = new Float32Array(3 * n);
  const h = hf.heights;
  const ex = frame.exaggeration;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < h.length; k++) {
    if (h[k] < lo) lo = h[k];
    if (h[k] > hi) hi = h[k];
  }
  const span = hi - lo > 1e-6 ? hi - lo : 1;
  const col = [0, 0, 0];
  const proj: Projection = { sM: 0, dM: 0 };
  for (let b = 0; b < my; b++) {
    const j = iy[b];
    for (let a = 0; a < mx; a++) {
      const i = ix[a];
      const v = b * mx + a;
      const x = hf.originX + i * hf.cellM;
      const y = hf.originY + j * hf.cellM;
      const z = h[j * hf.nx + i];
      positions[3 * v] = x - frame.originX;
      positions[3 * v + 1] = y - frame.originY;
      positions[3 * v + 2] = ex * z;
      // Central differences on the full grid (one sample either side), exaggerated like the heights.
      const i0 = Math.max(0, i - 1);
      const i1 = Math.min(hf.nx - 1, i + 1);
      const j0 = Math.max(0, j - 1);
      const j1 = Math.min(hf.ny - 1, j + 1);
      const dzdx = (ex * (h[j * hf.nx + i1] - h[j * hf.nx + i0])) / ((i1 - i0) * hf.cellM);
      const dzdy = (ex * (h[j1 * hf.nx + i] - h[j0 * hf.nx + i])) / ((j1 - j0) * hf.cellM);
      const inv = 1 / Math.sqrt(dzdx * dzdx + dzdy * dzdy + 1);
      normals[3 * v] = -dzdx * inv;
      normals[3 * v + 1] = -dzdy * inv;
      normals[3 * v + 2] = inv;
      terrainColor((z - lo) / span, col);
      projectOnBorder(border, x, y, proj);
      // A 40 m blend across the line avoids a hard seam under the wall.
      const far = Math.min(1, Math.max(0, 0.5 - proj.dM / 40));
      const outside = proj.dM < -opts.approachM || proj.dM > opts.depthM ? OUTSIDE_STRIP_SHADE : 1;
      for (let c = 0; c < 3; c++) colors[3 * v + c] = col[c] * (1 + far * (FAR_TINT[c] - 1)) * outside;
    }
  }
  const indices = new Uint32Array(6 * (mx - 1) * (my - 1));
  let t = 0;
  for (let b = 0; b < my - 1; b++) {
    for (let a = 0; a < mx - 1; a++) {
      const v00 = b * mx + a;
      const v10 = v00 + 1;
      const v01 = v00 + mx;
      const v11 = v01 + 1;
      // Lower triangle (u ≥ v) and upper, both counter-clockwise seen from above; diagonal v00–v11.
      indices[t++] = v00;
      indices[t++] = v10;
      indices[t++] = v11;
      indices[t++] = v00;
      indices[t++] = v11;
      indices[t++] = v01;
    }
  }
  return { positions, normals, colors, indices, stride, ix, iy };
}
