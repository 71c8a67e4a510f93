/**
 * The analytic coverage profile (DOMAIN.md §6): for the reference target crossing straight at
 * chainage s, P(s) = 1 − exp(−∫λ dt) along its path, per chainage bin; k-coverage on the barrier line;
 * gaps (P < 0.5) and the weakest point. Pure and deterministic.
 *
 * The path and the integration follow the attempt's step loop (src/core/attempt.ts): the target walks
 * from approachM out along the local normal, waits delayS on the wall's crest (outside a gap) and
 * walks depthM in; the time axis is cut into steps k·h from the start and λ is taken at each step's
 * midpoint (the last step shortened to end at the through time). The only differences are the step
 * (by default 5 m of walking rather than the run's stepS; a parameter) and the time-averaged rate of
 * panning cameras (rate.ts).
 */
import { isInGap } from '../core/barrier.ts';
import { newStation, stationAt } from '../core/border.ts';
import { groundHeightAt } from '../core/terrain/ground.ts';
import type { RateContext } from './rate.ts';
import { inReach } from '../core/cameras.ts';
import { cameraPInf, cameraRate, camerasNear, rateBound } from './rate.ts';
import { lineOfSight } from '../core/lineOfSight.ts';

/** Default integration step along the path, metres of walking (≈ 4.2 s for a person on foot). */
export const PROFILE_STEP_M = 5;
/** Default width of a profile bin, metres (coarsened on long borders to at most MAX_PROFILE_BINS). */
export const PROFILE_BIN_M = 50;
export const MAX_PROFILE_BINS = 2000;
/** A camera counts towards k-coverage where its P∞ on the target at the barrier line is at least this. */
export const K_COVERAGE_P = 0.5;
/** Coverage gaps are where P(detect) of a straight crossing is below this. */
export const GAP_P = 0.5;

/** The straight path of the reference target at one chainage, in the attempt's local times. */
export interface CrossingPath {
  sM: number;
  px: number;
  py: number;
  nx: number;
  ny: number;
  inGap: boolean;
  speedMps: number;
  delayS: number;
  tBarrierS: number;
  tCrossedS: number;
  tThroughS: number;
}

export function crossingPath(ctx: RateContext, sM: number): CrossingPath {
  const w = ctx.world;
  const st = stationAt(w.border, sM, newStation());
  const inGap = isInGap(w.barrier, sM);
  const v = ctx.ref.speedMps;
  const halfW = w.barrier.widthM / 2;
  const delayS = inGap ? 0 : ctx.ref.barrierDelayS;
  const tBarrierS = (w.approachM - halfW) / v;
  const tCrossedS = inGap ? tBarrierS + w.barrier.widthM / v : tBarrierS + delayS;
  return { sM, px: st.x, py: st.y, nx: st.nx, ny: st.ny, inGap, speedMps: v, delayS, tBarrierS, tCrossedS, tThroughS: tCrossedS + (w.depthM - halfW) / v };
}

/** Position (x, y, zTop) on the path at local time t, as positionAt in src/core/attempt.ts. */
export function pathPoint(ctx: RateContext, p: CrossingPath, tS: number, out: { x: number; y: number; zTop: number }): { x: number; y: number; zTop: number } {
  const w = ctx.world;
  const halfW = w.barrier.widthM / 2;
  const v = p.speedMps;
  let d: number;
  let onWall = false;
  if (tS <= p.tBarrierS) d = -w.approachM + v * Math.max(tS, 0);
  else if (tS < p.tCrossedS) {
    if (p.delayS > 0) {
      d = 0;
      onWall = true;
    } else d = -halfW + v * (tS - p.tBarrierS);
  } else d = halfW + v * (Math.min(tS, p.tThroughS) - p.tCrossedS);
  out.x = p.px + p.nx * d;
  out.y = p.py + p.ny * d;
  const ground = groundHeightAt(w.ground, out.x, out.y);
  out.zTop = onWall ? ground + w.barrier.heightM + 0.5 * ctx.ref.heightM : ground + ctx.ref.heightM;
  return out;
}

