/**
 * The cameras that can matter for one attempt, and when each next needs a look.
 *
 * `gatherCandidates` finds them once per attempt (spatial index, then closed-form intervals of local
 * time in which each can see the path at all). Each candidate then carries a due time: the step loop
 * examines it only at steps whose midpoint has reached it. A camera out of its field of view is due
 * when its view could first have turned onto the target; one in view is due again at the next step;
 * one whose active interval is over is never due again. Everything lives in typed arrays allocated
 * once per world (STYLE.md §3).
 *
 * Bounded search (docs/model.md §3): each (attempt, camera) pair draws one uniform threshold u, and
 * the camera can detect only while P∞ > u. P∞ falls with range and is highest at night, so the night
 * P∞ at the horizontal distance bounds it; the camera's reach for this attempt is the range where
 * that bound falls to u. Most far cameras of the long TTPF tail (a P∞ of a few per cent at best on
 * the path) are thereby dropped at once, and the others searched only over the part of the path
 * within their reach.
 */
import { segmentAt } from './border.ts';
import { SENSOR_IDEAL } from './cameras.ts';
import type { AttemptPlan } from './plan.ts';
import { pInfinity } from './sensors/thermal.ts';
import { uniformAt } from './rng.ts';
import { inService } from './watch.ts';
import type { World } from './world.ts';

export interface CandidateSet {
  /** Number of candidates of the current attempt; slots 0 … count − 1 below. */
  count: number;
  /** Camera index of each slot (slots follow the spatial index's fixed order). */
  camera: Int32Array;
  /** Border segments the sight line from this camera to the path can cross. */
  firstSegment: Int32Array;
  lastSegment: Int32Array;
  /** Local time interval in which each candidate can see the path at all, s. */
  activeFromS: Float64Array;
  activeToS: Float64Array;
  /** Bound on how fast the target's bearing from the camera can turn, rad/s. */
  bearingRateRadPerS: Float64Array;
  /** Earliest local time at which the slot needs a look, s (Infinity: never again). */
  dueS: Float64Array;
  /** Scratch for the spatial index's answer, sorted into camera order. */
  ids: Int32Array;
  /** The bounded search's threshold u of each slot's camera: it can detect only while P∞ > u. */
  threshold: Float64Array;
  /** 1 when the slot's camera is in service on the attempt's day, 0 when out of service. */
  inService: Uint8Array;
  /** Scheduled slots, ascending: what the step loop scans (every candidate, in slot order). */
  nearCount: number;
  nearSlot: Int32Array;
}

export function newCandidateSet(cameraCount: number): CandidateSet {
  const n = Math.max(cameraCount, 1);
  return {
    count: 0,
    camera: new Int32Array(n),
    firstSegment: new Int32Array(n),
    lastSegment: new Int32Array(n),
    activeFromS: new Float64Array(n),
    activeToS: new Float64Array(n),
    bearingRateRadPerS: new Float64Array(n),
    dueS: new Float64Array(n),
    ids: new Int32Array(n),
    threshold: new Float64Array(n),
    inService: new Uint8Array(n),
    nearCount: 0,
    nearSlot: new Int32Array(n),
  };
}

/** What an attempt's candidates depend on beyond its plan: the streams of its thresholds and day. */
export interface CandidateKeys {
  /** Stream of the thresholds: camera k's u is draw k (rng.ts Stream.searchThreshold). */
  thresholdKey: number;
  /** The day's outage map (watch.ts outageKey) and the availability it is drawn with. */
  outageKey: number;
  availability: number;
}

/** Local time at which the plan reaches offset d (the wall's plateau maps to its start or end). */
function timeAtOffset(plan: AttemptPlan, world: World, d: number, leaving: boolean): number {
  const halfW = world.barrier.widthM / 2;
  const v = plan.speedMps;
  if (d <= -halfW) return (d + plan.startOffsetM) / v;
  if (d >= halfW) return plan.tCrossedS + (d - halfW) / v;
  if (plan.delayS > 0) return leaving ? plan.tCrossedS : plan.tBarrierS;
  return plan.tBarrierS + (d + halfW) / v;
}

