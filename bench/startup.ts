/**
 * Bench section `startup`: what the compiled package (dist/cli/, scripts/build.mjs) saves against
 * running the TypeScript sources through tsx (bin/watchline-src.js, as the CLI ran before issue 17),
 * as ratios taken within this one run:
 *
 *  - `watchline --version` against `node -e 0` (goal ≤ 2×), compiled and through tsx: process wall
 *    times, the three commands interleaved round by round so load elsewhere hits them alike, medians;
 *  - a worker thread's start: `new Worker` until the sweep worker reports ready, compiled entry against
 *    the tsx boot file (src/batch/workerEntry.ts picks one or the other), interleaved, medians;
 *  - the 4-point sweep of bench/sweep.ts (default scenario, spacing 6–12 km) run as users run it, a
 *    `watchline sweep` process timed end to end with 1 and 2 workers, through tsx and compiled: the
 *    2-worker speed-up before and after. Best of the rounds, interleaved.
 *
 * The compiled CLI is rebuilt first, so the figures are those of the sources being benchmarked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildCli, CLI_DIR } from '../scripts/build.mjs';
import type { BenchOptions, BenchSection } from './types.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = path.join(ROOT, 'bin/watchline.js');
const BIN_TSX = path.join(ROOT, 'bin/watchline-src.js');
const SWEEP_SET = 'sweep={ towers.spacingM: [6000, 8000, 10000, 12000] }';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
const ms = (x: number) => Math.round(x * 10) / 10;

/** Wall milliseconds of `node args…`; throws on a non-zero exit. */
function timeNode(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '' } });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t;
}

/** Milliseconds from `new Worker(url)` until its first message (the sweep worker's ready). */
async function timeWorker(url: URL): Promise<number> {
  const t0 = performance.now();
  const w = new Worker(url);
  try {
    await new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    return performance.now() - t0;
  } finally {
    await w.terminate();
  }
}

/** Wall seconds of one `watchline sweep` process in a fresh output folder. */
function timeSweep(bin: string, workers: number, attempts: number): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-bench-startup-'));
  try {
    const args = [bin, 'sweep', '--config', 'sim-configs/default.yaml', '--set', SWEEP_SET, '--attempts', String(attempts), '--workers', String(workers), '--out', path.join(dir, 'out')];
    return timeNode(args) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const startupSection: BenchSection = {
  name: 'startup',
  description: 'compiled package vs tsx: `watchline --version` vs `node -e 0`, a worker thread\'s start, the 4-point sweep\'s 2-worker speed-up',
  async run(o: BenchOptions) {
    await buildCli();
    // --version: the three processes interleaved, one warm-up round (disk cache) not counted.
    const rounds = o.quick ? 5 : 15;
    const t = { node: [] as number[], compiled: [] as number[], tsx: [] as number[] };
    for (let r = -1; r < rounds; r++) {
      const node = timeNode(['-e', '0']);
      const compiled = timeNode([BIN, '--version']);
      const tsx = timeNode([BIN_TSX, '--version']);
      if (r < 0) continue;
      t.node.push(node);
      t.compiled.push(compiled);
      t.tsx.push(tsx);
    }
    const version = {
      rounds,
      nodeMs: ms(median(t.node)),
      compiledMs: ms(median(t.compiled)),
      tsxMs: ms(median(t.tsx)),
      compiledVsNode: r2(median(t.compiled) / median(t.node)),
      tsxVsNode: r2(median(t.tsx) / median(t.node)),
    };
    o.log(`startup: --version ${version.compiledMs} ms compiled, ${version.tsxMs} ms tsx, node -e 0 ${version.nodeMs} ms`);

    // A worker thread's start, compiled entry against the tsx boot file.
    const compiledWorker = pathToFileURL(path.join(CLI_DIR, 'worker.js'));
    const tsxWorker = new URL('../src/batch/workerBoot.mjs', import.meta.url);
    const w = { compiled: [] as number[], tsx: [] as number[] };
    const workerRounds = o.quick ? 3 : 7;
    for (let r = -1; r < workerRounds; r++) {
      const a = await timeWorker(compiledWorker);
      const b = await timeWorker(tsxWorker);
      if (r < 0) continue;
      w.compiled.push(a);
      w.tsx.push(b);
    }
    const worker = { rounds: workerRounds, compiledMs: ms(median(w.compiled)), tsxMs: ms(median(w.tsx)), tsxVsCompiled: r2(median(w.tsx) / median(w.compiled)) };
    o.log(`startup: a worker thread starts in ${worker.compiledMs} ms compiled, ${worker.tsxMs} ms through tsx`);

    // The sweep as a process, 1 and 2 workers, tsx and compiled.
    const attempts = o.quick ? 2000 : 10_000;
    const sweepRounds = o.quick ? 1 : 2;
    const best = { tsx1: Infinity, tsx2: Infinity, compiled1: Infinity, compiled2: Infinity };
    for (let r = 0; r < sweepRounds; r++) {
      for (const [key, bin, workers] of [['tsx1', BIN_TSX, 1], ['tsx2', BIN_TSX, 2], ['compiled1', BIN, 1], ['compiled2', BIN, 2]] as const) {
        const s = timeSweep(bin, workers, attempts);
        o.log(`startup: sweep round ${r + 1}: ${key.replace(/\d/, '')}, ${workers} worker${workers > 1 ? 's' : ''}: ${s.toFixed(2)} s`);
        best[key] = Math.min(best[key], s);
      }
    }
    const sweep = {
      points: 4,
      attemptsPerPoint: attempts,
      rounds: sweepRounds,
      tsx: { wallS1: r2(best.tsx1), wallS2: r2(best.tsx2), speedup2over1: r2(best.tsx1 / best.tsx2) },
      compiled: { wallS1: r2(best.compiled1), wallS2: r2(best.compiled2), speedup2over1: r2(best.compiled1 / best.compiled2) },
    };
    return {
      /** When this section ran: a report may carry it beside sections of an earlier run. */
      measuredAt: new Date().toISOString(),
      cores: availableParallelism(),
      version,
      worker,
      sweep,
      /** One-minute load average at the end: with more runnable threads than cores, the ratios mean little. */
      loadAverage: r2(loadavg()[0]),
    };
  },
  format(r) {
    const v = r.version as Record<string, number>;
    const w = r.worker as Record<string, number>;
    const s = r.sweep as { attemptsPerPoint: number; rounds: number; tsx: Record<string, number>; compiled: Record<string, number> };
    return [
      `watchline --version, median of ${v.rounds}: compiled ${v.compiledMs} ms (×${v.compiledVsNode} node -e 0), through tsx ${v.tsxMs} ms (×${v.tsxVsNode}); node -e 0 ${v.nodeMs} ms`,
      `a worker thread's start, median of ${w.rounds}: compiled ${w.compiledMs} ms, through tsx ${w.tsxMs} ms (×${w.tsxVsCompiled})`,
      `watchline sweep, 4 points × ${s.attemptsPerPoint} attempts, whole process, best of ${s.rounds}:`,
      `  through tsx  1 worker ${s.tsx.wallS1} s, 2 workers ${s.tsx.wallS2} s: speed-up ×${s.tsx.speedup2over1}`,
      `  compiled     1 worker ${s.compiled.wallS1} s, 2 workers ${s.compiled.wallS2} s: speed-up ×${s.compiled.speedup2over1}`,
      `(measured ${String(r.measuredAt).slice(0, 16).replace('T', ' ')} UTC, ${r.cores} cores, load average ${r.loadAverage} at the end)`,
    ].join('\n');
  },
};