/**
 * Absolute error allowed on a profile P(detect): cameras are summed from the most to the least potent
 * (by an upper bound of their rate over the path) and the sum stops when the bound on everything left
 * cannot move P by more than this. P∞ has a long tail (a mid-range camera keeps P∞ ≈ 1 % at 10 km), so
 * far cameras count where coverage is thin, and are skipped where P is already 1 to six decimals.
 */
export const PROFILE_TOLERANCE = 1e-6;

/** ∫λ dt along the straight crossing at chainage sM (midpoint rule on steps of stepS from t = 0). */
export function crossingHazard(ctx: RateContext, sM: number, stepS = PROFILE_STEP_M / ctx.ref.speedMps): number {
  const w = ctx.world;
  const p = crossingPath(ctx, sM);
  const ax = p.px - p.nx * w.approachM;
  const ay = p.py - p.ny * w.approachM;
  const bx = p.px + p.nx * w.depthM;
  const by = p.py + p.ny * w.depthM;
  const ids = camerasNear(ctx, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  if (ids.length === 0) return 0;
  // The path's step midpoints, once.
  const n = Math.ceil(p.tThroughS / stepS - 1e-12);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const zs = new Float64Array(n);
  const hs = new Float64Array(n);
  const pt = { x: 0, y: 0, zTop: 0 };
  let m = 0;
  for (let t0 = 0; t0 < p.tThroughS && m < n; t0 += stepS, m++) {
    const h = Math.min(stepS, p.tThroughS - t0);
    pathPoint(ctx, p, t0 + 0.5 * h, pt);
    xs[m] = pt.x;
    ys[m] = pt.y;
    zs[m] = pt.zTop;
    hs[m] = h;
  }
  // Each camera's bound over the path: its largest rate at its closest approach, for the whole crossing.
  const cams = w.cameras;
  const bounds = ids.map((k) => {
    const qx = cams.x[k] - ax;
    const qy = cams.y[k] - ay;
    const ex = bx - ax;
    const ey = by - ay;
    const u = Math.min(1, Math.max(0, (qx * ex + qy * ey) / (ex * ex + ey * ey)));
    return { k, bound: rateBound(ctx, k, Math.hypot(qx - u * ex, qy - u * ey)) * p.tThroughS };
  });
  bounds.sort((a, b) => b.bound - a.bound || a.k - b.k);
  let rest = 0;
  for (const b of bounds) rest += b.bound;
  let hazard = 0;
  for (const b of bounds) {
    if (b.bound === 0) break;
    rest -= b.bound;
    for (let i = 0; i < m; i++) hazard += cameraRate(ctx, b.k, xs[i], ys[i], zs[i]) * hs[i];
    if (hazard === Infinity) return Infinity;
    if (Math.exp(-hazard) * -Math.expm1(-Math.max(rest, 0)) < PROFILE_TOLERANCE) break;
  }
  return hazard;
}

/**
 * k at chainage sM: the cameras that can look at the reference target where it crosses the barrier
 * line (on the crest, or on the ground at a gap) — within their fixed view or scan sector, with a line
 * of sight — and see it there with P∞ ≥ 0.5.
 */
export function kAt(ctx: RateContext, sM: number): number {
  const w = ctx.world;
  const st = stationAt(w.border, sM, newStation());
  const ground = groundHeightAt(w.ground, st.x, st.y);
  const zTop = isInGap(w.barrier, sM) ? ground + ctx.ref.heightM : ground + w.barrier.heightM + 0.5 * ctx.ref.heightM;
  const cams = w.cameras;
  let k = 0;
  for (const c of camerasNear(ctx, st.x, st.y, st.x, st.y)) {
    if (cameraPInf(ctx, c, st.x, st.y, zTop) < K_COVERAGE_P) continue;
    if (!inReach(cams, c, Math.atan2(st.y - cams.y[c], st.x - cams.x[c]))) continue;
    if (lineOfSight(w, cams.x[c], cams.y[c], cams.z[c], st.x, st.y, zTop)) k++;
  }
  return k;
}

export interface ProfileBin {
  /** Centre of the bin, km of chainage. */
  km: number;
  fromKm: number;
  toKm: number;
  pDetect: number;
  k: number;
}

export interface ProfileOptions {
  binM?: number;
  stepM?: number;
}

/** Bin edges over [0, L]: equal bins of about binM (at most MAX_PROFILE_BINS of them). */
export function profileEdgesM(lengthM: number, binM = PROFILE_BIN_M): Float64Array {
  const n = Math.max(1, Math.min(MAX_PROFILE_BINS, Math.ceil(lengthM / binM - 1e-9)));
  return Float64Array.from({ length: n + 1 }, (_, i) => (i === n ? lengthM : (i * lengthM) / n));
}

export const pDetectOf = (hazard: number) => (hazard === Infinity ? 1 : 1 - Math.exp(-hazard));

/** The profile over the whole border: one straight crossing at each bin's centre. */
export function coverageProfile(ctx: RateContext, opts: ProfileOptions = {}): ProfileBin[] {
  const edges = profileEdgesM(ctx.world.border.lengthM, opts.binM);
  const stepS = (opts.stepM ?? PROFILE_STEP_M) / ctx.ref.speedMps;
  const bins: ProfileBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const s = 0.5 * (edges[i] + edges[i + 1]);
    bins.push({ km: s / 1000, fromKm: edges[i] / 1000, toKm: edges[i + 1] / 1000, pDetect: pDetectOf(crossingHazard(ctx, s, stepS)), k: kAt(ctx, s) });
  }
  return bins;
}

