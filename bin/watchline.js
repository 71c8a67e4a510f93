#!/usr/bin/env node
// The `watchline` command: the compiled CLI in dist/cli/ (`npm run build`, run by `npm ci` through
// `prepare`; the published package ships it built). No TypeScript loader at run time.
if (process.env.WATCHLINE_DEBUG === '1') {
  // Stack traces then name src/… files and lines through dist/cli/*.js.map. Only modules loaded after
  // this call are mapped, hence before the import; off otherwise, as reading the maps costs start-up time.
  process.setSourceMapsEnabled(true);
}
const { run } = await import('../dist/cli/main.js');
await run(process.argv.slice(2));
