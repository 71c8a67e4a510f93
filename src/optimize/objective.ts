/**
 * The placement objective (docs/model.md §9), evaluated incrementally. Pure.
 *
 * The border's breach grid is cut into windows of about `windowM` along the line. A window's value is
 * the least P(detect) of: each straight column in it, and the paths Dijkstra finds on the two
 * surrogates (breach.ts) over the window widened by `marginM` on both sides, each evaluated exactly
 * under bounded search from the towers' stored contributions (candidates.ts). The objective of a
 * layout is (worst window, mean column P): the worst-case breach P over paths that stay within a
 * window and its margins, with the mean straight-crossing P as tie-break.
 *
 * Why windows: a tower changes the coverage only within its cameras' reach, so moving one tower
 * changes only the windows whose widened range meets its block; the others keep their values. A
 * window is always recomputed from scratch (its towers in layout order), so an incremental update gives
 * bit for bit what a full recomputation gives — the property test checks exactly that.
 */
import { boundedDetect, newBoundedScratch } from '../coverage/bounded.ts';
import { leastPath } from '../coverage/breach.ts';
import { columnLogMiss, exposure, type Contributions } from './candidates.ts';

export interface ObjectiveOptions {
  /** Attention share a of the tower count being placed (watch.ts). */
  attention: number;
  /** Window width along the line, m (default 2000). */
  windowM?: number;
  /** Extra columns each side a window's paths may use, m (default 1000). */
  marginM?: number;
}

/** The objective's value: compare worst first, then mean. */
export interface Score {
  worst: number;
  mean: number;
}

/** a better than b: a higher worst-case P, or an equal one and a higher mean. */
export function better(a: Score, b: Score): boolean {
  return a.worst > b.worst || (a.worst === b.worst && a.mean > b.mean);
}

/** A window's best path, for reports: global node ids of the grid (i·R + j), far edge first. */
export interface WindowPath {
  pDetect: number;
  chain: number[];
}

export class PlacementObjective {
  readonly k: Contributions;
  readonly attention: number;
  readonly windowCols: number;
  readonly marginCols: number;
  readonly windows: number;
  /** Per candidate: columnLogMiss at this attention (computed on first use). */
  private readonly logMiss: (Float64Array | undefined)[];
  /** The layout: candidate ids, ascending. */
  private layout: number[] = [];
  readonly colP: Float64Array;
  readonly windowP: Float64Array;
  /** Evaluations of windows since construction (a window recomputed counts one). */
  windowEvaluations = 0;
  private readonly scratch = newBoundedScratch();
  private undoLog: { layout: number[]; windows: number[]; windowP: number[]; colP: Float64Array[] } | null = null;

  constructor(k: Contributions, opts: ObjectiveOptions) {
    this.k = k;
    this.attention = opts.attention;
    const ds = k.grid.ds;
    this.windowCols = Math.max(1, Math.round((opts.windowM ?? 2000) / ds));
    this.marginCols = Math.max(0, Math.round((opts.marginM ?? 1000) / ds));
    this.windows = Math.ceil(k.grid.C / this.windowCols);
    this.logMiss = new Array(k.cand.count);
    this.colP = new Float64Array(k.grid.C);
    this.windowP = new Float64Array(this.windows);
  }

  /** Candidate c's Σ log(1 − A·P_c) per column of its block, at this objective's attention. */
  miss(c: number): Float64Array {
    let m = this.logMiss[c];
    if (!m) m = this.logMiss[c] = columnLogMiss(this.k, c, this.attention, this.scratch);
    return m;
  }

  /** The current layout (candidate ids, ascending). */
  towers(): readonly number[] {
    return this.layout;
  }

  /** Sets the layout and recomputes every window. */
  setLayout(cands: readonly number[]): void {
    this.layout = [...cands].sort((a, b) => a - b);
    this.undoLog = null;
    for (let w = 0; w < this.windows; w++) this.evaluateWindow(w);
  }

