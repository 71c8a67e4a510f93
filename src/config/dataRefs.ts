/**
 * The rule for data files a scene names (`border.line.file`, `terrain.file`): scenes are passed
 * around, so a scene may only reach files that sit beside it.
 *
 *  - A reference is a relative path with forward slashes: no URL or scheme (`https:`, `data:`,
 *    `blob:`, `file:`, `C:`), no absolute path, no backslash, no control character.
 *  - Resolved against the scene file's folder, it stays inside that folder (subfolders are fine,
 *    `..` that climbs out is not). The CLI also resolves symbolic links before comparing
 *    (load.ts); the browser further requires the folder to be one the dev server serves (scenes/,
 *    sim-configs/) and treats a scene the user opened from disk as if it lay in scenes/.
 *
 * Pure string work (no node:*), so the schema, the CLI and the viewer apply one rule.
 */

/** What `allowed` says for a refused reference. */
export const DATA_REF_ALLOWED = 'a relative path to a file in the scene file\'s folder or below it, e.g. data/border.geojson';

/**
 * Why `ref` is not an acceptable data reference, as a sentence fragment, or null when it is. Only
 * the text is judged; whether the file exists is checked where files are read.
 */
export function dataRefProblem(ref: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(ref)) return 'the path contains a control character';
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    return /^[a-z]:([\\/]|$)/i.test(ref) ? 'an absolute path (a drive letter) is not allowed' : 'a scene can only name local files, not URLs';
  }
  if (ref.includes('\\')) return 'backslashes are not allowed (write the path with /)';
  if (ref.startsWith('/')) return 'an absolute path is not allowed';
  const segs = normalizeSegments(ref);
  if (segs.length === 0) return 'the path names the scene\'s folder itself, not a file';
  if (segs[0] === '..') return 'the path climbs out of the scene file\'s folder';
  return null;
}

/** `a/./b/../c` → ['a', 'c']; a `..` that climbs above the start stays as a leading '..'. */
export function normalizeSegments(p: string): string[] {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out;
}

/** The folder part of a slash-separated path ('' for a bare name). */
export function folderOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/**
 * `ref` resolved against the folder of `sceneFile` (slash-separated, normalized), or a reason why it
 * is refused. The result never leaves the scene's folder.
 */
export function resolveDataRef(sceneFile: string, ref: string): { path: string } | { problem: string } {
  const problem = dataRefProblem(ref);
  if (problem !== null) return { problem };
  const dir = folderOf(sceneFile.replace(/\\/g, '/'));
  const joined = normalizeSegments(dir ? `${dir}/${ref}` : ref).join('/');
  const leading = dir.startsWith('/') ? '/' : '';
  return { path: leading + joined };
}
