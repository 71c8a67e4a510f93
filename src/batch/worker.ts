/**
 * A worker thread of the pool: builds the world once, then simulates the attempt ranges it is sent and
 * posts back their outcomes packed in a transferable Float64Array.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newCounters } from '../core/attempt.ts';
import { simulateRange } from './simulateRange.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';

interface Init {
  job: WorldJob;
  seed: number;
  stepS: number;
}

const init = workerData as Init;
const world = worldFromJob(init.job);
parentPort!.on('message', (msg: { index: number; from: number; to: number }) => {
  const counters = newCounters();
  const data = simulateRange(world, init.seed, msg.from, msg.to, init.stepS, counters);
  parentPort!.postMessage({ index: msg.index, data, counters }, [data.buffer as ArrayBuffer]);
});
parentPort!.postMessage({ ready: true });
