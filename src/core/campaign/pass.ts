/**
 * The campaign's one discrete-event pass (docs/model.md §8): the attempts' candidate alarms and the
 * cameras' nuisance alarms meet one control room and a few response teams.
 *
 * - Alarms are numbered canonically (canonicalAlarms) and that number is every event's stable key:
 *   at one time, real alarms before nuisance ones, then by attempt and alarm number or by the nuisance
 *   alarm's number. Each alarm's random numbers come from its own stream (streams.ts). The pass is
 *   therefore a pure function of its inputs: a run, a merge of shards and the viewer get the same bytes.
 * - Analytics mode: every alarm waits in one FIFO queue for one of `operators` people; an alarm is
 *   taken at once when someone is free; assessment lasts an exponential time of mean `assessS`; a
 *   real intruder is recognised with probability `recognizeP` (a nuisance alarm is always dismissed:
 *   false dispatches are not modelled); an alarm still waiting `maxWaitS` after it arrived is lost
 *   (the queue is FIFO with one patience, so the one to expire is always at its head).
 * - Operators and ideal modes: the candidate alarms are detections a person already noticed while
 *   watching (the attention share decided which); the one who noticed it acts at once, so there is no
 *   queue and no nuisance alarm (those belong to analytics).
 * - An attempt recognised as real is given to the free team that reaches the intruder first
 *   (teamChoice.ts, intercept.ts); with every team out it waits in the teams' FIFO queue until one comes back. A team
 *   leaves `delayS` after dispatch, is out until it meets the intruder (or the intruder is through),
 *   then busy `busyS` more (the arrest, the way back). The attempt is interdicted when the team meets
 *   it strictly before it is through. One dispatch per attempt; its later alarms still load the room.
 *
 * The processes live here; the event kernel (events.ts) only orders their events.
 */
import { EventKernel } from '../events.ts';
import { streamKey, uniformAt } from '../rng.ts';
import type { WatchMode } from '../spec.ts';
import type { NuisanceAlarms } from './nuisance.ts';
import { CampaignStream } from './streams.ts';
import { TeamChooser } from './teamChoice.ts';
import type { Timeline } from './timeline.ts';
import { TimelineRecorder } from './timeline.ts';
import type { AttemptTrack } from './track.ts';
import { throughAtS, trackPositionAt } from './track.ts';

/** A candidate alarm of an attempt: local time (from the attempt's start) and the camera. */
export interface CandidateAlarm {
  tS: number;
  camera: number;
}

/** What the pass needs of one attempt. */
export interface CampaignAttempt {
  track: AttemptTrack;
  /** Its candidate alarms, in time order (analytics alarms, or noticed detections). */
  alarms: readonly CandidateAlarm[];
  /** Whether any camera sensed it (before availability and attention). */
  sensed: boolean;
  /** The link that lost it when it raises no alarm (e.g. 'unsensed', 'outage', 'unnoticed'). */
  lostBefore: string;
}

export interface ControlRoomSpec {
  mode: WatchMode;
  operators: number;
  assessS: number;
  maxWaitS: number;
  /** Probability that an operator assessing a real alarm recognises the intruder. */
  recognizeP: number;
}

export interface ResponseTeamsSpec {
  /** Team bases (where each starts and returns), metres. */
  bases: readonly { x: number; y: number }[];
  delayS: number;
  speedMps: number;
  busyS: number;
}

export interface CampaignSetup {
  seed: number;
  /** Length of the campaign, seconds (days × 86 400). */
  durationS: number;
  room: ControlRoomSpec;
  response: ResponseTeamsSpec;
  /** Nuisance alarms (analytics mode); null for none. */
  nuisance: NuisanceAlarms | null;
  /** Keep the campaign log (records for the viewer). */
  log?: boolean;
  /** Timeline bin, seconds (default 600). */
  binS?: number;
}

/** Which link stopped an attempt that raised an alarm, after the alarm. */
export type CampaignLink = 'queue' | 'assessment' | 'response';

/** One attempt's fate in the campaign. */
export interface AttemptFate {
  id: number;
  sensed: boolean;
  alarmed: boolean;
  /** Campaign time of its first alarm, s; NaN when none. */
  alarmS: number;
  /** Recognised as real by an operator (or noticed, outside analytics). */
  assessed: boolean;
  /** Campaign time of that recognition, s; NaN when none. */
  assessedS: number;
  /** Team sent (index), −1 when none. */
  team: number;
  /** Campaign time the team met the intruder, s; NaN when it did not. */
  arrivalS: number;
  interdicted: boolean;
  /** The link that failed ('' when interdicted). */
  lost: string;
}

