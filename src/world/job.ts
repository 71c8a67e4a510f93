/**
 * A world job: everything that decides a world, as structured-clone data — the validated specs, the
 * scene's data files as resolved at the edge (a projected border; a ground, possibly on shared
 * memory) and the `weakest` crossing density. Worker threads, the viewer's workers and the main
 * thread all turn a job into a world with `worldFromJob`, so each builds the same world.
 */
import { createBorder } from '../core/border.ts';
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import type { SceneGroundData } from '../core/terrain/ground.ts';
import type { World, WorldInputs } from '../core/world.ts';
import { createWorld } from '../core/world.ts';
import type { FrontierInfo } from '../geo/resolve.ts';

export interface WorldJob {
  scene: SceneSpec;
  config: ConfigSpec;
  /** Border vertices (x, y interleaved) when the line came from a file. */
  borderXY?: Float64Array;
  /** The ground built at the edge (a DEM resampled, or procedural terrain built once). */
  ground?: SceneGroundData;
  /** Facts about a line read from a file (geodesic length, projection), for summaries. */
  frontier?: FrontierInfo;
  /** Chainage bin edges and cumulative weights of the `weakest` crossing density, when the scene uses it. */
  weakest?: { edgesM: Float64Array; cdf: Float64Array };
}

/** The core's inputs of a job (a border polyline rebuilt from its vertices). */
export function worldInputsOf(job: WorldJob): WorldInputs {
  return {
    border: job.borderXY ? createBorder(job.borderXY) : undefined,
    ground: job.ground,
    weakest: job.weakest,
  };
}

/** The world of a job: the core's `createWorld` on the job's specs and resolved inputs. */
export function worldFromJob(job: WorldJob): World {
  return createWorld(job.scene, job.config, worldInputsOf(job));
}
