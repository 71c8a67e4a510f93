/**
 * The sensing events of one step of an attempt (docs/model.md §3, §8), in time order: the instant part
 * (ideal sensors in sight, at the step's midpoint), the exact part (exponential thresholds on the
 * integrated rate) and the thinned part (proposals accepted on line of sight), each event thinned by
 * the camera's service that day and the operators' attention. simulateAttempt (attempt.ts) explains
 * the parts; this module holds the process's state between steps.
 */
import type { AttemptScratch } from './examine.ts';
import { slotSees } from './examine.ts';
import type { AttemptOutcome } from './outcome.ts';
import { LOST_NONE } from './outcome.ts';
import type { AttemptPlan } from './plan.ts';
import { positionAt } from './plan.ts';
import { Stream, StreamCursor } from './rng.ts';
import { noticeProbability } from './watch.ts';
import type { World } from './world.ts';

/** The parts' random streams of the current attempt, reused across attempts (keyed per attempt). */
const cursor = new StreamCursor();
const thinCursor = new StreamCursor();
const noticeCursor = new StreamCursor();

/**
 * The state of the sensing process carried from step to step within one attempt. Reused across
 * attempts (reset by beginSensing).
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
}

const proc: ProcessState = { seed: 0, id: 0, exactNeed: 0, thinNeed: -1, thinKeyed: false, noticeP: 1, noticeKeyed: false };

/**
 * Starts attempt `id`'s sensing process (seed, day as drawn by the caller): keys the exact part's
 * stream and draws its first exponential, sets the probability of noticing, clears the lost links.
 */
export function beginSensing(world: World, seed: number, id: number, day: number, s: AttemptScratch): void {
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
}

/**
 * The sensing events of the step [t0, t0 + h) in time order, each thinned by service and attention,
 * until the first noticed one (recorded in `out`; returns true) or the step's end (the parts' unused
 * exponentials carry over to the next step).
 */
export function stepEvents(world: World, plan: AttemptPlan, s: AttemptScratch, t0: number, h: number, out: AttemptOutcome): boolean {
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
  s.work.proposals++;
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
  s.work.losCalls++;
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
