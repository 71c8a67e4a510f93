/**
 * Interdiction (DOMAIN.md §7; Garcia's EASI, Sandia): a detection only matters if a response arrives
 * before the intruder is through. A response leaves the tower nearest to the detection point after a
 * fixed dispatch delay and travels at a speed, so it needs T_R = delayS + distance / speedMps; the
 * detection is timely — the attempt is interrupted — when the intruder's remaining time to be through
 * exceeds T_R. P(interruption) is reported beside P(detection).
 *
 * Computed from the rounded attempts.csv fields (detection time and point, through time), so a merge
 * recomputing it from the rows gets exactly the unsharded numbers.
 */
import KDBush from 'kdbush';
import { resolveBorder } from '../core/world.ts';
import { placeTowers } from '../core/towers.ts';
import type { ResponseSpec } from '../core/spec.ts';
import { wilson } from '../core/metrics.ts';
import type { WorldJob } from '../world/job.ts';
import { worldInputsOf } from '../world/job.ts';

/**
 * The response assumed when a config has no `response:` block (an assumption, listed in the README):
 * five minutes to dispatch, then a patrol vehicle at 10 m/s (36 km/h) on the border road.
 */
export const DEFAULT_RESPONSE: Readonly<ResponseSpec> = Object.freeze({ delayS: 300, speedMps: 10 });

export interface ResponseModel {
  delayS: number;
  speedMps: number;
  /** Whether the numbers came from the config or are DEFAULT_RESPONSE. */
  source: 'config' | 'default';
  /** Where responses start: the towers' feet, metres. */
  towerX: Float64Array;
  towerY: Float64Array;
  /** Spatial index over the towers' feet (null without towers): the nearest one in O(log n). */
  towerIndex: KDBush | null;
  /** First search radius for the nearest tower, metres: the mean gap between consecutive towers. */
  searchM: number;
}

/** The response of a job: its config's, or the default; towers placed as the world places them. */
export function responseModel(job: WorldJob): ResponseModel {
  const spec = job.config.response ?? DEFAULT_RESPONSE;
  const border = resolveBorder(job.scene, worldInputsOf(job));
  const towers = placeTowers(job.config.towers, border, () => 0);
  let towerIndex: KDBush | null = null;
  let gaps = 0;
  if (towers.count > 0) {
    towerIndex = new KDBush(towers.count);
    for (let i = 0; i < towers.count; i++) {
      towerIndex.add(towers.x[i], towers.y[i]);
      if (i > 0) gaps += Math.hypot(towers.x[i] - towers.x[i - 1], towers.y[i] - towers.y[i - 1]);
    }
    towerIndex.finish();
  }
  const searchM = Math.max(100, towers.count > 1 ? gaps / (towers.count - 1) : 1000);
  return { delayS: spec.delayS, speedMps: spec.speedMps, source: job.config.response ? 'config' : 'default', towerX: towers.x, towerY: towers.y, towerIndex, searchM };
}

/** The part of a row interdiction reads. */
export interface DetectionFacts {
  detected: boolean;
  firstDetectTimeS: number | null;
  firstDetectX: number | null;
  firstDetectY: number | null;
  throughTimeS: number;
}

/** Response time to a point: the dispatch delay plus the trip from the nearest tower, seconds. */
export function responseTimeS(m: ResponseModel, x: number, y: number): number {
  let best = Infinity;
  // The towers within a radius, doubled until there are some: the nearest is among them (a scan of
  // every tower per detected attempt made long frontiers cost O(attempts × towers) on the main thread).
  for (let r = m.searchM; m.towerIndex && best === Infinity; r *= 2) {
    const ids = m.towerIndex.within(x, y, r);
    for (let j = 0; j < ids.length; j++) best = Math.min(best, Math.hypot(x - m.towerX[ids[j]], y - m.towerY[ids[j]]));
  }
  return m.delayS + best / m.speedMps;
}

/** Was the attempt interrupted: detected, with more time left to be through than the response needs? */
export function isInterrupted(m: ResponseModel, r: DetectionFacts): boolean {
  if (!r.detected || r.firstDetectTimeS === null || r.firstDetectX === null || r.firstDetectY === null) return false;
  return r.throughTimeS - r.firstDetectTimeS > responseTimeS(m, r.firstDetectX, r.firstDetectY);
}

/** The summary's interdiction fields. */
export interface InterdictionStats {
  response: { delayS: number; speedMps: number; source: 'config' | 'default' };
  interrupted: number;
  interruptionRate: number;
  interruptionRateCI95: [number, number];
}

export function interdictionStats(m: Pick<ResponseModel, 'delayS' | 'speedMps' | 'source'>, interrupted: number, attempts: number): InterdictionStats {
  return {
    response: { delayS: m.delayS, speedMps: m.speedMps, source: m.source },
    interrupted,
    interruptionRate: attempts > 0 ? interrupted / attempts : 0,
    interruptionRateCI95: wilson(interrupted, attempts),
  };
}
