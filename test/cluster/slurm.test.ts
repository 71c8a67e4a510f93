/**
 * docs/cluster/watchline-sweep.sbatch under a real Slurm: a single-node cluster (munged, slurmctld,
 * slurmd in a temporary state directory, test/cluster/slurmCluster.ts) runs the script, unchanged, as
 * an array of 3 shards and then as the merge job (`--dependency=afterok`), and the merged files must
 * equal the unsharded command's byte for byte: for a sweep, for a run, and for a sweep whose shard was
 * killed mid-way and requeued. Every daemon and job is stopped afterwards, pass or fail, and checked gone.
 *
 * Where Slurm is not installed the file skips with one line saying how to get it; with CI=true it runs
 * (a missing Slurm fails it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord, SlurmCluster } from './slurmCluster.ts';
import { SLURM_INSTALL_HINT, missingSlurmPrograms, scriptResources, startSlurmCluster } from './slurmCluster.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = 'docs/cluster/watchline-sweep.sbatch';
const SHARDS = 3;
const CI = process.env.CI === 'true' || process.env.CI === '1';
const missing = missingSlurmPrograms();
const enabled = CI || missing.length === 0;
if (!enabled) console.warn(`test/cluster/slurm.test.ts skipped: no Slurm here (missing ${missing.join(', ')}); to run it: ${SLURM_INSTALL_HINT}`);

/** The unsharded command, run directly: the reference the cluster's merge must equal. */
function watchline(args: string[]): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/watchline.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
}

/** A small config on the flat 10 km scene: `points` tower spacings, `attempts` per point. */
function writeConfig(dir: string, name: string, points: number, attempts: number): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    [
      `scene: ${path.join(ROOT, 'scenes/flat-10km.yaml')}`,
      'towers: { spacingM: 2000, setbackM: 50, heightM: 15 }',
      'cameras: [ { sensor: thermal, preset: short-range-320, headingDeg: 0, fovDeg: 90 } ]',
      `run: { attempts: ${attempts}, seed: 5, stepS: 1 }`,
      `sweep: { towers.spacingM: { first: 2000, step: 1000, last: ${2000 + 1000 * (points - 1)} } }`,
      '',
    ].join('\n'),
  );
  return file;
}

/** The result files of a sweep and of a run (a sweep's folder also keeps its resume bookkeeping). */
const SWEEP_FILES = ['sweep-rate.svg', 'sweep-towers.svg', 'sweep.csv', 'sweep.json'];
const RUN_FILES = ['attempts.csv', 'events.jsonl', 'summary.json'];

/** Expects `actual` to hold exactly the result files `names`, each with the bytes of the one in `expected`. */
function expectSameFiles(actual: string, expected: string, names: string[]): void {
  expect(readdirSync(actual).sort()).toEqual(names);
  for (const f of names) expect(readFileSync(path.join(actual, f), 'utf8'), f).toBe(readFileSync(path.join(expected, f), 'utf8'));
}

/** Finished point files of a sweep shard's resumable folder. */
function finishedPoints(out: string, k: number): number {
  const dir = path.join(out, `.shard-${k}.sweep-partial`, 'points');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).length : 0;
}

/**
 * Polls `done` every 25 ms (a point takes about a second, and a kill must land before the shard's
 * second point ends) for up to two minutes.
 */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 4800 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(done(), what).toBe(true);
}

/** The pid of shard k/n's watchline process (the batch script `exec`s it), once it runs. */
async function shardPid(out: string, k: number, n: number): Promise<number> {
  let pid = 0;
  await until(() => {
    const r = spawnSync('pgrep', ['-f', `shard ${k}/${n} --out ${out}/shard-${k}`], { encoding: 'utf8' });
    pid = Number(r.stdout.trim().split('\n')[0]);
    return r.status === 0 && pid > 0;
  }, `shard ${k}/${n} runs`);
  return pid;
}

