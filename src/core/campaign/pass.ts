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
 *   (intercept.ts); with every team out it waits in the teams' FIFO queue until one comes back. A team
 *   leaves `delayS` after dispatch, is out until it meets the intruder (or the intruder is through),
 *   then busy `busyS` more (the arrest, the way back). The attempt is interdicted when the team meets
 *   it strictly before it is through. One dispatch per attempt; its later alarms still load the room.
 *
 * The processes live here; the event kernel (events.ts) only orders their events.
 */
import { EventKernel } from '../events.ts';
import { streamKey, uniformAt } from '../rng.ts';
import type { WatchMode } from '../spec.ts';
import { interceptS, reachBoundS } from './intercept.ts';
import type { NuisanceAlarms } from './nuisance.ts';
import { CampaignStream } from './streams.ts';
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
/** Rounding slack when a team's lower bound rules it out, s (the bound and interceptS round differently). */
const BOUND_MARGIN_S = 1e-3;

/** Runs the pass. `attempts` in any order; fates come back by ascending attempt id. */
export function runCampaign(setup: CampaignSetup, attempts: readonly CampaignAttempt[]): CampaignResult {
  const byId = [...attempts].sort((a, b) => a.track.id - b.track.id);
  const analytics = setup.room.mode === 'analytics';
  const alarms = canonicalAlarms(setup, byId, analytics);
  const nA = alarms.count;
  const nR = alarms.real;
  const { room, response } = setup;
  const nTeams = response.bases.length;
  const kernel = new EventKernel<number>();
  const recorder = new TimelineRecorder(setup.durationS, setup.binS);
  const log: CampaignLog | null = setup.log ? { alarms: [], dispatches: [] } : null;

  const fates: AttemptFate[] = byId.map((a) => ({
    id: a.track.id, sensed: a.sensed, alarmed: false, alarmS: NaN, assessed: false, assessedS: NaN, team: -1, arrivalS: NaN,
    interdicted: false, lost: a.lostBefore,
  }));
  // Per attempt: 0 no alarm taken yet, 1 an alarm was taken and dismissed, 2 recognised.
  const reached = new Uint8Array(byId.length);
  const dispatched = new Uint8Array(byId.length);

  // The control room.
  const queue = new Int32Array(Math.max(1, nA));
  let qHead = 0;
  let qTail = 0;
  const opFree = new Uint8Array(room.operators).fill(1);
  const opOf = new Int32Array(nA).fill(-1);
  const takenAt = log ? new Float64Array(nA).fill(NaN) : null;
  let opsBusy = 0;
  const waits = new Float64Array(nA);
  let nWaits = 0;
  let lost = 0;
  let operatorBusyS = 0;

  // The teams.
  const teamFree = new Uint8Array(nTeams).fill(1);
  const teamQueue: number[] = [];
  let teamQHead = 0;
  let teamsBusy = 0;
  let teamBusyS = 0;
  const pos = { x: 0, y: 0 };
  const bound = new Float64Array(nTeams);

  const clip = (fromS: number, toS: number) => Math.max(0, Math.min(toS, setup.durationS) - Math.max(fromS, 0));
  const level = (t: number) => recorder.set(t, qTail - qHead, opsBusy, teamsBusy);

  const take = (i: number, t: number) => {
    let op = 0;
    while (!opFree[op]) op++;
    opFree[op] = 0;
    opOf[i] = op;
    opsBusy++;
    if (takenAt) takenAt[i] = t;
    waits[nWaits++] = t - alarms.timeS[i];
    const u = i < nR ? uniformAt(alarms.realKey[i], 2 * alarms.realNum[i]) : uniformAt(alarms.nuisanceKey, 2 * (i - nR));
    const done = t + room.assessS * -Math.log(1 - u);
    operatorBusyS += clip(t, done);
    kernel.schedule(done, ASSESSED * RANK + i, ASSESSED + 4 * i);
  };

  const dispatch = (a: number, t: number) => {
    const track = byId[a].track;
    const throughS = throughAtS(track);
    const readyS = t + response.delayS;
    trackPositionAt(track, t, pos);
    // The free team that meets the intruder first (then the nearer now, then the lower index). A
    // team's earliest conceivable meeting (reachBoundS) is cheap; interceptS is not, so the team with
    // the smallest bound goes first and a team whose bound is later than the best meeting so far is
    // skipped — it can neither beat nor tie it (the margin covers rounding).
    let first = -1;
    for (let k = 0; k < nTeams; k++) {
      if (!teamFree[k]) continue;
      const b = response.bases[k];
      bound[k] = reachBoundS(track, b.x, b.y, readyS, response.speedMps);
      if (first < 0 || bound[k] < bound[first]) first = k;
    }
    let best = -1;
    let bestArrival = Infinity;
    let bestDist = Infinity;
    for (let j = -1; j < nTeams; j++) {
      const k = j < 0 ? first : j;
      if (!teamFree[k] || (j >= 0 && (k === first || bound[k] > bestArrival + BOUND_MARGIN_S))) continue;
      const b = response.bases[k];
      const arrival = interceptS(track, b.x, b.y, readyS, response.speedMps);
      const dist = Math.hypot(b.x - pos.x, b.y - pos.y);
      if (best < 0 || arrival < bestArrival || (arrival === bestArrival && (dist < bestDist || (dist === bestDist && k < best)))) {
        best = k;
        bestArrival = arrival;
        bestDist = dist;
      }
    }
    const interdicted = bestArrival < throughS;
    const endS = interdicted ? bestArrival : Math.max(readyS, throughS);
    const freeS = endS + response.busyS;
    teamFree[best] = 0;
    teamsBusy++;
    teamBusyS += clip(t, freeS);
    dispatched[a] = 1;
    const fate = fates[a];
    fate.team = best;
    fate.interdicted = interdicted;
    fate.arrivalS = interdicted ? bestArrival : NaN;
    fate.lost = interdicted ? '' : 'response';
    kernel.schedule(freeS, TEAM_FREE * RANK + best, TEAM_FREE + 4 * best);
    if (log) {
      trackPositionAt(track, endS, pos);
      const b = response.bases[best];
      log.dispatches.push({
        team: best, attempt: track.id, dispatchS: t, departS: readyS, fromX: b.x, fromY: b.y, toX: pos.x, toY: pos.y, endS,
        interdicted, freeS,
      });
    }
  };

  /** A recognised attempt: to a free team, or to the teams' queue. */
  const respond = (a: number, t: number) => {
    if (dispatched[a]) return;
    dispatched[a] = 1;
    if (t >= throughAtS(byId[a].track)) return; // already through: nothing to send a team to
    if (teamsBusy < nTeams) dispatch(a, t);
    else teamQueue.push(a);
  };

  const recognise = (i: number, t: number) => {
    const a = alarms.attempt[i];
    if (a < 0) return;
    if (reached[a] < 2) {
      reached[a] = 2;
      fates[a].assessed = true;
      fates[a].assessedS = t;
      fates[a].lost = 'response';
    }
    respond(a, t);
  };

  const handle = (ev: number, t: number) => {
    const kind = ev & 3;
    const i = ev >>> 2;
    if (kind === ARRIVAL) {
      // The next alarm of its list (the real alarms, or the nuisance alarms).
      const next = i + 1;
      if (next !== nR && next < nA) kernel.schedule(alarms.timeS[next], ARRIVAL * RANK + next, ARRIVAL + 4 * next);
      const a = alarms.attempt[i];
      if (a >= 0 && !fates[a].alarmed) {
        fates[a].alarmed = true;
        fates[a].alarmS = t;
        fates[a].lost = 'queue';
      }
      if (!analytics) {
        // Noticed by the person watching: assessed at once, no queue.
        recognise(i, t);
        if (log) log.alarms.push({ timeS: t, camera: alarms.camera[i], attempt: a >= 0 ? byId[a].track.id : -1, fate: 'noticed', takenS: t, doneS: t, operator: -1 });
        return;
      }
      if (opsBusy < room.operators) take(i, t);
      else {
        queue[qTail++] = i;
        if (room.maxWaitS < Infinity) kernel.schedule(t + room.maxWaitS, EXPIRY * RANK + i, EXPIRY + 4 * i);
      }
    } else if (kind === ASSESSED) {
      opFree[opOf[i]] = 1;
      opsBusy--;
      const a = alarms.attempt[i];
      const real = a >= 0;
      const recognised = real && uniformAt(alarms.realKey[i], 2 * alarms.realNum[i] + 1) < room.recognizeP;
      if (real && reached[a] === 0) {
        reached[a] = 1;
        fates[a].lost = 'assessment';
      }
      if (recognised) recognise(i, t);
      if (log) log.alarms.push({ timeS: alarms.timeS[i], camera: alarms.camera[i], attempt: real ? byId[a].track.id : -1, fate: recognised ? 'recognised' : 'dismissed', takenS: takenAt![i], doneS: t, operator: opOf[i] });
      if (qHead < qTail) take(queue[qHead++], t);
    } else if (kind === EXPIRY) {
      // Still at the head of the queue (FIFO, one patience): lost. Otherwise it was taken in time.
      if (qHead < qTail && queue[qHead] === i) {
        qHead++;
        lost++;
        if (log) log.alarms.push({ timeS: alarms.timeS[i], camera: alarms.camera[i], attempt: alarms.attempt[i] >= 0 ? byId[alarms.attempt[i]].track.id : -1, fate: 'lost', takenS: NaN, doneS: NaN, operator: -1 });
      }
    } else {
      teamFree[i] = 1;
      teamsBusy--;
      while (teamQHead < teamQueue.length) {
        const a = teamQueue[teamQHead++];
        if (t < throughAtS(byId[a].track)) {
          dispatch(a, t);
          break;
        }
      }
    }
    level(t);
  };

  // The head of each list of alarms.
  if (nR > 0) kernel.schedule(alarms.timeS[0], ARRIVAL * RANK, ARRIVAL);
  if (nA > nR) kernel.schedule(alarms.timeS[nR], ARRIVAL * RANK + nR, ARRIVAL + 4 * nR);
  const events = kernel.run(Infinity, handle);
  const waitsS = sortedWaits(waits, nWaits);
  return {
    fates,
    alarms: { total: nA, real: alarms.real, nuisance: nA - alarms.real, lost },
    waitsS,
    operatorBusyS,
    teamBusyS,
    operators: room.operators,
    teams: nTeams,
    durationS: setup.durationS,
    events,
    timeline: recorder.finish(),
    log,
  };
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
  byId.forEach((a, ai) => a.alarms.forEach((al, j) => {
    t[r] = a.track.startS + al.tS;
    att[r] = ai;
    num[r] = j;
    cam[r] = al.camera;
    r++;
  }));
  const order = Array.from({ length: real }, (_, i) => i).sort((p, q) => t[p] - t[q]);
  const nuisance = analytics && setup.nuisance ? setup.nuisance : null;
  const n = real + (nuisance ? nuisance.count : 0);
  const out: AlarmTable = {
    count: n, real, timeS: new Float64Array(n), attempt: new Int32Array(n), camera: new Int32Array(n),
    realKey: new Float64Array(real), realNum: new Int32Array(real), nuisanceKey: streamKey(setup.seed, 0, CampaignStream.nuisanceAssess),
  };
  order.forEach((k, i) => {
    out.timeS[i] = t[k];
    out.attempt[i] = att[k];
    out.camera[i] = cam[k];
    out.realKey[i] = streamKey(setup.seed, byId[att[k]].track.id, CampaignStream.alarmAssess);
    out.realNum[i] = num[k];
  });
  if (nuisance) {
    out.timeS.set(nuisance.timeS, real);
    out.camera.set(nuisance.camera, real);
    out.attempt.fill(-1, real);
  }
  return out;
}
