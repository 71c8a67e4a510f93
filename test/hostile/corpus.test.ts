/**
 * The hostile corpus (issue 15), in process: every case of cases.ts through the CLI's `main`, each
 * under its own timeout. A case passes when it exits as promised (2 for bad input, never 1), its
 * message holds the expected words, and a refusal wrote nothing. Signals, hangs and concurrent
 * outputs need real processes: signals.test.ts.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from './cases.ts';
import { corpusRoot, judge, prepareCase, runCli } from './harness.ts';

const root = corpusRoot();
afterAll(() => rmSync(root, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

describe('hostile corpus', () => {
  it('has at least 150 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it.skipIf(c.notRoot && isRoot)(`[${c.class}] ${c.name}`, { timeout: c.timeoutMs ?? 30_000 }, async () => {
      const d = await prepareCase(c, root);
      const r = await runCli(c.argv.map((a) => a.replaceAll('{d}', d)));
      const bad = judge(c, d, r);
      expect(bad, `${c.name}\nexit ${r.code}\nstderr: ${r.stderr.slice(0, 1500)}`).toEqual([]);
    });
  }
});
