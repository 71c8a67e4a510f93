/**
 * One step of an attempt's detection loop (simulateAttempt, attempt.ts): the scratch it works in, the
 * rate of one candidate camera at a step (rateAt) and the examination of every candidate due in a
 * step (examineStep). The parts of the detection process and the thresholds that decide which camera
 * belongs to which are explained in attempt.ts.
 */
import { SENSOR_IDEAL, fieldOfViewGap, viewFraction, viewSleepS } from './cameras.ts';
import type { CandidateSet } from './candidates.ts';
import { newCandidateSet } from './candidates.ts';
import { contrastFactor } from './environment.ts';
import { lineOfSight } from './lineOfSight.ts';
import type { AttemptPlan, AttemptPosition } from './plan.ts';
import { newPlan, newPosition } from './plan.ts';
import { SEARCH_TAU_S, lnContrastRatio, pInfinityAt } from './sensors/thermal.ts';
import type { SimCounters } from './outcome.ts';
import type { World } from './world.ts';

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
  /** λ of each examined slot at the current step, 1/s: 0 unless exact part, in sight (and not dropped); Infinity for an ideal sensor that sees. */
  rates: Float64Array;
  pInf: Float64Array;
  rangeM: Float64Array;
  /** Thinned entries of the current step: slots and their proposal rates (0 once rejected). */
  thinSlot: Int32Array;
  thinRate: Float64Array;
  nThin: number;
  /**
   * Results of examining a step (examineStep): the exact part's finite λ (1/s, line of sight tested),
   * the number of ideal sensors in sight (infinite rate: they sense at the step's midpoint), the
   * thinned part's proposal rate, and the earliest due time of any slot afterwards.
   */
  exactLambda: number;
  instantCount: number;
  thinLambda: number;
  nextDueS: number;
  /** Work of the current attempt (added to the caller's counters at its end). */
  work: SimCounters;
  /** Set once a sensing event fell on an out-of-service camera: such cameras need no further look. */
  outageSeen: boolean;
  /** Set once a sensing event on a camera in service went unnoticed. */
  sensedUnnoticed: boolean;
  /** Per sensor model: ln(ΔT/(m0·NETD)) for the step numbered in lnStamp (computed on first use). */
  lnContrast: Float64Array;
  lnStamp: Float64Array;
  /** Number of the step being examined, counted over the scratch's life (so stamps never repeat). */
  stamp: number;
  /** The target's contrast ΔT at step `deltaTStamp`, K. */
  deltaT: number;
  deltaTStamp: number;
  /** Set by rateAt: the field-of-view gap (NaN when out of range) and bearing of the slot just rated. */
  gap: number;
  bearing: number;
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
    exactLambda: 0,
    instantCount: 0,
    thinLambda: 0,
    nextDueS: Infinity,
    lnContrast: new Float64Array(world.models.length),
    lnStamp: new Float64Array(world.models.length).fill(-1),
    stamp: 0,
    work: { steps: 0, evaluations: 0, losCalls: 0, proposals: 0 },
    outageSeen: false,
    sensedUnnoticed: false,
    deltaT: 0,
    deltaTStamp: -1,
    gap: NaN,
    bearing: 0,
  };
}

/** Fraction of a provable field-of-view sleep actually slept: a margin for rounding, never reached in practice. */
const SLEEP_SAFETY = 0.999;

/**
 * λ of slot j at the step [t0, t0 + h) without its line of sight (the target at s.pos, its place at
 * the midpoint tm), 1/s: 0 when out of range, out of view, with P∞ < 1e-6 or with P∞ not above the
 * slot's threshold (bounded search: the camera can detect only while P∞ > u); Infinity for an ideal
 * sensor that has it in view (its P∞ exceeds u, or it would not be a candidate). Sets s.pInf[j], s.rangeM[j], and s.gap / s.bearing for the caller's
 * sleep (s.gap NaN when out of range).
 *
 * Rates follow the midpoint rule, except a panning camera's field of view: the share of the step in
 * which the pan has the target's (midpoint) bearing in view is integrated exactly (viewFraction), since
 * a pan sweeps past a target in a few seconds — sampling it at midpoints biased the time to detection
 * at 1 s steps already.
 */
