/**
 * One camera's probability of ever detecting a target under bounded search (docs/model.md §3): the
 * simulation draws one uniform u per (attempt, camera); the camera can detect only while P∞(t) > u,
 * and then at rate λ(t). Over the threshold,
 *
 *   P_c = ∫₀¹ (1 − exp(−H(u))) du,   H(u) = ∫ 1[P∞(t) > u] λ(t) dt.
 *
 * The path is sampled as the simulation steps it: sample i holds P∞_i and the exposure e_i = λ_i·h_i
 * of its step (rate times duration). H(u) is then a step function of u: sorting the samples by P∞
 * from the highest, H(u) = S_j = e_(1) + … + e_(j) for u in [p_(j+1), p_(j)), so
 *
 *   P_c = Σ_j (p_(j) − p_(j+1)) · (1 − exp(−S_j)),   p_(n+1) = 0,
 *
 * which is the integral over u computed exactly (no quadrature error) for the sampled path. Two
 * checks of the formula: a constant P∞ = p over an exposure E gives p·(1 − e^(−E)); for any path
 * P_c ≤ max P∞ (the search levels off at P∞) and P_c ≤ ∫₀¹ H(u) du = Σ p_i·e_i. Pure.
 */

/** Scratch for `boundedDetect`, grown on demand (one per caller; not shared across threads). */
export interface BoundedScratch {
  order: Int32Array;
}

export function newBoundedScratch(capacity = 256): BoundedScratch {
  return { order: new Int32Array(capacity) };
}

/**
 * P_c of the samples 0..n−1 (P∞ in `p`, exposure in `e`; e may be Infinity for an ideal sensor that
 * sees the target at once). Samples with P∞ ≤ 0 or e ≤ 0 never let the camera detect and are skipped.
 */
export function boundedDetect(p: ArrayLike<number>, e: ArrayLike<number>, n: number, scratch: BoundedScratch): number {
  if (scratch.order.length < n) scratch.order = new Int32Array(Math.max(n, 2 * scratch.order.length));
  let m = 0;
  for (let i = 0; i < n; i++) if (p[i] > 0 && e[i] > 0) scratch.order[m++] = i;
  if (m === 0) return 0;
  // Highest P∞ first; ties in any order (they bound an interval of zero width).
  const order = scratch.order.subarray(0, m).sort((a, b) => p[b] - p[a]);
  let sum = 0;
  let total = 0;
  for (let j = 0; j < m; j++) {
    const i = order[j];
    sum += e[i];
    const below = j + 1 < m ? p[order[j + 1]] : 0;
    const width = Math.min(p[i], 1) - Math.min(below, 1);
    if (width > 0) total += width * (sum === Infinity ? 1 : -Math.expm1(-sum));
  }
  return total;
}
