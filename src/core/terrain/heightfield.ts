/**
 * A regular grid of ground heights over a rectangle of the local frame.
 *
 * Sample (i, j) sits at (originX + i·cellM, originY + j·cellM); heights are row-major
 * (index j·nx + i), metres above the frame's datum. Outside the grid the edge value holds.
 *
 * The ground surface is the triangulated grid, not a bilinear patchwork: each cell (i, j) is split
 * along its diagonal from sample (i, j) to sample (i + 1, j + 1) into two planar triangles,
 *
 *     (i, j+1) ──── (i+1, j+1)        upper triangle (v > u):  (i, j), (i, j+1), (i+1, j+1)
 *        │  upper  ╱    │             lower triangle (u ≥ v):  (i, j), (i+1, j), (i+1, j+1)
 *        │      ╱ lower │
 *     (i, j) ────── (i+1, j)          u, v = fractional position in the cell along x, y
 *
 * Why: that is exactly the surface a renderer draws. three.js `PlaneGeometry(w, h, nx − 1, ny − 1)`
 * with vertex (ix, iy) carrying heights[(ny − 1 − iy)·nx + ix] (rows run north→south in the plane, so
 * plane row iy is grid row ny − 1 − iy) splits every quad along the same diagonal, so `heightAt`,
 * `terrainLineOfSight` (los.ts) and a three.js raycast against the viewer's mesh all see one surface
 * and agree to rounding (bench/los.ts measures it). Inside a triangle the surface is planar, so it is
 * continuous everywhere and piecewise linear along any straight path, which makes exact line-of-sight
 * tests cheap. On the diagonal and the cell edges both formulas give the same height.
 */
export interface Heightfield {
  readonly originX: number;
  readonly originY: number;
  readonly cellM: number;
  readonly nx: number;
  readonly ny: number;
  readonly heights: Float32Array;
}

export function createHeightfield(originX: number, originY: number, cellM: number, nx: number, ny: number, heights?: Float32Array): Heightfield {
  if (!(cellM > 0) || nx < 2 || ny < 2) throw new Error('a heightfield needs cellM > 0 and at least 2 × 2 samples');
  const h = heights ?? new Float32Array(nx * ny);
  if (h.length !== nx * ny) throw new Error(`heightfield has ${h.length} samples, expected ${nx * ny}`);
  return { originX, originY, cellM, nx, ny, heights: h };
}

/** A flat heightfield (all zeros) covering the given bounds. */
export function flatHeightfield(minX: number, minY: number, maxX: number, maxY: number): Heightfield {
  const cell = Math.max(maxX - minX, maxY - minY, 1);
  return createHeightfield(minX, minY, cell, 2, 2);
}

/**
 * Ground height at (x, y), metres: the triangulated surface described at the top of this file
 * (diagonal from sample (i, j) to (i + 1, j + 1)); clamped to the grid's edge outside it.
 * Allocation-free; O(1).
 */
export function heightAt(hf: Heightfield, x: number, y: number): number {
  let fx = (x - hf.originX) / hf.cellM;
  let fy = (y - hf.originY) / hf.cellM;
  const maxX = hf.nx - 1;
  const maxY = hf.ny - 1;
  fx = fx < 0 ? 0 : fx > maxX ? maxX : fx;
  fy = fy < 0 ? 0 : fy > maxY ? maxY : fy;
  let i = Math.floor(fx);
  let j = Math.floor(fy);
  if (i >= maxX) i = maxX - 1;
  if (j >= maxY) j = maxY - 1;
  const u = fx - i;
  const v = fy - j;
  const h = hf.heights;
  const k = j * hf.nx + i;
  const h00 = h[k];
  const h11 = h[k + hf.nx + 1];
  // Lower triangle (u ≥ v) spans (0,0), (1,0), (1,1); upper spans (0,0), (0,1), (1,1).
  if (u >= v) {
    const h10 = h[k + 1];
    return h00 + u * (h10 - h00) + v * (h11 - h10);
  }
  const h01 = h[k + hf.nx];
  return h00 + v * (h01 - h00) + u * (h11 - h01);
}
