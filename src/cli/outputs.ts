/**
 * The output-folder contract (CONTRACT.md): an existing non-empty folder is not overwritten without
 * `--force`, and a result file appears complete or not at all — every file is written to a temporary
 * name in the same folder and renamed into place (rename is atomic within one file system), so an
 * interrupted or failed run leaves no half-written result behind.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync, type WriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../config/errors.ts';

/**
 * Makes sure `dir` can receive results: creates it (with parents) when missing; refuses a non-empty
 * existing folder unless `force`, and anything that is not a folder. Throws InputError (exit 2).
 * With `force`, files already there stay until a new file of the same name replaces them.
 */
export function prepareOutDir(dir: string, opts: { force?: boolean } = {}): string {
  let isDir = false;
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) {
      throw InputError.of({ file: dir, path: '', message: 'the output path exists and is not a folder', allowed: 'a new or empty folder' });
    }
    isDir = true;
  } catch (e) {
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw InputError.of({ file: dir, path: '', message: `cannot use the output folder: ${(e as Error).message}`, allowed: 'a writable folder' });
    }
  }
  if (isDir) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !opts.force) {
      throw InputError.of({
        file: dir,
        path: '',
        message: `the output folder exists and is not empty (${entries.length} entries)`,
        allowed: 'a new or empty folder, or --force to write into it anyway',
      });
    }
    return dir;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw InputError.of({ file: dir, path: '', message: `cannot create the output folder: ${(e as Error).message}`, allowed: 'a path where a folder can be created' });
  }
  return dir;
}

/** A temporary name next to `file`, hidden and unique to this process and call. */
function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to `file` atomically: temp file in the same folder, flushed to disk, then renamed. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempNameFor(file);
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Synchronous `writeFileAtomic`, for small files written at the end of a command. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const tmp = tempNameFor(file);
  try {
    writeFileSync(tmp, data, { flush: true });
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/** A file written piecewise (CSV rows, JSONL events) that appears under its name only on `commit()`. */
export interface AtomicWriter {
  /** Appends text; resolves when the stream has accepted it (respecting backpressure). */
  write(chunk: string): Promise<void>;
  /** Flushes, closes and renames into place. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file; the target is left as it was. Safe to call after a failure. */
  abort(): Promise<void>;
}

/** Opens an AtomicWriter for `file`. */
export function createAtomicWriter(file: string): AtomicWriter {
  const tmp = tempNameFor(file);
  const stream: WriteStream = createWriteStream(tmp, { flags: 'wx' });
  let failed: Error | null = null;
  stream.on('error', (e) => {
    failed = e;
  });
  let done = false;
  let committed = false;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      if (stream.closed) return failed ? reject(failed) : resolve();
      stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  return {
    write(chunk) {
      if (failed) return Promise.reject(failed);
      if (done) return Promise.reject(new Error(`write after commit/abort: ${file}`));
      return new Promise((resolve, reject) => {
        const ok = stream.write(chunk, (err) => (err ? reject(err) : undefined));
        if (ok) resolve();
        else stream.once('drain', () => resolve());
      });
    },
    async commit() {
      if (done) return;
      done = true;
      await close();
      if (failed) throw failed;
      await rename(tmp, file);
      committed = true;
    },
    async abort() {
      if (committed) return;
      done = true;
      await close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
    },
  };
}
