/** The output-folder contract: no overwrite without --force, no half-written files. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.ts';
import { createAtomicWriter, prepareOutDir, writeFileAtomic, writeFileAtomicSync } from '../../src/cli/outputs.ts';
import { tempDir } from '../config/helpers.ts';

describe('prepareOutDir', () => {
  it('creates a missing folder, accepts an empty one', () => {
    const base = tempDir('watchline-out-');
    const dir = path.join(base, 'a', 'b');
    expect(prepareOutDir(dir)).toBe(dir);
    expect(existsSync(dir)).toBe(true);
    expect(() => prepareOutDir(dir)).not.toThrow();
  });

  it('refuses a non-empty folder without force', () => {
    const dir = tempDir('watchline-out-');
    writeFileSync(path.join(dir, 'summary.json'), '{}');
    expect(() => prepareOutDir(dir)).toThrow(InputError);
    try {
      prepareOutDir(dir);
    } catch (e) {
      expect((e as InputError).message).toContain(dir);
      expect((e as InputError).message).toContain('--force');
    }
    expect(() => prepareOutDir(dir, { force: true })).not.toThrow();
    expect(readdirSync(dir)).toEqual(['summary.json']);
  });

  it('refuses a file in the way', () => {
    const dir = tempDir('watchline-out-');
    const f = path.join(dir, 'file');
    writeFileSync(f, 'x');
    expect(() => prepareOutDir(f, { force: true })).toThrow(/not a folder/);
  });
});

describe('atomic writes', () => {
  it('writeFileAtomic replaces the file and leaves no temp file', async () => {
    const dir = tempDir('watchline-out-');
    const f = path.join(dir, 'summary.json');
    writeFileSync(f, 'old');
    await writeFileAtomic(f, 'new');
    writeFileAtomicSync(path.join(dir, 'b.txt'), new Uint8Array([104, 105]));
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe('hi');
    expect(readdirSync(dir).sort()).toEqual(['b.txt', 'summary.json']);
  });

  it('a failed write leaves neither a partial file nor a temp file', async () => {
    const dir = tempDir('watchline-out-');
    mkdirSync(path.join(dir, 'taken'));
    // Renaming a file onto a folder fails.
    await expect(writeFileAtomic(path.join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('a streamed file appears only on commit; abort leaves nothing', async () => {
    const dir = tempDir('watchline-out-');
    const f = path.join(dir, 'attempts.csv');
    const w = createAtomicWriter(f);
    await w.write('id,detected\n');
    for (let i = 0; i < 1000; i++) await w.write(`${i},1\n`);
    expect(existsSync(f)).toBe(false);
    await w.commit();
    expect(readFileSync(f, 'utf8').split('\n')).toHaveLength(1002);
    const g = createAtomicWriter(path.join(dir, 'events.jsonl'));
    await g.write('{"t":1}\n');
    await g.abort();
    expect(readdirSync(dir)).toEqual(['attempts.csv']);
  });
});
