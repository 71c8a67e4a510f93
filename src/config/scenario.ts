/**
 * A scenario: one scene and one sim-config, validated together and deep-frozen. This module is pure
 * (no node:*), so the viewer builds scenarios from user-supplied text with exactly the rules the CLI
 * uses; src/config/load.ts adds the file system.
 *
 * Order of work: parse the texts → apply `--set` overrides to the raw values → validate each file
 * with its schema (defaults filled in) → check the rules that need both files → freeze.
 */
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import { DEFAULT_CONFIG_INPUT, DEFAULT_CONFIG_LABEL, DEFAULT_SCENE, DEFAULT_SCENE_LABEL } from './defaults.ts';
import { describeValue, InputError, isInputError, type Problem } from './errors.ts';
import { deepFreeze } from './freeze.ts';
import { validateWith } from './issues.ts';
import { applyOverride, clonePlain, makeOverride, parseSet, type Override } from './overrides.ts';
import { limitProblems } from './limits.ts';
import { ConfigSchema, SceneSchema, sweepAxisValues } from './schema.ts';
import { parseSource, sourceFromValue, type SourceDoc } from './source.ts';

/** A validated scenario. Everything in it is deep-frozen. */
export interface Scenario {
  readonly scene: SceneSpec;
  readonly config: ConfigSpec;
  /** The scene file as named (resolved against the config file when it came from `scene:`), or null for the built-in default. */
  readonly sceneFile: string | null;
  /** The config file as named, or null for the built-in default. */
  readonly configFile: string | null;
  /**
   * The raw inputs after `--set`, before defaults were filled in. Sweeps and `withOverrides` start
   * from these, so derived defaults (towers.offsetM = spacingM / 2) follow the swept value.
   */
  readonly sceneInput: unknown;
  readonly configInput: unknown;
}

/** Inputs of `buildScenario`. A missing scene or config means the built-in default. */
export interface ScenarioSources {
  readonly scene?: SourceDoc | null;
  readonly config?: SourceDoc | null;
  /** `key=value` strings as typed after `--set`, or already parsed overrides. */
  readonly sets?: readonly (string | Override)[];
}

/** Which kind of file a parsed value is, judged by its top-level keys; null when it cannot be told. */
export function detectKind(value: unknown): 'scene' | 'config' | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const sceneKeys = ['border', 'terrain', 'environment', 'threats', 'crossing', 'strip'];
  const configKeys = ['towers', 'cameras', 'run', 'sweep', 'sweepOptions', 'response', 'scene'];
  const s = keys.filter((k) => sceneKeys.includes(k)).length;
  const c = keys.filter((k) => configKeys.includes(k)).length;
  if (s > c) return 'scene';
  if (c > s) return 'config';
  return null;
}

/** Parses `--set` strings, collecting problems instead of stopping at the first. */
export function parseSets(sets: readonly (string | Override)[], problems: Problem[]): Override[] {
  const out: Override[] = [];
  for (const s of sets) {
    if (typeof s !== 'string') {
      out.push(s);
      continue;
    }
    try {
      out.push(parseSet(s));
    } catch (e) {
      if (!isInputError(e)) throw e;
      problems.push(...e.problems);
    }
  }
  return out;
}

/**
 * The scene file a config names (its `scene:` field after any `--set scene=...`), or null. Lets a
 * caller (the CLI, the viewer) fetch that file before calling `buildScenario`.
 */
export function sceneRefOf(config: SourceDoc, sets: readonly (string | Override)[] = []): string | null {
  let ref = (config.value as Record<string, unknown>)?.scene;
  for (const o of parseSets(sets, [])) if (o.target === 'config' && o.path === 'scene') ref = o.value;
  return typeof ref === 'string' && ref !== '' ? ref : null;
}

/**
 * Validates a scene and a config together and freezes the result. Throws InputError listing every
 * problem of both files, the overrides and the cross-file rules.
 */
