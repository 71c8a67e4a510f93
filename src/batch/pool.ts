/**
 * Runs attempt ranges — tasks — on a pool of worker threads (or in this thread for one worker) and
 * hands the results back strictly in task order, so writers see the same sequence whatever the worker
 * count. A run's tasks all share one world; a sweep's tasks name the job (point) they belong to and
 * chunks of different points share the pool, so a point with few attempts never leaves a core idle.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { SimCounters } from '../core/attempt.ts';
import { newCounters } from '../core/attempt.ts';
import type { World } from '../core/world.ts';
import { FIELDS } from './codec.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { simulateRange } from './simulateRange.ts';
import type { TaskMessage } from './worker.ts';
import { runThreadTasks } from './threadTasks.ts';

/** Attempts [from, to) of job `jobId`, with the seed of that run or repetition. */
export interface PoolTask {
  jobId: number;
  seed: number;
  stepS: number;
  from: number;
  to: number;
}

export interface PoolOptions {
  jobs: ReadonlyMap<number, WorldJob>;
  tasks: readonly PoolTask[];
  workers: number;
  /** Called once per task with its packed rows (codec.ts), in task order; awaited before the next. */
  onResult: (task: number, data: Float64Array) => Promise<void> | void;
  signal?: AbortSignal;
}

export { defaultWorkers } from './workerCount.ts';

/** Splits [from, to) into ranges of about `size` attempts. */
export function chunkRanges(from: number, to: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = from; a < to; a += size) out.push([a, Math.min(a + size, to)]);
  return out;
}

function addCounters(into: SimCounters, c: SimCounters): void {
  into.steps += c.steps;
  into.evaluations += c.evaluations;
  into.losCalls += c.losCalls;
  into.proposals += c.proposals;
}

/** Tasks per worker that may be computed or waiting ahead of the next one delivered. */
const AHEAD_PER_WORKER = 4;
/** Attempts simulated between two turns of the event loop when running in this thread. */
const SLICE = 50;
/** Longest time, ms, the main thread computes before it gives the event loop (and a signal) a turn. */
const SLICE_MS = 20;

/**
 * simulateRange attempt by attempt, giving the event loop a turn after SLICE attempts or SLICE_MS,
 * whichever comes first: a signal (SIGINT, SIGTERM) is handled within one slow attempt rather than
 * after fifty of them. Same data as one call.
 */
async function simulateYielding(world: World, t: PoolTask, counters: SimCounters, signal?: AbortSignal): Promise<Float64Array> {
  const data = new Float64Array((t.to - t.from) * FIELDS);
  let since = performance.now();
  let count = 0;
  for (let a = t.from; a < t.to; a++) {
    data.set(simulateRange(world, t.seed, a, a + 1, t.stepS, counters), (a - t.from) * FIELDS);
    if (++count >= SLICE || performance.now() - since > SLICE_MS) {
      await yieldToLoop();
      signal?.throwIfAborted();
      since = performance.now();
      count = 0;
    }
  }
  signal?.throwIfAborted();
  return data;
}

/** What a task gives back: its packed rows and the work counters. */
interface TaskResult {
  data: Float64Array;
  counters: SimCounters;
}

/** Runs every task and resolves with the summed work counters. Rejects on abort or a worker failure. */
export async function runPool(o: PoolOptions): Promise<SimCounters> {
  const total = newCounters();
  // In this thread: each job's world is built when its first task comes.
  let world: World | null = null;
  let worldJob = -1;
  // Each worker thread receives a job once (a structured clone of its ground and border).
  const jobsSent: Set<number>[] = [];
  await runThreadTasks<Omit<TaskMessage, 'task'>, TaskResult>({
    count: o.tasks.length,
    // Only --workers 1 computes in this thread. With more, even a run of one task goes to a worker
    // thread: the main thread then stays free to answer a signal, and terminate() stops a busy worker
    // mid-task.
    workers: o.workers,
    // Bounded memory: results cannot pile up behind a slow task or a slow disk.
    maxAhead: AHEAD_PER_WORKER * Math.max(1, Math.min(o.workers, o.tasks.length)),
    message: (task, w) => {
      const t = o.tasks[task];
      const known = (jobsSent[w] ??= new Set());
      if (known.has(t.jobId)) return { ...t };
      known.add(t.jobId);
      return { ...t, job: o.jobs.get(t.jobId) };
    },
    local: async (task) => {
      const t = o.tasks[task];
      if (t.jobId !== worldJob) {
        world = worldFromJob(o.jobs.get(t.jobId)!);
        worldJob = t.jobId;
      }
      const counters = newCounters();
      return { data: await simulateYielding(world!, t, counters, o.signal), counters };
    },
    onResult: (task, r) => {
      addCounters(total, r.counters);
      return o.onResult(task, r.data);
    },
    signal: o.signal,
  });
  return total;
}
