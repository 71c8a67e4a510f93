/**
 * The analytic detection rate of the reference target at a point: the same terms as the attempt's
 * step loop (src/core/attempt.ts) — per camera within range, in view and with a line of sight, P∞ and
 * the rate λ = a·P∞/τ, a the attention share of the watch mode (watch.ts) — with one difference, by
 * design: a panning camera contributes its time-averaged rate, the instantaneous λ times its duty
 * cycle (the share of the scan period the point spends in its field of view; fov/(sector − fov) well
 * inside the scan sector, falling off at its edges; fov/360° for a full turn). Over a crossing of
 * many scan periods the simulation's exposure converges on this average; for short exposures the
 * average slightly overstates P (Jensen: 1 − E[e^(−H)] ≤ 1 − e^(−E[H])). Bounded search compares the
 * threshold u with the instantaneous P∞ (not with duty·P∞): while the camera looks, it sees the
 * target at its full P∞.
 *
 * In analytics mode an alarm needs the analytics' N50 instead of each thermal camera's detection
 * N50; the ideal sensor's P∞ is its `pInfinity` (default 1). Pure; no allocation per call except
 * the spatial query of `camerasNear`.
 */
import { P_PRUNE, SENSOR_IDEAL, wrapAngle, type Cameras } from '../core/cameras.ts';
import { lineOfSight } from '../core/lineOfSight.ts';
import { SEARCH_TAU_S, pInfinity, rangeForProbability } from '../core/sensors/thermal.ts';
import type { World } from '../core/world.ts';
import type { ReferenceTarget } from './reference.ts';
import { coverageWatch, type CoverageWatch } from './watch.ts';

export interface RateContext {
  readonly world: World;
  readonly ref: ReferenceTarget;
  /** Largest useful range of each sensor model for the reference target, metres (P∞ ≥ P_PRUNE inside). */
  readonly maxRangeM: Float64Array;
  /** Largest of maxRangeM: the search radius around a point. */
  readonly searchM: number;
  /** Availability, attention share and the alarm's N50 (watch.ts). */
  readonly watch: CoverageWatch;
  /** N50 of each thermal sensor model for an alarm: its detection N50, or the analytics' (NaN for ideal). */
  readonly n50: Float64Array;
  /** P∞ of each ideal sensor model within its range (its `pInfinity`; NaN for thermal). */
  readonly idealP: Float64Array;
}

export function createRateContext(world: World, ref: ReferenceTarget): RateContext {
  const watch = coverageWatch(world.config, world.cameras.count);
  const n50 = Float64Array.from(world.models, (m) => (m.thermal ? (watch.analyticsN50 ?? m.thermal.johnson.detect) : NaN));
  // The sensor model's own P∞ (core/cameras.ts fills in the `pInfinity` default), as the simulation reads it.
  const idealP = Float64Array.from(world.models, (m) => (m.type === SENSOR_IDEAL ? m.pInfinity : NaN));
  const maxRangeM = Float64Array.from(world.models, (m, i) =>
    m.type === SENSOR_IDEAL || !m.thermal
      ? m.rangeM
      : rangeForProbability(m.thermal, n50[i], ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, P_PRUNE, 100_000),
  );
  let searchM = 0;
  for (let i = 0; i < maxRangeM.length; i++) searchM = Math.max(searchM, maxRangeM[i]);
  return { world, ref, maxRangeM, searchM, watch, n50, idealP };
}

/**
 * Share of time a target at bearing `bearingRad` from camera k spends in its field of view: 1 or 0
 * for a staring or fixed camera; for a pan that sweeps back and forth (a triangle wave, which spends
 * equal time at every centre angle in [−A, A]) the share of centre angles within half the FOV of the
 * target, |[b − h, b + h] ∩ [−A, A]| / 2A; for a full turn, fov / 2π.
 */
export function viewDuty(c: Cameras, k: number, bearingRad: number): number {
  const half = c.halfFovRad[k];
  if (half >= Math.PI) return 1;
  const off = wrapAngle(bearingRad - c.headingRad[k]);
  const period = c.scanPeriodS[k];
  const a = c.scanHalfSectorRad[k];
  if (period <= 0 || (a <= 0 && c.fullTurn[k] === 0)) return Math.abs(off) <= half ? 1 : 0;
  if (c.fullTurn[k] === 1) return Math.min(1, half / Math.PI);
  const lo = Math.max(off - half, -a);
  const hi = Math.min(off + half, a);
  return hi > lo ? Math.min(1, (hi - lo) / (2 * a)) : 0;
}

/**
 * Instantaneous P∞ of camera k on the reference target whose top is at (x, y, zTop), on the mode's
 * N50: 0 beyond its useful range; `pInfinity` for an ideal sensor within its range. Ignores field of
 * view and line of sight.
 */
export function cameraPInf(ctx: RateContext, k: number, x: number, y: number, zTop: number): number {
  const cams = ctx.world.cameras;
  const m = cams.model[k];
  const dx = x - cams.x[k];
  const dy = y - cams.y[k];
  const dz = zTop - cams.z[k];
  const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (r > ctx.maxRangeM[m]) return 0;
  const model = ctx.world.models[m];
  if (model.type === SENSOR_IDEAL || !model.thermal) return r <= model.rangeM ? ctx.idealP[m] : 0;
  const ref = ctx.ref;
  return pInfinity(model.thermal, ctx.n50[m], ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, r);
}

