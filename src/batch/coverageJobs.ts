/**
 * The full analytic coverage (src/coverage/coverage.ts) of several deployments at once, one worker
 * thread each (in this thread for one worker): `watchline optimize` evaluates the placed and the evenly
 * spaced layouts side by side. A report depends only on its job, so the result is the same however
 * many workers run.
 */
import { analyzeCoverage, type CoverageReport } from '../coverage/coverage.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { runThreadTasks } from './threadTasks.ts';

/** A coverage job as sent to a worker. */
export interface CoverageMessage {
  kind: 'coverage';
  /** The job's index (threadTasks.ts). */
  task: number;
  job: WorldJob;
}

/** The report of one job (in a worker, or in this thread for one worker). */
export function coverageOf(job: WorldJob): CoverageReport {
  return analyzeCoverage(worldFromJob(job));
}

/** The reports of `jobs`, in order, on up to `workers` threads. */
export async function coverageReports(jobs: readonly WorldJob[], workers: number, signal?: AbortSignal, onDone?: (done: number) => void): Promise<CoverageReport[]> {
  const out: CoverageReport[] = new Array(jobs.length);
  await runThreadTasks<Omit<CoverageMessage, 'task'>, { report: CoverageReport }>({
    count: jobs.length,
    workers: jobs.length <= 1 ? 1 : workers,
    // One job at a time per thread: a job is a whole report, and a second one queued behind it would
    // wait while another thread stands idle.
    perWorker: 1,
    message: (i) => ({ kind: 'coverage', job: jobs[i] }),
    local: (i) => ({ report: coverageOf(jobs[i]) }),
    onResult: (i, r) => {
      out[i] = r.report;
    },
    onProgress: (_i, done) => onDone?.(done),
    signal,
  });
  return out;
}
