/**
 * Where the pool's worker threads start: the one place that names the boot file. Worker threads
 * start without the parent's TypeScript loader, so the boot file registers tsx and then loads
 * worker.ts; a build that ships compiled JavaScript points this at its compiled worker instead.
 */
export function workerEntry(): URL {
  return new URL('./workerBoot.mjs', import.meta.url);
}
