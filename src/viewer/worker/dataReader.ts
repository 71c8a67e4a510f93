/**
 * The viewer's reader of a scene's data files, injected into the one world builder
 * (src/world/build.ts) in the workers: files are fetched from the dev server, which serves scenes/
 * (and the data files scenes name beside them) from disk; the default Natural Earth atlas is bundled
 * from npm world-atlas as a static asset. The CLI reads the same files with Node's fs
 * (src/batch/geoFiles.ts).
 */
import atlasUrl from 'world-atlas/countries-10m.json?url';
import type { GeoIO } from '../../geo/resolve.ts';
import type { WorldSource } from '../../world/build.ts';
import { servedDataPath } from '../fileGate.ts';
import { normalizePath } from '../sources.ts';

async function get(path: string): Promise<Response> {
  const url = /^(\/|blob:|https?:)/.test(path) ? path : `/${normalizePath(path)}`;
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 404 ? 'not found on the server' : `HTTP ${res.status}`);
  return res;
}

let atlas: Promise<unknown> | null = null;

export const browserGeoIO: GeoIO = {
  // A scene's data path is relative to the scene's own path, as for the CLI, and must stay in a
  // served folder (fileGate.ts): the page fetches only the project's files, never a URL from a file.
  resolve: (sceneFile, ref) => servedDataPath(sceneFile, ref),
  readText: async (p) => (await get(p)).text(),
  readBytes: async (p) => (await get(p)).arrayBuffer(),
  defaultAtlas: () => (atlas ??= get(atlasUrl).then((r) => r.json() as Promise<unknown>)),
  defaultAtlasName: 'npm world-atlas/countries-10m.json',
};

/** The viewer's world source: fetched files, the ground in the worker's own memory. */
export const browserWorldSource: WorldSource = { io: browserGeoIO };
