/**
 * Candidate towers of the placement search (docs/model.md §9) and what each one contributes to the
 * analytic coverage, computed once. Pure.
 *
 * Candidates stand on a grid of chainages about `stepM` apart (both ends included), at the layout's
 * setback, one per height of the list. A world whose towers are all the candidates (`candidateTowers`
 * builds its layout; the caller builds the world through the one world builder) gives every candidate
 * its cameras at their true positions, so the terms below are the coverage's own (rate.ts).
 *
 * Per candidate and per camera, on the nodes of the breach grid (breachGrid.ts) that the camera can see
 * — a block of columns around the tower — we keep P∞ and the rate at full attention, λ₁ = duty·P∞/τ.
 * An operator's attention share a only scales the rate (λ = a·λ₁), so one precomputation serves every
 * tower count. From the block the objective (objective.ts) derives, by addition only:
 *   - the surrogate rates of the breach search, Σ λ and Σ A·P∞·λ per node (additive over cameras);
 *   - per straight column, log(1 − A·P_c) of each camera (additive over cameras: a column's
 *     P(detect) is 1 − exp(Σ log(1 − A·P_c)));
 *   - the exact bounded P(detect) of any path, per camera over the path's nodes.
 * The line-of-sight test — the costly part — is done once per (candidate, node): a tower's cameras
 * share their mount.
 */
import { boundedDetect, newBoundedScratch, type BoundedScratch } from '../coverage/bounded.ts';
import { columnPoints, columnTimes, gridGeometry, type Grid } from '../coverage/breachGrid.ts';
import { cameraSees, cameraView, newLook, type RateContext } from '../coverage/rate.ts';
import type { TowerLayoutSpec } from '../core/spec.ts';
import { rangeForProbability } from '../core/sensors/thermal.ts';

/** Default spacing of candidate chainages, metres. */
export const CANDIDATE_STEP_M = 100;

/**
 * P∞ below which the search ignores a camera's look at a node (an approximation of the search only;
 * the reported figures come from the full coverage). A camera that never sees the target above P∞ =
 * 0.05 detects it with P_c ≤ 0.05 (search levels off at P∞); keeping those far looks would widen every
 * tower's block from ~6 km to the ~25 km where P∞ reaches the coverage's own cut of 10⁻⁴, making each
 * change of the search reach four times as many windows, for a few hundredths of P.
 */
export const SEARCH_MIN_PINF = 0.05;

/** The candidate chainages and heights, ascending by chainage then height. */
export interface CandidateGrid {
  /** Number of chainage slots; slot i is at i·slotM. */
  slots: number;
  slotM: number;
  heightsM: readonly number[];
  /** Candidate c is slot ⌊c / heights⌋ at height heightsM[c mod heights]. */
  count: number;
}

/** Slots every ~stepM over [0, lengthM], both ends included. */
export function candidateGrid(lengthM: number, heightsM: readonly number[], stepM = CANDIDATE_STEP_M): CandidateGrid {
  const n = Math.max(1, Math.round(lengthM / stepM));
  return { slots: n + 1, slotM: lengthM / n, heightsM: [...heightsM], count: (n + 1) * heightsM.length };
}

export const slotOf = (g: CandidateGrid, c: number) => Math.floor(c / g.heightsM.length);
export const heightOf = (g: CandidateGrid, c: number) => g.heightsM[c % g.heightsM.length];
export const candidateOf = (g: CandidateGrid, slot: number, h: number) => slot * g.heightsM.length + h;

/** The tower layout of a set of candidates (ascending), at the given setback. */
export function layoutOf(g: CandidateGrid, cands: readonly number[], setbackM: number): TowerLayoutSpec {
  return {
    at: cands.map((c) => ({ km: (slotOf(g, c) * g.slotM) / 1000, heightM: heightOf(g, c) })),
    setbackM,
    heightM: g.heightsM[0],
  };
}

/** The layout of every candidate: the towers of the world the contributions are computed in. */
export function candidateTowers(g: CandidateGrid, setbackM: number): TowerLayoutSpec {
  return layoutOf(g, Array.from({ length: g.count }, (_, c) => c), setbackM);
}

/** Each candidate's contribution, on the breach grid. */
export interface Contributions {
  grid: Grid;
  cand: CandidateGrid;
  /** Time at each node of a straight column, s (index R, the wall, is per column: grid.wallS). */
  colTime: Float64Array;
  /** Cameras per tower. */
  cams: number;
  /** Columns [col0, col1) of each candidate's block (empty when it sees nothing). */
  col0: Int32Array;
  col1: Int32Array;
  /** Per candidate: P∞ and the full-attention rate λ₁ at node ((i − col0)·(R + 1) + j)·cams + camera. */
  pInf: Float32Array[];
  rate: Float32Array[];
  /** Availability A (docs/model.md §8). */
  availability: number;
  speedMps: number;
}

/**
 * Computes every candidate's block. `ctx` is the rate context of the world whose towers are
 * `candidateTowers(cand, …)` (tower c = candidate c); its attention share is ignored (rates are kept
 * at full attention). `onCandidate` reports progress.
 */
