/**
 * Runs attempt chunks of many sweep points on one pool of worker threads (or in this thread for one
 * worker). Chunks of different points share the pool, so a point with few attempts never leaves a core
 * idle; results come back in any order, tagged with their task (the statistics are order-free).
 */
import { Worker } from 'node:worker_threads';
import type { World } from '../core/world.ts';
import { createWorld } from '../core/world.ts';
import type { WorldJob } from './job.ts';
import { worldInputsOf } from './job.ts';
import { simulateYielding } from './pool.ts';
import type { SweepTaskMessage } from './sweepWorker.ts';
import { workerEntry, workerExecArgv } from './workerEntry.ts';

export interface SweepTask {
  jobId: number;
  seed: number;
  stepS: number;
  from: number;
  to: number;
}

export interface SweepPoolOptions {
  jobs: ReadonlyMap<number, WorldJob>;
  tasks: readonly SweepTask[];
  workers: number;
  /** Called once per task as it completes (awaited before the next result is handled). */
  onResult: (task: number, data: Float64Array) => Promise<void> | void;
  signal?: AbortSignal;
}

export async function runSweepPool(o: SweepPoolOptions): Promise<void> {
  const workers = Math.max(1, Math.min(o.workers, o.tasks.length));
  if (o.tasks.length === 0) return;
  // An abort that came before the pool started fires no event.
  o.signal?.throwIfAborted();
  if (workers === 1) {
    let world: World | null = null;
    let worldJob = -1;
    for (let i = 0; i < o.tasks.length; i++) {
      o.signal?.throwIfAborted();
      const t = o.tasks[i];
      if (t.jobId !== worldJob) {
        const job = o.jobs.get(t.jobId)!;
        world = createWorld(job.scene, job.config, worldInputsOf(job));
        worldJob = t.jobId;
      }
      // In slices, so that a signal is handled promptly (pool.ts).
      await o.onResult(i, await simulateYielding(world!, t.seed, t.from, t.to, t.stepS, undefined, o.signal));
    }
    return;
  }

  const threads: Worker[] = [];
  let handling = Promise.resolve();
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      let next = 0;
      let finished = 0;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      o.signal?.addEventListener('abort', () => fail(o.signal!.reason), { once: true });
      const sent = new Map<Worker, Set<number>>();
      const send = (w: Worker) => {
        if (failed || next >= o.tasks.length) return;
        const task = next++;
        const t = o.tasks[task];
        const known = sent.get(w)!;
        const msg: SweepTaskMessage = { task, jobId: t.jobId, seed: t.seed, stepS: t.stepS, from: t.from, to: t.to };
        if (!known.has(t.jobId)) {
          msg.job = o.jobs.get(t.jobId);
          known.add(t.jobId);
        }
        w.postMessage(msg);
      };
      for (let i = 0; i < workers; i++) {
        const w = new Worker(workerEntry('sweepWorker'), { execArgv: workerExecArgv() });
        threads.push(w);
        sent.set(w, new Set());
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a sweep worker thread exited with code ${code}`));
        });
        w.on('message', (m: { ready?: boolean; task: number; data: Float64Array }) => {
          if (m.ready) {
            // Two tasks in flight per worker hide the round trip.
            send(w);
            send(w);
            return;
          }
          send(w);
          handling = handling
            .then(async () => {
              if (failed) return;
              await o.onResult(m.task, m.data);
              if (++finished === o.tasks.length) resolve();
            })
            .catch(fail);
        });
      }
    });
    await handling;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
