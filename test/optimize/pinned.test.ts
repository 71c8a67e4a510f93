/**
 * Pinned paths (src/optimize/pinned.ts): a straight crossing sampled as the coverage profile walks
 * it, and a grid path at the grid's nodes, each with every candidate's contribution; pinned into the
 * objective, their P(detect) under a layout is the full coverage's own figure for that layout.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/core/world.ts';
import { buildGrid, pathPDetect } from '../../src/coverage/breachGrid.ts';
import { crossingPDetect } from '../../src/coverage/profile.ts';
import { createRateContext } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { candidateGrid, candidateTowers, computeContributions, layoutOf } from '../../src/optimize/candidates.ts';
import { chainSample, sampleContributions, straightSample } from '../../src/optimize/pinned.ts';
import { objectiveOf, desertConfig, desertScene } from './helpers.ts';

const scene = desertScene;
const config = desertConfig;

describe('pinned paths carry the full coverage\'s own P(detect)', () => {
  const base = createWorld(scene, config);
  const cand = candidateGrid(base.border.lengthM, [15], 250);
  const candCtx = createRateContext(createWorld(scene, { ...config, towers: candidateTowers(cand, 50) }), referenceTarget(base));
  const k = computeContributions(candCtx, cand, 60);
  const layout = [3, 10, 17];
  const placed = createWorld(scene, { ...config, towers: layoutOf(cand, layout, 50) });
  const ctx = createRateContext(placed, referenceTarget(placed));
  it('a straight crossing between grid columns: crossingPDetect of the placed world (to its 10⁻⁶ tolerance)', () => {
    const obj = objectiveOf(k, config, layout.length);
    obj.setLayout(layout);
    // Chainages off the grid's column centres (cells of 60 m: centres at 30, 90, …).
    const at = [1234.5, 2718.2, 4001];
    for (const s of at) obj.pinSample(straightSample(candCtx, k.grid, s), sampleContributions(candCtx, straightSample(candCtx, k.grid, s)));
    at.forEach((s, p) => {
      const want = crossingPDetect(ctx, s);
      expect(want).toBeGreaterThan(0.05);
      expect(Math.abs(obj.pinnedP[p] - want)).toBeLessThan(2e-6);
    });
  });
  it('a grid path: pathPDetect of the placed world\'s grid, without the search\'s cut of far looks', () => {
    const g = buildGrid(ctx, 60);
    const R = g.R;
    const chain: number[] = [];
    for (let j = 0; j < g.farFace - 2; j++) chain.push(40 * R + j);
    for (let d = 1; d <= 2; d++) chain.push((40 + d) * R + g.farFace - 2 + d);
    for (let j = g.homeFace; j < R; j++) chain.push(43 * R + j);
    const obj = objectiveOf(k, config, layout.length);
    obj.setLayout(layout);
    const sample = chainSample(candCtx, k.grid, chain);
    obj.pinSample(sample, sampleContributions(candCtx, sample));
    expect([sample.lo, sample.hi]).toEqual([40, 44]);
    expect(obj.pinnedP[0]).toBeCloseTo(pathPDetect(ctx, g, chain), 9);
  });
});
