/** The package version, for `--version` and the `watchline` field of result files. */
import { readFileSync } from 'node:fs';

export const WATCHLINE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
