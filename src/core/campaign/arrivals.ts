/**
 * How many attempts a campaign holds (docs/model.md §8). Attempts arrive as a Poisson process of
 * `attemptsPerDay` over `days`; its count N is Poisson(attemptsPerDay × days), drawn here as the
 * number of exponential gaps (rate attemptsPerDay per day) that fit in `days` — exact, and cheap for
 * any campaign a config allows. Given N, each attempt takes its day uniformly from its own stream
 * (the outage map's day) and its time of day from the scene's distribution (the plan): a Poisson
 * count split uniformly over the days is exactly an independent Poisson process per day.
 */
import { StreamCursor } from '../rng.ts';
import { CampaignStream } from './streams.ts';
import { DAY_S } from './nuisance.ts';

/** Attempts of a campaign of `days` at `attemptsPerDay`, for `seed`. */
export function campaignAttemptCount(seed: number, days: number, attemptsPerDay: number): number {
  if (!(attemptsPerDay > 0)) return 0;
  const cursor = new StreamCursor(seed, 0, CampaignStream.arrivals);
  let n = 0;
  for (let t = cursor.nextExp() / attemptsPerDay; t < days; t += cursor.nextExp() / attemptsPerDay) n++;
  return n;
}

/** Campaign time of an attempt that starts on `day` (from 0) at `timeOfDayS` after midnight, s. */
export function campaignStartS(day: number, timeOfDayS: number): number {
  return day * DAY_S + timeOfDayS;
}
