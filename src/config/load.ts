/**
 * The file-system side of configuration: reads scene and sim-config files and hands their text to the
 * pure scenario builder (scenario.ts). Node only; the viewer uses scenario.ts directly.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import { DATA_REF_ALLOWED, dataRefProblem } from './dataRefs.ts';
import { InputError, isInputError, type Problem } from './errors.ts';
import { deepFreeze } from './freeze.ts';
import { validateWith } from './issues.ts';
import { buildScenario, detectKind, sceneRefOf, type Scenario } from './scenario.ts';
import { ConfigSchema, SceneSchema } from './schema.ts';
import { MAX_SOURCE_BYTES, parseSource, sourceFromValue, type SourceDoc } from './source.ts';
import { DEFAULT_CONFIG_INPUT, DEFAULT_CONFIG_LABEL } from './defaults.ts';
import { decodeUtf8, readInputFileSync } from '../io/inputFile.ts';

export type { Scenario } from './scenario.ts';

/** Scene and config files larger than this are refused before they are read (source.ts MAX_SOURCE_BYTES: 1 MiB). */
export const MAX_CONFIG_FILE_BYTES = MAX_SOURCE_BYTES;

export interface LoadScenarioOptions {
  /** A sim-config file; without it, the built-in default config. */
  configPath?: string;
  /** A scene file; overrides the config's `scene:`. Without either, the built-in default scene. */
  scenePath?: string;
  /** `key=value` overrides, as typed after `--set`. */
  sets?: readonly string[];
}

/**
 * Loads, overrides, validates and freezes a scenario. The config's `scene:` is resolved relative to the
 * config file; `scenePath` wins over it. Throws InputError listing every problem found.
 */
export function loadScenario(opts: LoadScenarioOptions = {}): Scenario {
  const problems: Problem[] = [];
  const sets = opts.sets ?? [];
  const configDoc = opts.configPath !== undefined ? tryRead(opts.configPath, problems) : null;

  let scenePath = opts.scenePath ?? null;
  let blame: Omit<Problem, 'message'> | undefined;
  if (scenePath === null && (configDoc || opts.configPath === undefined)) {
    // `scene:` of the config file (relative to it), or `--set scene=F` on the default config (relative to the working directory).
    const ref = sceneRefOf(configDoc ?? sourceFromValue(DEFAULT_CONFIG_INPUT, DEFAULT_CONFIG_LABEL), sets);
    if (ref !== null) {
      scenePath = opts.configPath !== undefined ? resolveRelative(opts.configPath, ref) : ref;
      const line = configDoc?.lineOf(['scene']);
      blame = { file: opts.configPath ?? DEFAULT_CONFIG_LABEL, path: 'scene', got: JSON.stringify(ref), ...(line !== undefined && { line }) };
    }
  }
  const sceneDoc = scenePath !== null ? tryRead(scenePath, problems, blame) : null;
  // A file in the other's place: that one sentence, not every key the other schema does not know.
  const wrongKind = wrongKindProblems(configDoc, sceneDoc, opts, blame);
  if (wrongKind.length > 0) throw new InputError(wrongKind);

  if (problems.length > 0) {
    // Still report what is wrong inside the file that could be read.
    if (configDoc) addSchemaProblems(ConfigSchema, configDoc, problems);
    if (sceneDoc) addSchemaProblems(SceneSchema, sceneDoc, problems);
    throw new InputError(problems);
  }
  let scenario: Scenario;
  try {
    scenario = buildScenario({ scene: sceneDoc, config: configDoc, sets });
  } catch (e) {
    if (!isInputError(e)) throw e;
    if (sceneDoc) problems.push(...checkSceneAssets(sceneDoc.value, sceneDoc.name));
    throw new InputError([...e.problems, ...problems]);
  }
  const assets = scenario.sceneFile !== null ? checkSceneAssets(scenario.scene, scenario.sceneFile) : [];
  if (assets.length > 0) throw new InputError(assets);
  return scenario;
}

/** Loads and validates a scene file on its own. */
export function loadSceneFile(file: string): SceneSpec {
  const doc = readSourceFile(file);
  const v = validateWith(SceneSchema, doc.value, { file, lineOf: doc.lineOf });
  const problems = v.ok ? [] : v.problems;
  problems.push(...checkSceneAssets(doc.value, file));
  if (!v.ok || problems.length > 0) throw new InputError(problems);
  return deepFreeze(v.data);
}

/** Loads and validates a sim-config file on its own (its `scene:` is neither loaded nor checked). */
export function loadConfigFile(file: string): ConfigSpec {
  const doc = readSourceFile(file);
  const v = validateWith(ConfigSchema, doc.value, { file, lineOf: doc.lineOf });
  if (!v.ok) throw new InputError(v.problems);
  return deepFreeze(v.data);
}

/** Reads and parses a YAML or JSON file. Throws InputError when it is missing, unreadable or malformed. */
export function readSourceFile(file: string, blame?: Omit<Problem, 'message'>): SourceDoc {
  const where = blame ?? { file, path: '' };
  const what = blame ? `the file ${JSON.stringify(file)}` : 'the file';
  const note = blame ? ` (resolved relative to ${path.dirname(blame.file) || '.'})` : '';
  // One open, checked to be a regular file, read up to the cap (src/io/inputFile.ts).
  const bytes = readInputFileSync(file, MAX_CONFIG_FILE_BYTES, { ...where, what, note, kind: 'YAML or JSON file (scene or sim-config)' });
  const text = decodeUtf8(bytes, { ...where, what });
  return parseSource(text, file);
}

