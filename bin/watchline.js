#!/usr/bin/env node
// The `watchline` command: the compiled CLI in dist/cli/ (`npm run build`, run by `npm ci` through
// `prepare`; the published package ships it built). No TypeScript loader at run time.
import { existsSync, readdirSync, statSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
const sources = new URL('../src/', import.meta.url);
// In a clone (the package ships no src/), say so when the build is missing or older than the sources
// rather than silently run old code. A few milliseconds; none in an installed package.
if (existsSync(sources)) {
  const built = statSync(main, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) {
    process.stderr.write('watchline: the CLI is not built (no dist/cli/main.js): run `npm run build`\n');
    process.exit(1);
  }
  const changed = readdirSync(sources, { recursive: true, withFileTypes: true }).some((e) => e.isFile() && statSync(`${e.parentPath ?? e.path}/${e.name}`).mtimeMs > built);
  if (changed) process.stderr.write('watchline: src/ changed after the last build; running the old build (run `npm run build`)\n');
}
if (process.env.WATCHLINE_DEBUG === '1') {
  // Stack traces then name src/… files and lines through dist/cli/*.js.map. Only modules loaded after
  // this call are mapped, hence before the import; off otherwise, as reading the maps costs start-up time.
  process.setSourceMapsEnabled(true);
}
const { run } = await import(main.href);
await run(process.argv.slice(2));
