/**
 * One infiltration attempt (DOMAIN.md §4) and its detection by the cameras as a Poisson process
 * (DOMAIN.md §3). The plan and the position at any time live in plan.ts (re-exported here); the
 * candidate cameras and their scheduling in candidates.ts.
 *
 * Attempts do not interact, so each is simulated on its own from start to through; the run, the
 * viewer's stream and every worker or shard therefore see identical outcomes for the same (seed, id).
 */
import { SENSOR_IDEAL, fieldOfViewGap, viewFraction, viewSleepS } from './cameras.ts';
import type { CandidateSet } from './candidates.ts';
import { gatherCandidates, newCandidateSet } from './candidates.ts';
import { contrastFactor } from './environment.ts';
import { lineOfSight } from './lineOfSight.ts';
import type { AttemptPlan, AttemptPosition } from './plan.ts';
import { newPlan, newPosition, planAttempt, positionAt } from './plan.ts';
import { Stream, StreamCursor } from './rng.ts';
import { SEARCH_TAU_S, lnContrastRatio, pInfinityAt } from './sensors/thermal.ts';
import type { World } from './world.ts';

export type { AttemptPlan, AttemptPosition } from './plan.ts';
export { newPlan, newPosition, planAttempt, positionAt } from './plan.ts';

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

/**
 * Thermal cameras whose P∞ at a step is at least this have their line of sight tested at every step
 * they have the target in view (the *exact* part of the detection process); the others are simulated
 * by thinning, which tests a line of sight only when a camera is proposed (see simulateAttempt).
 * Infinity (the default): every thermal camera is thinned; ideal sensors are always exact. 0: every
 * camera is exact, the straightforward reference the tests compare with. Any value gives the same
 * distribution of outcomes; thinning costs a few line-of-sight tests per attempt instead of hundreds,
 * since most tests are of far cameras of the long TTPF tail (a mid-range 640 gives a person P∞ ≈ 1 %
 * at 10 km and 1e-4 at 25 km) along long, grazing, mostly blocked sight lines.
 */
export const EXACT_FROM_P = Infinity;

/** Scratch reused across attempts: the candidate cameras and what each was found to be at the current step. */
export interface AttemptScratch {
  plan: AttemptPlan;
  pos: AttemptPosition;
  /** P∞ from which a camera is in the exact part (EXACT_FROM_P unless a caller chose otherwise). */
  exactFromP: number;
  cand: CandidateSet;
  /** Slots examined at the current step, in slot order; `rates`, `pInf`, `rangeM` are indexed by slot. */
  live: Int32Array;
  nLive: number;
  /** λ of each examined slot at the current step, 1/s: 0 unless exact part and in sight; Infinity for an ideal sensor that sees. */
  rates: Float64Array;
  pInf: Float64Array;
  rangeM: Float64Array;
  /** Thinned entries of the current step: slots and their proposal rates (0 once rejected). */
  thinSlot: Int32Array;
  thinRate: Float64Array;
  nThin: number;
  /** Results of examining a step: [exact λ, thinned λ, earliest due time of any slot afterwards]. */
  sums: Float64Array;
  /** Per sensor model: ln(ΔT/(m0·NETD)) for the step numbered in lnStamp (computed on first use). */
  lnContrast: Float64Array;
  lnStamp: Float64Array;
  /** Number of the step being examined, counted over the scratch's life (so stamps never repeat). */
  stamp: number;
}

export function newScratch(world: World, exactFromP = EXACT_FROM_P): AttemptScratch {
  const n = Math.max(world.cameras.count, 1);
  return {
    plan: newPlan(),
    pos: newPosition(),
    exactFromP,
    cand: newCandidateSet(n),
    live: new Int32Array(n),
    nLive: 0,
    rates: new Float64Array(n),
    pInf: new Float64Array(n),
    rangeM: new Float64Array(n),
    thinSlot: new Int32Array(n),
    thinRate: new Float64Array(n),
    nThin: 0,
    sums: new Float64Array(3),
    lnContrast: new Float64Array(world.models.length),
    lnStamp: new Float64Array(world.models.length).fill(-1),
    stamp: 0,
  };
}