  score(): Score {
    let worst = Infinity;
    for (let w = 0; w < this.windows; w++) if (this.windowP[w] < worst) worst = this.windowP[w];
    let sum = 0;
    for (let i = 0; i < this.colP.length; i++) sum += this.colP[i];
    return { worst, mean: sum / this.colP.length };
  }

  /** The worst window (lowest index among equals). */
  worstWindow(): number {
    let best = 0;
    for (let w = 1; w < this.windows; w++) if (this.windowP[w] < this.windowP[best]) best = w;
    return best;
  }

  /** Chainage of a window's centre, m. */
  windowCentreM(w: number): number {
    const c0 = w * this.windowCols;
    const c1 = Math.min(this.k.grid.C, c0 + this.windowCols);
    return 0.5 * (c0 + c1) * this.k.grid.ds;
  }

  /**
   * Replaces candidate `remove` by `add` (either may be −1) and recomputes the windows either one
   * reaches. `undo()` restores the state before this call.
   */
  move(remove: number, add: number): void {
    const before = this.layout;
    const next = before.filter((c) => c !== remove);
    if (add >= 0) {
      next.push(add);
      next.sort((a, b) => a - b);
    }
    const touched = new Set<number>();
    for (const c of [remove, add]) if (c >= 0) for (const w of this.windowsOf(c)) touched.add(w);
    const windows = [...touched].sort((a, b) => a - b);
    this.undoLog = {
      layout: before,
      windows,
      windowP: windows.map((w) => this.windowP[w]),
      colP: windows.map((w) => this.colP.slice(w * this.windowCols, Math.min(this.k.grid.C, (w + 1) * this.windowCols))),
    };
    this.layout = next;
    for (const w of windows) this.evaluateWindow(w);
  }

  undo(): void {
    const u = this.undoLog;
    if (!u) throw new Error('nothing to undo');
    this.layout = u.layout;
    u.windows.forEach((w, i) => {
      this.windowP[w] = u.windowP[i];
      this.colP.set(u.colP[i], w * this.windowCols);
    });
    this.undoLog = null;
  }

  /** Windows whose widened range meets candidate c's block. */
  private windowsOf(c: number): number[] {
    const { col0, col1 } = this.k;
    if (col1[c] <= col0[c]) return [];
    const lo = Math.max(0, Math.floor((col0[c] - this.marginCols) / this.windowCols));
    const hi = Math.min(this.windows - 1, Math.floor((col1[c] - 1 + this.marginCols) / this.windowCols));
    const out: number[] = [];
    for (let w = lo; w <= hi; w++) out.push(w);
    return out;
  }

