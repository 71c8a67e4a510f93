/**
 * The breach grid (breach.ts) and the exact P(detect) of paths on it. Pure.
 *
 * Columns at chainages s_i (cells of about cellM along the border), rows at offsets d_j: the far leg
 * from −approachM to the wall's far face (−w/2), the home leg from the home face (+w/2) to depthM,
 * each cut into equal steps of about cellM. Node (i, j) lies at station(s_i) + n·d_j, the target's top
 * heightM above the ground there. A move between neighbouring nodes takes length / speed, shared half
 * and half by its two end nodes (the trapezoid rule); crossing the wall takes delayS on the crest
 * outside a gap (the simulation keeps a climber there for delayS), widthM / speed on the ground in a
 * gap. Each node carries the rates of the two additive surrogates breach.ts searches on, and each
 * straight column its exact bounded P(detect).
 */
import { isInGap } from '../core/barrier.ts';
import { newStation, stationAt } from '../core/border.ts';
import { groundHeightAt } from '../core/terrain/ground.ts';
import { boundedDetect, newBoundedScratch, type BoundedScratch } from './bounded.ts';
import type { RateContext } from './rate.ts';
import { cameraLook, camerasNear, newLook } from './rate.ts';

/** The grid: its geometry, the surrogate rates at its nodes and the wall's crossing in each column. */
export interface Grid {
  C: number;
  R: number;
  ds: number;
  dF: number;
  dH: number;
  farFace: number;
  homeFace: number;
  offset: Float64Array;
  /** Time on the wall when crossing it in each column, seconds (delayS on the crest, or width / speed in a gap). */
  wallS: Float64Array;
  /** Surrogate weights: rate at each node (i·R + j), and the wall crossing's weight in each column. */
  hazard: { node: Float64Array; wall: Float64Array };
  bounded: { node: Float64Array; wall: Float64Array };
  /** Exact P(detect) of each column's straight crossing. */
  columnP: Float64Array;
}

/** Positions of the nodes of column i and of its wall crossing point (index R), top of the target; returns its chainage. */
export function columnPoints(ctx: RateContext, g: Grid, i: number, xs: Float64Array, ys: Float64Array, zs: Float64Array): number {
  const w = ctx.world;
  const st = newStation();
  const s = (i + 0.5) * g.ds;
  stationAt(w.border, s, st);
  for (let j = 0; j < g.R; j++) {
    xs[j] = st.x + st.nx * g.offset[j];
    ys[j] = st.y + st.ny * g.offset[j];
    zs[j] = groundHeightAt(w.ground, xs[j], ys[j]) + ctx.ref.heightM;
  }
  const ground = groundHeightAt(w.ground, st.x, st.y);
  xs[g.R] = st.x;
  ys[g.R] = st.y;
  zs[g.R] = isInGap(w.barrier, s) ? ground + ctx.ref.heightM : ground + w.barrier.heightM + 0.5 * ctx.ref.heightM;
  return s;
}

/** The cameras that may see some point of the listed positions (within the search radius of their box). */
function camerasAround(ctx: RateContext, xs: Float64Array, ys: Float64Array, n: number): number[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xs[i]);
    minY = Math.min(minY, ys[i]);
    maxX = Math.max(maxX, xs[i]);
    maxY = Math.max(maxY, ys[i]);
  }
  return camerasNear(ctx, minX, minY, maxX, maxY);
}

/** rate·time without 0·Infinity: no time, no exposure. */
const exposure = (rate: number, timeS: number) => (timeS > 0 && rate > 0 ? rate * timeS : 0);

/**
 * The grid's geometry over the strip (cells of about `cell` metres), its rates and column values all
 * zero; `buildGrid` fills them in for the world's cameras, the placement search (src/optimize/) per
 * candidate tower.
 */
export function gridGeometry(ctx: RateContext, cell: number): Grid {
  const w = ctx.world;
  const L = w.border.lengthM;
  const halfW = w.barrier.widthM / 2;
  const C = Math.max(1, Math.ceil(L / cell - 1e-9));
  const ds = L / C;
  const nF = Math.max(1, Math.ceil((w.approachM - halfW) / cell - 1e-9));
  const nH = Math.max(1, Math.ceil((w.depthM - halfW) / cell - 1e-9));
  const dF = (w.approachM - halfW) / nF;
  const dH = (w.depthM - halfW) / nH;
  const R = nF + 1 + nH + 1;
  const farFace = nF;
  const homeFace = nF + 1;
  const offset = new Float64Array(R);
  for (let j = 0; j <= nF; j++) offset[j] = -w.approachM + j * dF;
  for (let j = 0; j <= nH; j++) offset[homeFace + j] = halfW + j * dH;
  const g: Grid = {
    C, R, ds, dF, dH, farFace, homeFace, offset,
    wallS: new Float64Array(C),
    hazard: { node: new Float64Array(C * R), wall: new Float64Array(C) },
    bounded: { node: new Float64Array(C * R), wall: new Float64Array(C) },
    columnP: new Float64Array(C),
  };
  const v = ctx.ref.speedMps;
  for (let i = 0; i < C; i++) g.wallS[i] = isInGap(w.barrier, (i + 0.5) * ds) ? w.barrier.widthM / v : ctx.ref.barrierDelayS;
  return g;
}

/**
 * Time the target spends at each node of a straight column (index R: on the wall), seconds: the
 * trapezoid weights of its moves; the wall's own time is per column (g.wallS), so index R is left 0.
 */
