/**
 * The placement objective (docs/model.md §9), evaluated incrementally. Pure.
 *
 * The border's breach grid is cut into windows of about `windowM` along the line. A window's value is
 * the least P(detect) of: each straight column in it, and the paths Dijkstra finds on the two
 * surrogates (breach.ts) over the window widened by `marginM` on both sides, each evaluated exactly
 * under bounded search from the towers' stored contributions (candidates.ts). Pinned paths (paths the
 * full coverage found, handed back to the search: `pinPath`) are evaluated exactly the same way and
 * count like windows. The objective of a layout is (worst window or pinned path, mean column P): the
 * worst-case breach P over paths that stay within a window and its margins or were pinned, with the
 * mean straight-crossing P as tie-break.
 *
 * Why windows: a tower changes the coverage only within its cameras' reach, so moving one tower
 * changes only the columns of its block and the windows whose widened range meets it; the others keep
 * their values. What a layout determines is kept per column (the surrogate rates of every node, the
 * column's P) and per window (its two chains and their exact P). A move recomputes the columns of the
 * two blocks it changes, each from its towers in layout order, then the windows they reach; a full
 * evaluation computes every column once, then every window. Either way every value is the same
 * function of the layout, so an incremental update gives bit for bit what a full recomputation gives
 * — the property test checks exactly that. Within a window, what a move cannot change is reused:
 *   - the cost of the window's previous chain under the new rates bounds Dijkstra's search
 *     (coverage/leastPath.ts: the same chain, found with a smaller heap);
 *   - a chain found again whose columns neither changed tower reaches keeps its exact P.
 */
import { boundedDetect, newBoundedScratch } from '../coverage/bounded.ts';
import { columnLogMiss, exposure, type Contributions } from './candidates.ts';
import { chainTimes } from './pinned.ts';
import { LeastPathSearch, type PathWeights } from '../coverage/leastPath.ts';

export interface ObjectiveOptions {
  /** Attention share a of the tower count being placed (watch.ts). */
  attention: number;
  /** Window width along the line, m (default 2000). */
  windowM?: number;
  /** Extra columns each side a window's paths may use, m (default 1000). */
  marginM?: number;
  /**
   * The windows this objective computes (default: all). The others are computed elsewhere — by the
   * other replicas of an objective shared between threads (batch/parallelObjective.ts) — and their
   * values handed in with `setWindowValue`; a window always computed by the same replica keeps its
   * chains, so the values are the same whoever computes them.
   */
  owns?: (w: number) => boolean;
}

/** The objective's value: compare worst first, then mean. */
export interface Score {
  worst: number;
  mean: number;
}

/**
 * What the search (search.ts, refine.ts) asks of an objective: a PlacementObjective, or one shared
 * with worker threads, whose moves and layouts finish asynchronously (batch/parallelObjective.ts).
 */
export interface SearchObjective {
  readonly k: Contributions;
  readonly windowP: Float64Array;
  readonly pinnedP: Float64Array;
  readonly pinnedCount: number;
  readonly windowEvaluations: number;
  towers(): readonly number[];
  miss(c: number): Float64Array;
  setLayout(cands: readonly number[]): void | Promise<void>;
  move(remove: number, add: number, gate?: (mean: number) => boolean): boolean | Promise<boolean>;
  undo(): void;
  score(): Score;
  mean(): number;
  weakestRangeM(): [number, number];
  pinPath(chain: readonly number[]): void;
  pinSample(p: { timeS: Float64Array; lo: number; hi: number }, contributions: { cams: number; cands: number[]; pInf: ArrayLike<number>[]; rate: ArrayLike<number>[] }): void;
}

/** a better than b: a higher worst-case P, or an equal one and a higher mean. */
export function better(a: Score, b: Score): boolean {
  return a.worst > b.worst || (a.worst === b.worst && a.mean > b.mean);
}

/**
 * A path pinned into the objective: its points' times, and per candidate that sees it P∞ and the
 * full-attention rate at point i, camera m (index i·cams + m); its column span for reports.
 */
