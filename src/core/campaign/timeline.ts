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

/** Integrates the three levels of the pass over the bins of [0, durationS). */
export class TimelineRecorder {
  readonly timeline: Timeline;
  private lastS = 0;
  private queue = 0;
  private ops = 0;
  private teams = 0;
  private readonly endS: number;

  constructor(durationS: number, binS = TIMELINE_BIN_S) {
    const bins = Math.max(1, Math.ceil(durationS / binS));
    this.endS = durationS;
    this.timeline = { binS, queue: new Float64Array(bins), operatorsBusy: new Float64Array(bins), teamsBusy: new Float64Array(bins) };
  }

  /** The levels from `timeS` on (the previous ones held until then). */
  set(timeS: number, queue: number, operatorsBusy: number, teamsBusy: number): void {
    this.advance(timeS);
    this.queue = queue;
    this.ops = operatorsBusy;
    this.teams = teamsBusy;
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

  private advance(timeS: number): void {
    const to = Math.min(timeS, this.endS);
    const t = this.timeline;
    while (this.lastS < to) {
      const b = Math.floor(this.lastS / t.binS);
      const end = Math.min(to, (b + 1) * t.binS);
      const w = end - this.lastS;
      t.queue[b] += w * this.queue;
      t.operatorsBusy[b] += w * this.ops;
      t.teamsBusy[b] += w * this.teams;
      this.lastS = end;
    }
    if (timeS > this.lastS && this.lastS >= this.endS) this.lastS = timeS;
  }
}
