/**
 * Which free team goes (docs/model.md §8): the one that meets the intruder first (intercept.ts), then
 * the one nearer the intruder at dispatch, then the lower index — exactly what asking every free team
 * would give, without asking most of them. A team's meeting is dear to compute; a bound on it is not:
 * no team meets the intruder before it has driven to the stretch of line the intruder has left to
 * walk. So the team nearest that stretch is asked first, and a team farther from it than the best
 * meeting so far allows is skipped — it can neither beat nor tie that meeting (a margin covers the
 * bound and the meeting rounding differently).
 */
import type { Stretch } from './intercept.ts';
import { interceptS, remainingStretch, stretchDistance2 } from './intercept.ts';
import type { AttemptTrack } from './track.ts';
import { trackPositionAt } from './track.ts';

/** Rounding slack when a team's bound rules it out, s. */
const BOUND_MARGIN_S = 1e-3;

/** Chooses among `bases` (one per team); reusable, allocation-free per choice. */
export class TeamChooser {
  /** The chosen team's meeting time, campaign s (Infinity when no free team can meet the intruder). */
  arrivalS = Infinity;
  private readonly far2: Float64Array;
  private readonly stretch: Stretch = { lo: 0, hi: 0 };
  private readonly pos = { x: 0, y: 0 };

  constructor(
    private readonly bases: readonly { x: number; y: number }[],
    private readonly speedMps: number,
  ) {
    this.far2 = new Float64Array(bases.length);
  }

  /**
   * The team to send to `track` when dispatched at campaign time `t` and ready to leave at `readyS`,
   * among those with `free[k]` set (at least one); its meeting time in `arrivalS`.
   */
  choose(track: AttemptTrack, t: number, readyS: number, free: Uint8Array): number {
    const { bases, far2, speedMps } = this;
    const stretch = remainingStretch(track, readyS, this.stretch);
    let first = -1;
    for (let k = 0; k < bases.length; k++) {
      if (!free[k]) continue;
      far2[k] = stretchDistance2(track, stretch.lo, stretch.hi, bases[k].x, bases[k].y);
      if (first < 0 || far2[k] < far2[first]) first = k;
    }
    let best = first;
    let bestArrival = interceptS(track, bases[first].x, bases[first].y, readyS, speedMps);
    // From the intruder's position at dispatch: wanted only to break a tie of meetings.
    let bestDist = NaN;
    // A team can tie only within (bestArrival + margin − readyS)·speed of the stretch (never negative:
    // no meeting is before readyS).
    let reach = (bestArrival + BOUND_MARGIN_S - readyS) * speedMps;
    for (let k = 0; k < bases.length; k++) {
      if (!free[k] || k === first || far2[k] > reach * reach) continue;
      const b = bases[k];
      const arrival = interceptS(track, b.x, b.y, readyS, speedMps);
      if (arrival > bestArrival) continue;
      if (arrival === bestArrival) {
        const pos = trackPositionAt(track, t, this.pos);
        if (Number.isNaN(bestDist)) bestDist = Math.hypot(bases[best].x - pos.x, bases[best].y - pos.y);
        const dist = Math.hypot(b.x - pos.x, b.y - pos.y);
        if (dist > bestDist || (dist === bestDist && k > best)) continue;
        bestDist = dist;
      } else bestDist = NaN;
      best = k;
      bestArrival = arrival;
      reach = (bestArrival + BOUND_MARGIN_S - readyS) * speedMps;
    }
    this.arrivalS = bestArrival;
    return best;
  }
}
