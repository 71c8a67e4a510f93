/**
 * The detection-time multiset (src/core/timeMultiset.ts): the same mean and quantiles, bit for bit,
 * as a plain sorted array of the values, whatever the order, mode or mix of values — and memory
 * bounded by the span of the times, not by how many there are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FigureTally } from '../../src/core/figures/tally.ts';
import { quantileSorted } from '../../src/core/metrics.ts';
import { TimeMultiset } from '../../src/core/timeMultiset.ts';
import { attemptRow } from './fixtures.ts';

/** The statistics as src/core/metrics.ts computed them before the multiset: a sorted Float64Array. */
function reference(values: readonly number[]) {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  const n = sorted.length;
  return { mean: n > 0 ? sum / n : null, p50: n > 0 ? quantileSorted(sorted, 0.5) : null, p90: n > 0 ? quantileSorted(sorted, 0.9) : null };
}

function viaAccumulator(values: readonly number[]) {
  const tally = new FigureTally({ kinds: ['foot'], lengthM: 10_000, segmentKm: 10, response: null, chain: null });
  for (const v of values) tally.add(attemptRow({ crossingKm: 5, detected: true, firstDetectTimeS: v }));
  return tally.summary().timeToDetectS;
}

/** Times as batch rows hold them: rounded to the millisecond, as round(x, 3) in src/core/attemptRow.ts does. */
const msTime = (maxS: number) => fc.double({ min: 0, max: maxS, noNaN: true }).map((x) => Math.round(x * 1000) / 1000);
const anyTime = fc.oneof(msTime(5000), fc.double({ noDefaultInfinity: false }), fc.constantFrom(-0, 0, NaN, 1e-4, 5e9));

describe('TimeMultiset', () => {
  it('gives the mean and type-7 quantiles of a sorted array, bit for bit (millisecond times)', () => {
    fc.assert(
      fc.property(fc.array(msTime(3000), { maxLength: 400 }), (values) => {
        expect(viaAccumulator(values)).toEqual(reference(values));
      }),
      { numRuns: 300 },
    );
  });

  it('and for any doubles at all (off-grid values, −0, NaN, infinities)', () => {
    fc.assert(
      fc.property(fc.array(anyTime, { maxLength: 200 }), (values) => {
        expect(viaAccumulator(values)).toEqual(reference(values));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of insertion, and merges to the union', () => {
    fc.assert(
      fc.property(fc.array(anyTime, { maxLength: 200 }), fc.nat(), (values, cut) => {
        const shuffled = [...values].reverse();
        expect(viaAccumulator(shuffled)).toEqual(viaAccumulator(values));
        const k = values.length ? cut % values.length : 0;
        const a = new TimeMultiset();
        const b = new TimeMultiset();
        values.slice(0, k).forEach((v) => a.add(v));
        values.slice(k).forEach((v) => b.add(v));
        a.merge(b);
        const whole = new TimeMultiset();
        values.forEach((v) => whole.add(v));
        expect(a.size).toBe(values.length);
        expect(a.sumAndRanks([0, values.length - 1])).toEqual(whole.sumAndRanks([0, values.length - 1]));
      }),
      { numRuns: 200 },
    );
  });

  it('turns into counts when dense and stays exact across the switch', () => {
    // 300,000 times within 20 s: far denser than one per millisecond-page, so it switches to pages.
    const values: number[] = [];
    let x = 12345;
    for (let i = 0; i < 300_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      values.push(((x % 20_000) + 100_000) / 1000); // 100 … 120 s on the millisecond grid
    }
    values.push(0.0005, -0, 1e-9); // off-grid values mixed in
    expect(viaAccumulator(values)).toEqual(reference(values));
    const m = new TimeMultiset();
    values.forEach((v) => m.add(v));
    // 20 s of span = 5 pages of 16 KB, instead of 1.2 MB for the list.
    expect(m.bytes).toBeLessThan(6 * 4096 * 4 + 1024);
  });

  it('memory is bounded by the span of the times, not by how many there are', () => {
    const grow = (n: number) => {
      const m = new TimeMultiset();
      for (let i = 0; i < n; i++) m.add(((i * 7919) % 2_000_000) / 1000); // 0 … 2000 s, millisecond grid
      return m.bytes;
    };
    const a = grow(3_000_000);
    const b = grow(6_000_000);
    expect(b).toBe(a); // twice the detections, the same memory
    expect(a).toBeLessThanOrEqual(Math.ceil(2_000_000 / 4096) * 4096 * 4); // ≤ 4 bytes per ms of span (~8 MB)
  });
});
