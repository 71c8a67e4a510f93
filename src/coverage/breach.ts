/**
 * The worst-case breach path (Meguerdichian, Koushanfar, Potkonjak and Srivastava, "Coverage problems
 * in wireless ad-hoc sensor networks", INFOCOM 2001; docs/model.md §6): the path across the strip
 * along which the reference target is least likely to be detected, by Dijkstra over a grid. Pure.
 *
 * Grid. Columns at chainages s_i (cells of about cellM along the border), rows at offsets d_j: the far
 * leg from −approachM to the wall's far face (−w/2), the home leg from the home face (+w/2) to depthM,
 * each cut into equal steps of about cellM. Node (i, j) lies at station(s_i) + n·d_j, the target's top
 * heightM above the ground there. Moves go to the 8 neighbours within a leg, taking length / speed
 * of time, shared half and half by their two end nodes (the trapezoid rule). The wall is crossed from
 * the far face to the home face, straight or to a neighbouring column, at the time cost of its
 * crossing: delayS on the crest outside a gap (the simulation keeps a climber there for delayS),
 * widthM / speed on the ground in a gap. The target may walk along the foot of the wall (the dead
 * zone) to a gap, as a real one would.
 *
 * Search on a surrogate, evaluate exactly. Under bounded search a path's P(detect) is
 * 1 − Π_c (1 − A·P_c) with P_c an integral over each camera's threshold (bounded.ts): not a sum of
 * per-cell weights, so Dijkstra cannot minimise it directly. It minimises two additive surrogates
 * instead, each a node rate times the time spent there:
 *   - the hazard, Σ_c λ_c (λ = a·duty·P∞/τ): the unbounded model's ∫λ dt, which shuns every exposure;
 *   - the bounded first-order term, Σ_c A·P∞_c·λ_c: ∫₀¹ H(u) du = Σ P∞·λ·dt is the small-exposure
 *     limit of P_c (and an upper bound of it), so this one discounts long looks at low P∞ the way the
 *     bounded model does.
 * Both paths found, and every straight column of the grid, are then evaluated exactly with the
 * bounded formula over their nodes (each node's P∞ and rate per camera, the time weights above), and
 * the least detected of them is the result. Its P(detect) is exact for that path (on the grid's
 * sampling); that no other path is less detected is not guaranteed, as with any surrogate — the
 * value is an upper bound of the true worst case, and never above the best straight crossing.
 */
import { isInGap } from '../core/barrier.ts';
import { newStation, stationAt } from '../core/border.ts';
import { groundHeightAt } from '../core/terrain/ground.ts';
import { boundedDetect, newBoundedScratch, type BoundedScratch } from './bounded.ts';
import type { RateContext } from './rate.ts';
import { cameraLook, camerasNear, newLook } from './rate.ts';

/** Largest number of grid nodes the default cell size allows. */
export const MAX_BREACH_NODES = 150_000;
export const MIN_BREACH_CELL_M = 10;

export interface BreachPoint {
  km: number;
  /** Signed offset from the border line, metres (far side < 0). */
  offsetM: number;
  x: number;
  y: number;
}

/** Which candidate gave the breach path: a Dijkstra path on one of the two surrogates, or a straight column. */
export type BreachFound = 'hazard' | 'bounded' | 'straight';

export interface BreachResult {
  /** P(detect) along the least-detected of the candidate paths, evaluated exactly (bounded search). */
  pDetect: number;
  found: BreachFound;
  /** Exact P(detect) of the Dijkstra path on each surrogate (1 when the surrogate found no finite path). */
  surrogatePDetect: { hazard: number; bounded: number };
  /** P(detect) of the best straight crossing on the same grid (a column): never below pDetect. */
  straightPDetect: number;
  straightKm: number;
  cellAlongM: number;
  cellAcrossM: number;
  columns: number;
  rows: number;
  /** The path's turning points, far edge first. */
  points: BreachPoint[];
}

/** Default cell size: the strip's area over MAX_BREACH_NODES, rounded up to 5 m, at least 10 m. */
export function defaultBreachCellM(lengthM: number, stripM: number): number {
  const c = Math.sqrt((lengthM * stripM) / MAX_BREACH_NODES);
  return Math.max(MIN_BREACH_CELL_M, Math.ceil(c / 5) * 5);
}

