/**
 * Shared set-up for the browser tests, the screenshots and the viewer benchmark: a Vite server for the
 * viewer on a free localhost port, and Debian's Chromium driven by playwright-core with software WebGL
 * (SwiftShader). `npx playwright install` is not needed: the browser comes from apt
 * (`apt-get install chromium`; README "Tests").
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { build, createServer, preview } from 'vite';

export const CHROMIUM = chromiumPath();

/** Where Chromium is looked for: WATCHLINE_CHROMIUM, else Debian's /usr/bin/chromium. */
function chromiumPath(): string {
  return process.env.WATCHLINE_CHROMIUM ?? '/usr/bin/chromium';
}
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Flags for headless Chromium in containers and CI, with WebGL 2 on SwiftShader. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  // Keep timers and animation frames running in a page nobody looks at.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // Unquantised performance.memory, for the viewer benchmark's allocation check.
  '--enable-precise-memory-info',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Whether the browser tests run: always in CI (a missing browser must fail there, not skip), locally
 * only when Chromium is installed.
 */
export function browserTestsEnabled(): boolean {
  const enabled = process.env.CI === 'true' || process.env.CI === '1' || chromiumAvailable();
  if (!enabled) noteSkipped();
  return enabled;
}

/** Environment variable naming the file where skipped browser test files are noted (set by skipNotice.ts). */
export const SKIP_NOTE_ENV = 'WATCHLINE_BROWSER_SKIP_NOTE';

/**
 * Notes that this test file's browser tests are skipped, for the one line skipNotice.ts prints at the
 * end of the run (vitest itself only counts them among the skipped tests, which is easy to miss).
 */
function noteSkipped(): void {
  const file = process.env[SKIP_NOTE_ENV];
  if (file) appendFileSync(file, 'skipped\n');
}

/** The line printed once when browser tests were skipped: what was skipped and how to get them. */
export function skipNoticeLine(files: number): string {
  return (
    `watchline: ${files} browser test file${files === 1 ? '' : 's'} (test/e2e) skipped: no Chromium at ${chromiumPath()}. ` +
    'Install it with `apt-get install chromium` (or set WATCHLINE_CHROMIUM to its path); with CI=true they run and fail instead of skipping.'
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ViewerServer {
  url: string;
  close(): Promise<void>;
}

const DEP_INCLUDE = ['three', 'rxjs', 'lil-gui', 'yaml', 'zod', 'kdbush', 'simplex-noise'];

/** Starts the viewer's Vite dev server on a free 127.0.0.1 port (configuration from vite.config.ts). */
export async function startDevServer(): Promise<ViewerServer> {
  const port = await freePort();
  const server: ViteDevServer = await createServer({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port, strictPort: true, open: false, hmr: false, watch: null },
    optimizeDeps: { include: DEP_INCLUDE },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/**
 * Builds the viewer into a temporary folder and serves it with `vite preview` on a free 127.0.0.1
 * port: bundled workers start in a fraction of the time the dev server's per-module loading takes,
 * which matters because every scenario change starts fresh workers. scenes/ and sim-configs/ are
 * served from the repository by the same plugin as in development.
 */
export async function startViewerServer(): Promise<ViewerServer> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'watchline-viewer-'));
  const configFile = path.join(ROOT, 'vite.config.ts');
  await build({ root: ROOT, configFile, logLevel: 'error', clearScreen: false, build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server = await preview({ root: ROOT, configFile, logLevel: 'error', clearScreen: false, build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A fresh headless Chromium (playwright gives every launch its own temporary profile directory). */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Collects page errors and console errors, for assertions and diagnostics. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Opens the viewer at `query` and waits until a scenario is running (or an error shows). */
export async function openViewer(page: Page, baseUrl: string, query = '', timeoutMs = 60_000): Promise<void> {
  // Functions passed to page.evaluate from tsx-compiled code may call esbuild's keep-names helper.
  await page.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  await page.goto(`${baseUrl}${query}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => {
    const w = window.watchline;
    return !!w && ((w.state.gen > 0 && !w.state.loading) || !!w.state.error);
  }, undefined, { timeout: timeoutMs, polling: 100 });
}
