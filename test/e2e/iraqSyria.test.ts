/**
 * The Iraq–Syria scene in the viewer (Chromium, software WebGL): the Natural Earth line is resolved in
 * the page's workers, the HUD shows the 599 km frontier, and close to a tower the ground is drawn from
 * the strip's tiles with level of detail (render/groundLod.ts) instead of the coarse overview.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerServer } from './harness.ts';
import { browserTestsEnabled, launchChromium, openViewer, startViewerServer, watchErrors } from './harness.ts';

interface LodState {
  active: boolean;
  drawn: number;
  overviewVisible: boolean;
}

describe.runIf(browserTestsEnabled())('the Iraq–Syria scene in the viewer', { timeout: 600_000 }, () => {
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startViewerServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    page.setDefaultTimeout(300_000);
    errors = watchErrors(page);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the 599 km frontier and draws the ground near a tower from its tiles', async () => {
    await openViewer(page, server.url, '?config=sim-configs/iraq-syria-4km.yaml&set=run.attempts=200', 400_000);
    const header = await page.evaluate(() => document.body.innerText);
    expect(header).toContain('599 km');
    expect(header).toContain('150 towers');
    const errorText = await page.evaluate(() => document.querySelector('[data-testid="error"]')?.textContent ?? '');
    expect(errorText).toBe('');
    // From the overview the single coarse mesh is drawn…
    const lod = () =>
      page.evaluate((): LodState => {
        const w = (window as unknown as { watchline: { world: { groundLod: { detailActive: boolean; drawnTiles: number }; terrain: { mesh: { visible: boolean } } } } }).watchline.world;
        return { active: w.groundLod.detailActive, drawn: w.groundLod.drawnTiles, overviewVisible: w.terrain.mesh.visible };
      });
    // … close to a tower halfway along, the tiles are.
    await page.evaluate(() => {
      const app = (window as unknown as { watchline: { setPaused(p: boolean): void; flyToTower(i: number): void; jumpCamera(): void; stage: { invalidate(): void } } }).watchline;
      app.setPaused(true);
      app.flyToTower(75);
      app.jumpCamera();
      app.stage.invalidate();
    });
    await page.waitForFunction(
      () => {
        const w = (window as unknown as { watchline: { world: { groundLod: { detailActive: boolean; drawnTiles: number } } } }).watchline.world;
        return w.groundLod.detailActive && w.groundLod.drawnTiles > 0;
      },
      undefined,
      { timeout: 300_000, polling: 250 },
    );
    const near = await lod();
    expect(near.active).toBe(true);
    expect(near.overviewVisible).toBe(false);
    expect(near.drawn).toBeGreaterThan(10);
    expect(near.drawn).toBeLessThan(400);
    expect(errors).toEqual([]);
  });
});
