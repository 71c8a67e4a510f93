/**
 * Slow, obviously-correct references for terrain line of sight, sharing no code with los.ts beyond
 * `heightAt` (the surface's definition).
 */
import type { Heightfield } from '../../../src/core/terrain/heightfield.ts';
import { heightAt } from '../../../src/core/terrain/heightfield.ts';

/**
 * Minimum clearance (segment height − ground) by dense sampling: `perCell` samples per cell of
 * horizontal travel (at least 64 in all). An upper bound on the true minimum; the true one is lower by
 * at most `denseSamplingError`.
 */
export function denseMinClearance(hf: Heightfield, ax: number, ay: number, az: number, bx: number, by: number, bz: number, perCell = 64): number {
  const n = Math.max(64, Math.ceil((Math.hypot(bx - ax, by - ay) / hf.cellM) * perCell));
  let best = Infinity;
  for (let s = 0; s <= n; s++) {
    const t = s / n;
    const c = az + t * (bz - az) - heightAt(hf, ax + t * (bx - ax), ay + t * (by - ay));
    if (c < best) best = c;
  }
  return best;
}

/**
 * Bound on how far below the sampled minimum the true minimum can lie: the clearance changes at most
 * (|dz|/len + steepest ground slope) per metre, and a minimum lies within half a sample step of a
 * sample. The steepest slope of a triangle is below (|Δx| + |Δy|)/cell with Δ the largest difference
 * between neighbouring samples.
 */
export function denseSamplingError(hf: Heightfield, ax: number, ay: number, az: number, bx: number, by: number, bz: number, perCell = 64): number {
  let maxDiff = 0;
  const { nx, ny, heights } = hf;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const h = heights[j * nx + i];
      if (i + 1 < nx) maxDiff = Math.max(maxDiff, Math.abs(heights[j * nx + i + 1] - h));
      if (j + 1 < ny) maxDiff = Math.max(maxDiff, Math.abs(heights[(j + 1) * nx + i] - h));
    }
  }
  const len = Math.hypot(bx - ax, by - ay);
  const n = Math.max(64, Math.ceil((len / hf.cellM) * perCell));
  const stepM = len / n;
  const slope = (2 * maxDiff) / hf.cellM + (len > 0 ? Math.abs(bz - az) / len : 0);
  return 0.5 * stepM * slope + 1e-9;
}

/**
 * Exact minimum clearance: along the segment's ground track the (clamped) surface is linear between
 * crossings of the lines x = i, y = j and x − y = k (cell units), so the clearance is piecewise linear
 * and its minimum is at one of those crossings or an end. Evaluates every one of them.
 */
export function exactMinClearance(hf: Heightfield, ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const fx0 = (ax - hf.originX) / hf.cellM;
  const fy0 = (ay - hf.originY) / hf.cellM;
  const dx = (bx - ax) / hf.cellM;
  const dy = (by - ay) / hf.cellM;
  const ts: number[] = [0, 1];
  const crossings = (p0: number, d: number) => {
    if (d === 0) return;
    const lo = Math.ceil(Math.min(p0, p0 + d));
    const hi = Math.floor(Math.max(p0, p0 + d));
    for (let k = lo; k <= hi; k++) ts.push((k - p0) / d);
  };
  crossings(fx0, dx);
  crossings(fy0, dy);
  crossings(fx0 - fy0, dx - dy);
  let best = Infinity;
  for (const t of ts) {
    if (!(t >= 0 && t <= 1)) continue;
    const c = az + t * (bz - az) - heightAt(hf, ax + t * (bx - ax), ay + t * (by - ay));
    if (c < best) best = c;
  }
  return best;
}
