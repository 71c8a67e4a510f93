#!/usr/bin/env node
// The CLI straight from the TypeScript sources through tsx, without a build (development only: not
// in the package). `npm run bench` compares its start-up with the compiled bin/watchline.js.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { run } = await import('../src/cli/main.ts');
await run(process.argv.slice(2));
