/**
 * The campaign's timeline (timeline.csv): time-averaged queue length, busy operators and busy teams
 * in fixed bins (10 minutes by default). The pass reports each change of state; the time since the
 * last change is spread over the bins it covers, so a bin's value is the exact mean over the bin.
 */

export const TIMELINE_BIN_S = 600;

/** Per bin: mean alarms waiting, mean operators assessing, mean teams out. */
export interface Timeline {
  binS: number;
  queue: Float64Array;
  operatorsBusy: Float64Array;
  teamsBusy: Float64Array;
}

/**
 * Integrates the levels of the pass over the bins of [0, durationS). Queue length and teams out are
 * levels the pass sets when they change; operators are added as the intervals they are busy (the
 * pass knows each assessment's end when it starts, and does not wake up for it unless it must).
 */
export class TimelineRecorder {
  readonly timeline: Timeline;
  private lastS = 0;
  private queue = 0;
  private teams = 0;
  private readonly endS: number;

  constructor(durationS: number, binS = TIMELINE_BIN_S) {
    const bins = Math.max(1, Math.ceil(durationS / binS));
    this.endS = durationS;
    this.timeline = { binS, queue: new Float64Array(bins), operatorsBusy: new Float64Array(bins), teamsBusy: new Float64Array(bins) };
  }

  /** The levels from `timeS` on (the previous ones held until then); `timeS` never decreases. */
  set(timeS: number, queue: number, teamsBusy: number): void {
    if (queue === this.queue && teamsBusy === this.teams) return;
    this.advance(timeS);
    this.queue = queue;
    this.teams = teamsBusy;
  }

  /** One operator busy over [fromS, toS), the part within the campaign spread over its bins. */
  addOperatorBusy(fromS: number, toS: number): void {
    const t = this.timeline;
    const to = Math.min(toS, this.endS);
    let from = Math.max(fromS, 0);
    while (from < to) {
      const b = Math.floor(from / t.binS);
      const end = Math.min(to, (b + 1) * t.binS);
      t.operatorsBusy[b] += end - from;
      from = end;
    }
  }

  /** Closes the timeline at the campaign's end: sums become means. */
  finish(): Timeline {
    this.advance(this.endS);
    const t = this.timeline;
    for (let b = 0; b < t.queue.length; b++) {
      const width = Math.min(t.binS, this.endS - b * t.binS);
      if (width > 0) {
        t.queue[b] /= width;
        t.operatorsBusy[b] /= width;
        t.teamsBusy[b] /= width;
      }
    }
    return t;
  }

  /** Integrates the held levels up to `timeS` (at most the campaign's end). */
  private advance(timeS: number): void {
    const to = Math.min(timeS, this.endS);
    const t = this.timeline;
    while (this.lastS < to) {
      const b = Math.floor(this.lastS / t.binS);
      const end = Math.min(to, (b + 1) * t.binS);
      const w = end - this.lastS;
      t.queue[b] += w * this.queue;
      t.teamsBusy[b] += w * this.teams;
      this.lastS = end;
    }
  }
}