export function buildScenario(src: ScenarioSources): Scenario {
  const problems: Problem[] = [];
  const overrides = parseSets(src.sets ?? [], problems);
  const sceneDoc = src.scene ?? null;
  const configDoc = src.config ?? null;
  const configRaw = clonePlain(configDoc ? configDoc.value : DEFAULT_CONFIG_INPUT);
  const ref = sceneRefOf(configDoc ?? sourceFromValue(DEFAULT_CONFIG_INPUT, DEFAULT_CONFIG_LABEL), overrides);
  if (ref !== null && sceneDoc === null) {
    problems.push({
      file: configDoc?.name ?? DEFAULT_CONFIG_LABEL,
      path: 'scene',
      message: `the config names the scene "${ref}", but it was not loaded`,
      allowed: 'a scene supplied with the config (the CLI and the viewer load it themselves)',
    });
  }
  const result = validateRaw(
    {
      sceneRaw: clonePlain(sceneDoc ? sceneDoc.value : DEFAULT_SCENE),
      sceneName: sceneDoc?.name ?? DEFAULT_SCENE_LABEL,
      sceneLines: sceneDoc?.lineOf,
      configRaw,
      configName: configDoc?.name ?? DEFAULT_CONFIG_LABEL,
      configLines: configDoc?.lineOf,
      overrides,
      checkSweep: true,
    },
    problems,
  );
  if (problems.length > 0 || !result) throw new InputError(problems);
  return deepFreeze({ ...result, sceneFile: sceneDoc?.name ?? null, configFile: configDoc?.name ?? null });
}

/**
 * Parses and validates a scenario from text: the browser's entry point. Without texts, the built-in
 * defaults. A config whose `scene:` names a file needs that file's text passed as `sceneText`.
 */
export function parseScenario(opts: {
  sceneText?: string;
  sceneName?: string;
  configText?: string;
  configName?: string;
  sets?: readonly (string | Override)[];
}): Scenario {
  const problems: Problem[] = [];
  const read = (text: string | undefined, name: string): SourceDoc | null => {
    if (text === undefined) return null;
    try {
      return parseSource(text, name);
    } catch (e) {
      if (!isInputError(e)) throw e;
      problems.push(...e.problems);
      return null;
    }
  };
  const scene = read(opts.sceneText, opts.sceneName ?? 'scene');
  const config = read(opts.configText, opts.configName ?? 'config');
  if (problems.length > 0) throw new InputError(problems);
  return buildScenario({ scene, config, sets: opts.sets });
}

/** Parses and validates one scene text on its own. */
export function parseSceneText(text: string, name: string): SceneSpec {
  const doc = parseSource(text, name);
  const v = validateWith(SceneSchema, doc.value, { file: name, lineOf: doc.lineOf });
  if (!v.ok) throw new InputError(v.problems);
  return deepFreeze(v.data);
}

/** Parses and validates one sim-config text on its own (no cross-checks against a scene). */
export function parseConfigText(text: string, name: string): ConfigSpec {
  const doc = parseSource(text, name);
  const v = validateWith(ConfigSchema, doc.value, { file: name, lineOf: doc.lineOf });
  if (!v.ok) throw new InputError(v.problems);
  return deepFreeze(v.data);
}

/**
 * The scenario with more overrides applied to its raw inputs, validated again: the building block of
 * sweeps (one call per grid point). Accepts `key=value` strings or `makeOverride(key, value)` results.
 */
export function withOverrides(s: Scenario, sets: readonly (string | Override)[]): Scenario {
  const problems: Problem[] = [];
  const overrides = parseSets(sets, problems);
  const result = validateRaw(
    {
      sceneRaw: clonePlain(s.sceneInput),
      sceneName: s.sceneFile ?? DEFAULT_SCENE_LABEL,
      configRaw: clonePlain(s.configInput),
      configName: s.configFile ?? DEFAULT_CONFIG_LABEL,
      overrides,
      checkSweep: false,
    },
    problems,
  );
  if (problems.length > 0 || !result) throw new InputError(problems);
  return deepFreeze({ ...result, sceneFile: s.sceneFile, configFile: s.configFile });
}

interface RawInputs {
  sceneRaw: unknown;
  sceneName: string;
  sceneLines?: SourceDoc['lineOf'];
  configRaw: unknown;
  configName: string;
  configLines?: SourceDoc['lineOf'];
  overrides: readonly Override[];
  /** Validate every sweep axis value too (off while validating a sweep point itself). */
  checkSweep: boolean;
}

type Validated = Pick<Scenario, 'scene' | 'config' | 'sceneInput' | 'configInput'>;