export function columnTimes(g: Grid, speedMps: number): Float64Array {
  const colTime = new Float64Array(g.R + 1);
  for (let j = 0; j < g.R - 1; j++) {
    if (j === g.farFace) continue;
    const t = (j < g.farFace ? g.dF : g.dH) / speedMps;
    colTime[j] += t / 2;
    colTime[j + 1] += t / 2;
  }
  return colTime;
}

/**
 * The grid of cells of about `cell` metres over the strip: for every node the two surrogate rates
 * summed over the cameras (the hazard λ = a·duty·P∞/τ, and A·P∞·λ), the wall's weights per column,
 * and each straight column's exact bounded P(detect) from the same per-camera samples.
 */
export function buildGrid(ctx: RateContext, cell: number): Grid {
  const w = ctx.world;
  const v = ctx.ref.speedMps;
  const A = ctx.watch.availability;
  const g = gridGeometry(ctx, cell);
  const { C, R } = g;
  // Time at each node of a straight column (trapezoid weights of its moves), the wall's point last.
  const colTime = columnTimes(g, v);
  const xs = new Float64Array(R + 1);
  const ys = new Float64Array(R + 1);
  const zs = new Float64Array(R + 1);
  const ps = new Float64Array(R + 1);
  const es = new Float64Array(R + 1);
  const look = newLook();
  const scratch = newBoundedScratch();
  for (let i = 0; i < C; i++) {
    columnPoints(ctx, g, i, xs, ys, zs);
    const ids = camerasAround(ctx, xs, ys, R + 1);
    const wallS = g.wallS[i];
    colTime[R] = wallS;
    let q = 1;
    let wallHazard = 0;
    let wallBounded = 0;
    for (const k of ids) {
      let n = 0;
      for (let j = 0; j <= R; j++) {
        const r = cameraLook(ctx, k, xs[j], ys[j], zs[j], look);
        if (r <= 0) continue;
        // The bounded surrogate's rate A·P∞·λ (Infinity for an ideal sensor that sees the node, unless A·P∞ = 0).
        const rb = A * look.pInf > 0 ? A * look.pInf * r : 0;
        if (j < R) {
          g.hazard.node[i * R + j] += r;
          g.bounded.node[i * R + j] += rb;
        } else {
          wallHazard += r;
          wallBounded += rb;
        }
        ps[n] = look.pInf;
        es[n] = exposure(r, colTime[j]);
        n++;
      }
      if (n > 0) q *= 1 - A * boundedDetect(ps, es, n, scratch);
    }
    g.columnP[i] = 1 - q;
    g.hazard.wall[i] = exposure(wallHazard, wallS);
    g.bounded.wall[i] = exposure(wallBounded, wallS);
  }
  return g;
}

/**
 * Exact P(detect) of a grid path under bounded search: the time the path spends at each node (half
 * of each adjacent move, as in the surrogates) and on the wall of the column(s) it climbs, then per
 * camera the bounded integral over those points (bounded.ts), combined over cameras with availability.
 */
export function pathPDetect(ctx: RateContext, g: Grid, chain: readonly number[], scratch: BoundedScratch = newBoundedScratch()): number {
  const { R, ds, farFace, homeFace } = g;
  const v = ctx.ref.speedMps;
  const A = ctx.watch.availability;
  // Time per point: grid nodes keyed by node id, wall crossings by −1 − column.
  const time = new Map<number, number>();
  const add = (key: number, t: number) => time.set(key, (time.get(key) ?? 0) + t);
  for (let k = 0; k + 1 < chain.length; k++) {
    const a = chain[k];
    const b = chain[k + 1];
    const ia = Math.floor(a / R);
    const ib = Math.floor(b / R);
    const ja = a - ia * R;
    const jb = b - ib * R;
    if (ja === farFace && jb === homeFace) {
      if (ia === ib) add(-1 - ia, g.wallS[ia]);
      else {
        add(-1 - ia, 0.5 * g.wallS[ia]);
        add(-1 - ib, 0.5 * g.wallS[ib]);
      }
      continue;
    }
    const t = Math.hypot((ib - ia) * ds, (jb - ja) * (ja >= homeFace ? g.dH : g.dF)) / v;
    add(a, t / 2);
    add(b, t / 2);
  }
  const keys = [...time.keys()].sort((x, y) => x - y);
  const n = keys.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const zs = new Float64Array(n);
  const ts = new Float64Array(n);
  const colX = new Float64Array(R + 1);
  const colY = new Float64Array(R + 1);
  const colZ = new Float64Array(R + 1);
  let lastCol = -1;
  keys.forEach((key, q) => {
    const col = key < 0 ? -1 - key : Math.floor(key / R);
    const j = key < 0 ? R : key - col * R;
    if (col !== lastCol) columnPoints(ctx, g, col, colX, colY, colZ);
    lastCol = col;
    xs[q] = colX[j];
    ys[q] = colY[j];
    zs[q] = colZ[j];
    ts[q] = time.get(key)!;
  });
  if (n === 0 || A <= 0) return 0;
  const look = newLook();
  const ps = new Float64Array(n);
  const es = new Float64Array(n);
  let q = 1;
  for (const k of camerasAround(ctx, xs, ys, n)) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const r = cameraLook(ctx, k, xs[i], ys[i], zs[i], look);
      if (r <= 0) continue;
      ps[m] = look.pInf;
      es[m] = exposure(r, ts[i]);
      m++;
    }
    if (m > 0) q *= 1 - A * boundedDetect(ps, es, m, scratch);
  }
  return 1 - q;
}
