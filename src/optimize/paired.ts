/**
 * The paired difference of two detection rates measured on the same attempts (common random
 * numbers, docs/model.md §5 and §9). Pure.
 *
 * With the same attempts run against both layouts, each attempt gives D = 1[placed detects] −
 * 1[uniform detects] ∈ {−1, 0, 1}; the difference of the rates is the mean of D. Attempts both layouts
 * detect (or both miss) add nothing to its spread, so its interval is much narrower than the two
 * rates' own intervals suggest: the normal interval of a mean, mean ± z·s/√n, with s² the sample
 * variance of D, (b + c − n·d²)/(n − 1) for b attempts only the placed layout detects and c only the
 * uniform one.
 */

/** z of a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

export interface PairedDifference {
  attempts: number;
  /** Attempts only the placed layout detects, and only the uniform one. */
  placedOnly: number;
  uniformOnly: number;
  /** Rate placed − rate uniform. */
  difference: number;
  differenceCI95: [number, number];
}

/** The paired difference of per-attempt detections `a` (placed) and `b` (uniform), same attempts in the same order. */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} and ${b.length} attempts`);
  const n = a.length;
  let placedOnly = 0;
  let uniformOnly = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] && !b[i]) placedOnly++;
    else if (b[i] && !a[i]) uniformOnly++;
  }
  if (n === 0) return { attempts: 0, placedOnly, uniformOnly, difference: 0, differenceCI95: [0, 0] };
  const d = (placedOnly - uniformOnly) / n;
  const s2 = n > 1 ? Math.max(0, (placedOnly + uniformOnly - n * d * d) / (n - 1)) : 0;
  const h = Z95 * Math.sqrt(s2 / n);
  return { attempts: n, placedOnly, uniformOnly, difference: d, differenceCI95: [d - h, d + h] };
}
