/**
 * The placement search's candidate contributions (src/optimize/candidates.ts) computed on worker
 * threads: candidates are cut into slices, each worker builds the candidates' world once (its ground
 * shared, not copied) and computes the slices it is sent. Each candidate's block depends only on that
 * candidate, so the result is the same whatever the number of workers.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { World } from '../core/world.ts';
import { createRateContext, type RateContext } from '../coverage/rate.ts';
import { referenceTarget } from '../coverage/reference.ts';
import { candidateTowers, computeContributions, type CandidateGrid, type Contributions } from '../optimize/candidates.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { workerEntry, workerExecArgv } from './workerEntry.ts';

/** Candidates per slice: small enough for an even load and a smooth progress bar. */
const SLICE = 24;

/** A slice to compute, as sent to a worker; the job comes with a worker's first slice. */
export interface ContributionsMessage {
  kind: 'contributions';
  job?: WorldJob;
  cand: CandidateGrid;
  cellM: number;
  from: number;
  to: number;
}

export interface ContributionsPart {
  from: number;
  to: number;
  col0: Int32Array;
  col1: Int32Array;
  pInf: Float32Array[];
  rate: Float32Array[];
}

/** The job of the world whose towers are every candidate (the reference target is the base job's). */
export function candidateJob(job: WorldJob, cand: CandidateGrid): WorldJob {
  return {
    scene: { ...job.scene, crossing: { distribution: 'uniform' } },
    config: { ...job.config, towers: candidateTowers(cand, job.config.towers.setbackM) },
    ...(job.borderXY && { borderXY: job.borderXY }),
    ...(job.ground && { ground: job.ground }),
    ...(job.frontier && { frontier: job.frontier }),
  };
}

/** Rate context of the candidates' world with the base deployment's reference target. */
function candidateContext(base: World, candWorld: World): RateContext {
  return createRateContext(candWorld, referenceTarget(base));
}

let cached: { job: WorldJob; ctx: RateContext } | null = null;

/** In a worker: one slice. The world is built on the first message and kept. */
export function contributionsSlice(m: ContributionsMessage): ContributionsPart {
  if (m.job) {
    const base = worldFromJob({ ...m.job, config: { ...m.job.config } });
    cached = { job: m.job, ctx: candidateContext(base, worldFromJob(candidateJob(m.job, m.cand))) };
  }
  if (!cached) throw new Error('worker: contributions slice before its job');
  const k = computeContributions(cached.ctx, m.cand, m.cellM, [m.from, m.to]);
  return { from: m.from, to: m.to, col0: k.col0.slice(m.from, m.to), col1: k.col1.slice(m.from, m.to), pInf: k.pInf.slice(m.from, m.to), rate: k.rate.slice(m.from, m.to) };
}

function mergePart(into: Contributions, p: ContributionsPart): void {
  for (let c = p.from; c < p.to; c++) {
    into.col0[c] = p.col0[c - p.from];
    into.col1[c] = p.col1[c - p.from];
    into.pInf[c] = p.pInf[c - p.from];
    into.rate[c] = p.rate[c - p.from];
  }
}

export interface ContributionsOptions {
  /** The base deployment's job (its reference target; its scene files). */
  job: WorldJob;
  cand: CandidateGrid;
  cellM: number;
  workers: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Every candidate's contribution, on `workers` threads (in this thread for one). */
export async function computeContributionsPooled(o: ContributionsOptions): Promise<Contributions> {
  const base = worldFromJob(o.job);
  const ctx = candidateContext(base, worldFromJob(candidateJob(o.job, o.cand)));
  // The frame (grid, times, empty blocks) from an empty range; the blocks come from the slices.
  const out = computeContributions(ctx, o.cand, o.cellM, [0, 0]);
  const slices: [number, number][] = [];
  for (let a = 0; a < o.cand.count; a += SLICE) slices.push([a, Math.min(o.cand.count, a + SLICE)]);
  let done = 0;
  o.signal?.throwIfAborted();
  if (o.workers <= 1 || slices.length <= 1) {
    for (const [from, to] of slices) {
      const k = computeContributions(ctx, o.cand, o.cellM, [from, to]);
      mergePart(out, { from, to, col0: k.col0.slice(from, to), col1: k.col1.slice(from, to), pInf: k.pInf.slice(from, to), rate: k.rate.slice(from, to) });
      done += to - from;
      o.onProgress?.(done, o.cand.count);
      await yieldToLoop();
      o.signal?.throwIfAborted();
    }
    return out;
  }
  const threads: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let failed = false;
      const fail = (e: unknown) => {
        if (!failed) {
          failed = true;
          reject(e);
        }
      };
      o.signal?.addEventListener('abort', () => fail(o.signal!.reason), { once: true });
      const send = (w: Worker, first: boolean) => {
        if (failed || next >= slices.length) return;
        const [from, to] = slices[next++];
        const msg: ContributionsMessage = { kind: 'contributions', cand: o.cand, cellM: o.cellM, from, to, ...(first && { job: o.job }) };
        w.postMessage(msg);
      };
      for (let i = 0; i < Math.min(o.workers, slices.length); i++) {
        const w = new Worker(workerEntry('worker'), { execArgv: workerExecArgv() });
        threads.push(w);
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a worker thread exited with code ${code}`));
        });
        let first = true;
        w.on('message', (m: { ready?: boolean } & Partial<ContributionsPart>) => {
          if (m.ready) {
            send(w, true);
            first = false;
            send(w, first);
            return;
          }
          mergePart(out, m as ContributionsPart);
          done += m.to! - m.from!;
          o.onProgress?.(done, o.cand.count);
          if (done === o.cand.count) resolve();
          else send(w, false);
        });
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return out;
}
