/**
 * The least path across a breach grid on one surrogate (breach.ts), or across one window of it (the
 * placement objective, src/optimize/objective.ts): a binary-heap Dijkstra from the whole far edge to
 * any home-edge node, ties broken by node id, with its buffers kept between calls and an optional
 * upper bound on the path's cost. Pure.
 *
 * Why a bound: Dijkstra stops when it pops the first home-edge node, at the least cost d*. Let U be
 * the cost of any path (a chain the caller knows, or the best straight column) and h(j) a lower bound
 * of the cost from row j to the home edge (the least step into each row still to cross, anywhere in
 * the window). A node reached at cost g with g + h > U lies on no least path, so it need not enter the
 * heap. Every node of every least path, and every predecessor the tie-break can pick for one, has
 * g + h ≤ d* ≤ U; with the heap ordered by (cost, node id) those are popped in the same order as
 * without the bound, so the chain found is the same — the bound only keeps the heap small and the
 * search short. The property test checks the chain against a plain Dijkstra on random rates with ties.
 */
import type { Grid } from './breachGrid.ts';
import { MinHeap } from './minHeap.ts';

/** The grid fields a search needs (C: the columns searched, the whole grid's or a window's). */
export type PathGrid = Pick<Grid, 'C' | 'R' | 'ds' | 'dF' | 'dH' | 'farFace' | 'homeFace'>;

/** Surrogate weights over the columns searched: a rate per node (i·R + j) and the wall crossing's weight per column. */
export interface PathWeights {
  node: Float64Array;
  wall: Float64Array;
}

/** Relative slack on a bound: a path's cost summed along it can round differently from Dijkstra's sums. */
const BOUND_SLACK = 1e-9;

/** The search, reusable: its buffers grow to the largest grid it was given. */
export class LeastPathSearch {
  private dist = new Float64Array(0);
  private prev = new Int32Array(0);
  private done = new Uint8Array(0);
  private readonly heap = new MinHeap(1024);
  private readonly rowMin: Float64Array;
  /** Per row: a lower bound of the cost from any node of that row to the home edge. */
  private readonly toGo: Float64Array;
  private readonly lenF = new Float64Array(9);
  private readonly lenH = new Float64Array(9);
  /** Nodes popped since construction (a measure of work, for tests and the bench). */
  pops = 0;

