/**
 * Which texts make up a scenario: the config file the URL names (fetched from the served
 * sim-configs/), the scene the URL names or the config's `scene:` line points to (resolved against
 * the config's folder, as the CLI does), or the built-in defaults when neither is given.
 */
import { sceneRefOf } from '../config/scenario.ts';
import { parseSource } from '../config/source.ts';
import { checkUserText, servedScenarioPath } from './fileGate.ts';
import type { ScenarioRequest } from './protocol.ts';
import type { ViewerParams } from './urlState.ts';
import { effectiveSets } from './urlState.ts';

/** Fetches a served file's text; throws an Error whose message names the file on failure. */
export type FetchText = (path: string) => Promise<string>;

/** `a/b/../c/./d` → `a/c/d`; keeps a leading `../` that climbs above the start. */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** A `scene:` reference resolved against the folder of the config that names it. */
export function resolveSceneRef(configPath: string, ref: string): string {
  if (ref.startsWith('/')) return normalizePath(ref);
  const dir = dirname(configPath);
  return normalizePath(dir ? `${dir}/${ref}` : ref);
}

/** The scene path a config text points to, or null (unparseable text is left for the worker to report). */
export function sceneRefIn(configText: string, configName: string, sets: readonly string[]): string | null {
  try {
    return sceneRefOf(parseSource(configText, configName), sets);
  } catch {
    return null;
  }
}

export interface LocalFile {
  name: string;
  text: string;
  kind: 'scene' | 'config';
}

/**
 * Builds the worker's request from the URL parameters (and a user's local file, which replaces the
 * scene or the config). Throws an Error with a user-facing message when a named file cannot be read.
 */
export async function resolveRequest(params: ViewerParams, fetchText: FetchText, opts: { speed: number; paused: boolean; local?: LocalFile | null }): Promise<ScenarioRequest> {
  const sets = effectiveSets(params);
  const req: ScenarioRequest = { sets, speed: opts.speed, paused: opts.paused };
  const local = opts.local ?? null;
  // fileGate.ts: a user's file is checked before it is parsed; paths must name served files.
  if (local) checkUserText(local.name, local.text);
  let configPath: string | null = null;
  if (local?.kind === 'config') {
    req.configText = local.text;
    req.configName = local.name;
    // A local config's `scene:` is read as relative to sim-configs/, where configs live.
    configPath = `sim-configs/${local.name}`;
  } else if (params.config) {
    const p = servedScenarioPath(params.config, 'the page address (?config=)');
    req.configText = await fetchText(p);
    req.configName = p;
    configPath = p;
  }
  if (local?.kind === 'scene') {
    req.sceneText = local.text;
    req.sceneName = local.name;
  } else {
    let scenePath = params.scene ? servedScenarioPath(params.scene, 'the page address (?scene=)') : null;
    if (!scenePath && req.configText !== undefined && configPath) {
      const ref = sceneRefIn(req.configText, req.configName!, sets);
      if (ref) scenePath = servedScenarioPath(resolveSceneRef(configPath, ref), `${req.configName}, field scene`);
    }
    if (scenePath) {
      try {
        req.sceneText = await fetchText(scenePath);
        req.sceneName = scenePath;
      } catch (e) {
        // A config naming a scene the server does not have: let validation say so, in the CLI's words.
        if (params.scene) throw e;
      }
    }
  }
  return req;
}
