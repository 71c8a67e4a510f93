/**
 * A real single-node Slurm cluster for the cluster tests: Debian's munged, slurmctld and slurmd,
 * started in a temporary state directory with a generated slurm.conf that names this host, its own
 * munge key and socket, and its own ports, so it never meets a Slurm the machine may already run.
 *
 * Every process that belongs to it is found by pid and stopped by {@link SlurmCluster.stop}: the three
 * daemons (each the leader of its own process group), slurmctld's helper, the slurmstepd of each job
 * (which starts its own session, so a group kill misses it) and the jobs' processes. They are told
 * apart from anything else on the machine by the state directory: in their command line, as their
 * working directory, or in the `WATCHLINE_SLURM_STATE` variable of their environment.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/** The programs the cluster needs (Debian packages `slurm-wlm` and `munge`). */
export const SLURM_PROGRAMS = ['munged', 'munge', 'slurmctld', 'slurmd', 'sbatch', 'scontrol', 'squeue', 'scancel', 'sinfo'] as const;

/** How to get them, for the skip line and the CI failure. */
export const SLURM_INSTALL_HINT = 'apt-get install slurm-wlm munge (Debian/Ubuntu); .ci/run installs them';

/** The variable that marks the environment of every process the cluster starts. */
const MARK = 'WATCHLINE_SLURM_STATE';

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE']);

/** Absolute path of a program on PATH or in the sbin folders (where Debian puts the daemons), or null. */
export function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  for (const d of dirs) {
    const p = path.join(d, name);
    if (d && existsSync(p)) return p;
  }
  return null;
}

/** The programs of {@link SLURM_PROGRAMS} that are not installed. */
export function missingSlurmPrograms(): string[] {
  return SLURM_PROGRAMS.filter((p) => findProgram(p) === null);
}

/** One array task or job as `scontrol show job` reports it. */
export interface JobRecord {
  /** `123` for a job, `122_2` for task 2 of array 122. */
  id: string;
  state: string;
  reason: string;
  exitCode: string;
  restarts: number;
}

/** What a batch script needs to be scheduled here: its `#SBATCH --cpus-per-task` and `--mem` (MB). */
export interface ScriptResources {
  cpusPerTask: number;
  memMb: number;
}

/** Reads `--cpus-per-task` and `--mem` from a batch script's `#SBATCH` lines (Slurm's defaults otherwise). */
export function scriptResources(script: string): ScriptResources {
  const text = readFileSync(script, 'utf8');
  const cpus = /^#SBATCH\s+--cpus-per-task[= ](\d+)/m.exec(text);
  const mem = /^#SBATCH\s+--mem[= ](\d+)([KMGT]?)/im.exec(text);
  const perMb: Record<string, number> = { K: 1 / 1024, M: 1, '': 1, G: 1024, T: 1024 * 1024 };
  return {
    cpusPerTask: cpus ? Number(cpus[1]) : 1,
    memMb: mem ? Math.ceil(Number(mem[1]) * perMb[mem[2].toUpperCase()]) : 1,
  };
}

export interface SlurmCluster {
  /** The temporary state directory (config, key, spool, logs). */
  dir: string;
  /** The node's name in slurm.conf (this host's short name). */
  node: string;
  /** Environment for Slurm commands and submissions: SLURM_CONF and the process mark. */
  env: NodeJS.ProcessEnv;
  /** Runs a Slurm client command; throws with its stderr unless it exits 0. Returns stdout. */
  cmd(program: string, args: string[], opts?: { cwd?: string; env?: NodeJS.ProcessEnv }): string;
  /** `sbatch --parsable …`; returns the job id. */
  sbatch(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): string;
  /** The records of a job, or of every task of an array given by its id. */
  jobs(id: string): JobRecord[];
  /** Polls until every record of each id is in a terminal state; fails early on a dependency that can never be met. */
  waitDone(ids: string[], timeoutMs: number): Promise<JobRecord[]>;
  /** Stops everything it started (jobs, then daemons, then stragglers by pid) and removes the state directory; returns what was still alive after that. */
  stop(): Promise<string[]>;
}

