/**
 * The `weakest` crossing distribution needs the deployment's analytic coverage (src/coverage): this
 * adds it to a resolved WorldJob — computed once in the main thread and carried to every worker, so all
 * of them draw crossings from the same density.
 */
import { weakestCrossing } from '../coverage/coverage.ts';
import type { WorldJob } from './job.ts';
import { worldInputsOf } from './job.ts';

/** The job with its `weakest` density filled in when the scene asks for it (unchanged otherwise). */
export function withWeakestCrossing(job: WorldJob): WorldJob {
  if (job.scene.crossing.distribution !== 'weakest' || job.weakest) return job;
  const d = weakestCrossing(job.scene, job.config, worldInputsOf(job));
  return { ...job, weakest: { edgesM: d.edgesM, cdf: d.cdf } };
}
