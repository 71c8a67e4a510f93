/**
 * A decided campaign (core/campaign/decide.ts, the pass `watchline run` makes) played back in
 * simulated time for the viewer: at any campaign time, how many alarms wait in the control room's
 * queue, how many operators assess, where every response team is, which alarms were raised since the
 * last look, and which attempts have met their fate (stopped by a team, seen but got through, unseen).
 *
 * Everything comes from the pass's log and the decided rows, never from a second model: the queue is
 * the alarms that arrived and were not yet taken (or lost), the operators are those between taking an
 * alarm and finishing it, a team drives from its base to where it met the intruder (or where the
 * intruder got through) and back. Time only moves forward in the viewer, so each question is a cursor
 * over times sorted once; a step back starts the cursors again.
 */
import type { AttemptRow } from '../../core/attemptRow.ts';
import type { CampaignFrame } from '../../core/campaign/frame.ts';
import { frameBorder, trackOfRow } from '../../core/campaign/frame.ts';
import type { CampaignResult, DispatchRecord } from '../../core/campaign/pass.ts';
import { throughAtS } from '../../core/campaign/track.ts';

/** An attempt's fate as the viewer colours it. */
export const FATE_STOPPED = 0;
export const FATE_SEEN = 1;
export const FATE_UNSEEN = 2;

/** At most this many new alarms per look are listed (the rest are counted): markers, not a log. */
export const MAX_NEW_ALARMS = 256;

/** The campaign at one moment, as the worker sends it with a batch. */
export interface CampaignTick {
  queue: number;
  operatorsBusy: number;
  teamsOut: number;
  /** Fates settled so far. */
  stopped: number;
  seen: number;
  unseen: number;
  /** Alarms raised so far, and how many of them were nuisance alarms. */
  alarms: number;
  nuisance: number;
  /** Alarms raised since the last look: camera, then 1 for a real intruder's, 0 for nuisance (pairs; at most MAX_NEW_ALARMS). */
  newAlarms: Int32Array;
  /** Per team: x, y (metres) and state (0 at its base, 1 called out or driving to the intruder, 2 on its way back). */
  teams: Float32Array;
  /** Fates settled since the last look: x, y (where it was stopped, or where it crossed the line) and the fate. */
  newFates: Float32Array;
}

/** Step function of a level: sorted change times with their +1/−1, read by a forward cursor. */
class Level {
  private readonly times: Float64Array;
  private readonly deltas: Int8Array;
  private i = 0;
  value = 0;

  constructor(changes: [number, number][]) {
    changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.times = Float64Array.from(changes, (c) => c[0]);
    this.deltas = Int8Array.from(changes, (c) => c[1]);
  }

  /** The level just after time t (every change at or before t applied). */
  at(t: number): number {
    while (this.i < this.times.length && this.times[this.i] <= t) this.value += this.deltas[this.i++];
    return this.value;
  }

  reset(): void {
    this.i = 0;
    this.value = 0;
  }
}

export class CampaignPlayback {
  readonly teamCount: number;
  readonly operators: number;
  private readonly queue: Level;
  private readonly ops: Level;
  /** Alarms by time: time, camera, real. */
  private readonly alarmT: Float64Array;
  private readonly alarmCam: Int32Array;
  private readonly alarmReal: Uint8Array;
  private alarmI = 0;
  private alarmsSoFar = 0;
  private nuisanceSoFar = 0;
  /** Fates by the time they are settled. */
  private readonly fateT: Float64Array;
  private readonly fateCode: Uint8Array;
  private readonly fateXY: Float64Array;
  private fateI = 0;
  private readonly fateCounts = [0, 0, 0];
  /** Per team, its sorties in time order, and a cursor. */
  private readonly sorties: DispatchRecord[][];
  private readonly sortieI: Int32Array;
  private readonly bases: readonly { x: number; y: number }[];
  /** Campaign time at which each attempt (by id) was stopped; Infinity when it was not. */
  readonly stoppedAtS = new Map<number, number>();
  private lastT = -Infinity;

