/**
 * The world: every static thing an attempt moves through, built once from a scene and a config and
 * then only read. Pure data plus precomputed indexes; no I/O (file-based borders and DEMs are
 * resolved at the edge and passed in).
 */
import KDBush from 'kdbush';
import type { Barrier } from './barrier.ts';
import { createBarrier } from './barrier.ts';
import type { Border } from './border.ts';
import { newStation, stationAt, straightBorder } from './border.ts';
import type { Cameras, SensorModel } from './cameras.ts';
import { buildSensorModel, mountCameras } from './cameras.ts';
import type { ChainageDensity } from './crossing.ts';
import { crossingDensity, gapsDensity } from './crossing.ts';
import { EXTINCTION_PER_KM, startHourCdf } from './environment.ts';
import type { ConfigSpec, RunSpec, SceneSpec } from './spec.ts';
import type { Ground, SceneGroundData } from './terrain/ground.ts';
import { buildSceneGround, groundHeightAt, isTiledGround, overviewHeightfield, prepareGround } from './terrain/ground.ts';
import type { Heightfield } from './terrain/heightfield.ts';
import type { TerrainIndex } from './terrain/los.ts';
import { buildTerrainIndex } from './terrain/los.ts';
import type { StripReach } from './terrain/tiled.ts';
import type { ThreatProfile } from './threats.ts';
import { threatCdf, threatProfiles } from './threats.ts';
import type { Towers } from './towers.ts';
import { placeTowers } from './towers.ts';
import type { DetectionChain } from './watch.ts';
import { WATCH_ANALYTICS, detectionChain } from './watch.ts';

export interface World {
  readonly scene: SceneSpec;
  readonly config: ConfigSpec;
  readonly border: Border;
  readonly barrier: Barrier;
  /**
   * The ground: one grid, or tiles along the strip for long bent borders (terrain/ground.ts). Read
   * heights with `groundHeightAt` and test sight lines with `lineOfSight`; both are exact.
   */
  readonly ground: Ground;
  /**
   * A single grid of the ground: the ground itself when it is one grid; for a tiled ground a coarse
   * overview over the strip's bounding box (≤ 10⁶ samples), for display and overviews only.
   */
  readonly heightfield: Heightfield;
  /** Line-of-sight index of `heightfield` (so, for a tiled ground, of the overview). */
  readonly terrain: TerrainIndex;
  /** Chainages of the wadis the terrain generator cut, km (empty for flat or DEM terrain). */
  readonly wadiKm: readonly number[];
  readonly towers: Towers;
  readonly models: readonly SensorModel[];
  readonly cameras: Cameras;
  /** Spatial index over camera positions (x, y). */
  readonly cameraIndex: KDBush;
  /** Largest useful range of any camera, metres: the search radius around an attempt's path. */
  readonly maxCameraRangeM: number;
  readonly threats: readonly ThreatProfile[];
  readonly threatCdf: Float64Array;
  /** Crossing densities: for ordinary kinds, and for kinds that need a gap. */
  readonly crossing: ChainageDensity;
  readonly crossingAtGaps: ChainageDensity | null;
  readonly startHourCdf: Float64Array;
  readonly sigmaPerKm: number;
  readonly approachM: number;
  readonly depthM: number;
  /** What follows sensing (availability, watching mode, operators), every default filled in (watch.ts). */
  readonly chain: DetectionChain;
}

export interface WorldInputs {
  /** The border polyline for file-based lines (GeoJSON, Natural Earth), projected at the edge. */
  border?: Border;
  /** A heightfield read from a DEM at the edge (a single-grid ground; `ground` supersedes it). */
  heightfield?: Heightfield;
  /**
   * The scene's ground built at the edge: a DEM resampled there, or procedural terrain built once
   * and shared by worker threads. Without it the world builds the scene's terrain itself.
   */
  ground?: SceneGroundData;
  /** The density used by the `weakest` crossing distribution (from the coverage module). */
  weakest?: ChainageDensity;
}

/** Margin of terrain kept around the strip, metres. */
export const TERRAIN_MARGIN_M = 300;

export function resolveBorder(scene: SceneSpec, inputs: WorldInputs): Border {
  if (inputs.border) return inputs.border;
  const line = scene.border.line;
  if (line.type === 'straight') return straightBorder(line.lengthKm * 1000);
  throw new Error(`border line of type "${line.type}" must be resolved to a polyline before building the world`);
}

/** Bounds of the strip around the line: approach on the far side, depth or tower setback on the home side. */
export function stripBounds(border: Border, farM: number, homeM: number): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const st = newStation();
  const grow = (x: number, y: number) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  for (let i = 0; i < border.vertexCount; i++) {
    // Both adjacent segments' normals, so bends are covered on both sides.
    for (const s of [border.cumM[i] - 1e-6, border.cumM[i] + 1e-6]) {
      stationAt(border, Math.min(Math.max(s, 0), border.lengthM), st);
      const x = border.xy[2 * i];
      const y = border.xy[2 * i + 1];
      grow(x - st.nx * farM, y - st.ny * farM);
      grow(x + st.nx * homeM, y + st.ny * homeM);
    }
  }
  return { minX: minX - TERRAIN_MARGIN_M, minY: minY - TERRAIN_MARGIN_M, maxX: maxX + TERRAIN_MARGIN_M, maxY: maxY + TERRAIN_MARGIN_M };
}

