#!/usr/bin/env node
/**
 * `npm run build` (also run by `prepare`, so `npm ci` leaves a ready tree): compiles what the installed
 * package runs, so no TypeScript loader is needed at run time.
 *
 *  - dist/cli/: the CLI (src/cli/main.ts) and the worker-thread entry (src/batch/worker.ts),
 *    bundled by esbuild as ES modules sharing chunks; npm packages stay
 *    imports (they are the package's dependencies). Source maps point at src/, so stack traces under
 *    WATCHLINE_DEBUG=1 name the TypeScript files and lines.
 *  - dist/viewer/: the 3D viewer, built by `vite build` (vite.config.ts), served by `watchline view`.
 *
 * Every file lies exactly two folders below the package root (dist/cli/…), as src/cli/… does: modules
 * that find package files by `new URL('../../…', import.meta.url)` (src/io/version.ts,
 * src/cli/packageFiles.ts) work from both.
 *
 * `node scripts/build.mjs --cli` builds only dist/cli/ (the tests' global setup: a fraction of a second).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = path.join(ROOT, 'dist/cli');
export const VIEWER_DIR = path.join(ROOT, 'dist/viewer');

/** Entry name (file dist/cli/<name>.js) → source. src/batch/workerEntry.ts names the worker files. */
export const CLI_ENTRIES = {
  main: 'src/cli/main.ts',
  worker: 'src/batch/worker.ts',
};

/**
 * Bundles the CLI and workers into dist/cli/. Files are written only when their bytes change, each by
 * rename (never half-written), and files of an earlier build that this one no longer makes are removed:
 * a test run rebuilding while another reads dist/cli/ sees whole files only.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: CLI_ENTRIES,
    outdir: CLI_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${pkg.engines.node.replace(/^>=/, '')}`,
    // Dependencies are imported from node_modules at run time, as the sources do.
    packages: 'external',
    sourcemap: 'linked',
    // The maps name src/…; the sources themselves are not shipped, so keep the maps small.
    sourcesContent: false,
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(CLI_DIR, { recursive: true });
  const made = new Set();
  for (const file of result.outputFiles) {
    made.add(path.basename(file.path));
    let old = null;
    try {
      old = readFileSync(file.path);
    } catch {
      // a new file
    }
    if (old && Buffer.compare(old, file.contents) === 0) continue;
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  for (const name of readdirSync(CLI_DIR)) {
    if (!made.has(name) && !name.endsWith('.tmp')) rmSync(path.join(CLI_DIR, name), { force: true });
  }
  // main.js's time is the build's time even when its bytes did not change: bin/watchline.js compares
  // it with the sources' to tell a clone's user that the build is older than the code.
  const now = new Date();
  utimesSync(path.join(CLI_DIR, 'main.js'), now, now);
  return [...made];
}

/** Builds the viewer into dist/viewer/ with vite (vite.config.ts). */
export async function buildViewer() {
  const { build } = await import('vite');
  await build({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    // The timings notice (the worker-URL transform is slow on a busy machine) is no warning about the build.
    build: { outDir: VIEWER_DIR, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cliOnly = process.argv.includes('--cli');
  const t0 = performance.now();
  await buildCli();
  if (!cliOnly) await buildViewer();
  process.stderr.write(`watchline build: dist/cli/${cliOnly ? '' : ' and dist/viewer/'} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
