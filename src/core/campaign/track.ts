/**
 * An attempt's path as plain numbers (docs/model.md §4, §8): enough to place the intruder at any
 * time without the world, so the campaign's event pass — in a run, in a `merge` of shards reading
 * the shards' alarm files, in the viewer — needs no terrain, towers or scene.
 *
 * The intruder walks the normal to the line through its crossing point: d(t) is its signed offset
 * from the line (far side < 0), piecewise linear in local time exactly as plan.ts's positionAt:
 * approach up to the barrier's far face, on the wall's crest (d = 0) while climbing or cutting, or
 * through a gap or tunnel at its speed, then on to the depth where it counts as through.
 */
import type { AttemptPlan } from '../plan.ts';
import type { World } from '../world.ts';

export interface AttemptTrack {
  id: number;
  /** Campaign time of the attempt's start, seconds from the campaign's first midnight. */
  startS: number;
  /** Crossing point on the line and the home-side unit normal there. */
  px: number;
  py: number;
  nx: number;
  ny: number;
  speedMps: number;
  /** Where the approach starts (d = −approachM: the strip's edge, or a tunnel's entrance) and half the barrier's width, metres. */
  approachM: number;
  halfWidthM: number;
  /** Time on the wall's crest, seconds (0 at a gap or in a tunnel). */
  delayS: number;
  /** Local times of the barrier's far face, of being across, and of being through, seconds. */
  tBarrierS: number;
  tCrossedS: number;
  tThroughS: number;
}

/** The track of a planned attempt starting at campaign time `startS`. */
export function trackOf(world: World, plan: AttemptPlan, startS: number): AttemptTrack {
  return {
    id: plan.id, startS, px: plan.px, py: plan.py, nx: plan.nx, ny: plan.ny, speedMps: plan.speedMps,
    approachM: plan.startOffsetM, halfWidthM: world.barrier.widthM / 2, delayS: plan.delayS,
    tBarrierS: plan.tBarrierS, tCrossedS: plan.tCrossedS, tThroughS: plan.tThroughS,
  };
}

/** Campaign time at which the attempt is through, seconds. */
export function throughAtS(track: AttemptTrack): number {
  return track.startS + track.tThroughS;
}

/** Signed offset from the line at local time tS (clamped to the path), metres — as positionAt. */
export function offsetAtM(t: AttemptTrack, tS: number): number {
  const v = t.speedMps;
  if (tS <= t.tBarrierS) return -t.approachM + v * Math.max(tS, 0);
  if (tS < t.tCrossedS) return t.delayS > 0 ? 0 : -t.halfWidthM + v * (tS - t.tBarrierS);
  return t.halfWidthM + v * (Math.min(tS, t.tThroughS) - t.tCrossedS);
}

/** Position at campaign time `timeS`, written into `out`. */
export function trackPositionAt(t: AttemptTrack, timeS: number, out: { x: number; y: number }): { x: number; y: number } {
  const d = offsetAtM(t, timeS - t.startS);
  out.x = t.px + t.nx * d;
  out.y = t.py + t.ny * d;
  return out;
}
