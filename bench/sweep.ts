/**
 * Bench section `sweep`: the speed-up of the sweep's worker pool, 2 workers over 1, on a small sweep
 * of the default scenario (a 50 km border, spacing 4–8 km; 4 points × 600 attempts, 300 with --quick),
 * each timed end to end (world builds, attempts, statistics, files) in a fresh output folder. The
 * ratio is wall(1 worker) / wall(2 workers); on a machine with two idle cores it approaches 2 minus
 * the serial part (building the ground and the per-point jobs in the main thread). Rounds alternate
 * 1 and 2 workers and the best of each counts, so a burst of load elsewhere does not decide it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { loadScenario } from '../src/config/load.ts';
import { runSweep } from '../src/batch/sweepRun.ts';
import type { BenchOptions, BenchSection } from './types.ts';

async function timeSweep(workers: number, attempts: number): Promise<{ wallS: number; detected: number[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-bench-sweep-'));
  try {
    const scenario = loadScenario({
      configPath: 'sim-configs/default.yaml',
      sets: ['sweep={ towers.spacingM: [4000, 5000, 6000, 8000] }', `run.attempts=${attempts}`],
    });
    const t0 = performance.now();
    const r = await runSweep({ scenario, outDir: path.join(dir, 'out'), force: false, workers });
    return { wallS: (performance.now() - t0) / 1000, detected: r.doc.points.map((p) => p.pooled.detected) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sweepSection: BenchSection = {
  name: 'sweep',
  description: 'sweep worker pool: speed-up of 2 workers over 1 on a 4-point sweep of the default scenario',
  async run(o: BenchOptions) {
    const attempts = o.quick ? 300 : 600;
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
    return {
      points: 4,
      attemptsPerPoint: attempts,
      cores: availableParallelism(),
      rounds,
      wallS1: Math.round(best1 * 100) / 100,
      wallS2: Math.round(best2 * 100) / 100,
      speedup2over1: Math.round((best1 / best2) * 100) / 100,
      identicalResults: same,
    };
  },
  format(r) {
    return [
      `4-point sweep of the default scenario, ${r.attemptsPerPoint} attempts per point, ${r.cores} cores, best of ${r.rounds}`,
      `  1 worker   ${r.wallS1} s`,
      `  2 workers  ${r.wallS2} s`,
      `  speed-up   ${r.speedup2over1} × (results identical: ${r.identicalResults})`,
    ].join('\n');
  },
};
