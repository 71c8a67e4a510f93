/**
 * Refinement of a placement by the full coverage (docs/model.md §9). Pure: the full coverage is a
 * callback (the edge runs it on a worker thread).
 *
 * The search only sees paths that stay within a window and its margins (objective.ts); the full
 * coverage's breach search sees the whole strip, and its profile a straight crossing every 50 m. When
 * the full coverage of the placed layout finds a path less detected than the search believed — a wadi
 * that runs along the line for kilometres, or one narrower than the search's cells — that path (and,
 * with the edge's `pin`, the profile's other weak crossings) is pinned into the objective (it counts
 * like a window from then on) and the search goes on from the placed layout. This repeats until the two agree or the rounds run out; of the layouts the
 * full coverage evaluated, the one with the highest full worst case (ties: the higher search mean) is
 * the result.
 */
import type { Grid } from '../coverage/breachGrid.ts';
import type { SearchObjective, Score } from './objective.ts';
import { searchPlacement, type SearchOptions, type SearchResult } from './search.ts';

/** A breach path as the full coverage reports it: its P(detect) and its turning points. */
export interface FullBreach {
  pDetect: number;
  points: readonly { km: number; offsetM: number }[];
}

export interface RefineOptions {
  /** Re-searches at most (0: only the full coverage of the search's layout). */
  rounds: number;
  /** The full coverage may find a worst case this much below the search's before it is acted on. */
  tolerance: number;
  /** Options of each re-search (its start is the current layout). */
  search: Omit<SearchOptions, 'initial'>;
  /** The full coverage's worst-case breach path of a layout (candidate ids). */
  fullBreach: (towers: readonly number[]) => Promise<FullBreach>;
  /**
   * Pins the paths the full coverage found below `floor` into the objective, sampled as the full
   * coverage samples them (pinned.ts): its breach path, and it may add more (other weak crossings of
   * its profile); returns how many it pinned. Default: the breach path's chain on the search's grid
   * (`pinPath`), from the candidates' stored contributions.
   */
  pin?: (obj: SearchObjective, full: FullBreach, floor: number) => number;
}

export interface RefineRound {
  /** The search's worst case (windows and pinned paths) of the layout evaluated in this round. */
  searchWorst: number;
  searchMean: number;
  /** The full coverage's worst-case breach P of that layout. */
  fullBreachP: number;
  /** Paths pinned into the objective when this layout was searched. */
  pinnedPaths: number;
}

export interface RefineResult<B extends FullBreach> {
  towers: number[];
  score: Score;
  /** The full coverage of the chosen layout. */
  full: B;
  rounds: RefineRound[];
  chosen: number;
  /** Every search run, the first included. */
  searches: SearchResult[];
}

/**
 * The grid chain (node ids i·R + j, far edge first) through a path's turning points: each point on
 * its nearest node, and between two points the moves of the grid (diagonal while both coordinates
 * differ, then straight), which is exactly the path between two turns of a grid path.
 */
export function breachChain(g: Pick<Grid, 'C' | 'R' | 'ds' | 'offset'>, points: readonly { km: number; offsetM: number }[]): number[] {
  const node = (p: { km: number; offsetM: number }): [number, number] => {
    const i = Math.min(g.C - 1, Math.max(0, Math.round((p.km * 1000) / g.ds - 0.5)));
    let j = 0;
    for (let r = 1; r < g.R; r++) if (Math.abs(g.offset[r] - p.offsetM) < Math.abs(g.offset[j] - p.offsetM)) j = r;
    return [i, j];
  };
  const chain: number[] = [];
  let at: [number, number] | null = null;
  for (const p of points) {
    const [i2, j2] = node(p);
    if (!at) {
      at = [i2, j2];
      chain.push(i2 * g.R + j2);
      continue;
    }
    let [i, j]: [number, number] = at;
    while (i !== i2 || j !== j2) {
      i += Math.sign(i2 - i);
      j += Math.sign(j2 - j);
      chain.push(i * g.R + j);
    }
    at = [i, j];
  }
  return chain;
}

/** Chainages (km) of the lowest bin of each run of profile bins below `floor`, weakest first, at most `max`. */
export function weakCrossingsKm(profile: readonly { km: number; pDetect: number }[], floor: number, max: number): number[] {
  const dips: { km: number; p: number }[] = [];
  let low: { km: number; p: number } | null = null;
  for (const b of profile) {
    if (b.pDetect < floor) {
      if (!low || b.pDetect < low.p) low = { km: b.km, p: b.pDetect };
    } else if (low) {
      dips.push(low);
      low = null;
    }
  }
  if (low) dips.push(low);
  return dips
    .sort((a, b) => a.p - b.p || a.km - b.km)
    .slice(0, Math.max(0, max))
    .map((d) => d.km);
}

/** Full coverage, pin, search again: see the module comment. Leaves `obj` holding the last layout searched. */
export async function refinePlacement<B extends FullBreach>(obj: SearchObjective, first: SearchResult, o: RefineOptions): Promise<RefineResult<B>> {
  const searches = [first];
  const evaluated: { towers: number[]; score: Score; full: B }[] = [];
  const rounds: RefineRound[] = [];
  let current = first;
  const pinnedKeys = new Set<string>();
  for (let r = 0; ; r++) {
    const full = (await o.fullBreach(current.towers)) as B;
    evaluated.push({ towers: current.towers, score: current.score, full });
    rounds.push({ searchWorst: current.score.worst, searchMean: current.score.mean, fullBreachP: full.pDetect, pinnedPaths: obj.pinnedCount });
    if (r >= o.rounds || !(full.pDetect < current.score.worst - o.tolerance)) break;
    const chain = breachChain(obj.k.grid, full.points);
    if (chain.length < 2) break;
    const key = full.points.map((p) => `${p.km}:${p.offsetM}`).join(',');
    // The same path again: pinning it twice would change nothing.
    if (pinnedKeys.has(key)) break;
    pinnedKeys.add(key);
    if (o.pin) {
      if (o.pin(obj, full, current.score.worst - o.tolerance) === 0) break;
    } else obj.pinPath(chain);
    current = await searchPlacement(obj, { ...o.search, initial: current.towers });
    searches.push(current);
  }
  let chosen = 0;
  for (let i = 1; i < evaluated.length; i++) {
    const a = evaluated[i];
    const b = evaluated[chosen];
    if (a.full.pDetect > b.full.pDetect || (a.full.pDetect === b.full.pDetect && a.score.mean > b.score.mean)) chosen = i;
  }
  const c = evaluated[chosen];
  return { towers: c.towers, score: c.score, full: c.full, rounds, chosen, searches };
}
