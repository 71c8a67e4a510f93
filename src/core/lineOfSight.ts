/**
 * The one line-of-sight test of the simulator (typed arrays in hot paths): clear when neither the barrier's prism
 * nor the ground rises above the straight segment from A to B.
 */
import { barrierBlocks } from './barrier.ts';
import { groundLineOfSight } from './terrain/ground.ts';
import type { World } from './world.ts';

/**
 * @param firstSegment, lastSegment border segments the sight line may cross (a straight border has one).
 * The barrier goes first: it is a handful of arithmetic operations, the terrain march is the costly part.
 */
export function lineOfSight(
  world: World,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  firstSegment = 0,
  lastSegment = world.border.vertexCount - 2,
): boolean {
  if (barrierBlocks(world.barrier, world.border, world.ground, ax, ay, az, bx, by, bz, firstSegment, lastSegment)) return false;
  return groundLineOfSight(world.ground, world.terrain, ax, ay, az, bx, by, bz);
}
