import { describe, expect, it } from 'vitest';
import { nodeWorldSource } from '../../../src/batch/geoFiles.ts';
import { parseScenario } from '../../../src/config/scenario.ts';
import { createSession } from '../../../src/core/session.ts';
import { withRun } from '../../../src/core/world.ts';
import { newPlan, planAttempt } from '../../../src/core/plan.ts';
import type { World } from '../../../src/core/world.ts';
import { analyzeCoverage } from '../../../src/coverage/coverage.ts';
import { referenceTarget } from '../../../src/coverage/reference.ts';
import { buildRequestWorld, errorText } from '../../../src/viewer/worker/buildWorld.ts';
import { worldView } from '../../../src/viewer/worker/worldView.ts';
import { resolveWorldJob } from '../../../src/world/build.ts';
import { worldFromJob } from '../../../src/world/job.ts';

// A short frontier so the coverage profile behind `weakest` takes well under a second; a day scene
// with the walker's own size and contrast, which the analytic reference target must pick up.
const SETS = [
  'scene.border.line.lengthKm=10',
  'scene.border.barrier.gaps=[{fromKm: 5, toKm: 5.1}]',
  'scene.crossing.distribution=weakest',
  'scene.environment.timeOfDay=day',
  'scene.threats=[{kind: foot, share: 0.8, criticalDimM: 0.6, heightM: 1.7, deltaTK: 2.5}, {kind: vehicle, share: 0.2}]',
  'run.attempts=50',
  'run.seed=9',
];
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
  it('builds the world the CLI builds: towers, cameras, `weakest` crossings, reference target', async () => {
    const viewer = (await buildRequestWorld(request)).world;
    // The CLI's path: the job resolved in the main thread, the world built from a clone in a worker.
    const job = await resolveWorldJob(parseScenario({ sets: SETS }), nodeWorldSource);
    const cli = worldFromJob(structuredClone(job));
    for (const k of ['sM', 'x', 'y', 'groundM', 'heightM'] as const) expect(Array.from(viewer.towers[k])).toEqual(Array.from(cli.towers[k]));
    for (const k of ['x', 'y', 'z', 'headingRad', 'halfFovRad'] as const) expect(Array.from(viewer.cameras[k])).toEqual(Array.from(cli.cameras[k]));
    expect(viewer.heightfield.heights).toEqual(cli.heightfield.heights);
    expect(viewer.crossing.cdf.length).toBeGreaterThan(2);
    expect(Array.from(viewer.crossing.cdf)).toEqual(Array.from(cli.crossing.cdf));
    expect(crossings(viewer, 9, 50)).toEqual(crossings(cli, 9, 50));
    // Not the uniform density: the weakest points draw more crossings than their length's share.
    const uniform = (await buildRequestWorld({ ...request, sets: SETS.filter((s) => !s.includes('distribution')) })).world;
    expect(crossings(viewer, 9, 50)).not.toEqual(crossings(uniform, 9, 50));

    // The overlay's target is `watchline coverage`'s: the walker's overrides, by day.
    const view = worldView(viewer, createSession(withRun(viewer, { seed: 9, stepS: 2 }), 50));
    const { reference } = analyzeCoverage(cli, { breach: false, binM: 500 });
    expect({ ...view.reference, label: undefined }).toEqual({ ...referenceTarget(cli), label: undefined });
    expect(view.reference.effectiveDeltaTK).toBe(reference.effectiveDeltaTK);
    expect(view.reference.criticalDimM).toBe(0.6);
    expect(view.reference.heightM).toBe(1.7);
    expect(view.reference.hourOfDay).toBe(12.5);
  });

  it('reports a bad override as the CLI does', async () => {
    const caught = await buildRequestWorld({ ...request, sets: ['scene.crossing.distribution=sideways'] }).catch((e: unknown) => e);
    expect(errorText(caught)).toMatch(/crossing\.distribution/);
  });
});