/** An alarm as the viewer draws it. */
export interface AlarmRecord {
  timeS: number;
  camera: number;
  /** The attempt it is of; −1 for a nuisance alarm. */
  attempt: number;
  /** 'recognised' | 'dismissed' (nuisance, or real but missed) | 'lost' (waited too long) | 'noticed' (outside analytics). */
  fate: 'recognised' | 'dismissed' | 'lost' | 'noticed';
  /** When an operator took it and finished, s (NaN when lost). */
  takenS: number;
  doneS: number;
  operator: number;
}

/** A team's sortie as the viewer draws it. */
export interface DispatchRecord {
  team: number;
  attempt: number;
  dispatchS: number;
  /** Leaves its base (dispatch + delay), s. */
  departS: number;
  fromX: number;
  fromY: number;
  /** Where it met the intruder, or where the intruder went through. */
  toX: number;
  toY: number;
  /** Meeting time, or the intruder's through time when it was too late, s. */
  endS: number;
  interdicted: boolean;
  /** Free again, s. */
  freeS: number;
}

export interface CampaignLog {
  alarms: AlarmRecord[];
  dispatches: DispatchRecord[];
}

export interface CampaignResult {
  fates: AttemptFate[];
  alarms: { total: number; real: number; nuisance: number; lost: number };
  /** Waits in the queue of the alarms an operator took (0 when taken at once), ascending, s. */
  waitsS: Float64Array;
  /** Operator-seconds and team-seconds busy within the campaign's time. */
  operatorBusyS: number;
  teamBusyS: number;
  operators: number;
  teams: number;
  durationS: number;
  /** Events the kernel handled. */
  events: number;
  timeline: Timeline;
  log: CampaignLog | null;
}

// Event kinds, and their rank at one time: a finished assessment or a returning team frees someone
// before a new alarm arrives; an alarm that has waited exactly maxWaitS is still taken.
const ASSESSED = 0;
const TEAM_FREE = 1;
const ARRIVAL = 2;
const EXPIRY = 3;
const RANK = 2 ** 32;

/** Runs the pass. `attempts` in any order; fates come back by ascending attempt id. */
export function runCampaign(setup: CampaignSetup, attempts: readonly CampaignAttempt[]): CampaignResult {
  return new CampaignPass(setup, attempts).run();
}

/**
 * The pass's state and its processes. A class rather than closures over one call's locals: its
 * methods are the same functions for every campaign, so a second campaign in one process (a sweep's
 * points, the viewer re-running) starts on code the first one already made fast.
 */
class CampaignPass {
  private readonly byId: CampaignAttempt[];
  private readonly analytics: boolean;
  private readonly alarms: AlarmTable;
  private readonly nA: number;
  private readonly nR: number;
  private readonly room: ControlRoomSpec;
  private readonly response: ResponseTeamsSpec;
  private readonly durationS: number;
  private readonly nTeams: number;
  private readonly kernel = new EventKernel<number>();
  private readonly recorder: TimelineRecorder;
  private readonly log: CampaignLog | null;
  private readonly fates: AttemptFate[];
  /** Per attempt: 0 no alarm taken yet, 1 an alarm was taken and dismissed, 2 recognised. */
  private readonly reached: Uint8Array;
  private readonly dispatched: Uint8Array;

  // The control room: the FIFO queue of alarm numbers; per operator, the end of its assessment (free
  // from then on), the alarm, and whether that end is an event in the kernel; who took which alarm.
  private readonly queue: Int32Array;
  private qHead = 0;
  private qTail = 0;
  private readonly opUntil: Float64Array;
  private readonly opAwake: Uint8Array;
  private readonly opAlarm: Int32Array;
  private readonly opOf: Int32Array;
  private readonly waits: Float64Array;
  private nWaits = 0;
  private lost = 0;
  private operatorBusyS = 0;

  // The teams.
  private readonly teamFree: Uint8Array;
  private readonly teamQueue: number[] = [];
  private teamQHead = 0;
  private teamsBusy = 0;
  private teamBusyS = 0;
  private readonly pos = { x: 0, y: 0 };
  private readonly chooser: TeamChooser;

