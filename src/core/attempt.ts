/**
 * One infiltration attempt (docs/model.md §4) and its detection: the bounded search of the cameras
 * (§3) as one *sensing* process, thinned by the links after sensing (§8: camera availability and the
 * operators' attention). The plan and the position at any time live in plan.ts (re-exported here); the
 * candidate cameras and their scheduling in candidates.ts; the examination of one step in examine.ts.
 *
 * Attempts do not interact, so each is simulated on its own from start to through; the run, the
 * viewer's stream and every worker or shard therefore see identical outcomes for the same (seed, id).
 * The seed and the step come from the world's run (world.config.run).
 */
import type { CandidateKeys } from './candidates.ts';
import { gatherCandidates } from './candidates.ts';
import type { AttemptScratch } from './examine.ts';
import { examineStep, slotSees } from './examine.ts';
import type { AttemptPlan } from './plan.ts';
import { planAttempt, positionAt } from './plan.ts';
import { Stream, StreamCursor, streamKey } from './rng.ts';
import { WATCH_ANALYTICS, attemptDay, noticeProbability, outageKey } from './watch.ts';
import type { World } from './world.ts';

export type { AttemptPlan, AttemptPosition } from './plan.ts';
export { newPlan, newPosition, planAttempt, positionAt } from './plan.ts';
export type { AttemptScratch } from './examine.ts';
export { EXACT_FROM_P, newScratch } from './examine.ts';

/**
 * Which link lost a missed attempt (the core's part; the batch adds `late`, detected but not
 * interrupted): none (detected), no sensing event at all, sensing events only on cameras out of
 * service, or sensed by a camera in service but not noticed.
 */
export const LOST_NONE = 0;
export const LOST_UNSENSED = 1;
export const LOST_OUTAGE = 2;
export const LOST_UNNOTICED = 3;
/** Names of the LOST_* codes, as attempts.csv writes them ('' for a detection). */
export const LOST_NAMES: readonly string[] = ['', 'unsensed', 'outage', 'unnoticed'];

export interface AttemptOutcome {
  id: number;
  threat: number;
  size: number;
  crossingM: number;
  startTimeS: number;
  detected: boolean;
  /** Local time of the first detection, seconds from the start; NaN when undetected. */
  detectTimeS: number;
  camera: number;
  tower: number;
  rangeM: number;
  /** P∞ of the detecting camera at the moment of detection (1 for an ideal sensor). */
  p: number;
  x: number;
  y: number;
  beforeBarrier: boolean;
  tBarrierS: number;
  tThroughS: number;
  /** The attempt's day, 0 … run.days − 1: which outage map it met. */
  day: number;
  /** Which link lost it (LOST_*); LOST_NONE when detected. */
  lost: number;
  /** Analytics mode: local time of the first alarm (the detection), s; NaN otherwise or when none. */
  alarmTimeS: number;
}

export function newOutcome(): AttemptOutcome {
  return {
    id: 0, threat: 0, size: 1, crossingM: 0, startTimeS: 0, detected: false, detectTimeS: NaN, camera: -1, tower: -1,
    rangeM: NaN, p: NaN, x: NaN, y: NaN, beforeBarrier: false, tBarrierS: 0, tThroughS: 0, day: 0, lost: LOST_UNSENSED, alarmTimeS: NaN,
  };
}

/** Work counters for benchmarks. */
export interface SimCounters {
  /** Time steps examined (steps in which no camera was due, or after detection, excluded). */
  steps: number;
  /** Camera–target evaluations: range, then field of view, then P∞, for one camera at one step. */
  evaluations: number;
  /** Line-of-sight tests (barrier and terrain): exact-part cameras in view, and thinning proposals. */
  losCalls: number;
  /** Proposals of the thinned part (each costs one line-of-sight test). */
  proposals: number;
}

export function newCounters(): SimCounters {
  return { steps: 0, evaluations: 0, losCalls: 0, proposals: 0 };
}

