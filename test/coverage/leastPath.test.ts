/**
 * The least-path search (src/coverage/leastPath.ts), used by the breach path over the whole grid and by
 * the placement objective over windows: the same chain as a plain Dijkstra written out here, with or
 * without a bound, on random weights with ties; a chain's cost by hand; a least path by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastPath } from '../../src/coverage/breach.ts';
import { LeastPathSearch, type PathGrid, type PathWeights } from '../../src/coverage/leastPath.ts';
import { MinHeap } from '../../src/coverage/minHeap.ts';

// 5 rows out (0–4, the far face at 4), the wall, 4 rows in (5–8): R = 9.
const g = { R: 9, ds: 40, dF: 30, dH: 20, farFace: 4, homeFace: 5 };
const v = 1.25;

describe('least-path search', () => {
  it('finds the plain Dijkstra\'s chain, over the grid (leastPath) and under the bound of any path (random rates, many exact ties)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom(0, 0, 0, 0.5, 1, 2, 3.7), { minLength: 12 * 9, maxLength: 12 * 9 }),
        fc.array(fc.constantFrom(0, 1, 5), { minLength: 12, maxLength: 12 }),
        fc.nat(11),
        (C, rates, walls, col) => {
          const w = { node: Float64Array.from(rates.slice(0, C * g.R)), wall: Float64Array.from(walls.slice(0, C)) };
          const ref = plainDijkstra({ ...g, C }, w, v);
          expect(leastPath({ ...g, C }, w, v)).toEqual(ref);
          const s = new LeastPathSearch(g, v);
          expect(s.least(C, w)).toEqual(ref);
          // Bounds: the found chain's own cost, and a straight column's (any path bounds the least).
          const i = col % C;
          const straight = Array.from({ length: g.R }, (_, j) => i * g.R + j);
          expect(s.least(C, w, s.chainCost(C, w, ref!))).toEqual(ref);
          expect(s.least(C, w, s.chainCost(C, w, straight))).toEqual(ref);
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });
  it('a least path by hand: down the one unwatched column of three', () => {
    const C = 3;
    // Rate 1 everywhere but column 1 (rate 0); the wall costs 2 in columns 0 and 2 and nothing in column 1.
    const node = new Float64Array(C * g.R).fill(1);
    for (let j = 0; j < g.R; j++) node[g.R + j] = 0;
    const w = { node, wall: Float64Array.from([2, 0, 2]) };
    const straight = Array.from({ length: g.R }, (_, j) => g.R + j);
    expect(leastPath({ ...g, C }, w, v)).toEqual(straight);
    expect(new LeastPathSearch(g, v).chainCost(C, w, straight)).toBe(0);
  });
  it('a chain\'s cost by hand: straight down column 1 of 2, rate 1 everywhere, wall weight 5', () => {
    const C = 2;
    const w = { node: new Float64Array(C * g.R).fill(1), wall: new Float64Array(C).fill(5) };
    const s = new LeastPathSearch(g, v);
    const chain = Array.from({ length: g.R }, (_, j) => g.R + j);
    // 4 moves of 30 m out, the wall (5), 3 moves of 20 m in, each at rate 1: (120 + 60) / 1.25 + 5 = 149.
    expect(s.chainCost(C, w, chain)).toBeCloseTo(149, 6);
    expect(s.chainCost(C, w, chain)).toBeGreaterThanOrEqual(149);
    expect(s.chainCost(C, w, [0, 3 * g.R])).toBe(Infinity);
  });
});

/**
 * The reference: a plain binary-heap Dijkstra with no bound and fresh buffers (the breach search as it
 * was written before the bounded search replaced it), ties by node id through the heap.
 */
function plainDijkstra(g: PathGrid, weights: PathWeights, v: number): number[] | null {
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