  constructor(setup: CampaignSetup, attempts: readonly CampaignAttempt[]) {
    this.byId = [...attempts].sort((a, b) => a.track.id - b.track.id);
    this.analytics = setup.room.mode === 'analytics';
    this.alarms = canonicalAlarms(setup, this.byId, this.analytics);
    this.nA = this.alarms.count;
    this.nR = this.alarms.real;
    this.room = setup.room;
    this.response = setup.response;
    this.durationS = setup.durationS;
    this.nTeams = setup.response.bases.length;
    this.recorder = new TimelineRecorder(setup.durationS, setup.binS);
    this.log = setup.log ? { alarms: [], dispatches: [] } : null;
    this.fates = this.byId.map((a) => ({
      id: a.track.id, sensed: a.sensed, alarmed: false, alarmS: NaN, assessed: false, assessedS: NaN, team: -1, arrivalS: NaN,
      interdicted: false, lost: a.lostBefore,
    }));
    this.reached = new Uint8Array(this.byId.length);
    this.dispatched = new Uint8Array(this.byId.length);
    this.queue = new Int32Array(Math.max(1, this.nA));
    this.opUntil = new Float64Array(this.room.operators).fill(-Infinity);
    this.opAwake = new Uint8Array(this.room.operators);
    this.opAlarm = new Int32Array(this.room.operators).fill(-1);
    this.opOf = new Int32Array(this.nA).fill(-1);
    this.waits = new Float64Array(this.nA);
    this.teamFree = new Uint8Array(this.nTeams).fill(1);
    this.chooser = new TeamChooser(setup.response.bases, setup.response.speedMps);
  }

  run(): CampaignResult {
    const { kernel, alarms, nA, nR } = this;
    // Both lists of alarms (real, nuisance), each in time order: their arrivals, keyed by alarm number.
    kernel.addList(alarms.timeS.subarray(0, nR), ARRIVAL * RANK, ARRIVAL, 4);
    kernel.addList(alarms.timeS.subarray(nR, nA), ARRIVAL * RANK + nR, ARRIVAL + 4 * nR, 4);
    let events = 0;
    for (let ev = kernel.next(); ev !== undefined; ev = kernel.next()) {
      const t = kernel.now;
      const kind = ev & 3;
      const i = ev >>> 2;
      if (kind === ARRIVAL) this.arrive(i, t);
      else if (kind === ASSESSED) this.assessed(i, t);
      else if (kind === EXPIRY) this.expire(i);
      else this.teamBack(i, t);
      this.recorder.set(t, this.qTail - this.qHead, this.teamsBusy);
      events++;
    }
    return {
      fates: this.fates,
      alarms: { total: nA, real: nR, nuisance: nA - nR, lost: this.lost },
      waitsS: sortedWaits(this.waits, this.nWaits),
      operatorBusyS: this.operatorBusyS,
      teamBusyS: this.teamBusyS,
      operators: this.room.operators,
      teams: this.nTeams,
      durationS: this.durationS,
      events,
      timeline: this.recorder.finish(),
      log: this.log,
    };
  }

  /** Seconds of [fromS, toS] within the campaign. */
  private clip(fromS: number, toS: number): number {
    return Math.max(0, Math.min(toS, this.durationS) - Math.max(fromS, 0));
  }

  /** The attempt id of an alarm, −1 for a nuisance alarm (for the log). */
  private attemptId(i: number): number {
    const a = this.alarms.attempt[i];
    return a >= 0 ? this.byId[a].track.id : -1;
  }

  /** Alarm i arrives. */
  private arrive(i: number, t: number): void {
    const { alarms, fates } = this;
    const a = alarms.attempt[i];
    if (a >= 0 && !fates[a].alarmed) {
      fates[a].alarmed = true;
      fates[a].alarmS = t;
      fates[a].lost = 'queue';
    }
    if (!this.analytics) {
      // Noticed by the person watching: assessed at once, no queue.
      this.recognise(i, t);
      if (this.log) this.log.alarms.push({ timeS: t, camera: alarms.camera[i], attempt: this.attemptId(i), fate: 'noticed', takenS: t, doneS: t, operator: -1 });
      return;
    }
    // The first operator free by now (an assessment ending now has ended: ends rank first at one time).
    let op = 0;
    while (op < this.room.operators && this.opUntil[op] > t) op++;
    if (op < this.room.operators) {
      this.take(i, t, op);
      return;
    }
    if (this.qHead === this.qTail) {
      // A queue forms: from now until it is empty again, every assessment's end is an event, so the
      // operator who finishes first takes the head then.
      for (let k = 0; k < this.room.operators; k++) this.wake(k);
    }
    this.queue[this.qTail++] = i;
    if (this.room.maxWaitS < Infinity) this.kernel.schedule(t + this.room.maxWaitS, EXPIRY * RANK + i, EXPIRY + 4 * i);
  }

