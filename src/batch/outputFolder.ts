/**
 * Output folders appear complete or not at all: a command writes into a hidden sibling
 * folder and renames it into place when everything is written. A failed or interrupted run removes its
 * temporary folder; an existing folder is replaced only with --force.
 */
import { accessSync, constants as fsConstants, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, type Stats } from 'node:fs';
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

const OUT_ALLOWED = 'a new folder (or an empty one), or an existing one with --force';

function outProblem(outDir: string, message: string, allowed = OUT_ALLOWED): InputError {
  return InputError.of({ file: outDir === '' ? '--out ""' : outDir, path: '--out', message, allowed });
}

/**
 * Checks the output location before any work is done, so a run never computes for an hour and then
 * fails to publish (exit 2 naming --out): not empty, not the working folder or one above it, not a
 * symbolic link (dangling or not: the staged folder would replace the link, not fill its target),
 * not a file, not under a file, and a folder this process may write into on a writable file system.
 * An existing non-empty folder needs `force`.
 */
export function checkOutDir(outDir: string, force: boolean): void {
  if (outDir.trim() === '') throw outProblem(outDir, 'the output folder is an empty name', 'a folder name, e.g. --out out/run1');
  const abs = path.resolve(outDir);
  const cwd = process.cwd();
  if (abs === cwd || cwd.startsWith(abs.endsWith(path.sep) ? abs : abs + path.sep) || path.dirname(abs) === abs) {
    throw outProblem(outDir, `the output folder is the working folder or a folder above it (${abs}), which a result cannot replace`, 'a new folder for the results, e.g. --out out/run1');
  }
  let st: Stats | null = null;
  try {
    st = lstatSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw outProblem(outDir, `the output folder lies under a file (${nearestExisting(abs)})`, 'a folder whose parents are folders');
    if (code !== 'ENOENT') throw outProblem(outDir, `the output folder cannot be examined (${code})`);
  }
  if (st) {
    if (st.isSymbolicLink()) {
      const dangling = !existsSync(abs);
      throw outProblem(outDir, `the output path is a symbolic link${dangling ? ' to nothing (dangling)' : ''}`, 'a real folder (not a link), new or existing with --force');
    }
    if (!st.isDirectory()) throw outProblem(outDir, 'the output path exists and is not a folder', OUT_ALLOWED);
    if (readdirSync(abs).length > 0 && !force) throw outProblem(outDir, 'the output folder exists and is not empty', 'a new folder, or --force to replace it');
  }
  // The results are staged beside the folder and renamed into place: its parent must be writable.
  const parent = nearestExisting(path.dirname(abs));
  let pst: Stats;
  try {
    pst = statSync(parent);
  } catch (e) {
    throw outProblem(outDir, `the output folder's parent ${parent} cannot be examined (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!pst.isDirectory()) throw outProblem(outDir, `the output folder lies under a file (${parent})`, 'a folder whose parents are folders');
  try {
    accessSync(parent, fsConstants.W_OK | fsConstants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS') throw outProblem(outDir, `the output folder would lie on a read-only file system (${parent})`, 'a folder on a writable file system');
    throw outProblem(outDir, `no permission to create folders in ${parent} (${code})`, 'a folder where you may write');
  }
  const probe = probeFolder(parent);
  if (probe === 'EROFS') throw outProblem(outDir, `the output folder would lie on a read-only file system (${parent})`, 'a folder on a writable file system');
  if (probe !== null) throw outProblem(outDir, `a folder cannot be created in ${parent} (${probe})`, 'a folder where you may write, on a writable file system');
}

/** The path itself or its nearest ancestor that exists (lstat). */
function nearestExisting(p: string): string {
  for (let q = p; ; q = path.dirname(q)) {
    try {
      lstatSync(q);
      return q;
    } catch {
      if (path.dirname(q) === q) return q;
    }
  }
}

/**
 * Creates and removes a hidden folder in `dir`: null when that works, else the error code (EROFS on
 * a read-only file system, which root passes access(W_OK) on; ENOENT in /proc…). Node's statfs has
 * no mount flags, and only trying tells for sure.
 */
function probeFolder(dir: string): string | null {
  const probe = path.join(dir, `.watchline-probe-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'error';
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
  const staged = path.join(parent, `.${path.basename(path.resolve(outDir))}.partial-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(parent, { recursive: true });
    removeStaleStaging(outDir);
    mkdirSync(staged);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOENT') {
      throw outProblem(outDir, `the output folder cannot be created (${code})`, 'a new folder where you may write, on a writable file system');
    }
    throw e;
  }
  let done = false;
  return {
    dir: staged,
    commit() {
      if (done) return;
      // Another process may have published into the same folder while this one ran.
      if (!force && existsSync(outDir) && readdirSync(outDir).length > 0) {
        done = true;
        rmSync(staged, { recursive: true, force: true });
        throw outProblem(outDir, 'another process wrote into the output folder while this one ran; its results are kept and these were discarded', 'one --out per run, or --force');
      }
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
