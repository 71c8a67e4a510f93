/**
 * Resolves what a scene names in files into the inputs of `createWorld`: the border polyline projected
 * into the local frame, and the ground (a DEM resampled, or procedural terrain built once to be
 * shared). File access is injected (`GeoIO`), so the CLI (Node's fs) and the viewer (fetch) share
 * this code; every problem is an InputError naming the scene file and the field.
 */
import { InputError, type Problem } from '../config/errors.ts';
import { limitProblems } from '../config/limits.ts';
import { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL } from '../config/defaults.ts';
import type { Border } from '../core/border.ts';
import { createBorder, straightBorder } from '../core/border.ts';
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import { towerChainages } from '../core/towers.ts';
import type { SceneGroundData } from '../core/terrain/ground.ts';
import { buildSceneGround, isTiledGround, planGround, tileCellsFor } from '../core/terrain/ground.ts';
import { MAX_CELLS } from '../core/terrain/procedural.ts';
import { prepareTiledGroundPooled } from '../core/terrain/tiled.ts';
import { buildTerrainIndex } from '../core/terrain/los.ts';
import { groundReach, stripBounds } from '../core/world.ts';
import { defaultDemCellM, groundFromDem, readDem } from './dem.ts';
import { lineFromGeoJSON, reverseLine, sharedBorder } from './lines.ts';
import { lineDefect } from './simpleLine.ts';
import type { LocalProjection } from './projection.ts';
import { projectLine } from './projection.ts';
import type { Topology } from 'topojson-specification';

/** How the resolver reaches files. Paths are as the scene wrote them; `resolve` makes them usable. */
export interface GeoIO {
  /** A path relative to the scene file, as the reader understands it. */
  resolve(sceneFile: string, ref: string): string;
  readText(path: string): Promise<string>;
  readBytes(path: string): Promise<ArrayBuffer>;
  /** The default atlas: Natural Earth 1:10m countries (npm world-atlas countries-10m.json), parsed. */
  defaultAtlas(): Promise<unknown>;
  /** Where the default atlas comes from, for messages. */
  defaultAtlasName: string;
}

/** Facts about a line read from a file, for summaries and the README. */
export interface FrontierInfo {
  source: 'geojson' | 'countries';
  /** The two countries' names as the atlas spells them (home first), for `countries` lines. */
  between?: [string, string];
  /** Length along the projected line (what chainage runs over), km. */
  lengthKm: number;
  /** Length on the WGS 84 ellipsoid (Karney's geodesics), km. */
  geodesicKm: number;
  vertices: number;
  /** proj4 definition of the local frame. */
  projection: string;
}

export interface GeoInputs {
  borderXY?: Float64Array;
  ground?: SceneGroundData;
  frontier?: FrontierInfo;
  /** The projection of the local frame (geographic lines only). */
  projection?: LocalProjection;
}

export interface ResolveOptions {
  /** Allocates ground samples, e.g. on a SharedArrayBuffer shared with worker threads. */
  alloc?: (n: number) => Float32Array;
  /**
   * Also build the ground's line-of-sight index (a tiled ground's, one per tile) here, in arrays from
   * this allocator (shared memory), so each world reuses it instead of building its own.
   */
  allocIndex?: (n: number) => Int16Array;
}

interface ScenarioLike {
  scene: SceneSpec;
  config: ConfigSpec;
  sceneFile: string | null;
  configFile?: string | null;
}

function parseJson(text: string, blame: { file: string; path: string }, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw InputError.of({ ...blame, message: `the ${what} is not valid JSON (${(e as Error).message})`, allowed: `a ${what} file` });
  }
}

async function read<T>(fn: () => Promise<T>, blame: { file: string; path: string }, path: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof InputError) {
      // The reader's own problem with the file it read (not a regular file, too long, not UTF-8):
      // said again for the scene's field that named the file.
      const p = e.problems[0];
      if (e.problems.length !== 1 || p.path !== '') throw e;
      throw InputError.of({ ...blame, message: `cannot read ${JSON.stringify(path)}: ${p.message}`, ...(p.allowed !== undefined && { allowed: p.allowed }) });
    }
    throw InputError.of({ ...blame, message: `cannot read ${JSON.stringify(path)} (${(e as Error).message})`, allowed: 'an existing, readable file, relative to the scene file' });
  }
}

