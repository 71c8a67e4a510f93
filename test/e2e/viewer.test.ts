/**
 * The viewer end to end, in Debian's Chromium (software WebGL): it loads and draws, detections stream
 * in, its final figures — every field of summary.json's figures — equal `watchline run --json` for
 * the same inputs, a bad file shows the CLI's error while the previous run keeps going, and the URL
 * round-trips. In CI these tests never skip (a missing browser fails them); locally they skip only
 * when /usr/bin/chromium is absent.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/batch/summary.ts';
import type { ViewerServer } from './harness.ts';
import { ROOT, browserTestsEnabled, launchChromium, openViewer, startViewerServer, watchErrors } from './harness.ts';

type CliSummary = RunSummary;

/** summary.json's metadata: every other key is a figure of the registry (src/core/figures/registry.ts). */
const META = new Set(['watchline', 'scene', 'config', 'seed', 'stepS', 'shard', 'attemptIds', 'frontierKm', 'frontier', 'towers', 'cameras']);

/** Runs the CLI from `cwd`; resolves with exit code, stdout and stderr. */
function cli(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/watchline.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Numbers the HUD marks for scripts (data-testid, exact values in data-value). */
async function hud(page: Page): Promise<{ attempts: number; detected: number; rate: number; rateText: string; time: string }> {
  return page.evaluate(() => {
    const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    return {
      attempts: Number(q('hud-attempts').dataset.value ?? q('hud-attempts').textContent),
      detected: Number(q('hud-detected').dataset.value ?? q('hud-detected').textContent),
      rate: Number(q('hud-rate').dataset.value ?? NaN),
      rateText: q('hud-rate').textContent ?? '',
      time: q('sim-time').textContent ?? '',
    };
  });
}

/** Share of sampled canvas pixels that differ from the first one, and the number of distinct colours. */
async function canvasVariety(page: Page): Promise<{ distinct: number; nonUniform: number }> {
  return page.evaluate(() => {
    const src = document.querySelector<HTMLCanvasElement>('#view')!;
    const c = document.createElement('canvas');
    c.width = 160;
    c.height = 90;
    const g = c.getContext('2d')!;
    g.drawImage(src, 0, 0, c.width, c.height);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    let differ = 0;
    for (let i = 0; i < d.length; i += 4) {
      colours.add((d[i] >> 3) * 1024 + (d[i + 1] >> 3) * 32 + (d[i + 2] >> 3));
      if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 24) differ++;
    }
    return { distinct: colours.size, nonUniform: differ / (d.length / 4) };
  });
}

const enabled = browserTestsEnabled();
/** Small pages: software WebGL rasterises on the CPU, and the tests look at figures, not pixels. */
const VIEWPORT = { width: 800, height: 450 };