/** Fraction of a provable field-of-view sleep actually slept: a margin for rounding, never reached in practice. */
const SLEEP_SAFETY = 0.999;

/**
 * Examines every slot due in the step [t0, t0 + h) (the target at s.pos, its place at the midpoint
 * tm): range, field of view, P∞, and line of sight for the exact part. Fills s.live, s.rates (exact
 * part), the thinned entries and s.sums; sets every examined slot's next due time. Returns the number
 * of evaluations. `wakeCap`: a field-of-view sleep may not pass this local time (where the position
 * jumps).
 *
 * Rates follow the midpoint rule, except a panning camera's field of view: the share of the step in
 * which the pan has the target's (midpoint) bearing in view is integrated exactly (viewFraction), since
 * a pan sweeps past a target in a few seconds — sampling it at midpoints biased the time to detection
 * at 1 s steps already. A slot is due in a step when its view could reach the target before the step
 * ends: sleeps are computed for a field of view widened by how far the bearing can turn in half a step.
 */
function examineStep(world: World, plan: AttemptPlan, s: AttemptScratch, t0: number, h: number, wakeCap: number, counters: Float64Array): number {
  const cams = world.cameras;
  const models = world.models;
  const profile = world.threats[plan.threat];
  const cand = s.cand;
  const due = cand.dueS;
  const pos = s.pos;
  const tm = t0 + 0.5 * h;
  const tEnd = t0 + h;
  const tAbs = plan.startTimeS + tm;
  const stamp = ++s.stamp;
  const exactFromP = s.exactFromP;
  let deltaT = NaN;
  let lambda = 0;
  let thinLambda = 0;
  let nextDue = Infinity;
  let nLive = 0;
  let nThin = 0;
  let evals = 0;
  let losCalls = 0;
  for (let j = 0, n = cand.count; j < n; j++) {
    const dj = due[j];
    if (dj >= tEnd) {
      if (dj < nextDue) nextDue = dj;
      continue;
    }
    if (tm > cand.activeToS[j]) {
      // Its active interval is over, and lies only further behind as time goes on.
      due[j] = Infinity;
      continue;
    }
    s.live[nLive++] = j;
    s.rates[j] = 0;
    // Unless it turns out to be out of view, the slot is due again at the next step.
    due[j] = tm;
    nextDue = tm;
    const k = cand.camera[j];
    const mi = cams.model[k];
    const model = models[mi];
    const dx = pos.x - cams.x[k];
    const dy = pos.y - cams.y[k];
    const dz = pos.zTop - cams.z[k];
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
    evals++;
    if (r > model.maxRangeM[plan.threat]) continue;
    const bearing = Math.atan2(dy, dx);
    const gap = fieldOfViewGap(cams, k, bearing, tAbs);
    const ideal = model.type === SENSOR_IDEAL;
    // A pan's share of the step is integrated; ideal sensors and fixed cameras see at the midpoint or not at all.
    const inView = ideal || !(cams.scanPeriodS[k] > 0) ? (gap <= 0 ? 1 : 0) : viewFraction(cams, k, bearing, plan.startTimeS + t0, h, gap);
    if (!(inView > 0)) {
      // Out of view for the whole step: no step before the view can first reach the target needs a look.
      const widen = 0.5 * h * cand.bearingRateRadPerS[j];
      if (gap > widen) {
        const wake = tm + SLEEP_SAFETY * viewSleepS(cams, k, bearing, tAbs, gap - widen, cand.bearingRateRadPerS[j], widen);
        due[j] = wake < wakeCap ? wake : wakeCap;
      }
      continue;
    }
    let rate: number;
    let p: number;
    if (ideal) {
      if (r > model.rangeM) continue;
      p = 1;
      rate = Infinity;
    } else {
      const thermal = model.thermal!;
      if (s.lnStamp[mi] !== stamp) {
        if (deltaT !== deltaT) deltaT = profile.deltaTK * contrastFactor(tAbs, profile.engineHeated);
        s.lnContrast[mi] = lnContrastRatio(thermal, deltaT);
        s.lnStamp[mi] = stamp;
      }
      p = pInfinityAt(thermal, thermal.johnson.detect, profile.criticalDimM, s.lnContrast[mi], world.sigmaPerKm, r);
      if (p < 1e-6) continue;
      rate = (p * inView) / SEARCH_TAU_S;
    }
    s.pInf[j] = p;
    s.rangeM[j] = r;
    if (p < exactFromP) {
      s.thinSlot[nThin] = j;
      s.thinRate[nThin++] = rate;
      thinLambda += rate;
      continue;
    }
    losCalls++;
    if (!lineOfSight(world, cams.x[k], cams.y[k], cams.z[k], pos.x, pos.y, pos.zTop, cand.firstSegment[j], cand.lastSegment[j])) continue;
    s.rates[j] = rate;
    lambda += rate;
  }
  s.nLive = nLive;
  s.nThin = nThin;
  s.sums[0] = lambda;
  s.sums[1] = thinLambda;
  s.sums[2] = nextDue;
  counters[1] += evals;
  counters[2] += losCalls;
  return evals;
}

