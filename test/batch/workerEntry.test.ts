import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_DIR, CLI_ENTRIES } from '../../scripts/build.mjs';
import { runningFromSources, workerEntry, workerExecArgv, type WorkerName } from '../../src/batch/workerEntry.ts';

const NAMES: WorkerName[] = ['worker'];

describe('workerEntry', () => {
  it('tells sources from compiled code by the module file', () => {
    expect(runningFromSources('file:///repo/src/batch/workerEntry.ts')).toBe(true);
    expect(runningFromSources('file:///pkg/dist/cli/chunk-ABC123.js')).toBe(false);
    expect(runningFromSources('file:///pkg/dist/cli/main.js')).toBe(false);
    // This test runs the sources.
    expect(runningFromSources()).toBe(true);
  });

  it('starts the tsx boot files from the sources and the compiled entries from dist/cli/', () => {
    expect(workerEntry('worker', 'file:///repo/src/batch/workerEntry.ts').href).toBe('file:///repo/src/batch/workerBoot.mjs');
    expect(workerEntry('worker', 'file:///pkg/dist/cli/chunk-ABC123.js').href).toBe('file:///pkg/dist/cli/worker.js');
  });

  it('turns on source maps in the compiled package\'s workers only under WATCHLINE_DEBUG=1', () => {
    const compiled = 'file:///pkg/dist/cli/chunk-ABC123.js';
    expect(workerExecArgv(compiled, { WATCHLINE_DEBUG: '1' })).toEqual([...process.execArgv, '--enable-source-maps']);
    expect(workerExecArgv(compiled, { WATCHLINE_DEBUG: '' })).toBeUndefined();
    expect(workerExecArgv(compiled, {})).toBeUndefined();
    // From the sources, tsx maps the stacks already.
    expect(workerExecArgv('file:///repo/src/batch/workerEntry.ts', { WATCHLINE_DEBUG: '1' })).toBeUndefined();
  });

  it('names files that exist: the boot files here, and the entries the build makes (built by the global setup)', () => {
    for (const name of NAMES) {
      expect(existsSync(fileURLToPath(workerEntry(name))), name).toBe(true);
      expect(CLI_ENTRIES[name], name).toBe(`src/batch/${name}.ts`);
      expect(existsSync(`${CLI_DIR}/${name}.js`), name).toBe(true);
    }
  });
});
