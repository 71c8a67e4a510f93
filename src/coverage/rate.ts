/**
 * The analytic detection rate of the reference target at a point: the same terms as the attempt's
 * step loop (src/core/attempt.ts) — λ = Σ P∞/τ over the cameras within range, in view and with a line
 * of sight — with one difference, by design: a panning camera contributes its time-averaged rate, the
 * instantaneous λ times its duty cycle (the share of the scan period the point spends in its field of
 * view; fov/(sector − fov) well inside the scan sector, falling off at its edges; fov/360° for a full
 * turn). Over a crossing of many scan periods the simulation's exposure converges on this average;
 * for short exposures the average slightly overstates P (Jensen: 1 − E[e^(−H)] ≤ 1 − e^(−E[H])).
 * Pure; no allocation per call except the spatial query of `hazardRate`.
 */
import { P_PRUNE, SENSOR_IDEAL, wrapAngle, type Cameras } from '../core/cameras.ts';
import { lineOfSight } from '../core/lineOfSight.ts';
import { SEARCH_TAU_S, pInfinity, rangeForProbability } from '../core/sensors/thermal.ts';
import type { World } from '../core/world.ts';
import type { ReferenceTarget } from './reference.ts';

export interface RateContext {
  readonly world: World;
  readonly ref: ReferenceTarget;
  /** Largest useful range of each sensor model for the reference target, metres (P∞ ≥ P_PRUNE inside). */
  readonly maxRangeM: Float64Array;
  /** Largest of maxRangeM: the search radius around a point. */
  readonly searchM: number;
}

export function createRateContext(world: World, ref: ReferenceTarget): RateContext {
  const maxRangeM = Float64Array.from(world.models, (m) =>
    m.type === SENSOR_IDEAL || !m.thermal
      ? m.rangeM
      : rangeForProbability(m.thermal, m.thermal.johnson.detect, ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, P_PRUNE, 100_000),
  );
  let searchM = 0;
  for (let i = 0; i < maxRangeM.length; i++) searchM = Math.max(searchM, maxRangeM[i]);
  return { world, ref, maxRangeM, searchM };
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
 * Instantaneous P∞ of camera k on the reference target whose top is at (x, y, zTop): 0 beyond its
 * useful range; 1 for an ideal sensor within its range. Ignores field of view and line of sight.
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
  if (model.type === SENSOR_IDEAL || !model.thermal) return r <= model.rangeM ? 1 : 0;
  const ref = ctx.ref;
  return pInfinity(model.thermal, model.thermal.johnson.detect, ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, r);
}

/**
 * Time-averaged detection rate of camera k on the reference target at (x, y, zTop), 1/s:
 * duty · P∞/τ with line of sight, else 0; Infinity for an ideal sensor that sees it (as in the
 * simulation, where an ideal sensor detects at once).
 */
export function cameraRate(ctx: RateContext, k: number, x: number, y: number, zTop: number): number {
  const cams = ctx.world.cameras;
  const dx = x - cams.x[k];
  const dy = y - cams.y[k];
  // Cheapest rejections first: horizontal range, then the view, then P∞; the sight test last.
  const maxR = ctx.maxRangeM[cams.model[k]];
  if (dx * dx + dy * dy > maxR * maxR) return 0;
  const duty = viewDuty(cams, k, Math.atan2(dy, dx));
  if (duty <= 0) return 0;
  const p = cameraPInf(ctx, k, x, y, zTop);
  // The simulation drops P∞ < 1e-6 before its sight test; so do we.
  if (p < 1e-6) return 0;
  if (!lineOfSight(ctx.world, cams.x[k], cams.y[k], cams.z[k], x, y, zTop)) return 0;
  const model = ctx.world.models[cams.model[k]];
  return model.type === SENSOR_IDEAL ? Infinity : (duty * p) / SEARCH_TAU_S;
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
 * An upper bound of camera k's rate anywhere at horizontal distance ≥ minDistM from it: P∞ at that
 * distance (P∞ falls with range, and the 3-D range is at least the horizontal one) times its largest
 * duty cycle, over τ. Infinity for an ideal sensor in range.
 */
export function rateBound(ctx: RateContext, k: number, minDistM: number): number {
  const cams = ctx.world.cameras;
  const m = cams.model[k];
  if (minDistM > ctx.maxRangeM[m]) return 0;
  const model = ctx.world.models[m];
  if (model.type === SENSOR_IDEAL || !model.thermal) return minDistM <= model.rangeM ? Infinity : 0;
  const ref = ctx.ref;
  const p = pInfinity(model.thermal, model.thermal.johnson.detect, ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, Math.max(minDistM, 1e-3));
  return (p * maxDuty(cams, k)) / SEARCH_TAU_S;
}

/** Σ cameraRate over the listed cameras (indexes into world.cameras; ids ≥ count are skipped). */
export function hazardRateAmong(ctx: RateContext, ids: ArrayLike<number>, x: number, y: number, zTop: number): number {
  let lambda = 0;
  const n = ctx.world.cameras.count;
  for (let j = 0; j < ids.length; j++) {
    const k = ids[j];
    if (k >= n) continue;
    lambda += cameraRate(ctx, k, x, y, zTop);
  }
  return lambda;
}

/** Cameras within the search radius of a rectangle (the world's spatial index). */
export function camerasNear(ctx: RateContext, minX: number, minY: number, maxX: number, maxY: number): number[] {
  const r = ctx.searchM;
  return ctx.world.cameraIndex.range(minX - r, minY - r, maxX + r, maxY + r).filter((k) => k < ctx.world.cameras.count).sort((a, b) => a - b);
}

/** λ of the reference target at a point from every camera, 1/s. */
export function hazardRate(ctx: RateContext, x: number, y: number, zTop: number): number {
  return hazardRateAmong(ctx, camerasNear(ctx, x, y, x, y), x, y, zTop);
}
