/**
 * Colours of the viewer, in one place so the map, its legend and the charts agree. Linear-ish sRGB
 * triples in [0, 1] for buffers, CSS strings for the HUD.
 */
export type Rgb = readonly [number, number, number];

/** sRGB components of a CSS hex colour, in [0, 1] (for the HUD and canvas drawing). */
export function hexToSrgb(hex: string): Rgb {
  const n = parseInt(hex.replace('#', ''), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** One sRGB component → linear light (three.js renders in linear space and encodes sRGB on output). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/**
 * Linear-light components of a CSS hex colour: what vertex and instance colour buffers must hold so
 * the screen shows the CSS colour (three.js treats raw buffer colours as linear).
 */
export function hexToRgb(hex: string): Rgb {
  const [r, g, b] = hexToSrgb(hex);
  return [srgbToLinear(r), srgbToLinear(g), srgbToLinear(b)];
}

/** P∞ bands, best first (≥ 0.9, ≥ 0.5, ≥ 0.1), then "below 0.1". */
export const BAND_HEX = ['#2fbf71', '#f2c230', '#f0772e', '#d7263d'] as const;
export const BAND_RGB: readonly Rgb[] = BAND_HEX.map(hexToRgb);

/** Threat kinds: undetected marker colours. A detected intruder turns DETECTED. */
export const THREAT_HEX: Readonly<Record<string, string>> = {
  foot: '#ffd23f',
  group: '#ff9f1c',
  crawler: '#e36bff',
  vehicle: '#3fd0ff',
  tunnel: '#a6ff4d',
};
export const DETECTED_HEX = '#ff3b3b';
export const UNDETECTED_CROSSING_HEX = '#ff2e63';
export const FLASH_HEX = '#ff6b6b';
export const TOWER_HEX = '#e8edf2';
export const TOWER_SELECTED_HEX = '#3fd0ff';

/** Terrain: low ground (wadi beds), middle, crests; far side tinted warm. */
export const TERRAIN_LOW: Rgb = hexToRgb('#7d5c3c');
export const TERRAIN_MID: Rgb = hexToRgb('#c4a06a');
export const TERRAIN_HIGH: Rgb = hexToRgb('#e6d3a3');
/** Multipliers applied to the far side (d < 0) and outside the strip. */
export const FAR_TINT: Rgb = [1.0, 0.82, 0.74];
export const OUTSIDE_STRIP_SHADE = 0.72;

export const WALL_HEX = '#d5d8dc';
export const GAP_HEX = '#ff8c1a';
export const APPROACH_LINE_HEX = '#ff5a5f';
export const THROUGH_LINE_HEX = '#5aa9ff';
export const DEAD_ZONE_HEX = '#ff1f4b';
/** Sky: zenith and horizon of the background gradient; the fog and the ground skirt fade to the horizon. */
export const SKY_ZENITH_HEX = '#2b4a6f';
export const SKY_HORIZON_HEX = '#c9d3d8';
export const SKIRT_HEX = '#bba27a';

export function bandIndex(p: number, bands: readonly number[]): number {
  for (let i = 0; i < bands.length; i++) if (p >= bands[i]) return i;
  return bands.length;
}

/** Campaigns: an attempt stopped by a team, one seen but got through (unseen: UNDETECTED_CROSSING_HEX). */
export const FATE_STOPPED_HEX = '#2fe07a';
export const FATE_SEEN_HEX = '#ffb020';
/** Alarm markers at their cameras: a nuisance alarm, an intruder's alarm. */
export const NUISANCE_ALARM_HEX = '#ffe14d';
export const REAL_ALARM_HEX = '#ff3b3b';
/** Response teams: at their base, called out or driving to the intruder, on the way back. */
export const TEAM_HEX = ['#9fb3c8', '#2f8cff', '#7a8fd6'] as const;
