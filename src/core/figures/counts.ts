/**
 * The tallies most figures are made of: a count of attempts and of those with some property (with
 * its rate and Wilson interval), and attempts and detections per bin (threat kind, chainage segment).
 * Counts add, so shards, repetitions and the viewer's ticks reach the same tally in any order.
 */
import type { AttemptRow } from '../attemptRow.ts';
import { wilson } from '../metrics.ts';
import type { SweepView } from './reporter.ts';

/** Attempts, detections and their rate in one bin (a threat kind, a segment). */
export interface RateRow {
  attempts: number;
  detected: number;
  detectionRate: number;
}

/** k of n as a rate; 0 for no attempts. */
export const rate = (k: number, n: number) => (n > 0 ? k / n : 0);

/** A count of attempts and of those that have some property: the shape of most figures. */
export interface Count {
  n: number;
  k: number;
}
/** An empty Count. */
export const newCount = (): Count => ({ n: 0, k: 0 });
/** Adds the Count `from` into `into`. */
export const addCount = (into: Count, from: Count) => {
  into.n += from.n;
  into.k += from.k;
};
/** Tallying of a Count: every attempt, and those for which `has(row)`. */
export const counting = (has: (r: AttemptRow) => boolean) => ({
  create: newCount,
  add: (t: Count, r: AttemptRow) => {
    t.n++;
    if (has(r)) t.k++;
  },
  merge: addCount,
});

/** A share of the attempts, its count and its Wilson interval: `detected`, `detectionRate`, `detectionRateCI95`. */
export type ShareFields<C extends string, R extends string, I extends string> = Record<C, number> & Record<R, number> & Record<I, [number, number]>;

/**
 * The fields of a share of the attempts (counted in a Count), and its sweep view: the tally back
 * from a repetition's count, and the sweep.csv cells count, rate, interval low and high.
 */
export function share<C extends string, R extends string, I extends string>(count: C, rateKey: R, ci: I, csvLowHigh: [string, string], ranks: { csvRank: number; pooledRank: number }) {
  type F = ShareFields<C, R, I>;
  const fields = (t: Count) => ({ [count]: t.k, [rateKey]: rate(t.k, t.n), [ci]: wilson(t.k, t.n) }) as F;
  const view: SweepView<Count, F> = {
    unit: fields,
    fromUnit: (u) => ({ n: u.attempts as number, k: u[count] as number }),
    columns: () => [
      { name: count, cell: (u) => u[count] },
      { name: rateKey, cell: (u) => u[rateKey] },
      { name: csvLowHigh[0], cell: (u) => u[ci][0] },
      { name: csvLowHigh[1], cell: (u) => u[ci][1] },
    ],
    ...ranks,
  };
  return { fields, view };
}

/** Attempts and detections per bin (threat kind or segment). */
export interface Bins {
  attempts: Float64Array;
  detected: Float64Array;
}
/** Empty bins, `n` of them. */
export const newBins = (n: number): Bins => ({ attempts: new Float64Array(n), detected: new Float64Array(n) });
/** One attempt in bin `i`, detected or not. */
export const addBin = (b: Bins, i: number, detected: boolean) => {
  b.attempts[i]++;
  if (detected) b.detected[i]++;
};
/** Adds the bins `from` into `into` (same number of bins). */
export const addBins = (into: Bins, from: Bins) => {
  for (let i = 0; i < into.attempts.length; i++) {
    into.attempts[i] += from.attempts[i];
    into.detected[i] += from.detected[i];
  }
};
/** The rate row of bin `i`. */
export const rateRow = (b: Bins, i: number): RateRow => ({ attempts: b.attempts[i], detected: b.detected[i], detectionRate: rate(b.detected[i], b.attempts[i]) });
