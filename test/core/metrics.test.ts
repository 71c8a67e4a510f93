import { describe, expect, it } from 'vitest';
import { quantileSorted, wilson } from '../../src/core/metrics.ts';

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
