/**
 * The package as users get it: `npm pack` (which builds it through `prepare`), `npm install` of the
 * tarball into an empty folder (dependencies from the registry), then the installed `watchline` run
 * through npx from there — `run`, `validate` on a copied scene, and `view` opened in headless
 * Chromium until its HUD shows detections. Nothing of the repository is on the way: no sources, no
 * tsx, no devDependencies. Every process started here is killed with its process group, even on
 * failure. In CI the browser step never skips (a missing Chromium fails it); locally it skips, with
 * one line saying so, only when Chromium is absent.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, CHROMIUM, chromiumAvailable, freePort, launchChromium, openViewer, ROOT, watchErrors } from '../e2e/harness.ts';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };
const work = mkdtempSync(path.join(tmpdir(), 'watchline-pack-'));
const app = path.join(work, 'app');

/**
 * The environment of a user's shell: without the variables npm sets for the script running vitest
 * (npm_config_*, npm_package_*), which would point npm at this repository, and without this
 * repository's node_modules/.bin on PATH.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  env.PATH = (process.env.PATH ?? '').split(path.delimiter).filter((p) => !p.startsWith(ROOT)).join(path.delimiter);
  env.WATCHLINE_DEBUG = '';
  return env;
}

function sh(cmd: string, args: string[], cwd: string, timeoutMs = 300_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: userEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20, killSignal: 'SIGKILL' });
}

/**
 * `npx watchline …` in the install folder. --no: never fetch a package of that name from the
 * registry; `--`: flags such as --version go to watchline, not to npx.
 */
function watchline(args: string[]): SpawnSyncReturns<string> {
  return sh('npx', ['--no', '--', 'watchline', ...args], app);
}

function explain(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status} (signal ${r.signal})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
}

let tarball = '';
let packedFiles: string[] = [];

beforeAll(async () => {
  const packDir = path.join(work, 'pack');
  mkdirSync(packDir);
  const pack = sh('npm', ['pack', '--pack-destination', packDir, '--loglevel=error'], ROOT, 600_000);
  expect(pack.status, explain(pack)).toBe(0);
  const tgz = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
  expect(tgz).toEqual([`${pkg.name}-${pkg.version}.tgz`]);
  tarball = path.join(packDir, tgz[0]);
  const list = sh('tar', ['-tzf', tarball], work);
  expect(list.status, explain(list)).toBe(0);
  packedFiles = list.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  mkdirSync(app);
  // An empty folder, as a user's would be: the install writes its own package.json.
  const install = sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], app, 600_000);
  expect(install.status, explain(install)).toBe(0);
}, 1_200_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the compiled CLI, the built viewer and the example files, and nothing of the sources', () => {
    expect(packedFiles).toContain('bin/watchline.js');
    expect(packedFiles).toContain('dist/cli/main.js');
    expect(packedFiles).toContain('dist/cli/worker.js');
    expect(packedFiles).toContain('dist/viewer/index.html');
    expect(packedFiles).toContain('scenes/flat-10km.yaml');
    expect(packedFiles).toContain('sim-configs/default.yaml');
    expect(packedFiles).toContain('schemas/scene.schema.json');
    for (const f of packedFiles) {
      expect(f, f).not.toMatch(/^(src|test|bench|scripts|docs|node_modules)\/|\.ts$|^bin\/(bench|watchline-src)\.js$|tsconfig|vite\.config/);
    }
    const installed = JSON.parse(readFileSync(path.join(app, 'node_modules', pkg.name, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(installed.private).toBeUndefined();
    expect(installed.bin).toEqual({ watchline: 'bin/watchline.js' });
  });

  it('installs without the TypeScript loader or the build tools', () => {
    const modules = readdirSync(path.join(app, 'node_modules'));
    for (const dev of ['tsx', 'typescript', 'vite', 'vitest', 'esbuild', 'three']) expect(modules, dev).not.toContain(dev);
    expect(modules).toContain('world-atlas');
  });
});

