/**
 * One infiltration attempt (DOMAIN.md §4) and its detection by the cameras as a Poisson process
 * (DOMAIN.md §3). The plan and the position at any time live in plan.ts (re-exported here); the
 * candidate cameras and their scheduling in candidates.ts; the examination of one step in examine.ts.
 *
 * Attempts do not interact, so each is simulated on its own from start to through; the run, the
 * viewer's stream and every worker or shard therefore see identical outcomes for the same (seed, id).
 * The seed and the step come from the world's run (world.config.run).
 */
import { gatherCandidates } from './candidates.ts';
import type { AttemptScratch } from './examine.ts';
import { examineStep, rateAt, slotSees } from './examine.ts';
import type { AttemptPlan } from './plan.ts';
import { planAttempt, positionAt } from './plan.ts';
import { Stream, StreamCursor } from './rng.ts';
import type { World } from './world.ts';

export type { AttemptPlan, AttemptPosition } from './plan.ts';
export { newPlan, newPosition, planAttempt, positionAt } from './plan.ts';
export type { AttemptScratch } from './examine.ts';
export { EXACT_FROM_P, FAR_BELOW_P, newScratch } from './examine.ts';

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
}

export function newOutcome(): AttemptOutcome {
  return {
    id: 0, threat: 0, size: 1, crossingM: 0, startTimeS: 0, detected: false, detectTimeS: NaN, camera: -1, tower: -1,
    rangeM: NaN, p: NaN, x: NaN, y: NaN, beforeBarrier: false, tBarrierS: 0, tThroughS: 0,
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
const farCursor = new StreamCursor();
/** Work of the current attempt, added to the caller's counters at its end. */
const work = newCounters();

/**
 * The state of the detection process carried from step to step within one attempt. Reused across
 * attempts (reset by beginProcess).
 */
interface ProcessState {
  /** Exact part: the exponential threshold, the hazard integrated so far and the uniform that picks the camera. */
  threshold: number;
  hazard: number;
  uPick: number;
  /** Thinned part: the remaining exponential (< 0: none drawn) and whether its stream is keyed yet. */
  thinNeed: number;
  thinKeyed: boolean;
  /** Far part: the next proposal's local time (Infinity: none) and the time after which none can matter. */
  farNext: number;
  farEnd: number;
  /** Earliest local time a near candidate is due. */
  nearDue: number;
}

const proc: ProcessState = { threshold: 0, hazard: 0, uPick: 0, thinNeed: -1, thinKeyed: false, farNext: Infinity, farEnd: -Infinity, nearDue: Infinity };

/** What one part of the process found in a step: the winning slot (−1: none) and its local time. */
interface PartHit {
  slot: number;
  tS: number;
}

const thinHit: PartHit = { slot: -1, tS: 0 };
const farHit: PartHit = { slot: -1, tS: Infinity };

/**
 * Simulates attempt `id` until it is through, stopping at its first detection (later detections change
 * no statistic). Detection is a Poisson process of rate Σλ_c, λ_c = P∞,c / τ over the cameras that
 * have the target in view and in line of sight, each rate held at its value at the step's midpoint
 * (midpoint rule) on the grid k·stepS of local time (stepS and the seed from world.config.run).
 *
 * The process is the superposition of three independent parts (exact: a sum of independent Poisson
 * processes is the Poisson process of the summed rate, and its first event comes from each part in
 * proportion to its rate); each draws from its own stream keyed by (seed, id):
 * - the *exact* part (exactPartTime, pickExact), ideal sensors and cameras with P∞ ≥ s.exactFromP:
 *   line of sight is tested for each of them in view at every step; one exponential threshold E is
 *   drawn and the attempt is detected when the integrated rate reaches it, at the time interpolated
 *   inside the step; the detecting camera is drawn in proportion to its λ.
 * - the *thinned* part (thinnedPart), the other scheduled cameras with P∞ > 0 (by default every near
 *   thermal camera), by thinning (Lewis and Shedler 1979): proposals arrive at the part's total rate as
 *   if every camera in view saw the target; a proposal picks one in proportion to its λ and is accepted
 *   when that camera has line of sight at the step; a rejected camera is dropped from the step's
 *   proposal rate (it is known to be blind for the step) and a fresh exponential drawn. Line of sight
 *   is tested once per proposal — a few times per attempt instead of at every step for every camera
 *   in view.
 * - the *far* part (farPart), cameras whose P∞ cannot reach s.farBelowP on this path (candidates.ts):
 *   thinning against a constant bound — proposals at the sum of their bounds, each picks a far camera
 *   in proportion to its bound and is accepted with probability λ / bound (λ evaluated at that step)
 *   and then on line of sight. These cameras are never examined otherwise.
 * The detection time and camera have exactly the distribution of testing every camera at every step
 * (with s.exactFromP = 0 that is what happens); only which random numbers decide a given attempt
 * differs. Common random numbers still couple sweep points: where deployments differ a little, so do
 * the proposal sequences.
 *
 * Work skipped without changing any result: steps before any camera's active interval and after the
 * last one's; cameras not yet due (candidates.ts): a camera out of its field of view sleeps until its
 * view could first reach the target (cameras.ts viewSleepS), ending early at the wall where the
 * position jumps; steps in which no camera is due and no far proposal falls (rates are 0 there, so
 * no part can fire); contrast and its log, once per step and model.
 */
export function simulateAttempt(world: World, id: number, s: AttemptScratch, out: AttemptOutcome, counters?: SimCounters): AttemptOutcome {
  const { seed, stepS } = world.config.run;
  const plan = planAttempt(world, id, s.plan);
  const cand = s.cand;
  const nCand = gatherCandidates(world, plan, cand, s.farBelowP);
  resetOutcome(plan, out);
  if (nCand === 0) return out;

  work.steps = work.evaluations = work.losCalls = work.proposals = 0;
  beginProcess(seed, id, stepS, s);
  const pos = s.pos;
  let nextDue = proc.nearDue < proc.farNext ? proc.nearDue : proc.farNext;
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
      // between, so neither part of the process can fire there.
      const next = Math.floor(nextDue / stepS) - 1;
      m = next > m ? next : m + 1;
      continue;
    }
    positionAt(world, plan, tm, pos);
    work.steps++;
    if (pos.hidden) {
      // Unseen: every rate is 0, so far proposals in this step are all rejected.
      skipFarProposals(t0 + h, cand.farTotal);
      nextDue = proc.nearDue < proc.farNext ? proc.nearDue : proc.farNext;
      m++;
      continue;
    }
    s.stamp++;
    const wakeCap = !jumps ? Infinity : tm < plan.tBarrierS ? plan.tBarrierS : tm < plan.tCrossedS ? plan.tCrossedS : Infinity;
    examineStep(world, plan, s, t0, h, wakeCap, work);
    proc.nearDue = s.nextDueS;
    const lambda = s.exactLambda;
    // When the exact part reaches its threshold in this step; the thinned part can only win before that.
    const exactHit = lambda > 0 && (lambda === Infinity || proc.hazard + lambda * h >= proc.threshold);
    const tExact = !exactHit ? t0 + h : lambda === Infinity ? tm : t0 + (proc.threshold - proc.hazard) / lambda;
    thinnedPart(world, seed, id, s, t0, tExact);
    // Far proposals up to the near parts' detection (or the step's end).
    const tNear = thinHit.slot >= 0 ? thinHit.tS : exactHit ? tExact : t0 + h;
    farPart(world, plan, s, t0, h, tNear);
    nextDue = proc.nearDue < proc.farNext ? proc.nearDue : proc.farNext;
    if (farHit.slot >= 0 || thinHit.slot >= 0 || exactHit) {
      const pick = farHit.slot >= 0 ? farHit.slot : thinHit.slot >= 0 ? thinHit.slot : pickExact(s, lambda, proc.uPick);
      const tDetect = farHit.slot >= 0 ? farHit.tS : thinHit.slot >= 0 ? thinHit.tS : tExact;
      recordDetection(world, plan, s, pick, tDetect, out);
      break;
    }
    proc.hazard += lambda * h;
    m++;
  }
  if (counters) {
    counters.steps += work.steps;
    counters.evaluations += work.evaluations;
    counters.losCalls += work.losCalls;
    counters.proposals += work.proposals;
  }
  return out;
}

