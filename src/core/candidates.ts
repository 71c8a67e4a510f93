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
 * *Far* candidates — thermal cameras whose P∞ cannot reach `farBelowP` anywhere on the path, even at
 * night at the path's closest point — are never scheduled: their part of the detection process is
 * simulated by thinning against a constant bound (simulateAttempt), so they are looked at only when
 * proposed. They are the many cameras of the long TTPF tail within the pruning range.
 */
import { segmentAt } from './border.ts';
import { SENSOR_IDEAL } from './cameras.ts';
import type { AttemptPlan } from './plan.ts';
import { SEARCH_TAU_S, pInfinity, rangeForProbability } from './sensors/thermal.ts';
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
  /** The other (scheduled) candidates' slots, ascending: what the step loop scans. */
  nearCount: number;
  nearSlot: Int32Array;
  /** Far candidates: their slots, each one's bound on λ over the whole attempt (1/s), and the bounds' sum. */
  farCount: number;
  farSlot: Int32Array;
  farBound: Float64Array;
  farTotal: number;
  /** Local times outside which no far candidate is active, s (−∞/∞ bounds of their active intervals). */
  farFromS: number;
  farToS: number;
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
    nearCount: 0,
    nearSlot: new Int32Array(n),
    farCount: 0,
    farSlot: new Int32Array(n),
    farBound: new Float64Array(n),
    farTotal: 0,
    farFromS: Infinity,
    farToS: -Infinity,
  };
}

/** Local time at which the plan reaches offset d (the wall's plateau maps to its start or end). */
function timeAtOffset(plan: AttemptPlan, world: World, d: number, leaving: boolean): number {
  const halfW = world.barrier.widthM / 2;
  const v = plan.speedMps;
  if (d <= -halfW) return (d + world.approachM) / v;
  if (d >= halfW) return plan.tCrossedS + (d - halfW) / v;
  if (plan.delayS > 0) return leaving ? plan.tCrossedS : plan.tBarrierS;
  return plan.tBarrierS + (d + halfW) / v;
}

/**
 * Finds the cameras that can matter for a plan and when, fills `set` (every slot due at the start of
 * its active interval) and returns the count. The spatial index gives the cameras within the
 * largest useful range of the path's bounding box; for each, the path (a straight line in the plane)
 * meets the camera's range circle and, for a fixed field of view under 180°, its wedge, in one
 * interval of offset each — solved in closed form and turned into an interval of local time. Cameras
 * whose interval is empty are dropped. The test is conservative (horizontal range, 1 m margin): the
 * exact checks still run at every step the camera is examined. Allocation-free apart from the index
 * query's result. `farBelowP` (0: none) sets which candidates are far (see the file's comment).
 */
export function gatherCandidates(world: World, plan: AttemptPlan, set: CandidateSet, farBelowP = 0): number {
  const ax = plan.px - plan.nx * world.approachM;
  const ay = plan.py - plan.ny * world.approachM;
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
  const tables = farBelowP > 0 ? farTables(world, plan.threat, farBelowP) : null;
  let n = 0;
  let nNear = 0;
  let nFar = 0;
  let farTotal = 0;
  let farFrom = Infinity;
  let farTo = -Infinity;
  for (let j = 0; j < nFound; j++) {
    const k = ids[j];
    if (k >= cams.count) continue;
    const maxR = world.models[cams.model[k]].maxRangeM[plan.threat] + 1;
    // Path point P(d) = p + n·d; q = p − c. |q + n·d|² ≤ R² ⇔ d² + 2(q·n)d + |q|² − R² ≤ 0.
    const qx = plan.px - cams.x[k];
    const qy = plan.py - cams.y[k];
    const qn = qx * nx + qy * ny;
    const disc = qn * qn - (qx * qx + qy * qy) + maxR * maxR;
    if (disc <= 0) continue;
    const root = Math.sqrt(disc);
    let dLo = Math.max(-qn - root, -world.approachM);
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
    if (farBelowP > 0) {
      // P∞ falls with range and contrast is highest at night (contrastFactor ≤ 1), so P∞ at the
      // path's closest point ρ with the night ΔT bounds it over the whole attempt.
      const table = tables![cams.model[k]];
      const rho = Math.abs(qx * ny - qy * nx);
      if (table && rho > table.rangeM[0]) {
        // The table's P∞ at the largest tabulated range ≤ ρ bounds P∞ at ρ (binary search).
        let lo = 0;
        let hi = table.rangeM.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (table.rangeM[mid] <= rho) lo = mid;
          else hi = mid - 1;
        }
        const bound = table.pMax[lo] / SEARCH_TAU_S;
        set.dueS[n] = Infinity;
        set.farSlot[nFar] = n;
        set.farBound[nFar++] = bound;
        farTotal += bound;
        if (set.activeFromS[n] < farFrom) farFrom = set.activeFromS[n];
        if (set.activeToS[n] > farTo) farTo = set.activeToS[n];
      }
    }
    if (set.dueS[n] !== Infinity) set.nearSlot[nNear++] = n;
    n++;
  }
  set.count = n;
  set.nearCount = nNear;
  set.farCount = nFar;
  set.farTotal = farTotal;
  set.farFromS = farFrom;
  set.farToS = farTo;
  return n;
}

/** Ranges (increasing, geometric) and night P∞ there, for one sensor model and threat: far bounds. */
interface FarTable {
  rangeM: Float64Array;
  pMax: Float64Array;
}

/** Ratio between consecutive tabulated ranges: a bound at most a few per cent above P∞ itself. */
const FAR_TABLE_STEP = 1.02;
const farTableCache = new WeakMap<World, { farBelowP: number; byThreat: ((FarTable | null)[] | undefined)[] }>();

/**
 * The far-bound tables of a threat, one per sensor model (null for an ideal sensor): from the range
 * where the night P∞ falls to farBelowP out to the model's pruning range. Row i holds rangeM[i] and
 * P∞ there (inflated by 1e-9 for the rounding of pInfinityAt against pInfinity); since P∞ falls with
 * range, pMax[i] bounds P∞ at every range ≥ rangeM[i]. Built on first use, once per world.
 */
function farTables(world: World, threat: number, farBelowP: number): (FarTable | null)[] {
  let cache = farTableCache.get(world);
  if (!cache || cache.farBelowP !== farBelowP) farTableCache.set(world, (cache = { farBelowP, byThreat: [] }));
  const have = cache.byThreat[threat];
  if (have) return have;
  const profile = world.threats[threat];
  const tables = world.models.map((m): FarTable | null => {
    if (m.type === SENSOR_IDEAL) return null;
    const th = m.thermal!;
    const p = (r: number) => pInfinity(th, th.johnson.detect, profile.criticalDimM, profile.deltaTK, world.sigmaPerKm, r);
    const r0 = Math.max(1, rangeForProbability(th, th.johnson.detect, profile.criticalDimM, profile.deltaTK, world.sigmaPerKm, farBelowP, 1e6));
    const rows = Math.max(1, Math.ceil(Math.log(Math.max(m.maxRangeM[threat], r0) / r0) / Math.log(FAR_TABLE_STEP)) + 2);
    const rangeM = new Float64Array(rows);
    const pMax = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      rangeM[i] = r0 * FAR_TABLE_STEP ** i;
      pMax[i] = p(rangeM[i]) * (1 + 1e-9);
    }
    return { rangeM, pMax };
  });
  cache.byThreat[threat] = tables;
  return tables;
}
