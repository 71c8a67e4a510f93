/**
 * The placement objective (src/optimize/objective.ts): its columns agree with the coverage's own
 * breach grid, its paths with the grid's exact path evaluation, and an incremental update equals a
 * full recomputation, bit for bit (property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { buildGrid, pathPDetect } from '../../src/coverage/breachGrid.ts';
import { createRateContext } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { coverageWatch } from '../../src/coverage/watch.ts';
import { candidateGrid, candidateTowers, computeContributions, layoutOf } from '../../src/optimize/candidates.ts';
import { PlacementObjective } from '../../src/optimize/objective.ts';
import { flatScene } from '../core/fixtures.ts';
import { contributionsOf, objectiveOf, desertConfig, desertScene } from './helpers.ts';

const scene = desertScene;
const config = desertConfig;

describe('columns and paths agree with the coverage breach grid (no pruning of far looks)', () => {
  const base = createWorld(scene, config);
  const cand = candidateGrid(base.border.lengthM, [15, 30], 500);
  const world = createWorld(scene, { ...config, towers: candidateTowers(cand, 50) });
  // minPInf 1e-6: the simulation's own cut, so every look the coverage counts is kept.
  const k = computeContributions(createRateContext(world, referenceTarget(base)), cand, 50, [0, cand.count], undefined, 1e-6);
  const layout = [2, 9, 15, 20];
  const placed = createWorld(scene, { ...config, towers: layoutOf(cand, layout, 50) });
  const ctx = createRateContext(placed, referenceTarget(placed));
  const g = buildGrid(ctx, 50);
  const obj = new PlacementObjective(k, { attention: coverageWatch(config, layout.length * 2).attention, windowM: 1000, marginM: 500 });
  obj.setLayout(layout);
  it('the layout spans both heights (candidate c: slot ⌊c/2⌋, height [15, 30][c mod 2])', () => {
    expect(Array.from(placed.towers.heightM)).toEqual([15, 30, 30, 15]);
  });
  it('every straight column: the same P(detect) as buildGrid (to float32 storage of P∞ and rates)', () => {
    expect(obj.colP.length).toBe(g.C);
    for (let i = 0; i < g.C; i++) expect(obj.colP[i]).toBeCloseTo(g.columnP[i], 5);
  });
  it('a path: the same exact bounded P as pathPDetect', () => {
    // A path that walks in along column 30, slants to column 33 on the far side and climbs to column 34.
    const R = g.R;
    const chain: number[] = [];
    for (let j = 0; j < g.farFace - 3; j++) chain.push(30 * R + j);
    for (let d = 1; d <= 3; d++) chain.push((30 + d) * R + g.farFace - 3 + d);
    for (let j = g.homeFace; j < R; j++) chain.push(34 * R + j);
    const p = obj.pathP(chain);
    expect(p).toBeGreaterThan(0.05);
    expect(p).toBeCloseTo(pathPDetect(ctx, g, chain), 5);
  });
});

describe('incremental update equals full recomputation (property)', () => {
  const k = contributionsOf(scene, config, { stepM: 200, cellM: 60, heightsM: [15, 25] });
  const slots = k.cand.slots;
  it('any layout and any sequence of moves and undos: windows, columns and a pinned path bit-identical to a fresh evaluation', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: slots - 1 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.record({ tower: fc.nat(), slot: fc.integer({ min: 0, max: slots - 1 }), h: fc.integer({ min: 0, max: 1 }), undo: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        (start, moves) => {
          // A pinned path too: straight down column 20, then diagonally to column 24 on the home side.
          const R = k.grid.R;
          const pin = [...Array.from({ length: k.grid.homeFace }, (_, j) => 20 * R + j), ...Array.from({ length: R - k.grid.homeFace }, (_, d) => (20 + Math.min(d, 4)) * R + k.grid.homeFace + d)];
          const obj = objectiveOf(k, config, start.length);
          obj.setLayout(start.map((s) => 2 * s));
          obj.pinPath(pin);
          for (const m of moves) {
            const towers = obj.towers();
            const remove = towers[m.tower % towers.length];
            const add = 2 * m.slot + m.h;
            if (towers.some((c) => c !== remove && Math.floor(c / 2) === m.slot)) continue;
            obj.move(remove, add);
            if (m.undo) obj.undo();
          }
          const fresh = objectiveOf(k, config, start.length);
          fresh.pinPath(pin);
          fresh.setLayout(obj.towers());
          expect(Array.from(obj.pinnedP)).toEqual(Array.from(fresh.pinnedP));
          expect(Array.from(obj.windowP)).toEqual(Array.from(fresh.windowP));
          expect(Array.from(obj.colP)).toEqual(Array.from(fresh.colP));
          expect(obj.score()).toEqual(fresh.score());
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
  it('a move recomputes only the windows within reach of the towers it changes (ideal sensors of 400 m on 10 km)', () => {
    const ideal: ConfigSpec = { ...config, cameras: [{ sensor: 'ideal', rangeM: 400, headingDeg: 0, fovDeg: 360 }] };
    const kk = contributionsOf(flatScene(10), ideal, { stepM: 100, cellM: 50 });
    const obj = objectiveOf(kk, ideal, 3);
    obj.setLayout([10, 50, 90]);
    const before = obj.windowEvaluations;
    // From 1.0 to 1.2 km: blocks of 0.6–1.4 and 0.8–1.6 km (the columns within 400 m), margins 500 m:
    // windows 0 to 2 of the ten 1 km windows.
    obj.move(10, 12);
    expect(obj.windowEvaluations - before).toBe(3);
  });
});