export interface ProfileSummary {
  /** Share of the border's length where a straight crossing is detected with P ≥ 0.5. */
  coveredFraction: number;
  /** Share of the border's length with at least 1, 2, 3 cameras at P∞ ≥ 0.5 on the barrier line. */
  kCoverage: { atLeast1: number; atLeast2: number; atLeast3: number };
  /** Chainage intervals where P(detect) < 0.5, with the lowest P in each. */
  gaps: { fromKm: number; toKm: number; minPDetect: number }[];
  /** Centre of the first bin with the lowest P(detect), km. */
  weakestKm: number;
  weakestPDetect: number;
  meanPDetect: number;
}

export function summarizeProfile(bins: readonly ProfileBin[]): ProfileSummary {
  let total = 0;
  let covered = 0;
  const atLeast = [0, 0, 0];
  let mean = 0;
  let weakest = bins[0];
  const gaps: ProfileSummary['gaps'] = [];
  for (const b of bins) {
    const len = b.toKm - b.fromKm;
    total += len;
    mean += b.pDetect * len;
    if (b.pDetect >= GAP_P) covered += len;
    for (let j = 0; j < 3; j++) if (b.k >= j + 1) atLeast[j] += len;
    if (b.pDetect < weakest.pDetect) weakest = b;
    if (b.pDetect < GAP_P) {
      const last = gaps[gaps.length - 1];
      if (last && last.toKm === b.fromKm) {
        last.toKm = b.toKm;
        last.minPDetect = Math.min(last.minPDetect, b.pDetect);
      } else gaps.push({ fromKm: b.fromKm, toKm: b.toKm, minPDetect: b.pDetect });
    }
  }
  return {
    coveredFraction: covered / total,
    kCoverage: { atLeast1: atLeast[0] / total, atLeast2: atLeast[1] / total, atLeast3: atLeast[2] / total },
    gaps,
    weakestKm: weakest.km,
    weakestPDetect: weakest.pDetect,
    meanPDetect: mean / total,
  };
}
