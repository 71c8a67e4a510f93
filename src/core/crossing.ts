/**
 * Where attempts cross the border (docs/model.md §4): uniform along it, at gaps, along low ground, or at
 * the weakest points of coverage. Each distribution is reduced to a piecewise-uniform density over
 * chainage bins, sampled with one uniform by inverting its CDF.
 */
import type { Barrier } from './barrier.ts';
import type { CrossingDistribution } from './spec.ts';

/** Piecewise-uniform density over chainage: bin i spans [edgesM[i], edgesM[i+1]). */
export interface ChainageDensity {
  edgesM: Float64Array;
  /** Cumulative probability at each bin's right edge; last = 1. */
  cdf: Float64Array;
}

export function densityFromWeights(edgesM: Float64Array, weights: ArrayLike<number>): ChainageDensity {
  const n = edgesM.length - 1;
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    acc += w > 0 ? w * (edgesM[i + 1] - edgesM[i]) : 0;
    cdf[i] = acc;
  }
  if (!(acc > 0)) throw new Error('the crossing distribution has no weight anywhere along the border');
  for (let i = 0; i < n; i++) cdf[i] /= acc;
  return { edgesM, cdf };
}

export function sampleChainage(d: ChainageDensity, u: number): number {
  const cdf = d.cdf;
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  const prev = lo === 0 ? 0 : cdf[lo - 1];
  const span = cdf[lo] - prev;
  const f = span > 0 ? (u - prev) / span : 0.5;
  return d.edgesM[lo] + f * (d.edgesM[lo + 1] - d.edgesM[lo]);
}

export function uniformDensity(lengthM: number): ChainageDensity {
  return densityFromWeights(Float64Array.of(0, lengthM), [1]);
}

/** Uniform over the gaps' open length. */
export function gapsDensity(barrier: Barrier): ChainageDensity {
  const g = barrier.gapsM;
  if (g.length === 0) throw new Error('crossing at gaps needs at least one gap in the barrier');
  const edges = Float64Array.from(g);
  const weights = new Float64Array(edges.length - 1);
  for (let i = 0; i < weights.length; i += 2) weights[i] = 1;
  return densityFromWeights(edges, weights);
}

/** Bin width for the low-ground density, metres. */
export const LOWGROUND_BIN_M = 50;
/**
 * Scale of the preference for low ground, metres: a bin 2 m lower than another is e times more likely
 * (assumption: infiltrators follow wadis and dips that hide them).
 */
export const LOWGROUND_SCALE_M = 2;

/** Weighted towards low ground at the barrier line: w ∝ exp(−(h − h_min) / scale). */
export function lowgroundDensity(lengthM: number, groundAtChainage: (sM: number) => number): ChainageDensity {
  const n = Math.max(1, Math.ceil(lengthM / LOWGROUND_BIN_M));
  const edges = new Float64Array(n + 1);
  const heights = new Float64Array(n);
  let hMin = Infinity;
  for (let i = 0; i <= n; i++) edges[i] = Math.min(i * LOWGROUND_BIN_M, lengthM);
  for (let i = 0; i < n; i++) {
    heights[i] = groundAtChainage(0.5 * (edges[i] + edges[i + 1]));
    hMin = Math.min(hMin, heights[i]);
  }
  const w = heights.map((h) => Math.exp(-(h - hMin) / LOWGROUND_SCALE_M));
  return densityFromWeights(edges, w);
}

export function crossingDensity(
  kind: CrossingDistribution,
  lengthM: number,
  barrier: Barrier,
  groundAtChainage: (sM: number) => number,
  weakest?: ChainageDensity,
): ChainageDensity {
  switch (kind) {
    case 'uniform':
      return uniformDensity(lengthM);
    case 'gaps':
      return gapsDensity(barrier);
    case 'lowground':
      return lowgroundDensity(lengthM, groundAtChainage);
    case 'weakest':
      if (!weakest) throw new Error('crossing distribution "weakest" needs a coverage profile (computed by the coverage module)');
      return weakest;
  }
}
