/**
 * The typed, validated inputs of the simulation core.
 *
 * These interfaces mirror the YAML files of scenes/ and sim-configs/ (see CONTRACT.md). The config
 * layer (src/config) parses files with a schema library into objects of exactly these shapes; the
 * core never parses anything itself. Units are in the field names.
 */

export type Visibility = 'clear' | 'haze' | 'dust' | 'fog';
/** `mixed` is the night-heavy 24-hour distribution of DOMAIN.md §3; the others pin a period. */
export type TimeOfDay = 'night' | 'day' | 'dawn' | 'dusk' | 'mixed';
export type ThreatKind = 'foot' | 'group' | 'crawler' | 'vehicle' | 'tunnel';
export const THREAT_KINDS: readonly ThreatKind[] = ['foot', 'group', 'crawler', 'vehicle', 'tunnel'];
export type CrossingDistribution = 'uniform' | 'gaps' | 'lowground' | 'weakest';

export interface GapSpec {
  fromKm: number;
  toKm: number;
}

/** Border line as written in a scene file. File-based lines are resolved to a polyline at the edge. */
export type BorderLineSpec =
  | { type: 'straight'; lengthKm: number }
  | { type: 'geojson'; file: string; reverse?: boolean }
  | { type: 'countries'; between: [string, string]; file?: string };

export interface BarrierSpec {
  heightM: number;
  widthM: number;
  gaps: GapSpec[];
  /** Climb/cut time per threat kind, seconds. Defaults: foot 60, group 120, crawler 90. */
  delayS?: Partial<Record<ThreatKind, number>>;
}

export type TerrainSpec =
  | { type: 'flat' }
  | {
      type: 'procedural';
      /** Seed of the relief; independent of the run seed so a world stays the same across runs. */
      seed: number;
      /** Peak-to-trough amplitude of the rolling relief, metres. */
      reliefM: number;
      /** Number of wadis (low-ground channels) crossing the border. */
      wadis: number;
      wadiDepthM: number;
      wadiWidthM: number;
      /** Heightfield cell size, metres. */
      cellM: number;
    }
  | { type: 'dem'; file: string; cellM?: number };

export interface EnvironmentSpec {
  visibility: Visibility;
  timeOfDay: TimeOfDay;
  /** Overrides the LWIR extinction coefficient implied by `visibility`, per km. */
  extinctionPerKm?: number;
}

export interface ThreatShareSpec {
  kind: ThreatKind;
  share: number;
  /** Overrides of the kind's defaults (DOMAIN.md §4). */
  speedMps?: number;
  criticalDimM?: number;
  heightM?: number;
  deltaTK?: number;
  /** Tunnels only: distance of the hidden entrance beyond the barrier line (far side), metres. Default 300. */
  entryM?: number;
  /** Tunnels only: distance of the exit inside the barrier line (home side), metres. Default 150. */
  exitM?: number;
}

export interface CrossingSpec {
  distribution: CrossingDistribution;
}

export interface StripSpec {
  /** Distance from the barrier line to where attempts start on the far side, metres. */
  approachM: number;
  /** Distance past the barrier line on the home side where an attempt counts as through, metres. */
  depthM: number;
}

export interface SceneSpec {
  name?: string;
  border: { line: BorderLineSpec; barrier: BarrierSpec };
  terrain: TerrainSpec;
  environment: EnvironmentSpec;
  threats: ThreatShareSpec[];
  crossing: CrossingSpec;
  strip: StripSpec;
}

export type TowerLayoutSpec =
  | {
      spacingM: number;
      /** Chainage of the first tower from the start of the line, metres. */
      offsetM: number;
      /** Distance of the tower behind the barrier line on the home side, metres. */
      setbackM: number;
      heightM: number;
    }
  | {
      at: { km: number; heightM?: number; setbackM?: number }[];
      setbackM: number;
      heightM: number;
    };

export interface OpticsSpec {
  cols: number;
  rows: number;
  pitchUm: number;
  focalMm: number;
  /** Noise-equivalent temperature difference, kelvin. */
  netdK: number;
}

/** Johnson N50 cycle criteria. Defaults follow the camera makers' pixel criteria (DOMAIN.md §3). */
export interface JohnsonSpec {
  detect: number;
  recognize: number;
  identify: number;
}

export interface ScanSpec {
  /** Angular sector swept by the pan, degrees, centred on `headingDeg`. 360 for a full turn. */
  sectorDeg: number;
  /** Time for one sweep across the sector (a full turn for 360°), seconds. */
  periodS: number;
}

export interface ThermalCameraSpec {
  sensor: 'thermal';
  preset?: string;
  /** Overrides of the preset's optics (or the full optics when no preset is named). */
  optics?: Partial<OpticsSpec>;
  johnson?: Partial<JohnsonSpec>;
  /** Heading of the field-of-view centre, degrees clockwise from the tower's outward normal (towards the far side). */
  headingDeg: number;
  /** Field of view, degrees. Default: the optics' HFOV. 360 means a staring all-round view. */
  fovDeg?: number;
  scan?: ScanSpec;
}

export interface IdealCameraSpec {
  sensor: 'ideal';
  rangeM: number;
  /** P∞ of the cookie-cutter sensor within range, view and sight (bounded search). Default 1. */
  pInfinity?: number;
  headingDeg: number;
  fovDeg: number;
  scan?: ScanSpec;
}

export type CameraSpec = ThermalCameraSpec | IdealCameraSpec;

export interface RunSpec {
  attempts: number;
  seed: number;
  /** Simulation step, seconds. Detection is a Poisson process, so results do not depend on it beyond noise. */
  stepS: number;
  /** Days of outage maps the attempts are spread over (each attempt draws its day). Default 30. */
  days?: number;
}

export type WatchMode = 'operators' | 'analytics' | 'ideal';
export const WATCH_MODES: readonly WatchMode[] = ['operators', 'analytics', 'ideal'];

/** How sensing becomes an alarm someone acts on (docs/model.md §8). Absent fields take their defaults. */
export interface WatchSpec {
  mode?: WatchMode;
  /** People on shift watching feeds or assessing alarms. Default: one per 8 cameras, rounded up. */
  operators?: number;
  /** Mean time to assess one alarm, seconds (analytics mode; carried for the alarm queue). Default 30. */
  assessS?: number;
  /** An alarm waiting longer is lost, seconds (carried for the alarm queue). Default 300. */
  maxWaitS?: number;
  analytics?: {
    /** Johnson N50 of the analytics' detection criterion, cycles. Default 1.5. */
    n50?: number;
    /** Nuisance alarms per camera-hour in clear air (carried for the alarm queue). Default 0.5. */
    nuisancePerCameraHour?: number;
  };
}

export type SweepAxisSpec = unknown[] | { first: number; step: number; last: number };

export interface ResponseSpec {
  /** Fixed dispatch delay after a detection, seconds. */
  delayS: number;
  /** Speed of the response from the nearest tower, m/s. */
  speedMps: number;
}

export interface ConfigSpec {
  /** Path of the scene file, relative to the config file. */
  scene?: string;
  towers: TowerLayoutSpec;
  cameras: CameraSpec[];
  run: RunSpec;
  sweep?: Record<string, SweepAxisSpec>;
  /** Sweep repetitions and the recommendation's target rate. */
  sweepOptions?: { repetitions: number; targetRate: number };
  response?: ResponseSpec;
  /** Share of cameras in service on a given day, drawn per (camera, day). Default 0.95. */
  availability?: number;
  watch?: WatchSpec;
}
