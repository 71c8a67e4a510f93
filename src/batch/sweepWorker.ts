/**
 * A worker thread of the sweep pool: simulates attempt ranges of any of the sweep's points. It keeps
 * the jobs it was sent (the main thread sends a job once per worker) and the worlds of the last few
 * points it ran, so a chunk of a point it has seen costs no rebuild.
 */
import { parentPort } from 'node:worker_threads';
import type { World } from '../core/world.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { simulateRange } from './simulateRange.ts';

/** Worlds kept per worker; a sweep's tasks come point by point, so a few suffice. */
const KEEP_WORLDS = 3;

const jobs = new Map<number, WorldJob>();
const worlds = new Map<number, World>();

function worldFor(jobId: number): World {
  let w = worlds.get(jobId);
  if (w) {
    // Most recently used last.
    worlds.delete(jobId);
    worlds.set(jobId, w);
    return w;
  }
  const job = jobs.get(jobId);
  if (!job) throw new Error(`sweep worker: job ${jobId} was never sent`);
  w = worldFromJob(job);
  worlds.set(jobId, w);
  if (worlds.size > KEEP_WORLDS) worlds.delete(worlds.keys().next().value!);
  return w;
}

export interface SweepTaskMessage {
  task: number;
  jobId: number;
  job?: WorldJob;
  seed: number;
  stepS: number;
  from: number;
  to: number;
}

parentPort!.on('message', (m: SweepTaskMessage) => {
  if (m.job) jobs.set(m.jobId, m.job);
  const data = simulateRange(worldFor(m.jobId), m.seed, m.from, m.to, m.stepS);
  parentPort!.postMessage({ task: m.task, data }, [data.buffer as ArrayBuffer]);
});
parentPort!.postMessage({ ready: true });