/** Resolves the scene's file-based border and ground. Straight lines with flat ground need nothing. */
export async function resolveGeoInputs(s: ScenarioLike, io: GeoIO, opts: ResolveOptions = {}): Promise<GeoInputs> {
  const { scene, config } = s;
  const sceneFile = s.sceneFile ?? DEFAULT_SCENE_LABEL;
  const line = scene.border.line;
  const out: GeoInputs = {};
  let border: Border;
  if (line.type === 'straight') border = straightBorder(line.lengthKm * 1000);
  else {
    let lonlat: Float64Array;
    let between: [string, string] | undefined;
    const fileBlame = { file: sceneFile, path: 'border.line.file' };
    if (line.type === 'geojson') {
      const path = io.resolve(sceneFile, line.file);
      const doc = parseJson(await read(() => io.readText(path), fileBlame, line.file), fileBlame, 'GeoJSON');
      lonlat = lineFromGeoJSON(doc, fileBlame);
      if (line.reverse) reverseLine(lonlat);
    } else {
      let atlas: unknown;
      if (line.file !== undefined) {
        const path = io.resolve(sceneFile, line.file);
        atlas = parseJson(await read(() => io.readText(path), fileBlame, line.file), fileBlame, 'TopoJSON atlas');
      } else atlas = await read(() => io.defaultAtlas(), { file: sceneFile, path: 'border.line' }, io.defaultAtlasName);
      const shared = sharedBorder(atlas as Topology, line.between, { file: sceneFile, atlasPath: line.file !== undefined ? 'border.line.file' : 'border.line', betweenPath: 'border.line.between' });
      lonlat = shared.lonlat;
      between = shared.names;
    }
    const projected = projectLine(lonlat);
    border = createBorder(projected.xy);
    checkSimpleLine(border, { file: sceneFile, path: line.type === 'geojson' ? 'border.line.file' : 'border.line.between' });
    out.borderXY = border.xy;
    out.projection = projected.projection;
    out.frontier = {
      source: line.type,
      ...(between && { between }),
      lengthKm: projected.lengthM / 1000,
      geodesicKm: projected.geodesicM / 1000,
      vertices: lonlat.length / 2,
      projection: projected.projection.definition,
    };
  }
  checkAgainstLength(s, border.lengthM / 1000);

  const reach = groundReach(scene, config);
  const bounds = stripBounds(border, reach.farM, reach.homeM);
  const terrain = scene.terrain;
  if (terrain.type === 'dem') {
    const blame = { file: sceneFile, path: 'terrain.file' };
    if (!out.projection) {
      throw InputError.of({
        file: sceneFile,
        path: 'terrain.type',
        message: 'a DEM is placed by longitude and latitude, but a straight border has no place on the Earth',
        got: '"dem"',
        allowed: 'a geographic border line (type geojson or countries) with a DEM, or flat/procedural terrain with a straight line',
      });
    }
    const path = io.resolve(sceneFile, terrain.file);
    const dem = await readDem(await read(() => io.readBytes(path), blame, terrain.file), blame);
    out.ground = groundFromDem(dem, out.projection, border, reach, bounds, terrain.cellM ?? defaultDemCellM(dem), blame, opts.alloc);
  } else if (terrain.type === 'procedural') {
    // Refuse a grid too large to allocate as bad input (exit 2), before any memory is taken.
    const layout = planGround(border, reach, bounds, terrain.cellM, tileCellsFor(terrain.cellM));
    if (layout.samples > MAX_CELLS) {
      throw InputError.of({
        file: sceneFile,
        path: 'terrain.cellM',
        message: `procedural terrain along the ${(border.lengthM / 1000).toFixed(0)} km line at ${terrain.cellM} m cells needs ${layout.samples.toExponential(2)} height samples`,
        got: String(terrain.cellM),
        allowed: `at most ${MAX_CELLS.toExponential(1)} samples (${((MAX_CELLS * 4) / 1e9).toFixed(1)} GB): a cellM of at least ${Math.ceil(terrain.cellM * Math.sqrt(layout.samples / MAX_CELLS))} m, a shorter line or a narrower strip`,
      });
    }
    // Built here, once: every world of the job (worker threads, the weakest density's) shares it.
    out.ground = buildSceneGround(terrain, border, reach, bounds, { alloc: opts.alloc });
  }
  if (out.ground && opts.allocIndex) {
    const g = out.ground.ground;
    out.ground = isTiledGround(g)
      ? { ...out.ground, ground: prepareTiledGroundPooled(g, opts.allocIndex) }
      : { ...out.ground, gridIndex: buildTerrainIndex(g, opts.allocIndex) };
  }
  return out;
}

