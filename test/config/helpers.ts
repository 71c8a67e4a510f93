import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { InputError, type Problem } from '../../src/config/errors.ts';

/** A fresh temporary folder for one test file's fixtures. */
export function tempDir(prefix = 'watchline-config-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes `text` to `dir/name` and returns the path. */
export function writeFixture(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs `fn`, expects an InputError, and returns its problems. */
export function problemsOf(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/**
 * Expects `fn` to throw an InputError with a problem at `path`, whose formatted message names the
 * file, the field path and what is allowed. Returns that problem.
 */
export function expectProblem(
  fn: () => unknown,
  want: { file: string | RegExp; path: string; allowed: RegExp; message?: RegExp; got?: RegExp },
): Problem {
  let err: InputError | undefined;
  try {
    fn();
  } catch (e) {
    err = e as InputError;
  }
  expect(err, 'expected an InputError').toBeInstanceOf(InputError);
  const p = err!.problems.find((q) => q.path === want.path);
  expect(p, `no problem at ${want.path}; got:\n${err!.message}`).toBeDefined();
  if (typeof want.file === 'string') expect(p!.file).toContain(want.file);
  else expect(p!.file).toMatch(want.file);
  expect(p!.allowed).toMatch(want.allowed);
  if (want.message) expect(p!.message).toMatch(want.message);
  if (want.got) expect(p!.got).toMatch(want.got);
  // The text users see carries all of it.
  const text = err!.message;
  expect(text).toContain(p!.file);
  if (want.path) expect(text).toContain(`field ${want.path}`);
  expect(text).toContain(`Allowed: ${p!.allowed}`);
  return p!;
}
