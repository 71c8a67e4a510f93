/**
 * Output folders appear complete or not at all: a command writes into a hidden sibling
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

/** Whether a process with this id is running (EPERM: it is, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Name of a staging folder for `outDir`: `.NAME.partial-PID-MS` (`.old` while a forced replace swaps). */
const STAGING = /^\.(.+)\.partial-(\d+)-\d+(\.old)?$/;

/**
 * Removes the staging folders a killed run (SIGKILL, power loss) left beside `outDir`: hidden
 * `.NAME.partial-PID-…` folders of the same NAME whose process is gone. They never hold a result —
 * only a run that finished renames its folder into place — and they are never mistaken for one, being
 * hidden and named `partial`. A folder of a live process (another run into the same NAME) is left
 * alone. Returns the folders removed.
 */
export function removeStaleStaging(outDir: string): string[] {
  const parent = path.dirname(path.resolve(outDir));
  const name = path.basename(path.resolve(outDir));
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const e of entries) {
    const m = STAGING.exec(e);
    if (!m || m[1] !== name) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || processAlive(pid)) continue;
    rmSync(path.join(parent, e), { recursive: true, force: true });
    removed.push(path.join(parent, e));
  }
  return removed;
}

/**
 * Renames a finished folder to `outDir`. An existing `outDir` (a forced replace) is first moved
 * aside to `staged.old`, so a crash between the renames loses nothing, and removed afterwards.
 */
export function publishFolder(staged: string, outDir: string): void {
  if (existsSync(outDir)) {
    const old = `${staged}.old`;
    rmSync(old, { recursive: true, force: true });
    renameSync(outDir, old);
    renameSync(staged, outDir);
    rmSync(old, { recursive: true, force: true });
  } else renameSync(staged, outDir);
}

export function stageOutDir(outDir: string, force: boolean): StagedFolder {
  checkOutDir(outDir, force);
  const parent = path.dirname(path.resolve(outDir));
  mkdirSync(parent, { recursive: true });
  removeStaleStaging(outDir);
  const staged = path.join(parent, `.${path.basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  mkdirSync(staged);
  let done = false;
  return {
    dir: staged,
    commit() {
      if (done) return;
      publishFolder(staged, outDir);
      done = true;
    },
    abort() {
      if (done) return;
      done = true;
      rmSync(staged, { recursive: true, force: true });
    },
  };
}
