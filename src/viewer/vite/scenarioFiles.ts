/**
 * Vite plugin (dev server and `vite preview`): serves scenes/ and sim-configs/ straight from disk and
 * lists them at /api/scenarios, so the viewer picks up new or edited files without a rebuild. The same
 * middleware serves the user's folders under those two names in `watchline view` (src/cli/viewServer.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Plugin } from 'vite';

export const SCENARIO_DIRS = ['scenes', 'sim-configs'] as const;
const EXTENSIONS = /\.(ya?ml|json)$/i;
/** Data files a scene may name beside it (GeoJSON lines, TopoJSON atlases, GeoTIFF DEMs), served as bytes. */
const DATA_EXTENSIONS = /\.(geojson|topojson|tiff?)$/i;

/**
 * The disk folder served as each scenario folder. The dev server serves `<root>/scenes` and
 * `<root>/sim-configs`; `watchline view` serves the user's scene's folder and config's folder.
 */
export type ScenarioFolders = Readonly<Record<(typeof SCENARIO_DIRS)[number], string>>;

/** A project root (its scenes/ and sim-configs/) or the two folders themselves. */
export type ScenarioRoot = string | ScenarioFolders;

function foldersOf(root: ScenarioRoot): ScenarioFolders {
  return typeof root === 'string' ? { scenes: path.join(root, 'scenes'), 'sim-configs': path.join(root, 'sim-configs') } : root;
}

export interface ScenarioListing {
  scenes: string[];
  configs: string[];
}

export async function listScenarioFiles(root: ScenarioRoot): Promise<ScenarioListing> {
  const folders = foldersOf(root);
  const list = async (dir: (typeof SCENARIO_DIRS)[number]) => {
    try {
      const names = await readdir(folders[dir]);
      return names.filter((n) => EXTENSIONS.test(n)).sort().map((n) => `${dir}/${n}`);
    } catch {
      return [];
    }
  };
  return { scenes: await list('scenes'), configs: await list('sim-configs') };
}

/** The file a request path names inside one of the scenario folders, or null (anything else, or an escape attempt). */
export function scenarioFilePath(root: ScenarioRoot, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]).replace(/^\/+/, '');
  } catch {
    return null;
  }
  const dir = SCENARIO_DIRS.find((d) => rel.startsWith(`${d}/`));
  if (!dir || !(EXTENSIONS.test(rel) || DATA_EXTENSIONS.test(rel))) return null;
  const base = path.resolve(foldersOf(root)[dir]);
  const full = path.resolve(base, rel.slice(dir.length + 1));
  return full.startsWith(base + path.sep) ? full : null;
}

type Next = (err?: unknown) => void;

/** Connect-style middleware: /api/scenarios and the scenario folders' files; anything else goes to `next`. */
export function scenarioMiddleware(root: ScenarioRoot) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const url = req.url ?? '';
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (url.split('?')[0] === '/api/scenarios') {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify(await listScenarioFiles(root)));
      return;
    }
    const file = scenarioFilePath(root, url);
    if (!file) return next();
    try {
      const text = await readFile(file);
      res.setHeader('Content-Type', /\.tiff?$/i.test(file) ? 'image/tiff' : 'text/plain; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(text);
    } catch {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('not found');
    }
  };
}

/** @param root the folder holding scenes/ and sim-configs/; default: Vite's project root. */
export function scenarioFiles(root?: string): Plugin {
  let dir = root ?? process.cwd();
  return {
    name: 'watchline-scenario-files',
    configResolved(config) {
      if (!root) dir = config.root;
    },
    configureServer(server) {
      server.middlewares.use(scenarioMiddleware(dir));
    },
    configurePreviewServer(server) {
      server.middlewares.use(scenarioMiddleware(dir));
    },
  };
}