/**
 * Waits until shard k/n has finished its first point and freezes it there (SIGSTOP, sent at once by
 * pid): the kill or node failure that follows goes through Slurm and takes a while, and on a fast
 * machine the shard would finish its next point meanwhile. Returns the points kept (1).
 */
async function freezeAfterFirstPoint(out: string, k: number, n: number): Promise<number> {
  const pid = await shardPid(out, k, n);
  await until(() => finishedPoints(out, k) >= 1, `shard ${k} recorded a point`);
  process.kill(pid, 'SIGSTOP');
  return finishedPoints(out, k);
}

const byId = (records: JobRecord[]) => Object.fromEntries(records.map((r) => [r.id, r]));

describe.skipIf(!enabled)('docs/cluster/watchline-sweep.sbatch on a single-node Slurm', () => {
  let cluster: SlurmCluster | undefined;
  let work = '';

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI=true but Slurm is not installed (missing ${missing.join(', ')}): ${SLURM_INSTALL_HINT}`);
    work = mkdtempSync(path.join(tmpdir(), 'watchline-slurm-work-'));
    cluster = await startSlurmCluster(scriptResources(path.join(ROOT, SCRIPT)));
  }, 120_000);

  afterAll(async () => {
    if (!cluster) return;
    const dir = cluster.dir;
    const left = await cluster.stop();
    // pgrep's view as well as the harness's: nothing names the state directory any more.
    const pgrep = spawnSync('pgrep', ['-a', '-f', dir], { encoding: 'utf8' });
    if (work) rmSync(work, { recursive: true, force: true });
    expect(left, 'processes of the test cluster still alive').toEqual([]);
    expect(pgrep.stdout.trim(), 'pgrep -f <state directory>').toBe('');
  }, 120_000);

  /** Submits the shards (extra arguments go to each shard's command) and the merge after them. */
  function submit(env: NodeJS.ProcessEnv, name: string, args: string[] = [], shards = SHARDS): { array: string; merge: string } {
    const c = cluster!;
    const logs = path.join(work, `${name}-logs`);
    mkdirSync(logs); // Slurm does not create the folder of --output
    const array = c.sbatch([`--array=1-${shards}`, `--output=${logs}/shard-%a.log`, SCRIPT, ...args], { cwd: ROOT, env });
    const merge = c.sbatch([`--dependency=afterok:${array}`, `--output=${logs}/merge.log`, SCRIPT], { cwd: ROOT, env });
    return { array, merge };
  }

  /**
   * The sweep every sweep case runs: 6 points of 1,000 attempts (2 per shard in 3 shards, 3 in 2),
   * each point about a second, ample for a poll to catch a shard between two points. Its unsharded
   * result is computed once.
   */
  let sweepRef: { cfg: string; ref: string } | undefined;
  function sweepReference(): { cfg: string; ref: string } {
    if (!sweepRef) {
      const cfg = writeConfig(work, 'sweep.yaml', 6, 1000);
      const ref = path.join(work, 'sweep-ref');
      watchline(['sweep', '--config', cfg, '--out', ref, '--workers', '2']);
      sweepRef = { cfg, ref };
    }
    return sweepRef;
  }

  function expectAllCompleted(records: JobRecord[], ids: string[]): void {
    const got = byId(records);
    for (const id of ids) expect(got[id], `job ${id}: ${JSON.stringify(records)}`).toMatchObject({ state: 'COMPLETED', exitCode: '0:0' });
  }

  it('a sweep as an array of 3 shards, then the merge: the unsharded sweep byte for byte', async () => {
    const { cfg, ref } = sweepReference();
    const out = path.join(work, 'sweep-cluster');
    const env = { WATCHLINE_CONFIG: cfg, WATCHLINE_OUT: out };
    const { array, merge } = submit(env, 'sweep');
    const records = await cluster!.waitDone([array, merge], 180_000);
    expectAllCompleted(records, [`${array}_1`, `${array}_2`, `${array}_3`, merge]);
    // Each task ran its own slice: 6 points over 3 shards is 2 each.
    for (let k = 1; k <= SHARDS; k++) {
      const log = readFileSync(path.join(work, 'sweep-logs', `shard-${k}.log`), 'utf8');
      expect(log).toMatch(new RegExp(`2 of 6 points .*\\(shard ${k}/${SHARDS}\\)`));
    }
    expectSameFiles(path.join(out, 'sweep'), ref, SWEEP_FILES);
  }, 240_000);

  it('a run as an array of 3 shards (with --events), then the merge: the unsharded run byte for byte', async () => {
    const cfg = writeConfig(work, 'run.yaml', 1, 600);
    const ref = path.join(work, 'run-ref');
    watchline(['run', '--config', cfg, '--events', '--out', ref, '--workers', '2']);

    const out = path.join(work, 'run-cluster');
    const env = { WATCHLINE_CONFIG: cfg, WATCHLINE_OUT: out, WATCHLINE_COMMAND: 'run' };
    const { array, merge } = submit(env, 'run', ['--events']);
    const records = await cluster!.waitDone([array, merge], 180_000);
    expectAllCompleted(records, [`${array}_1`, `${array}_2`, `${array}_3`, merge]);
    // Shard k of 3 holds the ids [⌊(k−1)·600/3⌋, ⌊k·600/3⌋): 200 attempts each.
    for (let k = 1; k <= SHARDS; k++) {
      const rows = readFileSync(path.join(out, `shard-${k}`, 'attempts.csv'), 'utf8').trimEnd().split('\n').slice(1);
      expect(rows.length).toBe(200);
      expect(Number(rows[0].split(',')[0])).toBe((k - 1) * 200);
    }
    expectSameFiles(path.join(out, 'run'), ref, RUN_FILES);
  }, 240_000);

  it('refuses an array that is not 1-N, and a submission from outside the repository, with exit 2 and a message', async () => {
    const c = cluster!;
    const logs = path.join(work, 'refused-logs');
    mkdirSync(logs);
    const env = { WATCHLINE_CONFIG: path.join(work, 'unused.yaml'), WATCHLINE_OUT: path.join(work, 'refused') };
    const zeroBased = c.sbatch(['--array=0-1', `--output=${logs}/zero-%a.log`, SCRIPT], { cwd: ROOT, env });
    const elsewhere = c.sbatch([`--output=${logs}/elsewhere.log`, path.join(ROOT, SCRIPT)], { cwd: work, env });
    const records = await c.waitDone([zeroBased, elsewhere], 120_000);
    expect(records.length).toBe(3);
    for (const r of records) expect(r, JSON.stringify(records)).toMatchObject({ state: 'FAILED', exitCode: '2:0' });
    expect(readFileSync(path.join(logs, 'zero-0.log'), 'utf8')).toMatch(/submit the shards as --array=1-N \(this array runs 2 task\(s\) from 0 to 1\)/);
    expect(readFileSync(path.join(logs, 'elsewhere.log'), 'utf8')).toMatch(/bin\/watchline\.js not found in .*; submit from the Watchline repository root/);
    expect(existsSync(path.join(work, 'refused'))).toBe(false);
  }, 180_000);

  it('a shard killed mid-way (scancel --batch --signal=KILL) and requeued resumes its points; the merge is unchanged', async () => {
    const c = cluster!;
    const { cfg, ref } = sweepReference();
    const out = path.join(work, 'requeue-cluster');
    const env = { WATCHLINE_CONFIG: cfg, WATCHLINE_OUT: out };
    // One worker per shard: its points then finish one after another, so the shard can be frozen
    // between its first and second point (with two workers both points may land within one poll).
    const { array, merge } = submit(env, 'requeue', ['--workers', '1']);
    const task = `${array}_2`;
    expect(await freezeAfterFirstPoint(out, 2, SHARDS)).toBe(1);
    // --batch: SIGKILL itself, to the task's batch step (the shard's process, which the script execs).
    // Without it Slurm turns --signal=KILL on a job into a cancel: SIGCONT and SIGTERM first, which
    // the shard answers by stopping cleanly (after recording a point that was about to finish).
    c.cmd('scancel', ['--batch', '--signal=KILL', task]);
    const killed = await c.waitDone([task], 60_000);
    expect(killed[0], 'ended by SIGKILL').toMatchObject({ state: 'FAILED', exitCode: '0:9' });
    // Killed mid-way: its first point kept, the second not, the shard's folder never published.
    const kept = finishedPoints(out, 2);
    expect(kept).toBe(1);
    expect(existsSync(path.join(out, 'shard-2'))).toBe(false);

    // Requeued, it starts again after the cluster's credential lifetime (cred_expire, 10 s here).
    c.cmd('scontrol', ['requeue', task]);
    // The kill made the merge's dependency fail; re-arm it by task, as the script's header says.
    c.cmd('scontrol', ['update', `JobId=${merge}`, `Dependency=afterok:${array}_1:${array}_2:${array}_3`]);
    const records = await c.waitDone([array, merge], 180_000);
    expectAllCompleted(records, [`${array}_1`, task, `${array}_3`, merge]);
    expect(byId(records)[task].restarts).toBe(1);
    const log = readFileSync(path.join(work, 'requeue-logs', 'shard-2.log'), 'utf8');
    expect(log).toMatch(/1 point-repetition\(s\) run, 1 resumed/);
    expectSameFiles(path.join(out, 'sweep'), ref, SWEEP_FILES);
  }, 300_000);

  it('a shard whose node fails is requeued by Slurm itself (--requeue) and resumes; the merge just waits', async () => {
    const c = cluster!;
    const { cfg, ref } = sweepReference();
    const out = path.join(work, 'nodefail-cluster');
    // 2 shards of 3 points this time.
    // One worker, so the first point is recorded well before the second (see the requeue case).
    const { array, merge } = submit({ WATCHLINE_CONFIG: cfg, WATCHLINE_OUT: out }, 'nodefail', ['--workers', '1'], 2);
    const task = `${array}_2`;
    expect(await freezeAfterFirstPoint(out, 2, 2)).toBe(1);
    // The node "fails": Slurm ends what runs on it and requeues it. Its slurmd is alive and
    // registers again (ReturnToService=2), so the node comes back by itself.
    c.cmd('scontrol', ['update', `NodeName=${c.node}`, 'State=DOWN', 'Reason=watchline-test']);
    await until(() => c.jobs(task)[0]?.restarts === 1 && c.jobs(task)[0]?.state === 'PENDING', 'shard 2 requeued');
    await until(() => spawnSync('pgrep', ['-f', `shard 2/2 --out ${out}/shard-2`]).status === 1, "shard 2's first attempt ended");
    // Slurm ends a failed node's jobs with SIGCONT and SIGTERM: the shard may record the point it was
    // about to finish before it stops, never all three.
    const kept = finishedPoints(out, 2);
    expect([1, 2]).toContain(kept);
    expect(existsSync(path.join(out, 'shard-2'))).toBe(false);
    expect(c.jobs(merge)[0]).toMatchObject({ state: 'PENDING', reason: 'Dependency' });
    const records = await c.waitDone([array, merge], 180_000);
    expectAllCompleted(records, [`${array}_1`, task, merge]);
    expect(byId(records)[task].restarts).toBe(1);
    expect(readFileSync(path.join(work, 'nodefail-logs', 'shard-2.log'), 'utf8')).toContain(`${3 - kept} point-repetition(s) run, ${kept} resumed`);
    expectSameFiles(path.join(out, 'sweep'), ref, SWEEP_FILES);
  }, 300_000);
});
