/**
 * Runs a range of attempts through the world. The caller owns what happens to each outcome (write a
 * CSV row, add to statistics, post to the main thread); the core only computes.
 */
import type { AttemptOutcome, SimCounters } from './attempt.ts';
import { newOutcome, newScratch, simulateAttempt } from './attempt.ts';
import type { World } from './world.ts';

/**
 * Simulates attempts [from, to) in id order with the world's run seed and step, handing each outcome
 * to `sink`. The outcome object is reused: a sink that keeps it must copy it.
 */
export function runAttempts(world: World, from: number, to: number, sink: (o: AttemptOutcome) => void, counters?: SimCounters): void {
  const scratch = newScratch(world);
  const out = newOutcome();
  for (let id = from; id < to; id++) sink(simulateAttempt(world, id, scratch, out, counters));
}
