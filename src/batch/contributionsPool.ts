/**
 * The placement search's candidate contributions (src/optimize/candidates.ts) computed on worker
 * threads: candidates are cut into slices, each worker builds the candidates' world once (its ground
 * shared, not copied) and computes the slices it is sent. Each candidate's block depends only on that
 * candidate, so the result is the same whatever the number of workers.
 */
import type { World } from '../core/world.ts';
import { createRateContext, type RateContext } from '../coverage/rate.ts';
import { referenceTarget } from '../coverage/reference.ts';
import { candidateTowers, computeContributions, type CandidateGrid, type Contributions } from '../optimize/candidates.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { chunkRanges } from './pool.ts';
import { runThreadTasks } from './threadTasks.ts';

/** Candidates per slice: small enough for an even load and a smooth progress bar. */
const SLICE = 24;

/** A slice to compute, as sent to a worker; the job comes with a worker's first slice. */
export interface ContributionsMessage {
  kind: 'contributions';
  /** The slice's index (threadTasks.ts). */
  task: number;
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

/** The candidates [from, to) of a slice, cut out of their blocks. */
function sliceOf(ctx: RateContext, cand: CandidateGrid, cellM: number, from: number, to: number): ContributionsPart {
  const k = computeContributions(ctx, cand, cellM, [from, to]);
  return { from, to, col0: k.col0.slice(from, to), col1: k.col1.slice(from, to), pInf: k.pInf.slice(from, to), rate: k.rate.slice(from, to) };
}

let cached: { job: WorldJob; ctx: RateContext } | null = null;

/** In a worker: one slice. The world is built on the first message and kept. */
export function contributionsSlice(m: ContributionsMessage): ContributionsPart {
  if (m.job) {
    const base = worldFromJob({ ...m.job, config: { ...m.job.config } });
    cached = { job: m.job, ctx: candidateContext(base, worldFromJob(candidateJob(m.job, m.cand))) };
  }
  if (!cached) throw new Error('worker: contributions slice before its job');
  return sliceOf(cached.ctx, m.cand, m.cellM, m.from, m.to);
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
  const slices = chunkRanges(0, o.cand.count, SLICE);
  let done = 0;
  // Each thread receives the job with its first slice.
  const jobSent: boolean[] = [];
  await runThreadTasks<Omit<ContributionsMessage, 'task'>, ContributionsPart>({
    count: slices.length,
    workers: slices.length <= 1 ? 1 : o.workers,
    message: (i, w) => {
      const [from, to] = slices[i];
      const first = !jobSent[w];
      jobSent[w] = true;
      return { kind: 'contributions', cand: o.cand, cellM: o.cellM, from, to, ...(first && { job: o.job }) };
    },
    local: (i) => sliceOf(ctx, o.cand, o.cellM, slices[i][0], slices[i][1]),
    onResult: (_i, part) => mergePart(out, part),
    onProgress: (i) => {
      done += slices[i][1] - slices[i][0];
      o.onProgress?.(done, o.cand.count);
    },
    signal: o.signal,
  });
  return out;
}