interface Pinned {
  lo: number;
  hi: number;
  timeS: Float64Array;
  byCand: Map<number, { pInf: ArrayLike<number>; rate: ArrayLike<number> }>;
}

/** What a move changed, kept until the next move so that `undo` can put it back. */
interface UndoLog {
  layout: number[];
  /** Column intervals [a, b) recomputed, with their previous values. */
  spans: { a: number; b: number; hz: Float64Array; bd: Float64Array; hzWall: Float64Array; bdWall: Float64Array; colP: Float64Array }[];
  windows: number[];
  windowP: number[];
  chains: (number[] | null)[];
  chainP: number[];
  pinned: number[];
  pinnedP: number[];
  /** False while a gated move left its windows stale (see `move`). */
  complete: boolean;
  /** The move's towers. */
  remove: number;
  add: number;
}

export class PlacementObjective implements SearchObjective {
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
  /** Exact P of each pinned path under the layout. */
  pinnedP = new Float64Array(0);
  private pinned: Pinned[] = [];
  /** Surrogate rates per node (i·R + j) and the wall crossing's exposure per column, of the layout. */
  private readonly hz: Float64Array;
  private readonly bd: Float64Array;
  private readonly hzWall: Float64Array;
  private readonly bdWall: Float64Array;
  /** Per window and surrogate (2w: hazard, 2w + 1: bounded): its chain (window node ids) and the chain's exact P. */
  private readonly chains: (number[] | null)[];
  private readonly chainP: Float64Array;
  /** Windows recomputed since construction (a window recomputed counts one). */
  windowEvaluations = 0;
  private readonly scratch = newBoundedScratch();
  private readonly search: LeastPathSearch;
  private undoLog: UndoLog | null = null;
  private readonly owns: (w: number) => boolean;

  constructor(k: Contributions, opts: ObjectiveOptions) {
    this.k = k;
    this.attention = opts.attention;
    const { C, R, ds } = k.grid;
    this.windowCols = Math.max(1, Math.round((opts.windowM ?? 2000) / ds));
    this.marginCols = Math.max(0, Math.round((opts.marginM ?? 1000) / ds));
    this.windows = Math.ceil(C / this.windowCols);
    this.logMiss = new Array(k.cand.count);
    this.colP = new Float64Array(C);
    this.windowP = new Float64Array(this.windows);
    this.hz = new Float64Array(C * R);
    this.bd = new Float64Array(C * R);
    this.hzWall = new Float64Array(C);
    this.bdWall = new Float64Array(C);
    this.chains = new Array(2 * this.windows).fill(null);
    this.chainP = new Float64Array(2 * this.windows);
    this.search = new LeastPathSearch(k.grid, k.speedMps);
    this.owns = opts.owns ?? (() => true);
  }

