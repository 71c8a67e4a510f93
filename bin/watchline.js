#!/usr/bin/env node
// The `watchline` command. It runs the TypeScript sources directly: tsx registers a loader for .ts
// imports (no build step), using the repository's tsconfig whatever the working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { run } = await import('../src/cli/main.ts');
await run(process.argv.slice(2));
