/**
 * Nuisance alarms (docs/model.md §8): each camera in service raises them as a Poisson process —
 * animals, wind, heat shimmer — at a rate per camera-hour, multiplied in dust or haze. A camera out
 * of service on a day raises none that day.
 *
 * They are drawn as one process, not camera by camera: independent Poisson processes superpose into
 * one Poisson process whose rate is their sum, and each of its points belongs to one of them with
 * probability proportional to its rate. With every working camera at the same rate, that is a
 * process at (working cameras × rate per camera), each alarm's camera drawn uniformly among the
 * cameras working that day — exactly the same law as one process per camera, and generated already
 * in time order, so the event pass needs no merge of hundreds of lists. Its gaps are exponential,
 * walked through the pieces of constant rate (a day, cut where dust starts or stops); at a piece's end
 * the running gap is dropped and a fresh one drawn from the next piece's start, which the exponential's
 * lack of memory makes exact.
 *
 * Alarm n (counted over the campaign, in time order) is the alarm's stable id: its camera is draw n
 * of its own stream, its assessment's numbers draws 2n and 2n + 1 of another (streams.ts).
 */
import { StreamCursor, streamKey, uniformAt } from '../rng.ts';
import { CampaignStream } from './streams.ts';

export const DAY_S = 86_400;

/** Nuisance alarms of a campaign in time order (alarm n at index n: its stable id). */
export interface NuisanceAlarms {
  /** Campaign time, s, ascending. */
  timeS: Float64Array;
  /** The camera that raised it. */
  camera: Int32Array;
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
  let cap = 64;
  for (const p of pieces) cap += Math.ceil(cameras * p.ratePerS * (p.toS - p.fromS) * 1.1);
  let timeS = new Float64Array(cap);
  let camera = new Int32Array(cap);
  let count = 0;
  const gaps = new StreamCursor(seed, 0, CampaignStream.nuisance);
  const cameraKey = streamKey(seed, 1, CampaignStream.nuisance);
  // The cameras in service on the current day.
  const working = new Int32Array(cameras);
  let nWorking = 0;
  let day = -1;
  for (const piece of pieces) {
    if (piece.day !== day) {
      day = piece.day;
      nWorking = 0;
      for (let k = 0; k < cameras; k++) if (inService(k, day)) working[nWorking++] = k;
    }
    const rate = nWorking * piece.ratePerS;
    if (!(rate > 0)) continue;
    for (let t = piece.fromS + gaps.nextExp() / rate; t < piece.toS; t += gaps.nextExp() / rate) {
      if (count === cap) {
        cap *= 2;
        timeS = grow(timeS, cap);
        camera = grow(camera, cap);
      }
      timeS[count] = t;
      // uniformAt < 1, so the index stays below nWorking.
      camera[count] = working[Math.floor(uniformAt(cameraKey, count) * nWorking)];
      count++;
    }
  }
  return { timeS: timeS.subarray(0, count), camera: camera.subarray(0, count), count };
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
