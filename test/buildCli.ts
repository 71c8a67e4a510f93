/**
 * Vitest global setup: compiles the CLI into dist/cli/ before any test runs, so the tests that spawn
 * bin/watchline.js run what users run, built from the sources under test — never a stale build.
 * Unchanged files are not rewritten, so a second test run in the same tree does not disturb this one.
 */
import { buildCli } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
