/**
 * Thermal camera presets (docs/model.md §3). Optics are typical uncooled LWIR microbolometer cores of the
 * named formats; NETD values are makers' typical figures (assumptions, overridable per camera).
 */
import type { JohnsonSpec, OpticsSpec } from '../spec.ts';

export interface CameraPreset {
  readonly description: string;
  readonly optics: Readonly<OpticsSpec>;
}

/** Makers' pixel criteria: detection 1.5 px (0.75 cycle), recognition 6 px, identification 12 px. */
export const MAKER_JOHNSON: Readonly<JohnsonSpec> = Object.freeze({ detect: 0.75, recognize: 3, identify: 6 });

export const CAMERA_PRESETS = Object.freeze({
  'short-range-320': {
    description: '320 × 256, 12 µm, 19 mm (≈ 11.6° HFOV), NETD 50 mK',
    optics: Object.freeze({ cols: 320, rows: 256, pitchUm: 12, focalMm: 19, netdK: 0.05 }),
  },
  'mid-range-640': {
    description: '640 × 512, 12 µm, 50 mm (≈ 8.8° HFOV), NETD 40 mK',
    optics: Object.freeze({ cols: 640, rows: 512, pitchUm: 12, focalMm: 50, netdK: 0.04 }),
  },
  'long-range-640': {
    description: '640 × 512, 12 µm, 100 mm (≈ 4.4° HFOV), NETD 40 mK',
    optics: Object.freeze({ cols: 640, rows: 512, pitchUm: 12, focalMm: 100, netdK: 0.04 }),
  },
  'reference-17um-75mm': {
    description: '640 × 480, 17 µm, 75 mm: the lens of the worked check in docs/model.md §3 (P∞ = 0.5 for a person at ≈ 2.2 km)',
    optics: Object.freeze({ cols: 640, rows: 480, pitchUm: 17, focalMm: 75, netdK: 0.05 }),
  },
} satisfies Record<string, CameraPreset>);

export type PresetName = keyof typeof CAMERA_PRESETS;
export const PRESET_NAMES = Object.keys(CAMERA_PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(CAMERA_PRESETS, name);
}
