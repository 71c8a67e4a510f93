/**
 * Screenshots for the README and docs/screenshots/: the default scenario's overview, a tower close-up
 * with its cameras' fields of view, and the HUD of a finished run. Run: npx tsx test/e2e/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, launchChromium, openViewer, startViewerServer, watchErrors } from './harness.ts';

const OUT = path.join(ROOT, 'docs/screenshots');
const VIEWPORT = { width: 1600, height: 900 };

async function waitCoverage(page: Page): Promise<void> {
  await page.waitForFunction(() => window.watchline?.state.coverage === true, undefined, { timeout: 120_000, polling: 200 });
}

/** Draws a few frames (the viewer renders on demand, so ask for them) so the canvas is current. */
async function settle(page: Page, frames = 6): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const app = window.watchline!;
        const target = app.state.frames + n;
        const tick = () => {
          app.stage.invalidate();
          if (app.state.frames >= target) resolve();
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    frames,
  );
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await startViewerServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors = watchErrors(page);

    // 1. Overview of the default scenario, a few simulated hours in.
    await openViewer(page, server.url, '?quality=high');
    await waitCoverage(page);
    await page.waitForFunction(() => window.watchline!.state.tS > 4 * 3600, undefined, { timeout: 120_000 });
    await page.evaluate(() => window.watchline!.setPaused(true));
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'overview.png') });

    // 2. A tower by the second gap (km 33.5–33.7; tower 8 stands at km 34 at the default 4 km spacing),
    // at real time so its cameras' beams show where they look.
    await page.evaluate(() => {
      const app = window.watchline!;
      app.setSpeed(1);
      app.setPaused(true);
      app.flyToTower(8);
      app.jumpCamera();
    });
    await settle(page, 10);
    await page.screenshot({ path: path.join(OUT, 'tower-closeup.png') });

    // 3. The HUD of a finished run of the default scenario: the README's quick-start figures (85.0 %,
    // the lost links, the assumed defaults), as the CLI prints them.
    await openViewer(page, server.url, '?quality=high');
    await page.evaluate(() => window.watchline!.toEnd());
    await page.waitForFunction(() => window.watchline!.state.done, undefined, { timeout: 120_000 });
    await waitCoverage(page);
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'hud.png') });
    if (errors.length) console.warn(errors.join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}/`);
}

await main();