/** A binary min-heap of (key, node) with lazy deletion: stale entries are skipped when popped. */
class MinHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.nodes = new Int32Array(Math.max(16, capacity));
  }
  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      const n = new Int32Array(this.size * 2);
      k.set(this.keys);
      n.set(this.nodes);
      this.keys = k;
      this.nodes = n;
    }
    let i = this.size++;
    // Ties broken by node id, so the path found never depends on insertion order details.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] < key || (this.keys[p] === key && this.nodes[p] <= node)) break;
      this.keys[i] = this.keys[p];
      this.nodes[i] = this.nodes[p];
      i = p;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }
  /** Pops the smallest; returns its node and leaves its key in `lastKey`. */
  lastKey = 0;
  pop(): number {
    const top = this.nodes[0];
    this.lastKey = this.keys[0];
    const key = this.keys[--this.size];
    const node = this.nodes[this.size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      let c = l;
      if (r < this.size && (this.keys[r] < this.keys[l] || (this.keys[r] === this.keys[l] && this.nodes[r] < this.nodes[l]))) c = r;
      if (this.keys[c] > key || (this.keys[c] === key && this.nodes[c] >= node)) break;
      this.keys[i] = this.keys[c];
      this.nodes[i] = this.nodes[c];
      i = c;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }
}

export interface BreachOptions {
  /** Cell size along and across the strip, metres. Default: defaultBreachCellM. */
  cellM?: number;
}

