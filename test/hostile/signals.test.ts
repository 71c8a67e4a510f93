/**
 * The hostile corpus's cases that need a real process (issue 15, class 1 and our own): a busy run or
 * sweep must answer SIGINT / SIGTERM (exit 130 / 143, nothing left behind) before a deadline; inputs
 * that used to hang (a 1 ns pan, a FIFO as a data file) must end on their own; two runs into one
 * --out at once leave one complete result and a refusal. Cases as data; each has a deadline, and a
 * process still alive at it is killed and reported as a hang.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG, SCENE, SWEEP } from './harness.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repo, 'bin/watchline.js');
const root = mkdtempSync(path.join(tmpdir(), 'watchline-hostile-signals-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  hung: boolean;
}

/**
 * Starts `watchline ARGS`; once its stderr shows `ready` (or at once when none), sends `signal`;
 * resolves when it ends, or kills it at `deadlineMs` after the signal (or the start) and says so.
 */
async function watch(args: string[], o: { ready?: RegExp; delayMs?: number; signal?: NodeJS.Signals; deadlineMs: number }): Promise<Ended> {
  const p = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, WATCHLINE_DEBUG: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  p.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.on('close', (code, signal) => r({ code, signal })));
  let ended = false;
  void exit.then(() => (ended = true));
  if (o.signal) {
    // Wait until it is working (60 s at most: the machine is shared), then signal.
    for (let waited = 0; !ended && !(o.ready?.test(stderr) ?? true) && waited < 60_000; waited += 25) await sleep(25);
    if (o.delayMs) await sleep(o.delayMs);
    if (!ended) p.kill(o.signal);
  }
  const timer = sleep(o.deadlineMs).then(() => 'late' as const);
  const first = await Promise.race([exit, timer]);
  if (first === 'late') {
    p.kill('SIGKILL');
    const e = await exit;
    return { ...e, stderr, hung: true };
  }
  return { ...first, stderr, hung: false };
}

function caseDir(name: string, files: Record<string, string | 'fifo'> = {}): string {
  const d = mkdtempSync(path.join(root, `${name}-`));
  for (const [f, text] of Object.entries(files)) {
    if (text === 'fifo') execFileSync('mkfifo', [path.join(d, f)]);
    else writeFileSync(path.join(d, f), text);
  }
  return d;
}

const leftovers = (d: string) => readdirSync(d).filter((f) => f === 'out' || (f.startsWith('.out.') && f !== '.out.sweep-partial'));

interface SignalCase {
  name: string;
  args: (d: string) => string[];
  files?: Record<string, string | 'fifo'>;
  ready?: RegExp;
  /** ms to wait (after `ready`) before the signal. */
  delayMs?: number;
  signal?: NodeJS.Signals;
  /** ms after the signal (or the start) by which the process must have ended. */
  deadlineMs: number;
  code: number | null;
  words?: string[];
  /** Nothing at out/ and no staging folder afterwards (a sweep keeps its resume folder). */
  nothing?: boolean;
}

const BUSY = ['run', '--attempts', '100000000'];
const CASES: SignalCase[] = [
  { name: 'busy run, 2 workers, SIGTERM', args: (d) => [...BUSY, '--workers', '2', '--out', `${d}/out`], ready: /run: /, signal: 'SIGTERM', deadlineMs: 5000, code: 143, words: ['interrupted (SIGTERM)'], nothing: true },
  { name: 'busy run, 2 workers, SIGINT', args: (d) => [...BUSY, '--workers', '2', '--out', `${d}/out`], ready: /run: /, signal: 'SIGINT', deadlineMs: 5000, code: 130, words: ['interrupted (SIGINT)'], nothing: true },
  { name: 'busy run, 1 worker, SIGTERM', args: (d) => [...BUSY, '--workers', '1', '--out', `${d}/out`], ready: /run: /, signal: 'SIGTERM', deadlineMs: 5000, code: 143, nothing: true },
  { name: 'busy run of one chunk with 2 workers (a 1 ns pan, 1 ms steps), SIGTERM', args: (d) => ['run', '--attempts', '500', '--workers', '2', '--set', 'cameras.0.scan.periodS=1e-9', '--set', 'run.stepS=0.001', '--out', `${d}/out`], delayMs: 2500, signal: 'SIGTERM', deadlineMs: 5000, code: 143, nothing: true },
  { name: 'busy sweep, SIGINT', files: { 'scene.yaml': SCENE, 'config.yaml': SWEEP.replace('attempts: 40', 'attempts: 10000000') }, args: (d) => ['sweep', '--config', `${d}/config.yaml`, '--workers', '2', '--out', `${d}/out`], ready: /sweep: /, signal: 'SIGINT', deadlineMs: 5000, code: 130, nothing: true },
  { name: 'a 1 ns pan: 20 attempts, 2 workers, end on their own', args: (d) => ['run', '--attempts', '20', '--workers', '2', '--set', 'cameras.0.scan.periodS=1e-9', '--out', `${d}/out`], deadlineMs: 60_000, code: 0 },
  { name: 'a FIFO as the GeoJSON line: refused, no hang', files: { 'scene.yaml': SCENE.replace('type: straight, lengthKm: 4', 'type: geojson, file: line.geojson'), 'config.yaml': CONFIG, 'line.geojson': 'fifo' }, args: (d) => ['run', '--config', `${d}/config.yaml`, '--out', `${d}/out`], deadlineMs: 30_000, code: 2, words: ['FIFO'], nothing: true },
  { name: 'a FIFO as --config: refused, no hang', files: { 'config.yaml': 'fifo' }, args: (d) => ['validate', `${d}/config.yaml`], deadlineMs: 30_000, code: 2, words: ['FIFO'], nothing: true },
  { name: 'validate /dev/zero: refused, no abort', args: () => ['validate', '/dev/zero'], deadlineMs: 30_000, code: 2, words: ['device'] },
];

describe('hostile corpus: processes, signals and deadlines', () => {
  for (const c of CASES) {
    it(c.name, { timeout: 120_000 }, async () => {
      const d = caseDir(c.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 30), c.files);
      const r = await watch(c.args(d), { ready: c.ready, delayMs: c.delayMs, signal: c.signal, deadlineMs: c.deadlineMs });
      expect(r.hung, `${c.name}: still running ${c.deadlineMs} ms ${c.signal ? `after ${c.signal}` : 'after the start'}\n${r.stderr.slice(-800)}`).toBe(false);
      expect(r.code, r.stderr.slice(-800)).toBe(c.code);
      expect(r.stderr).not.toMatch(/internal error/);
      for (const w of c.words ?? []) expect(r.stderr).toContain(w);
      if (c.nothing) expect(leftovers(d)).toEqual([]);
    });
  }

  it('two runs into one --out at once: one complete result, one refusal naming --out', { timeout: 120_000 }, async () => {
    const d = caseDir('concurrent', { 'scene.yaml': SCENE, 'config.yaml': CONFIG.replace('attempts: 40', 'attempts: 3000') });
    const args = ['run', '--config', `${d}/config.yaml`, '--workers', '1', '--out', `${d}/out`];
    const [a, b] = await Promise.all([watch(args, { deadlineMs: 90_000 }), watch(args, { deadlineMs: 90_000 })]);
    expect([a.hung, b.hung]).toEqual([false, false]);
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    expect((a.code === 2 ? a : b).stderr).toContain('--out');
    expect(existsSync(path.join(d, 'out/summary.json')) && existsSync(path.join(d, 'out/attempts.csv'))).toBe(true);
    expect(readdirSync(d).filter((f) => f.startsWith('.out.'))).toEqual([]);
  });
});
