/**
 * The full analytic coverage (src/coverage/coverage.ts) of one or several deployments on worker
 * threads: `watchline optimize` evaluates the placed and the evenly spaced layouts side by side, then
 * the placed one alone in each refinement round. Each report is cut into parts that depend only on
 * the job — the breach search, and slices of the profile's bins (each bin is one straight crossing of
 * its own) — computed wherever a thread is free and joined in order, so the report is the same however
 * many workers run, and one report keeps every thread busy.
 */
import type { BreachResult } from '../coverage/breach.ts';
import { breachPath } from '../coverage/breach.ts';
import { coverageReport, type CoverageOptions, type CoverageReport } from '../coverage/coverage.ts';
import { profileBins, profileEdgesM, type ProfileBin } from '../coverage/profile.ts';
import { createRateContext, type RateContext } from '../coverage/rate.ts';
import { referenceTarget } from '../coverage/reference.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { runThreadTasks } from './threadTasks.ts';

/** A part of a coverage job as sent to a worker; the job itself comes with that worker's first part of it. */
export interface CoverageMessage {
  kind: 'coverage';
  /** The part's index (threadTasks.ts). */
  task: number;
  /** The job's index in the call: a worker thread serves one call, so the index names the job. */
  job: number;
  world?: WorldJob;
  opts: CoverageOptions;
  /** The breach search, or the profile's bins [from, to). */
  part: { breach: true } | { from: number; to: number };
}

/** A part's result. */
export type CoveragePart = { bins: ProfileBin[] } | { breach: BreachResult | null };

/** Profile slices per worker thread and report: enough for the threads to finish together. */
const SLICES_PER_WORKER = 4;

/** The rate contexts of the last jobs this thread computed parts of. */
const contexts = new Map<number, RateContext>();
const KEEP_CONTEXTS = 2;

function contextOf(j: number, job: WorldJob | undefined): RateContext {
  let ctx = contexts.get(j);
  if (!ctx) {
    if (!job) throw new Error(`coverage part of job ${j} before the job itself`);
    const world = worldFromJob(job);
    ctx = createRateContext(world, referenceTarget(world));
    contexts.set(j, ctx);
    if (contexts.size > KEEP_CONTEXTS) contexts.delete(contexts.keys().next().value!);
  }
  return ctx;
}

/** In a worker: one part of a report. */
export function coveragePart(m: CoverageMessage): CoveragePart {
  return partOf(contextOf(m.job, m.world), m.opts, m.part);
}

function partOf(ctx: RateContext, opts: CoverageOptions, part: CoverageMessage['part']): CoveragePart {
  if ('breach' in part) return { breach: opts.breach !== false ? breachPath(ctx, { cellM: opts.breachCellM }) : null };
  return { bins: profileBins(ctx, opts, part.from, part.to) };
}

/** The reports of `jobs`, in order, their parts on up to `workers` threads; onDone(d) as each report is complete. */
export async function coverageReports(jobs: readonly WorldJob[], workers: number, signal?: AbortSignal, onDone?: (done: number) => void, opts: CoverageOptions = {}): Promise<CoverageReport[]> {
  const ctxs = jobs.map((job) => {
    const world = worldFromJob(job);
    return createRateContext(world, referenceTarget(world));
  });
  // Per job: the breach search first (one long part), then the profile in slices.
  const parts: { job: number; part: CoverageMessage['part'] }[] = [];
  const slices = Math.max(1, workers) * SLICES_PER_WORKER;
  ctxs.forEach((ctx, j) => {
    parts.push({ job: j, part: { breach: true } });
    const n = profileEdgesM(ctx.world.border.lengthM, opts.binM).length - 1;
    for (let q = 0; q < slices; q++) {
      const from = Math.floor((q * n) / slices);
      const to = Math.floor(((q + 1) * n) / slices);
      if (to > from) parts.push({ job: j, part: { from, to } });
    }
  });
  const bins: ProfileBin[][][] = jobs.map(() => []);
  const breaches: (BreachResult | null)[] = jobs.map(() => null);
  const left = jobs.map((_, j) => parts.filter((p) => p.job === j).length);
  const out: CoverageReport[] = new Array(jobs.length);
  let done = 0;
  // Which jobs each worker thread was already sent (the job travels once per thread).
  const sent: Set<number>[] = [];
  await runThreadTasks<Omit<CoverageMessage, 'task'>, CoveragePart>({
    count: parts.length,
    workers,
    // One part at a time per thread: a part is seconds of work, and one queued behind it would wait
    // while another thread stands idle.
    perWorker: 1,
    message: (i, w) => {
      const { job: j, part } = parts[i];
      const first = !(sent[w] ??= new Set()).has(j);
      sent[w].add(j);
      return { kind: 'coverage', job: j, ...(first && { world: jobs[j] }), opts, part };
    },
    local: (i) => partOf(ctxs[parts[i].job], opts, parts[i].part),
    onResult: (i, r) => {
      const j = parts[i].job;
      if ('bins' in r) bins[j].push(r.bins);
      else breaches[j] = r.breach;
      if (--left[j] === 0) {
        out[j] = coverageReport(ctxs[j], opts, bins[j].flat(), breaches[j]);
        onDone?.(++done);
      }
    },
    signal,
  });
  return out;
}