  /** Recomputes window w from its towers: its columns' P and its value. */
  private evaluateWindow(w: number): void {
    this.windowEvaluations++;
    const k = this.k;
    const { C, R } = k.grid;
    const P = R + 1;
    const c0 = w * this.windowCols;
    const c1 = Math.min(C, c0 + this.windowCols);
    const e0 = Math.max(0, c0 - this.marginCols);
    const e1 = Math.min(C, c1 + this.marginCols);
    const cols = e1 - e0;
    const towers = this.layout.filter((c) => k.col1[c] > e0 && k.col0[c] < e1);
    // Straight columns of the window: Σ log(1 − A·P_c) over its towers' cameras.
    let value = Infinity;
    for (let i = c0; i < c1; i++) {
      let logQ = 0;
      for (const c of towers) if (i >= k.col0[c] && i < k.col1[c]) logQ += this.miss(c)[i - k.col0[c]];
      // + 0 turns the −0 of a column nobody sees into 0.
      const p = -Math.expm1(logQ) + 0;
      this.colP[i] = p;
      if (p < value) value = p;
    }
    // Surrogate rates over the widened range.
    const A = k.availability;
    const a = this.attention;
    const hz = new Float64Array(cols * R);
    const bd = new Float64Array(cols * R);
    const hzWall = new Float64Array(cols);
    const bdWall = new Float64Array(cols);
    for (const c of towers) {
      const pInf = k.pInf[c];
      const rate = k.rate[c];
      const from = Math.max(e0, k.col0[c]);
      const to = Math.min(e1, k.col1[c]);
      for (let i = from; i < to; i++) {
        const base = (i - k.col0[c]) * P * k.cams;
        for (let j = 0; j < P; j++) {
          for (let m = 0; m < k.cams; m++) {
            const at = base + j * k.cams + m;
            const r = rate[at] * a;
            if (!(r > 0)) continue;
            const rb = A * pInf[at] > 0 ? A * pInf[at] * r : 0;
            if (j < R) {
              hz[(i - e0) * R + j] += r;
              bd[(i - e0) * R + j] += rb;
            } else {
              hzWall[i - e0] += r;
              bdWall[i - e0] += rb;
            }
          }
        }
      }
    }
    for (let i = 0; i < cols; i++) {
      hzWall[i] = exposure(hzWall[i], k.grid.wallS[e0 + i]);
      bdWall[i] = exposure(bdWall[i], k.grid.wallS[e0 + i]);
    }
    const sub = { ...k.grid, C: cols };
    for (const weights of [
      { node: hz, wall: hzWall },
      { node: bd, wall: bdWall },
    ]) {
      const chain = leastPath(sub, weights, k.speedMps);
      if (!chain) continue;
      const p = this.pathP(chain.map((n) => n + e0 * R), towers);
      if (p < value) value = p;
    }
    this.windowP[w] = value;
  }

  /**
   * Exact bounded P(detect) of a grid path (global node ids, far edge first) under the given towers:
   * the path's time at each node as pathPDetect in breachGrid.ts (half of each adjacent move; the
   * wall's time on the crest or in the gap), then per camera the bounded integral over those points.
   */
  pathP(chain: readonly number[], towers: readonly number[] = this.layout): number {
    const k = this.k;
    const { R, ds, farFace, homeFace } = k.grid;
    const P = R + 1;
    const v = k.speedMps;
    // Points keyed by column·P + row (row R: the wall of that column).
    const time = new Map<number, number>();
    const add = (key: number, t: number) => time.set(key, (time.get(key) ?? 0) + t);
    for (let q = 0; q + 1 < chain.length; q++) {
      const ia = Math.floor(chain[q] / R);
      const ja = chain[q] - ia * R;
      const ib = Math.floor(chain[q + 1] / R);
      const jb = chain[q + 1] - ib * R;
      if (ja === farFace && jb === homeFace) {
        if (ia === ib) add(ia * P + R, k.grid.wallS[ia]);
        else {
          add(ia * P + R, 0.5 * k.grid.wallS[ia]);
          add(ib * P + R, 0.5 * k.grid.wallS[ib]);
        }
        continue;
      }
      const t = Math.hypot((ib - ia) * ds, (jb - ja) * (ja >= homeFace ? k.grid.dH : k.grid.dF)) / v;
      add(ia * P + ja, t / 2);
      add(ib * P + jb, t / 2);
    }
    const keys = [...time.keys()].sort((x, y) => x - y);
    const ps = new Float64Array(keys.length);
    const es = new Float64Array(keys.length);
    const A = k.availability;
    let logQ = 0;
    for (const c of towers) {
      const pInf = k.pInf[c];
      const rate = k.rate[c];
      for (let m = 0; m < k.cams; m++) {
        let n = 0;
        for (const key of keys) {
          const i = Math.floor(key / P);
          if (i < k.col0[c] || i >= k.col1[c]) continue;
          const at = ((i - k.col0[c]) * P + (key - i * P)) * k.cams + m;
          if (!(pInf[at] > 0)) continue;
          ps[n] = pInf[at];
          es[n] = exposure(rate[at] * this.attention, time.get(key)!);
          n++;
        }
        if (n > 0) logQ += Math.log1p(-A * boundedDetect(ps, es, n, this.scratch));
      }
    }
    return -Math.expm1(logQ) + 0;
  }
}
