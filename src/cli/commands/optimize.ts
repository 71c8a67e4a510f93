/**
 * `watchline optimize`: places towers along the frontier (docs/model.md §9) — for N towers the
 * layout of highest worst-case breach P (ties: mean P), or the fewest towers reaching a target P —
 * and compares it with evenly spaced towers of the same count, analytically and by Monte Carlo with
 * common random numbers. Writes towers.yaml, optimize.json, placed.svg and uniform.svg.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { OptimizeDocument } from '../../batch/optimizeRun.ts';
import { defaultWorkers } from '../../batch/workerCount.ts';
import { addScenarioOptions, numberOption, scenarioFromFlags, wholeNumberOption, type ScenarioFlags } from '../options.ts';
import { defaultOutDir } from './run.ts';

interface OptimizeFlags extends ScenarioFlags {
  towers?: number;
  target?: number;
  heights?: number[];
  stepM?: number;
  cellM?: number;
  iterations?: number;
  refineRounds?: number;
  attempts?: number;
  seed?: number;
  workers?: number;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** `--heights 15,25,40`: a list of tower heights, m. */
export function parseHeights(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  const out = parts.map(Number);
  if (parts.length === 0 || out.some((h, i) => parts[i] === '' || !Number.isFinite(h) || h < 0 || h > 1000)) {
    throw new InvalidArgumentError('expected comma-separated heights in metres from 0 to 1000, e.g. 15,25,40.');
  }
  return out;
}

export function registerOptimize(program: Command): Command {
  const cmd = program
    .command('optimize')
    .description('places towers along the frontier: the highest worst-case breach P for N towers, or the fewest towers reaching a target P; compared with uniform spacing (analytic coverage and Monte Carlo)')
    .option('--towers <n>', 'number of towers to place', wholeNumberOption(1, 100_000))
    .option('--target <p>', 'worst-case breach P(detect) to reach with the fewest towers (0 < p < 1)', numberOption(1e-6, 1 - 1e-9))
    .option('--heights <list>', 'tower heights the search may choose from, m, comma-separated (default: the config\'s towers.heightM)', parseHeights)
    .option('--step-m <m>', 'spacing of candidate chainages, m (default 100)', numberOption(1, 1e5))
    .option('--cell-m <m>', 'breach-grid cell, m (default: as `watchline coverage`)', numberOption(1, 1e5))
    .option('--iterations <n>', 'local-search iterations (default 40 per tower, at least 400)', wholeNumberOption(0, 100_000_000))
    .option('--refine-rounds <n>', 'rounds of refinement by the full coverage\'s breach path (default 2; 0: none)', wholeNumberOption(0, 100))
    .option('--attempts <n>', 'Monte Carlo attempts per layout, on common random numbers (default 2000; 0: none)', wholeNumberOption(0, 100_000_000))
    .option('--seed <s>', 'seed of the search and the Monte Carlo (default: the config\'s run.seed)', wholeNumberOption(0, 2 ** 32 - 1))
    .option('--workers <w>', `worker threads for the contributions, the search, the coverage and the Monte Carlo (default: all cores, here ${defaultWorkers()})`, wholeNumberOption(1, 256))
    .option('--out <dir>', 'output folder (default: out/optimize-<date>-<time>)')
    .option('--force', 'replace an existing output folder')
    .option('--json', 'print optimize.json on stdout instead of the readable summary');
  addScenarioOptions(cmd);
  return cmd
    .addHelpText(
      'after',
      '\nExactly one of --towers and --target.\n\nExamples:\n  watchline optimize --towers 25\n  watchline optimize --config sim-configs/iraq-syria-2km.yaml --towers 300 --out out/opt-iq\n  watchline optimize --target 0.9 --heights 15,25 --attempts 5000',
    )
    .action(async (flags: OptimizeFlags) => {
      const [{ runOptimize }, { resolveWorldJob }, { nodeWorldSource }, { checkOutDir }, { interruptible }, { InputError }] = await Promise.all([
        import('../../batch/optimizeRun.ts'),
        import('../../world/build.ts'),
        import('../../batch/geoFiles.ts'),
        import('../../batch/outputFolder.ts'),
        import('../interrupt.ts'),
        import('../../config/errors.ts'),
      ]);
      if ((flags.towers === undefined) === (flags.target === undefined)) {
        throw new InputError([{ file: '(command line)', path: '--towers/--target', message: 'give exactly one of --towers N and --target P', allowed: '--towers <whole number ≥ 1> or --target <0 < p < 1>' }]);
      }
      const scenario = await scenarioFromFlags(flags);
      const outDir = flags.out ?? defaultOutDir('optimize');
      checkOutDir(outDir, flags.force ?? false);
      const workers = flags.workers ?? defaultWorkers();
      const progress = objectiveProgress();
      const doc = await interruptible(async (signal) => {
        const job = await resolveWorldJob(scenario, nodeWorldSource);
        signal.throwIfAborted();
        return runOptimize({
          scenario,
          job,
          towers: flags.towers,
          target: flags.target,
          heightsM: flags.heights,
          stepM: flags.stepM,
          cellM: flags.cellM,
          iterations: flags.iterations,
          refineRounds: flags.refineRounds,
          seed: flags.seed ?? scenario.config.run.seed,
          attempts: flags.attempts ?? 2000,
          stepS: scenario.config.run.stepS,
          workers,
          outDir,
          force: flags.force ?? false,
          onProgress: progress.update,
          signal,
        });
      }).finally(() => progress.stop());
      if (flags.json) process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      else process.stdout.write(formatOptimize(doc, outDir));
      const s = doc.search as { precomputeS: number; searchS: number; evaluationsPerS: number; windowEvaluationsPerS: number };
      process.stderr.write(
        `optimize: ${doc.towers} towers in ${doc.wallS.toFixed(1)} s (contributions ${s.precomputeS.toFixed(1)} s, search ${s.searchS.toFixed(1)} s: ${Math.round(s.evaluationsPerS)} evaluations/s, ${Math.round(s.windowEvaluationsPerS)} windows/s)\n`,
      );
    });
}

