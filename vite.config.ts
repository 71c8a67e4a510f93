/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { scenarioFiles } from './src/viewer/vite/scenarioFiles.ts';

// The viewer's page is index.html at the root (it loads src/viewer/main.ts); scenes/ and sim-configs/
// are served from disk and listed at /api/scenarios by the scenarioFiles plugin, so the page can pick
// them without a rebuild. The simulation runs in module workers. `npm run build` builds it into
// dist/viewer/, which `watchline view` serves. The vitest block holds the test config; its global
// setups compile the CLI into dist/cli/ first (for the tests that spawn bin/watchline.js) and print
// one line when the browser tests are skipped (no Chromium).
export default defineConfig({
  root: '.',
  plugins: [scenarioFiles()],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { outDir: 'dist/viewer', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/buildCli.ts', 'test/e2e/skipNotice.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
