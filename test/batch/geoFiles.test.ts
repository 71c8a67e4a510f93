import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { nodeWorldSource } from '../../src/batch/geoFiles.ts';
import { resolveWorldJob } from '../../src/world/build.ts';
import { worldFromJob } from '../../src/world/job.ts';
import { simulateRange } from '../../src/batch/simulateRange.ts';
import { createWorld } from '../../src/core/world.ts';
import { buildTerrainIndex } from '../../src/core/terrain/los.ts';
import { isTiledGround } from '../../src/core/terrain/ground.ts';
import type { Heightfield } from '../../src/core/terrain/heightfield.ts';

describe('ground resolved at the edge', () => {
  it('builds a single grid’s line-of-sight index once, on shared memory, and worlds in other threads reuse it', async () => {
    const scenario = loadScenario({ sets: ['scene.border.line.lengthKm=20', 'scene.border.barrier.gaps=[{fromKm: 5, toKm: 5.1}]', 'run.attempts=300'] });
    const job = await resolveWorldJob(scenario, nodeWorldSource);
    const data = job.ground!;
    expect(isTiledGround(data.ground)).toBe(false);
    const index = data.gridIndex!;
    expect(index.mip.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect((data.ground as Heightfield).heights.buffer).toBeInstanceOf(SharedArrayBuffer);
    // The same index a world would build for itself.
    const own = buildTerrainIndex(data.ground as Heightfield);
    expect(index.levels).toBe(own.levels);
    expect(index.mip).toEqual(own.mip);
    expect(Array.from(index.levelReliefM)).toEqual(Array.from(own.levelReliefM));

    // A worker receives the job as a structured clone: the mip-map stays on the shared buffer.
    const received = structuredClone(job);
    const shared = worldFromJob(received);
    expect(shared.terrain.mip.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.terrain.hf).toBe(shared.heightfield);
    // Outcomes equal those of a world that generates its ground and index itself.
    const alone = createWorld(scenario.scene, scenario.config);
    expect(alone.terrain.mip.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(simulateRange(shared, 7, 0, 300, 2)).toEqual(simulateRange(alone, 7, 0, 300, 2));
  });
});
