/**
 * The golden test (issue 7): the SHA-256 of events.jsonl and attempts.csv of a
 * fixed-seed run of the built-in default scenario, as `watchline run` writes them, is pinned in
 * eventLog.json. Any change of results — a model change, an optimisation that draws differently, a
 * rounding change — fails here, so that it is made on purpose and explained in CHANGELOG.md.
 *
 * To accept a deliberate change: WATCHLINE_UPDATE_GOLDEN=1 npx vitest run test/golden
 * rewrites eventLog.json; then add a CHANGELOG.md entry that says why results changed and quotes the
 * new hashes' first 12 hex digits (this test checks that the entry is there).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const goldenFile = path.join(import.meta.dirname, 'eventLog.json');
const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as { about: string; command: string[]; 'events.jsonl': string; 'attempts.csv': string };
const FILES = ['events.jsonl', 'attempts.csv'] as const;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const short = (h: string) => h.slice(0, 12);

describe('golden event log', () => {
  it(`watchline ${golden.command.join(' ')} writes exactly the pinned files`, () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'watchline-golden-')), 'run');
    const r = spawnSync(process.execPath, [path.join(root, 'bin/watchline.js'), ...golden.command, '--out', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = Object.fromEntries(FILES.map((f) => [f, sha256(path.join(out, f))])) as Record<(typeof FILES)[number], string>;
    const same = FILES.every((f) => got[f] === golden[f]);
    if (!same && process.env.WATCHLINE_UPDATE_GOLDEN === '1') {
      writeFileSync(goldenFile, JSON.stringify({ ...golden, ...got }, null, 2) + '\n');
      golden['events.jsonl'] = got['events.jsonl'];
      golden['attempts.csv'] = got['attempts.csv'];
    } else if (!same) {
      const rows = readFileSync(path.join(out, 'attempts.csv'), 'utf8').split('\n');
      expect.fail(
        [
          'The results of the fixed-seed default run changed:',
          ...FILES.map((f) => `  ${f}: pinned ${short(golden[f])}…, got ${short(got[f])}… (${got[f]})`),
          `  (the new attempts.csv starts: ${rows[1]})`,
          'If this is a bug, fix it. If the change is deliberate (a model change, an optimisation that draws',
          'differently, new rounding), accept it:',
          '  1. WATCHLINE_UPDATE_GOLDEN=1 npx vitest run test/golden      (rewrites test/golden/eventLog.json)',
          `  2. add an entry to CHANGELOG.md saying WHY results changed, quoting "golden ${short(got['events.jsonl'])}/${short(got['attempts.csv'])}"`,
          '  3. commit both with the change.',
        ].join('\n'),
      );
    }
  });

  it('CHANGELOG.md explains the pinned results', () => {
    const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    const tag = `golden ${short(golden['events.jsonl'])}/${short(golden['attempts.csv'])}`;
    expect(changelog.includes(tag), `CHANGELOG.md has no entry quoting "${tag}": say there why the results of the fixed-seed run changed (see test/golden/eventLog.test.ts).`).toBe(true);
  });
});