  /** Nodes the window searches popped since construction: the work of the Dijkstra runs, whatever the machine's load. */
  get nodesPopped(): number {
    return this.search.pops;
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

  /** Sets the layout and recomputes every column, window and pinned path from nothing. */
  setLayout(cands: readonly number[]): void {
    this.layout = [...cands].sort((a, b) => a - b);
    this.undoLog = null;
    this.chains.fill(null);
    this.refreshColumns(0, this.k.grid.C);
    for (let w = 0; w < this.windows; w++) if (this.owns(w)) this.evaluateWindow(w, -1, -1);
    for (let p = 0; p < this.pinned.length; p++) this.pinnedP[p] = this.evaluatePinned(p);
  }

  /**
   * Adds a grid path (global node ids i·R + j, far edge first) whose exact P(detect), from the
   * candidates' stored contributions, counts like a window's from now on.
   */
  pinPath(chain: readonly number[]): void {
    const k = this.k;
    const { R, C } = k.grid;
    const P = R + 1;
    for (const n of chain) if (!(n >= 0 && Math.floor(n / R) < C)) throw new Error(`pinPath: node ${n} is not on the grid`);
    if (chain.length < 2) throw new Error('pinPath: a path needs two nodes at least');
    const { keys, time } = chainTimes(k.grid, chain, k.speedMps);
    const lo = Math.floor(keys[0] / P);
    const hi = Math.floor(keys[keys.length - 1] / P) + 1;
    const byCand: Pinned['byCand'] = new Map();
    for (let c = 0; c < k.cand.count; c++) {
      if (k.col1[c] <= lo || k.col0[c] >= hi) continue;
      const pInf = new Float64Array(keys.length * k.cams);
      const rate = new Float64Array(keys.length * k.cams);
      let any = false;
      keys.forEach((key, q) => {
        const i = Math.floor(key / P);
        if (i < k.col0[c] || i >= k.col1[c]) return;
        for (let m = 0; m < k.cams; m++) {
          const at = ((i - k.col0[c]) * P + (key - i * P)) * k.cams + m;
          if (!(k.pInf[c][at] > 0)) continue;
          pInf[q * k.cams + m] = k.pInf[c][at];
          rate[q * k.cams + m] = k.rate[c][at];
          any = true;
        }
      });
      if (any) byCand.set(c, { pInf, rate });
    }
    this.addPinned({ lo, hi, timeS: Float64Array.from(keys, (key) => time.get(key)!), byCand });
  }

  /**
   * Adds a path given by its own points (times) and every candidate's contribution on them (pinned.ts:
   * P∞ and full-attention rate per point and camera); its exact P(detect) counts like a window's from
   * now on. `lo`, `hi`: the grid columns it spans, for the search to aim at.
   */
  pinSample(p: { timeS: Float64Array; lo: number; hi: number }, contributions: { cams: number; cands: number[]; pInf: ArrayLike<number>[]; rate: ArrayLike<number>[] }): void {
    if (contributions.cams !== this.k.cams) throw new Error(`pinSample: ${contributions.cams} cameras per tower, expected ${this.k.cams}`);
    const byCand: Pinned['byCand'] = new Map();
    contributions.cands.forEach((c, i) => byCand.set(c, { pInf: contributions.pInf[i], rate: contributions.rate[i] }));
    this.addPinned({ lo: Math.max(0, p.lo), hi: Math.min(this.k.grid.C, Math.max(p.hi, p.lo + 1)), timeS: p.timeS, byCand });
  }

  private addPinned(pin: Pinned): void {
    this.pinned.push(pin);
    const p = new Float64Array(this.pinned.length);
    p.set(this.pinnedP);
    this.pinnedP = p;
    this.pinnedP[this.pinned.length - 1] = this.evaluatePinned(this.pinned.length - 1);
    this.undoLog = null;
  }

  /** Number of pinned paths. */
  get pinnedCount(): number {
    return this.pinned.length;
  }

  score(): Score {
    let worst = Infinity;
    for (let w = 0; w < this.windows; w++) if (this.windowP[w] < worst) worst = this.windowP[w];
    for (let p = 0; p < this.pinnedP.length; p++) if (this.pinnedP[p] < worst) worst = this.pinnedP[p];
    return { worst, mean: this.mean() };
  }

  /** Mean P of the straight columns (the tie-break; also valid after a move the gate stopped). */
  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.colP.length; i++) sum += this.colP[i];
    return sum / this.colP.length;
  }

  /** The worst window (lowest index among equals). */
  worstWindow(): number {
    let best = 0;
    for (let w = 1; w < this.windows; w++) if (this.windowP[w] < this.windowP[best]) best = w;
    return best;
  }

  /** Chainages [from, to] (m) of the weakest element: the worst window, or a pinned path below it. */
  weakestRangeM(): [number, number] {
    const ds = this.k.grid.ds;
    const w = this.worstWindow();
    let from = w * this.windowCols * ds;
    let to = Math.min((w + 1) * this.windowCols, this.k.grid.C) * ds;
    let value = this.windowP[w];
    for (let p = 0; p < this.pinned.length; p++) {
      if (this.pinnedP[p] < value) {
        value = this.pinnedP[p];
        from = this.pinned[p].lo * ds;
        to = this.pinned[p].hi * ds;
      }
    }
    return [from, to];
  }

  /** Chainage of a window's centre, m. */
  windowCentreM(w: number): number {
    const c0 = w * this.windowCols;
    const c1 = Math.min(this.k.grid.C, c0 + this.windowCols);
    return 0.5 * (c0 + c1) * this.k.grid.ds;
  }

  /**
   * Replaces candidate `remove` by `add` (either may be −1): recomputes the columns of both blocks,
   * then the windows and pinned paths they reach. `undo()` restores the state before this call.
   *
   * With a `gate`, the windows are recomputed only if gate(mean after the move) is true (the mean
   * needs only the columns); otherwise the move returns false and must be undone before anything
   * but `mean()` is read.
   */
  move(remove: number, add: number, gate?: (mean: number) => boolean): boolean {
    this.beginMove(remove, add);
    if (gate && !gate(this.mean())) return false;
    this.finishMove();
    return true;
  }

  /**
   * The first half of `move`: the layout and the columns of both blocks change, and what the move
   * will change is logged for `undo`; until `finishMove`, only `mean()` may be read.
   */
  beginMove(remove: number, add: number): void {
    const k = this.k;
    const { R } = k.grid;
    const before = this.layout;
    const next = before.filter((c) => c !== remove);
    if (add >= 0) {
      next.push(add);
      next.sort((a, b) => a - b);
    }
    // The columns either block covers: one interval, or two when the blocks are apart.
    const blocks: [number, number][] = [];
    for (const c of [remove, add]) if (c >= 0 && k.col1[c] > k.col0[c]) blocks.push([k.col0[c], k.col1[c]]);
    blocks.sort((x, y) => x[0] - y[0]);
    const spans: [number, number][] = [];
    for (const [a, b] of blocks) {
      const last = spans[spans.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else spans.push([a, b]);
    }
    const windows = this.windowsMeeting(spans);
    const pinned: number[] = [];
    for (let p = 0; p < this.pinned.length; p++) if (this.pinned[p].byCand.has(remove) || this.pinned[p].byCand.has(add)) pinned.push(p);
    this.undoLog = {
      layout: before,
      spans: spans.map(([a, b]) => ({
        a,
        b,
        hz: this.hz.slice(a * R, b * R),
        bd: this.bd.slice(a * R, b * R),
        hzWall: this.hzWall.slice(a, b),
        bdWall: this.bdWall.slice(a, b),
        colP: this.colP.slice(a, b),
      })),
      windows,
      windowP: windows.map((w) => this.windowP[w]),
      chains: windows.flatMap((w) => [this.chains[2 * w], this.chains[2 * w + 1]]),
      chainP: windows.flatMap((w) => [this.chainP[2 * w], this.chainP[2 * w + 1]]),
      pinned,
      pinnedP: pinned.map((p) => this.pinnedP[p]),
      complete: false,
      remove,
      add,
    };
    this.layout = next;
    for (const [a, b] of spans) this.refreshColumns(a, b);
  }

  /** The second half of `move`: the windows it reaches (those this objective owns) and the pinned paths. */
  finishMove(): void {
    const u = this.undoLog;
    if (!u || u.complete) throw new Error('finishMove without beginMove');
    u.complete = true;
    for (const w of u.windows) if (this.owns(w)) this.evaluateWindow(w, u.remove, u.add);
    for (const p of u.pinned) this.pinnedP[p] = this.evaluatePinned(p);
  }

  /** Whether this objective computes window w (see `owns`). */
  ownsWindow(w: number): boolean {
    return this.owns(w);
  }

  /** The windows the last move reaches, ascending (owned or not). */
  movedWindows(): readonly number[] {
    return this.undoLog?.windows ?? [];
  }

  /** Sets the value of a window computed elsewhere (see `owns`), after a move or a layout; `undo` puts the old one back. */
  setWindowValue(w: number, p: number): void {
    this.windowP[w] = p;
  }

  undo(): void {
    const u = this.undoLog;
    if (!u) throw new Error('nothing to undo');
    const R = this.k.grid.R;
    this.layout = u.layout;
    for (const s of u.spans) {
      this.hz.set(s.hz, s.a * R);
      this.bd.set(s.bd, s.a * R);
      this.hzWall.set(s.hzWall, s.a);
      this.bdWall.set(s.bdWall, s.a);
      this.colP.set(s.colP, s.a);
    }
    if (u.complete) {
      u.windows.forEach((w, i) => {
        this.windowP[w] = u.windowP[i];
        this.chains[2 * w] = u.chains[2 * i];
        this.chains[2 * w + 1] = u.chains[2 * i + 1];
        this.chainP[2 * w] = u.chainP[2 * i];
        this.chainP[2 * w + 1] = u.chainP[2 * i + 1];
      });
      u.pinned.forEach((p, i) => (this.pinnedP[p] = u.pinnedP[i]));
    }
    this.undoLog = null;
  }

  /** Windows whose widened range meets candidate c's block. */
  windowsOf(c: number): number[] {
    const { col0, col1 } = this.k;
    return col1[c] > col0[c] ? this.windowsMeeting([[col0[c], col1[c]]]) : [];
  }

  /** Windows whose widened range meets any of the column intervals [a, b), ascending. */
  private windowsMeeting(spans: readonly [number, number][]): number[] {
    const out: number[] = [];
    for (const [a, b] of spans) {
      const lo = Math.max(0, Math.floor((a - this.marginCols) / this.windowCols));
      const hi = Math.min(this.windows - 1, Math.floor((b - 1 + this.marginCols) / this.windowCols));
      for (let w = lo; w <= hi; w++) if (out[out.length - 1] !== w && !out.includes(w)) out.push(w);
    }
    return out.sort((x, y) => x - y);
  }

  /**
   * Recomputes columns [a, b) from the layout: each node's surrogate rates and each column's P, every
   * sum taken over the towers in layout order (and their cameras in order), starting from zero.
   */
  private refreshColumns(a: number, b: number): void {
    const k = this.k;
    const { R } = k.grid;
    const P = R + 1;
    const cams = k.cams;
    const A = k.availability;
    const att = this.attention;
    const { hz, bd, hzWall, bdWall } = this;
    hz.fill(0, a * R, b * R);
    bd.fill(0, a * R, b * R);
    hzWall.fill(0, a, b);
    bdWall.fill(0, a, b);
    const logQ = new Float64Array(b - a);
    for (const c of this.layout) {
      if (k.col1[c] <= a || k.col0[c] >= b) continue;
      const pInf = k.pInf[c];
      const rate = k.rate[c];
      const miss = this.miss(c);
      const from = Math.max(a, k.col0[c]);
      const to = Math.min(b, k.col1[c]);
      for (let i = from; i < to; i++) {
        logQ[i - a] += miss[i - k.col0[c]];
        const base = (i - k.col0[c]) * P * cams;
        for (let j = 0; j < P; j++) {
          for (let m = 0; m < cams; m++) {
            const at = base + j * cams + m;
            const r = rate[at] * att;
            if (!(r > 0)) continue;
            const rb = A * pInf[at] > 0 ? A * pInf[at] * r : 0;
            if (j < R) {
              hz[i * R + j] += r;
              bd[i * R + j] += rb;
            } else {
              hzWall[i] += r;
              bdWall[i] += rb;
            }
          }
        }
      }
    }
    for (let i = a; i < b; i++) {
      // + 0 turns the −0 of a column nobody sees into 0.
      this.colP[i] = -Math.expm1(logQ[i - a]) + 0;
      hzWall[i] = exposure(hzWall[i], k.grid.wallS[i]);
      bdWall[i] = exposure(bdWall[i], k.grid.wallS[i]);
    }
  }

  /** Recomputes window w from the columns (removed and added: the towers a move changed, or −1). */
  private evaluateWindow(w: number, removed: number, added: number): void {
    this.windowEvaluations++;
    const k = this.k;
    const { C, R } = k.grid;
    const c0 = w * this.windowCols;
    const c1 = Math.min(C, c0 + this.windowCols);
    const e0 = Math.max(0, c0 - this.marginCols);
    const e1 = Math.min(C, c1 + this.marginCols);
    const cols = e1 - e0;
    let value = Infinity;
    for (let i = c0; i < c1; i++) if (this.colP[i] < value) value = this.colP[i];
    let towers: number[] | null = null;
    const weights: PathWeights[] = [
      { node: this.hz.subarray(e0 * R, e1 * R), wall: this.hzWall.subarray(e0, e1) },
      { node: this.bd.subarray(e0 * R, e1 * R), wall: this.bdWall.subarray(e0, e1) },
    ];
    for (let s = 0; s < 2; s++) {
      const old = this.chains[2 * w + s];
      const bound = old ? this.search.chainCost(cols, weights[s], old) : Infinity;
      const chain = this.search.least(cols, weights[s], bound);
      this.chains[2 * w + s] = chain;
      if (!chain) continue;
      let p: number;
      if (old && sameChain(old, chain) && !this.reaches(removed, chain, e0) && !this.reaches(added, chain, e0)) p = this.chainP[2 * w + s];
      else {
        towers ??= this.layout.filter((c) => k.col1[c] > e0 && k.col0[c] < e1);
        p = this.pathP(
          chain.map((n) => n + e0 * R),
          towers,
        );
      }
      this.chainP[2 * w + s] = p;
      if (p < value) value = p;
    }
    this.windowP[w] = value;
  }

  /** Whether candidate c's block meets a column of the chain (window node ids from column e0). */
  private reaches(c: number, chain: readonly number[], e0: number): boolean {
    if (c < 0) return false;
    const R = this.k.grid.R;
    const lo = this.k.col0[c] - e0;
    const hi = this.k.col1[c] - e0;
    for (const n of chain) {
      const i = Math.floor(n / R);
      if (i >= lo && i < hi) return true;
    }
    return false;
  }

  /** Exact bounded P(detect) of pinned path p under the layout: per camera of each tower that sees it, the bounded integral over its points. */
  private evaluatePinned(p: number): number {
    const { timeS, byCand } = this.pinned[p];
    const cams = this.k.cams;
    const n = timeS.length;
    const ps = new Float64Array(n);
    const es = new Float64Array(n);
    const A = this.k.availability;
    let logQ = 0;
    for (const c of this.layout) {
      const b = byCand.get(c);
      if (!b) continue;
      for (let m = 0; m < cams; m++) {
        let q = 0;
        for (let i = 0; i < n; i++) {
          const pInf = b.pInf[i * cams + m];
          if (!(pInf > 0)) continue;
          ps[q] = pInf;
          es[q] = exposure(b.rate[i * cams + m] * this.attention, timeS[i]);
          q++;
        }
        if (q > 0) logQ += Math.log1p(-A * boundedDetect(ps, es, q, this.scratch));
      }
    }
    return -Math.expm1(logQ) + 0;
  }

  /**
   * Exact bounded P(detect) of a grid path (global node ids, far edge first) under the given towers:
   * the path's time at each node as pathPDetect in breachGrid.ts (half of each adjacent move; the
   * wall's time on the crest or in the gap), then per camera the bounded integral over those points.
   */
  pathP(chain: readonly number[], towers: readonly number[] = this.layout): number {
    const k = this.k;
    const P = k.grid.R + 1;
    const { keys, time } = chainTimes(k.grid, chain, k.speedMps);
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

function sameChain(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let q = 0; q < a.length; q++) if (a[q] !== b[q]) return false;
  return true;
}