/** Progress on stderr with the best objective so far: a bar on a terminal, a line every few seconds otherwise. */
function objectiveProgress(): { update: (phase: string, done: number, total: number, best: { worst: number; mean: number } | null) => void; stop: () => void } {
  let last = 0;
  let shown = false;
  const tty = process.stderr.isTTY;
  return {
    update(phase, done, total, best) {
      const now = performance.now();
      if (now - last < (tty ? 100 : 5000) && done < total) return;
      last = now;
      const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
      const obj = best ? ` · worst-case P ${best.worst.toFixed(4)} · mean P ${best.mean.toFixed(4)}` : '';
      if (tty) {
        const width = 24;
        const fill = Math.round((width * pct) / 100);
        process.stderr.write(`\r\x1b[2Koptimize ${phase} [${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${pct}%${obj}`);
        shown = true;
      } else process.stderr.write(`optimize ${phase}: ${done}/${total} (${pct} %)${obj}\n`);
    },
    stop() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

function formatOptimize(d: OptimizeDocument, outDir: string): string {
  const u = d.uniform;
  const rate = (m: OptimizeDocument['monteCarlo']) => (m ? `${(100 * m.detectionRate).toFixed(1)} % [${(100 * m.detectionRateCI95[0]).toFixed(1)}, ${(100 * m.detectionRateCI95[1]).toFixed(1)}]` : '—');
  const mc = (f: Pick<typeof u, 'monteCarlo'>) => rate(f.monteCarlo);
  const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  const ref = d.search.refinement as { rounds: { searchWorst: number; fullBreachP: number }[]; chosen: number; pinnedPaths: number };
  const paired = (label: string, p: OptimizeDocument['gain']['detectionRatePaired']) =>
    p ? [`  ${label.padEnd(22)}${pts(p.difference)} points [${pts(p.differenceCI95[0])}, ${pts(p.differenceCI95[1])}] (same attempts: ${p.placedOnly} detected only when placed, ${p.uniformOnly} only when evenly spaced)`] : [];
  const row = (label: string, a: string, b: string) => `  ${label.padEnd(22)}${a.padEnd(26)}${b}`;
  const goal = 'towers' in d.goal ? `${d.towers} towers` : `target P ${d.goal.targetP} → ${d.towers} towers${d.goal.reached ? '' : ' (target NOT reached by the full coverage)'}`;
  return [
    `Placement — frontier ${d.frontierKm.toFixed(1)} km · ${goal}`,
    row('', 'placed', `evenly spaced (${(u.spacingM / 1000).toFixed(3)} km)`),
    row('worst-case breach P', d.breachP.toFixed(4), u.breachP.toFixed(4)),
    row('min profile P', d.minP.toFixed(4), u.minP.toFixed(4)),
    row('mean profile P', d.meanP.toFixed(4), u.meanP.toFixed(4)),
    row(`Monte Carlo (${d.monteCarlo?.attempts ?? 0})`, mc(d), mc(u)),
    ...paired('paired difference', d.gain.detectionRatePaired),
    ...(d.monteCarloWeakest ? [row('MC, weakest points', rate(d.monteCarloWeakest), rate(u.monteCarloWeakest))] : []),
    ...paired('paired, weakest point', d.gain.detectionRateWeakestPaired),
    `  search vs coverage    worst case ${ref.rounds[ref.chosen].searchWorst.toFixed(4)} searched, ${ref.rounds[ref.chosen].fullBreachP.toFixed(4)} by the full coverage (${ref.rounds.length - 1} refinement round${ref.rounds.length === 2 ? '' : 's'}, ${ref.pinnedPaths} path${ref.pinnedPaths === 1 ? '' : 's'} pinned)`,
    `  results               ${outDir}/towers.yaml, optimize.json, placed.svg, uniform.svg`,
  ].join('\n') + '\n';
}
