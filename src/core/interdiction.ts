/**
 * Interdiction (docs/model.md §7; Garcia's EASI, Sandia): a detection only matters if a response
 * arrives before the intruder is through. A response leaves the tower nearest to the detection point
 * after a fixed dispatch delay and travels at a speed, so it needs T_R = delayS + distance / speedMps;
 * the detection is timely — the attempt is interrupted — when the intruder's remaining time to be
 * through exceeds T_R. P(interruption) is reported beside P(detection).
 *
 * Decided from an attempt's rounded row (attemptRow.ts: detection time and point, through time), so a
 * merge reading the rows back, a worker thread and the viewer all get exactly the same answer.
 */
import KDBush from 'kdbush';
import type { ConfigSpec, ResponseSpec } from './spec.ts';
import type { World } from './world.ts';

/**
 * The response assumed when a config has no `response:` block (an assumption, listed in the README):
 * five minutes to dispatch, then a patrol vehicle at 10 m/s (36 km/h) on the border road.
 */
export const DEFAULT_RESPONSE: Readonly<ResponseSpec> = Object.freeze({ delayS: 300, speedMps: 10 });

/** The response as summaries state it: its numbers and whether they came from the config. */
export interface ResponseInfo {
  delayS: number;
  speedMps: number;
  /** Whether the numbers came from the config or are DEFAULT_RESPONSE. */
  source: 'config' | 'default';
}

export interface ResponseModel extends ResponseInfo {
  /** Where responses start: the towers' feet, metres (the world's towers). */
  towerX: Float64Array;
  towerY: Float64Array;
  /** Spatial index over the towers' feet (null without towers): the nearest one in O(log n). */
  towerIndex: KDBush | null;
  /** First search radius for the nearest tower, metres: the mean gap between consecutive towers. */
  searchM: number;
}

/** The response of a config: its own, or the default. Needs no world (summaries, sweep headers). */
export function responseInfo(config: Pick<ConfigSpec, 'response'>): ResponseInfo {
  const spec = config.response ?? DEFAULT_RESPONSE;
  return { delayS: spec.delayS, speedMps: spec.speedMps, source: config.response ? 'config' : 'default' };
}

const models = new WeakMap<World, ResponseModel>();

/** The response of a world, starting from the world's own towers (built once per world). */
export function responseModel(world: World): ResponseModel {
  let m = models.get(world);
  if (m) return m;
  const towers = world.towers;
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
  m = { ...responseInfo(world.config), towerX: towers.x, towerY: towers.y, towerIndex, searchM };
  models.set(world, m);
  return m;
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
  // every tower per detected attempt made long frontiers cost O(attempts × towers)).
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