/** The parts' random streams of the current attempt, reused across attempts (keyed per attempt). */
const cursor = new StreamCursor();
const thinCursor = new StreamCursor();
const noticeCursor = new StreamCursor();
/** Work of the current attempt, added to the caller's counters at its end. */
const work = newCounters();
const keys: CandidateKeys = { thresholdKey: 0, outageKey: 0, availability: 1 };

/**
 * The state of the sensing process carried from step to step within one attempt. Reused across
 * attempts (reset by beginProcess).
 */
interface ProcessState {
  seed: number;
  id: number;
  /** Exact part: the exponential still to integrate before its next event. */
  exactNeed: number;
  /** Thinned part: the remaining exponential (< 0: none drawn) and whether its stream is keyed yet. */
  thinNeed: number;
  thinKeyed: boolean;
  /** Probability that a sensing event on a camera in service is noticed (1 but in operators mode). */
  noticeP: number;
  noticeKeyed: boolean;
  /** Earliest local time a candidate is due. */
  nearDue: number;
}

const proc: ProcessState = { seed: 0, id: 0, exactNeed: 0, thinNeed: -1, thinKeyed: false, noticeP: 1, noticeKeyed: false, nearDue: Infinity };

/**
 * Simulates attempt `id` until it is through, stopping at its first detection (later detections change
 * no statistic). Seed and step come from world.config.run.
 *
 * Sensing (docs/model.md §3, bounded search): each candidate camera c has a threshold u_c drawn once
 * for the attempt (candidates.ts); while its P∞ exceeds u_c, and it has the target in view and in
 * line of sight, it senses as a Poisson process of rate λ_c = P∞,c / τ, each rate held at its value at
 * the step's midpoint (midpoint rule) on the grid k·stepS of local time. A camera whose P∞ never
 * exceeds its u on the path never senses, so its chance of ever detecting is at most its highest P∞.
 *
 * After sensing (§8), every sensing event is thinned: on a camera out of service that day it is an
 * *outage* miss; on one in service it is noticed with probability a(K) in operators mode (watch.ts;
 * 1 in the analytics and ideal modes), else an *unnoticed* miss. The first noticed event is the
 * detection. Thinning a Poisson process keeps it Poisson, so this is the same as detecting at rate
 * λ_c·a(K) on cameras in service — with the bonus that a missed attempt knows which link lost it.
 *
 * The sensing process is the superposition of independent parts (the first event of a sum of
 * independent Poisson processes comes from each part in proportion to its rate); each draws from its
 * own stream keyed by (seed, id):
 * - the *instant* part, ideal sensors in sight: infinite rate, so they sense at the step's midpoint;
 * - the *exact* part (thermal cameras with P∞ ≥ s.exactFromP): line of sight is tested for each of
 *   them in view at every step; exponential thresholds on the integrated rate time the events,
 *   interpolated inside the step, and each picks its camera in proportion to its λ;
 * - the *thinned* part (thinnedProposal), the other thermal cameras (by default all of them), by
 *   thinning (Lewis and Shedler 1979): proposals arrive at the part's total rate as if every camera
 *   in view saw the target; a proposal picks one in proportion to its λ and is a sensing event when
 *   that camera has line of sight at the step; a rejected camera is dropped from the step's proposal
 *   rate (it is known to be blind for the step). Line of sight is tested once per proposal — a few
 *   times per attempt instead of at every step for every camera in view.
 * The outcome has exactly the distribution of testing every camera at every step (with
 * s.exactFromP = 0 that is what happens); only which random numbers decide a given attempt differs.
 *
 * Work skipped without changing any result: cameras whose threshold their P∞ can never pass on the
 * path, and the parts of the path beyond each camera's reach (candidates.ts); steps before any
 * camera's active interval and after the last one's; cameras not yet due: a camera out of its field
 * of view sleeps until its view could first reach the target (cameras.ts viewSleepS), ending early at
 * the wall where the position jumps; cameras out of service once an outage has been counted; steps in
 * which no camera is due; contrast and its log, once per step and model.
 */
