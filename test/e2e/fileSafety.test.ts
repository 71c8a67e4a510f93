/**
 * Files from users in the real page (issue 7; the rules are unit-tested in test/viewer/fileGate.test.ts):
 * an oversized file, a YAML bomb, a page address pointing outside the served folders and a scene whose
 * data file is a URL are refused with a message in the error box, the running scenario goes on, and
 * the page never requests anything from another origin. Skips only when Chromium is absent locally.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerServer } from './harness.ts';
import { browserTestsEnabled, launchChromium, openViewer, startDevServer } from './harness.ts';

const bomb = (levels: number) => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
};

describe.skipIf(!browserTestsEnabled())('viewer: files from users', () => {
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];

  beforeAll(async () => {
    server = await startDevServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    const origin = new URL(server.url).origin;
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin !== origin && u.protocol !== 'blob:' && u.protocol !== 'data:') foreign.push(r.url());
    });
    await openViewer(page, server.url, '?scene=scenes/flat-10km.yaml&set=run.attempts=500', 120_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function upload(name: string, body: Buffer | string): Promise<string> {
    await page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'text/yaml', buffer: Buffer.isBuffer(body) ? body : Buffer.from(body) });
    const box = page.locator('[data-testid="error"]');
    await box.filter({ hasText: name }).waitFor({ timeout: 60_000 });
    return (await box.textContent())!.trim();
  }

  it('refuses a huge file, a YAML bomb and a scene naming a URL, and keeps the running scenario', async () => {
    const gen = await page.evaluate(() => window.watchline!.state.gen);
    expect(await upload('huge.yaml', Buffer.alloc(3 * 1024 * 1024, 0x61))).toMatch(/huge\.yaml: the file is larger than 1 MiB/);
    expect(await upload('bomb.yaml', bomb(12))).toMatch(/bomb\.yaml: the file uses 108 YAML aliases/);
    const urlScene = 'border:\n  line: { type: geojson, file: "https:evil.example/b.geojson" }\n  barrier: {}\nterrain: { type: flat }\nthreats: [ { kind: foot, share: 1 } ]\n';
    expect(await upload('url-scene.yaml', urlScene)).toMatch(/url-scene\.yaml, line 2, field border\.line\.file: a scene can only name local files, not URLs/);
    expect(await page.evaluate(() => window.watchline!.state.gen)).toBe(gen);
    expect(foreign).toEqual([]);
  }, 180_000);

  it('refuses a page address that points outside the served folders, without fetching it', async () => {
    await openViewer(page, server.url, '?scene=../../package.json', 120_000);
    const shown = (await page.locator('[data-testid="error"]').textContent())!;
    expect(shown).toMatch(/the page address \(\?scene=\): the path "\.\.\/\.\.\/package\.json" is not a served scene or config/);
    expect(foreign).toEqual([]);
  }, 180_000);
});