export function rateAt(world: World, plan: AttemptPlan, s: AttemptScratch, j: number, t0: number, h: number): number {
  const cams = world.cameras;
  const k = s.cand.camera[j];
  const mi = cams.model[k];
  const model = world.models[mi];
  const pos = s.pos;
  const dx = pos.x - cams.x[k];
  const dy = pos.y - cams.y[k];
  const dz = pos.zTop - cams.z[k];
  const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
  s.gap = NaN;
  if (r > model.maxRangeM[plan.threat]) return 0;
  const tAbs = plan.startTimeS + (t0 + 0.5 * h);
  const bearing = Math.atan2(dy, dx);
  const gap = fieldOfViewGap(cams, k, bearing, tAbs);
  s.gap = gap;
  s.bearing = bearing;
  s.rangeM[j] = r;
  if (model.type === SENSOR_IDEAL) {
    // Ideal sensors see at the midpoint or not at all.
    if (gap > 0 || r > model.rangeM) return 0;
    s.pInf[j] = model.pInfinity;
    return Infinity;
  }
  // A pan's share of the step is integrated; a fixed camera sees at the midpoint or not at all.
  const inView = !(cams.scanPeriodS[k] > 0) ? (gap <= 0 ? 1 : 0) : viewFraction(cams, k, bearing, plan.startTimeS + t0, h, gap);
  if (!(inView > 0)) return 0;
  const thermal = model.thermal!;
  const stamp = s.stamp;
  if (s.lnStamp[mi] !== stamp) {
    if (s.deltaTStamp !== stamp) {
      const profile = world.threats[plan.threat];
      s.deltaT = profile.deltaTK * contrastFactor(tAbs, profile.engineHeated);
      s.deltaTStamp = stamp;
    }
    s.lnContrast[mi] = lnContrastRatio(thermal, s.deltaT);
    s.lnStamp[mi] = stamp;
  }
  const p = pInfinityAt(thermal, thermal.johnson.detect, world.threats[plan.threat].criticalDimM, s.lnContrast[mi], world.sigmaPerKm, r);
  if (p < 1e-6 || !(p > s.cand.threshold[j])) return 0;
  s.pInf[j] = p;
  return (p * inView) / SEARCH_TAU_S;
}

/** Does candidate slot `j`'s camera have a line of sight to the target at `pos` (its top)? */
export function slotSees(world: World, cand: CandidateSet, j: number, pos: AttemptPosition): boolean {
  const cams = world.cameras;
  const k = cand.camera[j];
  return lineOfSight(world, cams.x[k], cams.y[k], cams.z[k], pos.x, pos.y, pos.zTop, cand.firstSegment[j], cand.lastSegment[j]);
}

/**
 * Examines every slot due in the step [t0, t0 + h) (the target at s.pos): rateAt, and line of sight
 * for the exact part. Fills s.live, s.rates (exact part), the thinned entries, s.exactLambda,
 * s.thinLambda and s.nextDueS; sets every
 * examined slot's next due time. Returns the number of evaluations. A slot is due in a step when its
 * view could reach the target before the step ends: sleeps are computed for a field of view widened
 * by how far the bearing can turn in half a step. `wakeCap`: a sleep may not pass this local time
 * (where the position jumps).
 */
export function examineStep(world: World, plan: AttemptPlan, s: AttemptScratch, t0: number, h: number, wakeCap: number, counters: SimCounters): number {
  const cams = world.cameras;
  const cand = s.cand;
  const due = cand.dueS;
  const pos = s.pos;
  const tm = t0 + 0.5 * h;
  const tEnd = t0 + h;
  const tAbs = plan.startTimeS + tm;
  const exactFromP = s.exactFromP;
  let lambda = 0;
  let thinLambda = 0;
  let nextDue = Infinity;
  let nLive = 0;
  let nThin = 0;
  let instant = 0;
  let evals = 0;
  let losCalls = 0;
  const near = cand.nearSlot;
  for (let q = 0, n = cand.nearCount; q < n; q++) {
    const j = near[q];
    const dj = due[j];
    if (dj >= tEnd) {
      if (dj < nextDue) nextDue = dj;
      continue;
    }
    if (tm > cand.activeToS[j] || (s.outageSeen && cand.inService[j] === 0)) {
      // Its active interval is over, and lies only further behind as time goes on; or it is out of
      // service and an outage already counted for this attempt, so its events can change nothing.
      due[j] = Infinity;
      continue;
    }
    s.live[nLive++] = j;
    s.rates[j] = 0;
    // Unless it turns out to be out of view, the slot is due again at the next step.
    due[j] = tm;
    nextDue = tm;
    evals++;
    const rate = rateAt(world, plan, s, j, t0, h);
    if (!(rate > 0)) {
      const gap = s.gap;
      const widen = 0.5 * h * cand.bearingRateRadPerS[j];
      if (gap > widen) {
        // Out of view for the whole step: no step before the view can first reach the target needs a look.
        const wake = tm + SLEEP_SAFETY * viewSleepS(cams, cand.camera[j], s.bearing, tAbs, gap - widen, cand.bearingRateRadPerS[j], widen);
        due[j] = wake < wakeCap ? wake : wakeCap;
      }
      continue;
    }
    if (rate !== Infinity && s.pInf[j] < exactFromP) {
      s.thinSlot[nThin] = j;
      s.thinRate[nThin++] = rate;
      thinLambda += rate;
      continue;
    }
    losCalls++;
    if (!slotSees(world, cand, j, pos)) continue;
    s.rates[j] = rate;
    if (rate === Infinity) instant++;
    else lambda += rate;
  }
  s.nLive = nLive;
  s.nThin = nThin;
  s.exactLambda = lambda;
  s.instantCount = instant;
  s.thinLambda = thinLambda;
  s.nextDueS = nextDue;
  counters.evaluations += evals;
  counters.losCalls += losCalls;
  return evals;
}
