/**
 * `watchline run`: Monte Carlo run of one deployment (CONTRACT.md). With no flags, the built-in
 * default scenario. Results go to files (and, with --json, to stdout); progress to stderr.
 * The simulation is imported when the command runs, so `--help` starts without it.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { defaultWorkers } from '../../batch/workerCount.ts';
import type { Shard } from '../../batch/runJob.ts';
import type { RunSummary } from '../../batch/summary.ts';
import { addScenarioOptions, scenarioFromFlags, wholeNumberOption, type ScenarioFlags } from '../options.ts';

interface RunFlags extends ScenarioFlags {
  attempts?: number;
  seed?: number;
  workers?: number;
  shard?: Shard;
  out?: string;
  force?: boolean;
  events?: boolean;
  json?: boolean;
}

export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1) || !(k >= 1) || k > n) throw new InvalidArgumentError('expected K/N with 1 ≤ K ≤ N, e.g. 2/4.');
  return { k, n };
}

/** A default output folder named by the local time, so repeated runs never collide. */
export function defaultOutDir(kind: string): string {
  const d = new Date();
  const p = (x: number) => String(x).padStart(2, '0');
  return `out/${kind}-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export function registerRun(program: Command): Command {
  const cmd = program
    .command('run')
    .description('Monte Carlo run of one deployment: detection rate, by threat, by segment, time to detect')
    .option('--attempts <n>', 'number of attempts (default: the config\'s run.attempts)', wholeNumberOption(1, 100_000_000))
    .option('--seed <s>', 'random seed (default: the config\'s run.seed)', wholeNumberOption(0, 2 ** 32 - 1))
    .option('--workers <w>', `worker threads (default: all cores, here ${defaultWorkers()})`, wholeNumberOption(1, 256))
    .option('--shard <K/N>', 'run only the K-th of N deterministic slices of the attempts (merge with `watchline merge`)', parseShard)
    .option('--out <dir>', 'output folder (default: out/run-<date>-<time>)')
    .option('--force', 'replace an existing output folder')
    .option('--events', 'also write events.jsonl, one detection event per line')
    .option('--json', 'print summary.json on stdout instead of the readable summary');
  addScenarioOptions(cmd);
  return cmd
    .addHelpText(
      'after',
      '\nExamples:\n  watchline run\n  watchline run --config sim-configs/spacing-4km.yaml --attempts 20000 --events\n  watchline run --set towers.spacingM=1500 --set scene.environment.visibility=haze --json\n  watchline run --shard 2/4 --out out/shard-2   # then: watchline merge out/shard-* --out out/all',
    )
    .action(async (flags: RunFlags) => {
      const [{ runJob }, { resolveWorldJob }, { nodeWorldSource }, { createProgress }, { interruptible }, { formatRunSummary }] = await Promise.all([
        import('../../batch/runJob.ts'),
        import('../../world/build.ts'),
        import('../../batch/geoFiles.ts'),
        import('../progress.ts'),
        import('../interrupt.ts'),
        import('../report.ts'),
      ]);
      const { inputFingerprint, recordingSource } = await import('../../batch/inputs.ts');
      const extra: string[] = [];
      if (flags.attempts !== undefined) extra.push(`run.attempts=${flags.attempts}`);
      if (flags.seed !== undefined) extra.push(`run.seed=${flags.seed}`);
      const scenario = await scenarioFromFlags(flags, extra);
      const outDir = flags.out ?? defaultOutDir('run');
      // The output location is checked before any work (exit 2 naming --out), not after the run.
      const { checkOutDir } = await import('../../batch/outputFolder.ts');
      checkOutDir(outDir, flags.force ?? false);
      const workers = flags.workers ?? defaultWorkers();
      const { attempts, seed, stepS } = scenario.config.run;
      const progress = createProgress('run', false);
      // The signal handlers cover building the world too: Ctrl-C there also exits 130 with a message.
      const result = await interruptible(async (signal) => {
        // The data files are hashed as they are read: a shard's fingerprint covers what it ran on.
        const recording = recordingSource(nodeWorldSource);
        const job = await resolveWorldJob(scenario, recording.source);
        signal.throwIfAborted();
        const inputs = inputFingerprint({ scenario, sets: [...(flags.set ?? []), ...extra], dataFiles: recording.dataFiles(), attempts, seed, stepS, events: flags.events ?? false });
        return runJob({
          inputs,
          scenario,
          job,
          attempts,
          seed,
          stepS,
          workers,
          shard: flags.shard,
          outDir,
          force: flags.force ?? false,
          events: flags.events ?? false,
          onProgress: (d, t) => progress.update(d, t),
          signal,
        });
      }).finally(() => progress.stop());
      const s: RunSummary = result.summary;
      if (flags.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
      else process.stdout.write(formatRunSummary(s, outDir, flags.events ?? false));
      const rate = s.attempts / result.wallS;
      process.stderr.write(`run: ${s.attempts} attempts in ${result.wallS.toFixed(1)} s (${Math.round(rate)} attempts/s, ${workers} worker${workers > 1 ? 's' : ''})\n`);
    });
}
