/**
 * The detection chain after sensing (docs/model.md §8): which cameras are in service on an attempt's
 * day, and how much attention a watching operator gives a feed. The simulation (attempt.ts) thins the
 * one *sensing* process of the bounded search by these links, so a missed attempt knows which link
 * lost it.
 *
 * Randomness is counter-based (rng.ts): attempt i's day is drawn from its own stream keyed by
 * (seed, i), and camera k's service on day d from the stream keyed by (seed, d) at counter k. Every
 * attempt of a day therefore sees the same outage map, whatever the worker, shard or sweep point.
 */
import { Stream, streamKey, uniformAt } from './rng.ts';
import type { ConfigSpec, WatchMode } from './spec.ts';

/**
 * Defaults of the chain; every one is an assumption unless cited (docs/model.md §8):
 * - availability 0.95 per camera-day (public reporting in 2024 put about 30 % of one border's tower
 *   cameras out of service; 0.95 is a well-maintained system, 0.7 a stressed one);
 * - 30 days of outage maps (a month);
 * - operators: one per FEEDS_PER_OPERATOR cameras, rounded up (K = 8 feeds each);
 * - assessS 30 s, maxWaitS 300 s, analytics N50 1.5 cycles (twice the makers' visual criterion:
 *   algorithms need more pixels on target), 0.5 nuisance alarms per camera-hour.
 */
export const CHAIN_DEFAULTS = Object.freeze({
  availability: 0.95,
  days: 30,
  mode: 'operators' as WatchMode,
  assessS: 30,
  maxWaitS: 300,
  analyticsN50: 1.5,
  nuisancePerCameraHour: 0.5,
});

/** Feeds per operator behind the default operator count. */
export const FEEDS_PER_OPERATOR = 8;

/** Default people on shift for `cameraCount` cameras: enough for FEEDS_PER_OPERATOR feeds each, at least one. */
export function defaultOperators(cameraCount: number): number {
  return Math.max(1, Math.ceil(cameraCount / FEEDS_PER_OPERATOR));
}

/**
 * Attention share of one feed when an operator watches K of them: a(K) = 1 / (1 + 0.19·(K − 1)).
 * It reproduces the shape of the UK Home Office PSDB monitor study (events detected on screen: 85 %
 * with 1 monitor, 74 % with 4, 58 % with 6, 53 % with 9) for a fixed exposure. K below 1 counts as 1.
 */
export function attentionShare(feedsPerOperator: number): number {
  const k = feedsPerOperator > 1 ? feedsPerOperator : 1;
  return 1 / (1 + 0.19 * (k - 1));
}

export const WATCH_OPERATORS = 0;
export const WATCH_ANALYTICS = 1;
export const WATCH_IDEAL = 2;

/** The chain as the simulation reads it, every default filled in. */
export interface DetectionChain {
  mode: WatchMode;
  /** WATCH_OPERATORS, WATCH_ANALYTICS or WATCH_IDEAL. */
  modeCode: number;
  availability: number;
  days: number;
  operators: number;
  assessS: number;
  maxWaitS: number;
  analyticsN50: number;
  nuisancePerCameraHour: number;
}

/** A chain value and whether the config gave it or it is the default (an assumption). */
export interface Sourced<T> {
  value: T;
  source: 'config' | 'default';
}

/** The chain's values with their sources, for summary.json and the CLI summary. */
export interface ChainAssumptions {
  availability: Sourced<number>;
  days: Sourced<number>;
  mode: Sourced<WatchMode>;
  operators: Sourced<number>;
  assessS: Sourced<number>;
  maxWaitS: Sourced<number>;
  analyticsN50: Sourced<number>;
  nuisancePerCameraHour: Sourced<number>;
}

function sourced<T>(given: T | undefined, fallback: T): Sourced<T> {
  return given === undefined ? { value: fallback, source: 'default' } : { value: given, source: 'config' };
}

/** The chain of a config deploying `cameraCount` cameras, each value with its source. */
export function chainAssumptions(config: ConfigSpec, cameraCount: number): ChainAssumptions {
  const w = config.watch ?? {};
  return {
    availability: sourced(config.availability, CHAIN_DEFAULTS.availability),
    days: sourced(config.run.days, CHAIN_DEFAULTS.days),
    mode: sourced(w.mode, CHAIN_DEFAULTS.mode),
    operators: sourced(w.operators, defaultOperators(cameraCount)),
    assessS: sourced(w.assessS, CHAIN_DEFAULTS.assessS),
    maxWaitS: sourced(w.maxWaitS, CHAIN_DEFAULTS.maxWaitS),
    analyticsN50: sourced(w.analytics?.n50, CHAIN_DEFAULTS.analyticsN50),
    nuisancePerCameraHour: sourced(w.analytics?.nuisancePerCameraHour, CHAIN_DEFAULTS.nuisancePerCameraHour),
  };
}

/** The chain of a config deploying `cameraCount` cameras, defaults filled in. */
export function detectionChain(config: ConfigSpec, cameraCount: number): DetectionChain {
  const a = chainAssumptions(config, cameraCount);
  const mode = a.mode.value;
  return {
    mode,
    modeCode: mode === 'analytics' ? WATCH_ANALYTICS : mode === 'ideal' ? WATCH_IDEAL : WATCH_OPERATORS,
    availability: a.availability.value,
    days: a.days.value,
    operators: a.operators.value,
    assessS: a.assessS.value,
    maxWaitS: a.maxWaitS.value,
    analyticsN50: a.analyticsN50.value,
    nuisancePerCameraHour: a.nuisancePerCameraHour.value,
  };
}

/** Attempt `id`'s day, 0 … days − 1: uniform, from the attempt's own stream. */
export function attemptDay(seed: number, id: number, days: number): number {
  const d = Math.floor(uniformAt(streamKey(seed, id, Stream.day), 0) * days);
  return d < days ? d : days - 1;
}

/** The stream key of day `day`'s outage map: camera k is in service when uniformAt(key, k) < availability. */
export function outageKey(seed: number, day: number): number {
  return streamKey(seed, day, Stream.availability);
}

/** Is camera k in service on the day of `key` (outageKey)? */
export function inService(key: number, k: number, availability: number): boolean {
  return uniformAt(key, k) < availability;
}

/** Cameras in service per day, per (chain, seed, camera count): each day counted once, on first need. */
const inServiceCache = new WeakMap<DetectionChain, { seed: number; cameras: number; counts: Map<number, number> }>();

/** The number of cameras (of `cameras`) in service on `day`. */
export function camerasInService(chain: DetectionChain, seed: number, cameras: number, day: number): number {
  let c = inServiceCache.get(chain);
  if (!c || c.seed !== seed || c.cameras !== cameras) inServiceCache.set(chain, (c = { seed, cameras, counts: new Map() }));
  let n = c.counts.get(day);
  if (n === undefined) {
    const key = outageKey(seed, day);
    n = 0;
    for (let k = 0; k < cameras; k++) if (inService(key, k, chain.availability)) n++;
    c.counts.set(day, n);
  }
  return n;
}

/**
 * Probability that a sensing event on an in-service camera is noticed on `day`: in operators mode the
 * attention share a(K), K = cameras in service that day / operators; 1 in the analytics and ideal
 * modes (an alarm needs no one's gaze to be raised).
 */
export function noticeProbability(chain: DetectionChain, seed: number, cameras: number, day: number): number {
  if (chain.modeCode !== WATCH_OPERATORS) return 1;
  return attentionShare(camerasInService(chain, seed, cameras, day) / chain.operators);
}