/** The grid: its geometry, the surrogate rates at its nodes and the wall's crossing in each column. */
interface Grid {
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
function columnPoints(ctx: RateContext, g: Grid, i: number, xs: Float64Array, ys: Float64Array, zs: Float64Array): number {
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

function buildGrid(ctx: RateContext, cell: number): Grid {
  const w = ctx.world;
  const L = w.border.lengthM;
  const halfW = w.barrier.widthM / 2;
  const v = ctx.ref.speedMps;
  const A = ctx.watch.availability;
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
  // Time at each node of a straight column (trapezoid weights of its moves), the wall's point last.
  const colTime = new Float64Array(R + 1);
  for (let j = 0; j < R - 1; j++) {
    if (j === farFace) continue;
    const t = (j < farFace ? dF : dH) / v;
    colTime[j] += t / 2;
    colTime[j + 1] += t / 2;
  }
  const xs = new Float64Array(R + 1);
  const ys = new Float64Array(R + 1);
  const zs = new Float64Array(R + 1);
  const ps = new Float64Array(R + 1);
  const es = new Float64Array(R + 1);
  const look = newLook();
  const scratch = newBoundedScratch();
  for (let i = 0; i < C; i++) {
    const s = columnPoints(ctx, g, i, xs, ys, zs);
    const ids = camerasAround(ctx, xs, ys, R + 1);
    const wallS = isInGap(w.barrier, s) ? w.barrier.widthM / v : ctx.ref.barrierDelayS;
    g.wallS[i] = wallS;
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

/** A binary-heap Dijkstra from the whole far edge to any home-edge node on one surrogate; the node chain, or null. */
function leastPath(g: Grid, weights: { node: Float64Array; wall: Float64Array }, v: number): number[] | null {
  const { C, R, ds, farFace, homeFace } = g;
  const lambda = weights.node;
  const wall = weights.wall;
  const N = C * R;
  const dist = new Float64Array(N).fill(Infinity);
  const prev = new Int32Array(N).fill(-1);
  const done = new Uint8Array(N);
  const heap = new MinHeap(4 * C);
  for (let i = 0; i < C; i++) {
    dist[i * R] = 0;
    heap.push(0, i * R);
  }
  let goal = -1;
  const relax = (from: number, to: number, weight: number) => {
    const nd = dist[from] + weight;
    if (nd < dist[to]) {
      dist[to] = nd;
      prev[to] = from;
      heap.push(nd, to);
    }
  };
  while (heap.size > 0) {
    const u = heap.pop();
    if (done[u] || heap.lastKey > dist[u]) continue;
    done[u] = 1;
    if (dist[u] === Infinity) break;
    const i = Math.floor(u / R);
    const j = u - i * R;
    if (j === R - 1) {
      goal = u;
      break;
    }
    const lu = lambda[u];
    if (j === farFace) {
      // Over the wall (or through a gap) to the home face: straight or to a neighbouring column.
      for (let di = -1; di <= 1; di++) {
        const i2 = i + di;
        if (i2 < 0 || i2 >= C) continue;
        relax(u, i2 * R + homeFace, di === 0 ? wall[i] : 0.5 * (wall[i] + wall[i2]));
      }
    }
    const home = j >= homeFace;
    const step = home ? g.dH : g.dF;
    const jLo = home ? homeFace : 0;
    const jHi = home ? R - 1 : farFace;
    for (let dj = -1; dj <= 1; dj++) {
      const j2 = j + dj;
      if (j2 < jLo || j2 > jHi) continue;
      for (let di = -1; di <= 1; di++) {
        if (di === 0 && dj === 0) continue;
        const i2 = i + di;
        if (i2 < 0 || i2 >= C) continue;
        const t = i2 * R + j2;
        if (done[t]) continue;
        const len = Math.hypot(di * ds, dj * step);
        relax(u, t, (0.5 * (lu + lambda[t]) * len) / v);
      }
    }
  }
  if (goal < 0) return null;
  const chain: number[] = [];
  for (let n = goal; n >= 0; n = prev[n]) chain.push(n);
  return chain.reverse();
}

/**
 * Exact P(detect) of a grid path under bounded search: the time the path spends at each node (half
 * of each adjacent move, as in the surrogates) and on the wall of the column(s) it climbs, then per
 * camera the bounded integral over those points (bounded.ts), combined over cameras with availability.
 */
function pathPDetect(ctx: RateContext, g: Grid, chain: readonly number[], scratch: BoundedScratch = newBoundedScratch()): number {
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

export function breachPath(ctx: RateContext, opts: BreachOptions = {}): BreachResult {
  const w = ctx.world;
  const L = w.border.lengthM;
  const v = ctx.ref.speedMps;
  const cell = opts.cellM ?? defaultBreachCellM(L, w.approachM + w.depthM);
  const g = buildGrid(ctx, cell);
  const { C, R } = g;

  // The best straight crossing on this grid: the column of least exact P.
  let straightCol = 0;
  for (let i = 1; i < C; i++) if (g.columnP[i] < g.columnP[straightCol]) straightCol = i;
  const straightP = g.columnP[straightCol];

  // Dijkstra on each surrogate; each path found evaluated exactly.
  const scratch = newBoundedScratch();
  const hazardPath = leastPath(g, g.hazard, v);
  const boundedPath = leastPath(g, g.bounded, v);
  const hazardP = hazardPath ? pathPDetect(ctx, g, hazardPath, scratch) : 1;
  const boundedP = boundedPath ? pathPDetect(ctx, g, boundedPath, scratch) : 1;
  // The least detected candidate; ties go to the simpler path (straight, then hazard).
  let found: BreachFound = 'straight';
  let pDetect = straightP;
  let chain: number[] = [straightCol * R, straightCol * R + R - 1];
  if (hazardPath && hazardP < pDetect) {
    found = 'hazard';
    pDetect = hazardP;
    chain = hazardPath;
  }
  if (boundedPath && boundedP < pDetect) {
    found = 'bounded';
    pDetect = boundedP;
    chain = boundedPath;
  }

  // Keep the end points and every turn.
  const points: BreachPoint[] = [];
  const st = newStation();
  const dir = (a: number, b: number) => `${Math.floor(b / R) - Math.floor(a / R)},${(b % R) - (a % R) > 0 ? 1 : (b % R) - (a % R) < 0 ? -1 : 0}`;
  for (let k = 0; k < chain.length; k++) {
    if (k > 0 && k < chain.length - 1 && dir(chain[k - 1], chain[k]) === dir(chain[k], chain[k + 1])) continue;
    const n = chain[k];
    const i = Math.floor(n / R);
    const j = n - i * R;
    const s = (i + 0.5) * g.ds;
    stationAt(w.border, s, st);
    points.push({ km: s / 1000, offsetM: g.offset[j], x: st.x + st.nx * g.offset[j], y: st.y + st.ny * g.offset[j] });
  }
  return {
    pDetect,
    found,
    surrogatePDetect: { hazard: hazardP, bounded: boundedP },
    straightPDetect: straightP,
    straightKm: ((straightCol + 0.5) * g.ds) / 1000,
    cellAlongM: g.ds,
    cellAcrossM: Math.max(g.dF, g.dH),
    columns: C,
    rows: R,
    points,
  };
}