/** `ref` as written inside `fromFile` (e.g. a config's `scene:`), as a path usable from the working directory. */
export function resolveRelative(fromFile: string, ref: string): string {
  return path.isAbsolute(ref) ? ref : path.normalize(path.join(path.dirname(fromFile), ref));
}

/**
 * Where a scene's data reference points on disk, or why it is refused (dataRefs.ts): a relative path
 * inside the scene file's folder, also after symbolic links are resolved. A missing file is not
 * refused here (the caller reports it); `exists` says whether it is there.
 */
export function sceneDataPath(sceneFile: string, ref: string): { path: string; exists: boolean } | { problem: string } {
  const problem = dataRefProblem(ref);
  if (problem !== null) return { problem };
  const base = path.dirname(path.resolve(sceneFile));
  const full = path.resolve(base, ref);
  if (!full.startsWith(base + path.sep)) return { problem: 'the path climbs out of the scene file\'s folder' };
  if (!existsSync(full)) return { path: full, exists: false };
  let real: string;
  let realBase: string;
  try {
    real = realpathSync(full);
    realBase = realpathSync(base);
  } catch {
    return { path: full, exists: false };
  }
  if (!real.startsWith(realBase + path.sep)) return { problem: `the path leads, through a symbolic link, outside the scene file's folder (to ${real})` };
  return { path: full, exists: true };
}

/** The path of a scene's data file for reading; throws InputError when the reference is refused. */
export function resolveSceneData(sceneFile: string, ref: string): string {
  const r = sceneDataPath(sceneFile, ref);
  if ('problem' in r) {
    throw InputError.of({ file: sceneFile, path: '', message: `the data file ${JSON.stringify(ref)} is refused: ${r.problem}`, got: JSON.stringify(ref), allowed: DATA_REF_ALLOWED });
  }
  return r.path;
}

/** Files a scene refers to (GeoJSON line, DEM) must exist inside the scene file's folder (dataRefs.ts). */
export function checkSceneAssets(scene: unknown, sceneFile: string): Problem[] {
  const problems: Problem[] = [];
  const s = scene as { border?: { line?: { type?: unknown; file?: unknown } }; terrain?: { type?: unknown; file?: unknown } } | null;
  const refs: [string, unknown][] = [];
  const lineType = s?.border?.line?.type;
  if (lineType === 'geojson' || (lineType === 'countries' && s?.border?.line?.file !== undefined)) refs.push(['border.line.file', s!.border!.line!.file]);
  if (s?.terrain?.type === 'dem') refs.push(['terrain.file', s.terrain.file]);
  for (const [field, ref] of refs) {
    if (typeof ref !== 'string' || ref === '' || dataRefProblem(ref) !== null) continue; // the schema reports it
    const r = sceneDataPath(sceneFile, ref);
    if ('problem' in r) {
      problems.push({ file: sceneFile, path: field, message: r.problem, got: JSON.stringify(ref), allowed: DATA_REF_ALLOWED });
      continue;
    }
    const resolved = resolveRelative(sceneFile, ref);
    if (!r.exists) {
      problems.push({
        file: sceneFile,
        path: field,
        message: `the file ${JSON.stringify(ref)} does not exist (looked for ${resolved})`,
        got: JSON.stringify(ref),
        allowed: 'a path to an existing file, relative to the scene file',
      });
    }
  }
  return problems;
}

/**
 * A file given in the other's place: a scene as --config, a sim-config as --scene, or a config whose
 * `scene:` names itself or another sim-config (a cycle of configs is a config named as a scene). Said
 * in one sentence instead of a list of every key the other schema does not know.
 */
function wrongKindProblems(configDoc: SourceDoc | null, sceneDoc: SourceDoc | null, opts: LoadScenarioOptions, blame: Omit<Problem, 'message'> | undefined): Problem[] {
  const out: Problem[] = [];
  if (configDoc && detectKind(configDoc.value) === 'scene') {
    out.push({ file: configDoc.name, path: '', message: 'this is a scene file, not a sim-config (its top-level keys are those of a scene)', allowed: `a sim-config as --config; pass a scene with --scene ${configDoc.name}` });
  }
  if (sceneDoc && detectKind(sceneDoc.value) === 'config') {
    if (blame && opts.configPath !== undefined) {
      const self = path.resolve(sceneDoc.name) === path.resolve(opts.configPath);
      out.push({
        ...blame,
        message: self ? 'the config\'s scene: names the config file itself' : `the config's scene: names ${sceneDoc.name}, which is a sim-config file, not a scene (configs cannot name configs)`,
        allowed: 'a scene file (keys border, terrain, environment, threats, crossing, strip), relative to the config file',
      });
    } else {
      out.push({ file: sceneDoc.name, path: '', message: 'this is a sim-config file, not a scene (its top-level keys are those of a sim-config)', allowed: `a scene as --scene; pass a sim-config with --config ${sceneDoc.name}` });
    }
  }
  return out;
}

function tryRead(file: string, problems: Problem[], blame?: Omit<Problem, 'message'>): SourceDoc | null {
  try {
    return readSourceFile(file, blame);
  } catch (e) {
    if (!isInputError(e)) throw e;
    problems.push(...e.problems);
    return null;
  }
}

function addSchemaProblems(schema: typeof SceneSchema | typeof ConfigSchema, doc: SourceDoc, problems: Problem[]): void {
  const v = validateWith(schema, doc.value, { file: doc.name, lineOf: doc.lineOf });
  if (!v.ok) problems.push(...v.problems);
}
