/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The viewer is served from src/viewer; scenes/ and sim-configs/ are served as static files so the
// page can pick them without a rebuild. The vitest block holds the test config (STYLE.md §12).
export default defineConfig({
  root: '.',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
