/**
 * Outputs appear complete or not at all, shown on the real writers: `runJob` and `mergeShards` stage
 * their folder beside the target and rename it into place only when every file is written. A failure
 * in the middle of writing — after attempts.csv has rows on disk — leaves no output folder, no
 * staging folder and no partial file; a forced replace keeps the old folder whole until the new one
 * is complete.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { mergeShards } from '../../src/batch/merge.ts';
import { runJob, type RunOptions } from '../../src/batch/runJob.ts';
import { removeStaleStaging, stageOutDir } from '../../src/batch/outputFolder.ts';
import { nodeWorldSource } from '../../src/batch/geoFiles.ts';
import { resolveWorldJob } from '../../src/world/build.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'watchline-outfolder-'));

async function options(outDir: string, over: Partial<RunOptions> = {}): Promise<RunOptions> {
  const scenario = loadScenario({ configPath: path.join(root, 'sim-configs/spacing-4km.yaml'), sets: ['run.attempts=1200'] });
  const { seed, stepS } = scenario.config.run;
  return { scenario, job: await resolveWorldJob(scenario, nodeWorldSource), attempts: 1200, seed, stepS, workers: 1, outDir, force: false, events: true, ...over };
}

/** Everything in `dir`, hidden entries included, recursively. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('atomic output folders (runJob, mergeShards)', () => {
  it('a run that fails after writing rows leaves nothing behind', async () => {
    const base = tmp();
    const out = path.join(base, 'run');
    let sawRowsOnDisk = false;
    const o = await options(out, {
      onProgress: (done) => {
        // The first chunk went to the staged attempts.csv (beside the target, not in it). Fail now.
        const staged = readdirSync(base).filter((e) => e.includes('.partial-'));
        expect(staged).toHaveLength(1);
        sawRowsOnDisk = existsSync(path.join(base, staged[0], 'attempts.csv'));
        if (done > 0) throw new Error('disk full (simulated)');
      },
    });
    await expect(runJob(o)).rejects.toThrow('disk full (simulated)');
    expect(sawRowsOnDisk).toBe(true);
    expect(tree(base)).toEqual([]);
  });

  it('a forced run that fails keeps the old folder exactly as it was', async () => {
    const base = tmp();
    const out = path.join(base, 'run');
    mkdirSync(out);
    writeFileSync(path.join(out, 'summary.json'), 'old');
    const o = await options(out, { force: true, onProgress: () => { throw new Error('stop'); } });
    await expect(runJob(o)).rejects.toThrow('stop');
    expect(tree(base)).toEqual(['run', path.join('run', 'summary.json')]);
    expect(readFileSync(path.join(out, 'summary.json'), 'utf8')).toBe('old');
  });

  it('a run that completes publishes every file at once, and nothing else', async () => {
    const base = tmp();
    const out = path.join(base, 'run');
    await runJob(await options(out));
    expect(tree(base)).toEqual(['run', ...['attempts.csv', 'events.jsonl', 'summary.json'].map((f) => path.join('run', f))]);
    expect(readFileSync(path.join(out, 'attempts.csv'), 'utf8').trim().split('\n')).toHaveLength(1201);
  });

  it('a merge that meets a torn shard half-way leaves no output folder', async () => {
    const base = tmp();
    const dirs = [1, 2].map((k) => path.join(base, `s${k}`));
    for (const [i, d] of dirs.entries()) await runJob(await options(d, { shard: { k: i + 1, n: 2 } }));
    // Shard 2's attempts.csv loses its last half row: shard 1 is already copied when merge reads it.
    const csv = path.join(dirs[1], 'attempts.csv');
    const text = readFileSync(csv, 'utf8');
    writeFileSync(csv, text.slice(0, text.length - 20));
    const before = tree(base);
    await expect(mergeShards(dirs, path.join(base, 'merged'), false)).rejects.toThrow();
    expect(tree(base)).toEqual(before);
  });

  it('stageOutDir: abort removes the staging folder; a stale one of a dead process is swept', () => {
    const base = tmp();
    const out = path.join(base, 'x');
    const s = stageOutDir(out, false);
    writeFileSync(path.join(s.dir, 'half.csv'), '1,2');
    s.abort();
    s.abort();
    expect(readdirSync(base)).toEqual([]);
    // A staging folder whose process (pid 2^22 + 1, above Linux's pid_max default) is gone.
    mkdirSync(path.join(base, `.x.partial-${2 ** 22 + 1}-5`));
    mkdirSync(path.join(base, `.y.partial-${2 ** 22 + 1}-5`));
    expect(removeStaleStaging(out)).toEqual([path.join(base, `.x.partial-${2 ** 22 + 1}-5`)]);
    expect(readdirSync(base)).toEqual([`.y.partial-${2 ** 22 + 1}-5`]);
  });
});
