/**
 * The full analytic coverage (src/coverage/coverage.ts) of several deployments at once, one worker
 * thread each (in this thread for one worker): `watchline optimize` evaluates the placed and the evenly
 * spaced layouts side by side. A report depends only on its job, so the result is the same however
 * many workers run.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { analyzeCoverage, type CoverageReport } from '../coverage/coverage.ts';
import type { WorldJob } from '../world/job.ts';
import { worldFromJob } from '../world/job.ts';
import { workerEntry, workerExecArgv } from './workerEntry.ts';

/** A coverage job as sent to a worker. */
export interface CoverageMessage {
  kind: 'coverage';
  job: WorldJob;
}

/** In a worker: the report of one job. */
export function coverageOf(m: CoverageMessage): CoverageReport {
  return analyzeCoverage(worldFromJob(m.job));
}

/** The reports of `jobs`, in order, on up to `workers` threads. */
export async function coverageReports(jobs: readonly WorldJob[], workers: number, signal?: AbortSignal, onDone?: (done: number) => void): Promise<CoverageReport[]> {
  const out: CoverageReport[] = new Array(jobs.length);
  let done = 0;
  if (workers <= 1 || jobs.length <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      out[i] = coverageOf({ kind: 'coverage', job: jobs[i] });
      onDone?.(++done);
      await yieldToLoop();
      signal?.throwIfAborted();
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
      signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
      for (let t = 0; t < Math.min(workers, jobs.length); t++) {
        const w = new Worker(workerEntry('worker'), { execArgv: workerExecArgv() });
        threads.push(w);
        let current = -1;
        const send = () => {
          if (failed || next >= jobs.length) return;
          current = next++;
          const msg: CoverageMessage = { kind: 'coverage', job: jobs[current] };
          w.postMessage(msg);
        };
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a worker thread exited with code ${code}`));
        });
        w.on('message', (m: { ready?: boolean; report?: CoverageReport }) => {
          if (m.ready) return send();
          out[current] = m.report!;
          onDone?.(++done);
          if (done === jobs.length) resolve();
          else send();
        });
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return out;
}
