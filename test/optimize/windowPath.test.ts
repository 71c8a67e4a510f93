/**
 * The objective's window search (src/optimize/windowPath.ts): the same chain as the breach search's own
 * Dijkstra (leastPath in breach.ts), with or without a bound, on random weights with ties; a chain's
 * cost by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastPath } from '../../src/coverage/breach.ts';
import { WindowPathSearch } from '../../src/optimize/windowPath.ts';

// 5 rows out (0–4, the far face at 4), the wall, 4 rows in (5–8): R = 9.
const g = { R: 9, ds: 40, dF: 30, dH: 20, farFace: 4, homeFace: 5 };
const v = 1.25;

describe('window search', () => {
  it('finds leastPath\'s chain, and the same chain under the bound of any path (random rates, many exact ties)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom(0, 0, 0, 0.5, 1, 2, 3.7), { minLength: 12 * 9, maxLength: 12 * 9 }),
        fc.array(fc.constantFrom(0, 1, 5), { minLength: 12, maxLength: 12 }),
        fc.nat(11),
        (C, rates, walls, col) => {
          const w = { node: Float64Array.from(rates.slice(0, C * g.R)), wall: Float64Array.from(walls.slice(0, C)) };
          const ref = leastPath({ ...g, C }, w, v);
          const s = new WindowPathSearch(g, v);
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
  it('a chain\'s cost by hand: straight down column 1 of 2, rate 1 everywhere, wall weight 5', () => {
    const C = 2;
    const w = { node: new Float64Array(C * g.R).fill(1), wall: new Float64Array(C).fill(5) };
    const s = new WindowPathSearch(g, v);
    const chain = Array.from({ length: g.R }, (_, j) => g.R + j);
    // 4 moves of 30 m out, the wall (5), 3 moves of 20 m in, each at rate 1: (120 + 60) / 1.25 + 5 = 149.
    expect(s.chainCost(C, w, chain)).toBeCloseTo(149, 6);
    expect(s.chainCost(C, w, chain)).toBeGreaterThanOrEqual(149);
    expect(s.chainCost(C, w, [0, 3 * g.R])).toBe(Infinity);
  });
});