/** What one camera makes of the target at one point: its P∞ there and its detection rate. */
export interface CameraLook {
  /** Instantaneous P∞ (0 when the camera cannot see the point). */
  pInf: number;
  /** Time-averaged rate a·duty·P∞/τ, 1/s (Infinity for an ideal sensor that sees the point; 0 when unseen). */
  rate: number;
}

export function newLook(): CameraLook {
  return { pInf: 0, rate: 0 };
}

/**
 * Camera k on the reference target at (x, y, zTop), line of sight aside: in range and in its view
 * (some of the time for a panning camera), P∞ and the time-averaged rate a·duty·P∞/τ; else both 0.
 * An ideal sensor detects at once (rate Infinity), as in the simulation. Returns the rate.
 */
export function cameraView(ctx: RateContext, k: number, x: number, y: number, zTop: number, out: CameraLook): number {
  out.pInf = 0;
  out.rate = 0;
  const cams = ctx.world.cameras;
  const dx = x - cams.x[k];
  const dy = y - cams.y[k];
  // Cheapest rejections first: horizontal range, then the view, then P∞.
  const maxR = ctx.maxRangeM[cams.model[k]];
  if (dx * dx + dy * dy > maxR * maxR) return 0;
  const duty = viewDuty(cams, k, Math.atan2(dy, dx));
  if (duty <= 0) return 0;
  const p = cameraPInf(ctx, k, x, y, zTop);
  // The simulation drops P∞ < 1e-6 before its sight test; so do we.
  if (p < 1e-6) return 0;
  const model = ctx.world.models[cams.model[k]];
  out.pInf = p;
  out.rate = model.type === SENSOR_IDEAL ? Infinity : (ctx.watch.attention * duty * p) / SEARCH_TAU_S;
  return out.rate;
}

/** Has camera k a line of sight to the target's top at (x, y, zTop)? (Barrier and terrain.) */
export function cameraSees(ctx: RateContext, k: number, x: number, y: number, zTop: number): boolean {
  const cams = ctx.world.cameras;
  return lineOfSight(ctx.world, cams.x[k], cams.y[k], cams.z[k], x, y, zTop);
}

/** `cameraView` and then the sight test (the costly part, last): P∞ and rate, or both 0. Returns the rate. */
export function cameraLook(ctx: RateContext, k: number, x: number, y: number, zTop: number, out: CameraLook): number {
  if (cameraView(ctx, k, x, y, zTop, out) <= 0) return 0;
  if (cameraSees(ctx, k, x, y, zTop)) return out.rate;
  out.pInf = 0;
  out.rate = 0;
  return 0;
}

/** The largest duty cycle camera k has anywhere (1 for staring and fixed cameras). */
export function maxDuty(c: Cameras, k: number): number {
  const half = c.halfFovRad[k];
  if (half >= Math.PI || c.scanPeriodS[k] <= 0) return 1;
  if (c.fullTurn[k] === 1) return Math.min(1, half / Math.PI);
  const a = c.scanHalfSectorRad[k];
  return a <= 0 ? 1 : Math.min(1, half / a);
}

/**
 * An upper bound of camera k's P∞ anywhere at horizontal distance ≥ minDistM from it: P∞ at that
 * distance (P∞ falls with range, and the 3-D range is at least the horizontal one); `pInfinity` for
 * an ideal sensor in range.
 */
export function pInfBound(ctx: RateContext, k: number, minDistM: number): number {
  const cams = ctx.world.cameras;
  const m = cams.model[k];
  if (minDistM > ctx.maxRangeM[m]) return 0;
  const model = ctx.world.models[m];
  if (model.type === SENSOR_IDEAL || !model.thermal) return minDistM <= model.rangeM ? ctx.idealP[m] : 0;
  const ref = ctx.ref;
  return pInfinity(model.thermal, ctx.n50[m], ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, Math.max(minDistM, 1e-3));
}

/**
 * An upper bound of camera k's rate anywhere at horizontal distance ≥ minDistM from it: the P∞ bound
 * times its largest duty cycle and the attention share, over τ. Infinity for an ideal sensor in range.
 */
export function rateBound(ctx: RateContext, k: number, minDistM: number): number {
  const p = pInfBound(ctx, k, minDistM);
  if (p <= 0) return 0;
  const model = ctx.world.models[ctx.world.cameras.model[k]];
  if (model.type === SENSOR_IDEAL || !model.thermal) return Infinity;
  return (ctx.watch.attention * p * maxDuty(ctx.world.cameras, k)) / SEARCH_TAU_S;
}

/**
 * An upper bound of camera k's probability of detecting a target that stays at horizontal distance
 * ≥ minDistM from it for durationS, availability included: A·p̂·(1 − e^(−λ̂·T)) with p̂, λ̂ the bounds
 * above (P_c ≤ max P∞ · (1 − e^(−∫λ)) since H(u) ≤ ∫λ and H(u) = 0 for u ≥ max P∞).
 */
export function detectBound(ctx: RateContext, k: number, minDistM: number, durationS: number): number {
  const p = pInfBound(ctx, k, minDistM);
  if (p <= 0) return 0;
  const r = rateBound(ctx, k, minDistM) * durationS;
  return ctx.watch.availability * p * (r === Infinity ? 1 : -Math.expm1(-r));
}

/** Cameras within the search radius of a rectangle (the world's spatial index). */
export function camerasNear(ctx: RateContext, minX: number, minY: number, maxX: number, maxY: number): number[] {
  const r = ctx.searchM;
  return ctx.world.cameraIndex.range(minX - r, minY - r, maxX + r, maxY + r).filter((k) => k < ctx.world.cameras.count).sort((a, b) => a - b);
}