/** Applies overrides, validates both values and the cross-file rules; pushes problems, returns the result when clean. */
function validateRaw(r: RawInputs, problems: Problem[]): Validated | null {
  const before = problems.length;
  const applied = { scene: new Map<string, string>(), config: new Map<string, string>() };
  for (const o of r.overrides) {
    const root = o.target === 'scene' ? r.sceneRaw : r.configRaw;
    const name = o.target === 'scene' ? r.sceneName : r.configName;
    if (root === null || typeof root !== 'object' || Array.isArray(root)) continue; // reported by the schema
    try {
      const used = applyOverride(root as Record<string, unknown>, o, name);
      applied[o.target].set(used.join('.'), o.text);
    } catch (e) {
      if (!isInputError(e)) throw e;
      problems.push(...e.problems);
    }
  }
  const sv = validateWith(SceneSchema, r.sceneRaw, { file: r.sceneName, lineOf: r.sceneLines, overrides: applied.scene });
  const cv = validateWith(ConfigSchema, r.configRaw, { file: r.configName, lineOf: r.configLines, overrides: applied.config });
  if (!sv.ok) problems.push(...sv.problems);
  if (!cv.ok) problems.push(...cv.problems);
  if (!sv.ok || !cv.ok || problems.length > before) return null;

  crossCheck(sv.data, cv.data, r, applied.config, problems);
  if (r.checkSweep) checkSweep(cv.data, r, problems);
  return problems.length > before ? null : { scene: sv.data, config: cv.data, sceneInput: r.sceneRaw, configInput: r.configRaw };
}

/** Rules that need both files: towers must stand on the border. */
function crossCheck(scene: SceneSpec, config: ConfigSpec, r: RawInputs, applied: Map<string, string>, problems: Problem[]): void {
  const where = (path: (string | number)[]) => {
    const dotted = path.join('.');
    for (const [p, text] of applied) {
      if (dotted === p || dotted.startsWith(p + '.')) return { file: `${r.configName} (with --set ${text})` };
    }
    const lineNo = r.configLines?.(path);
    return { file: r.configName, ...(lineNo !== undefined && { line: lineNo }) };
  };
  const line = scene.border.line;
  // Size limits (limits.ts); for file-based lines the camera count is checked once the line is read.
  problems.push(...limitProblems(scene, config, line.type === 'straight' ? line.lengthKm : 0, where, r.sceneName));
  if (line.type !== 'straight') return; // file-based lines are checked when they are resolved
  const lengthKm = line.lengthKm;
  const towers = config.towers;
  if ('at' in towers) {
    towers.at.forEach((t, i) => {
      if (t.km > lengthKm) {
        problems.push({
          ...where(['towers', 'at', i, 'km']),
          path: `towers.at.${i}.km`,
          message: `the tower stands beyond the end of the border (${r.sceneName}: lengthKm ${lengthKm})`,
          got: describeValue(t.km),
          allowed: `a chainage from 0 to ${lengthKm} km`,
        });
      }
    });
  } else if (towers.offsetM > lengthKm * 1000) {
    const explicit = (r.configRaw as { towers?: { offsetM?: unknown } })?.towers?.offsetM !== undefined;
    problems.push({
      ...where(['towers', explicit ? 'offsetM' : 'spacingM']),
      path: explicit ? 'towers.offsetM' : 'towers.spacingM',
      message: `the first tower (offsetM ${towers.offsetM} m${explicit ? '' : ', which defaults to spacingM / 2'}) lies beyond the end of the border (${r.sceneName}: lengthKm ${lengthKm}), so no tower would stand`,
      got: describeValue(explicit ? towers.offsetM : towers.spacingM),
      allowed: `offsetM from 0 to ${lengthKm * 1000} m (for no towers at all, write towers: { at: [] })`,
    });
  }
}

/** Validates the scenario at each value of each sweep axis, reporting the first bad value per axis. */
function checkSweep(config: ConfigSpec, r: RawInputs, problems: Problem[]): void {
  for (const [key, axis] of Object.entries(config.sweep ?? {})) {
    const values = sweepAxisValues(axis);
    // Lists are short; long ranges are checked at their ends and a sample between them.
    const stride = values.length > 64 ? Math.ceil(values.length / 64) : 1;
    for (let i = 0; i < values.length; i++) {
      if (i % stride !== 0 && i !== values.length - 1) continue;
      const inner: Problem[] = [];
      validateRaw(
        {
          ...r,
          sceneRaw: clonePlain(r.sceneRaw),
          configRaw: clonePlain(r.configRaw),
          sceneLines: undefined,
          configLines: undefined,
          overrides: [makeOverride(key, values[i])],
          checkSweep: false,
        },
        inner,
      );
      if (inner.length === 0) continue;
      const first = inner[0];
      const line = r.configLines?.(['sweep', key]);
      problems.push({
        file: r.configName,
        ...(line !== undefined && { line }),
        path: `sweep.${key}`,
        message: `the sweep value ${describeValue(values[i])} (item ${i}) makes the scenario invalid: ${first.path ? `${first.path}: ` : ''}${first.message}`,
        got: describeValue(values[i]),
        ...(first.allowed !== undefined && { allowed: first.allowed }),
      });
      break;
    }
  }
}