export function simulateAttempt(world: World, id: number, s: AttemptScratch, out: AttemptOutcome, counters?: SimCounters): AttemptOutcome {
  const { seed, stepS } = world.config.run;
  const chain = world.chain;
  const plan = planAttempt(world, id, s.plan);
  const day = attemptDay(seed, id, chain.days);
  keys.thresholdKey = streamKey(seed, id, Stream.searchThreshold);
  keys.outageKey = outageKey(seed, day);
  keys.availability = chain.availability;
  const nCand = gatherCandidates(world, plan, s.cand, keys);
  resetOutcome(plan, day, out);
  if (nCand === 0) return out;

  work.steps = work.evaluations = work.losCalls = work.proposals = 0;
  beginProcess(world, seed, id, day, s);
  const pos = s.pos;
  let nextDue = proc.nearDue;
  // Where the position jumps (onto and off the wall's crest), field-of-view sleeps end.
  const jumps = plan.delayS > 0;
  const tThrough = plan.tThroughS;
  // Step m spans [m·stepS, min((m + 1)·stepS, tThrough)); skipping steps never moves the grid.
  let m = Math.max(0, Math.floor(nextDue / stepS) - 1);
  for (;;) {
    const t0 = m * stepS;
    if (!(t0 < tThrough) || nextDue === Infinity) break;
    const h = Math.min(stepS, tThrough - t0);
    const tm = t0 + 0.5 * h;
    if (nextDue >= t0 + h) {
      // Nobody is due: on to (one step before) the step holding the due time. All rates are 0 in
      // between, so no part of the process can fire there.
      const next = Math.floor(nextDue / stepS) - 1;
      m = next > m ? next : m + 1;
      continue;
    }
    positionAt(world, plan, tm, pos);
    work.steps++;
    if (pos.hidden) {
      // Unseen: every rate is 0.
      m++;
      continue;
    }
    s.stamp++;
    const wakeCap = !jumps ? Infinity : tm < plan.tBarrierS ? plan.tBarrierS : tm < plan.tCrossedS ? plan.tCrossedS : Infinity;
    examineStep(world, plan, s, t0, h, wakeCap, work);
    nextDue = proc.nearDue = s.nextDueS;
    if (stepEvents(world, plan, s, t0, h, out)) break;
    m++;
  }
  if (!out.detected) out.lost = s.sensedUnnoticed ? LOST_UNNOTICED : s.outageSeen ? LOST_OUTAGE : LOST_UNSENSED;
  else if (chain.modeCode === WATCH_ANALYTICS) out.alarmTimeS = out.detectTimeS;
  if (counters) {
    counters.steps += work.steps;
    counters.evaluations += work.evaluations;
    counters.losCalls += work.losCalls;
    counters.proposals += work.proposals;
  }
  return out;
}

/** Sets `out` to an unsensed attempt of `plan` on `day`. */
function resetOutcome(plan: AttemptPlan, day: number, out: AttemptOutcome): void {
  out.id = plan.id;
  out.threat = plan.threat;
  out.size = plan.size;
  out.crossingM = plan.crossingM;
  out.startTimeS = plan.startTimeS;
  out.detected = false;
  out.detectTimeS = NaN;
  out.camera = -1;
  out.tower = -1;
  out.rangeM = NaN;
  out.p = NaN;
  out.x = NaN;
  out.y = NaN;
  out.beforeBarrier = false;
  out.tBarrierS = plan.tBarrierS;
  out.tThroughS = plan.tThroughS;
  out.day = day;
  out.lost = LOST_UNSENSED;
  out.alarmTimeS = NaN;
}