/**
 * Finds the cameras that can matter for a plan and when, fills `set` (every slot due at the start of
 * its active interval) and returns the count. The spatial index gives the cameras within the
 * largest useful range of the path's bounding box; for each, its threshold u decides its reach (an
 * ideal sensor whose P∞ ≤ u can never detect; a thermal camera's reach ends where the night P∞ falls
 * to u), then the path (a straight line in the plane) meets the reach circle and, for a fixed field of
 * view under 180°, its wedge, in one interval of offset each — solved in closed form and turned into
 * an interval of local time. Cameras whose interval is empty are dropped. The test is conservative
 * (horizontal range, 1 m margin): the exact checks still run at every step the camera is examined.
 * Allocation-free apart from the index query's result.
 */
export function gatherCandidates(world: World, plan: AttemptPlan, set: CandidateSet, keys: CandidateKeys): number {
  const ax = plan.px - plan.nx * plan.startOffsetM;
  const ay = plan.py - plan.ny * plan.startOffsetM;
  const bx = plan.px + plan.nx * world.depthM;
  const by = plan.py + plan.ny * world.depthM;
  // Search as far as this threat's longest useful range (world.maxCameraRangeM covers every threat:
  // a vehicle's reaches tens of km further than a walker's).
  let r = 0;
  for (let m = 0; m < world.models.length; m++) r = Math.max(r, world.models[m].maxRangeM[plan.threat] + 1);
  const found = world.cameraIndex.range(Math.min(ax, bx) - r, Math.min(ay, by) - r, Math.max(ax, bx) + r, Math.max(ay, by) + r);
  // Slots in camera order, whatever order the index returns: every per-step sum over cameras then has
  // the order a plain loop over all cameras would have (the naive reference in bench/naive.ts).
  const ids = set.ids.length >= found.length ? set.ids : (set.ids = new Int32Array(found.length));
  for (let j = 0; j < found.length; j++) ids[j] = found[j];
  const nFound = found.length;
  ids.subarray(0, nFound).sort();
  const cams = world.cameras;
  const border = world.border;
  const nx = plan.nx;
  const ny = plan.ny;
  const tables = reachTables(world, plan.threat);
  let n = 0;
  for (let j = 0; j < nFound; j++) {
    const k = ids[j];
    if (k >= cams.count) continue;
    const model = world.models[cams.model[k]];
    const u = uniformAt(keys.thresholdKey, k);
    let maxR = model.maxRangeM[plan.threat] + 1;
    const table = tables[cams.model[k]];
    if (table === null) {
      if (!(model.pInfinity > u)) continue;
    } else {
      const reach = reachRangeM(table, u);
      if (reach + 1 < maxR) maxR = reach + 1;
    }
    // Path point P(d) = p + n·d; q = p − c. |q + n·d|² ≤ R² ⇔ d² + 2(q·n)d + |q|² − R² ≤ 0.
    const qx = plan.px - cams.x[k];
    const qy = plan.py - cams.y[k];
    const qn = qx * nx + qy * ny;
    const disc = qn * qn - (qx * qx + qy * qy) + maxR * maxR;
    if (disc <= 0) continue;
    const root = Math.sqrt(disc);
    let dLo = Math.max(-qn - root, -plan.startOffsetM);
    let dHi = Math.min(-qn + root, world.depthM);
    const half = cams.halfFovRad[k];
    if (half < Math.PI / 2 && cams.scanPeriodS[k] === 0) {
      // A fixed wedge narrower than 180° is the intersection of two half-planes through the camera:
      // left of its right edge e2 and right of its left edge e1. Each is linear in d:
      // cross(e2, q + n·d) ≥ 0 and cross(q + n·d, e1) ≥ 0, i.e. c + slope·d ≥ 0.
      const h = cams.headingRad[k];
      const e1x = Math.cos(h + half);
      const e1y = Math.sin(h + half);
      const e2x = Math.cos(h - half);
      const e2y = Math.sin(h - half);
      for (let edge = 0; edge < 2; edge++) {
        const c0 = edge === 0 ? e2x * qy - e2y * qx : qx * e1y - qy * e1x;
        const slope = edge === 0 ? e2x * ny - e2y * nx : nx * e1y - ny * e1x;
        if (slope > 0) dLo = Math.max(dLo, -c0 / slope - 1);
        else if (slope < 0) dHi = Math.min(dHi, -c0 / slope + 1);
        else if (c0 < 0) dHi = -Infinity;
      }
    }
    if (dHi < dLo) continue;
    set.camera[n] = k;
    set.threshold[n] = u;
    set.inService[n] = inService(keys.outageKey, k, keys.availability) ? 1 : 0;
    set.activeFromS[n] = timeAtOffset(plan, world, dLo, false);
    set.activeToS[n] = timeAtOffset(plan, world, dHi, true);
    set.dueS[n] = set.activeFromS[n];
    // The target's bearing from the camera turns at most v/ρ, ρ the horizontal distance from the
    // camera to the path's line (the closest the target ever comes); v/0 = ∞ (never sleeps).
    set.bearingRateRadPerS[n] = plan.speedMps / Math.abs(qx * ny - qy * nx);
    // The sight line from this camera to the path can only cross the wall between the tower's and
    // the crossing's chainages (plus the range, for bent lines).
    const sTower = world.towers.sM[cams.tower[k]];
    set.firstSegment[n] = segmentAt(border, Math.min(sTower, plan.crossingM) - maxR);
    set.lastSegment[n] = segmentAt(border, Math.max(sTower, plan.crossingM) + maxR);
    set.nearSlot[n] = n;
    n++;
  }
  set.count = n;
  set.nearCount = n;
  return n;
}

