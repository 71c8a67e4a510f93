/**
 * Atmosphere and thermal contrast over the day (docs/model.md §3), and the start-time distribution of
 * attempts. All constants here are assumptions for a desert in the LWIR band, overridable per scene.
 */
import type { TimeOfDay, Visibility } from './spec.ts';

/** LWIR extinction coefficient σ per km by visibility class (assumptions; docs/model.md §3). */
export const EXTINCTION_PER_KM: Readonly<Record<Visibility, number>> = Object.freeze({
  clear: 0.15,
  haze: 0.5,
  dust: 1.5,
  fog: 5,
});

export const DAY_S = 86_400;

/**
 * Desert thermal crossovers: the hours when a person's surface temperature passes through that of the
 * ground, morning (≈ 1 h after a 06:00 sunrise) and evening (≈ sunset). Assumptions.
 */
export const CROSSOVER_HOURS: readonly number[] = [7, 18.5];
/** Half-width (1σ) of the contrast dip around a crossover, hours. */
export const CROSSOVER_WIDTH_H = 0.5;
/** Share of the contrast left at the bottom of a crossover dip ("near zero"). */
export const CROSSOVER_FLOOR = 0.05;
/** Daytime person contrast relative to night: 2 K vs 3 K (docs/model.md §3). */
export const DAY_CONTRAST_FACTOR = 2 / 3;

/** Hours of daylight for the day/night blend, local solar time. */
const SUNRISE_H = 6;
const SUNSET_H = 18.5;

function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(Math.max((x - e0) / (e1 - e0), 0), 1);
  return t * t * (3 - 2 * t);
}

/** Daylight weight in [0, 1] at an hour of day: 0 at night, 1 in full day, one-hour ramps. */
export function daylight(hour: number): number {
  return smoothstep(SUNRISE_H - 0.5, SUNRISE_H + 0.5, hour) * (1 - smoothstep(SUNSET_H - 0.5, SUNSET_H + 0.5, hour));
}

/**
 * Multiplier of a body's night contrast at a time of day, in (0, 1]: 1 at night, 2/3 in the day and
 * a near-zero dip at the two thermal crossovers. `engineHeated` bodies (vehicles) keep their contrast.
 */
export function contrastFactor(timeOfDayS: number, engineHeated: boolean): number {
  if (engineHeated) return 1;
  const hour = (((timeOfDayS % DAY_S) + DAY_S) % DAY_S) / 3600;
  let f = 1 - (1 - DAY_CONTRAST_FACTOR) * daylight(hour);
  let dip = 0;
  for (const c of CROSSOVER_HOURS) {
    const z = (hour - c) / CROSSOVER_WIDTH_H;
    dip = Math.max(dip, Math.exp(-0.5 * z * z));
  }
  f *= 1 - (1 - CROSSOVER_FLOOR) * dip;
  return f;
}

/**
 * Relative weight of each hour (0..23) as an attempt start, per scene time-of-day setting.
 * `mixed` is night-heavy: night hours weigh 4, twilight 2, day 1 (assumption; smugglers prefer dark).
 */
export function startHourWeights(tod: TimeOfDay): Float64Array {
  const w = new Float64Array(24);
  for (let h = 0; h < 24; h++) {
    const mid = h + 0.5;
    const isNight = mid < 5 || mid >= 20;
    const isDawn = mid >= 5 && mid < 8;
    const isDusk = mid >= 17 && mid < 20;
    const isDay = !isNight && !isDawn && !isDusk;
    switch (tod) {
      case 'night':
        w[h] = isNight ? 1 : 0;
        break;
      case 'day':
        w[h] = isDay ? 1 : 0;
        break;
      case 'dawn':
        w[h] = isDawn ? 1 : 0;
        break;
      case 'dusk':
        w[h] = isDusk ? 1 : 0;
        break;
      case 'mixed':
        w[h] = isNight ? 4 : isDay ? 1 : 2;
        break;
    }
  }
  return w;
}

/** Cumulative distribution over the 24 hours, normalised to end at 1. */
export function startHourCdf(tod: TimeOfDay): Float64Array {
  const w = startHourWeights(tod);
  const cdf = new Float64Array(24);
  let acc = 0;
  for (let h = 0; h < 24; h++) {
    acc += w[h];
    cdf[h] = acc;
  }
  for (let h = 0; h < 24; h++) cdf[h] /= acc;
  return cdf;
}

/** Start time of day in seconds from two uniforms: an hour by the CDF, then uniform within it. */
export function sampleStartTimeS(cdf: Float64Array, u1: number, u2: number): number {
  let h = 0;
  while (h < 23 && cdf[h] <= u1) h++;
  return (h + u2) * 3600;
}
