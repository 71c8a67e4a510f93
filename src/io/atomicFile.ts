/**
 * One file written atomically: to a hidden temporary name in the same folder, flushed, then renamed
 * into place (a rename is atomic within one file system). A reader — or a resumed sweep — sees the
 * old file or the new one, never a torn one. Whole output folders are staged the same way by
 * src/batch/outputFolder.ts.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A temporary name next to `file`, hidden and unique to this process and call. */
function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to `file` atomically; on failure the temporary file is removed and `file` is untouched. */
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
