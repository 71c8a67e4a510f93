/**
 * A worker thread of the pool (pool.ts): simulates the attempt ranges it is sent, of any job (the one
 * world of a run, or the points of a sweep), and posts back their rows packed in a transferable
 * Float64Array with the work counters. It also computes slices of the placement search's candidate
 * contributions (contributionsPool.ts), parts of full coverage reports (coverageJobs.ts) and holds a replica of
 * the placement objective (parallelObjective.ts): messages with `kind`. A job arrives once per worker; the worlds of the last few jobs
 * are kept, so a chunk of a world it has seen costs no rebuild. Every answer carries the `task` of the
 * message it answers (the protocol of threadTasks.ts).
 */
import { parentPort } from 'node:worker_threads';
import { newCounters } from '../core/attempt.ts';
import type { World } from '../core/world.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { simulateRange } from './simulateRange.ts';
import { contributionsSlice, type ContributionsMessage } from './contributionsPool.ts';
import { coveragePart, type CoverageMessage } from './coverageJobs.ts';
import { objectiveReplica, type ReplicaMessage } from './parallelObjective.ts';

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
  if (!job) throw new Error(`worker: job ${jobId} was never sent`);
  w = worldFromJob(job);
  worlds.set(jobId, w);
  if (worlds.size > KEEP_WORLDS) worlds.delete(worlds.keys().next().value!);
  return w;
}

/** A task as the pool sends it; `job` comes with the first task of that job for this worker. */
export interface TaskMessage {
  task: number;
  jobId: number;
  job?: WorldJob;
  seed: number;
  stepS: number;
  from: number;
  to: number;
}

parentPort!.on('message', (m: TaskMessage | ContributionsMessage | CoverageMessage | ReplicaMessage) => {
  if ('kind' in m && m.kind === 'objective') {
    // A replica of the placement objective (parallelObjective.ts): answers in order, undo without one.
    const answer = objectiveReplica(m);
    if (answer) parentPort!.postMessage(answer);
    return;
  }
  if ('kind' in m && m.kind === 'coverage') {
    // A part of a full analytic coverage report: the breach search or a slice of the profile (coverageJobs.ts).
    parentPort!.postMessage({ kind: 'coverage', task: m.task, ...coveragePart(m) });
    return;
  }
  if ('kind' in m) {
    // A slice of the placement search's candidate contributions (contributionsPool.ts).
    const part = contributionsSlice(m);
    parentPort!.postMessage({ kind: 'contributions', task: m.task, ...part }, [...part.pInf, ...part.rate].map((a) => a.buffer as ArrayBuffer));
    return;
  }
  if (m.job) jobs.set(m.jobId, m.job);
  const counters = newCounters();
  const data = simulateRange(worldFor(m.jobId), m.seed, m.from, m.to, m.stepS, counters);
  parentPort!.postMessage({ task: m.task, data, counters }, [data.buffer as ArrayBuffer]);
});
parentPort!.postMessage({ ready: true });
