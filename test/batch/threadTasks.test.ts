/**
 * Tasks on worker threads (src/batch/threadTasks.ts), with a tiny worker (threadTasksWorker.mjs):
 * results by index and in task order whatever order the threads finish in, the first failure
 * rejecting with its own error, and no thread left running — every thread started has emitted 'exit'
 * by the time the call settles, whether it resolved or rejected.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runThreadTasks, type ThreadTasksOptions } from '../../src/batch/threadTasks.ts';

const WORKER = new URL('./threadTasksWorker.mjs', import.meta.url);

type Msg = { do: string; value?: number; of?: number; code?: number };
type Answer = { task: number; value: number };

/** Threads started and threads exited, counted from their 'exit' events. */
function counted() {
  const c = {
    started: 0,
    exited: 0,
    spawn: () => {
      const w = new Worker(WORKER);
      c.started++;
      w.on('exit', () => c.exited++);
      return w;
    },
  };
  return c;
}

/** Runs the tasks; records the results handed over (in order) and the tasks as they finished. */
async function run(o: Partial<ThreadTasksOptions<Msg, Answer>> & Pick<ThreadTasksOptions<Msg, Answer>, 'count' | 'workers' | 'message'>) {
  const threads = counted();
  const results: [number, number][] = [];
  const finished: number[] = [];
  const outcome = await runThreadTasks<Msg, Answer>({
    spawn: threads.spawn,
    onResult: (task, r) => void results.push([task, r.value]),
    onProgress: (task) => void finished.push(task),
    ...o,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  return { threads, results, finished, error: outcome };
}

describe('runThreadTasks', () => {
  it('hands results over by index and in task order, whatever order the threads finish in', async () => {
    // One thread holds all five tasks and answers them last first.
    const r = await run({ count: 5, workers: 2, perWorker: 5, message: (i) => ({ do: 'hold', of: 5, value: i + 1 }) });
    expect(r.error).toBeNull();
    // Two threads asked for, five tasks: the first thread ready takes all five.
    expect(r.finished).toEqual([4, 3, 2, 1, 0]);
    expect(r.results).toEqual([
      [0, 1],
      [1, 4],
      [2, 9],
      [3, 16],
      [4, 25],
    ]);
    expect(r.threads).toMatchObject({ started: 2, exited: 2 });
  });

  it('runs every task once on several threads, at most one thread per task', async () => {
    const many = await run({ count: 40, workers: 3, message: (i) => ({ do: 'square', value: i }) });
    expect(many.error).toBeNull();
    expect(many.results).toEqual(Array.from({ length: 40 }, (_, i) => [i, i * i]));
    expect([...many.finished].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(many.threads).toMatchObject({ started: 3, exited: 3 });
    const few = await run({ count: 2, workers: 8, message: (i) => ({ do: 'square', value: i }) });
    expect(few.results).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(few.threads).toMatchObject({ started: 2, exited: 2 });
  });

  it('an error in one task rejects with that error and terminates the busy threads', async () => {
    // Each of three threads is sent two tasks when ready; the first message of each is the one it
    // works on: task 2 (the second thread's first) throws, the others compute forever.
    const r = await run({ count: 6, workers: 3, message: (i) => ({ do: i === 2 ? 'throw' : 'spin' }) });
    expect(r.error).toBeInstanceOf(Error);
    expect((r.error as Error).message).toBe('task 2 failed');
    expect(r.results).toEqual([]);
    expect(r.threads).toMatchObject({ started: 3, exited: 3 });
  });

  it('a thread that exits early rejects, naming its exit code', async () => {
    const r = await run({ count: 4, workers: 2, message: (i) => (i === 0 ? { do: 'exit', code: 3 } : { do: 'spin' }) });
    expect((r.error as Error).message).toBe('a worker thread exited with code 3');
    expect(r.threads).toMatchObject({ started: 2, exited: 2 });
  });

  it('an error thrown by onResult rejects with it; the threads are stopped', async () => {
    const boom = new Error('disk full');
    const r = await run({
      count: 10,
      workers: 2,
      message: (i) => (i < 2 ? { do: 'square', value: i } : { do: 'spin' }),
      onResult: (task) => {
        if (task === 1) throw boom;
      },
    });
    expect(r.error).toBe(boom);
    expect(r.threads).toMatchObject({ started: 2, exited: 2 });
  });

  it('an abort rejects with the signal’s reason; a signal aborted before the call starts no thread', async () => {
    const controller = new AbortController();
    const stop = new Error('SIGINT');
    const handed: number[] = [];
    const r = await run({
      count: 8,
      workers: 2,
      message: (i) => (i === 0 ? { do: 'square', value: 7 } : { do: 'spin' }),
      onResult: (task) => {
        handed.push(task);
        controller.abort(stop);
      },
      signal: controller.signal,
    });
    expect(r.error).toBe(stop);
    expect(handed).toEqual([0]);
    expect(r.threads).toMatchObject({ started: 2, exited: 2 });

    const before = await run({ count: 3, workers: 2, message: () => ({ do: 'square', value: 1 }), signal: AbortSignal.abort(stop) });
    expect(before.error).toBe(stop);
    expect(before.threads).toMatchObject({ started: 0, exited: 0 });
  });

  it('sends no task more than maxAhead beyond the next result to hand over', async () => {
    let handed = 0;
    let furthest = -1;
    const r = await run({
      count: 12,
      workers: 2,
      maxAhead: 3,
      message: (i) => {
        furthest = Math.max(furthest, i - handed);
        return { do: 'square', value: i };
      },
      onResult: async () => {
        handed++;
        // A slow writer: a few turns of the event loop per result.
        for (let k = 0; k < 5; k++) await new Promise((resolve) => setImmediate(resolve));
      },
    });
    expect(r.error).toBeNull();
    expect(handed).toBe(12);
    // The window is used to its edge: a thread answering task 0 is sent task 2 before task 0 is
    // handed over; task 3 never goes out before task 0 is.
    expect(furthest).toBe(2);
    expect(r.threads).toMatchObject({ started: 2, exited: 2 });
  });

  it('with `local` and one worker, computes in this thread, in order, starting no thread', async () => {
    const r = await run({ count: 4, workers: 1, message: () => ({ do: 'spin' }), local: (i) => ({ task: i, value: 10 * i }) });
    expect(r.error).toBeNull();
    expect(r.results).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    expect(r.finished).toEqual([0, 1, 2, 3]);
    expect(r.threads.started).toBe(0);
    // Without `local`, one worker is one thread.
    const one = await run({ count: 3, workers: 1, message: (i) => ({ do: 'square', value: i }) });
    expect(one.results.map(([, v]) => v)).toEqual([0, 1, 4]);
    expect(one.threads).toMatchObject({ started: 1, exited: 1 });
  });
});
