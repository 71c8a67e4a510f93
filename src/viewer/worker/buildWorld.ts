/**
 * Request → validated scenario → World, in a worker. Validation is the config layer's (the CLI's own
 * rules and messages); a bad file throws InputError, whose message the page shows as it is.
 */
import { InputError } from '../../config/errors.ts';
import type { Scenario } from '../../config/scenario.ts';
import { parseScenario } from '../../config/scenario.ts';
import type { World } from '../../core/world.ts';
// With the `weakest` crossing density computed first, as the CLI's runs do (batch/weakestJob.ts).
import { createWorldWithCoverage } from '../../coverage/coverage.ts';
import type { ScenarioRequest } from '../protocol.ts';
import { needsGeoInputs, viewerWorldInputs } from './geoInputs.ts';

export interface BuiltWorld {
  scenario: Scenario;
  world: World;
}

function parseRequest(request: ScenarioRequest): Scenario {
  return parseScenario({
    sceneText: request.sceneText,
    sceneName: request.sceneName,
    configText: request.configText,
    configName: request.configName,
    sets: request.sets,
  });
}

/** A scene with a straight line (no files to read), synchronously. */
export function buildWorld(request: ScenarioRequest): BuiltWorld {
  const scenario = parseRequest(request);
  return { scenario, world: createWorldWithCoverage(scenario.scene, scenario.config) };
}

/**
 * `buildWorld` for any scene: lines and DEMs named by file are fetched and resolved first
 * (geoInputs.ts), then the world is built as the CLI builds it.
 */
export async function buildWorldAsync(request: ScenarioRequest): Promise<BuiltWorld> {
  const scenario = parseRequest(request);
  const inputs = needsGeoInputs(scenario) ? await viewerWorldInputs(scenario) : {};
  return { scenario, world: createWorldWithCoverage(scenario.scene, scenario.config, inputs) };
}

/** The text the page shows for a failure: the InputError's paragraphs, or an internal error's message. */
export function errorText(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `internal error: ${msg}`;
}