describe.skipIf(!enabled)('viewer in Chromium', () => {
  let server: ViewerServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startViewerServer(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('default scenario, 300 attempts, seed 5', () => {
    let page: Page;
    let errors: string[];
    let cliRun: Promise<{ code: number; stdout: string; stderr: string }>;

    beforeAll(async () => {
      // The CLI's figures for the same inputs, computed while the page loads.
      cliRun = cli(['run', '--json', '--attempts', '300', '--seed', '5']);
      page = await browser.newPage({ viewport: VIEWPORT });
      errors = watchErrors(page);
      await openViewer(page, server.url, '?seed=5&set=run.attempts=300&speed=3000');
    });

    afterAll(async () => {
      await page?.close();
    });

    it('loads and draws the scene (the canvas is not blank)', async () => {
      expect(await page.evaluate(() => window.watchline!.state.error)).toBeNull();
      await page.waitForFunction(() => window.watchline!.state.frames > 3, undefined, { timeout: 30_000 });
      const v = await canvasVariety(page);
      expect(v.distinct).toBeGreaterThan(40);
      expect(v.nonUniform).toBeGreaterThan(0.3);
      const info = await page.evaluate(() => window.watchline!.renderInfo());
      expect(info.calls).toBeGreaterThan(5);
      expect(info.triangles).toBeGreaterThan(10_000);
    });

    it('streams detections in: the detected count and the event log grow', async () => {
      await page.waitForFunction(() => window.watchline!.state.events > 0, undefined, { timeout: 60_000 });
      const first = await hud(page);
      await page.waitForFunction((d) => Number(document.querySelector<HTMLElement>('[data-testid="hud-detected"]')!.dataset.value) > d, first.detected, { timeout: 60_000 });
      const later = await hud(page);
      expect(later.detected).toBeGreaterThan(first.detected);
      expect(later.time).not.toBe(first.time);
      expect(await page.locator('[data-testid="event-log"] li').count()).toBeGreaterThan(0);
    }, 90_000);

    it('picks a tower by clicking it, and flies to a detection from the event log', async () => {
      // Click where tower T4's mast stands on screen.
      await page.evaluate(() => {
        window.watchline!.flyToTower(3);
        window.watchline!.jumpCamera();
        window.watchline!.selectTower(-1);
      });
      const at = (await page.evaluate(() => window.watchline!.towerScreenPoint(3)))!;
      expect(at).not.toBeNull();
      await page.mouse.click(at.x, at.y);
      const panel = page.locator('[data-testid="tower-panel"]');
      await panel.filter({ hasText: 'Tower T4' }).waitFor({ timeout: 15_000 });
      expect(await panel.isVisible()).toBe(true);
      expect(Number(await page.locator('[data-testid="tower-detections"]').textContent())).toBeGreaterThanOrEqual(0);

      const before = await page.evaluate(() => (window.watchline as unknown as { stage: { controls: { target: { x: number; y: number } } } }).stage.controls.target.x);
      await page.locator('[data-testid="event-log"] li').last().click();
      await page.waitForFunction((x) => (window.watchline as unknown as { stage: { controls: { target: { x: number } } } }).stage.controls.target.x !== x, before, { timeout: 15_000 });
    }, 60_000);

    it('ends with every figure `watchline run --json --attempts 300 --seed 5` reports, to the last digit', async () => {
      await page.evaluate(() => window.watchline!.setSpeed(100_000));
      await page.waitForFunction(() => window.watchline!.state.done && window.watchline!.state.stats?.attempts === 300, undefined, { timeout: 90_000 });
      const run = await cliRun;
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout) as CliSummary;
      // The viewer's final figures, as the HUD holds them (JSON of the registry's figures).
      const shown = await page.evaluate(() => document.querySelector('[data-testid="hud-figures"]')!.textContent!);
      const figures = JSON.parse(shown) as Record<string, unknown>;
      // Every figure of the summary, in its order — timeToDetectS, bySegment and interruption included —
      // and nothing else; then the same numbers, byte for byte.
      const cliFigures = Object.fromEntries(Object.entries(summary).filter(([k]) => !META.has(k)));
      expect(Object.keys(figures)).toEqual(Object.keys(cliFigures));
      for (const k of ['timeToDetectS', 'bySegment', 'response', 'interrupted', 'interruptionRate', 'interruptionRateCI95', 'lost', 'availability', 'watch', 'assumptions']) expect(figures, k).toHaveProperty(k);
      expect(shown).toBe(JSON.stringify(cliFigures));
      // The HUD's lines show those numbers.
      const h = await hud(page);
      expect(h.attempts).toBe(summary.attempts);
      expect(h.detected).toBe(summary.detected);
      expect(h.rate).toBe(summary.detectionRate);
      expect(h.rateText).toBe(`${(100 * summary.detectionRate).toFixed(1)}%`);
      expect(await page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid="hud-interrupted"]')!.dataset.value))).toBe(summary.interruptionRate);
      expect(await page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid="hud-ttd"]')!.dataset.value))).toBe(summary.timeToDetectS.mean);
      // The lost links, each link's count; they and the detected-in-time account for every attempt.
      const lost = await page.evaluate(() =>
        Object.fromEntries(['unsensed', 'outage', 'unnoticed', 'late'].map((k) => [k, Number(document.querySelector<HTMLElement>(`[data-testid="hud-lost-${k}"]`)!.dataset.value)])),
      );
      expect(lost).toEqual(summary.lost);
      expect(lost.unsensed + lost.outage + lost.unnoticed + lost.late + summary.interrupted!).toBe(summary.attempts);
      // The assumed defaults: each one the summary marks `source: default`, by name and value.
      const assumed = (await page.locator('[data-testid="hud-assumed"]').textContent())!.replace(/\u00a0/g, ' ');
      const defaults = summary.assumptions!.filter((a) => a.source === 'default');
      expect(defaults.length).toBeGreaterThan(0);
      for (const a of defaults) expect(assumed).toContain(`${a.name} ${a.value}`);
      expect(errors).toEqual([]);
    }, 120_000);
  });

  it('shows a bad file’s error exactly as the CLI prints it, and the previous scenario keeps running', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    try {
      // A small scene keeps the load quick; the default's 50 km world is exercised above.
      await openViewer(page, server.url, '?scene=scenes/flat-10km.yaml&set=run.attempts=2000&speed=1000');
      const gen = await page.evaluate(() => window.watchline!.state.gen);
      const bad = 'towers: { spacingM: -500, setbackM: 50, heightM: 15 }\ncameras:\n  - { sensor: thermal, preset: no-such-camera, headingDeg: 0 }\nrun: { attempts: 100, seed: 1, stepS: 1 }\nbogus: 3\n';
      await page.setInputFiles('[data-testid="file-input"]', { name: 'bad-config.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
      const errorBox = page.locator('[data-testid="error"]');
      await errorBox.filter({ hasText: 'bad-config.yaml' }).waitFor({ timeout: 30_000 });
      const shown = (await errorBox.textContent())!.trim();

      // The CLI on the same file, named the same way.
      const dir = mkdtempSync(path.join(tmpdir(), 'watchline-e2e-'));
      writeFileSync(path.join(dir, 'bad-config.yaml'), bad);
      const run = await cli(['validate', 'bad-config.yaml'], dir);
      expect(run.code).toBe(2);
      for (const paragraph of shown.split(/\n\s*\n/)) expect(run.stderr).toContain(paragraph.trim());
      expect(shown).toContain('towers.spacingM');
      expect(shown).toContain('bogus');

      // Still the old run, still advancing.
      const s0 = await page.evaluate(() => ({ ...window.watchline!.state, stats: null }));
      expect(s0.gen).toBe(gen);
      await page.waitForFunction((b) => window.watchline!.state.batches > b + 5, s0.batches, { timeout: 30_000 });
      const s1 = await page.evaluate(() => ({ gen: window.watchline!.state.gen, tS: window.watchline!.state.tS }));
      expect(s1.gen).toBe(gen);
      expect(s1.tS).toBeGreaterThan(s0.tS);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('reads scene, config, seed and overrides from the URL, keeps the URL current, and reopens the same run', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    try {
      // Paused (and so in the URL too): nothing runs while the pages are compared.
      const query = '?scene=scenes/flat-10km.yaml&config=sim-configs/default.yaml&seed=7&set=towers.spacingM=3000&set=scene.environment.visibility=haze&speed=100&paused=1';
      await openViewer(page, server.url, query);
      const view = () =>
        page.evaluate(() => {
          const app = window.watchline! as unknown as { client: { view: { seed: number; lengthM: number; config: { towers: { spacingM: number } }; scene: { environment: { visibility: string } } } } };
          const v = app.client.view;
          return { seed: v.seed, lengthM: v.lengthM, spacing: v.config.towers.spacingM, visibility: v.scene.environment.visibility };
        });
      expect(await view()).toEqual({ seed: 7, lengthM: 10_000, spacing: 3000, visibility: 'haze' });
      expect(await page.evaluate(() => location.search)).toBe(query);

      // A live change (as the control panel makes it) goes into the URL…
      await page.evaluate(() => (window.watchline as unknown as { applyOverride(k: string, v: number): void }).applyOverride('towers.spacingM', 2500));
      await page.waitForFunction(() => location.search.includes('towers.spacingM=2500'), undefined, { timeout: 30_000 });
      const url = await page.evaluate(() => location.href);
      expect(url).not.toContain('towers.spacingM=3000');

      // …and the URL reopens exactly that run.
      await page.close();
      const again = await browser.newPage({ viewport: VIEWPORT });
      try {
        await openViewer(again, '', url);
        const v2 = await again.evaluate(() => {
          const v = (window.watchline as unknown as { client: { view: { seed: number; config: { towers: { spacingM: number } }; scene: { environment: { visibility: string } } } } }).client.view;
          return { seed: v.seed, spacing: v.config.towers.spacingM, visibility: v.scene.environment.visibility };
        });
        expect(v2).toEqual({ seed: 7, spacing: 2500, visibility: 'haze' });
        expect(await again.evaluate(() => location.href)).toBe(url);
      } finally {
        await again.close();
      }
    } finally {
      await page.close();
    }
  }, 120_000);
});
