import { describe, expect, it } from 'vitest';
import { StatsAccumulator, quantileSorted, wilson } from '../../src/core/metrics.ts';

describe('Wilson score interval', () => {
  it('8 of 10: [0.4902, 0.9433] (textbook value)', () => {
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
  });
  it('0 of 10: [0, 0.2775]; 10 of 10: [0.7225, 1]', () => {
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)[0]).toBeCloseTo(0.7225, 4);
    expect(wilson(10, 10)[1]).toBeCloseTo(1, 12);
  });
  it('is [0, 1] with no trials', () => expect(wilson(0, 0)).toEqual([0, 1]));
});

describe('quantiles', () => {
  it('type 7 interpolation', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantileSorted([5], 0.9)).toBe(5);
  });
});

describe('StatsAccumulator', () => {
  const rows = [
    { threat: 0, crossingM: 500, detected: true, detectTimeS: 10, beforeBarrier: true },
    { threat: 0, crossingM: 15_000, detected: false, detectTimeS: NaN, beforeBarrier: false },
    { threat: 1, crossingM: 15_500, detected: true, detectTimeS: 30, beforeBarrier: false },
    { threat: 1, crossingM: 24_999, detected: true, detectTimeS: 20, beforeBarrier: true },
  ];
  it('counts by threat and by 10 km segment, the last one short', () => {
    const acc = new StatsAccumulator(['foot', 'vehicle'], 25_000);
    rows.forEach((r) => acc.add(r));
    const s = acc.result();
    expect(s.attempts).toBe(4);
    expect(s.detected).toBe(3);
    expect(s.detectionRate).toBe(0.75);
    expect(s.detectedBeforeBarrierRate).toBe(0.5);
    expect(s.byThreat.foot).toEqual({ attempts: 2, detected: 1, detectionRate: 0.5 });
    expect(s.byThreat.vehicle).toEqual({ attempts: 2, detected: 2, detectionRate: 1 });
    expect(s.bySegment.map((b) => [b.fromKm, b.toKm, b.attempts, b.detected])).toEqual([
      [0, 10, 1, 1],
      [10, 20, 2, 1],
      [20, 25, 1, 1],
    ]);
    expect(s.timeToDetectS).toEqual({ mean: 20, p50: 20, p90: 28 });
  });
  it('gives identical results whatever the order of the outcomes', () => {
    const a = new StatsAccumulator(['foot', 'vehicle'], 25_000);
    const b = new StatsAccumulator(['foot', 'vehicle'], 25_000);
    rows.forEach((r) => a.add(r));
    [...rows].reverse().forEach((r) => b.add(r));
    expect(JSON.stringify(b.result())).toBe(JSON.stringify(a.result()));
  });
});