/** The watchdog: waits for the owner's pid to go, then kills the cluster's processes as {@link clusterProcesses} finds them. */
const WATCHDOG = `#!/bin/sh
dir=$1; owner=$2
while kill -0 "$owner" 2>/dev/null; do sleep 1; done
for pass in 1 2 3; do
  for p in /proc/[0-9]*; do
    pid=\${p#/proc/}
    [ "$pid" = "$$" ] && continue
    cwd=$(readlink "$p/cwd" 2>/dev/null)
    case "$cwd" in "$dir" | "$dir"/*) kill -9 "$pid" 2>/dev/null; continue ;; esac
    if tr '\\0' '\\n' <"$p/cmdline" 2>/dev/null | grep -qF "$dir" ||
      tr '\\0' '\\n' <"$p/environ" 2>/dev/null | grep -qxF "${MARK}=$dir"; then
      kill -9 "$pid" 2>/dev/null
    fi
  done
  sleep 1
done
rm -rf "$dir"
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The last lines of a log, for error messages. */
function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return `(${path.basename(file)}: none)`;
  return `${path.basename(file)}:\n` + readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Processes of this cluster still alive: the state directory in their command line or as their working
 * directory, or the cluster's mark in their environment (Linux /proc; Slurm runs nowhere else).
 */
export function clusterProcesses(dir: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')) continue; // a zombie is already dead
      let ours = cmd.includes(dir);
      if (!ours) {
        const cwd = readlinkSync(`/proc/${pid}/cwd`);
        ours = cwd === dir || cwd.startsWith(dir + '/');
      }
      if (!ours) ours = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${MARK}=${dir}`);
      if (ours) found.push({ pid, cmd: cmd || `(pid ${pid})` });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

function parseJobs(text: string): JobRecord[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('JobId='))
    .map((l) => {
      const f = (k: string) => new RegExp(`(?:^| )${k}=(\\S*)`).exec(l)?.[1] ?? '';
      const array = f('ArrayJobId');
      const task = f('ArrayTaskId');
      return {
        id: array && task ? `${array}_${task}` : f('JobId'),
        state: f('JobState'),
        reason: f('Reason'),
        exitCode: f('ExitCode'),
        restarts: Number(f('Restarts') || 0),
      };
    });
}

/**
 * Starts munged, slurmctld and slurmd and waits until the node is idle. `resources` sizes the node so
 * that the script it is for can be scheduled: CPUs = nproc (at least the script's --cpus-per-task) and
 * RealMemory = the script's --mem (slurmd is told to trust the configuration, so a smaller machine still
 * runs the script; nothing enforces the limit here).
 */
