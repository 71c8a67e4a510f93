/**
 * The placement search (src/optimize/search.ts) on cases with a known answer: even spacing on a flat
 * line with ideal sensors; a tower that looks into a hidden wadi; the same layout for the same seed.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { analyzeCoverage } from '../../src/coverage/coverage.ts';
import { layoutOf, slotOf } from '../../src/optimize/candidates.ts';
import { StreamCursor } from '../../src/core/rng.ts';
import { greedyCandidates, raiseMean, searchPlacement, uniformCandidates } from '../../src/optimize/search.ts';
import { flatScene } from '../core/fixtures.ts';
import { contributionsOf, objectiveOf, wadiConfig, wadiScene } from './helpers.ts';

describe('flat line, ideal 360° sensors of 1 km, 5 towers on 10 km', () => {
  // By hand: a straight crossing is detected (P = A = 0.95) iff its column lies within 1 km of a tower
  // standing on the line (setback 0); otherwise nobody sees it and P = 0. Columns are 50 m wide
  // (centres 25, 75, …, 9975 m) and candidates 100 m apart, so the first tower must stand at ≤ 1000 m
  // (to see the column at 25 m), the last at ≥ 9000 m, and two neighbours at most 2000 m apart (a gap
  // of 2100 m leaves the column between them unseen). 9000 − 1000 = 4 × 2000: the only layout with
  // no unseen column — the only one whose worst case is above 0 — is 1, 3, 5, 7, 9 km.
  const scene = flatScene(10, { strip: { approachM: 500, depthM: 200 } });
  const config: ConfigSpec = {
    towers: { spacingM: 2000, offsetM: 1000, setbackM: 0, heightM: 15 },
    cameras: [{ sensor: 'ideal', rangeM: 1000, headingDeg: 0, fovDeg: 360 }],
    run: { attempts: 100, seed: 1, stepS: 2 },
    availability: 0.95,
  };
  const k = contributionsOf(scene, config, { stepM: 100, cellM: 50 });
  it('from towers each a few hundred metres off, the local search finds even spacing within one grid step', async () => {
    const obj = objectiveOf(k, config, 5);
    const r = await searchPlacement(obj, { towers: 5, seed: 7, iterations: 3000, initial: [7, 33, 46, 74, 92] });
    const km = r.towers.map((c) => (slotOf(k.cand, c) * k.cand.slotM) / 1000);
    expect(km).toHaveLength(5);
    [1, 3, 5, 7, 9].forEach((x, i) => expect(Math.abs(km[i] - x)).toBeLessThanOrEqual(0.1 + 1e-9));
    expect(r.score.worst).toBeCloseTo(0.95, 9);
  });
  it('greedy on the coverage deficit alone already places them evenly', () => {
    const obj = objectiveOf(k, config, 5);
    expect(greedyCandidates(obj, 5).map((c) => slotOf(k.cand, c))).toEqual([10, 30, 50, 70, 90]);
  });
  it('a layout one slot off leaves a column unseen: worst case 0 (the optimum is sharp)', () => {
    const obj = objectiveOf(k, config, 5);
    obj.setLayout([10, 30, 50, 70, 90]);
    expect(obj.score().worst).toBeCloseTo(0.95, 9);
    obj.setLayout([10, 30, 50, 70, 89]);
    expect(obj.score().worst).toBe(0);
    expect(uniformCandidates(k, 5)).toEqual([10, 30, 50, 70, 90]);
  });
});

describe('mean phase: the mean P rises, the worst case does not fall (flat 10 km, ideal 360° sensors of 1 km, P∞ 0.9, six towers)', () => {
  // By hand: a column seen by one tower is detected with A·P∞ = 0.95 · 0.9 = 0.855, by two with
  // 1 − 0.145² = 0.978975. Five towers at 1, 3, 5, 7, 9 km see every column once (worst case 0.855);
  // the sixth at 0 km doubles the 20 columns of 0–1 km: mean (180 · 0.855 + 20 · 0.978975) / 200 =
  // 0.8673975. Wherever it stands at least 1 km from both ends it doubles 40 columns, the most any
  // layout that sees every column can double (6 · 2 km of sight on 10 km): mean (160 · 0.855 +
  // 40 · 0.978975) / 200 = 0.879795. The worst case stays 0.855 (a path past a single tower). To 6
  // places: P∞ is stored as a float32 (0.9 → 0.89999998).
  const scene = flatScene(10, { strip: { approachM: 500, depthM: 200 } });
  const config: ConfigSpec = {
    towers: { spacingM: 2000, offsetM: 1000, setbackM: 0, heightM: 15 },
    cameras: [{ sensor: 'ideal', rangeM: 1000, headingDeg: 0, fovDeg: 360, pInfinity: 0.9 }],
    run: { attempts: 100, seed: 1, stepS: 2 },
    availability: 0.95,
  };
  const k = contributionsOf(scene, config, { stepM: 100, cellM: 50 });
  const start = [0, 10, 30, 50, 70, 90];
  it('the start: worst 0.855, mean 0.8673975', () => {
    const obj = objectiveOf(k, config, 6);
    obj.setLayout(start);
    expect(obj.score().worst).toBeCloseTo(0.855, 6);
    expect(obj.score().mean).toBeCloseTo(0.8673975, 6);
  });
  it('after the local search (no iterations here), the mean phase moves the sixth tower inwards: mean 0.879795, worst still 0.855', async () => {
    const obj = objectiveOf(k, config, 6);
    const r = await searchPlacement(obj, { towers: 6, seed: 3, iterations: 0, meanIterations: 600, initial: start });
    expect(r.meanPhase.from.mean).toBeCloseTo(0.8673975, 6);
    expect(r.meanPhase.accepted).toBeGreaterThan(0);
    expect(r.score.mean).toBeCloseTo(0.879795, 6);
    expect(r.score.worst).toBeCloseTo(0.855, 6);
    expect(Math.min(...r.towers.map((c) => slotOf(k.cand, c)))).toBeGreaterThanOrEqual(10);
  });
  it('the constraint holds: with a floor above every layout\'s worst case, no change is kept', async () => {
    const obj = objectiveOf(k, config, 6);
    obj.setLayout(start);
    const r = await raiseMean(obj, { iterations: 300, floor: 0.9, rng: new StreamCursor(3, 1), maxShift: 8 });
    expect(r.accepted).toBe(0);
    expect(obj.towers()).toEqual(start);
    expect(obj.score().mean).toBeCloseTo(0.8673975, 6);
  });
});

describe('a hidden wadi gets a tower that sees into it', () => {
  // 9 km of flat ground cut by one wadi 6 m deep and 60 m wide (seeded: it crosses at km 4.77); four
  // towers with ideal 360° sensors of 1.5 km and P∞ 0.9. Evenly spaced (1.125, 3.375, 5.625, 7.875 km)
  // they see every straight crossing but none of them looks into the wadi's bed, so a path up the
  // bed is never seen: worst case 0. A tower that looks along the wadi sees anyone in it; the best
  // worst case is then a path past a single sensor, A·P∞ = 0.95 · 0.9 = 0.855.
  const scene = wadiScene;
  const config = wadiConfig;
  const uniform = createWorld(scene, config);
  const wadiKm = uniform.wadiKm[0];
  const k = contributionsOf(scene, config, { stepM: 100, cellM: 20 });
  it('evenly spaced: no tower within 600 m of the wadi, and the worst-case path runs up it unseen', () => {
    expect(wadiKm).toBeCloseTo(4.77, 2);
    expect(Math.min(...Array.from(uniform.towers.sM, (s) => Math.abs(s / 1000 - wadiKm)))).toBeGreaterThan(0.6);
    const b = analyzeCoverage(uniform, { breachCellM: 20 }).breachPath!;
    expect(b.pDetect).toBeLessThan(1e-3);
  });
  it('placed: a tower stands by the wadi, and the worst case rises to A·P∞ = 0.855', async () => {
    const r = await searchPlacement(objectiveOf(k, config, 4), { towers: 4, seed: 1, iterations: 400 });
    const placed = createWorld(scene, { ...config, towers: layoutOf(k.cand, r.towers, 50) });
    expect(Math.min(...Array.from(placed.towers.sM, (s) => Math.abs(s / 1000 - wadiKm)))).toBeLessThan(0.3);
    expect(analyzeCoverage(placed, { breachCellM: 20 }).breachPath!.pDetect).toBeCloseTo(0.855, 6);
  });
});

/** Rolling desert with wadis; one short-range thermal camera turning all round per tower. */
const shortRangeDesert = (km: number, terrainSeed: number, wadis: number, cellM: number): SceneSpec =>
  flatScene(km, { terrain: { type: 'procedural', seed: terrainSeed, reliefM: 10, wadis, wadiDepthM: 6, wadiWidthM: 60, cellM } });