/** Sets `out` to an undetected attempt of `plan`. */
function resetOutcome(plan: AttemptPlan, out: AttemptOutcome): void {
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
}

/**
 * Draws the exact part's threshold and pick, and starts the far part: proposals at the constant rate
 * farTotal ≥ Σ their λ, from the step before the first of them can be active to the step after the
 * last can. Sets the earliest due time of the near candidates.
 */
function beginProcess(seed: number, id: number, stepS: number, s: AttemptScratch): void {
  const cand = s.cand;
  cursor.reset(seed, id, Stream.detection);
  proc.threshold = cursor.nextExp();
  proc.uPick = cursor.next();
  proc.hazard = 0;
  proc.thinNeed = -1;
  proc.thinKeyed = false;
  let nearDue = Infinity;
  for (let q = 0; q < cand.nearCount; q++) if (cand.dueS[cand.nearSlot[q]] < nearDue) nearDue = cand.dueS[cand.nearSlot[q]];
  proc.nearDue = nearDue;
  proc.farNext = Infinity;
  proc.farEnd = -Infinity;
  const farTotal = cand.farTotal;
  if (cand.farCount > 0 && farTotal > 0) {
    farCursor.reset(seed, id, Stream.farThinning);
    proc.farEnd = (Math.floor(cand.farToS / stepS) + 2) * stepS;
    proc.farNext = Math.max(0, (Math.floor(cand.farFromS / stepS) - 1) * stepS) + farCursor.nextExp() / farTotal;
    if (!(proc.farNext < proc.farEnd)) proc.farNext = Infinity;
  }
}

