/**
 * The default number of worker threads. Its own module, free of the simulation, because every
 * command's `--help` text names it and `watchline --help` must start without loading the simulation.
 */
import { availableParallelism } from 'node:os';

/** One worker per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}
