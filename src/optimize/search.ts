/**
 * The placement search (docs/model.md §9): greedy on the coverage deficit, then a local search with a
 * simulated-annealing acceptance rule. Deterministic for a seed: every random choice is a draw of one
 * counter-based stream, and the budget is a number of iterations, never a time. Pure.
 *
 * - Greedy: towers are added one at a time where they most raise Σ_columns min(H*, H), H = −log(1 − P)
 *   of the straight column (additive over towers) and H* the cap of the deficit (a column already
 *   at the cap needs nothing more). Its result and the evenly spaced layout snapped to the candidate
 *   grid both start the search; the better one is kept.
 * - Local search, one candidate change per iteration:
 *   shift — a tower (most often one flanking the worst window) moves a few slots along the line;
 *   relocate — a random tower is taken away and put down in the worst window;
 *   swap — two towers exchange heights (with a list of heights);
 *   reheight — a tower takes another height of the list.
 *   A change is kept when the energy does not rise, or with probability exp(−ΔE/T) as the temperature
 *   T falls geometrically; the energy is minus a soft minimum of the windows' values (so several weak
 *   windows all count) minus a small share of the mean. The best layout seen, by (worst, mean), is
 *   kept.
 * - Mean phase (lexicographic): from that layout, hill climbing on the mean P of straight crossings
 *   under the constraint worst ≥ the best worst case found. Once one bottleneck fixes the worst case,
 *   the annealing's energy hardly sees the mean (a small share, dwarfed by the soft minimum), so
 *   towers over open flats stay bunched; here they spread out again. A change is kept only when it
 *   strictly raises the mean and keeps the constraint; the mean needs only the columns of the two
 *   blocks, so a change that does not raise it is refused before any window is recomputed.
 */
import { StreamCursor } from '../core/rng.ts';
import { candidateOf, slotOf, type Contributions } from './candidates.ts';
import { better, type SearchObjective, type Score } from './objective.ts';

/** Key of the search's random stream (apart from the run's streams, whose keys are small integers). */
const SEARCH_STREAM = 0x6f707431;

export interface SearchOptions {
  towers: number;
  seed: number;
  /** Local-search iterations (default 40 per tower, at least 400). */
  iterations?: number;
  /** Cap of the greedy deficit, as a P(detect) (default 0.99). */
  capP?: number;
  /** Called every few iterations with the best score so far. */
  onProgress?: (done: number, total: number, best: Score) => void;
  /**
   * Awaited every few iterations: the edge gives its event loop a turn there (signals, progress) and
   * may throw to stop. Never changes the result.
   */
  pause?: () => Promise<void>;
  /** Start the local search from this layout (candidate ids) instead of the better of greedy and uniform. */
  initial?: readonly number[];
  /** Iterations of the mean phase (default: as many as the local search's; 0: none). */
  meanIterations?: number;
}

export interface SearchResult {
  towers: number[];
  score: Score;
  start: 'greedy' | 'uniform' | 'given';
  greedy: Score;
  uniform: Score;
  iterations: number;
  accepted: number;
  /** Windows recomputed (each a short Dijkstra and a few exact path evaluations). */
  evaluations: number;
  /** The mean phase: its iterations, the changes it kept, and the score it started from. */
  meanPhase: { iterations: number; accepted: number; from: Score };
}

/** Softness of the energy's minimum over windows, in units of P(detect). */
const SOFTMIN_T = 0.01;
const MEAN_WEIGHT = 0.05;
const T_START = 0.01;
const T_END = 1e-5;

function energy(obj: SearchObjective, s: Score): number {
  const wp = obj.windowP;
  const pp = obj.pinnedP;
  let sum = 0;
  for (let w = 0; w < wp.length; w++) sum += Math.exp(-(wp[w] - s.worst) / SOFTMIN_T);
  for (let p = 0; p < pp.length; p++) sum += Math.exp(-(pp[p] - s.worst) / SOFTMIN_T);
  return -(s.worst - SOFTMIN_T * Math.log(sum)) - MEAN_WEIGHT * s.mean;
}

