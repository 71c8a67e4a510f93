/**
 * Where a worker thread starts. The installed package runs compiled JavaScript (dist/cli/, built by
 * scripts/build.mjs), whose worker entries lie beside the code that starts them; the sources (vitest,
 * `npm run bench`) start a small boot file that registers the TypeScript loader (tsx) first, because
 * a worker thread does not inherit its parent's loader.
 */

/** The worker modules: src/batch/<name>.ts, compiled to dist/cli/<name>.js. */
export type WorkerName = 'worker';

/** The boot file (next to this module in src/batch/) that loads each worker from the sources through tsx. */
const SOURCE_BOOT: Record<WorkerName, string> = {
  worker: './workerBoot.mjs',
};

/** Whether this module runs as TypeScript source (tsx, vitest) rather than from the compiled package. */
export function runningFromSources(moduleUrl: string = import.meta.url): boolean {
  return /\.[cm]?tsx?$/.test(new URL(moduleUrl).pathname);
}

/**
 * The `execArgv` of a worker thread: with WATCHLINE_DEBUG=1 in the compiled package, the parent's
 * options plus source maps, so a worker's stack trace names the TypeScript sources as the main
 * thread's does (bin/watchline.js turns them on there; a worker does not inherit that). Otherwise
 * undefined: the worker inherits the parent's options, as by default.
 */
export function workerExecArgv(moduleUrl: string = import.meta.url, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  return !runningFromSources(moduleUrl) && env.WATCHLINE_DEBUG === '1' ? [...process.execArgv, '--enable-source-maps'] : undefined;
}

/**
 * The URL to hand `new Worker(…)` for worker `name`. The compiled bundle keeps every chunk in
 * dist/cli/, so `./<name>.js` resolves there whichever chunk this code ends up in.
 */
export function workerEntry(name: WorkerName, moduleUrl: string = import.meta.url): URL {
  return runningFromSources(moduleUrl) ? new URL(SOURCE_BOOT[name], moduleUrl) : new URL(`./${name}.js`, moduleUrl);
}
