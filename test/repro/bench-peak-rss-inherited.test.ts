/**
 * Repro (6f9dd9c): the benchmark read a measured child's peak memory from getrusage's ru_maxrss
 * (`process.resourceUsage().maxRSS`). On Linux a child inherits that figure from its parent at fork and
 * keeps it across exec, so every child of the large benchmark process reported the parent's size
 * (a 40 MB child of a 1.2 GB parent read 1.2 GB). Fixed in bench/peakRss.mjs by reading VmHWM from
 * /proc/self/status. Here a parent touches 256 MB and starts a small child through peakRss.mjs: the
 * child must report its own peak, well below the parent's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PEAK = path.join(ROOT, 'bench/peakRss.mjs');

// The parent: touch 256 MB, then run `node --import bench/peakRss.mjs -e 0` and report both peaks.
const PARENT = `
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const big = Buffer.alloc(256 * 1024 * 1024, 1);
const child = spawnSync(process.execPath, ['--import', ${JSON.stringify(PEAK)}, '-e', '0'], { encoding: 'utf8', timeout: 60000 });
const own = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
process.stdout.write(JSON.stringify({ parentKb: own, touched: big[big.length - 1], child: child.stderr, status: child.status }));
`;

describe.runIf(process.platform === 'linux' && existsSync('/proc/self/status'))('repro: peak memory of a benchmark child', () => {
  it('is the child’s own, not its 256 MB parent’s', () => {
    const r = spawnSync(process.execPath, ['-e', PARENT], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { parentKb: number; touched: number; child: string; status: number };
    expect(out.status).toBe(0);
    expect(out.touched).toBe(1);
    const childKb = Number(/peakRssKb=(\d+)/.exec(out.child)?.[1]);
    // The parent holds at least the 256 MB it touched; a bare Node process needs well under 150 MB.
    expect(out.parentKb).toBeGreaterThan(256 * 1024);
    expect(childKb).toBeGreaterThan(10 * 1024);
    expect(childKb).toBeLessThan(150 * 1024);
  });
});