/**
 * How far the ground must reach from the line: the approach on the far side, the depth or the
 * farthest tower setback on the home side, and a margin around both.
 */
export function groundReach(scene: SceneSpec, config: ConfigSpec): StripReach {
  const maxSetback = 'at' in config.towers
    ? Math.max(config.towers.setbackM, ...config.towers.at.map((t) => t.setbackM ?? 0))
    : config.towers.setbackM;
  return { farM: scene.strip.approachM, homeM: Math.max(scene.strip.depthM, maxSetback), marginM: TERRAIN_MARGIN_M };
}

export function createWorld(scene: SceneSpec, config: ConfigSpec, inputs: WorldInputs = {}): World {
  const border = resolveBorder(scene, inputs);
  const barrier = createBarrier(scene.border.barrier);
  const approachM = scene.strip.approachM;
  const depthM = scene.strip.depthM;
  const reach = groundReach(scene, config);
  const bounds = stripBounds(border, reach.farM, reach.homeM);
  const data = inputs.ground ?? (inputs.heightfield ? { ground: inputs.heightfield, wadiKm: [] } : buildSceneGround(scene.terrain, border, reach, bounds));
  const ground = prepareGround(data.ground);
  const wadiKm = data.wadiKm;
  const heightfield = isTiledGround(ground) ? overviewHeightfield(ground, bounds) : ground;
  // The edge's shared index of the same grid (see SceneGroundData), re-pointed at this thread's view of it.
  const terrain = !isTiledGround(ground) && data.gridIndex ? { ...data.gridIndex, hf: heightfield } : buildTerrainIndex(heightfield);
  const groundAt = (x: number, y: number) => groundHeightAt(ground, x, y);

  const threats = threatProfiles(scene.threats);
  const sigmaPerKm = scene.environment.extinctionPerKm ?? EXTINCTION_PER_KM[scene.environment.visibility];
  const towers = placeTowers(config.towers, border, groundAt);
  const chain = detectionChain(config, towers.count * config.cameras.length);
  // With video analytics the alarm is the detection, by the analytics' own (stricter) criterion.
  const specs = chain.modeCode !== WATCH_ANALYTICS ? config.cameras : config.cameras.map((c) => (c.sensor === 'thermal' ? { ...c, johnson: { ...c.johnson, detect: chain.analyticsN50 } } : c));
  const models = specs.map((c) => buildSensorModel(c, threats, sigmaPerKm));
  const cameras = mountCameras(config.cameras, models, towers, border);

  const cameraIndex = new KDBush(Math.max(cameras.count, 1));
  for (let k = 0; k < cameras.count; k++) cameraIndex.add(cameras.x[k], cameras.y[k]);
  if (cameras.count === 0) cameraIndex.add(Infinity, Infinity);
  cameraIndex.finish();
  let maxCameraRangeM = 0;
  for (let k = 0; k < cameras.count; k++) maxCameraRangeM = Math.max(maxCameraRangeM, cameras.maxRangeM[k]);

  const st = newStation();
  const groundAtChainage = (s: number) => {
    stationAt(border, s, st);
    return groundAt(st.x, st.y);
  };
  const needsGaps = threats.some((t) => t.gapsOnly && t.share > 0);
  return {
    scene,
    config,
    border,
    barrier,
    ground,
    heightfield,
    terrain,
    wadiKm,
    towers,
    models,
    cameras,
    cameraIndex,
    maxCameraRangeM,
    threats,
    threatCdf: threatCdf(threats),
    crossing: crossingDensity(scene.crossing.distribution, border.lengthM, barrier, groundAtChainage, inputs.weakest),
    crossingAtGaps: needsGaps ? gapsDensity(barrier) : null,
    startHourCdf: startHourCdf(scene.environment.timeOfDay),
    sigmaPerKm,
    approachM,
    depthM,
    chain,
  };
}

/**
 * The same world with other run parameters (seed, step, attempts): every static part is shared, only
 * `config.run` differs. Simulations read the seed and the step from the world, so a sweep's
 * repetitions or a test's other seed run on such a view. Returns `world` itself when nothing changes.
 */
export function withRun(world: World, run: Partial<RunSpec>): World {
  const cur = world.config.run;
  if (Object.entries(run).every(([k, v]) => v === undefined || cur[k as keyof RunSpec] === v)) return world;
  const merged = { ...cur };
  for (const [k, v] of Object.entries(run)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  return { ...world, config: { ...world.config, run: merged } };
}