export async function startSlurmCluster(resources: ScriptResources): Promise<SlurmCluster> {
  const missing = missingSlurmPrograms();
  if (missing.length > 0) throw new Error(`Slurm is not installed here (missing: ${missing.join(', ')}): ${SLURM_INSTALL_HINT}`);
  const bin = Object.fromEntries(SLURM_PROGRAMS.map((p) => [p, findProgram(p)!])) as Record<(typeof SLURM_PROGRAMS)[number], string>;

  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-slurm-'));
  // munged wants its socket's folder and the folders above it searchable by all, and its key private.
  chmodSync(dir, 0o755);
  for (const sub of ['munge', 'state', 'spool', 'log']) mkdirSync(path.join(dir, sub), { mode: 0o755 });
  mkdirSync(path.join(dir, 'key'), { mode: 0o700 });
  const key = path.join(dir, 'key', 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o600 });
  const socket = path.join(dir, 'munge', 'munge.socket');

  const node = hostname().split('.')[0] || 'localhost';
  const user = userInfo().username;
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = path.join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=watchline-test',
      `SlurmctldHost=${node}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      `SlurmUser=${user}`,
      `SlurmdUser=${user}`,
      'AuthType=auth/munge',
      'CredType=cred/munge',
      // cred_expire is also how long a requeued job waits before it may start again (default 120 s):
      // long enough for slurmd to forget the job's earlier run (a job started sooner is refused as a
      // duplicate and drains the node), short enough for a test.
      `AuthInfo=socket=${socket},cred_expire=10`,
      `StateSaveLocation=${dir}/state`,
      `SlurmdSpoolDir=${dir}/spool`,
      `SlurmctldPidFile=${dir}/slurmctld.pid`,
      `SlurmdPidFile=${dir}/slurmd.pid`,
      `SlurmctldLogFile=${dir}/log/slurmctld.log`,
      `SlurmdLogFile=${dir}/log/slurmd.log`,
      // No cgroups: containers and CI runners rarely let a test own one. Jobs are tracked by process group.
      'ProctrackType=proctrack/pgid',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'MpiDefault=none',
      'MailProg=/bin/true',
      'SchedulerType=sched/backfill',
      // Look at pending jobs every second (default 60 s), so a released dependency starts at once.
      'SchedulerParameters=sched_interval=1,bf_interval=1',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU_Memory',
      'ReturnToService=2',
      'SlurmdParameters=config_overrides',
      'KillWait=5',
      'InactiveLimit=0',
      `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${Math.max(availableParallelism(), resources.cpusPerTask)} RealMemory=${resources.memMb} State=UNKNOWN`,
      `PartitionName=watchline Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );

  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: conf, [MARK]: dir };
  // If this process dies without calling stop() (a test run killed from outside), the watchdog does the
  // same by pid: SIGKILL to every process of the cluster, then the state directory goes.
  const watchdogScript = path.join(dir, 'watchdog.sh');
  writeFileSync(watchdogScript, WATCHDOG, { mode: 0o755 });
  const watchdog = spawn('/bin/sh', [watchdogScript, dir, String(process.pid)], { cwd: '/', detached: true, stdio: 'ignore' });
  watchdog.unref();
  const daemons: ChildProcess[] = [];
  const daemon = (name: string, program: string, args: string[]) => {
    const out = openSync(path.join(dir, 'log', `${name}.out`), 'a');
    // Its own process group, so stop() can signal the daemon and the helpers it forks at once.
    const child = spawn(program, args, { cwd: dir, env, detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    child.on('error', () => {});
    daemons.push(child);
    return child;
  };
  const cmd = (program: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => {
    const r = spawnSync(findProgram(program) ?? program, args, { cwd: opts.cwd ?? dir, env: { ...env, ...opts.env }, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`);
    return r.stdout;
  };
  const tryCmd = (program: string, args: string[]) => {
    try {
      return cmd(program, args);
    } catch {
      return null;
    }
  };
  const jobs = (id: string) => parseJobs(tryCmd('scontrol', ['show', 'job', '-o', id]) ?? '');

  const stop = async (): Promise<string[]> => {
    watchdog.kill('SIGKILL');
    // Jobs first, while slurmctld can still cancel them; then the daemons by process group.
    if (daemons.some((d) => d.exitCode === null && d.signalCode === null)) {
      tryCmd('scancel', ['--user', user]);
      for (let i = 0; i < 60 && (tryCmd('squeue', ['-h', '-o', '%i']) ?? '').trim() !== ''; i++) await sleep(250);
    }
    for (const d of [...daemons].reverse()) {
      if (d.pid === undefined || d.exitCode !== null || d.signalCode !== null) continue;
      try {
        process.kill(-d.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      for (let i = 0; i < 40 && d.exitCode === null && d.signalCode === null; i++) await sleep(100);
      try {
        process.kill(-d.pid, 'SIGKILL');
      } catch {
        // Exited on SIGTERM, as it should.
      }
    }
    // Whatever escaped the groups (slurmstepd starts its own session; jobs run under it).
    for (let round = 0; round < 20; round++) {
      const left = clusterProcesses(dir);
      if (left.length === 0) break;
      for (const p of left) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      await sleep(100);
    }
    const left = clusterProcesses(dir).map((p) => `${p.pid} ${p.cmd}`);
    if (left.length === 0) rmSync(dir, { recursive: true, force: true });
    return left;
  };

  const ready = async (what: string, test: () => boolean, logs: string[]) => {
    for (let i = 0; i < 120; i++) {
      if (test()) return;
      const dead = daemons.find((d) => d.exitCode !== null || d.signalCode !== null);
      if (dead) break;
      await sleep(250);
    }
    const detail = logs.map((l) => tail(path.join(dir, 'log', l))).join('\n');
    await stop();
    throw new Error(`the test cluster did not come up: ${what}\n${detail}`);
  };

  try {
    // --force: run despite file-permission warnings about folders above the state directory (a CI
    // runner's temporary folder may be group-writable); the key itself is private either way.
    daemon('munged', bin.munged, ['--foreground', '--force', `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${dir}/munge/munged.pid`, `--log-file=${dir}/log/munged.log`, `--seed-file=${dir}/key/munge.seed`]);
    await ready('munged answers', () => spawnSync(bin.munge, ['-n', '-S', socket], { stdio: 'ignore' }).status === 0, ['munged.out', 'munged.log']);
    daemon('slurmctld', bin.slurmctld, ['-D', '-i', '-f', conf]);
    await ready('slurmctld answers', () => tryCmd('scontrol', ['ping'])?.includes('UP') === true, ['slurmctld.out', 'slurmctld.log']);
    daemon('slurmd', bin.slurmd, ['-D', '-f', conf, '-N', node]);
    await ready(`node ${node} is idle`, () => /^idle/.test((tryCmd('sinfo', ['-h', '-n', node, '-o', '%T']) ?? '').trim()), ['slurmd.out', 'slurmd.log', 'slurmctld.log']);
  } catch (e) {
    await stop();
    throw e;
  }

  const logs = () => ['slurmctld.log', 'slurmd.log'].map((l) => tail(path.join(dir, 'log', l))).join('\n');

  return {
    dir,
    node,
    env,
    cmd,
    sbatch: (args, opts) => cmd('sbatch', ['--parsable', ...args], opts).trim().split(';')[0],
    jobs,
    async waitDone(ids, timeoutMs) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const records = ids.flatMap((id) => jobs(id));
        const never = records.find((r) => r.state === 'PENDING' && r.reason === 'DependencyNeverSatisfied');
        if (never) throw new Error(`job ${never.id} can never start: a job it depends on failed\n${JSON.stringify(records)}\n${logs()}`);
        if (records.length >= ids.length && records.every((r) => TERMINAL.has(r.state))) return records;
        if (Date.now() > until) throw new Error(`jobs ${ids.join(', ')} not done after ${timeoutMs / 1000} s: ${JSON.stringify(records)}\n${logs()}`);
        await sleep(250);
      }
    },
    stop,
  };
}
