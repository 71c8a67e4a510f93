/** Small worlds for the placement tests: candidates and their contributions, built as the command builds them. */
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld } from '../../src/core/world.ts';
import { createRateContext } from '../../src/coverage/rate.ts';
import { referenceTarget } from '../../src/coverage/reference.ts';
import { coverageWatch } from '../../src/coverage/watch.ts';
import { candidateGrid, candidateTowers, computeContributions, type Contributions } from '../../src/optimize/candidates.ts';
import { PlacementObjective } from '../../src/optimize/objective.ts';
import { flatScene } from '../core/fixtures.ts';

/** 6 km of rolling desert with one wadi; two panning mid-range thermal cameras per tower, as the default deployment. */
export const desertScene: SceneSpec = flatScene(6, {
  terrain: { type: 'procedural', seed: 3, reliefM: 10, wadis: 1, wadiDepthM: 6, wadiWidthM: 60, cellM: 10 },
  environment: { visibility: 'clear', timeOfDay: 'night' },
});
const thermal: CameraSpec[] = [
  { sensor: 'thermal', preset: 'mid-range-640', headingDeg: -60, scan: { sectorDeg: 120, periodS: 30 } },
  { sensor: 'thermal', preset: 'mid-range-640', headingDeg: 60, scan: { sectorDeg: 120, periodS: 30 } },
];
/** Towers every 2 km (the first at 1 km), 15 m, 50 m behind the wall, with those cameras. */
export const desertConfig: ConfigSpec = { towers: { spacingM: 2000, offsetM: 1000, setbackM: 50, heightM: 15 }, cameras: thermal, run: { attempts: 100, seed: 1, stepS: 2 } };

/**
 * 9 km of flat ground cut by one wadi 6 m deep and 60 m wide (seeded: it crosses at km 4.77), and four
 * towers every 2.25 km with ideal 360° sensors of 1.5 km and P∞ 0.9: evenly spaced, none looks into
 * the wadi's bed.
 */
export const wadiScene: SceneSpec = flatScene(9, { terrain: { type: 'procedural', seed: 6, reliefM: 0, wadis: 1, wadiDepthM: 6, wadiWidthM: 60, cellM: 5 }, strip: { approachM: 1000, depthM: 300 } });
export const wadiConfig: ConfigSpec = {
  towers: { spacingM: 2250, offsetM: 1125, setbackM: 50, heightM: 15 },
  cameras: [{ sensor: 'ideal', rangeM: 1500, headingDeg: 0, fovDeg: 360, pInfinity: 0.9 }],
  run: { attempts: 100, seed: 1, stepS: 2 },
};

export function contributionsOf(scene: SceneSpec, config: ConfigSpec, o: { stepM: number; cellM: number; heightsM?: number[] }): Contributions {
  const base = createWorld(scene, config);
  const cand = candidateGrid(base.border.lengthM, o.heightsM ?? [config.towers.heightM], o.stepM);
  const world = createWorld(scene, { ...config, towers: candidateTowers(cand, config.towers.setbackM) });
  return computeContributions(createRateContext(world, referenceTarget(base)), cand, o.cellM);
}

export function objectiveOf(k: Contributions, config: ConfigSpec, towers: number, windowM = 1000, marginM = 500): PlacementObjective {
  return new PlacementObjective(k, { attention: coverageWatch(config, towers * config.cameras.length).attention, windowM, marginM });
}
