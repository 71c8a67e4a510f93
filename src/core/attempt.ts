/**
 * One infiltration attempt (DOMAIN.md §4): its plan drawn from the counter-based stream (seed, id), its
 * position at any time, and its detection by the cameras as a Poisson process (DOMAIN.md §3).
 *
 * Attempts do not interact, so each is simulated on its own from start to through; the run, the
 * viewer's stream and every worker or shard therefore see identical outcomes for the same (seed, id).
 */
import { newStation, segmentAt, stationAt } from './border.ts';
import { isInGap } from './barrier.ts';
import { SENSOR_IDEAL, inFieldOfView } from './cameras.ts';
import { sampleChainage } from './crossing.ts';
import { contrastFactor, sampleStartTimeS } from './environment.ts';
import { lineOfSight } from './lineOfSight.ts';
import { Stream, StreamCursor } from './rng.ts';
import { SEARCH_TAU_S, pInfinity } from './sensors/thermal.ts';
import { groundHeightAt } from './terrain/ground.ts';
import { TUNNEL_MOUTH_M, sampleIndex } from './threats.ts';
import type { World } from './world.ts';

export interface AttemptPlan {
  id: number;
  /** Index into world.threats. */
  threat: number;
  size: number;
  crossingM: number;
  /** Time of day at the start, seconds after midnight. */
  startTimeS: number;
  /** The crossing point on the line and the home-side normal there. */
  px: number;
  py: number;
  nx: number;
  ny: number;
  speedMps: number;
  inGap: boolean;
  /** Time spent on the wall (climbing or cutting), seconds; 0 at a gap or underground. */
  delayS: number;
  /** Local times (from the attempt's start), seconds. */
  tBarrierS: number;
  tCrossedS: number;
  tThroughS: number;
  /** Unseen interval (tunnel between its mouths); both −1 when always visible. */
  hiddenFromS: number;
  hiddenToS: number;
}

export function newPlan(): AttemptPlan {
  return {
    id: 0, threat: 0, size: 1, crossingM: 0, startTimeS: 0, px: 0, py: 0, nx: 0, ny: 1, speedMps: 1,
    inGap: false, delayS: 0, tBarrierS: 0, tCrossedS: 0, tThroughS: 0, hiddenFromS: -1, hiddenToS: -1,
  };
}

const cursor = new StreamCursor();
const planStation = newStation();

/** Draws attempt `id`'s plan from the streams keyed by (seed, id). Writes into `out`. */
export function planAttempt(world: World, seed: number, id: number, out: AttemptPlan): AttemptPlan {
  const threat = sampleIndex(world.threatCdf, cursor.reset(seed, id, Stream.threat).next());
  const profile = world.threats[threat];
  const density = profile.gapsOnly && world.crossingAtGaps ? world.crossingAtGaps : world.crossing;
  const crossingM = sampleChainage(density, cursor.reset(seed, id, Stream.crossing).next());
  cursor.reset(seed, id, Stream.startTime);
  const startTimeS = sampleStartTimeS(world.startHourCdf, cursor.next(), cursor.next());
  const size = profile.minSize + Math.floor(cursor.reset(seed, id, Stream.group).next() * (profile.maxSize - profile.minSize + 1));

  const st = stationAt(world.border, crossingM, planStation);
  const b = world.barrier;
  const halfW = b.widthM / 2;
  const v = profile.speedMps;
  const inGap = isInGap(b, crossingM);
  const delayS = profile.tunnels || inGap ? 0 : b.delayS[profile.kind];
  const tBarrierS = (world.approachM - halfW) / v;
  const tCrossedS = inGap || profile.tunnels ? tBarrierS + b.widthM / v : tBarrierS + delayS;
  const tThroughS = tCrossedS + (world.depthM - halfW) / v;
  let hiddenFromS = -1;
  let hiddenToS = -1;
  if (profile.tunnels) {
    const mouthFar = Math.min(TUNNEL_MOUTH_M, world.approachM);
    const mouthHome = Math.min(TUNNEL_MOUTH_M, world.depthM);
    hiddenFromS = (world.approachM - mouthFar) / v;
    hiddenToS = (world.approachM + mouthHome) / v;
  }
  out.id = id;
  out.threat = threat;
  out.size = size;
  out.crossingM = crossingM;
  out.startTimeS = startTimeS;
  out.px = st.x;
  out.py = st.y;
  out.nx = st.nx;
  out.ny = st.ny;
  out.speedMps = v;
  out.inGap = inGap;
  out.delayS = delayS;
  out.tBarrierS = tBarrierS;
  out.tCrossedS = tCrossedS;
  out.tThroughS = tThroughS;
  out.hiddenFromS = hiddenFromS;
  out.hiddenToS = hiddenToS;
  return out;
}

