/**
 * The embedded default scenario: what `watchline run` and the viewer use with no files. The same
 * scenario ships as scenes/desert-50km.yaml and sim-configs/default.yaml; a test asserts that those
 * files parse to exactly these objects.
 */
import type { ConfigSpec, SceneSpec } from '../core/spec.ts';
import { deepFreeze } from './freeze.ts';
import type { ConfigInput } from './schema.ts';

/** A 50 km straight desert border with a 3 × 3 m wall, two gaps and a mixed threat. */
export const DEFAULT_SCENE: SceneSpec = deepFreeze({
  name: 'desert-50km',
  border: {
    line: { type: 'straight', lengthKm: 50 },
    barrier: {
      heightM: 3,
      widthM: 3,
      gaps: [
        { fromKm: 17.0, toKm: 17.3 },
        { fromKm: 33.5, toKm: 33.7 },
      ],
    },
  },
  terrain: { type: 'procedural', seed: 7, reliefM: 25, wadis: 4, wadiDepthM: 6, wadiWidthM: 60, cellM: 10 },
  environment: { visibility: 'clear', timeOfDay: 'mixed' },
  threats: [
    { kind: 'foot', share: 0.6 },
    { kind: 'group', share: 0.2 },
    { kind: 'crawler', share: 0.1 },
    { kind: 'vehicle', share: 0.05 },
    { kind: 'tunnel', share: 0.05 },
  ],
  crossing: { distribution: 'uniform' },
  strip: { approachM: 2000, depthM: 1000 },
});

/**
 * The default deployment as written in sim-configs/default.yaml (without its `scene:` line).
 * `offsetM` is left out on purpose: it defaults to spacingM / 2, so a `--set towers.spacingM=…` or a
 * spacing sweep keeps the towers centred in their cells.
 *
 * What the numbers rest on (docs/model.md):
 * - spacingM 4000: twice the range at which the mid-range 640 gives a walker P∞ = 0.5 at night
 *   (≈ 2.1 km, §3), so every crossing passes within that range of a tower — edge-to-edge coverage at
 *   P∞ = 0.5, the sparsest spacing a planner would start from (assumed). Its headline (about 85 %)
 *   sits where tuning matters: 2 km gives about 97 %, 6 km about 70 % (sim-configs/sweep-spacing.yaml).
 * - setbackM 50, heightM 15: a typical camera tower just behind the wall (assumed; §2).
 * - two mid-range 640 cameras panning 120° in 30 s: together they sweep the far side and both flanks
 *   (assumed).
 * - availability, watch (operators, one per 8 cameras) and run.days are left to their defaults, which
 *   summary.json and the CLI mark as assumed (§8).
 */
export const DEFAULT_CONFIG_INPUT: ConfigInput = deepFreeze({
  towers: { spacingM: 4000, setbackM: 50, heightM: 15 },
  cameras: [
    { sensor: 'thermal', preset: 'mid-range-640', headingDeg: -60, scan: { sectorDeg: 120, periodS: 30 } },
    { sensor: 'thermal', preset: 'mid-range-640', headingDeg: 60, scan: { sectorDeg: 120, periodS: 30 } },
  ],
  run: { attempts: 10000, seed: 1, stepS: 2 },
});

/** The default deployment with every schema default filled in: towers every 4 km from 2 km, two panning mid-range cameras each. */
export const DEFAULT_CONFIG: ConfigSpec = deepFreeze({
  towers: { spacingM: 4000, offsetM: 2000, setbackM: 50, heightM: 15 },
  cameras: [
    { sensor: 'thermal', preset: 'mid-range-640', headingDeg: -60, scan: { sectorDeg: 120, periodS: 30 } },
    { sensor: 'thermal', preset: 'mid-range-640', headingDeg: 60, scan: { sectorDeg: 120, periodS: 30 } },
  ],
  run: { attempts: 10000, seed: 1, stepS: 2 },
});

/** Labels used in problem reports for values that came from no file. */
export const DEFAULT_SCENE_LABEL = '(built-in default scene)';
export const DEFAULT_CONFIG_LABEL = '(built-in default config)';