  constructor(
    private readonly g: Omit<PathGrid, 'C'>,
    private readonly speedMps: number,
  ) {
    this.rowMin = new Float64Array(g.R);
    this.toGo = new Float64Array(g.R);
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        this.lenF[(dj + 1) * 3 + di + 1] = Math.hypot(di * g.ds, dj * g.dF);
        this.lenH[(dj + 1) * 3 + di + 1] = Math.hypot(di * g.ds, dj * g.dH);
      }
    }
  }

  /**
   * The cost of a chain (window node ids, far edge first) as Dijkstra sums it, or Infinity when it is
   * not a path of this window; times (1 + slack) so it bounds what Dijkstra finds for that path.
   */
  chainCost(C: number, w: PathWeights, chain: ArrayLike<number>): number {
    const { R, farFace, homeFace } = this.g;
    const v = this.speedMps;
    let d = 0;
    for (let q = 0; q + 1 < chain.length; q++) {
      const a = chain[q];
      const b = chain[q + 1];
      if (a < 0 || b < 0 || a >= C * R || b >= C * R) return Infinity;
      const ia = Math.floor(a / R);
      const ja = a - ia * R;
      const ib = Math.floor(b / R);
      const jb = b - ib * R;
      if (ja === farFace && jb === homeFace) d += ia === ib ? w.wall[ia] : 0.5 * (w.wall[ia] + w.wall[ib]);
      else {
        const lens = ja >= homeFace ? this.lenH : this.lenF;
        d += (0.5 * (w.node[a] + w.node[b]) * lens[(jb - ja + 1) * 3 + ib - ia + 1]) / v;
      }
    }
    return d * (1 + BOUND_SLACK);
  }

  /** The least chain over C columns (node ids i·R + j, far edge first), or null when none is finite. */
  least(C: number, w: PathWeights, bound = Infinity): number[] | null {
    const { R, farFace, homeFace } = this.g;
    const v = this.speedMps;
    const N = C * R;
    if (this.dist.length < N) {
      this.dist = new Float64Array(N);
      this.prev = new Int32Array(N);
      this.done = new Uint8Array(N);
    }
    const { dist, prev, done, heap, lenF, lenH } = this;
    const lambda = w.node;
    const wall = w.wall;
    dist.fill(Infinity, 0, N);
    prev.fill(-1, 0, N);
    done.fill(0, 0, N);
    heap.size = 0;
    // Bounds that keep the heap small without changing the chain found (module comment; A*-style, but
    // popping in Dijkstra's own order): the cost of any path bounds d* — the given bound (a chain known
    // to the caller) and every straight column — and toGo[j], the sum over the rows still to cross of
    // the least step into the next row anywhere in the window, bounds the rest of any path from row j.
    // A node whose cost so far plus toGo exceeds the bound lies on no least path and is not pushed.
    const { rowMin, toGo } = this;
    rowMin.fill(Infinity);
    let wallMin = Infinity;
    let straight = Infinity;
    for (let i = 0; i < C; i++) {
      let d = 0;
      for (let j = 0; j < R; j++) {
        const l = lambda[i * R + j];
        if (l < rowMin[j]) rowMin[j] = l;
        if (j + 1 < R) d += j === farFace ? wall[i] : (0.5 * (l + lambda[i * R + j + 1]) * (j >= homeFace ? lenH[7] : lenF[7])) / v;
      }
      if (wall[i] < wallMin) wallMin = wall[i];
      if (d < straight) straight = d;
    }
    toGo[R - 1] = 0;
    for (let j = R - 2; j >= 0; j--) toGo[j] = toGo[j + 1] + (j === farFace ? wallMin : (0.5 * (rowMin[j] + rowMin[j + 1]) * (j >= homeFace ? lenH[7] : lenF[7])) / v);
    for (let j = 0; j < R; j++) toGo[j] *= 1 - BOUND_SLACK;
    const U = Math.min(bound, straight * (1 + BOUND_SLACK));
    for (let i = 0; i < C; i++) {
      dist[i * R] = 0;
      heap.push(0, i * R);
    }
    let goal = -1;
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u] || heap.lastKey > dist[u]) continue;
      done[u] = 1;
      this.pops++;
      const du = dist[u];
      if (du === Infinity) break;
      const i = Math.floor(u / R);
      const j = u - i * R;
      if (j === R - 1) {
        goal = u;
        break;
      }
      const lu = lambda[u];
      if (j === farFace) {
        for (let di = -1; di <= 1; di++) {
          const i2 = i + di;
          if (i2 < 0 || i2 >= C) continue;
          const t = i2 * R + homeFace;
          const nd = du + (di === 0 ? wall[i] : 0.5 * (wall[i] + wall[i2]));
          if (nd < dist[t]) {
            dist[t] = nd;
            prev[t] = u;
            if (nd + toGo[homeFace] <= U) heap.push(nd, t);
          }
        }
      }
      const home = j >= homeFace;
      const lens = home ? lenH : lenF;
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
          const nd = du + (0.5 * (lu + lambda[t]) * lens[(dj + 1) * 3 + di + 1]) / v;
          if (nd < dist[t]) {
            dist[t] = nd;
            prev[t] = u;
            if (nd + toGo[j2] <= U) heap.push(nd, t);
          }
        }
      }
    }
    if (goal < 0) return null;
    const chain: number[] = [];
    for (let n = goal; n >= 0; n = prev[n]) chain.push(n);
    return chain.reverse();
  }
}