/** Keys the exact part's stream and draws its first exponential; sets the attention; finds the first due time. */
function beginProcess(world: World, seed: number, id: number, day: number, s: AttemptScratch): void {
  const cand = s.cand;
  proc.seed = seed;
  proc.id = id;
  cursor.reset(seed, id, Stream.detection);
  proc.exactNeed = cursor.nextExp();
  proc.thinNeed = -1;
  proc.thinKeyed = false;
  proc.noticeKeyed = false;
  proc.noticeP = noticeProbability(world.chain, seed, world.cameras.count, day);
  s.outageSeen = false;
  s.sensedUnnoticed = false;
  let nearDue = Infinity;
  for (let q = 0; q < cand.nearCount; q++) if (cand.dueS[cand.nearSlot[q]] < nearDue) nearDue = cand.dueS[cand.nearSlot[q]];
  proc.nearDue = nearDue;
}

/**
 * The sensing events of the step [t0, t0 + h) in time order, each thinned by service and attention,
 * until the first noticed one (recorded in `out`; returns true) or the step's end (the parts' unused
 * exponentials carry over to the next step).
 */
function stepEvents(world: World, plan: AttemptPlan, s: AttemptScratch, t0: number, h: number, out: AttemptOutcome): boolean {
  const tEnd = t0 + h;
  const tm = t0 + 0.5 * h;
  let lamE = s.exactLambda;
  let lamT = s.thinLambda;
  let instant = s.instantCount;
  let t = t0;
  for (;;) {
    const tE = lamE > 0 ? t + proc.exactNeed / lamE : Infinity;
    if (lamT > 0 && proc.thinNeed < 0) {
      if (!proc.thinKeyed) {
        thinCursor.reset(proc.seed, proc.id, Stream.thinning);
        proc.thinKeyed = true;
      }
      proc.thinNeed = thinCursor.nextExp();
    }
    const tT = lamT > 0 ? t + proc.thinNeed / lamT : Infinity;
    const tI = instant > 0 ? tm : Infinity;
    let tNext = tE < tT ? tE : tT;
    if (tI <= tNext) tNext = tI;
    if (!(tNext < tEnd)) {
      if (lamE > 0) proc.exactNeed = Math.max(0, proc.exactNeed - lamE * (tEnd - t));
      if (lamT > 0) proc.thinNeed = Math.max(0, proc.thinNeed - lamT * (tEnd - t));
      return false;
    }
    if (lamE > 0 && tNext !== tE) proc.exactNeed = Math.max(0, proc.exactNeed - lamE * (tNext - t));
    if (lamT > 0 && tNext !== tT) proc.thinNeed = Math.max(0, proc.thinNeed - lamT * (tNext - t));
    t = tNext;
    let slot: number;
    let mustNotice = false;
    if (tNext === tI) {
      // The ideal sensors in sight sense at the midpoint, infinitely often: one in service is noticed
      // surely (whatever the attention); if all are out of service, that is an outage.
      instant = 0;
      slot = pickInstant(s);
      if (slot < 0) {
        s.outageSeen = true;
        dropOutOfService(s, lamE, lamT);
        lamE = sums.exact;
        lamT = sums.thinned;
        continue;
      }
      mustNotice = true;
    } else if (tNext === tE) {
      slot = pickExact(s, lamE, cursor.next());
      proc.exactNeed = cursor.nextExp();
    } else {
      proc.thinNeed = -1;
      slot = thinnedProposal(world, s, lamT);
      if (slot < 0) {
        lamT = 0;
        for (let i = 0; i < s.nThin; i++) lamT += s.thinRate[i];
        continue;
      }
    }
    if (s.cand.inService[slot] === 0) {
      // Sensed by a camera out of service today: an outage miss. Its later events (and every other
      // out-of-service camera's) can change nothing now, so they leave the process.
      s.outageSeen = true;
      dropOutOfService(s, lamE, lamT);
      lamE = sums.exact;
      lamT = sums.thinned;
      continue;
    }
    if (!mustNotice && proc.noticeP < 1) {
      if (!proc.noticeKeyed) {
        noticeCursor.reset(proc.seed, proc.id, Stream.notice);
        proc.noticeKeyed = true;
      }
      if (!(noticeCursor.next() < proc.noticeP)) {
        s.sensedUnnoticed = true;
        continue;
      }
    }
    recordDetection(world, plan, s, slot, t, out);
    return true;
  }
}

