/**
 * What a worker needs to rebuild the world exactly as the main thread would: the validated specs and
 * the inputs resolved at the edge (a projected border, a DEM heightfield), all structured-cloneable.
 */
import { createBorder } from '../core/border.ts';
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import type { SceneGroundData } from '../core/terrain/ground.ts';
import type { Heightfield } from '../core/terrain/heightfield.ts';
import type { WorldInputs } from '../core/world.ts';
import type { FrontierInfo } from '../geo/resolve.ts';

export interface WorldJob {
  scene: SceneSpec;
  config: ConfigSpec;
  /** Border vertices (x, y interleaved) when the line came from a file. */
  borderXY?: Float64Array;
  heightfield?: Heightfield;
  /** The ground built at the edge (DEM, or procedural terrain built once; samples on shared memory). */
  ground?: SceneGroundData;
  /** Facts about a line read from a file (geodesic length, projection), for summaries. */
  frontier?: FrontierInfo;
  /** Chainage bin edges and weights of the `weakest` crossing density, when used. */
  weakest?: { edgesM: Float64Array; cdf: Float64Array };
}

export function worldInputsOf(job: WorldJob): WorldInputs {
  return {
    border: job.borderXY ? createBorder(job.borderXY) : undefined,
    heightfield: job.heightfield,
    ground: job.ground,
    weakest: job.weakest,
  };
}
