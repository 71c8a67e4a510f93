/**
 * Numeric helpers of the figures (docs/model.md §5): rounding to fixed decimals, the Wilson score
 * interval and type-7 quantiles. The figures themselves are declared in figures/ (registry.ts).
 */

/** Rounds to a fixed number of decimals; the result prints identically after a parse round trip. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export const Z95 = 1.959963984540054;

/** Wilson score interval for k successes in n trials. [0, 1] when n = 0 (nothing is known). */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Quantile of ascending-sorted values, linear interpolation between closest ranks (R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
