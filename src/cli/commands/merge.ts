/** `watchline merge DIR... --out DIR`: shard folders → the exact result of the unsharded run. */
import type { Command } from 'commander';
import { formatSweep } from './sweep.ts';

export function registerMerge(program: Command): Command {
  return program
    .command('merge')
    .description('merge the output folders of `run --shard K/N` (or `sweep --shard K/N`) into the exact result of the unsharded run (or sweep)')
    .argument('<dirs...>', 'shard output folders, all N of them, in any order')
    .requiredOption('--out <dir>', 'folder for the merged result')
    .option('--force', 'replace an existing output folder')
    .option('--json', 'print the merged summary.json on stdout')
    .addHelpText('after', '\nExample:\n  for k in 1 2 3; do watchline run --shard $k/3 --out out/s$k; done\n  watchline merge out/s1 out/s2 out/s3 --out out/all')
    .action(async (dirs: string[], flags: { out: string; force?: boolean; json?: boolean }) => {
      // Imported when the command runs, so `--help` starts without them.
      const [{ mergeShards, mergeSweepShards }, { formatRunSummary }, { isSweepFolder }] = await Promise.all([
        import('../../batch/merge.ts'),
        import('../report.ts'),
        import('../../batch/sweepRun.ts'),
      ]);
      const { checkOutDir } = await import('../../batch/outputFolder.ts');
      checkOutDir(flags.out, flags.force ?? false);
      if (dirs.length > 0 && dirs.every(isSweepFolder)) {
        const doc = await mergeSweepShards(dirs, flags.out, flags.force ?? false);
        process.stdout.write(flags.json ? JSON.stringify(doc, null, 2) + '\n' : formatSweep(doc, flags.out));
        return;
      }
      const summary = await mergeShards(dirs, flags.out, flags.force ?? false);
      if (flags.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else process.stdout.write(formatRunSummary(summary, flags.out, false));
    });
}
