/**
 * The one way the CLI reads a file it was given: scene and sim-config files, a scene's data files
 * (GeoJSON, TopoJSON, DEM), the shard folders `merge` reads and a sweep's resume records. Each file is
 * opened once, the open descriptor is checked to be a regular file (fstat on the descriptor, so a
 * file swapped after a check cannot slip through), and at most its byte cap is ever read:
 *  - a device (`/dev/zero`), a FIFO, a socket or a folder is refused (exit 2) naming the file — a
 *    FIFO is opened non-blocking, so naming one never hangs waiting for a writer;
 *  - a file longer than its cap is refused before it is read, and one that grows while it is read
 *    is refused after reading cap + 1 bytes, never more.
 * Every failure is an InputError naming the file (or the field that named it) and what is allowed.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync, type ReadStream, type Stats } from 'node:fs';
import { InputError } from '../config/errors.ts';

/** Byte caps of the kinds of file the CLI reads. */
export const INPUT_CAPS = {
  /** Scene and sim-config files (hand-written YAML; the same cap as the viewer's). */
  source: 1024 * 1024,
  /** A border line (GeoJSON) or a TopoJSON atlas: Natural Earth 1:10m is 3.6 MB. */
  geometry: 256 * 1024 * 1024,
  /** A GeoTIFF elevation model (a 1° SRTM tile at 1″ is 26 MB; whole countries at 3″ a few hundred). */
  dem: 1024 * 1024 * 1024,
  /** A shard's summary.json or sweep.json, a sweep's record of one point. */
  record: 256 * 1024 * 1024,
  /** A shard's attempts.csv or events.jsonl (streamed, never held in memory): 10^8 attempts ≈ 20 GB. */
  rows: 64 * 1024 * 1024 * 1024,
} as const;

/** Where a problem with the file is reported, and how the file is called in the message. */
export interface InputFileBlame {
  /** The file the message names first: the file itself, or the scene that named it. */
  file: string;
  /** The field that named the file ('' for the file itself). */
  path: string;
  /** The file in the sentence: 'the file' or `the file "dem.tif"`. */
  what?: string;
  /** What kind of file is wanted, for "Allowed:", e.g. 'YAML or JSON file' (default 'file'). */
  kind?: string;
  /** Added after the reason, e.g. ' (resolved relative to scenes)'. */
  note?: string;
}

function fail(b: InputFileBlame, reason: string, allowed: string): never {
  throw InputError.of({ file: b.file, path: b.path, message: `${b.what ?? 'the file'} ${reason}${b.note ?? ''}`, allowed });
}

const capText = (b: InputFileBlame, maxBytes: number) => `a ${b.kind ?? 'file'} of at most ${maxBytes} bytes (${humanBytes(maxBytes)})`;