export function computeContributions(
  ctx: RateContext,
  cand: CandidateGrid,
  cellM: number,
  range: [number, number] = [0, cand.count],
  onCandidate?: (c: number) => void,
  minPInf = SEARCH_MIN_PINF,
): Contributions {
  const w = ctx.world;
  const cams = w.config.cameras.length;
  if (w.towers.count !== cand.count) throw new Error(`contributions: the world has ${w.towers.count} towers, expected ${cand.count} candidates`);
  const grid = gridGeometry(ctx, cellM);
  const { C, R, ds } = grid;
  const P = R + 1;
  // Node positions of every column, once (index R: the wall's crossing point).
  const xs = new Float64Array(C * P);
  const ys = new Float64Array(C * P);
  const zs = new Float64Array(C * P);
  const cx = new Float64Array(P);
  const cy = new Float64Array(P);
  const cz = new Float64Array(P);
  for (let i = 0; i < C; i++) {
    columnPoints(ctx, grid, i, cx, cy, cz);
    xs.set(cx, i * P);
    ys.set(cy, i * P);
    zs.set(cz, i * P);
  }
  const out: Contributions = {
    grid,
    cand,
    colTime: columnTimes(grid, ctx.ref.speedMps),
    cams,
    col0: new Int32Array(cand.count),
    col1: new Int32Array(cand.count),
    pInf: new Array(cand.count),
    rate: new Array(cand.count),
    availability: ctx.watch.availability,
    speedMps: ctx.ref.speedMps,
  };
  // Columns within reach along the line: the range where P∞ falls to minPInf, and 500 m more for
  // bends (on a straight line the range alone would do; a column's far points fan out on a bend).
  const reachM = searchReachM(ctx, minPInf) + 500;
  const look = newLook();
  const att = ctx.watch.attention;
  const empty = new Float32Array(0);
  for (let c = 0; c < cand.count; c++) {
    out.pInf[c] = empty;
    out.rate[c] = empty;
  }
  for (let c = range[0]; c < range[1]; c++) {
    const s = w.towers.sM[c];
    const lo = Math.max(0, Math.floor((s - reachM) / ds));
    const hi = Math.min(C, Math.ceil((s + reachM) / ds) + 1);
    const n = (hi - lo) * P * cams;
    const pBuf = new Float32Array(n);
    const rBuf = new Float32Array(n);
    let first = hi;
    let last = lo - 1;
    for (let i = lo; i < hi; i++) {
      for (let j = 0; j < P; j++) {
        const node = i * P + j;
        const x = xs[node];
        const y = ys[node];
        const z = zs[node];
        let seen = -1;
        for (let m = 0; m < cams; m++) {
          const k = c * cams + m;
          if (cameraView(ctx, k, x, y, z, look) <= 0 || look.pInf < minPInf) continue;
          // One sight test per tower and node: the tower's cameras share their mount.
          if (seen < 0) seen = cameraSees(ctx, k, x, y, z) ? 1 : 0;
          if (seen === 0) break;
          const at = ((i - lo) * P + j) * cams + m;
          pBuf[at] = look.pInf;
          rBuf[at] = look.rate / att;
          if (i < first) first = i;
          if (i > last) last = i;
        }
      }
    }
    if (last >= first) {
      out.col0[c] = first;
      out.col1[c] = last + 1;
      out.pInf[c] = pBuf.slice((first - lo) * P * cams, (last + 1 - lo) * P * cams);
      out.rate[c] = rBuf.slice((first - lo) * P * cams, (last + 1 - lo) * P * cams);
    }
    onCandidate?.(c);
  }
  return out;
}

/** The farthest horizontal range at which any camera model reaches P∞ ≥ minPInf on the reference target, m. */
export function searchReachM(ctx: RateContext, minPInf: number): number {
  let reach = 0;
  ctx.world.models.forEach((m, i) => {
    const r = m.thermal ? rangeForProbability(m.thermal, ctx.n50[i], ctx.ref.criticalDimM, ctx.ref.effectiveDeltaTK, ctx.ref.sigmaPerKm, minPInf, ctx.maxRangeM[i]) : ctx.maxRangeM[i];
    reach = Math.max(reach, r);
  });
  return reach;
}

/** rate·time without 0·Infinity: no time, no exposure. */
export const exposure = (rate: number, timeS: number) => (timeS > 0 && rate > 0 ? rate * timeS : 0);

/**
 * Σ over the candidate's cameras of log(1 − A·P_c) for each column of its block, at attention a:
 * the candidate's additive term of a straight column's log-probability of going undetected.
 */
export function columnLogMiss(k: Contributions, c: number, attention: number, scratch: BoundedScratch = newBoundedScratch()): Float64Array {
  const { R } = k.grid;
  const P = R + 1;
  const cams = k.cams;
  const n = k.col1[c] - k.col0[c];
  const out = new Float64Array(n);
  const ps = new Float64Array(P);
  const es = new Float64Array(P);
  const pInf = k.pInf[c];
  const rate = k.rate[c];
  const A = k.availability;
  for (let ii = 0; ii < n; ii++) {
    const i = k.col0[c] + ii;
    let sum = 0;
    for (let m = 0; m < cams; m++) {
      let q = 0;
      for (let j = 0; j < P; j++) {
        const at = (ii * P + j) * cams + m;
        if (pInf[at] <= 0) continue;
        ps[q] = pInf[at];
        es[q] = exposure(rate[at] * attention, j === R ? k.grid.wallS[i] : k.colTime[j]);
        q++;
      }
      if (q > 0) sum += Math.log1p(-A * boundedDetect(ps, es, q, scratch));
    }
    out[ii] = sum;
  }
  return out;
}
