/**
 * The analytic coverage profile (docs/model.md §6): for the reference target crossing straight at
 * chainage s, the probability that some camera detects it, per chainage bin; k-coverage on the
 * barrier line; gaps (P < 0.5) and the weakest point. Pure and deterministic.
 *
 * Search is bounded (docs/model.md §3): camera c detects with probability P_c, the exact integral over
 * its threshold u of bounded.ts; it is in service with probability A, independently of the others,
 * so the cameras combine as independent observers, P(s) = 1 − Π_c (1 − A·P_c). The rate includes
 * the watch mode's attention share (watch.ts).
 *
 * The path and the integration follow the attempt's step loop (src/core/attempt.ts): the target walks
 * from approachM out along the local normal, waits delayS on the wall's crest (outside a gap) and
 * walks depthM in; the time axis is cut into steps k·h from the start and P∞ and λ are taken at each
 * step's midpoint (the last step shortened to end at the through time). The only differences are the
 * step (by default 5 m of walking rather than the run's stepS; a parameter), the time-averaged rate of
 * panning cameras (rate.ts) and the attention share at the expected number of cameras in service
 * (watch.ts).
 */
import { isInGap } from '../core/barrier.ts';
import { newStation, stationAt } from '../core/border.ts';
import { groundHeightAt } from '../core/terrain/ground.ts';
import { boundedDetect, newBoundedScratch } from './bounded.ts';
import type { RateContext } from './rate.ts';
import { inReach } from '../core/cameras.ts';
import { cameraPInf, cameraSees, cameraView, camerasNear, newLook } from './rate.ts';
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
 * Absolute error allowed on a profile P(detect): cameras are taken from the most to the least potent
 * (by an upper bound of their A·P_c over the path) and the product stops when the bound on everything
 * left cannot move P by more than this: with Q the product so far and B the sum of the bounds left,
 * Π(1 − A·P_c) ≥ 1 − B over them, so P can still grow by at most Q·B.
 */
export const PROFILE_TOLERANCE = 1e-6;

const look = newLook();
const scratch = newBoundedScratch();

/**
 * P(detect) of the straight crossing at chainage sM: 1 − Π_c (1 − A·P_c), each camera's P_c the
 * bounded-search integral over the path's step midpoints (bounded.ts).
 *
 * Two passes, for speed: the first takes every near camera's P∞ and rate at every step without the
 * line-of-sight test, which gives each camera the bound A·max P∞·(1 − e^(−∫λ)) ≥ A·P_c (sight only
 * removes exposure; H(u) ≤ ∫λ, and H(u) = 0 above max P∞). The second tests sight only for the
 * cameras that can still matter, most potent first, until the tolerance above is met. Cameras whose
 * pan sector never faces the path, or that see it only at a small P∞, cost no sight test at all.
 */
export function crossingPDetect(ctx: RateContext, sM: number, stepS = PROFILE_STEP_M / ctx.ref.speedMps): number {
  const w = ctx.world;
  const p = crossingPath(ctx, sM);
  const ax = p.px - p.nx * w.approachM;
  const ay = p.py - p.ny * w.approachM;
  const bx = p.px + p.nx * w.depthM;
  const by = p.py + p.ny * w.depthM;
  const ids = camerasNear(ctx, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  const A = ctx.watch.availability;
  if (ids.length === 0 || A <= 0) return 0;
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
  // Pass 1, no sight tests: per camera the steps it may see, their P∞ and exposure, and its bound.
  const C = ids.length;
  const seenAt = new Int32Array(C * m);
  const pAt = new Float64Array(C * m);
  const eAt = new Float64Array(C * m);
  const count = new Int32Array(C);
  const cams = ids.map((k, c) => {
    let pMax = 0;
    let exposure = 0;
    let s = 0;
    for (let i = 0; i < m; i++) {
      const r = cameraView(ctx, k, xs[i], ys[i], zs[i], look);
      if (r <= 0) continue;
      seenAt[c * m + s] = i;
      pAt[c * m + s] = look.pInf;
      eAt[c * m + s] = r * hs[i];
      exposure += r * hs[i];
      if (look.pInf > pMax) pMax = look.pInf;
      s++;
    }
    count[c] = s;
    return { c, k, bound: A * pMax * (exposure === Infinity ? 1 : -Math.expm1(-exposure)) };
  });
  cams.sort((a, b) => b.bound - a.bound || a.k - b.k);
  let rest = 0;
  for (const b of cams) rest += b.bound;
  // Pass 2: sight tests, most potent camera first. Q = Π (1 − A·P_c), the chance no camera taken so far detects.
  const ps = new Float64Array(m);
  const es = new Float64Array(m);
  let q = 1;
  for (const b of cams) {
    if (b.bound === 0) break;
    rest -= b.bound;
    let s = 0;
    for (let j = b.c * m, end = j + count[b.c]; j < end; j++) {
      const i = seenAt[j];
      if (!cameraSees(ctx, b.k, xs[i], ys[i], zs[i])) continue;
      ps[s] = pAt[j];
      es[s] = eAt[j];
      s++;
    }
    q *= 1 - A * boundedDetect(ps, es, s, scratch);
    if (q * Math.max(rest, 0) < PROFILE_TOLERANCE) break;
  }
  return 1 - q;
}

/**
 * k at chainage sM: the cameras that can look at the reference target where it crosses the barrier
 * line (on the crest, or on the ground at a gap) — within their fixed view or scan sector, with a line
 * of sight — and see it there with P∞ ≥ 0.5 (P∞ on the criterion that raises an alarm in the watch
 * mode: the analytics' N50 in analytics mode). Availability and attention play no part: k counts
 * what the deployment can see, not what a given day's outages and operators make of it.
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

/** The profile over the whole border: one straight crossing at each bin's centre. */
export function coverageProfile(ctx: RateContext, opts: ProfileOptions = {}): ProfileBin[] {
  return profileBins(ctx, opts);
}

/**
 * Bins [from, to) of the profile (clamped to the bins there are): each depends only on its own
 * crossing, so the profile can be computed in slices, anywhere, and joined in order.
 */
export function profileBins(ctx: RateContext, opts: ProfileOptions = {}, from = 0, to = Infinity): ProfileBin[] {
  const edges = profileEdgesM(ctx.world.border.lengthM, opts.binM);
  const stepS = (opts.stepM ?? PROFILE_STEP_M) / ctx.ref.speedMps;
  const bins: ProfileBin[] = [];
  for (let i = Math.max(0, from); i + 1 < edges.length && i < to; i++) {
    const s = 0.5 * (edges[i] + edges[i + 1]);
    bins.push({ km: s / 1000, fromKm: edges[i] / 1000, toKm: edges[i + 1] / 1000, pDetect: crossingPDetect(ctx, s, stepS), k: kAt(ctx, s) });
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