/** Ranges (increasing, geometric) and night P∞ there, for one thermal sensor model and threat. */
interface ReachTable {
  rangeM: Float64Array;
  pMax: Float64Array;
}

/** Ratio between consecutive tabulated ranges: a reach at most 2 % beyond the exact one. */
const REACH_TABLE_STEP = 1.02;
/** First tabulated range, metres: nearer, P∞ is taken as possibly anything. */
const REACH_TABLE_FROM_M = 1;
const reachTableCache = new WeakMap<World['models'], (ReachTable | null)[][]>();

/**
 * A thermal camera's reach for threshold u: a range beyond which its P∞ cannot exceed u — the first
 * tabulated range whose bound is ≤ u (binary search); its pruning range when u is below every bound.
 */
export function reachRangeM(table: ReachTable, u: number): number {
  const p = table.pMax;
  const last = p.length - 1;
  if (!(p[last] <= u)) return Infinity;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p[mid] <= u) hi = mid;
    else lo = mid + 1;
  }
  return table.rangeM[lo];
}

/**
 * The reach tables of a threat, one per sensor model (null for an ideal sensor): ranges from 1 m out
 * to the model's pruning range, and the night P∞ there (inflated by 1e-9 for the rounding of
 * pInfinityAt against pInfinity). P∞ falls with range, so pMax[i] bounds P∞ at every range ≥
 * rangeM[i], at any time of day (contrastFactor ≤ 1). Built on first use, once per set of models.
 */
export function reachTables(world: World, threat: number): (ReachTable | null)[] {
  let cache = reachTableCache.get(world.models);
  if (!cache) reachTableCache.set(world.models, (cache = []));
  const have = cache[threat];
  if (have) return have;
  const profile = world.threats[threat];
  const tables = world.models.map((m): ReachTable | null => {
    if (m.type === SENSOR_IDEAL) return null;
    const th = m.thermal!;
    const p = (r: number) => pInfinity(th, th.johnson.detect, profile.criticalDimM, profile.deltaTK, world.sigmaPerKm, r);
    const rows = Math.max(1, Math.ceil(Math.log(Math.max(m.maxRangeM[threat], 2 * REACH_TABLE_FROM_M) / REACH_TABLE_FROM_M) / Math.log(REACH_TABLE_STEP)) + 2);
    const rangeM = new Float64Array(rows);
    const pMax = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      rangeM[i] = REACH_TABLE_FROM_M * REACH_TABLE_STEP ** i;
      pMax[i] = p(rangeM[i]) * (1 + 1e-9);
    }
    return { rangeM, pMax };
  });
  cache[threat] = tables;
  return tables;
}