/**
 * A line that crosses, touches or retraces itself has no "left of travel" and counts stretches twice:
 * refused, with where it happens (src/geo/simpleLine.ts states the rule).
 */
function checkSimpleLine(border: Border, blame: { file: string; path: string }): void {
  const d = lineDefect(border.xy);
  if (!d) return;
  const km = (m: number) => (m / 1000).toFixed(3);
  const message =
    d.kind === 'reversal'
      ? `the border line doubles back on itself at vertex ${d.vertex} (km ${km(border.cumM[d.vertex])}: it turns ${d.turnDeg.toFixed(1)}° there, a reversal)`
      : `the border line crosses or touches itself: the segment at km ${km(border.cumM[d.a])} meets the segment at km ${km(border.cumM[d.b])}, so "left of travel" (the home side) has no meaning there`;
  throw InputError.of({ ...blame, message, allowed: 'a simple line: one that never crosses, touches or retraces itself (split a bow-tie into its two borders, drop the doubled part)' });
}

/** Gaps and towers must lie on the line; for file-based lines only now is its length known. */
function checkAgainstLength(s: ScenarioLike, lengthKm: number): void {
  const problems: Problem[] = [];
  const sceneFile = s.sceneFile ?? DEFAULT_SCENE_LABEL;
  const configFile = s.configFile ?? DEFAULT_CONFIG_LABEL;
  const lenText = `${lengthKm.toFixed(3)} km`;
  s.scene.border.barrier.gaps.forEach((g, i) => {
    if (g.toKm > lengthKm) {
      problems.push({
        file: sceneFile,
        path: `border.barrier.gaps.${i}.toKm`,
        message: `the gap ends beyond the end of the border line (${lenText} long)`,
        got: String(g.toKm),
        allowed: `a chainage from 0 to ${lenText}`,
      });
    }
  });
  const towers = s.config.towers;
  // Too many cameras for the line's real length (limits.ts); checked before any tower is placed.
  const size = limitProblems(s.scene, s.config, lengthKm, () => ({ file: configFile }), sceneFile);
  if (size.length > 0) throw new InputError(size);
  if ('at' in towers) {
    towers.at.forEach((t, i) => {
      if (t.km > lengthKm) {
        problems.push({ file: configFile, path: `towers.at.${i}.km`, message: `the tower stands beyond the end of the border line (${lenText} long)`, got: String(t.km), allowed: `a chainage from 0 to ${lenText}` });
      }
    });
  } else if (towerChainages(towers, lengthKm * 1000).length === 0) {
    problems.push({
      file: configFile,
      path: 'towers.offsetM',
      message: `the first tower (offsetM ${towers.offsetM} m) lies beyond the end of the border line (${lenText} long), so no tower would stand`,
      got: String(towers.offsetM),
      allowed: `offsetM from 0 to ${(lengthKm * 1000).toFixed(0)} m`,
    });
  }
  if (problems.length > 0) throw new InputError(problems);
}
