/**
 * Nuisance alarms (docs/model.md §8): each camera in service raises them as a Poisson process —
 * animals, wind, heat shimmer — at a rate per camera-hour, multiplied in dust or haze. A camera out
 * of service on a day raises none that day.
 *
 * Camera k's alarms come from its own stream (streams.ts), as exponential gaps walked through the
 * pieces of constant rate (a day, cut where dust starts or stops). At a piece's end the running gap
 * is dropped and a fresh one drawn from the next piece's start: the exponential is memoryless, so
 * that is exact, and it keeps each camera's alarms independent of every other camera's.
 */
import { StreamCursor } from '../rng.ts';
import { CampaignStream } from './streams.ts';

export const DAY_S = 86_400;

/** Nuisance alarms of a campaign, camera by camera, each camera's in time order. */
export interface NuisanceAlarms {
  timeS: Float64Array;
  camera: Int32Array;
  /** The alarm's number among its camera's (its stable id with the camera). */
  index: Int32Array;
  count: number;
}

export interface NuisanceSpec {
  /** Alarms per camera-hour in clear air. */
  perCameraHour: number;
  /** Multiplier of the rate while dusty (dust or haze). */
  dustFactor: number;
  /** Dusty intervals of campaign time, [fromS, toS), ascending and disjoint. */
  dusty: readonly (readonly [number, number])[];
}

/** A piece of campaign time with one rate (per second) on one day. */
interface RatePiece {
  fromS: number;
  toS: number;
  day: number;
  ratePerS: number;
}

/** The campaign's pieces of constant rate: days, cut at the dusty intervals' ends. */
export function ratePieces(days: number, spec: NuisanceSpec): RatePiece[] {
  const clear = spec.perCameraHour / 3600;
  const pieces: RatePiece[] = [];
  for (let day = 0; day < days; day++) {
    const dayFrom = day * DAY_S;
    const dayTo = dayFrom + DAY_S;
    let t = dayFrom;
    for (const [a, b] of spec.dusty) {
      const from = Math.max(a, dayFrom);
      const to = Math.min(b, dayTo);
      if (!(from < to)) continue;
      if (from > t) pieces.push({ fromS: t, toS: from, day, ratePerS: clear });
      pieces.push({ fromS: from, toS: to, day, ratePerS: clear * spec.dustFactor });
      t = to;
    }
    if (t < dayTo) pieces.push({ fromS: t, toS: dayTo, day, ratePerS: clear });
  }
  return pieces;
}

/**
 * The nuisance alarms of `cameras` cameras over `days`, camera k raising them on the days when
 * `inService(k, day)` holds.
 */
export function nuisanceAlarms(
  seed: number,
  cameras: number,
  days: number,
  inService: (camera: number, day: number) => boolean,
  spec: NuisanceSpec,
): NuisanceAlarms {
  const pieces = ratePieces(days, spec);
  let cap = Math.max(16, Math.ceil(cameras * days * 24 * spec.perCameraHour * 1.2) + 64);
  let timeS = new Float64Array(cap);
  let camera = new Int32Array(cap);
  let index = new Int32Array(cap);
  let count = 0;
  const cursor = new StreamCursor();
  for (let k = 0; k < cameras; k++) {
    cursor.reset(seed, k, CampaignStream.nuisance);
    let n = 0;
    let day = -1;
    let working = false;
    for (const piece of pieces) {
      if (piece.day !== day) {
        day = piece.day;
        working = inService(k, day);
      }
      if (!working || !(piece.ratePerS > 0)) continue;
      for (let t = piece.fromS + cursor.nextExp() / piece.ratePerS; t < piece.toS; t += cursor.nextExp() / piece.ratePerS) {
        if (count === cap) {
          cap *= 2;
          timeS = grow(timeS, cap);
          camera = grow(camera, cap);
          index = grow(index, cap);
        }
        timeS[count] = t;
        camera[count] = k;
        index[count] = n++;
        count++;
      }
    }
  }
  return { timeS: timeS.subarray(0, count), camera: camera.subarray(0, count), index: index.subarray(0, count), count };
}

function grow<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * Dusty intervals of a campaign: the whole of it when the scene's own visibility is dust or haze;
 * otherwise the listed nights, night n (counted from 1) running from 18:00 on day n to 06:00 on day
 * n + 1 (an assumption: a night's dust storm, at the hours of darkness).
 */
export function dustyIntervals(days: number, dustyAllTime: boolean, dustNights: readonly number[]): [number, number][] {
  if (dustyAllTime) return [[0, days * DAY_S]];
  const nights = [...new Set(dustNights)].sort((a, b) => a - b);
  return nights.map((n) => [(n - 1) * DAY_S + 18 * 3600, n * DAY_S + 6 * 3600] as [number, number]);
}