const cursor = new StreamCursor();
const thinCursor = new StreamCursor();
/** Work counted in the hot loop: steps, evaluations, line-of-sight tests, thinning proposals. */
const work = new Float64Array(4);

/**
 * Simulates attempt `id` until it is through, stopping at its first detection (later detections change
 * no statistic). Detection is a Poisson process of rate Σλ_c, λ_c = P∞,c / τ over the cameras that
 * have the target in view and in line of sight, each rate held at its value at the step's midpoint
 * (midpoint rule) on the grid k·stepS of local time.
 *
 * The process is the superposition of two independent parts (exact: a sum of independent Poisson
 * processes is the Poisson process of the summed rate, and its first event comes from each part in
 * proportion to its rate):
 * - the *exact* part, ideal sensors and cameras with P∞ ≥ s.exactFromP: line of sight is tested for
 *   each of them in view at every step; one exponential threshold E is drawn and the attempt is
 *   detected when the integrated rate reaches it, at the time interpolated inside the step; the
 *   detecting camera is drawn in proportion to its λ.
 * - the *thinned* part, the other cameras with P∞ > 0 (by default every thermal camera), simulated by
 *   thinning (Lewis and Shedler 1979): proposals arrive at the part's total rate as if every camera in
 *   view saw the target; a proposal picks one in proportion to its λ and is accepted when that camera
 *   has line of sight at the step; a rejected camera is dropped from the step's proposal rate (it is
 *   known to be blind for the step) and a fresh exponential drawn. Line of sight is tested once per
 *   proposal — a few times per attempt instead of at every step for every camera in view.
 * The detection time and camera have exactly the distribution of testing every camera at every step
 * (with s.exactFromP = 0 that is what happens); only which random numbers decide a given attempt
 * differs. Both parts draw from streams keyed by (seed, id), so common random numbers still couple
 * sweep points: where deployments differ a little, so do the proposal sequences.
 *
 * Work skipped without changing any result: steps before any camera's active interval and after the
 * last one's; cameras not yet due (candidates.ts): a camera out of its field of view by an angle g
 * sleeps g / (scan rate + v/ρ), the least time in which that angle can close (ρ: its distance to the
 * path's line), ending early at the wall where the position jumps; steps in which no camera is due
 * (rates are 0 there, so neither part can fire); contrast and its log, once per step and model.
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
  const nCand = gatherCandidates(world, plan, cand);

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
  let nextDue = Infinity;
  for (let j = 0; j < nCand; j++) if (cand.dueS[j] < nextDue) nextDue = cand.dueS[j];
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
      m++;
      continue;
    }
    const wakeCap = !jumps ? Infinity : tm < plan.tBarrierS ? plan.tBarrierS : tm < plan.tCrossedS ? plan.tCrossedS : Infinity;
    examineStep(world, plan, s, t0, h, wakeCap, work);
    const lambda = s.sums[0];
    let thinLambda = s.sums[1];
    nextDue = s.sums[2];
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
      const k = cand.camera[j];
      work[2]++;
      if (lineOfSight(world, cams.x[k], cams.y[k], cams.z[k], pos.x, pos.y, pos.zTop, cand.firstSegment[j], cand.lastSegment[j])) {
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
    if (thinPick >= 0 || exactHit) {
      let pick = thinPick;
      const tDetect = thinPick >= 0 ? tThin : tExact;
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
