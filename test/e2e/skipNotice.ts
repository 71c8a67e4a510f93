/**
 * Vitest global setup: when browser tests are skipped because Chromium is missing (harness.ts
 * `browserTestsEnabled`), `npm test` ends with ONE visible line saying so and how to get them, instead
 * of a skipped count that reads like success. Test files note a skip in a temporary file named by an
 * environment variable the workers inherit; the teardown prints the line and removes the file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SKIP_NOTE_ENV, skipNoticeLine } from './harness.ts';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-skip-'));
  const file = path.join(dir, 'skipped.txt');
  process.env[SKIP_NOTE_ENV] = file;
  return () => {
    const files = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
    rmSync(dir, { recursive: true, force: true });
    if (files > 0) process.stderr.write(`\n${skipNoticeLine(files)}\n`);
  };
}
