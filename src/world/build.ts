/**
 * The one world builder. `watchline run`, `sweep` and `coverage`, and the viewer's workers build
 * their world here, from the same inputs: a validated scenario (scene + config) and a reader of the
 * scene's data files, which the edge injects — Node's fs at the CLI (src/batch/geoFiles.ts), fetch
 * from the dev server in the browser (src/viewer/worker/dataReader.ts). A difference between the
 * CLI's world and the viewer's can then only be a bug here or in one of the two readers.
 *
 * Three steps, each usable alone:
 * 1. `resolveSceneFiles`: the scene's data files (a GeoJSON or Natural Earth line projected to the
 *    local frame, a DEM resampled) and its procedural ground, built once — I/O, async;
 * 2. `worldJobFor`: the job, with the `weakest` crossing density computed from the deployment's
 *    analytic coverage profile when the scene asks for it — pure;
 * 3. `worldFromJob` (job.ts): the world — pure; worker threads run only this step.
 * A sweep resolves the files once per ground and runs steps 2 and 3 per point.
 */
import type { Scenario } from '../config/scenario.ts';
import type { ChainageDensity } from '../core/crossing.ts';
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import type { World } from '../core/world.ts';
import { coverageProfile, type ProfileOptions } from '../coverage/profile.ts';
import { createRateContext } from '../coverage/rate.ts';
import { referenceTarget } from '../coverage/reference.ts';
import { weakestDensity } from '../coverage/weakest.ts';
import type { GeoIO } from '../geo/resolve.ts';
import { resolveGeoInputs } from '../geo/resolve.ts';
import type { WorldJob } from './job.ts';
import { worldFromJob } from './job.ts';

/** How an edge reaches the scene's data files, and where it wants the ground's memory. */
export interface WorldSource {
  /** Reads the files a scene names (paths relative to the scene file) and the default atlas. */
  readonly io: GeoIO;
  /**
   * Allocates ground samples and line-of-sight indexes, e.g. on a SharedArrayBuffer that worker
   * threads share; plain typed arrays when absent. Where memory lives never changes a value.
   */
  readonly alloc?: (n: number) => Float32Array;
  readonly allocIndex?: (n: number) => Int16Array;
}

/** The scene's data files, resolved: what a job carries besides the specs and the crossing density. */
export type SceneFiles = Pick<WorldJob, 'borderXY' | 'ground' | 'frontier'>;

/** What of a scenario the builder reads: the specs, and the file names its messages and paths start from. */
export type ScenarioSpecs = Pick<Scenario, 'scene' | 'config' | 'sceneFile' | 'configFile'>;

/**
 * Step 1: reads and resolves the scene's data files and builds its ground once. Bad or missing files
 * are InputErrors naming the scene file and the field.
 */
export async function resolveSceneFiles(scenario: ScenarioSpecs, source: WorldSource): Promise<SceneFiles> {
  const geo = await resolveGeoInputs(scenario, source.io, { alloc: source.alloc, allocIndex: source.allocIndex });
  return { ...(geo.borderXY && { borderXY: geo.borderXY }), ...(geo.ground && { ground: geo.ground }), ...(geo.frontier && { frontier: geo.frontier }) };
}

/**
 * Step 2: the job of a scene and config on resolved files (none for a straight line on flat ground),
 * with the `weakest` crossing density when the scene uses it. Computed once, in the main thread; the
 * job carries it to every worker, so all of them draw crossings from the same density.
 */
export function worldJobFor(scene: SceneSpec, config: ConfigSpec, files: SceneFiles = {}): WorldJob {
  const job: WorldJob = { scene, config, ...files };
  if (scene.crossing.distribution !== 'weakest') return job;
  const d = weakestCrossing(job);
  return { ...job, weakest: { edgesM: d.edgesM, cdf: d.cdf } };
}

/**
 * The density of the `weakest` crossing distribution (src/coverage/weakest.ts): the analytic
 * coverage profile of the job's deployment, built with uniform crossings (the profile does not depend
 * on where attempts cross), turned into a density.
 */
export function weakestCrossing(job: WorldJob, opts: ProfileOptions = {}): ChainageDensity {
  const world = worldFromJob({ ...job, scene: { ...job.scene, crossing: { distribution: 'uniform' } }, weakest: undefined });
  return weakestDensity(coverageProfile(createRateContext(world, referenceTarget(world)), opts));
}

/** Steps 1 and 2: the job a run sends to its workers. */
export async function resolveWorldJob(scenario: ScenarioSpecs, source: WorldSource): Promise<WorldJob> {
  return worldJobFor(scenario.scene, scenario.config, await resolveSceneFiles(scenario, source));
}

/** All three steps: the job and its world, for an entry point that simulates or analyses in place. */
export async function buildWorld(scenario: ScenarioSpecs, source: WorldSource): Promise<{ job: WorldJob; world: World }> {
  const job = await resolveWorldJob(scenario, source);
  return { job, world: worldFromJob(job) };
}
