import type { SimCounters } from '../core/attempt.ts';
import { runAttempts } from '../core/run.ts';
import type { World } from '../core/world.ts';
import { withRun } from '../core/world.ts';
import { FIELDS, encodeOutcome } from './codec.ts';

/** Simulates attempts [from, to) and packs their outcomes. Used in workers and in-process alike. */
export function simulateRange(world: World, seed: number, from: number, to: number, stepS: number, counters?: SimCounters): Float64Array {
  const data = new Float64Array((to - from) * FIELDS);
  let i = 0;
  runAttempts(withRun(world, { seed, stepS }), from, to, (o) => encodeOutcome(o, data, i++), counters);
  return data;
}
