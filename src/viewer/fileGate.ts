/**
 * What the viewer lets in from outside: files the user opens from disk, the paths a URL or a config
 * names, and the data files a scene names. Everything else the page fetches is its own code.
 *
 *  - A user's file is refused before it is read when it is larger than the CLI's limit (1 MiB), and
 *    after reading when it is not text, is shaped to make the YAML parser slow or deep (source.ts
 *    checkShape) or uses more aliases than any scene needs (an alias bomb). Its text is then parsed
 *    as data by the same pure code as the CLI's: nothing in it is ever evaluated as code.
 *  - Scene and config paths (`?scene=`, `?config=`, a config's `scene:`) must name a .yaml, .yml or
 *    .json file in the folders the dev server serves (scenes/, sim-configs/).
 *  - A scene's data files (GeoJSON, TopoJSON, GeoTIFF) follow the CLI's rule (src/config/dataRefs.ts):
 *    a relative path inside the scene's folder, which must itself be a served folder; a scene opened
 *    from disk counts as lying in scenes/. So the page only ever fetches the project's own served
 *    files, never a URL a file chose.
 *
 * Pure (no DOM beyond Blob, no node:*): unit-tested in Node, used by the page and its workers.
 */
import { Lexer } from 'yaml';
import { DATA_REF_ALLOWED, folderOf, normalizeSegments, resolveDataRef } from '../config/dataRefs.ts';
import { InputError } from '../config/errors.ts';
import { checkShape, MAX_ALIAS_COUNT, MAX_SOURCE_BYTES, utf8Bytes } from '../config/source.ts';

/** Largest file a user may open, bytes: the CLI's limit for scene and config files. */
export const MAX_USER_FILE_BYTES = MAX_SOURCE_BYTES;
/** Folders the dev and preview servers serve scenario files from (src/viewer/vite/scenarioFiles.ts). */
export const SERVED_FOLDERS = ['scenes', 'sim-configs'] as const;
/** Where a scene opened from disk is taken to lie, for its relative data paths. */
export const LOCAL_SCENE_FOLDER = 'scenes';

const SCENARIO_EXTENSIONS = /\.(ya?ml|json)$/i;
const DATA_EXTENSIONS = /\.(geojson|topojson|json|tiff?)$/i;

/** Why a file of this name and size is refused before reading it, or null. */
export function userFileRefusal(name: string, sizeBytes: number): string | null {
  if (!SCENARIO_EXTENSIONS.test(name)) return `${name}: not a scene or config file. Allowed: a .yaml, .yml or .json file.`;
  if (sizeBytes > MAX_USER_FILE_BYTES) {
    return `${name}: the file is ${sizeBytes} bytes long. Allowed: a scene or sim-config of at most ${MAX_USER_FILE_BYTES} bytes (1 MiB).`;
  }
  return null;
}

/**
 * Reads a user's file, but never more than the limit plus one byte: an oversized file is cut there
 * and `checkUserText` then refuses it by its length. (A multi-gigabyte file is thus never loaded.)
 */
export async function readUserFile(file: Blob): Promise<string> {
  return (file.size > MAX_USER_FILE_BYTES ? file.slice(0, MAX_USER_FILE_BYTES + 1) : file).text();
}

/**
 * Checks a user's file text before it is parsed; throws InputError naming the file. The real parse
 * (source.ts, in the worker) repeats the shape and alias checks: this gate only fails earlier, on the
 * page, with the same words.
 */
export function checkUserText(name: string, text: string): void {
  const before = userFileRefusal(name, 0);
  if (before !== null) throw InputError.of({ file: name, path: '', message: 'not a scene or config file', allowed: 'a .yaml, .yml or .json file' });
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(text) || text.includes('\uFFFD')) {
    throw InputError.of({ file: name, path: '', message: 'the file is not UTF-8 text (it holds binary bytes)', allowed: 'a YAML or JSON text file' });
  }
  if (utf8Bytes(text) > MAX_USER_FILE_BYTES) {
    // readUserFile cuts an oversized file one byte past the limit, so its true size is not known here.
    throw InputError.of({ file: name, path: '', message: 'the file is larger than 1 MiB', allowed: `a scene or sim-config of at most ${MAX_USER_FILE_BYTES} bytes (1 MiB)` });
  }
  checkShape(text, name); // nesting, keys per mapping
  const aliases = aliasCount(text);
  if (aliases > MAX_ALIAS_COUNT) {
    throw InputError.of({
      file: name,
      path: '',
      message: `the file uses ${aliases} YAML aliases (*name)`,
      allowed: `at most ${MAX_ALIAS_COUNT} aliases (a "billion laughs" file expands a few aliases into gigabytes)`,
    });
  }
}

/** Alias tokens (`*name`) in a YAML text, counted by the lexer (linear; quoted text is not counted). */
export function aliasCount(text: string): number {
  let n = 0;
  try {
    for (const tok of new Lexer().lex(text)) if (tok.charCodeAt(0) === 42 /* '*' */) n++;
  } catch {
    return 0; // the parse reports what the lexer could not read
  }
  return n;
}

/**
 * A scene or config path as the page may fetch it: normalized, inside a served folder, with a
 * scenario extension. Throws InputError (`what` names where the path came from) otherwise.
 */
export function servedScenarioPath(p: string, what: string): string {
  const segs = normalizeSegments(p.replace(/^\/+/, ''));
  const norm = segs.join('/');
  const ok = segs.length >= 2 && (SERVED_FOLDERS as readonly string[]).includes(segs[0]) && SCENARIO_EXTENSIONS.test(norm) && !/[\u0000-\u001f\\:?#%]/.test(norm);
  if (!ok) {
    throw InputError.of({
      file: what,
      path: '',
      message: `the path ${JSON.stringify(p)} is not a served scene or config`,
      got: JSON.stringify(p),
      allowed: `a .yaml, .yml or .json file in ${SERVED_FOLDERS.map((f) => `${f}/`).join(' or ')}`,
    });
  }
  return norm;
}

/**
 * The served path of a scene's data file: `ref` resolved against the scene's folder (scenes/ for a
 * file opened from disk) by the CLI's rule, inside a served folder. Throws InputError otherwise.
 */
export function servedDataPath(sceneFile: string, ref: string): string {
  const folder = folderOf(sceneFile);
  const base = folder === '' ? `${LOCAL_SCENE_FOLDER}/scene` : sceneFile;
  const r = resolveDataRef(base, ref);
  const refuse = (message: string) =>
    InputError.of({ file: sceneFile, path: '', message: `the data file ${JSON.stringify(ref)} is refused: ${message}`, got: JSON.stringify(ref), allowed: `${DATA_REF_ALLOWED}, in a folder the viewer serves (${SERVED_FOLDERS.join(', ')})` });
  if ('problem' in r) throw refuse(r.problem);
  const segs = r.path.split('/');
  if (segs.length < 2 || !(SERVED_FOLDERS as readonly string[]).includes(segs[0])) throw refuse('the scene does not lie in a folder the viewer serves');
  if (!DATA_EXTENSIONS.test(r.path) || /[?#%]/.test(r.path)) throw refuse('not a GeoJSON, TopoJSON or GeoTIFF file name');
  return r.path;
}