const shortRangeConfig: ConfigSpec = {
  towers: { spacingM: 2000, offsetM: 1000, setbackM: 50, heightM: 15 },
  cameras: [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, fovDeg: 360 }],
  run: { attempts: 100, seed: 1, stepS: 2 },
};

describe('deterministic for a seed', () => {
  const scene = shortRangeDesert(6, 3, 1, 10);
  const config = shortRangeConfig;
  const k = contributionsOf(scene, config, { stepM: 200, cellM: 60, heightsM: [10, 20] });
  const run = (seed: number) => searchPlacement(objectiveOf(k, config, 3), { towers: 3, seed, iterations: 120 });
  it('the same seed gives the same layout, score and acceptance count; the search is not a no-op', async () => {
    const [a, b] = [await run(11), await run(11)];
    expect(b.towers).toEqual(a.towers);
    expect(b.score).toEqual(a.score);
    expect(b.accepted).toBe(a.accepted);
    expect(a.accepted).toBeGreaterThan(0);
  });
});

describe('greedy rescoring only the candidates whose blocks meet the last pick', () => {
  // The plain greedy: every candidate scored again at every pick (lowest id among equal gains).
  function rescanGreedy(obj: ReturnType<typeof objectiveOf>, n: number, capP: number): number[] {
    const k = obj.k;
    const cap = -Math.log1p(-capP);
    const H = new Float64Array(k.grid.C);
    const used = new Set<number>();
    const out: number[] = [];
    for (let t = 0; t < n; t++) {
      let best = -1;
      let bestGain = -1;
      for (let c = 0; c < k.cand.count; c++) {
        if (used.has(slotOf(k.cand, c))) continue;
        const m = obj.miss(c);
        let gain = 0;
        for (let ii = 0; ii < m.length; ii++) {
          const h = H[k.col0[c] + ii];
          if (h < cap) gain += Math.min(cap, h - m[ii]) - h;
        }
        if (gain > bestGain) [best, bestGain] = [c, gain];
      }
      if (best < 0) break;
      used.add(slotOf(k.cand, best));
      out.push(best);
      const m = obj.miss(best);
      for (let ii = 0; ii < m.length; ii++) H[k.col0[best] + ii] -= m[ii];
    }
    return out.sort((a, b) => a - b);
  }
  const scene = shortRangeDesert(20, 5, 2, 20);
  const config = shortRangeConfig;
  const k = contributionsOf(scene, config, { stepM: 250, cellM: 80, heightsM: [10, 20] });
  it('picks exactly what the full rescan picks, for every count and two caps (blocks shorter than the line, so the shortcut is taken)', () => {
    expect(Math.max(...Array.from(k.col1, (b, c) => b - k.col0[c]))).toBeLessThan(k.grid.C / 2);
    for (const capP of [0.9, 0.99]) {
      for (const n of [1, 3, 6, 12]) {
        const obj = objectiveOf(k, config, n);
        expect(greedyCandidates(obj, n, capP)).toEqual(rescanGreedy(obj, n, capP));
      }
    }
  });
});
