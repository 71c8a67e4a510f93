/**
 * Runs attempt ranges on a pool of worker threads (or in this thread for one worker) and hands the
 * results back strictly in range order, so writers see the same sequence whatever the worker count.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { SimCounters } from '../core/attempt.ts';
import { newCounters } from '../core/attempt.ts';
import { createWorld } from '../core/world.ts';
import type { WorldJob } from './job.ts';
import { worldInputsOf } from './job.ts';
import { FIELDS } from './codec.ts';
import { simulateRange } from './simulateRange.ts';
import { workerEntry, workerExecArgv } from './workerEntry.ts';

export interface ChunkResult {
  index: number;
  from: number;
  to: number;
  data: Float64Array;
}

export interface PoolOptions {
  job: WorldJob;
  seed: number;
  stepS: number;
  ranges: readonly (readonly [number, number])[];
  workers: number;
  /** Called once per range, in range order; awaited before the next. */
  onResult: (r: ChunkResult) => Promise<void> | void;
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

/** Ranges per worker that may be computed or waiting ahead of the next one delivered. */
const AHEAD_PER_WORKER = 4;
/** Attempts simulated between two turns of the event loop when running in this thread. */
const SLICE = 50;

/**
 * simulateRange in slices, giving the event loop a turn between them: a signal (SIGINT, SIGTERM) is
 * handled within one slice rather than after the whole range. Same data as one call.
 */
export async function simulateYielding(world: ReturnType<typeof createWorld>, seed: number, from: number, to: number, stepS: number, counters: SimCounters | undefined, signal?: AbortSignal): Promise<Float64Array> {
  const data = new Float64Array((to - from) * FIELDS);
  for (let a = from; a < to; a += SLICE) {
    signal?.throwIfAborted();
    const b = Math.min(a + SLICE, to);
    data.set(simulateRange(world, seed, a, b, stepS, counters), (a - from) * FIELDS);
    await yieldToLoop();
  }
  signal?.throwIfAborted();
  return data;
}

/** Runs every range and resolves with the summed work counters. Rejects on abort or a worker failure. */
export async function runPool(opts: PoolOptions): Promise<SimCounters> {
  const total = newCounters();
  // An abort that came before the pool started (a signal during world building) fires no event.
  opts.signal?.throwIfAborted();
  const workers = Math.max(1, Math.min(opts.workers, opts.ranges.length));
  if (workers === 1) {
    const world = createWorld(opts.job.scene, opts.job.config, worldInputsOf(opts.job));
    for (let i = 0; i < opts.ranges.length; i++) {
      const [from, to] = opts.ranges[i];
      const data = await simulateYielding(world, opts.seed, from, to, opts.stepS, total, opts.signal);
      await opts.onResult({ index: i, from, to, data });
    }
    return total;
  }

  const pending = new Map<number, ChunkResult>();
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
      opts.signal?.addEventListener('abort', () => fail(opts.signal!.reason), { once: true });
      // Bounded memory: a range is sent only while fewer than AHEAD_PER_WORKER × workers ranges are
      // computed or waiting ahead of the next one to deliver, so results cannot pile up behind a slow
      // range or a slow disk; a worker with nothing allowed to do waits in `idle`.
      const maxAhead = AHEAD_PER_WORKER * workers;
      const idle: Worker[] = [];
      const send = (w: Worker) => {
        if (failed || nextToSend >= opts.ranges.length) return;
        if (nextToSend - nextToDeliver >= maxAhead) {
          idle.push(w);
          return;
        }
        const index = nextToSend++;
        const [from, to] = opts.ranges[index];
        w.postMessage({ index, from, to });
      };
      const deliver = () => {
        delivering = delivering.then(async () => {
          while (!failed && pending.has(nextToDeliver)) {
            const r = pending.get(nextToDeliver)!;
            pending.delete(nextToDeliver);
            nextToDeliver++;
            await opts.onResult(r);
            while (idle.length > 0 && nextToSend - nextToDeliver < maxAhead) send(idle.shift()!);
          }
          if (nextToDeliver === opts.ranges.length) resolve();
        }).catch(fail);
      };
      for (let i = 0; i < workers; i++) {
        const w = new Worker(workerEntry('worker'), {
          execArgv: workerExecArgv(),
          workerData: { job: opts.job, seed: opts.seed, stepS: opts.stepS },
        });
        threads.push(w);
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a worker thread exited with code ${code}`));
        });
        w.on('message', (m: { ready?: boolean; index: number; data: Float64Array; counters: SimCounters }) => {
          if (m.ready) {
            // Two ranges in flight per worker hide the round trip.
            send(w);
            send(w);
            return;
          }
          addCounters(total, m.counters);
          const [from, to] = opts.ranges[m.index];
          pending.set(m.index, { index: m.index, from, to, data: m.data });
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
