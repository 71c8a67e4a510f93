/**
 * The viewer's side of resolving a scene's data files (src/geo/resolve.ts), in the simulation worker:
 * files are fetched from the dev server, which serves scenes/ (and the data files scenes name beside
 * them) from disk; the default Natural Earth atlas is bundled from npm world-atlas as a static asset.
 * The CLI does the same with Node's fs (src/batch/geoFiles.ts), so both build the same world.
 */
import atlasUrl from 'world-atlas/countries-10m.json?url';
import type { Scenario } from '../../config/scenario.ts';
import { createBorder } from '../../core/border.ts';
import type { WorldInputs } from '../../core/world.ts';
import type { GeoIO } from '../../geo/resolve.ts';
import { resolveGeoInputs } from '../../geo/resolve.ts';
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

/** Whether a scene needs files resolved before its world can be built. */
export function needsGeoInputs(s: Scenario): boolean {
  return s.scene.border.line.type !== 'straight' || s.scene.terrain.type === 'dem';
}

/** The world inputs of a scene's data files (border, DEM ground); procedural ground stays with createWorld. */
export async function viewerWorldInputs(s: Scenario): Promise<WorldInputs> {
  const geo = await resolveGeoInputs(s, browserGeoIO, { buildProcedural: false });
  return { ...(geo.borderXY && { border: createBorder(geo.borderXY) }), ...(geo.ground && { ground: geo.ground }) };
}
