/**
 * `watchline sweep`: every point of the config's `sweep:` grid with common random numbers (CONTRACT.md);
 * writes sweep.csv, sweep.json, the plots and a recommendation. Resumable: the same command continues
 * an interrupted sweep. Shardable: `--shard K/N` runs a slice of the points; `watchline merge` joins them.
 */
import type { Command } from 'commander';
import { defaultWorkers } from '../../batch/workerCount.ts';
import type { SweepDocument } from '../../batch/sweepOutputs.ts';
import { addScenarioOptions, scenarioFromFlags, wholeNumberOption, type ScenarioFlags } from '../options.ts';
import { defaultOutDir, parseShard } from './run.ts';
import type { Shard } from '../../batch/runJob.ts';

interface SweepFlags extends ScenarioFlags {
  attempts?: number;
  workers?: number;
  shard?: Shard;
  out?: string;
  force?: boolean;
  json?: boolean;
}

export function formatSweep(doc: SweepDocument, outDir: string): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const keys = doc.axes.map((a) => a.key);
  const pad = (t: string, n: number) => t.padStart(n);
  const lines = [`Sweep — ${doc.config} on ${doc.scene}: ${doc.points.length} of ${doc.pointsTotal} points × ${doc.repetitions} repetition(s)${doc.shard ? ` (shard ${doc.shard})` : ''}`];
  const names = keys.map((k) => k.split('.').pop()!);
  const widths = keys.map((k, i) => Math.max(names[i].length, ...doc.points.map((p) => String(p.params[k]).length)));
  lines.push(`  ${['point', ...names.map((n, i) => pad(n, widths[i])), 'towers', 'detected', '       95 % CI', 'interrupted'].join('  ')}`);
  for (const p of doc.points) {
    const [lo, hi] = p.pooled.detectionRateCI95;
    lines.push(`  ${[pad(String(p.id), 5), ...keys.map((k, i) => pad(String(p.params[k]), widths[i])), pad(String(p.towers), 6), pad(pct(p.pooled.detectionRate), 8), pad(`${pct(lo)}–${pct(hi)}`, 14), pad(pct(p.pooled.interruptionRate), 11)].join('  ')}`);
  }
  if (doc.recommendation) {
    lines.push(`  recommendation     ${doc.recommendation.text}`);
    for (const r of doc.recommendation.bySeries ?? []) {
      const label = Object.entries(r.series).map(([k, v]) => `${k.split('.').pop()}=${String(v)}`).join(', ');
      lines.push(`    ${label}: ${r.met ? `${r.spacingM} m, ${r.towers} towers (lower bound ${pct(r.detectionRateCI95![0])})` : 'no spacing meets the target'}`);
    }
  }
  lines.push(`  results            ${outDir}/sweep.csv, sweep.json${doc.plots.length ? ', ' + doc.plots.join(', ') : ''}`);
  return lines.join('\n') + '\n';
}

export function registerSweep(program: Command): Command {
  const cmd = program
    .command('sweep')
    .description('run every point of the config\'s sweep: grid with common random numbers; table, plots and a recommendation')
    .option('--attempts <n>', 'attempts per point and repetition (default: the config\'s run.attempts)', wholeNumberOption(1, 100_000_000))
    .option('--workers <w>', `worker threads (default: all cores, here ${defaultWorkers()})`, wholeNumberOption(1, 256))
    .option('--shard <K/N>', 'run only the K-th of N slices of the grid\'s points (merge with `watchline merge`)', parseShard)
    .option('--out <dir>', 'output folder (default: out/sweep-<date>-<time>); the same --out resumes an interrupted sweep')
    .option('--force', 'replace an existing output folder (and discard an unfinished sweep with other inputs)')
    .option('--json', 'print sweep.json on stdout instead of the readable table');
  addScenarioOptions(cmd);
  return cmd
    .addHelpText(
      'after',
      '\nThe config\'s sweep: block names dotted fields (as --set does) with a list of values or { first, step, last };\n' +
        'sweepOptions: { repetitions, targetRate } sets repetitions (other seeds) and the recommendation\'s target (default 0.95).\n' +
        '\nExamples:\n  watchline sweep --config sim-configs/sweep-spacing.yaml --out out/sweep\n' +
        '  watchline sweep --config sim-configs/sweep-spacing.yaml --shard 2/4 --out out/sweep-2   # then: watchline merge out/sweep-* --out out/sweep',
    )
    .action(async (flags: SweepFlags) => {
      // Imported when the command runs, so `--help` starts without the simulation.
      const [{ partialDirOf, runSweep }, { createProgress }, { interruptible }] = await Promise.all([import('../../batch/sweepRun.ts'), import('../progress.ts'), import('../interrupt.ts')]);
      const extra: string[] = [];
      if (flags.attempts !== undefined) extra.push(`run.attempts=${flags.attempts}`);
      const scenario = await scenarioFromFlags(flags, extra);
      const outDir = flags.out ?? defaultOutDir('sweep');
      const workers = flags.workers ?? defaultWorkers();
      const progress = createProgress('sweep', false);
      const result = await interruptible(async (signal) => {
        try {
          return await runSweep({ scenario, sets: [...(flags.set ?? []), ...extra], outDir, force: flags.force ?? false, workers, shard: flags.shard, signal, onProgress: (d, t) => progress.update(d, t) });
        } catch (e) {
          if (signal.aborted) process.stderr.write(`\nsweep: finished points are kept in ${partialDirOf(outDir)}; run the same command again to continue.`);
          throw e;
        }
      }).finally(() => progress.stop());
      if (flags.json) process.stdout.write(JSON.stringify(result.doc, null, 2) + '\n');
      else process.stdout.write(formatSweep(result.doc, outDir));
      process.stderr.write(`sweep: ${result.computed} point-repetition(s) run, ${result.resumed} resumed, in ${result.wallS.toFixed(1)} s (${workers} worker${workers > 1 ? 's' : ''})\n`);
    });
}
