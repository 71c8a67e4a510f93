/**
 * The hostile corpus's runner: each case gets a fresh folder, its files (text, bytes, symbolic links,
 * FIFOs, folders), the commands it needs first (shards to merge…) and edits to their outputs, then the
 * command under test runs IN PROCESS — the CLI's `main(argv)` with stdout and stderr captured — and
 * the outcome is checked against the case: exit code, words in the message, no internal error, and
 * for a refusal nothing written (no output folder, no staging folder left beside it).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { main } from '../../src/cli/main.ts';

/** A file of a case: text, bytes, or something that is not a regular file. */
export type FileSpec = string | Uint8Array | { symlink: string } | { fifo: true } | { dir: true };

/** An edit of what the `pre` commands wrote, before the command under test runs. */
export type Edit =
  | { truncate: string; keep: number } // keep this share (0…1) of the bytes
  | { replace: string; from: string | RegExp; to: string }
  | { remove: string }
  | { write: string; content: FileSpec }
  | { chmod: string; mode: number };

export interface HostileCase {
  /** Short, unique. */
  name: string;
  /** The issue class it belongs to (or our own family). */
  class: string;
  files?: Record<string, FileSpec>;
  /** Commands run first (in process); each must exit 0. `{d}` is the case's folder. */
  pre?: string[][];
  edits?: Edit[];
  /** Commands run after the edits (in process); each must exit 0. */
  then?: string[][];
  argv: string[];
  exit: number;
  /** Words (or patterns) the stderr must hold. */
  words?: (string | RegExp)[];
  /** A refusal writes nothing: this path (default `{d}/out`) must not exist afterwards. */
  nothingAt?: string | false;
  /** For an accepted case: a file that must exist afterwards. */
  produces?: string;
  timeoutMs?: number;
  /** Skip when running as root (permissions do not bind root). */
  notRoot?: boolean;
}

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured output; the exit code is what `main` returns. */
export async function runCli(argv: readonly string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const ow = process.stdout.write;
  const ew = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  process.exitCode = undefined;
  let code: number;
  try {
    code = await main(argv);
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
    process.exitCode = undefined;
  }
  return { code, stdout, stderr };
}

const fill = (s: string, d: string) => s.replaceAll('{d}', d);

function writeSpec(file: string, spec: FileSpec, d: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  if (typeof spec === 'string') writeFileSync(file, fill(spec, d));
  else if (spec instanceof Uint8Array) writeFileSync(file, spec);
  else if ('symlink' in spec) symlinkSync(fill(spec.symlink, d), file);
  else if ('fifo' in spec) execFileSync('mkfifo', [file]);
  else mkdirSync(file, { recursive: true });
}

function applyEdit(e: Edit, d: string): void {
  if ('truncate' in e) {
    const f = path.join(d, e.truncate);
    truncateSync(f, Math.floor(readFileSync(f).length * e.keep));
  } else if ('replace' in e) {
    const f = path.join(d, e.replace);
    writeFileSync(f, readFileSync(f, 'utf8').replace(e.from, e.to));
  } else if ('remove' in e) rmSync(path.join(d, e.remove), { recursive: true, force: true });
  else if ('write' in e) {
    rmSync(path.join(d, e.write), { recursive: true, force: true });
    writeSpec(path.join(d, e.write), e.content, d);
  } else chmodSync(path.join(d, e.chmod), e.mode);
}

