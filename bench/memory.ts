/**
 * Bench section `memory`: peak memory of `watchline run` against the number of attempts (issue 7:
 * attempts and events stream to disk; nothing else may grow with the attempts). Runs the CLI as a
 * child process on a cheap scenario — ideal sensors on the flat 10 km border
 * (sim-configs/ideal-check.yaml), with --events, 2 workers — at 100,000 and 1,000,000 attempts
 * (20,000 and 200,000 with --quick) and reads the child's peak resident set size (main thread and
 * worker threads; bench/peakRss.mjs). Bounded memory shows as a peak that does not grow with the
 * attempts while the output files grow tenfold.
 *
 * Also runnable alone: npm run bench -- --only memory
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runChild } from './child.ts';
import type { BenchOptions, BenchSection } from './types.ts';

interface Measured {
  attempts: number;
  peakRssMb: number;
  wallS: number;
  attemptsCsvMb: number;
  eventsJsonlMb: number;
}

async function measure(attempts: number): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-bench-memory-'));
  const out = path.join(dir, 'out');
  try {
    const child = await runChild('bin/watchline.js', ['run', '--config', 'sim-configs/ideal-check.yaml', '--attempts', String(attempts), '--events', '--workers', '2', '--out', out]);
    const kb = child.peakRssKb;
    const wallS = child.wallS;
    const mb = (f: string) => Math.round((statSync(path.join(out, f)).size / 1e6) * 10) / 10;
    return { attempts, peakRssMb: Math.round(kb / 102.4) / 10, wallS: Math.round(wallS * 10) / 10, attemptsCsvMb: mb('attempts.csv'), eventsJsonlMb: mb('events.jsonl') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const memorySection: BenchSection = {
  name: 'memory',
  description: 'peak RSS of `watchline run` at 10^5 and 10^6 attempts (ideal sensors, flat 10 km, --events): bounded memory',
  async run(o: BenchOptions) {
    const sizes = o.quick ? [20_000, 200_000] : [100_000, 1_000_000];
    const runs: Measured[] = [];
    for (const n of sizes) {
      const m = await measure(n);
      o.log(`memory: ${n} attempts: peak ${m.peakRssMb} MB in ${m.wallS} s (attempts.csv ${m.attemptsCsvMb} MB, events.jsonl ${m.eventsJsonlMb} MB)`);
      runs.push(m);
    }
    const [small, large] = runs;
    return {
      scenario: 'sim-configs/ideal-check.yaml, --events, 2 workers',
      runs,
      peakRssMb: large.peakRssMb,
      // Growth of the peak per million more attempts: ~0 when nothing is kept per attempt.
      growthMbPerMillionAttempts: Math.round(((large.peakRssMb - small.peakRssMb) / ((large.attempts - small.attempts) / 1e6)) * 10) / 10,
      outputGrowth: Math.round(((large.attemptsCsvMb + large.eventsJsonlMb) / (small.attemptsCsvMb + small.eventsJsonlMb)) * 10) / 10,
    };
  },
  format(r) {
    const runs = r.runs as Measured[];
    return [
      `memory (${r.scenario as string})`,
      ...runs.map((m) => `  ${String(m.attempts).padStart(9)} attempts: peak RSS ${m.peakRssMb} MB, ${m.wallS} s, attempts.csv ${m.attemptsCsvMb} MB, events.jsonl ${m.eventsJsonlMb} MB`),
      `  peak growth ${r.growthMbPerMillionAttempts as number} MB per million attempts while the files grew ${r.outputGrowth as number}×`,
    ].join('\n');
  },
};