  /**
   * Operator `op` (free) takes alarm i. Its assessment's end becomes an event only when something
   * happens then: a real alarm is recognised or dismissed, or an alarm waits for the operator. A
   * nuisance alarm's end with no queue changes nothing but the operator's being free, which the
   * next arrival reads from opUntil; should a queue form before it, the end is woken into an event.
   */
  private take(i: number, t: number, op: number): void {
    const { alarms, nR } = this;
    this.opOf[i] = op;
    this.waits[this.nWaits++] = t - alarms.timeS[i];
    const real = i < nR;
    const u = real ? uniformAt(alarms.realKey[i], 2 * alarms.realNum[i]) : uniformAt(alarms.nuisanceKey, 2 * (i - nR));
    const done = t + this.room.assessS * -Math.log(1 - u);
    this.opUntil[op] = done;
    this.opAlarm[op] = i;
    this.opAwake[op] = 0;
    this.operatorBusyS += this.clip(t, done);
    this.recorder.addOperatorBusy(t, done);
    if (real || this.qHead < this.qTail) this.wake(op);
    // Logged now, its end known (whether or not that end becomes an event).
    if (this.log) {
      this.log.alarms.push({
        timeS: alarms.timeS[i], camera: alarms.camera[i], attempt: this.attemptId(i), fate: real && this.recognised(i) ? 'recognised' : 'dismissed', takenS: t,
        doneS: done, operator: op,
      });
    }
  }

  /** Does the operator recognise real alarm i as an intruder (its own draw)? */
  private recognised(i: number): boolean {
    return uniformAt(this.alarms.realKey[i], 2 * this.alarms.realNum[i] + 1) < this.room.recognizeP;
  }

  /**
   * Makes the end of operator `op`'s assessment an event (once). Nothing to do for an operator with
   * no assessment, or whose assessment ended before now (free; an end exactly now is still scheduled,
   * to run after the event being handled, as every end did when each was an event).
   */
  private wake(op: number): void {
    if (this.opAwake[op] || this.opAlarm[op] < 0 || this.opUntil[op] < this.kernel.now) return;
    this.opAwake[op] = 1;
    const i = this.opAlarm[op];
    this.kernel.schedule(this.opUntil[op], ASSESSED * RANK + i, ASSESSED + 4 * i);
  }

  /** The operator assessing alarm i is done (an end made an event): recognised or dismissed; then the queue's head. */
  private assessed(i: number, t: number): void {
    const { alarms } = this;
    const op = this.opOf[i];
    this.opAwake[op] = 0;
    this.opAlarm[op] = -1;
    const a = alarms.attempt[i];
    const real = a >= 0;
    if (real && this.reached[a] === 0) {
      this.reached[a] = 1;
      this.fates[a].lost = 'assessment';
    }
    if (real && this.recognised(i)) this.recognise(i, t);
    if (this.qHead < this.qTail) this.take(this.queue[this.qHead++], t, op);
  }

  /** Alarm i has waited maxWaitS: lost if still at the head of the queue (FIFO, one patience); otherwise it was taken in time. */
  private expire(i: number): void {
    if (this.qHead < this.qTail && this.queue[this.qHead] === i) {
      this.qHead++;
      this.lost++;
      if (this.log) this.log.alarms.push({ timeS: this.alarms.timeS[i], camera: this.alarms.camera[i], attempt: this.attemptId(i), fate: 'lost', takenS: NaN, doneS: NaN, operator: -1 });
    }
  }

  /** An alarm of a real attempt recognised (or noticed): its fate, and a team. */
  private recognise(i: number, t: number): void {
    const a = this.alarms.attempt[i];
    if (a < 0) return;
    const fate = this.fates[a];
    if (this.reached[a] < 2) {
      this.reached[a] = 2;
      fate.assessed = true;
      fate.assessedS = t;
      fate.lost = 'response';
    }
    // One dispatch per attempt: to a free team, or to the teams' queue; none once it is through.
    if (this.dispatched[a]) return;
    this.dispatched[a] = 1;
    if (t >= throughAtS(this.byId[a].track)) return;
    if (this.teamsBusy < this.nTeams) this.dispatch(a, t);
    else this.teamQueue.push(a);
  }

  /** Team k is back: it takes the first queued attempt not yet through. */
  private teamBack(k: number, t: number): void {
    this.teamFree[k] = 1;
    this.teamsBusy--;
    while (this.teamQHead < this.teamQueue.length) {
      const a = this.teamQueue[this.teamQHead++];
      if (t < throughAtS(this.byId[a].track)) {
        this.dispatch(a, t);
        break;
      }
    }
  }

