/**
 * When the browser tests run, skip, and say so (no browser needed here): with CI set they never skip,
 * so a missing Chromium fails there; without it they skip only when Chromium is missing, and the
 * skip is noted for the one line the global setup (skipNotice.ts) prints at the end of `npm test`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import setup from './skipNotice.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
  vi.restoreAllMocks();
});

/** The harness as a fresh module, reading the environment as set now. */
async function harness(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  return import('./harness.ts');
}

describe('browser tests without Chromium', () => {
  it('run (and so fail) in CI, whatever the browser', async () => {
    for (const CI of ['true', '1']) {
      const h = await harness({ CI, WATCHLINE_CHROMIUM: '/nonexistent/chromium' });
      expect(h.chromiumAvailable()).toBe(false);
      expect(h.browserTestsEnabled()).toBe(true);
      await expect(h.launchChromium()).rejects.toThrow(/Chromium not found at \/nonexistent\/chromium: install it with apt-get install -y chromium/);
    }
  });

  it('skip locally, and the run ends with one line saying how to get them', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const teardown = setup();
    const note = process.env.WATCHLINE_BROWSER_SKIP_NOTE!;
    const h = await harness({ CI: undefined, WATCHLINE_CHROMIUM: '/nonexistent/chromium' });
    // Three test files ask; each notes its skip.
    expect([h.browserTestsEnabled(), h.browserTestsEnabled(), h.browserTestsEnabled()]).toEqual([false, false, false]);
    expect(readFileSync(note, 'utf8')).toBe('skipped\nskipped\nskipped\n');
    teardown();
    const printed = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(printed.trim().split('\n')).toEqual([
      'watchline: 3 browser test files (test/e2e) skipped: no Chromium at /nonexistent/chromium. Install it with `apt-get install chromium` (or set WATCHLINE_CHROMIUM to its path); with CI=true they run and fail instead of skipping.',
    ]);
  });

  it('print nothing when Chromium is there or no browser test ran', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'watchline-fake-chromium-'));
    try {
      const fake = path.join(dir, 'chromium');
      (await import('node:fs')).writeFileSync(fake, '');
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const teardown = setup();
      const h = await harness({ CI: undefined, WATCHLINE_CHROMIUM: fake });
      expect(h.browserTestsEnabled()).toBe(true);
      teardown();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
