/**
 * Resolves a validated scenario into a WorldJob: the place where file-based borders and DEMs are read
 * (I/O stays out of the core). Straight borders and procedural or flat terrain need nothing resolved.
 */
import type { Scenario } from '../config/load.ts';
import { InputError } from '../config/errors.ts';
import type { WorldJob } from './job.ts';

export async function resolveWorldJob(scenario: Scenario): Promise<WorldJob> {
  const { scene, config } = scenario;
  const line = scene.border.line;
  if (line.type !== 'straight') {
    throw InputError.of({
      file: scenario.sceneFile ?? '(scene)',
      path: 'border.line.type',
      got: JSON.stringify(line.type),
      message: `border lines of type "${line.type}" are not supported yet`,
      allowed: '"straight"',
    });
  }
  if (scene.terrain.type === 'dem') {
    throw InputError.of({ file: scenario.sceneFile ?? '(scene)', path: 'terrain.type', got: '"dem"', message: 'DEM terrain is not supported yet', allowed: '"flat" or "procedural"' });
  }
  return { scene, config };
}
