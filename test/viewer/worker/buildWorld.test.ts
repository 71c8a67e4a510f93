import { describe, expect, it } from 'vitest';
import { buildWorld, buildWorldAsync, errorText } from '../../../src/viewer/worker/buildWorld.ts';
import { parseScenario } from '../../../src/config/scenario.ts';
import { resolveWorldJob } from '../../../src/batch/worldJob.ts';
import { withWeakestCrossing } from '../../../src/batch/weakestJob.ts';
import { worldInputsOf } from '../../../src/batch/job.ts';
import { createWorld, withRun } from '../../../src/core/world.ts';
import { newPlan, planAttempt } from '../../../src/core/plan.ts';
import type { World } from '../../../src/core/world.ts';

// A short frontier so the coverage profile behind `weakest` takes well under a second.
const SETS = ['scene.border.line.lengthKm=10', 'scene.border.barrier.gaps=[{fromKm: 5, toKm: 5.1}]', 'scene.crossing.distribution=weakest', 'run.attempts=50', 'run.seed=9'];
const request = { sets: SETS, speed: 1, paused: true };

function crossings(world: World, seed: number, n: number): number[] {
  const plan = newPlan();
  const out: number[] = [];
  for (let id = 0; id < n; id++) {
    planAttempt(withRun(world, { seed }), id, plan);
    out.push(plan.crossingM);
  }
  return out;
}

describe('viewer world building', () => {
  it('builds a `weakest` crossing scene with the same crossings the CLI draws', async () => {
    const viewer = buildWorld(request);
    // The CLI's path: resolve the job, add the weakest density in the main thread, build in a worker.
    const scenario = parseScenario({ sets: SETS });
    const job = withWeakestCrossing(await resolveWorldJob(scenario));
    const cli = createWorld(job.scene, job.config, worldInputsOf(job));
    expect(viewer.world.crossing.cdf.length).toBeGreaterThan(2);
    expect(Array.from(viewer.world.crossing.cdf)).toEqual(Array.from(cli.crossing.cdf));
    expect(crossings(viewer.world, 9, 50)).toEqual(crossings(cli, 9, 50));
    // Not the uniform density: the weakest points draw more crossings than their length's share.
    const uniform = buildWorld({ ...request, sets: SETS.filter((s) => !s.includes('distribution')) });
    expect(crossings(viewer.world, 9, 50)).not.toEqual(crossings(uniform.world, 9, 50));
  });

  it('builds the same world asynchronously', async () => {
    const a = buildWorld(request);
    const b = await buildWorldAsync(request);
    expect(crossings(b.world, 9, 20)).toEqual(crossings(a.world, 9, 20));
  });

  it('reports a bad override as the CLI does', () => {
    let caught: unknown;
    try {
      buildWorld({ ...request, sets: ['scene.crossing.distribution=sideways'] });
    } catch (e) {
      caught = e;
    }
    expect(errorText(caught)).toMatch(/crossing\.distribution/);
  });
});