  /**
   * @param rows the campaign's rows as decideCampaign left them (campaign columns filled)
   * @param result the pass's result, with its log
   */
  constructor(frame: CampaignFrame, rows: readonly AttemptRow[], result: CampaignResult) {
    const log = result.log;
    if (!log) throw new Error('campaign playback: the pass ran without its log');
    this.operators = result.operators;
    this.teamCount = result.teams;
    this.bases = frame.response.bases;
    const maxWaitS = frame.room.maxWaitS;
    const q: [number, number][] = [];
    const o: [number, number][] = [];
    for (const a of log.alarms) {
      if (a.fate === 'noticed') continue; // acted on at once: no queue, no assessment
      if (a.fate === 'lost') {
        q.push([a.timeS, 1], [a.timeS + maxWaitS, -1]);
        continue;
      }
      if (a.takenS > a.timeS) q.push([a.timeS, 1], [a.takenS, -1]);
      o.push([a.takenS, 1], [a.doneS, -1]);
    }
    this.queue = new Level(q);
    this.ops = new Level(o);

    const byTime = log.alarms.map((_, i) => i).sort((i, j) => log.alarms[i].timeS - log.alarms[j].timeS || i - j);
    this.alarmT = Float64Array.from(byTime, (i) => log.alarms[i].timeS);
    this.alarmCam = Int32Array.from(byTime, (i) => log.alarms[i].camera);
    this.alarmReal = Uint8Array.from(byTime, (i) => (log.alarms[i].attempt >= 0 ? 1 : 0));

    const meet = new Map<number, DispatchRecord>();
    for (const d of log.dispatches) if (d.interdicted) meet.set(d.attempt, d);
    const fateById = new Map(result.fates.map((f) => [f.id, f]));
    const border = frameBorder(frame);
    const fates = rows.map((row) => {
      const f = fateById.get(row.id);
      const track = trackOfRow(row, frame, border);
      const d = meet.get(row.id);
      if (f?.interdicted && d) {
        this.stoppedAtS.set(row.id, f.arrivalS);
        return { t: f.arrivalS, code: FATE_STOPPED, x: d.toX, y: d.toY };
      }
      return { t: throughAtS(track), code: row.detected ? FATE_SEEN : FATE_UNSEEN, x: track.px, y: track.py };
    });
    fates.sort((a, b) => a.t - b.t);
    this.fateT = Float64Array.from(fates, (f) => f.t);
    this.fateCode = Uint8Array.from(fates, (f) => f.code);
    this.fateXY = new Float64Array(2 * fates.length);
    fates.forEach((f, i) => {
      this.fateXY[2 * i] = f.x;
      this.fateXY[2 * i + 1] = f.y;
    });

    this.sorties = Array.from({ length: this.teamCount }, () => []);
    for (const d of log.dispatches) this.sorties[d.team].push(d);
    for (const s of this.sorties) s.sort((a, b) => a.dispatchS - b.dispatchS);
    this.sortieI = new Int32Array(this.teamCount);
  }

  /** Has attempt `id` been stopped by campaign time t? (Its intruder is then no longer drawn.) */
  stoppedBy(id: number, t: number): boolean {
    const s = this.stoppedAtS.get(id);
    return s !== undefined && s <= t;
  }

  /** The campaign at time t (seconds from its first midnight); what happened since the previous look. */
  look(t: number): CampaignTick {
    if (t < this.lastT) this.rewind();
    this.lastT = t;
    const newAlarms: number[] = [];
    while (this.alarmI < this.alarmT.length && this.alarmT[this.alarmI] <= t) {
      const i = this.alarmI++;
      this.alarmsSoFar++;
      if (!this.alarmReal[i]) this.nuisanceSoFar++;
      if (newAlarms.length < 2 * MAX_NEW_ALARMS) newAlarms.push(this.alarmCam[i], this.alarmReal[i]);
    }
    const newFates: number[] = [];
    while (this.fateI < this.fateT.length && this.fateT[this.fateI] <= t) {
      const i = this.fateI++;
      this.fateCounts[this.fateCode[i]]++;
      newFates.push(this.fateXY[2 * i], this.fateXY[2 * i + 1], this.fateCode[i]);
    }
    const teams = new Float32Array(3 * this.teamCount);
    let out = 0;
    for (let k = 0; k < this.teamCount; k++) {
      const state = this.teamAt(k, t, teams, 3 * k);
      if (state > 0) out++;
    }
    return {
      queue: this.queue.at(t),
      operatorsBusy: this.ops.at(t),
      teamsOut: out,
      stopped: this.fateCounts[FATE_STOPPED],
      seen: this.fateCounts[FATE_SEEN],
      unseen: this.fateCounts[FATE_UNSEEN],
      alarms: this.alarmsSoFar,
      nuisance: this.nuisanceSoFar,
      newAlarms: Int32Array.from(newAlarms),
      teams,
      newFates: Float32Array.from(newFates),
    };
  }

  /** Writes team k's position and state at t into out[o..o+2]; returns the state. */
  private teamAt(k: number, t: number, out: Float32Array, o: number): number {
    const list = this.sorties[k];
    let i = this.sortieI[k];
    while (i < list.length && list[i].freeS <= t) i++;
    this.sortieI[k] = i;
    const b = this.bases[k];
    const d = i < list.length && list[i].dispatchS <= t ? list[i] : null;
    let x = b.x;
    let y = b.y;
    let state = 0;
    if (d) {
      if (t < d.endS) {
        state = 1;
        const u = t <= d.departS ? 0 : (t - d.departS) / (d.endS - d.departS);
        x = d.fromX + (d.toX - d.fromX) * u;
        y = d.fromY + (d.toY - d.fromY) * u;
      } else {
        // Busy after the meeting (arrest, hand-over, the drive back): drawn driving home over that time.
        state = 2;
        const u = d.freeS > d.endS ? (t - d.endS) / (d.freeS - d.endS) : 1;
        x = d.toX + (d.fromX - d.toX) * u;
        y = d.toY + (d.fromY - d.toY) * u;
      }
    }
    out[o] = x;
    out[o + 1] = y;
    out[o + 2] = state;
    return state;
  }

  private rewind(): void {
    this.queue.reset();
    this.ops.reset();
    this.alarmI = this.alarmsSoFar = this.nuisanceSoFar = 0;
    this.fateI = 0;
    this.fateCounts.fill(0);
    this.sortieI.fill(0);
  }
}
