/**
 * The figures of docs/cluster.md: docs/cluster/watchline-sweep.sbatch on a single-node Slurm (the test
 * cluster of test/cluster/slurmCluster.ts) against the same sweep run unsharded.
 *
 *   npx tsx bench/slurm.ts [--config sim-configs/sweep-spacing.yaml] [--shards 3]
 *
 * 1. the unsharded sweep, run directly (`watchline sweep --workers 2`);
 * 2. N shards as a job array, then the merge (`--dependency=afterok`): wall time from the first
 *    submission to the merge's end, and each task's own time as Slurm records it;
 * 3. the same with shard 2 killed (`scancel --batch --signal=KILL`) after its first point, requeued: the
 *    killed attempt's time and the resumed attempt's.
 * Every merged file is compared with the unsharded one. Needs slurm-wlm and munge (not part of
 * `npm run bench`: a Slurm is rarely installed where the benchmarks run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SlurmCluster } from '../test/cluster/slurmCluster.ts';
import { scriptResources, startSlurmCluster } from '../test/cluster/slurmCluster.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCRIPT = 'docs/cluster/watchline-sweep.sbatch';
const FILES = ['sweep.csv', 'sweep.json', 'sweep-rate.svg', 'sweep-towers.svg'];
const { values } = parseArgs({ options: { config: { type: 'string', default: 'sim-configs/sweep-spacing.yaml' }, shards: { type: 'string', default: '3' } } });
const config = path.resolve(ROOT, values.config!);
const shards = Number(values.shards);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

function same(a: string, b: string): boolean {
  return FILES.every((f) => readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
}

/** A task's elapsed time as Slurm records it (`RunTime=HH:MM:SS` of `scontrol show job`), s. */
function runTimeS(c: SlurmCluster, id: string): number {
  const m = /RunTime=(?:(\d+)-)?(\d+):(\d+):(\d+)/.exec(c.cmd('scontrol', ['show', 'job', '-o', id]));
  return m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : NaN;
}

async function sharded(c: SlurmCluster, work: string, name: string, killShard2: boolean) {
  const out = path.join(work, name);
  const logs = path.join(work, `${name}-logs`);
  mkdirSync(logs);
  const env = { WATCHLINE_CONFIG: config, WATCHLINE_OUT: out };
  const t0 = performance.now();
  const array = c.sbatch([`--array=1-${shards}`, `--output=${logs}/shard-%a.log`, SCRIPT], { cwd: ROOT, env });
  const merge = c.sbatch([`--dependency=afterok:${array}`, `--output=${logs}/merge.log`, SCRIPT], { cwd: ROOT, env });
  let killedS: number | undefined;
  if (killShard2) {
    const points = path.join(out, '.shard-2.sweep-partial', 'points');
    const done = () => (existsSync(points) ? readdirSync(points).filter((f) => f.endsWith('.json') && !f.startsWith('.')).length : 0);
    while (done() < 1) await sleep(100);
    c.cmd('scancel', ['--batch', '--signal=KILL', `${array}_2`]); // SIGKILL itself, as in the test
    await c.waitDone([`${array}_2`], 60_000);
    killedS = runTimeS(c, `${array}_2`);
    c.cmd('scontrol', ['requeue', `${array}_2`]);
    const deps = Array.from({ length: shards }, (_, i) => `${array}_${i + 1}`).join(':');
    c.cmd('scontrol', ['update', `JobId=${merge}`, `Dependency=afterok:${deps}`]);
  }
  const records = await c.waitDone([array, merge], 3_600_000);
  const wallS = seconds(performance.now() - t0);
  const bad = records.filter((r) => r.state !== 'COMPLETED');
  if (bad.length > 0) throw new Error(`${name}: ${JSON.stringify(bad)}`);
  const tasksS = Array.from({ length: shards }, (_, i) => runTimeS(c, `${array}_${i + 1}`));
  const resumedLine = killShard2 ? (/\d+ point-repetition\(s\) run, \d+ resumed/.exec(readFileSync(path.join(logs, 'shard-2.log'), 'utf8'))?.[0] ?? '') : undefined;
  return { wallS, tasksS, mergeS: runTimeS(c, merge), killedS, resumedLine, out: path.join(out, 'sweep') };
}

const work = mkdtempSync(path.join(tmpdir(), 'watchline-bench-slurm-'));
const cluster = await startSlurmCluster(scriptResources(path.join(ROOT, SCRIPT)));
try {
  const ref = path.join(work, 'ref');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/watchline.js'), 'sweep', '--config', config, '--out', ref, '--workers', '2'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const unshardedS = seconds(performance.now() - t0);
  const plain = await sharded(cluster, work, 'sharded', false);
  const requeued = await sharded(cluster, work, 'requeued', true);
  console.log(
    JSON.stringify(
      {
        config: path.relative(ROOT, config),
        shards,
        unshardedS,
        sharded: { ...plain, out: undefined, identical: same(plain.out, ref) },
        requeued: { ...requeued, out: undefined, identical: same(requeued.out, ref) },
        loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
      },
      null,
      2,
    ),
  );
} finally {
  const left = await cluster.stop();
  rmSync(work, { recursive: true, force: true });
  if (left.length > 0) console.error('left running:', left);
}
