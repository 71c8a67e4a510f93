/**
 * Request → validated scenario → World, in a worker. Validation is the config layer's (the CLI's own
 * rules and messages) and the world is built by the CLI's builder (src/world/build.ts), with the
 * viewer's file reader; a bad file throws InputError, whose message the page shows as it is.
 */
import { InputError } from '../../config/errors.ts';
import type { Scenario } from '../../config/scenario.ts';
import { makeOverride } from '../../config/overrides.ts';
import { parseScenario } from '../../config/scenario.ts';
import type { World } from '../../core/world.ts';
import { buildWorld } from '../../world/build.ts';
import type { ScenarioRequest } from '../protocol.ts';
import { browserWorldSource } from './dataReader.ts';

export interface BuiltWorld {
  scenario: Scenario;
  world: World;
}

/** The scenario of a request: the page's file texts and `--set` overrides, validated. */
export function scenarioOfRequest(request: ScenarioRequest): Scenario {
  return parseScenario({
    sceneText: request.sceneText,
    sceneName: request.sceneName,
    configText: request.configText,
    configName: request.configName,
    // An optimize result's layout goes in last, as a whole `towers` value, so it wins over the file's.
    sets: request.towers ? [...request.sets, makeOverride('towers', request.towers)] : request.sets,
  });
}

/** The world of a request, as the CLI builds it: files a scene names are fetched first. */
export async function buildRequestWorld(request: ScenarioRequest): Promise<BuiltWorld> {
  const scenario = scenarioOfRequest(request);
  const { world } = await buildWorld(scenario, browserWorldSource);
  return { scenario, world };
}

/** The text the page shows for a failure: the InputError's paragraphs, or an internal error's message. */
export function errorText(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `internal error: ${msg}`;
}
