/**
 * Runs attempt ranges — tasks — on a pool of worker threads (or in this thread for one worker) and
 * hands the results back strictly in task order, so writers see the same sequence whatever the worker
 * count. A run's tasks all share one world; a sweep's tasks name the job (point) they belong to and
 * chunks of different points share the pool, so a point with few attempts never leaves a core idle.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { SimCounters } from '../core/attempt.ts';
import { newCounters } from '../core/attempt.ts';
import type { World } from '../core/world.ts';
import { FIELDS } from './codec.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { simulateRange } from './simulateRange.ts';
import type { TaskMessage } from './worker.ts';
import { workerEntry, workerExecArgv } from './workerEntry.ts';

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

/** Every task in this thread, building each job's world when its first task comes. */
async function runHere(o: PoolOptions, total: SimCounters): Promise<void> {
  let world: World | null = null;
  let worldJob = -1;
  for (let i = 0; i < o.tasks.length; i++) {
    const t = o.tasks[i];
    if (t.jobId !== worldJob) {
      const job = o.jobs.get(t.jobId)!;
      world = worldFromJob(job);
      worldJob = t.jobId;
    }
    await o.onResult(i, await simulateYielding(world!, t, total, o.signal));
  }
}

/** Runs every task and resolves with the summed work counters. Rejects on abort or a worker failure. */
export async function runPool(o: PoolOptions): Promise<SimCounters> {
  const total = newCounters();
  // An abort that came before the pool started (a signal during world building) fires no event.
  o.signal?.throwIfAborted();
  if (o.tasks.length === 0) return total;
  const workers = Math.max(1, Math.min(o.workers, o.tasks.length));
  // Only --workers 1 computes in this thread. With more, even a run of one task goes to a worker
  // thread: the main thread then stays free to answer a signal, and terminate() stops a busy worker
  // mid-task.
  if (o.workers <= 1) {
    await runHere(o, total);
    return total;
  }

  const pending = new Map<number, Float64Array>();
  let nextToSend = 0;
  let nextToDeliver = 0;
  let delivering = Promise.resolve();
  const threads: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      o.signal?.addEventListener('abort', () => fail(o.signal!.reason), { once: true });
      // Bounded memory: a task is sent only while fewer than AHEAD_PER_WORKER × workers tasks are
      // computed or waiting ahead of the next one to deliver, so results cannot pile up behind a slow
      // task or a slow disk; a worker with nothing allowed to do waits in `idle`.
      const maxAhead = AHEAD_PER_WORKER * workers;
      const idle: Worker[] = [];
      const jobsSent = new Map<Worker, Set<number>>();
      const send = (w: Worker) => {
        if (failed || nextToSend >= o.tasks.length) return;
        if (nextToSend - nextToDeliver >= maxAhead) {
          idle.push(w);
          return;
        }
        const task = nextToSend++;
        const t = o.tasks[task];
        const msg: TaskMessage = { task, ...t };
        // Each worker receives a job once (a structured clone of its ground and border).
        const known = jobsSent.get(w)!;
        if (!known.has(t.jobId)) {
          msg.job = o.jobs.get(t.jobId);
          known.add(t.jobId);
        }
        w.postMessage(msg);
      };
      const deliver = () => {
        delivering = delivering
          .then(async () => {
            while (!failed && pending.has(nextToDeliver)) {
              const data = pending.get(nextToDeliver)!;
              pending.delete(nextToDeliver);
              await o.onResult(nextToDeliver++, data);
              while (idle.length > 0 && nextToSend - nextToDeliver < maxAhead) send(idle.shift()!);
            }
            if (nextToDeliver === o.tasks.length) resolve();
          })
          .catch(fail);
      };
      for (let i = 0; i < workers; i++) {
        const w = new Worker(workerEntry('worker'), { execArgv: workerExecArgv() });
        threads.push(w);
        jobsSent.set(w, new Set());
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a worker thread exited with code ${code}`));
        });
        w.on('message', (m: { ready?: boolean; task: number; data: Float64Array; counters: SimCounters }) => {
          if (m.ready) {
            // Two tasks in flight per worker hide the round trip.
            send(w);
            send(w);
            return;
          }
          addCounters(total, m.counters);
          pending.set(m.task, m.data);
          send(w);
          deliver();
        });
      }
    });
    await delivering;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return total;
}
