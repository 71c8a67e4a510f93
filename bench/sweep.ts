/**
 * Bench section `sweep`: the speed-up of the sweep's worker pool, 2 workers over 1, on a small sweep
 * of the default scenario (a 50 km border, spacing 6–12 km, where many attempts walk the whole strip
 * undetected; 4 points × 10,000 attempts, 2,000 with --quick), each timed end to end (worker start-up,
 * world builds, attempts, statistics, files) in a fresh output folder, after one untimed warm-up that
 * builds the scene's ground (cached per process, as in any sweep). The
 * ratio is wall(1 worker) / wall(2 workers); on a machine with two idle cores it approaches 2 minus
 * the serial part (building the ground and the per-point jobs in the main thread). Rounds alternate
 * 1 and 2 workers and the best of each counts, so a burst of load elsewhere does not decide it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadScenario } from '../src/config/load.ts';
import { runSweep } from '../src/batch/sweepRun.ts';
import { workerEntry } from '../src/batch/workerEntry.ts';
import type { BenchOptions, BenchSection } from './types.ts';

async function timeSweep(workers: number, attempts: number): Promise<{ wallS: number; detected: number[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-bench-sweep-'));
  try {
    const scenario = loadScenario({
      configPath: 'sim-configs/default.yaml',
      sets: ['sweep={ towers.spacingM: [6000, 8000, 10000, 12000] }', `run.attempts=${attempts}`],
    });
    const t0 = performance.now();
    const r = await runSweep({ scenario, outDir: path.join(dir, 'out'), force: false, workers });
    return { wallS: (performance.now() - t0) / 1000, detected: r.doc.points.map((p) => p.pooled.detected) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds until two of the pool's worker threads report ready. */
async function workerStartup(): Promise<number> {
  const t0 = performance.now();
  const ws = [0, 1].map(() => new Worker(workerEntry('worker')));
  try {
    await Promise.all(ws.map((w) => new Promise((resolve) => w.once('message', resolve))));
    return (performance.now() - t0) / 1000;
  } finally {
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

export const sweepSection: BenchSection = {
  name: 'sweep',
  description: 'sweep worker pool: speed-up of 2 workers over 1 on a 4-point sweep of the default scenario (6–12 km spacing)',
  async run(o: BenchOptions) {
    const attempts = o.quick ? 2000 : 10_000;
    await timeSweep(1, 50);
    const rounds = o.quick ? 1 : 2;
    let best1 = Infinity;
    let best2 = Infinity;
    let same = true;
    for (let r = 0; r < rounds; r++) {
      const a = await timeSweep(1, attempts);
      o.log(`sweep: round ${r + 1}: 1 worker ${a.wallS.toFixed(1)} s`);
      const b = await timeSweep(2, attempts);
      o.log(`sweep: round ${r + 1}: 2 workers ${b.wallS.toFixed(1)} s`);
      best1 = Math.min(best1, a.wallS);
      best2 = Math.min(best2, b.wallS);
      same &&= JSON.stringify(a.detected) === JSON.stringify(b.detected);
    }
    const workerStartS = await workerStartup();
    o.log(`sweep: 2 worker threads start (tsx loader, modules) in ${workerStartS.toFixed(1)} s`);
    return {
      points: 4,
      attemptsPerPoint: attempts,
      cores: availableParallelism(),
      rounds,
      wallS1: Math.round(best1 * 100) / 100,
      wallS2: Math.round(best2 * 100) / 100,
      speedup2over1: Math.round((best1 / best2) * 100) / 100,
      /** Time for two worker threads to start: a fixed cost of the 2-worker wall time. */
      workerStartS: Math.round(workerStartS * 100) / 100,
      identicalResults: same,
      /** One-minute load average at the end: with more runnable threads than cores, the ratio means little. */
      loadAverage: Math.round(loadavg()[0] * 100) / 100,
    };
  },
  format(r) {
    return [
      `4-point sweep of the default scenario, ${r.attemptsPerPoint} attempts per point, ${r.cores} cores, best of ${r.rounds}`,
      `  1 worker   ${r.wallS1} s`,
      `  2 workers  ${r.wallS2} s`,
      `  speed-up   ${r.speedup2over1} × (results identical: ${r.identicalResults}; worker start-up ${r.workerStartS} s; load average ${r.loadAverage})`,
    ].join('\n');
  },
};
