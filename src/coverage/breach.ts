/**
 * The worst-case breach path (Meguerdichian, Koushanfar, Potkonjak and Srivastava, "Coverage problems
 * in wireless ad-hoc sensor networks", INFOCOM 2001; docs/model.md §6): the path across the strip
 * along which the reference target is least likely to be detected, by Dijkstra over a grid. Pure.
 *
 * Grid (breachGrid.ts): nodes along columns across the strip. Moves go to the 8 neighbours within a
 * leg; the wall is crossed from the far face to the home face, straight or to a neighbouring column.
 * The target may walk along the foot of the wall (the dead zone) to a gap, as a real one would.
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
import { newStation, stationAt } from '../core/border.ts';
import { newBoundedScratch } from './bounded.ts';
import { buildGrid, pathPDetect, type Grid } from './breachGrid.ts';
import { MinHeap } from './minHeap.ts';
import type { RateContext } from './rate.ts';

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

export interface BreachOptions {
  /** Cell size along and across the strip, metres. Default: defaultBreachCellM. */
  cellM?: number;
}

/** A binary-heap Dijkstra from the whole far edge to any home-edge node on one surrogate; the node chain, or null. */
export function leastPath(g: Pick<Grid, 'C' | 'R' | 'ds' | 'dF' | 'dH' | 'farFace' | 'homeFace'>, weights: { node: Float64Array; wall: Float64Array }, v: number): number[] | null {
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
  // Move lengths by (dj, di) in each leg, once: the same values as a hypot per move, without the cost.
  const lenF = new Float64Array(9);
  const lenH = new Float64Array(9);
  for (let dj = -1; dj <= 1; dj++) {
    for (let di = -1; di <= 1; di++) {
      lenF[(dj + 1) * 3 + di + 1] = Math.hypot(di * ds, dj * g.dF);
      lenH[(dj + 1) * 3 + di + 1] = Math.hypot(di * ds, dj * g.dH);
    }
  }
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
        const len = lens[(dj + 1) * 3 + di + 1];
        relax(u, t, (0.5 * (lu + lambda[t]) * len) / v);
      }
    }
  }
  if (goal < 0) return null;
  const chain: number[] = [];
  for (let n = goal; n >= 0; n = prev[n]) chain.push(n);
  return chain.reverse();
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
