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
import { offsetAtM } from './track.ts';

/**
 * Earliest campaign time at which a team from (baseX, baseY), ready at `readyS`, reaches the
 * intruder, at or before the intruder is through; Infinity when it cannot. The attempt is interdicted
 * when this is strictly before the through time (arriving as it steps out is too late).
 *
 * The track's straight pieces (local times, offset d0 at the piece's start, rate) are those of
 * offsetAtM: the approach up to the barrier's far face; then, when the barrier takes time, the wall's
 * crest (standing at d = 0) or the walk through a gap or tunnel; then on to the depth. They are
 * walked here without building them: a campaign calls this once per free team and dispatch.
 */
export function interceptS(track: AttemptTrack, baseX: number, baseY: number, readyS: number, speedMps: number): number {
  const v = track.speedMps;
  let t = pieceMeet(track, 0, track.tBarrierS, -track.approachM, v, baseX, baseY, readyS, speedMps);
  if (t < Infinity) return t;
  if (track.tCrossedS > track.tBarrierS) {
    t = track.delayS > 0
      ? pieceMeet(track, track.tBarrierS, track.tCrossedS, 0, 0, baseX, baseY, readyS, speedMps)
      : pieceMeet(track, track.tBarrierS, track.tCrossedS, -track.halfWidthM, v, baseX, baseY, readyS, speedMps);
    if (t < Infinity) return t;
  }
  return pieceMeet(track, track.tCrossedS, track.tThroughS, track.halfWidthM, v, baseX, baseY, readyS, speedMps);
}

/** The stretch of its line an intruder can still be on: offsets from `lo` to `hi`, metres. */
export interface Stretch {
  lo: number;
  hi: number;
}

/**
 * Where the intruder can be from `readyS` until it is through: the stretch of its line that its
 * remaining pieces cover. Each piece is non-decreasing, so the stretch runs from the lowest of the
 * offset at `readyS` and the later pieces' starts to the highest of the pieces' ends (a track derived
 * from rounded times may step back by a hair between pieces: taking every start and end keeps it
 * whole). Written into `out`.
 */
export function remainingStretch(track: AttemptTrack, readyS: number, out: Stretch): Stretch {
  const t0 = readyS - track.startS;
  const v = track.speedMps;
  let lo = Math.min(offsetAtM(track, t0), track.halfWidthM);
  let hi = track.halfWidthM + v * (track.tThroughS - track.tCrossedS);
  if (t0 <= track.tBarrierS) hi = Math.max(hi, -track.approachM + v * track.tBarrierS);
  if (t0 <= track.tCrossedS && track.tCrossedS > track.tBarrierS) {
    const wall = track.delayS > 0;
    lo = Math.min(lo, wall ? 0 : -track.halfWidthM);
    hi = Math.max(hi, wall ? 0 : -track.halfWidthM + v * (track.tCrossedS - track.tBarrierS));
  }
  out.lo = lo;
  out.hi = Math.max(lo, hi);
  return out;
}

/** Squared distance from (x, y) to the stretch [lo, hi] of the track's line, m². */
export function stretchDistance2(track: AttemptTrack, lo: number, hi: number, x: number, y: number): number {
  // The point's offset along the normal, clamped to the stretch: its nearest point there.
  const d = Math.min(Math.max((x - track.px) * track.nx + (y - track.py) * track.ny, lo), hi);
  const dx = track.px + track.nx * d - x;
  const dy = track.py + track.ny * d - y;
  return dx * dx + dy * dy;
}

/**
 * A lower bound of interceptS, cheap: from `readyS` until it is through the intruder stays on its
 * remaining stretch, so the team needs at least its distance to that stretch at `speedMps`.
 */
export function reachBoundS(track: AttemptTrack, baseX: number, baseY: number, readyS: number, speedMps: number): number {
  const s = remainingStretch(track, readyS, { lo: 0, hi: 0 });
  return readyS + Math.sqrt(stretchDistance2(track, s.lo, s.hi, baseX, baseY)) / speedMps;
}

/**
 * The earliest meeting on one straight piece of the track — local times [fromL, toL], offset
 * d0 + rateMps·(t − fromL) — or Infinity when there is none on it.
 */
function pieceMeet(
  track: AttemptTrack, fromL: number, toL: number, d0: number, rateMps: number,
  baseX: number, baseY: number, readyS: number, speedMps: number,
): number {
  const fromS = track.startS + fromL;
  const toS = track.startS + toL;
  if (toS < readyS) return Infinity;
  const v2 = speedMps * speedMps;
  // Offset d(T) = d0 + r·(T − fromS) = dReady + r·τ, with dReady the offset at T = readyS.
  const dReady = d0 + rateMps * (readyS - fromS);
  const dx = track.px + track.nx * dReady - baseX;
  const dy = track.py + track.ny * dReady - baseY;
  const ux = track.nx * rateMps;
  const uy = track.ny * rateMps;
  const a = ux * ux + uy * uy - v2;
  const b = 2 * (dx * ux + dy * uy);
  const c = dx * dx + dy * dy;
  const tauLo = Math.max(0, fromS - readyS);
  const tauHi = toS - readyS;
  // h(τ) = |D + Uτ|² − v²τ² at the piece's first usable instant: already within reach there?
  if ((dx + ux * tauLo) ** 2 + (dy + uy * tauLo) ** 2 - v2 * tauLo * tauLo <= 0) return readyS + tauLo;
  const tau = firstCrossing(a, b, c, tauLo);
  return tau <= tauHi ? readyS + tau : Infinity;
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
