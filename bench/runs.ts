/**
 * One measured run through the product path: what `watchline run --workers W` does (ground resolved
 * at the edge, worker pool, attempts.csv and summary.json written, here to a temporary folder that is
 * removed afterwards), with wall time, CPU time of all threads, work counters and peak memory sampled
 * every 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Scenario } from '../src/config/scenario.ts';
import { runJob } from '../src/batch/runJob.ts';
import { nodeWorldSource } from '../src/batch/geoFiles.ts';
import { resolveWorldJob } from '../src/world/build.ts';
import type { FrontierOptions } from './scenarios.ts';
import { runChild } from './child.ts';


export interface MeasuredRun {
  workers: number;
  attempts: number;
  /** Resolving the scenario at the edge (the procedural ground, built once for all workers), s. */
  prepareS: number;
  /** runJob: workers' worlds, simulation, writing the outputs, s. */
  simulateS: number;
  wallS: number;
  /** CPU time of the whole process (all threads, user + system) over prepare and run, s. */
  cpuS: number;
  attemptsPerS: number;
  evaluationsPerS: number;
  losCallsPerS: number;
  stepsPerAttempt: number;
  evaluationsPerAttempt: number;
  losCallsPerAttempt: number;
  proposalsPerAttempt: number;
  /**
   * Peak resident set of the whole process (all threads), MB: sampled every 50 ms, or — for a run in
   * a child process — the kernel's exact peak for that process.
   */
  peakRssMB: number;
  /** Peak of the main thread's JS heap, MB (sampled). */
  peakHeapMB: number;
  detectionRate: number;
  towers: number;
  cameras: number;
}

export async function runMeasured(
  scenario: Scenario,
  o: { attempts: number; workers: number; seed: number; stepS: number; log?: (m: string) => void },
): Promise<MeasuredRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'watchline-bench-'));
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  sample();
  const timer = setInterval(sample, 50);
  const c0 = process.cpuUsage();
  try {
    const t0 = performance.now();
    const job = await resolveWorldJob(scenario, nodeWorldSource);
    const prepareS = (performance.now() - t0) / 1000;
    sample();
    let lastLog = performance.now();
    const res = await runJob({
      scenario,
      job,
      attempts: o.attempts,
      seed: o.seed,
      stepS: o.stepS,
      workers: o.workers,
      outDir: path.join(dir, 'out'),
      force: true,
      events: false,
      onProgress: (done, total) => {
        sample();
        if (o.log && performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          o.log(`  … ${done} of ${total} attempts`);
        }
      },
    });
    sample();
    const simulateS = res.wallS;
    const cpu = process.cpuUsage(c0);
    const c = res.counters;
    const n = o.attempts;
    return {
      workers: o.workers,
      attempts: n,
      prepareS,
      simulateS,
      wallS: prepareS + simulateS,
      cpuS: (cpu.user + cpu.system) / 1e6,
      attemptsPerS: n / simulateS,
      evaluationsPerS: c.evaluations / simulateS,
      losCallsPerS: c.losCalls / simulateS,
      stepsPerAttempt: c.steps / n,
      evaluationsPerAttempt: c.evaluations / n,
      losCallsPerAttempt: c.losCalls / n,
      proposalsPerAttempt: c.proposals / n,
      peakRssMB: peakRss / 2 ** 20,
      peakHeapMB: peakHeap / 2 ** 20,
      detectionRate: res.summary.detectionRate,
      towers: res.summary.towers,
      cameras: res.summary.cameras,
    };
  } finally {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same measurement in a fresh child process (bench/measureChild.ts): its time and peak memory owe
 * nothing to what the benchmark process built before (meshes, other worlds, a grown heap).
 */
export async function runMeasuredInChild(
  scenario: FrontierOptions,
  o: { attempts: number; workers: number; seed: number; stepS: number; log?: (m: string) => void },
): Promise<MeasuredRun> {
  const payload = JSON.stringify({ ...scenario, attempts: o.attempts, workers: o.workers, seed: o.seed, stepS: o.stepS });
  const child = await runChild('bench/measureChild.ts', [payload], {
    imports: ['tsx'],
    onStderr: (d) => {
      for (const line of d.split('\n')) if (o.log && line.trim().startsWith('…')) o.log(line.trim());
    },
  });
  const run = JSON.parse(child.stdout.trim().split('\n').pop()!) as MeasuredRun;
  if (child.peakRssKb > 0) run.peakRssMB = child.peakRssKb / 1024;
  return run;
}
