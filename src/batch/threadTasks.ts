/**
 * Tasks on worker threads: `count` tasks on up to `workers` threads (or in this thread), each task's
 * result handed back by its index and in task order, whatever order the threads finish in — so what
 * the caller builds or writes is the same for any number of workers. The first failure (a thread's
 * error or early exit, an error thrown by a callback, the abort signal) rejects with that error and
 * terminates every thread: no thread outlives the call, whether it resolves or rejects.
 *
 * The protocol a worker follows: it posts `{ ready: true }` once loaded; every task message carries
 * `task`, the task's index, and the worker answers each with one message carrying the same `task`
 * (in any order).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { workerEntry, workerExecArgv } from './workerEntry.ts';

export interface ThreadTasksOptions<M extends object, R> {
  /** How many tasks: indices 0 … count − 1. */
  count: number;
  /**
   * Threads to run them on, at most one per task. With `local`, 1 or less runs every task in this
   * thread; without it, even one worker is a thread.
   */
  workers: number;
  /** The message of `task` for thread `worker` (0 … threads − 1); `task` is added to it. */
  message(task: number, worker: number): M;
  /** `task` computed in this thread (for `workers` ≤ 1); it may yield to the event loop. */
  local?(task: number): R | Promise<R>;
  /** Each task's result (a worker's answer), in task order; awaited before the next is handed. */
  onResult(task: number, result: R): void | Promise<void>;
  /** As each task is done, in the order they finish: the task and how many are done so far. */
  onProgress?(task: number, done: number): void;
  /** Tasks sent to a thread before its first answer: two hide the round trip. Default 2. */
  perWorker?: number;
  /**
   * At most this many tasks computed or waiting ahead of the next one handed to onResult, so results
   * cannot pile up behind a slow task or a slow onResult (a worker with nothing allowed to do waits).
   * Default: no bound.
   */
  maxAhead?: number;
  signal?: AbortSignal;
  /** Starts one thread; default: the project's worker (worker.ts). */
  spawn?(): Worker;
}

/** A worker's answer: which task it is for. */
interface Answer {
  ready?: boolean;
  task?: number;
}

const projectWorker = () => new Worker(workerEntry('worker'), { execArgv: workerExecArgv() });

/** Runs every task; resolves when onResult has had the last result, rejects with the first failure. */
export async function runThreadTasks<M extends object, R>(o: ThreadTasksOptions<M, R>): Promise<void> {
  // An abort that came before the call (a signal during world building) fires no event.
  o.signal?.throwIfAborted();
  if (o.count === 0) return;
  if (o.local && o.workers <= 1) return inThisThread(o, o.local);
  return onThreads(o, Math.max(1, Math.min(o.workers, o.count)));
}

async function inThisThread<M extends object, R>(o: ThreadTasksOptions<M, R>, local: (task: number) => R | Promise<R>): Promise<void> {
  for (let task = 0; task < o.count; task++) {
    const result = await local(task);
    o.onProgress?.(task, task + 1);
    await o.onResult(task, result);
    // A turn of the event loop between tasks, so a signal (SIGINT, SIGTERM) is heard.
    await yieldToLoop();
    o.signal?.throwIfAborted();
  }
}

async function onThreads<M extends object, R>(o: ThreadTasksOptions<M, R>, threadCount: number): Promise<void> {
  const threads: Worker[] = [];
  const maxAhead = o.maxAhead ?? Infinity;
  const perWorker = o.perWorker ?? 2;
  let delivering = Promise.resolve();
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        reject(e);
      };
      if (o.signal) {
        const signal = o.signal;
        onAbort = () => fail(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }
      const pending = new Map<number, R>();
      const inFlight: Set<number>[] = [];
      const idle: number[] = [];
      let nextToSend = 0;
      let nextToDeliver = 0;
      let done = 0;
      const send = (w: number) => {
        if (settled || nextToSend >= o.count) return;
        if (nextToSend - nextToDeliver >= maxAhead) {
          idle.push(w);
          return;
        }
        const task = nextToSend++;
        inFlight[w].add(task);
        threads[w].postMessage({ ...o.message(task, w), task });
      };
      // Results are handed over strictly in task order; each delivery may let idle threads go on.
      const deliver = () => {
        delivering = delivering
          .then(async () => {
            while (!settled && pending.has(nextToDeliver)) {
              const result = pending.get(nextToDeliver)!;
              pending.delete(nextToDeliver);
              await o.onResult(nextToDeliver++, result);
              while (idle.length > 0 && nextToSend - nextToDeliver < maxAhead) send(idle.shift()!);
            }
            if (!settled && nextToDeliver === o.count) {
              settled = true;
              resolve();
            }
          })
          .catch(fail);
      };
      for (let w = 0; w < threadCount; w++) {
        const thread = (o.spawn ?? projectWorker)();
        threads.push(thread);
        inFlight.push(new Set());
        thread.on('error', fail);
        thread.on('exit', (code) => fail(new Error(code !== 0 ? `a worker thread exited with code ${code}` : 'a worker thread exited before its tasks were done')));
        thread.on('message', (m: Answer) => {
          try {
            if (m.ready) {
              for (let k = 0; k < perWorker; k++) send(w);
              return;
            }
            const task = m.task;
            if (task === undefined || !inFlight[w].delete(task)) throw new Error(`a worker thread answered task ${task}, which it was not computing`);
            pending.set(task, m as R);
            o.onProgress?.(task, ++done);
            send(w);
            deliver();
          } catch (e) {
            fail(e);
          }
        });
      }
    });
  } finally {
    if (onAbort) o.signal!.removeEventListener('abort', onAbort);
    await Promise.all(threads.map((t) => t.terminate()));
    // A result being handed over when a failure came finishes before the call rejects: the caller
    // cleans up after no write in flight.
    await delivering;
  }
}
