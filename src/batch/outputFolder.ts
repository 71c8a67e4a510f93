/**
 * Output folders appear complete or not at all (CONTRACT.md): a command writes into a hidden sibling
 * folder and renames it into place when everything is written. A failed or interrupted run removes its
 * temporary folder; an existing folder is replaced only with --force.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../config/errors.ts';

export interface StagedFolder {
  /** Where to write the files now. */
  readonly dir: string;
  /** Moves the staged folder to its final name (replacing an old one when forced). */
  commit(): void;
  /** Deletes the staged folder. Safe to call twice or after commit. */
  abort(): void;
}

/** Refuses an existing non-empty folder without force (exit 2), before any work is done. */
export function checkOutDir(outDir: string, force: boolean): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    throw InputError.of({ file: outDir, path: '--out', message: 'the output path exists and is not a folder', allowed: 'a new folder, or an existing one with --force' });
  }
  if (readdirSync(outDir).length > 0 && !force) {
    throw InputError.of({ file: outDir, path: '--out', message: 'the output folder exists and is not empty', allowed: 'a new folder, or --force to replace it' });
  }
}

export function stageOutDir(outDir: string, force: boolean): StagedFolder {
  checkOutDir(outDir, force);
  const parent = path.dirname(path.resolve(outDir));
  mkdirSync(parent, { recursive: true });
  const staged = path.join(parent, `.${path.basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  mkdirSync(staged);
  let done = false;
  return {
    dir: staged,
    commit() {
      if (done) return;
      if (existsSync(outDir)) {
        // Forced: move the old folder aside first so a crash between the renames loses nothing.
        const old = `${staged}.old`;
        renameSync(outDir, old);
        renameSync(staged, outDir);
        rmSync(old, { recursive: true, force: true });
      } else renameSync(staged, outDir);
      done = true;
    },
    abort() {
      if (done) return;
      done = true;
      rmSync(staged, { recursive: true, force: true });
    },
  };
}
