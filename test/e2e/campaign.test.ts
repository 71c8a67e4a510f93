/**
 * A small campaign in the viewer, end to end in Chromium (issue 13): the HUD's campaign lines appear
 * and move while it plays (alarm queue, operators busy, teams out, fates so far), the teams are drawn,
 * and once it is over every figure the HUD holds — P(interdiction), the alarms, the operators and
 * teams included — equals `watchline run --json` for the same scene, overrides and seed; the fates
 * shown add up to the run's counts. Skips like the other browser tests when Chromium is absent.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerServer } from './harness.ts';
import { ROOT, browserTestsEnabled, launchChromium, openViewer, startViewerServer, watchErrors } from './harness.ts';

/** summary.json's metadata: every other key is a figure of the registry (src/core/figures/registry.ts). */
const META = new Set(['watchline', 'scene', 'config', 'seed', 'stepS', 'shard', 'attemptIds', 'frontierKm', 'frontier', 'towers', 'cameras']);

/** Two days on the flat 10 km scene, analytics with one operator, two teams: queues and sorties happen. */
const SETS = [
  'campaign.days=2',
  'campaign.attemptsPerDay=15',
  'watch.mode=analytics',
  'watch.analytics.nuisancePerCameraHour=2',
  'response.teams=2',
  'response.delayS=120',
  'response.speedMps=8',
];
const SEED = 3;
const SCENE = 'scenes/flat-10km.yaml';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/watchline.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The HUD's campaign lines: data-value of each, NaN while unset. */
function campaignLines(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      ['queue', 'operators-busy', 'teams-out', 'alarms-so-far', 'fate-stopped', 'fate-seen', 'fate-unseen', 'interdicted', 'alarms-lost'].map((k) => [
        k,
        Number(document.querySelector<HTMLElement>(`[data-testid="hud-${k}"]`)?.dataset.value ?? NaN),
      ]),
    ),
  );
}

describe.skipIf(!browserTestsEnabled())('a campaign in the viewer', () => {
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let outDir: string;
  let cliRun: Promise<{ code: number; stdout: string; stderr: string }>;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'watchline-campaign-e2e-'));
    cliRun = cli(['run', '--json', '--scene', SCENE, '--seed', String(SEED), ...SETS.flatMap((s) => ['--set', s]), '--out', path.join(outDir, 'run'), '--force']);
    [server, browser] = await Promise.all([startViewerServer(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    errors = watchErrors(page);
    const query = `?scene=${SCENE}&seed=${SEED}&${SETS.map((s) => `set=${encodeURIComponent(s)}`).join('&')}&speed=1000`;
    await openViewer(page, server.url, query, 120_000);
  }, 240_000);

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
    await cliRun?.catch(() => undefined);
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('shows the campaign lines while it plays, and its teams', async () => {
    expect(await page.evaluate(() => window.watchline!.state.error)).toBeNull();
    expect(await page.isVisible('[data-testid="campaign-panel"]')).toBe(true);
    // The lines fill in with the first batch; alarms accumulate as simulated time runs.
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="hud-alarms-so-far"]')?.dataset.value ?? 0) > 3, undefined, { timeout: 90_000 });
    const live = await campaignLines(page);
    for (const k of ['queue', 'operators-busy', 'teams-out', 'fate-stopped', 'fate-seen', 'fate-unseen']) expect(Number.isInteger(live[k]), k).toBe(true);
    expect(live['operators-busy']).toBeLessThanOrEqual(1);
    expect(live['teams-out']).toBeLessThanOrEqual(2);
    // The pass-wide figures wait for the campaign's end.
    expect(live['alarms-lost']).toBeNaN();
    expect(await page.evaluate(() => document.querySelector('[data-testid="hud-operators-busy"]')!.textContent)).toMatch(/^\d \/ 1$/);
    // Two vehicles in the scene.
    expect(await page.evaluate(() => (window.watchline as unknown as { world: { root: { getObjectByName(n: string): { count: number } | undefined } } }).world.root.getObjectByName('teams')?.count)).toBe(2);
  });

  it('ends on the CLI figures: P(interdiction), alarms, operators, teams; the fates add up', async () => {
    await page.evaluate(() => window.watchline!.toEnd());
    await page.waitForFunction(() => window.watchline!.state.done, undefined, { timeout: 120_000, polling: 200 });
    const run = await cliRun;
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown> & { attempts: number; detected: number; interdicted: number; interdictionRate: number };
    const cliFigures = Object.fromEntries(Object.entries(summary).filter(([k]) => !META.has(k)));
    const figures = JSON.parse(await page.evaluate(() => document.querySelector('[data-testid="hud-figures"]')!.textContent!)) as Record<string, unknown>;
    expect(Object.keys(figures)).toEqual(Object.keys(cliFigures));
    for (const k of ['interdictionRate', 'interdictionRateCI95', 'assessedRate', 'campaign', 'alarms', 'operators', 'teams']) expect(figures, k).toHaveProperty(k);
    expect(figures).toEqual(cliFigures);
    const end = await campaignLines(page);
    expect(end.interdicted).toBe(summary.interdictionRate);
    expect(end['fate-stopped']).toBe(summary.interdicted);
    expect(end['fate-seen']).toBe(summary.detected - summary.interdicted);
    expect(end['fate-unseen']).toBe(summary.attempts - summary.detected);
    expect(end['alarms-so-far']).toBe((summary.alarms as { total: number }).total);
    expect(end['alarms-lost']).toBe((summary.alarms as { lost: number }).lost);
    expect(end.queue).toBe(0);
    expect(end['teams-out']).toBe(0);
    expect(summary.interdicted).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 180_000);
});
