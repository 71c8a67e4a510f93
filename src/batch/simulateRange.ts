import type { SimCounters } from '../core/attempt.ts';
import { newRow, rowContext, rowOf } from '../core/attemptRow.ts';
import { runAttempts } from '../core/run.ts';
import type { World } from '../core/world.ts';
import { withRun } from '../core/world.ts';
import { FIELDS, encodeRow } from './codec.ts';

/**
 * Simulates attempts [from, to) and packs their rounded rows (interruption decided here, from the
 * world's own towers). Used in workers and in-process alike. The seed and step are the task's: the
 * world's run block with them (a sweep's repetitions share one world).
 */
export function simulateRange(world: World, seed: number, from: number, to: number, stepS: number, counters?: SimCounters): Float64Array {
  const data = new Float64Array((to - from) * FIELDS);
  const run = withRun(world, { seed, stepS });
  const ctx = rowContext(run);
  const row = newRow();
  let i = 0;
  runAttempts(run, from, to, (o) => encodeRow(rowOf(o, ctx, row), data, i++), counters);
  return data;
}