function kindOf(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'is a folder';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

function openError(e: unknown, b: InputFileBlame): never {
  const err = e as NodeJS.ErrnoException;
  const allowed = `an existing, readable ${b.kind ?? 'file'}`;
  switch (err.code) {
    case 'ENOENT':
      return fail(b, 'does not exist', allowed);
    case 'EACCES':
    case 'EPERM':
      return fail(b, 'cannot be read (permission denied)', allowed);
    case 'ENOTDIR':
      return fail(b, 'cannot be read: a folder on its path is a file', allowed);
    case 'ELOOP':
      return fail(b, 'cannot be read: its symbolic links form a loop', allowed);
    case 'EISDIR':
      return fail(b, 'is a folder', allowed);
    case 'ENAMETOOLONG':
      return fail(b, 'cannot be read: the name is too long', allowed);
    default:
      return fail(b, `cannot be read (${err.code ?? err.message})`, allowed);
  }
}

/**
 * Opens `file` for reading and checks the descriptor: a regular file of at most `maxBytes`. Returns
 * the descriptor (the caller closes it) and the size. Throws InputError otherwise.
 */
export function openInputFile(file: string, maxBytes: number, b: InputFileBlame): { fd: number; size: number } {
  if (file === '') fail(b, 'is an empty path', `the name of a ${b.kind ?? 'file'}`);
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    return openError(e, b);
  }
  try {
    const st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind) fail(b, kind, `a regular ${b.kind ?? 'file'} (not a folder, device or pipe)`);
    if (st.size > maxBytes) fail(b, `is ${st.size} bytes long`, capText(b, maxBytes));
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Reads a whole regular file of at most `maxBytes` (see openInputFile). */
export function readInputFileSync(file: string, maxBytes: number, b: InputFileBlame): Buffer {
  const { fd, size } = openInputFile(file, maxBytes, b);
  try {
    // One byte more than the cap, to notice a file that grew after fstat.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes, size) + 1);
    let n = 0;
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        return fail(b, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, `a readable ${b.kind ?? 'file'}`);
      }
      if (got === 0) break;
      n += got;
      if (n === buf.length) {
        if (n > maxBytes) fail(b, `grew beyond ${maxBytes} bytes while it was read`, capText(b, maxBytes));
        // Still within the cap: it grew after fstat; the cap bounds how far this goes.
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, 2 * buf.length));
        buf.copy(bigger, 0, 0, n);
        return readRest(fd, bigger, n, maxBytes, b);
      }
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function readRest(fd: number, buf: Buffer, n: number, maxBytes: number, b: InputFileBlame): Buffer {
  for (;;) {
    const got = readSync(fd, buf, n, buf.length - n, null);
    if (got === 0) return buf.subarray(0, n);
    n += got;
    if (n > maxBytes) fail(b, `grew beyond ${maxBytes} bytes while it was read`, capText(b, maxBytes));
    if (n === buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, 2 * buf.length));
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
  }
}

/** The async form of readInputFileSync, for the world builder's file reader. */
export async function readInputFile(file: string, maxBytes: number, b: InputFileBlame): Promise<Buffer> {
  return readInputFileSync(file, maxBytes, b);
}

/**
 * A stream of a regular file of at most `maxBytes`, opened and checked now (see openInputFile); the
 * stream reads from that descriptor and closes it.
 */
export function inputFileStream(file: string, maxBytes: number, b: InputFileBlame): ReadStream {
  const { fd } = openInputFile(file, maxBytes, b);
  return createReadStream('', { fd, autoClose: true, start: 0, end: maxBytes });
}

/** The text of a file's bytes: UTF-8 (a BOM is dropped); another encoding is refused, named. */
export function decodeUtf8(bytes: Uint8Array, b: InputFileBlame): string {
  const enc = otherEncoding(bytes);
  if (enc) fail(b, `is ${enc} encoded`, 'UTF-8 text (save the file as UTF-8)');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstBadUtf8(bytes);
    return fail(b, `is not UTF-8 text (invalid byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at})`, 'UTF-8 text (save the file as UTF-8)');
  }
}

/** UTF-16 or UTF-32, told by a byte-order mark or by the zero bytes of ASCII text in it; else null. */
export function otherEncoding(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return 'UTF-32 (big-endian)';
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return 'UTF-32 (little-endian)';
  if (a === 0xfe && b === 0xff) return 'UTF-16 (big-endian)';
  if (a === 0xff && b === 0xfe) return 'UTF-16 (little-endian)';
  // No mark: ASCII in UTF-16 puts a zero byte in every pair.
  if (bytes.length >= 4) {
    let evenZeros = 0;
    let oddZeros = 0;
    const n = Math.min(bytes.length & ~1, 512);
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZeros++;
      if (bytes[i + 1] === 0) oddZeros++;
    }
    if (oddZeros > n / 4 && evenZeros === 0) return 'UTF-16 (little-endian, no byte-order mark)';
    if (evenZeros > n / 4 && oddZeros === 0) return 'UTF-16 (big-endian, no byte-order mark)';
  }
  return null;
}

/** Offset of the first byte that does not start or continue a UTF-8 sequence (for the message). */
function firstBadUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let j = 1; j < len; j++) if (i + j >= bytes.length || (bytes[i + j] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return 0;
}

export function humanBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