export interface AttemptPosition {
  x: number;
  y: number;
  /** Height of the target's top, metres (what cameras aim at). */
  zTop: number;
  /** Signed offset from the line, metres (far side < 0). */
  dM: number;
  onWall: boolean;
  hidden: boolean;
}

export function newPosition(): AttemptPosition {
  return { x: 0, y: 0, zTop: 0, dM: 0, onWall: false, hidden: false };
}

/** Where the attempt is at local time t (clamped to its path). Allocation-free. */
export function positionAt(world: World, plan: AttemptPlan, tS: number, out: AttemptPosition): AttemptPosition {
  const halfW = world.barrier.widthM / 2;
  const v = plan.speedMps;
  const profile = world.threats[plan.threat];
  let d: number;
  let onWall = false;
  if (tS <= plan.tBarrierS) d = -world.approachM + v * Math.max(tS, 0);
  else if (tS < plan.tCrossedS) {
    if (plan.delayS > 0) {
      d = 0;
      onWall = true;
    } else d = -halfW + v * (tS - plan.tBarrierS);
  } else d = halfW + v * (Math.min(tS, plan.tThroughS) - plan.tCrossedS);
  const x = plan.px + plan.nx * d;
  const y = plan.py + plan.ny * d;
  const ground = groundHeightAt(world.ground, x, y);
  out.x = x;
  out.y = y;
  out.dM = d;
  out.onWall = onWall;
  // On the crest a person crouches: their top is half their height above the wall (assumption).
  out.zTop = onWall ? ground + world.barrier.heightM + 0.5 * profile.heightM : ground + profile.heightM;
  out.hidden = tS > plan.hiddenFromS && tS < plan.hiddenToS;
  return out;
}

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
  steps: number;
  evaluations: number;
  losCalls: number;
}

export function newCounters(): SimCounters {
  return { steps: 0, evaluations: 0, losCalls: 0 };
}

/** Scratch reused across attempts: candidate cameras and their rates at the current step. */
export interface AttemptScratch {
  plan: AttemptPlan;
  pos: AttemptPosition;
  candidates: Int32Array;
  /** λ of each candidate at the current step, 1/s (Infinity for an ideal sensor that sees). */
  rates: Float64Array;
  pInf: Float64Array;
  rangeM: Float64Array;
  firstSegment: Int32Array;
  lastSegment: Int32Array;
  /** Local time interval in which each candidate can see the path at all. */
  activeFromS: Float64Array;
  activeToS: Float64Array;
}

