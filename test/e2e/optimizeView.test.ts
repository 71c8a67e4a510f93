/**
 * An optimize result in the viewer, end to end in Chromium (issue 14, "read the output"): the
 * optimize.json that `watchline optimize` wrote for flat-10km (4 towers, fixtures/) opens through the
 * file picker, the placed layout is drawn with both breach paths, the toggle swaps in the evenly
 * spaced layout (towers where the file says, URL updated), a broken file shows its error while the
 * view keeps running, `?optimize=…&layout=uniform` reopens that view, and an `?optimize=` path outside
 * the served folders is refused.
 *
 * With WATCHLINE_OPT_SHOTS=<folder> it also saves a screenshot of each layout there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerServer } from './harness.ts';
import { ROOT, browserTestsEnabled, launchChromium, openViewer, startViewerServer, watchErrors } from './harness.ts';

const FIXTURE = readFileSync(path.join(ROOT, 'test/e2e/fixtures/optimize-flat-10km.json'), 'utf8');
const DOC = JSON.parse(FIXTURE) as { at: number[]; uniform: { at: number[] } };
const SHOTS = process.env.WATCHLINE_OPT_SHOTS;
const enabled = browserTestsEnabled();

/** What the placement panel marks for scripts. */
async function panel(page: Page): Promise<{ layout: string; count: number; at: number[]; url: string; towerKm: number[]; lines: string[] }> {
  return page.evaluate(() => {
    const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    const app = window.watchline!;
    const lines = ['placed', 'uniform'].filter((n) => app.stage.scene.getObjectByName(`breach-path-${n}`) !== undefined);
    return {
      layout: q('optimize-layout').dataset.value ?? '',
      count: Number(q('optimize-towers').dataset.value),
      at: (q('optimize-towers').dataset.at ?? '').split(',').map(Number),
      url: location.search,
      towerKm: app.towerKm(),
      lines,
    };
  });
}

/** Waits until a run newer than generation `gen` is drawn. */
async function newRun(page: Page, gen: number): Promise<void> {
  await page.waitForFunction((g) => window.watchline!.state.gen > g && !window.watchline!.state.loading, gen, { timeout: 60_000, polling: 100 });
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForFunction(() => window.watchline!.state.coverage, undefined, { timeout: 60_000, polling: 200 });
  await page.evaluate(() => new Promise<void>((resolve) => {
    const app = window.watchline!;
    const target = app.state.frames + 6;
    const tick = () => {
      app.stage.invalidate();
      if (app.state.frames >= target) resolve();
      else requestAnimationFrame(tick);
    };
    tick();
  }));
  await page.screenshot({ path: path.join(SHOTS, name) });
}

describe.skipIf(!enabled)('an optimize result in the viewer', () => {
  let server: ViewerServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startViewerServer(), launchChromium()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens optimize.json, draws both breach paths and toggles placed / evenly spaced', async () => {
    const page = await browser.newPage({ viewport: SHOTS ? { width: 1400, height: 800 } : { width: 800, height: 450 } });
    const errors = watchErrors(page);
    try {
      await openViewer(page, server.url, '?paused=1');
      expect(await page.locator('[data-testid="optimize-panel"]').isHidden()).toBe(true);
      let gen = await page.evaluate(() => window.watchline!.state.gen);
      await page.setInputFiles('[data-testid="file-input"]', { name: 'optimize.json', mimeType: 'application/json', buffer: Buffer.from(FIXTURE) });
      await newRun(page, gen);
      await page.locator('[data-testid="optimize-panel"]').waitFor({ state: 'visible' });
      let p = await panel(page);
      expect(p.layout).toBe('placed');
      expect(p.count).toBe(DOC.at.length);
      expect(p.at).toEqual(DOC.at);
      // The simulation runs the file's towers on the file's scene, not the page's previous ones.
      expect(p.towerKm.map((k) => Math.round(k * 1e4) / 1e4)).toEqual(DOC.at);
      expect(p.url).toContain('scene=scenes/flat-10km.yaml');
      expect(p.url).toContain('layout=placed');
      expect(p.lines).toEqual(['placed', 'uniform']);
      await shot(page, 'optimize-placed.png');

      gen = await page.evaluate(() => window.watchline!.state.gen);
      await page.click('[data-testid="layout-uniform"]');
      await newRun(page, gen);
      p = await panel(page);
      expect(p.layout).toBe('uniform');
      expect(p.at).toEqual(DOC.uniform.at);
      expect(p.towerKm.map((k) => Math.round(k * 1e4) / 1e4)).toEqual(DOC.uniform.at);
      expect(p.url).toContain('layout=uniform');
      expect(p.lines).toEqual(['placed', 'uniform']);
      expect(await page.getAttribute('[data-testid="layout-uniform"]', 'aria-pressed')).toBe('true');
      await shot(page, 'optimize-uniform.png');

      // A broken optimize.json: its error names the field; the evenly spaced run keeps going.
      const bad = JSON.parse(FIXTURE);
      bad.at[1] = 'x';
      await page.setInputFiles('[data-testid="file-input"]', { name: 'bad-optimize.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      const box = page.locator('[data-testid="error"]');
      await box.filter({ hasText: 'bad-optimize.json' }).waitFor({ timeout: 30_000 });
      expect(await box.textContent()).toContain('bad-optimize.json, field at.1: not a chainage on the line');
      p = await panel(page);
      expect(p.layout).toBe('uniform');
      expect(p.towerKm.length).toBe(DOC.uniform.at.length);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 240_000);

  it('opens the result and the layout a page address names', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 450 } });
    try {
      // The server's file, answered by the browser: the test writes nothing into the served folders.
      await page.route('**/scenes/results/optimize.json', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: FIXTURE }));
      await openViewer(page, server.url, '?optimize=scenes/results/optimize.json&layout=uniform&paused=1');
      await page.locator('[data-testid="optimize-panel"]').waitFor({ state: 'visible' });
      const p = await panel(page);
      expect(await page.evaluate(() => window.watchline!.state.error)).toBeNull();
      expect(p.layout).toBe('uniform');
      expect(p.towerKm.map((k) => Math.round(k * 1e4) / 1e4)).toEqual(DOC.uniform.at);
      expect(p.url).toContain('optimize=scenes/results/optimize.json');
      expect(p.url).toContain('layout=uniform');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('refuses an ?optimize= path outside the served folders', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 450 } });
    try {
      await openViewer(page, server.url, '?optimize=../out/optimize.json');
      const text = await page.locator('[data-testid="error"]').textContent();
      expect(text).toContain('the page address (?optimize=)');
      expect(text).toContain('"../out/optimize.json" is not a served');
    } finally {
      await page.close();
    }
  }, 120_000);
});
