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
import { heightAt } from '../../core/terrain/heightfield.ts';
import type { Rgb } from './palette.ts';
import { FAR_TINT, OUTSIDE_STRIP_SHADE, TERRAIN_HIGH, TERRAIN_LOW, TERRAIN_MID } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';

/** Default vertex budget: smooth on integrated GPUs and on software rendering. */
export const TERRAIN_MAX_VERTICES = 250_000;
/** Finest mesh spacing for coarse heightfields (flat ground is a 2 × 2 grid), metres: overlays need vertices. */
export const MIN_MESH_CELL_M = 10;

/**
 * Where the mesh's vertex columns and rows lie, metres in the world frame: every `stride`-th sample
 * of the heightfield (and its last), or — for a heightfield coarser than the budget allows — a
 * uniform subdivision of it.
 */
export interface TerrainGrid {
  xs: Float64Array;
  ys: Float64Array;
  /** Samples skipped between vertices (1 = full resolution); 0 when the grid subdivides the cells. */
  stride: number;
}

export interface TerrainBuffers extends TerrainGrid {
  positions: Float32Array;
  normals: Float32Array;
  colors: Float32Array;
  indices: Uint32Array;
}

/** The smallest stride that keeps the sample grid within the budget. */
export function terrainStride(hf: Heightfield, maxVertices = TERRAIN_MAX_VERTICES): number {
  let s = 1;
  while (Math.ceil((hf.nx - 1) / s + 1) * Math.ceil((hf.ny - 1) / s + 1) > maxVertices) s++;
  return s;
}

function sampleCoords(origin: number, cellM: number, n: number, stride: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += stride) out.push(origin + i * cellM);
  out.push(origin + (n - 1) * cellM);
  return Float64Array.from(out);
}

function uniformCoords(origin: number, extentM: number, stepM: number): Float64Array {
  const n = Math.max(1, Math.ceil(extentM / stepM - 1e-9));
  return Float64Array.from({ length: n + 1 }, (_, i) => origin + (extentM * i) / n);
}

export function terrainGrid(hf: Heightfield, maxVertices = TERRAIN_MAX_VERTICES): TerrainGrid {
  const w = (hf.nx - 1) * hf.cellM;
  const h = (hf.ny - 1) * hf.cellM;
  // Spacing the budget allows over the whole area.
  const budgetCell = Math.sqrt((w * h) / maxVertices);
  const target = Math.max(MIN_MESH_CELL_M, budgetCell);
  if (hf.cellM > 2 * target) {
    // Coarse samples (flat ground): subdivide. Every sample line is kept only approximately, which is
    // exact for a planar surface and, for the rare coarse DEM, off by at most the interpolation error.
    return { xs: uniformCoords(hf.originX, w, target), ys: uniformCoords(hf.originY, h, target), stride: 0 };
  }
  const stride = terrainStride(hf, maxVertices);
  return { xs: sampleCoords(hf.originX, hf.cellM, hf.nx, stride), ys: sampleCoords(hf.originY, hf.cellM, hf.ny, stride), stride };
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
  const grid = terrainGrid(hf, opts.maxVertices);
  const { xs, ys } = grid;
  const mx = xs.length;
  const my = ys.length;
  const n = mx * my;
  const positions = new Float32Array(3 * n);
  const normals = new Float32Array(3 * n);
  const colors = new Float32Array(3 * n);
  const ex = frame.exaggeration;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < hf.heights.length; k++) {
    if (hf.heights[k] < lo) lo = hf.heights[k];
    if (hf.heights[k] > hi) hi = hf.heights[k];
  }
  const span = hi - lo > 1e-6 ? hi - lo : 1;
  const col = [0, 0, 0];
  const proj: Projection = { sM: 0, dM: 0 };
  // Gradient step: one heightfield cell (central differences on the true surface).
  const dM = Math.min(hf.cellM, 50);
  for (let b = 0; b < my; b++) {
    const y = ys[b];
    for (let a = 0; a < mx; a++) {
      const x = xs[a];
      const v = b * mx + a;
      const z = heightAt(hf, x, y);
      positions[3 * v] = x - frame.originX;
      positions[3 * v + 1] = y - frame.originY;
      positions[3 * v + 2] = ex * z;
      const dzdx = (ex * (heightAt(hf, x + dM, y) - heightAt(hf, x - dM, y))) / (2 * dM);
      const dzdy = (ex * (heightAt(hf, x, y + dM) - heightAt(hf, x, y - dM))) / (2 * dM);
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
  return { positions, normals, colors, indices, ...grid };
}
