/**
 * The worst-case breach path (Meguerdichian, Koushanfar, Potkonjak and Srivastava, "Coverage problems
 * in wireless ad-hoc sensor networks", INFOCOM 2001; DOMAIN.md §6): the path across the strip along
 * which the reference target is least likely to be detected, by Dijkstra over a grid. Pure.
 *
 * Grid. Columns at chainages s_i (cells of about cellM along the border), rows at offsets d_j: the far
 * leg from −approachM to the wall's far face (−w/2), the home leg from the home face (+w/2) to depthM,
 * each cut into equal steps of about cellM. Node (i, j) lies at station(s_i) + n·d_j, the target's top
 * heightM above the ground there; its rate λ is the analytic rate of rate.ts (time-averaged for
 * panning cameras). Moves go to the 8 neighbours within a leg, with weight ½(λa + λb)·length / speed
 * (the trapezoid rule for ∫λ dt along the move). The wall is crossed from the far face to the home
 * face, straight or to a neighbouring column, at the cost of its crossing: λ(crest)·delayS outside a
 * gap (the simulation keeps a climber on the crest for delayS), λ(ground)·widthM / speed in a gap. The
 * target may walk along the foot of the wall (the dead zone) to a gap, as a real one would.
 * Dijkstra runs from every far-edge node to any home-edge node; P(detect) = 1 − exp(−Σw).
 */
import { isInGap } from '../core/barrier.ts';
import { newStation, stationAt } from '../core/border.ts';
import { groundHeightAt } from '../core/terrain/ground.ts';
import type { RateContext } from './rate.ts';
import { camerasNear, hazardRateAmong } from './rate.ts';

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

export interface BreachResult {
  /** P(detect) along the least-detected grid path. */
  pDetect: number;
  hazard: number;
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

export function breachPath(ctx: RateContext, opts: BreachOptions = {}): BreachResult {
  const w = ctx.world;
  const L = w.border.lengthM;
  const halfW = w.barrier.widthM / 2;
  const v = ctx.ref.speedMps;
  const cell = opts.cellM ?? defaultBreachCellM(L, w.approachM + w.depthM);
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

  // Rates at the nodes (node = i·R + j) and the cost of crossing the wall in each column.
  const lambda = new Float64Array(C * R);
  const wall = new Float64Array(C);
  const st = newStation();
  for (let i = 0; i < C; i++) {
    const s = (i + 0.5) * ds;
    stationAt(w.border, s, st);
    const ax = st.x - st.nx * w.approachM;
    const ay = st.y - st.ny * w.approachM;
    const bx = st.x + st.nx * w.depthM;
    const by = st.y + st.ny * w.depthM;
    const ids = camerasNear(ctx, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    for (let j = 0; j < R; j++) {
      const x = st.x + st.nx * offset[j];
      const y = st.y + st.ny * offset[j];
      lambda[i * R + j] = ids.length ? hazardRateAmong(ctx, ids, x, y, groundHeightAt(w.ground, x, y) + ctx.ref.heightM) : 0;
    }
    const g = groundHeightAt(w.ground, st.x, st.y);
    if (!ids.length) wall[i] = 0;
    else if (isInGap(w.barrier, s)) wall[i] = (hazardRateAmong(ctx, ids, st.x, st.y, g + ctx.ref.heightM) * w.barrier.widthM) / v;
    else wall[i] = hazardRateAmong(ctx, ids, st.x, st.y, g + w.barrier.heightM + 0.5 * ctx.ref.heightM) * ctx.ref.barrierDelayS;
  }

  // The best straight crossing on this grid: a column walked from the far edge to the home edge.
  let straight = Infinity;
  let straightCol = 0;
  for (let i = 0; i < C; i++) {
    let h = wall[i];
    for (let j = 0; j < R - 1; j++) {
      if (j === farFace) continue;
      const step = j < farFace ? dF : dH;
      h += (0.5 * (lambda[i * R + j] + lambda[i * R + j + 1]) * step) / v;
    }
    if (h < straight) {
      straight = h;
      straightCol = i;
    }
  }

  // Dijkstra from the whole far edge.
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
    const step = home ? dH : dF;
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

  const points: BreachPoint[] = [];
  let hazard = Infinity;
  if (goal >= 0) {
    hazard = dist[goal];
    const chain: number[] = [];
    for (let n = goal; n >= 0; n = prev[n]) chain.push(n);
    chain.reverse();
    // Keep the end points and every turn.
    const dir = (a: number, b: number) => `${Math.floor(b / R) - Math.floor(a / R)},${(b % R) - (a % R) > 0 ? 1 : (b % R) - (a % R) < 0 ? -1 : 0}`;
    for (let k = 0; k < chain.length; k++) {
      if (k > 0 && k < chain.length - 1 && dir(chain[k - 1], chain[k]) === dir(chain[k], chain[k + 1])) continue;
      const n = chain[k];
      const i = Math.floor(n / R);
      const j = n - i * R;
      const s = (i + 0.5) * ds;
      stationAt(w.border, s, st);
      points.push({ km: s / 1000, offsetM: offset[j], x: st.x + st.nx * offset[j], y: st.y + st.ny * offset[j] });
    }
  }
  const p = (h: number) => (h === Infinity ? 1 : 1 - Math.exp(-h));
  return {
    pDetect: p(hazard),
    hazard,
    straightPDetect: p(straight),
    straightKm: ((straightCol + 0.5) * ds) / 1000,
    cellAlongM: ds,
    cellAcrossM: Math.max(dF, dH),
    columns: C,
    rows: R,
    points,
  };
}
