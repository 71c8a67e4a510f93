#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only NAME]`: runs bench/main.ts through tsx (TypeScript sources,
// no build step).
import { register } from 'tsx/esm/api';

register();
await import('../bench/main.ts');
