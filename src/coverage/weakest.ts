/**
 * The `weakest` crossing distribution (docs/model.md §4): an adversary who knows the layout crosses
 * where coverage is weakest. Pure.
 *
 * Choice (an assumption, listed in the README): the density over the profile's chainage bins is a
 * soft minimum of the analytic P(detect) of the reference target (profile.ts: bounded search,
 * availability and attention included), w(s) ∝ exp(−(P(s) − P_min) / T),
 * with T = 0.02. Bins within a percentage point or two of the weakest carry nearly all the weight, and
 * equally weak bins share it equally — the adversary knows the coverage to about ±2 points, not to
 * the metre. Kinds that need a gap (vehicles) still cross at gaps.
 */
import type { ChainageDensity } from '../core/crossing.ts';
import { densityFromWeights } from '../core/crossing.ts';
import type { ProfileBin } from './profile.ts';

/** Temperature of the soft minimum, in units of P(detect). */
export const WEAKEST_TEMPERATURE = 0.02;

export function weakestDensity(bins: readonly ProfileBin[], temperature = WEAKEST_TEMPERATURE): ChainageDensity {
  const edges = new Float64Array(bins.length + 1);
  bins.forEach((b, i) => {
    edges[i] = b.fromKm * 1000;
    edges[i + 1] = b.toKm * 1000;
  });
  let pMin = Infinity;
  for (const b of bins) pMin = Math.min(pMin, b.pDetect);
  return densityFromWeights(edges, bins.map((b) => Math.exp(-(b.pDetect - pMin) / temperature)));
}
