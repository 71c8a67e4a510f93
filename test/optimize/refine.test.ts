/**
 * Refinement by the full coverage (src/optimize/refine.ts): a breach path's turning points back to
 * its grid chain, by hand; and a wadi the search's windows cannot follow, which the full coverage
 * finds and the refinement then covers.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { analyzeCoverage } from '../../src/coverage/coverage.ts';
import { layoutOf } from '../../src/optimize/candidates.ts';
import { breachChain, refinePlacement, weakCrossingsKm } from '../../src/optimize/refine.ts';
import { searchPlacement } from '../../src/optimize/search.ts';
import { flatScene } from '../core/fixtures.ts';
import { contributionsOf, objectiveOf, wadiConfig, wadiScene } from './helpers.ts';

describe('breachChain', () => {
  // 4 columns of 100 m; rows at offsets −300, −200, −100, −1.5 (far face), 1.5 (home face), 100, 200.
  const g = { C: 4, R: 7, ds: 100, offset: Float64Array.from([-300, -200, -100, -1.5, 1.5, 100, 200]) };
  it('turning points to nodes (nearest column centre and row), the moves between them diagonal first', () => {
    // From column 0 at the far edge, diagonally to column 2 at −100 m, straight to the far face, over the
    // wall diagonally into column 3, straight to the home edge.
    const points = [
      { km: 0.05, offsetM: -300 },
      { km: 0.25, offsetM: -100 },
      { km: 0.25, offsetM: -1.5 },
      { km: 0.35, offsetM: 1.5 },
      { km: 0.35, offsetM: 200 },
    ];
    const n = (i: number, j: number) => i * 7 + j;
    expect(breachChain(g, points)).toEqual([n(0, 0), n(1, 1), n(2, 2), n(2, 3), n(3, 4), n(3, 5), n(3, 6)]);
  });
  it('two points of a straight crossing (the coverage\'s straight breach) give the whole column', () => {
    expect(breachChain(g, [{ km: 0.16, offsetM: -300 }, { km: 0.16, offsetM: 200 }])).toEqual([7, 8, 9, 10, 11, 12, 13]);
  });
});

describe('a wadi the search\'s windows cannot follow', () => {
  // The scene of the wadi test in search.test.ts: 9 km of flat ground, one wadi 6 m deep crossing at
  // km 4.77, four towers with ideal 360° sensors of 1.5 km and P∞ 0.9 (A·P∞ = 0.855 past one sensor).
  // Here the search's windows are 100 m wide with no margins: no window holds the wadi's meandering
  // bed, so the search sees only straight crossings and short paths, all seen.
  const scene = wadiScene;
  const config = wadiConfig;
  const wadiKm = createWorld(scene, config).wadiKm[0];
  const k = contributionsOf(scene, config, { stepM: 100, cellM: 20 });
  const full = async (towers: readonly number[]) => analyzeCoverage(createWorld(scene, { ...config, towers: layoutOf(k.cand, towers, 50) }), { breachCellM: 20 }).breachPath!;
  it('the search alone believes 0.855 where the full coverage finds the wadi unseen; refined, a tower looks into it and both agree on 0.855', async () => {
    const obj = objectiveOf(k, config, 4, 100, 0);
    const search = { towers: 4, seed: 1, iterations: 200 };
    const first = await searchPlacement(obj, search);
    const r = await refinePlacement(obj, first, { rounds: 3, tolerance: 0.001, search, fullBreach: full });
    expect(r.rounds[0].searchWorst).toBeCloseTo(0.855, 6);
    expect(r.rounds[0].fullBreachP).toBeLessThan(0.01);
    expect(r.rounds.length).toBeGreaterThan(1);
    expect(obj.pinnedCount).toBeGreaterThan(0);
    expect(r.full.pDetect).toBeCloseTo(0.855, 6);
    expect(r.rounds[r.chosen].searchWorst).toBeCloseTo(0.855, 6);
    const km = r.towers.map((c) => (Math.floor(c) * k.cand.slotM) / 1000);
    expect(Math.min(...km.map((x) => Math.abs(x - wadiKm)))).toBeLessThan(0.3);
  });
});

describe('weakCrossingsKm', () => {
  it('the lowest bin of each run below the floor, weakest first, at most max', () => {
    const p = [0.9, 0.5, 0.4, 0.6, 0.95, 0.3, 0.96, 0.7, 0.65].map((pDetect, i) => ({ km: i / 10, pDetect }));
    // Runs below 0.8: bins 1–3 (lowest 0.4 at km 0.2), bin 5 (0.3 at km 0.5), bins 7–8 (0.65 at km 0.8).
    expect(weakCrossingsKm(p, 0.8, 10)).toEqual([0.5, 0.2, 0.8]);
    expect(weakCrossingsKm(p, 0.8, 2)).toEqual([0.5, 0.2]);
    expect(weakCrossingsKm(p, 0.3, 10)).toEqual([]);
  });
});
