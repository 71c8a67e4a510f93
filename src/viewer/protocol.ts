/**
 * The typed messages between the page and the simulation worker. Everything here is structured-clone
 * data; the bulky parts (heightfield, per-tick intruder positions) travel as transferable buffers.
 */
import type { SegmentRow } from '../core/figures/detection.ts';
import type { RunFigures } from '../core/figures/registry.ts';
import type { DetectionEvent } from '../core/attemptRow.ts';
import type { FinishedAttempt } from '../core/session.ts';
import type { SimCommand } from '../stream/simulation.ts';
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import type { ReferenceTarget } from '../coverage/reference.ts';
import type { CampaignTick } from './worker/campaignPlayback.ts';

export type { CampaignTick };

/** A campaign's shape (config `campaign:`), sent once with the world when the scenario has one. */
export interface CampaignView {
  days: number;
  /** Length of the campaign, seconds. */
  durationS: number;
  mode: string;
  operators: number;
  teams: number;
  /** Team bases, interleaved x, y (metres). */
  basesXY: Float64Array;
}

/** What to simulate: file texts as fetched or picked by the user, plus `--set`-style overrides. */
export interface ScenarioRequest {
  /** Scene text and the name errors should carry (its path as the user gave it); absent = built-in default. */
  sceneText?: string;
  sceneName?: string;
  configText?: string;
  configName?: string;
  /** `key=value` overrides, exactly as `watchline run --set` takes them (run.seed, run.attempts included). */
  sets: string[];
  /** Simulated seconds per wall-clock second at the start. */
  speed: number;
  paused: boolean;
  /** Worker tick period, milliseconds. */
  frameMs?: number;
  /**
   * A `towers:` block replacing the config's (an optimize result's layout, optimizeDoc.ts), validated
   * like a config's own block.
   */
  towers?: { setbackM: number; heightM: number; at: { km: number; heightM: number }[] };
}

/** Tiles of a tiled ground (core/terrain/tiled.ts), decimated for drawing. */
export interface GroundTilesView {
  originX: number;
  originY: number;
  cellM: number;
  /** Cells per tile side; a tile holds (tileCells + 1)² samples, neighbours sharing edges. */
  tileCells: number;
  tilesX: number;
  tilesY: number;
  /** Tile (tx, ty) → slot (row-major ty·tilesX + tx), −1 where none exists. */
  slot: Int32Array;
  /** Tile column and row of each slot, interleaved. */
  positions: Int32Array;
  samples: Float32Array;
  /** Height where no tile exists, metres. */
  fillM: number;
}

/** Static description of the world, enough to draw it: sent once, after the world is built. */
export interface WorldView {
  name: string;
  scene: SceneSpec;
  config: ConfigSpec;
  seed: number;
  attempts: number;
  stepS: number;
  /** Clock of the first attempt's start, seconds after midnight of day 1. */
  firstStartS: number;
  lengthM: number;
  approachM: number;
  depthM: number;
  /** Border polyline, interleaved x, y (metres) and the chainage of each vertex. */
  borderXY: Float64Array;
  borderCumM: Float64Array;
  barrierHeightM: number;
  barrierWidthM: number;
  /** Gap intervals [from0, to0, from1, to1, …] in chainage metres. */
  gapsM: Float64Array;
  heightfield: { originX: number; originY: number; cellM: number; nx: number; ny: number; heights: Float32Array };
  /**
   * For a tiled ground (long bent borders): the strip's tiles, decimated, from which the page draws
   * the ground with level of detail (render/groundLod.ts); `heightfield` is then a coarse overview.
   */
  groundTiles?: GroundTilesView;
  wadiKm: number[];
  towers: { count: number; sM: Float64Array; x: Float64Array; y: Float64Array; groundM: Float64Array; heightM: Float64Array; setbackM: Float64Array };
  cameras: {
    count: number;
    tower: Int32Array;
    model: Int32Array;
    headingRad: Float64Array;
    halfFovRad: Float64Array;
    scanHalfSectorRad: Float64Array;
    scanPeriodS: Float64Array;
    fullTurn: Uint8Array;
  };
  models: ModelView[];
  /** Threat kinds in the order of the intruder frame's threat indexes; heightM is the target's top above its feet. */
  threats: { kind: string; share: number; heightM: number; speedMps: number }[];
  /** The target the coverage overlay and footprints are drawn for. */
  reference: ReferenceView;
  /** Width of the per-segment statistics bins, km. */
  segmentKm: number;
  /** The campaign, when the config has `campaign:` (the attempts then arrive over its days). */
  campaign?: CampaignView;
}