  /** Sends the best free team to attempt a at time t (some team is free). */
  private dispatch(a: number, t: number): void {
    const { response, teamFree, pos } = this;
    const track = this.byId[a].track;
    const throughS = throughAtS(track);
    const readyS = t + response.delayS;
    const best = this.chooser.choose(track, t, readyS, teamFree);
    const bestArrival = this.chooser.arrivalS;
    const interdicted = bestArrival < throughS;
    const endS = interdicted ? bestArrival : Math.max(readyS, throughS);
    const freeS = endS + response.busyS;
    teamFree[best] = 0;
    this.teamsBusy++;
    this.teamBusyS += this.clip(t, freeS);
    this.dispatched[a] = 1;
    const fate = this.fates[a];
    fate.team = best;
    fate.interdicted = interdicted;
    fate.arrivalS = interdicted ? bestArrival : NaN;
    fate.lost = interdicted ? '' : 'response';
    this.kernel.schedule(freeS, TEAM_FREE * RANK + best, TEAM_FREE + 4 * best);
    if (this.log) {
      trackPositionAt(track, endS, pos);
      const b = response.bases[best];
      this.log.dispatches.push({
        team: best, attempt: track.id, dispatchS: t, departS: readyS, fromX: b.x, fromY: b.y, toX: pos.x, toY: pos.y, endS,
        interdicted, freeS,
      });
    }
  }
}

/**
 * The first `n` waits, ascending. Most alarms are taken at once (a wait of exactly 0), so only the
 * others are sorted, and the zeros put in front.
 */
function sortedWaits(waits: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  let k = n;
  for (let i = 0; i < n; i++) if (waits[i] > 0) out[--k] = waits[i];
  out.subarray(k).sort();
  return out;
}

/**
 * The campaign's alarms, numbered canonically: the attempts' alarms first, sorted by (time, attempt
 * id, alarm number); then the nuisance alarms in their own order (time). The number is an alarm's
 * stable key: at one time, real alarms come before nuisance ones, then attempt and alarm number or
 * the nuisance alarm's number — an order of the inputs, not of their gathering. Each of the two lists
 * is in time order and is fed to the kernel one alarm at a time, so nothing is merged beforehand.
 */
interface AlarmTable {
  count: number;
  /** Alarms 0 … real − 1 are the attempts', the rest nuisance alarms (nuisance number i − real). */
  real: number;
  timeS: Float64Array;
  /** Index into the attempts sorted by id; −1 for a nuisance alarm. */
  attempt: Int32Array;
  camera: Int32Array;
  /** A real alarm's stream key and alarm number (its random numbers, streams.ts). */
  realKey: Float64Array;
  realNum: Int32Array;
  /** The stream of the nuisance alarms' random numbers, drawn by nuisance number. */
  nuisanceKey: number;
}

function canonicalAlarms(setup: CampaignSetup, byId: readonly CampaignAttempt[], analytics: boolean): AlarmTable {
  let real = 0;
  for (const a of byId) real += a.alarms.length;
  // The real alarms by attempt and alarm number; a stable sort by time then gives (time, attempt, alarm).
  const t = new Float64Array(real);
  const att = new Int32Array(real);
  const num = new Int32Array(real);
  const cam = new Int32Array(real);
  let r = 0;
  for (let ai = 0; ai < byId.length; ai++) {
    const a = byId[ai];
    for (let j = 0; j < a.alarms.length; j++) {
      t[r] = a.track.startS + a.alarms[j].tS;
      att[r] = ai;
      num[r] = j;
      cam[r] = a.alarms[j].camera;
      r++;
    }
  }
  const order = new Array<number>(real);
  for (let i = 0; i < real; i++) order[i] = i;
  order.sort((p, q) => t[p] - t[q]);
  const nuisance = analytics && setup.nuisance ? setup.nuisance : null;
  const n = real + (nuisance ? nuisance.count : 0);
  const out: AlarmTable = {
    count: n, real, timeS: new Float64Array(n), attempt: new Int32Array(n), camera: new Int32Array(n),
    realKey: new Float64Array(real), realNum: new Int32Array(real), nuisanceKey: streamKey(setup.seed, 0, CampaignStream.nuisanceAssess),
  };
  for (let i = 0; i < real; i++) {
    const k = order[i];
    out.timeS[i] = t[k];
    out.attempt[i] = att[k];
    out.camera[i] = cam[k];
    out.realKey[i] = streamKey(setup.seed, byId[att[k]].track.id, CampaignStream.alarmAssess);
    out.realNum[i] = num[k];
  }
  if (nuisance) {
    out.timeS.set(nuisance.timeS, real);
    out.camera.set(nuisance.camera, real);
    out.attempt.fill(-1, real);
  }
  return out;
}
