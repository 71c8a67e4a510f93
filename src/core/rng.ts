/**
 * Counter-based random numbers (DOMAIN.md §4): a draw is a pure function of (seed, stream, counter),
 * so attempt i sees the same numbers whatever the worker, shard or scheduling.
 *
 * Why hand-written: no maintained npm package offers a keyed, counter-based 32-bit generator that
 * runs unchanged in Node, workers and browsers without BigInt. The mixer is Chris Wellons'
 * "lowbias32" (hash-prospector), whose avalanche bias is ~0.17; chaining it over the key words
 * gives independent streams. Tests check uniformity and independence.
 */

/** lowbias32: a 32-bit integer hash with near-ideal avalanche. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes a key of up to three 32-bit words into one stream key. */
export function streamKey(seed: number, a: number, b = 0): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  h = mix32(h ^ (a >>> 0));
  h = mix32(h ^ Math.imul(b >>> 0, 0x85ebca6b) ^ 0xc2b2ae35);
  return h;
}

const INV_2_32 = 1 / 4294967296;

/** Uniform in [0, 1) for draw `counter` of stream `key`. 32 bits of resolution suffice for every use here. */
export function uniformAt(key: number, counter: number): number {
  return mix32(key ^ mix32(Math.imul(counter + 1, 0x9e3779b1))) * INV_2_32;
}

/** Sub-streams of the run, so that adding draws to one subsystem never shifts another's numbers. */
export const Stream = {
  threat: 1,
  crossing: 2,
  startTime: 3,
  detection: 4,
  group: 5,
  terrain: 6,
  sweep: 7,
  /** Proposals of the thinned part of the detection process (simulateAttempt). */
  thinning: 8,
  // 9 was the far cameras' thinning, retired with the bounded search (a retired id is never reused).
  /** Bounded search: camera k's threshold u for attempt i is draw k of the stream (seed, i). */
  searchThreshold: 10,
  /** An attempt's day (outage map): draw 0 of the stream (seed, i). */
  day: 11,
  /** Day d's outage map: camera k's draw is number k of the stream (seed, d). */
  availability: 12,
  /** Whether each sensing event of attempt i is noticed (operators' attention), in event order. */
  notice: 13,
} as const;

/**
 * A cursor over one stream: `next()` returns successive uniforms. It holds two numbers, so creating one
 * per attempt and subsystem costs nothing measurable; hot loops may reuse one via `reset`.
 */
export class StreamCursor {
  private key = 0;
  private counter = 0;
  constructor(seed = 0, a = 0, b = 0) {
    this.reset(seed, a, b);
  }
  reset(seed: number, a: number, b = 0): this {
    this.key = streamKey(seed, a, b);
    this.counter = 0;
    return this;
  }
  next(): number {
    return uniformAt(this.key, this.counter++);
  }
  /** Exponential variate with mean 1, by inversion; never infinite since next() < 1. */
  nextExp(): number {
    return -Math.log(1 - this.next());
  }
}
