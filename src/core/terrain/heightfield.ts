/**
 * A regular grid of ground heights over a rectangle of the local frame, sampled bilinearly.
 *
 * Sample (i, j) sits at (originX + i·cellM, originY + j·cellM); heights are row-major
 * (index j·nx + i), metres above the frame's datum. Outside the grid the edge value holds.
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

/** Bilinear ground height at (x, y), metres; clamped to the grid's edge outside it. */
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
  const h10 = h[k + 1];
  const h01 = h[k + hf.nx];
  const h11 = h[k + hf.nx + 1];
  return (h00 * (1 - u) + h10 * u) * (1 - v) + (h01 * (1 - u) + h11 * u) * v;
}
