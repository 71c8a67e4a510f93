/**
 * A measured child process: `node [--import …] --import bench/peakRss.mjs SCRIPT ARGS…` from the
 * repository's root. bench/peakRss.mjs prints the child's peak resident set size on stderr as it
 * exits (main thread and worker threads together), free of everything the benchmark process holds.
 * The memory, campaign and measured-run sections all start their children here.
 *
 * (Not in bench/measureChild.ts: that file is a child's entry script, which importing would run.)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface ChildRun {
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, seconds. */
  wallS: number;
  /** Peak resident set size, kB (bench/peakRss.mjs). */
  peakRssKb: number;
}

/**
 * Runs `script` (a path from the repository's root) with `args` and returns its output, wall time
 * and peak RSS; rejects when it cannot start or exits with anything but 0 (with its stderr's tail).
 * `imports` are loaded before the peak-RSS hook (e.g. 'tsx' for a TypeScript script); `onStderr`
 * sees the child's stderr as it comes (progress lines).
 */
export async function runChild(script: string, args: string[], o: { imports?: string[]; onStderr?: (chunk: string) => void } = {}): Promise<ChildRun> {
  const argv = [...(o.imports ?? []).flatMap((m) => ['--import', m]), '--import', path.join(root, 'bench/peakRss.mjs'), path.join(root, script), ...args];
  const t0 = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const p = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      o.onStderr?.(d);
    });
    p.on('error', reject);
    p.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  const wallS = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`${script} exited ${code}: ${stderr.slice(-2000)}`);
  return { stdout, stderr, wallS, peakRssKb: Number(/peakRssKb=(\d+)/.exec(stderr)?.[1]) };
}
