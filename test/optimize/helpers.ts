/** Small worlds for the placement tests: candidates and their contributions, built as the command builds them. */
import type { ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { createRateContext } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { coverageWatch } from '../../src/coverage/watch.ts';
import { candidateGrid, candidateTowers, computeContributions, type Contributions } from '../../src/optimize/candidates.ts';
import { PlacementObjective } from '../../src/optimize/objective.ts';

export function contributionsOf(scene: SceneSpec, config: ConfigSpec, o: { stepM: number; cellM: number; heightsM?: number[] }): Contributions {
  const base = createWorld(scene, config);
  const cand = candidateGrid(base.border.lengthM, o.heightsM ?? [config.towers.heightM], o.stepM);
  const world = createWorld(scene, { ...config, towers: candidateTowers(cand, config.towers.setbackM) });
  return computeContributions(createRateContext(world, referenceTarget(base)), cand, o.cellM);
}

export function objectiveOf(k: Contributions, config: ConfigSpec, towers: number, windowM = 1000, marginM = 500): PlacementObjective {
  return new PlacementObjective(k, { attention: coverageWatch(config, towers * config.cameras.length).attention, windowM, marginM });
}