/** The analytic coverage's reference target (src/coverage/reference.ts), with its label for the legend. */
export interface ReferenceView extends ReferenceTarget {
  label: string;
}

export interface ModelView {
  label: string;
  sensor: 'thermal' | 'ideal';
  /** Ranges at which P∞ for the reference target falls to the band thresholds, metres. */
  bandRangesM: number[];
  /** Field of view, degrees. */
  fovDeg: number;
  description: string;
}

/** P∞ bands of the footprints and the coverage overlay (issue 3): ≥ 0.9, ≥ 0.5, ≥ 0.1. */
export const P_BANDS: readonly number[] = [0.9, 0.5, 0.1];

/**
 * Intruder positions of one tick, packed in one transferable buffer of capacity `cap` slots:
 * ids Int32[cap] | xyz Float32[3·cap] | threat Uint8[cap] | detected Uint8[cap]. Valid up to `count`.
 */
export interface PackedFrame {
  buffer: ArrayBuffer;
  cap: number;
  count: number;
}

export function frameBytes(cap: number): number {
  return cap * (4 + 12 + 1 + 1);
}

/** Typed views on a packed frame. Creating them allocates four small objects: do it once per buffer. */
export interface FrameViews {
  ids: Int32Array;
  xyz: Float32Array;
  threat: Uint8Array;
  detected: Uint8Array;
}

export function frameViews(buffer: ArrayBuffer, cap: number): FrameViews {
  return {
    ids: new Int32Array(buffer, 0, cap),
    xyz: new Float32Array(buffer, 4 * cap, 3 * cap),
    threat: new Uint8Array(buffer, 16 * cap, cap),
    detected: new Uint8Array(buffer, 17 * cap, cap),
  };
}

/** A finished attempt with what the HUD needs beyond the session's record. */
export interface FinishedView extends Omit<FinishedAttempt, 'row'> {
  threat: number;
}

/** One tick of the simulation. */
export interface BatchMessage {
  type: 'batch';
  /** Generation of the scenario this batch belongs to (a restart bumps it). */
  gen: number;
  tS: number;
  done: boolean;
  frame: PackedFrame;
  events: DetectionEvent[];
  finished: FinishedView[];
  started: number;
  live: number;
  /** Detections of attempts still in the strip. */
  liveDetected: number;
  /** Full statistics of the finished attempts (the CLI's own accumulator); sent a few times a second and on the last batch. */
  stats?: RunFigures;
  /** Detection rate per bin of the HUD's segment chart (WorldView.segmentKm wide); sent with `stats`. */
  chartSegments?: SegmentRow[];
  /** Detections per tower so far; sent with `stats`. */
  towerDetections?: Int32Array;
  /** A campaign's state at `tS` (queue, operators, teams, fates), when the scenario is a campaign. */
  campaign?: CampaignTick;
}

export type WorkerMessage =
  | { type: 'ready'; gen: number; view: WorldView }
  | { type: 'error'; gen: number; message: string }
  | BatchMessage
  | { type: 'coverage'; gen: number; coverage: CoverageRaster };

export type PageMessage =
  | { type: 'load'; gen: number; request: ScenarioRequest }
  | { type: 'command'; command: SimCommand }
  | { type: 'recycle'; buffer: ArrayBuffer };

/**
 * Max P∞ for the reference target over every camera that has a line of sight, on a regular raster
 * over the heightfield's bounds — or, for a tiled ground (a long bent line), on a raster per ground
 * tile, so that the cells are as fine along 600 km as along 50 (`tiles`; then nx = ny = 0); plus the
 * barrier's dead zone along the line.
 */
/** A raster per tile of a tiled ground's lattice (the tiles that exist), P∞ in [0, 1]. */
export interface CoverageTiles {
  originX: number;
  originY: number;
  tileM: number;
  tilesX: number;
  tilesY: number;
  /** Tile (tx, ty) → slot (ty·tilesX + tx), or −1 where the ground has no tile: no coverage there. */
  slot: Int32Array;
  /** Samples per tile side: n × n, `tileM / (n − 1)` apart, both edges included. */
  n: number;
  /** Slot after slot, each row-major n × n. */
  p: Float32Array;
}

export interface CoverageRaster {
  originX: number;
  originY: number;
  cellM: number;
  nx: number;
  ny: number;
  /** Row-major (j·nx + i), P∞ in [0, 1]. */
  p: Float32Array;
  tiles?: CoverageTiles;
  /** Dead zone behind the wall's far face: chainage samples (m) and hidden depth (m, 0 = none). */
  deadSM: Float64Array;
  deadDepthM: Float32Array;
}