/** Prepares a case's folder: files, pre-commands, edits. Returns the folder. */
export async function prepareCase(c: HostileCase, root: string): Promise<string> {
  const d = mkdtempSync(path.join(root, `${c.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}-`));
  for (const [name, spec] of Object.entries(c.files ?? {})) writeSpec(path.join(d, name), spec, d);
  for (const argv of c.pre ?? []) {
    if (argv[0] === '@interrupted-sweep') {
      await interruptedSweep(fill(argv[1], d), fill(argv[2], d));
      continue;
    }
    const r = await runCli(argv.map((a) => fill(a, d)));
    if (r.code !== 0) throw new Error(`case ${c.name}: setup command ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  }
  for (const e of c.edits ?? []) applyEdit(e, d);
  for (const argv of c.then ?? []) {
    const r = await runCli(argv.map((a) => fill(a, d)));
    if (r.code !== 0) throw new Error(`case ${c.name}: command ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  }
  return d;
}

/** A sweep of `config` into `out` stopped (as by a kill) after its first point-repetition. */
async function interruptedSweep(config: string, out: string): Promise<void> {
  const [{ loadScenario }, { runSweep }] = await Promise.all([import('../../src/config/load.ts'), import('../../src/batch/sweepRun.ts')]);
  const scenario = loadScenario({ configPath: config });
  const stop = new Error('stopped by the corpus');
  try {
    await runSweep({ scenario, outDir: out, force: false, workers: 1, onUnit: () => { throw stop; } });
  } catch (e) {
    if (e !== stop) throw e;
    return;
  }
  throw new Error('the sweep was not interrupted');
}

/** What went wrong with a case's outcome ([] when it behaved as promised). */
export function judge(c: HostileCase, d: string, r: Outcome): string[] {
  const bad: string[] = [];
  if (r.code !== c.exit) bad.push(`exit ${r.code}, expected ${c.exit}`);
  if (/internal error/.test(r.stderr)) bad.push('an internal error');
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(r.stderr)) bad.push('a stack trace');
  for (const w of c.words ?? []) {
    if (typeof w === 'string' ? !r.stderr.includes(fill(w, d)) : !w.test(r.stderr)) bad.push(`no ${String(w)} in the message`);
  }
  if (c.exit !== 0 && c.nothingAt !== false) {
    const at = fill(c.nothingAt ?? '{d}/out', d);
    if (existsSync(at) || isLink(at)) bad.push(`${at} was written`);
    const parent = path.dirname(at);
    const staged = isDir(parent) ? readdirSync(parent).filter((f) => f.startsWith(`.${path.basename(at)}.partial-`)) : [];
    if (staged.length) bad.push(`staging folders left: ${staged.join(', ')}`);
  }
  if (c.produces && !existsSync(fill(c.produces, d))) bad.push(`${c.produces} was not written`);
  return bad;
}

function isDir(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export function corpusRoot(): string {
  return mkdtempSync(path.join(tmpdir(), 'watchline-hostile-'));
}

// ---- fixtures ---------------------------------------------------------------------------------

/** A small flat scene: a 4 km straight line, foot attempts only. */
export const SCENE = 'border:\n  line: { type: straight, lengthKm: 4 }\nterrain: { type: flat }\nthreats: [ { kind: foot, share: 1 } ]\nstrip: { approachM: 800, depthM: 600 }\n';

/** A fast config on scene.yaml: ideal all-round sensors, 40 attempts. */
export const CONFIG = 'scene: scene.yaml\ntowers: { spacingM: 1000 }\ncameras: [ { sensor: ideal, rangeM: 800, fovDeg: 360 } ]\nrun: { attempts: 40, seed: 1, stepS: 1 }\n';

/** A sweep config on scene.yaml: two spacings. */
export const SWEEP = CONFIG + 'sweep: { towers.spacingM: [1000, 2000] }\n';

/** A 4 km line of longitude/latitude (west to east at 35.02° N) and scenes naming it. */
export const LINE = JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[40.008, 35.02], [40.03, 35.021], [40.052, 35.02]] } });
export const lineOf = (coords: number[][]) => JSON.stringify({ type: 'LineString', coordinates: coords });
export const GEO_SCENE = 'border:\n  line: { type: geojson, file: line.geojson }\nterrain: { type: flat }\nthreats: [ { kind: foot, share: 1 } ]\nstrip: { approachM: 800, depthM: 600 }\n';
export const DEM_SCENE = 'border:\n  line: { type: geojson, file: line.geojson }\nterrain: { type: dem, file: dem.tif }\nthreats: [ { kind: foot, share: 1 } ]\nstrip: { approachM: 800, depthM: 600 }\n';

/** A GeoTIFF DEM over 40.00–40.06° E, 35.00–35.04° N (0.0005° pixels), heights from `f`. */
export function demTiff(f: (c: number, r: number) => number = (c, r) => 200 + ((c * 7 + r * 13) % 11), w = 120, h = 80, extra: Record<string, unknown> = {}): Uint8Array {
  const values = new Float32Array(w * h);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) values[r * w + c] = f(c, r);
  return new Uint8Array(
    writeArrayBuffer(values, {
      width: w,
      height: h,
      ModelPixelScale: [0.0005, 0.0005, 0],
      ModelTiepoint: [0, 0, 0, 40.0, 35.04, 0],
      GeographicTypeGeoKey: 4326,
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
      ...extra,
    }),
  );
}

/** Text as UTF-16 (little- or big-endian), with or without a byte-order mark. */
export function utf16(text: string, be = false, bom = true): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  if (be) for (let i = 0; i < body.length; i += 2) [body[i], body[i + 1]] = [body[i + 1], body[i]];
  const mark = bom ? Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]) : Buffer.alloc(0);
  return new Uint8Array(Buffer.concat([mark, body]));
}
