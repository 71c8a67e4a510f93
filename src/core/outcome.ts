/**
 * What one attempt's simulation yields (attempt.ts): the outcome record, the codes of the link that
 * lost a missed attempt, and the work counters of the benchmarks.
 */

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