/** Draws (and rejects) the far proposals before `tEndS`: used where every rate is 0. */
function skipFarProposals(tEndS: number, farTotal: number): void {
  while (proc.farNext < tEndS) {
    work.proposals++;
    proc.farNext += farCursor.nextExp() / farTotal;
  }
  if (!(proc.farNext < proc.farEnd)) proc.farNext = Infinity;
}

/**
 * The thinned part in the step from t0 up to `tLimitS` (the exact part's detection, or the step's
 * end): proposals at the thinned rate, each accepted on line of sight. Sets thinHit; carries the
 * unused part of the exponential to the next step.
 */
function thinnedPart(world: World, seed: number, id: number, s: AttemptScratch, t0: number, tLimitS: number): void {
  thinHit.slot = -1;
  let thinLambda = s.thinLambda;
  let tThin = t0;
  const nThin = s.nThin;
  while (thinLambda > 0) {
    if (proc.thinNeed < 0) {
      if (!proc.thinKeyed) {
        thinCursor.reset(seed, id, Stream.thinning);
        proc.thinKeyed = true;
      }
      proc.thinNeed = thinCursor.nextExp();
    }
    const tNext = tThin + proc.thinNeed / thinLambda;
    if (!(tNext < tLimitS)) {
      proc.thinNeed -= thinLambda * (tLimitS - tThin);
      if (proc.thinNeed < 0) proc.thinNeed = 0;
      break;
    }
    // A proposal at tNext: a thinned camera drawn in proportion to its rate.
    work.proposals++;
    const goal = thinCursor.next() * thinLambda;
    let acc = 0;
    let e = -1;
    for (let i = 0; i < nThin; i++) {
      if (s.thinRate[i] <= 0) continue;
      acc += s.thinRate[i];
      e = i;
      if (acc > goal) break;
    }
    const j = s.thinSlot[e];
    work.losCalls++;
    if (slotSees(world, s.cand, j, s.pos)) {
      thinHit.slot = j;
      thinHit.tS = tNext;
      return;
    }
    // Blind this step: out of the proposal rate until the step ends; a fresh exponential follows.
    s.thinRate[e] = 0;
    thinLambda = 0;
    for (let i = 0; i < nThin; i++) thinLambda += s.thinRate[i];
    proc.thinNeed = -1;
    tThin = tNext;
  }
}

/**
 * The far part's proposals up to `tLimitS` (the near parts' detection, or the step's end): each picks
 * a far camera in proportion to its bound and is accepted with probability λ / bound, then on line
 * of sight. Sets farHit.
 */
function farPart(world: World, plan: AttemptPlan, s: AttemptScratch, t0: number, h: number, tLimitS: number): void {
  const cand = s.cand;
  const farTotal = cand.farTotal;
  farHit.slot = -1;
  farHit.tS = Infinity;
  while (proc.farNext < tLimitS) {
    work.proposals++;
    const goal = farCursor.next() * farTotal;
    let acc = 0;
    let e = 0;
    for (; e < cand.farCount - 1; e++) {
      acc += cand.farBound[e];
      if (acc > goal) break;
    }
    const j = cand.farSlot[e];
    work.evaluations++;
    const rate = rateAt(world, plan, s, j, t0, h);
    if (rate > 0 && farCursor.next() * cand.farBound[e] < rate) {
      work.losCalls++;
      if (slotSees(world, cand, j, s.pos)) {
        farHit.slot = j;
        farHit.tS = proc.farNext;
        break;
      }
    }
    proc.farNext += farCursor.nextExp() / farTotal;
  }
  if (!(proc.farNext < proc.farEnd)) proc.farNext = Infinity;
}

/**
 * Which exact-part camera fired: the one whose share of the step's rate holds uPick (ideal sensors,
 * of infinite rate, share equally).
 */
function pickExact(s: AttemptScratch, lambda: number, uPick: number): number {
  const live = s.live;
  const rates = s.rates;
  const nLive = s.nLive;
  let pick = -1;
  if (lambda === Infinity) {
    let nInf = 0;
    for (let q = 0; q < nLive; q++) if (rates[live[q]] === Infinity) nInf++;
    let target = Math.floor(uPick * nInf);
    for (let q = 0; q < nLive && pick < 0; q++) if (rates[live[q]] === Infinity && target-- === 0) pick = live[q];
    return pick;
  }
  let acc = 0;
  const goal = uPick * lambda;
  for (let q = 0; q < nLive; q++) {
    const j = live[q];
    if (rates[j] <= 0) continue;
    acc += rates[j];
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
}
