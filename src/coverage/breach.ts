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
import { LeastPathSearch, type PathGrid, type PathWeights } from './leastPath.ts';
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

/** The least chain across the whole grid on one surrogate (leastPath.ts), far edge first; null when none is finite. */
export function leastPath(g: PathGrid, weights: PathWeights, v: number): number[] | null {
  return new LeastPathSearch(g, v).least(g.C, weights);
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
