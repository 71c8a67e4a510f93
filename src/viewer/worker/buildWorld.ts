/**
 * Request → validated scenario → World, in a worker. Validation is the config layer's (the CLI's own
 * rules and messages); a bad file throws InputError, whose message the page shows as it is.
 */
import { InputError } from '../../config/errors.ts';
import type { Scenario } from '../../config/scenario.ts';
import { parseScenario } from '../../config/scenario.ts';
import type { World } from '../../core/world.ts';
import { createWorld } from '../../core/world.ts';
import type { ScenarioRequest } from '../protocol.ts';

export interface BuiltWorld {
  scenario: Scenario;
  world: World;
}

export function buildWorld(request: ScenarioRequest): BuiltWorld {
  const scenario = parseScenario({
    sceneText: request.sceneText,
    sceneName: request.sceneName,
    configText: request.configText,
    configName: request.configName,
    sets: request.sets,
  });
  const line = scenario.scene.border.line;
  if (line.type !== 'straight') {
    // File-based lines (GeoJSON, Natural Earth) are projected by the CLI's file loader, which needs the
    // file system; the browser has no access to files the scene names.
    throw InputError.of({
      file: scenario.sceneFile ?? 'scene',
      path: 'border.line.type',
      message: `the viewer cannot read border files yet ("${line.type}" lines are resolved from files by the CLI)`,
      allowed: 'straight (in the viewer)',
      got: JSON.stringify(line.type),
    });
  }
  return { scenario, world: createWorld(scenario.scene, scenario.config) };
}

/** The text the page shows for a failure: the InputError's paragraphs, or an internal error's message. */
export function errorText(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `internal error: ${msg}`;
}
