/**
 * Rounding of figures for output files, once for every writer (attempt rows, coverage.json): a value
 * rounded here prints identically after a parse round trip, so statistics recomputed from written
 * files equal those computed before writing.
 */

/** Rounds to a fixed number of decimals (halves as Math.round rounds them); never −0. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
