/**
 * When can a team starting from a base reach a walking intruder (docs/model.md §7, §8)? The team
 * leaves at `readyS` (dispatch plus its delay) and drives at `speedMps` straight to where the intruder
 * will be when it gets there: the earliest campaign time T ≥ readyS with
 *   |P(T) − base| ≤ speedMps · (T − readyS),
 * P(T) the intruder's position on its track. On each straight piece of the track P is affine in T,
 * so with τ = T − readyS the condition is the quadratic h(τ) = |D + Uτ|² − v²τ² ≤ 0, solved exactly.
 * A team slower than the intruder may never catch it; the search ends when the intruder is through.
 */
import type { AttemptTrack } from './track.ts';
import { trackPieces } from './track.ts';

/**
 * Earliest campaign time at which a team from (baseX, baseY), ready at `readyS`, reaches the
 * intruder, at or before the intruder is through; Infinity when it cannot. The attempt is interdicted
 * when this is strictly before the through time (arriving as it steps out is too late).
 */
export function interceptS(track: AttemptTrack, baseX: number, baseY: number, readyS: number, speedMps: number): number {
  const v2 = speedMps * speedMps;
  for (const piece of trackPieces(track)) {
    const fromS = track.startS + piece.fromS;
    const toS = track.startS + piece.toS;
    if (toS < readyS) continue;
    // Offset d(T) = d0 + r·(T − fromS) = dReady + r·τ, with dReady the offset at T = readyS.
    const dReady = piece.d0 + piece.rateMps * (readyS - fromS);
    const dx = track.px + track.nx * dReady - baseX;
    const dy = track.py + track.ny * dReady - baseY;
    const ux = track.nx * piece.rateMps;
    const uy = track.ny * piece.rateMps;
    const a = ux * ux + uy * uy - v2;
    const b = 2 * (dx * ux + dy * uy);
    const c = dx * dx + dy * dy;
    const tauLo = Math.max(0, fromS - readyS);
    const tauHi = toS - readyS;
    const h = (tau: number) => (dx + ux * tau) ** 2 + (dy + uy * tau) ** 2 - v2 * tau * tau;
    if (h(tauLo) <= 0) return readyS + tauLo;
    const tau = firstCrossing(a, b, c, tauLo);
    if (tau <= tauHi) return readyS + tau;
  }
  return Infinity;
}

/**
 * The first τ ≥ tauLo where a·τ² + b·τ + c falls to 0, given it is positive at tauLo; Infinity when
 * it never does. Roots by the cancellation-free form (q = −(b + sign(b)·√disc)/2; roots q/a, c/q).
 */
function firstCrossing(a: number, b: number, c: number, tauLo: number): number {
  if (a === 0) {
    const tau = b < 0 ? -c / b : Infinity;
    return tau >= tauLo ? tau : Infinity;
  }
  const disc = b * b - 4 * a * c;
  // No real root only when a > 0 (with a < 0 and c ≥ 0 the discriminant is ≥ 0): positive everywhere.
  if (disc < 0) return Infinity;
  const q = -0.5 * (b + (b >= 0 ? 1 : -1) * Math.sqrt(disc));
  const r1 = q / a;
  const r2 = q !== 0 ? c / q : r1;
  const lo = Math.min(r1, r2);
  const hi = Math.max(r1, r2);
  // Opening downwards (team faster): positive between the roots, so it falls to 0 at the larger.
  // Opening upwards (intruder faster): non-positive between the roots, reached first at the smaller.
  const tau = a < 0 ? hi : lo;
  return tau >= tauLo ? tau : Infinity;
}
