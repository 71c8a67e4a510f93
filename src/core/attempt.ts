/**
 * One infiltration attempt (DOMAIN.md §4) and its detection by the cameras as a Poisson process
 * (DOMAIN.md §3). The plan and the position at any time live in plan.ts (re-exported here); the
 * candidate cameras and their scheduling in candidates.ts.
 *
 * Attempts do not interact, so each is simulated on its own from start to through; the run, the
 * viewer's stream and every worker or shard therefore see identical outcomes for the same (seed, id).
 */
import { gatherCandidates } from './candidates.ts';
import type { AttemptScratch } from './examine.ts';
import { examineStep, rateAt, slotSees } from './examine.ts';
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

const cursor = new StreamCursor();
const thinCursor = new StreamCursor();
const farCursor = new StreamCursor();
/** Work counted in the hot loop: steps, evaluations, line-of-sight tests, thinning proposals. */
const work = new Float64Array(4);

/**
 * Simulates attempt `id` until it is through, stopping at its first detection (later detections change
 * no statistic). Detection is a Poisson process of rate Σλ_c, λ_c = P∞,c / τ over the cameras that
 * have the target in view and in line of sight, each rate held at its value at the step's midpoint
 * (midpoint rule) on the grid k·stepS of local time.
 *
 * The process is the superposition of three independent parts (exact: a sum of independent Poisson
 * processes is the Poisson process of the summed rate, and its first event comes from each part in
 * proportion to its rate); each draws from its own stream keyed by (seed, id):
 * - the *exact* part, ideal sensors and cameras with P∞ ≥ s.exactFromP: line of sight is tested for
 *   each of them in view at every step; one exponential threshold E is drawn and the attempt is
 *   detected when the integrated rate reaches it, at the time interpolated inside the step; the
 *   detecting camera is drawn in proportion to its λ.
 * - the *thinned* part, the other scheduled cameras with P∞ > 0 (by default every near thermal
 *   camera), by thinning (Lewis and Shedler 1979): proposals arrive at the part's total rate as if
 *   every camera in view saw the target; a proposal picks one in proportion to its λ and is accepted
 *   when that camera has line of sight at the step; a rejected camera is dropped from the step's
 *   proposal rate (it is known to be blind for the step) and a fresh exponential drawn. Line of sight
 *   is tested once per proposal — a few times per attempt instead of at every step for every camera
 *   in view.
 * - the *far* part, cameras whose P∞ cannot reach s.farBelowP on this path (candidates.ts): thinning
 *   against a constant bound — proposals at the sum of their bounds, each picks a far camera in
 *   proportion to its bound and is accepted with probability λ / bound (λ evaluated at that step) and
 *   then on line of sight. These cameras are never examined otherwise.
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
export function simulateAttempt(
  world: World,
  seed: number,
  id: number,
  stepS: number,
  s: AttemptScratch,
  out: AttemptOutcome,
  counters?: SimCounters,
): AttemptOutcome {
  const plan = planAttempt(world, seed, id, s.plan);
  const cams = world.cameras;
  const cand = s.cand;
  const nCand = gatherCandidates(world, plan, cand, s.farBelowP);

  out.id = id;
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
  if (nCand === 0) return out;

  cursor.reset(seed, id, Stream.detection);
  const threshold = cursor.nextExp();
  const uPick = cursor.next();
  // The thinned part's remaining exponential (< 0: none drawn); its stream is keyed on first use only.
  let thinNeed = -1;
  let thinKeyed = false;
  const pos = s.pos;
  const live = s.live;
  const rates = s.rates;
  work.fill(0);
  let hazard = 0;
  let nearDue = Infinity;
  for (let q = 0; q < cand.nearCount; q++) if (cand.dueS[cand.nearSlot[q]] < nearDue) nearDue = cand.dueS[cand.nearSlot[q]];
  // The far cameras' part: proposals at the constant rate farTotal ≥ Σ their λ, from the step before
  // the first of them can be active to the step after the last can; an accepted one detects.
  const farTotal = cand.farTotal;
  let farNext = Infinity;
  let farEnd = -Infinity;
  if (cand.farCount > 0 && farTotal > 0) {
    farCursor.reset(seed, id, Stream.farThinning);
    farEnd = (Math.floor(cand.farToS / stepS) + 2) * stepS;
    farNext = Math.max(0, (Math.floor(cand.farFromS / stepS) - 1) * stepS) + farCursor.nextExp() / farTotal;
    if (!(farNext < farEnd)) farNext = Infinity;
  }
  let nextDue = nearDue < farNext ? nearDue : farNext;
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
    work[0]++;
    if (pos.hidden) {
      // Unseen: every rate is 0, so far proposals in this step are all rejected.
      while (farNext < t0 + h) {
        work[3]++;
        farNext += farCursor.nextExp() / farTotal;
      }
      if (!(farNext < farEnd)) farNext = Infinity;
      nextDue = nearDue < farNext ? nearDue : farNext;
      m++;
      continue;
    }
    s.stamp++;
    const wakeCap = !jumps ? Infinity : tm < plan.tBarrierS ? plan.tBarrierS : tm < plan.tCrossedS ? plan.tCrossedS : Infinity;
    examineStep(world, plan, s, t0, h, wakeCap, work);
    const lambda = s.sums[0];
    let thinLambda = s.sums[1];
    nearDue = s.sums[2];
    const nLive = s.nLive;
    const nThin = s.nThin;
    // When the exact part reaches its threshold in this step; the thinned part can only win before that.
    const exactHit = lambda > 0 && (lambda === Infinity || hazard + lambda * h >= threshold);
    const tExact = !exactHit ? t0 + h : lambda === Infinity ? tm : t0 + (threshold - hazard) / lambda;
    let thinPick = -1;
    let tThin = t0;
    while (thinLambda > 0) {
      if (thinNeed < 0) {
        if (!thinKeyed) {
          thinCursor.reset(seed, id, Stream.thinning);
          thinKeyed = true;
        }
        thinNeed = thinCursor.nextExp();
      }
      const tNext = tThin + thinNeed / thinLambda;
      if (!(tNext < tExact)) {
        thinNeed -= thinLambda * (tExact - tThin);
        if (thinNeed < 0) thinNeed = 0;
        break;
      }
      // A proposal at tNext: a thinned camera drawn in proportion to its rate.
      work[3]++;
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
      work[2]++;
      if (slotSees(world, cand, j, pos)) {
        thinPick = j;
        tThin = tNext;
        break;
      }
      // Blind this step: out of the proposal rate until the step ends; a fresh exponential follows.
      s.thinRate[e] = 0;
      thinLambda = 0;
      for (let i = 0; i < nThin; i++) thinLambda += s.thinRate[i];
      thinNeed = -1;
      tThin = tNext;
    }
    // Far proposals up to the near parts' detection (or the step's end): each picks a far camera in
    // proportion to its bound and is accepted with probability λ / bound, then on line of sight.
    const tNear = thinPick >= 0 ? tThin : exactHit ? tExact : t0 + h;
    let farPick = -1;
    let tFar = Infinity;
    while (farNext < tNear) {
      work[3]++;
      const goal = farCursor.next() * farTotal;
      let acc = 0;
      let e = 0;
      for (; e < cand.farCount - 1; e++) {
        acc += cand.farBound[e];
        if (acc > goal) break;
      }
      const j = cand.farSlot[e];
      work[1]++;
      const rate = rateAt(world, plan, s, j, t0, h);
      if (rate > 0 && farCursor.next() * cand.farBound[e] < rate) {
        work[2]++;
        if (slotSees(world, cand, j, pos)) {
          farPick = j;
          tFar = farNext;
          break;
        }
      }
      farNext += farCursor.nextExp() / farTotal;
    }
    if (!(farNext < farEnd)) farNext = Infinity;
    nextDue = nearDue < farNext ? nearDue : farNext;
    if (farPick >= 0 || thinPick >= 0 || exactHit) {
      let pick = farPick >= 0 ? farPick : thinPick;
      const tDetect = farPick >= 0 ? tFar : thinPick >= 0 ? tThin : tExact;
      if (pick < 0) {
        // Which exact camera fired: the one whose share of the rate holds uPick (ideal sensors share equally).
        if (lambda === Infinity) {
          let nInf = 0;
          for (let q = 0; q < nLive; q++) if (rates[live[q]] === Infinity) nInf++;
          let target = Math.floor(uPick * nInf);
          for (let q = 0; q < nLive && pick < 0; q++) if (rates[live[q]] === Infinity && target-- === 0) pick = live[q];
        } else {
          let acc = 0;
          const goal = uPick * lambda;
          for (let q = 0; q < nLive; q++) {
            const j = live[q];
            if (rates[j] <= 0) continue;
            acc += rates[j];
            pick = j;
            if (acc > goal) break;
          }
        }
      }
      const k = cand.camera[pick];
      positionAt(world, plan, tDetect, pos);
      out.detected = true;
      out.detectTimeS = tDetect;
      out.camera = k;
      out.tower = cams.tower[k];
      out.rangeM = s.rangeM[pick];
      out.p = s.pInf[pick];
      out.x = pos.x;
      out.y = pos.y;
      out.beforeBarrier = tDetect < plan.tBarrierS;
      break;
    }
    hazard += lambda * h;
    m++;
  }
  if (counters) {
    counters.steps += work[0];
    counters.evaluations += work[1];
    counters.losCalls += work[2];
    counters.proposals += work[3];
  }
  return out;
}
