/**
 * Bench section `scaling` (issue 6): how the product path's time and memory grow.
 *
 * 1. Frontier length: 300, 600 and 1 200 km at the same tower spacing and the same attempts per km,
 *    so the work per km is fixed: time should grow linearly (goal: 1 200 km / 600 km ≤ 2.2). The
 *    cost per attempt should not grow at all — the spatial index keeps each attempt's candidate
 *    cameras to those within reach, whatever the frontier's length.
 * 2. Attempts: 10⁴, 10⁵ and 10⁶ on one frontier (10³, 10⁴ with --quick): time
 *    linear, peak memory flat (outcomes stream to attempts.csv chunk by chunk). The memory section
 *    (issue 7) checks the same at 10⁶ attempts on a cheap scenario in every default run.
 * Every run goes through the product path (bench/runs.ts: ground, worker pool with 2 workers, outputs
 * written) in a fresh child process, so its time and peak memory are its own.
 */
import { runMeasuredInChild } from './runs.ts';
import type { MeasuredRun } from './runs.ts';
import type { BenchOptions, BenchSection } from './types.ts';

const WORKERS = 2;

interface Point extends MeasuredRun {
  frontierKm: number;
  /** CPU seconds of the whole measurement (all threads) per attempt, µs. */
  cpuUsPerAttempt: number;
}

async function measure(km: number, attempts: number, opts: BenchOptions): Promise<Point> {
  opts.log(`scaling: ${km} km, ${attempts} attempts, ${WORKERS} workers…`);
  const r = await runMeasuredInChild({ lengthKm: km }, { attempts, workers: WORKERS, seed: 1, stepS: 2, log: opts.log });
  return { frontierKm: km, ...r, cpuUsPerAttempt: (1e6 * r.cpuS) / attempts };
}

async function run(opts: BenchOptions): Promise<Record<string, unknown>> {
  // Enough attempts that the fixed costs (ground, worker start) do not hide the per-km work.
  const perKm = opts.quick ? 5 : 100;
  const frontier: Point[] = [];
  for (const km of [300, 600, 1200]) frontier.push(await measure(km, km * perKm, opts));
  const attemptsKm = 100;
  const counts = opts.quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
  const attempts: Point[] = [];
  for (const n of counts) attempts.push(await measure(attemptsKm, n, opts));
  const [f300, f600, f1200] = frontier;
  const a0 = attempts[0];
  const a2 = attempts[attempts.length - 1];
  return {
    frontier: {
      attemptsPerKm: perKm,
      points: frontier,
      ratio1200to600: f1200.wallS / f600.wallS,
      ratio600to300: f600.wallS / f300.wallS,
      cpuRatio1200to600: f1200.cpuS / f600.cpuS,
      /** The run alone (simulation, without building the ground): 2 when exactly linear. */
      runRatio1200to600: f1200.simulateS / f600.simulateS,
      goalRatio: 2.2,
      goalMet: f1200.wallS / f600.wallS <= 2.2,
    },
    attempts: {
      frontierKm: attemptsKm,
      points: attempts,
      /** Time per attempt at the largest count over the smallest (1 = linear). */
      perAttemptRatio: a2.wallS / a2.attempts / (a0.wallS / a0.attempts),
      peakRssRatio: a2.peakRssMB / a0.peakRssMB,
      peakHeapRatio: a2.peakHeapMB / a0.peakHeapMB,
    },
    workers: WORKERS,
    notes:
      'Each point runs in a fresh child process. wallS = building the ground + the run (workers\' worlds, simulation, attempts.csv ' +
      'and summary.json). cpuS: all threads of the child. Peak RSS: the child\'s (main thread, workers, shared ground), from the ' +
      'kernel; peak heap: its main thread\'s JS heap.',
  };
}

const f1 = (v: number) => v.toFixed(1);

function format(result: Record<string, unknown>): string {
  const fr = result.frontier as { points: Point[]; ratio1200to600: number; ratio600to300: number; cpuRatio1200to600: number; runRatio1200to600?: number; goalMet: boolean; attemptsPerKm: number };
  const at = result.attempts as { points: Point[]; perAttemptRatio: number; peakRssRatio: number; peakHeapRatio: number; frontierKm: number };
  const row = (p: Point) =>
    `wall ${f1(p.wallS).padStart(6)} s (ground ${f1(p.prepareS)} s) · CPU ${f1(p.cpuS).padStart(6)} s · ${f1(p.cpuUsPerAttempt).padStart(6)} CPU µs/attempt · ` +
    `peak RSS ${p.peakRssMB.toFixed(0).padStart(5)} MB · heap ${p.peakHeapMB.toFixed(0).padStart(4)} MB`;
  const lines = [`frontier length (${fr.attemptsPerKm} attempts per km, ${String(result.workers)} workers):`];
  for (const p of fr.points) lines.push(`  ${String(p.frontierKm).padStart(5)} km, ${String(p.attempts).padStart(7)} attempts: ${row(p)}`);
  lines.push(
    `  wall 1200/600 = ${fr.ratio1200to600.toFixed(2)} (goal ≤ 2.2: ${fr.goalMet ? 'met' : 'NOT met'}), 600/300 = ${fr.ratio600to300.toFixed(2)}; CPU 1200/600 = ${fr.cpuRatio1200to600.toFixed(2)}` +
      (fr.runRatio1200to600 === undefined ? '' : `; run alone 1200/600 = ${fr.runRatio1200to600.toFixed(2)}`),
    `attempts (${at.frontierKm} km):`,
  );
  for (const p of at.points) lines.push(`  ${String(p.attempts).padStart(9)} attempts: ${row(p)}`);
  lines.push(`  time per attempt, largest / smallest count: ${at.perAttemptRatio.toFixed(2)}; peak RSS ratio ${at.peakRssRatio.toFixed(2)}, heap ratio ${at.peakHeapRatio.toFixed(2)}`);
  return lines.join('\n');
}

export const scalingSection: BenchSection = {
  name: 'scaling',
  description: 'time and memory over 300/600/1200 km frontiers and 10⁴/10⁵/10⁶ attempts, 2 workers, each in a child process',
  run,
  format,
};