/**
 * One proposal of the thinned part at proposal rate `lamT`: a thinned camera drawn in proportion to
 * its rate; returns its slot when it has line of sight (a sensing event), else −1 after dropping it
 * from the step's proposal rate (it is known to be blind for the step).
 */
function thinnedProposal(world: World, s: AttemptScratch, lamT: number): number {
  work.proposals++;
  const goal = thinCursor.next() * lamT;
  let acc = 0;
  let e = -1;
  for (let i = 0; i < s.nThin; i++) {
    if (s.thinRate[i] <= 0) continue;
    acc += s.thinRate[i];
    e = i;
    if (acc > goal) break;
  }
  const j = s.thinSlot[e];
  work.losCalls++;
  if (slotSees(world, s.cand, j, s.pos)) return j;
  s.thinRate[e] = 0;
  return -1;
}

/** The step's exact and thinned rates after dropOutOfService. */
const sums = { exact: 0, thinned: 0 };

/** Removes the out-of-service cameras from the step's exact and thinned rates; writes the new sums (in slot order) to `sums`. */
function dropOutOfService(s: AttemptScratch, lamE: number, lamT: number): void {
  const inSvc = s.cand.inService;
  if (lamE > 0) {
    lamE = 0;
    for (let q = 0; q < s.nLive; q++) {
      const j = s.live[q];
      const r = s.rates[j];
      if (!(r > 0) || r === Infinity) continue;
      if (inSvc[j] === 0) s.rates[j] = 0;
      else lamE += r;
    }
  }
  if (lamT > 0) {
    lamT = 0;
    for (let i = 0; i < s.nThin; i++) {
      if (inSvc[s.thinSlot[i]] === 0) s.thinRate[i] = 0;
      lamT += s.thinRate[i];
    }
  }
  sums.exact = lamE;
  sums.thinned = lamT;
}

/**
 * Which ideal sensor in sight senses at the midpoint: one of those in service, equally likely (one
 * draw of the exact part's stream); −1 when all are out of service.
 */
function pickInstant(s: AttemptScratch): number {
  const live = s.live;
  const rates = s.rates;
  const inSvc = s.cand.inService;
  let n = 0;
  for (let q = 0; q < s.nLive; q++) if (rates[live[q]] === Infinity && inSvc[live[q]] === 1) n++;
  if (n === 0) return -1;
  let target = Math.floor(cursor.next() * n);
  for (let q = 0; q < s.nLive; q++) if (rates[live[q]] === Infinity && inSvc[live[q]] === 1 && target-- === 0) return live[q];
  return -1;
}

/** Which exact-part camera sensed: the one whose share of the finite rate `lambda` holds u. */
function pickExact(s: AttemptScratch, lambda: number, u: number): number {
  const live = s.live;
  const rates = s.rates;
  let pick = -1;
  let acc = 0;
  const goal = u * lambda;
  for (let q = 0; q < s.nLive; q++) {
    const j = live[q];
    const r = rates[j];
    if (!(r > 0) || r === Infinity) continue;
    acc += r;
    pick = j;
    if (acc > goal) break;
  }
  return pick;
}

/** Writes the detection by candidate slot `pick` at local time `tS` into `out`. */
function recordDetection(world: World, plan: AttemptPlan, s: AttemptScratch, pick: number, tS: number, out: AttemptOutcome): void {
  const k = s.cand.camera[pick];
  const pos = positionAt(world, plan, tS, s.pos);
  out.detected = true;
  out.detectTimeS = tS;
  out.camera = k;
  out.tower = world.cameras.tower[k];
  out.rangeM = s.rangeM[pick];
  out.p = s.pInf[pick];
  out.x = pos.x;
  out.y = pos.y;
  out.beforeBarrier = tS < plan.tBarrierS;
  out.lost = LOST_NONE;
}