/** The evenly spaced layout of n towers (centred in n equal cells) snapped to the nearest free slots, at height index 0. */
export function uniformCandidates(k: Contributions, n: number): number[] {
  const g = k.cand;
  const L = (g.slots - 1) * g.slotM;
  const used = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let slot = Math.min(g.slots - 1, Math.round(((i + 0.5) * L) / n / g.slotM));
    while (used.has(slot) && slot + 1 < g.slots) slot++;
    while (used.has(slot) && slot > 0) slot--;
    used.add(slot);
    out.push(candidateOf(g, slot, 0));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Greedy on the capped column deficit: n towers, one per slot. A candidate's gain depends only on the
 * deficit over its own block, so after each pick only the candidates whose blocks meet the pick's are
 * scored again; the others keep their gains (the same numbers a full rescan computes).
 */
export function greedyCandidates(obj: SearchObjective, n: number, capP = 0.99): number[] {
  const k = obj.k;
  const g = k.cand;
  const cap = -Math.log1p(-capP);
  const H = new Float64Array(k.grid.C);
  const usedSlot = new Uint8Array(g.slots);
  const out: number[] = [];
  const gainOf = (c: number) => {
    const m = obj.miss(c);
    let gain = 0;
    for (let ii = 0; ii < m.length; ii++) {
      const h = H[k.col0[c] + ii];
      if (h >= cap) continue;
      gain += Math.min(cap, h - m[ii]) - h;
    }
    return gain;
  };
  const gains = new Float64Array(g.count);
  for (let c = 0; c < g.count; c++) gains[c] = gainOf(c);
  for (let t = 0; t < n; t++) {
    let best = -1;
    let bestGain = -1;
    for (let c = 0; c < g.count; c++) {
      if (usedSlot[slotOf(g, c)]) continue;
      if (gains[c] > bestGain) {
        bestGain = gains[c];
        best = c;
      }
    }
    if (best < 0) break;
    usedSlot[slotOf(g, best)] = 1;
    out.push(best);
    const m = obj.miss(best);
    for (let ii = 0; ii < m.length; ii++) H[k.col0[best] + ii] -= m[ii];
    const [a, b] = [k.col0[best], k.col1[best]];
    for (let c = 0; c < g.count; c++) if (k.col1[c] > a && k.col0[c] < b) gains[c] = gainOf(c);
  }
  return out.sort((a, b) => a - b);
}

/** Greedy and uniform starts, then the annealed local search. Leaves `obj` holding the best layout. */
export async function searchPlacement(obj: SearchObjective, o: SearchOptions): Promise<SearchResult> {
  const k = obj.k;
  const g = k.cand;
  const H = g.heightsM.length;
  const n = Math.min(o.towers, g.slots);
  const iterations = o.iterations ?? Math.max(400, 40 * n);
  const rng = new StreamCursor(o.seed, SEARCH_STREAM);
  const evals0 = obj.windowEvaluations;

  const uniform = uniformCandidates(k, n);
  await obj.setLayout(uniform);
  const uniformScore = obj.score();
  const greedy = greedyCandidates(obj, n, o.capP);
  await obj.setLayout(greedy);
  const greedyScore = obj.score();
  const start = o.initial ? 'given' : better(uniformScore, greedyScore) ? 'uniform' : 'greedy';
  if (o.initial) await obj.setLayout(o.initial);
  else if (start === 'uniform') await obj.setLayout(uniform);

  let cur = obj.score();
  let curE = energy(obj, cur);
  let best = { towers: [...obj.towers()], score: cur };
  let accepted = 0;
  const slotUsed = new Uint8Array(g.slots);
  for (const c of obj.towers()) slotUsed[slotOf(g, c)] = 1;
  // Typical spacing in slots: how far a shift may go.
  const maxShift = Math.max(1, Math.round(g.slots / Math.max(1, n) / 2));
  const pick = (m: number) => Math.min(m - 1, Math.floor(rng.next() * m));

  for (let it = 0; it < iterations; it++) {
    const T = T_START * Math.pow(T_END / T_START, it / Math.max(1, iterations - 1));
    const towers = obj.towers();
    const u = rng.next();
    let remove = -1;
    let add = -1;
    if (u < 0.55) {
      // Shift a tower flanking the worst window (most often) or any tower, a geometric-ish distance.
      const c = rng.next() < 0.6 ? flanking(obj, rng.next()) : towers[pick(towers.length)];
      const d = Math.max(1, Math.round(Math.exp(rng.next() * Math.log(maxShift + 1)) - 0.5)) * (rng.next() < 0.5 ? -1 : 1);
      const slot = slotOf(g, c) + d;
      if (slot < 0 || slot >= g.slots || slotUsed[slot]) continue;
      remove = c;
      add = candidateOf(g, slot, c % H);
    } else if (u < 0.85 || H === 1) {
      // Relocate a random tower into the worst window (or onto the weakest pinned path).
      const c = towers[pick(towers.length)];
      const [from, to] = obj.weakestRangeM();
      const slot = Math.min(g.slots - 1, Math.round((from + rng.next() * (to - from)) / g.slotM));
      if (slotUsed[slot]) continue;
      remove = c;
      add = candidateOf(g, slot, c % H);
    } else {
      // Another height for a tower (a swap of two towers' heights is two such changes; one at a time keeps the update local).
      const c = rng.next() < 0.6 ? flanking(obj, rng.next()) : towers[pick(towers.length)];
      const h = (c % H + 1 + pick(H - 1)) % H;
      remove = c;
      add = candidateOf(g, slotOf(g, c), h);
    }
    await obj.move(remove, add);
    const next = obj.score();
    const nextE = energy(obj, next);
    if (nextE <= curE || rng.next() < Math.exp(-(nextE - curE) / T)) {
      slotUsed[slotOf(g, remove)] = 0;
      slotUsed[slotOf(g, add)] = 1;
      cur = next;
      curE = nextE;
      accepted++;
      if (better(cur, best.score)) best = { towers: [...obj.towers()], score: cur };
    } else obj.undo();
    if (it % 25 === 0) {
      o.onProgress?.(it, iterations, best.score);
      await o.pause?.();
    }
  }
  await obj.setLayout(best.towers);
  const meanIterations = o.meanIterations ?? iterations;
  const mp = await raiseMean(obj, { iterations: meanIterations, floor: best.score.worst, rng, maxShift, pause: o.pause, onProgress: (d) => o.onProgress?.(iterations + d, iterations + meanIterations, obj.score()) });
  const final = { towers: [...obj.towers()], score: obj.score() };
  o.onProgress?.(iterations + meanIterations, iterations + meanIterations, final.score);
  return {
    towers: final.towers,
    score: final.score,
    start,
    greedy: greedyScore,
    uniform: uniformScore,
    iterations,
    accepted,
    evaluations: obj.windowEvaluations - evals0,
    meanPhase: { iterations: meanIterations, accepted: mp.accepted, from: best.score },
  };
}

export interface MeanPhaseOptions {
  iterations: number;
  /** The worst case every kept change must keep (≥). */
  floor: number;
  rng: StreamCursor;
  /** Farthest shift, slots. */
  maxShift: number;
  pause?: () => Promise<void>;
  onProgress?: (done: number) => void;
}

/**
 * The mean phase: from the objective's layout, changes that strictly raise the mean P of straight
 * crossings and keep the worst case ≥ floor (lexicographic: the worst case first, then the mean).
 * Changes: a random tower shifted a few slots (most often), put down on a random free slot, or given
 * another height. Leaves `obj` holding the result.
 */
export async function raiseMean(obj: SearchObjective, o: MeanPhaseOptions): Promise<{ accepted: number }> {
  const g = obj.k.cand;
  const H = g.heightsM.length;
  const slotUsed = new Uint8Array(g.slots);
  for (const c of obj.towers()) slotUsed[slotOf(g, c)] = 1;
  const pick = (m: number) => Math.min(m - 1, Math.floor(o.rng.next() * m));
  let mean = obj.mean();
  let accepted = 0;
  for (let it = 0; it < o.iterations; it++) {
    const towers = obj.towers();
    if (towers.length === 0) break;
    const c = towers[pick(towers.length)];
    const u = o.rng.next();
    let add: number;
    if (u < 0.7) {
      const d = Math.max(1, Math.round(Math.exp(o.rng.next() * Math.log(o.maxShift + 1)) - 0.5)) * (o.rng.next() < 0.5 ? -1 : 1);
      const slot = slotOf(g, c) + d;
      if (slot < 0 || slot >= g.slots || slotUsed[slot]) continue;
      add = candidateOf(g, slot, c % H);
    } else if (u < 0.9 || H === 1) {
      const slot = pick(g.slots);
      if (slotUsed[slot]) continue;
      add = candidateOf(g, slot, c % H);
    } else add = candidateOf(g, slotOf(g, c), (c % H + 1 + pick(H - 1)) % H);
    if (!(await obj.move(c, add, (m) => m > mean))) {
      obj.undo();
    } else if (obj.score().worst >= o.floor) {
      slotUsed[slotOf(g, c)] = 0;
      slotUsed[slotOf(g, add)] = 1;
      mean = obj.mean();
      accepted++;
    } else obj.undo();
    if (it % 100 === 0) {
      o.onProgress?.(it);
      await o.pause?.();
    }
  }
  return { accepted };
}

/** One of the two towers nearest the worst window's centre (u picks which). */
function flanking(obj: SearchObjective, u: number): number {
  const g = obj.k.cand;
  const [from, to] = obj.weakestRangeM();
  const centre = 0.5 * (from + to);
  const towers = obj.towers();
  let i = 0;
  while (i < towers.length && slotOf(g, towers[i]) * g.slotM < centre) i++;
  const left = towers[Math.max(0, i - 1)];
  const right = towers[Math.min(towers.length - 1, i)];
  return u < 0.5 ? left : right;
}