export function newScratch(world: World): AttemptScratch {
  const n = Math.max(world.cameras.count, 1);
  return {
    plan: newPlan(),
    pos: newPosition(),
    candidates: new Int32Array(n),
    rates: new Float64Array(n),
    pInf: new Float64Array(n),
    rangeM: new Float64Array(n),
    firstSegment: new Int32Array(n),
    lastSegment: new Int32Array(n),
    activeFromS: new Float64Array(n),
    activeToS: new Float64Array(n),
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
 * Finds the cameras that can matter for a plan and when. The spatial index gives those within the
 * largest useful range of the path's bounding box; for each, the path (a straight line in the plane)
 * meets the camera's range circle and, for a fixed field of view under 180°, its wedge, in one
 * interval of offset each — solved in closed form and turned into an interval of local time. Cameras
 * whose interval is empty are dropped; the step loop skips time when no camera is active. The test
 * is conservative (horizontal range, 1 m margin): the exact checks still run at every step.
 */
function gatherCandidates(world: World, plan: AttemptPlan, s: AttemptScratch): number {
  const ax = plan.px - plan.nx * world.approachM;
  const ay = plan.py - plan.ny * world.approachM;
  const bx = plan.px + plan.nx * world.depthM;
  const by = plan.py + plan.ny * world.depthM;
  const r = world.maxCameraRangeM;
  const ids = world.cameraIndex.range(Math.min(ax, bx) - r, Math.min(ay, by) - r, Math.max(ax, bx) + r, Math.max(ay, by) + r);
  const cams = world.cameras;
  const border = world.border;
  const nx = plan.nx;
  const ny = plan.ny;
  let n = 0;
  for (let j = 0; j < ids.length; j++) {
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
      // left of its right edge e2 and right of its left edge e1. Each is linear in d.
      const h = cams.headingRad[k];
      const e1x = Math.cos(h + half);
      const e1y = Math.sin(h + half);
      const e2x = Math.cos(h - half);
      const e2y = Math.sin(h - half);
      // cross(e2, q + n·d) ≥ 0 and cross(q + n·d, e1) ≥ 0.
      const c2 = e2x * qy - e2y * qx;
      const s2 = e2x * ny - e2y * nx;
      const c1 = qx * e1y - qy * e1x;
      const s1 = nx * e1y - ny * e1x;
      for (const [c0, slope] of [[c2, s2], [c1, s1]] as const) {
        if (slope > 0) dLo = Math.max(dLo, -c0 / slope - 1);
        else if (slope < 0) dHi = Math.min(dHi, -c0 / slope + 1);
        else if (c0 < 0) dHi = -Infinity;
      }
    }
    if (dHi < dLo) continue;
    s.candidates[n] = k;
    s.activeFromS[n] = timeAtOffset(plan, world, dLo, false);
    s.activeToS[n] = timeAtOffset(plan, world, dHi, true);
    // The sight line from this camera to the path can only cross the wall between the tower's and
    // the crossing's chainages (plus the range, for bent lines).
    const sTower = world.towers.sM[cams.tower[k]];
    s.firstSegment[n] = segmentAt(border, Math.min(sTower, plan.crossingM) - maxR);
    s.lastSegment[n] = segmentAt(border, Math.max(sTower, plan.crossingM) + maxR);
    n++;
  }
  return n;
}

/**
 * Simulates attempt `id` until it is through, stopping at its first detection (later detections change
 * no statistic). Detection is a Poisson process of rate Σλ_c, λ_c = P∞,c / τ: one exponential threshold
 * E is drawn, and the attempt is detected when the integrated rate reaches it, at the time interpolated
 * inside the step — so results depend on the step only through the midpoint rule's error.
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
  const profile = world.threats[plan.threat];
  const cams = world.cameras;
  const models = world.models;
  const nCand = gatherCandidates(world, plan, s);

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
  const pos = s.pos;
  const sigma = world.sigmaPerKm;
  let hazard = 0;
  let evals = 0;
  let losCalls = 0;
  let steps = 0;
  let activeFrom = Infinity;
  let activeTo = -Infinity;
  for (let j = 0; j < nCand; j++) {
    activeFrom = Math.min(activeFrom, s.activeFromS[j]);
    activeTo = Math.max(activeTo, s.activeToS[j]);
  }
  // Steps stay on the grid k·stepS whatever is skipped, so skipping never changes a result.
  const firstStep = Math.max(0, Math.floor(activeFrom / stepS));
  const end = Math.min(plan.tThroughS, activeTo + stepS);
  for (let t0 = firstStep * stepS; t0 < end; t0 += stepS) {
    const h = Math.min(stepS, plan.tThroughS - t0);
    const tm = t0 + 0.5 * h;
    positionAt(world, plan, tm, pos);
    steps++;
    if (pos.hidden) continue;
    const tAbs = plan.startTimeS + tm;
    const deltaT = profile.deltaTK * contrastFactor(tAbs, profile.engineHeated);
    let lambda = 0;
    for (let j = 0; j < nCand; j++) {
      const k = s.candidates[j];
      s.rates[j] = 0;
      if (tm < s.activeFromS[j] || tm > s.activeToS[j]) continue;
      const model = models[cams.model[k]];
      const dx = pos.x - cams.x[k];
      const dy = pos.y - cams.y[k];
      const dz = pos.zTop - cams.z[k];
      const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
      evals++;
      if (r > model.maxRangeM[plan.threat]) continue;
      if (!inFieldOfView(cams, k, Math.atan2(dy, dx), tAbs)) continue;
      let rate: number;
      let p: number;
      if (model.type === SENSOR_IDEAL) {
        if (r > model.rangeM) continue;
        p = 1;
        rate = Infinity;
      } else {
        p = pInfinity(model.thermal!, model.thermal!.johnson.detect, profile.criticalDimM, deltaT, sigma, r);
        if (p < 1e-6) continue;
        rate = p / SEARCH_TAU_S;
      }
      losCalls++;
      if (!lineOfSight(world, cams.x[k], cams.y[k], cams.z[k], pos.x, pos.y, pos.zTop, s.firstSegment[j], s.lastSegment[j])) continue;
      s.rates[j] = rate;
      s.pInf[j] = p;
      s.rangeM[j] = r;
      lambda += rate;
    }
    if (lambda > 0 && (lambda === Infinity || hazard + lambda * h >= threshold)) {
      const tDetect = lambda === Infinity ? tm : t0 + (threshold - hazard) / lambda;
      // Which camera fired: the one whose share of the rate holds uPick (ideal sensors share equally).
      let pick = -1;
      if (lambda === Infinity) {
        let nInf = 0;
        for (let j = 0; j < nCand; j++) if (s.rates[j] === Infinity) nInf++;
        let target = Math.floor(uPick * nInf);
        for (let j = 0; j < nCand && pick < 0; j++) if (s.rates[j] === Infinity && target-- === 0) pick = j;
      } else {
        let acc = 0;
        const goal = uPick * lambda;
        for (let j = 0; j < nCand; j++) {
          if (s.rates[j] <= 0) continue;
          acc += s.rates[j];
          pick = j;
          if (acc > goal) break;
        }
      }
      const k = s.candidates[pick];
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
  }
  if (counters) {
    counters.steps += steps;
    counters.evaluations += evals;
    counters.losCalls += losCalls;
  }
  return out;
}
