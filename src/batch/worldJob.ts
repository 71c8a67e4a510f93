/**
 * Resolves a validated scenario into a WorldJob: the place where file-based borders and DEMs are read
 * (I/O stays out of the core): a GeoJSON or Natural Earth line projected to the local frame, a DEM
 * resampled into the ground, or procedural ground built once and shared by the workers.
 */
import type { Scenario } from '../config/load.ts';
import { resolveSceneFiles } from './geoFiles.ts';
import type { WorldJob } from './job.ts';

export async function resolveWorldJob(scenario: Scenario): Promise<WorldJob> {
  const { scene, config } = scenario;
  // File-based lines and DEMs are read and projected here; procedural ground is built once, on
  // shared memory, for all workers (src/batch/geoFiles.ts).
  const { borderXY, ground, frontier } = await resolveSceneFiles(scenario);
  return { scene, config, ...(borderXY && { borderXY }), ...(ground && { ground }), ...(frontier && { frontier }) };
}