describe('the installed watchline', () => {
  it('prints its version', () => {
    const r = watchline(['--version']);
    expect(r.status, explain(r)).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('runs 200 attempts, with the same results as the repository\'s CLI', () => {
    const r = watchline(['run', '--attempts', '200', '--seed', '11', '--out', 'out/run']);
    expect(r.status, explain(r)).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(app, 'out/run/summary.json'), 'utf8')) as { attempts: number; detected: number; detectionRate: number; watchline: string };
    expect(summary.attempts).toBe(200);
    expect(summary.watchline).toBe(pkg.version);
    expect(summary.detectionRate).toBeCloseTo(summary.detected / 200, 12);
    expect(readFileSync(path.join(app, 'out/run/attempts.csv'), 'utf8').trim().split('\n')).toHaveLength(201);
    // The same inputs through the repository's own build: same seed, same attempts, same figures.
    const repoOut = path.join(work, 'repo-run');
    const here = sh(process.execPath, [path.join(ROOT, 'bin/watchline.js'), 'run', '--attempts', '200', '--seed', '11', '--out', repoOut], ROOT);
    expect(here.status, explain(here)).toBe(0);
    const repo = JSON.parse(readFileSync(path.join(repoOut, 'summary.json'), 'utf8')) as { detected: number };
    expect(summary.detected).toBe(repo.detected);
    expect(readFileSync(path.join(app, 'out/run/attempts.csv'), 'utf8')).toBe(readFileSync(path.join(repoOut, 'attempts.csv'), 'utf8'));
  });

  it('validates a scene copied next to the user\'s files, and reports a broken one', () => {
    mkdirSync(path.join(app, 'site'), { recursive: true });
    copyFileSync(path.join(ROOT, 'scenes/flat-10km.yaml'), path.join(app, 'site/border.yaml'));
    const ok = watchline(['validate', 'site/border.yaml']);
    expect(ok.status, explain(ok)).toBe(0);
    expect(ok.stdout).toBe('ok  site/border.yaml  (scene)\n');
    writeFileSync(path.join(app, 'site/broken.yaml'), readFileSync(path.join(app, 'site/border.yaml'), 'utf8').replace('lengthKm: 10', 'lengthKm: -10'));
    const bad = watchline(['validate', 'site/broken.yaml']);
    expect(bad.status, explain(bad)).toBe(2);
    expect(bad.stderr).toContain('site/broken.yaml');
    expect(bad.stderr).toContain('border.line.lengthKm');
  });
});

const browserOk = browserTestsEnabled();
if (!browserOk) process.stderr.write(`test/package/pack.test.ts: the \`watchline view\` check is skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)\n`);

describe.skipIf(!browserOk)('the installed watchline view in Chromium', () => {
  let viewer: ChildProcess | null = null;
  let browser: Browser | null = null;

  /** Stops `npx watchline view` and everything it started (its process group); waits for the exit. */
  async function stopViewer(): Promise<void> {
    const p = viewer;
    viewer = null;
    if (!p?.pid || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    try {
      process.kill(-p.pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  }

  afterAll(async () => {
    await browser?.close();
    await stopViewer();
  });

  it('serves the copied scene and the page shows detections', async () => {
    expect(chromiumAvailable(), `Chromium not found at ${CHROMIUM}`).toBe(true);
    const port = await freePort();
    const p = spawn('npx', ['--no', '--', 'watchline', 'view', '--scene', 'site/border.yaml', '--port', String(port)], { cwd: app, env: userEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    viewer = p;
    let out = '';
    let err = '';
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no viewer URL within 60 s; stderr: ${err}`)), 60_000);
      p.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Watchline viewer: (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      p.once('exit', (code) => reject(new Error(`watchline view exited with ${code}; stderr: ${err}`)));
    });
    expect(url).toBe(`http://127.0.0.1:${port}/?scene=scenes/border.yaml`);

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 800, height: 450 } });
    const errors = watchErrors(page);
    // A fast clock: the first detections of the default deployment come within seconds of page time.
    await openViewer(page, url, '&speed=1000', 120_000);
    const shown = await page.evaluate(() => window.watchline!.state.error);
    expect(shown, `the page shows an error: ${JSON.stringify(shown)}; ${errors.join('; ')}`).toBeFalsy();
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="hud-detected"]')?.dataset.value) > 0, undefined, { timeout: 120_000, polling: 250 });
    const detected = await page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid="hud-detected"]')!.dataset.value));
    const attempts = await page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid="hud-attempts"]')!.dataset.value));
    expect(detected).toBeGreaterThan(0);
    expect(attempts).toBeGreaterThanOrEqual(detected);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await stopViewer();
    expect(p.exitCode ?? p.signalCode).not.toBeNull();
  }, 300_000);
});
