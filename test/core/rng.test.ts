import { describe, expect, it } from 'vitest';
import { StreamCursor, mix32, streamKey, uniformAt } from '../../src/core/rng.ts';

describe('counter-based rng', () => {
  it('is a pure function of (seed, stream, counter)', () => {
    const a = new StreamCursor(1, 42, 3);
    const b = new StreamCursor(1, 42, 3);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
    expect(uniformAt(streamKey(1, 42, 3), 5)).toBe(new StreamCursor(1, 42, 3).reset(1, 42, 3) && uniformAt(streamKey(1, 42, 3), 5));
  });
  it('differs between seeds, attempts and subsystems', () => {
    const x = new StreamCursor(1, 42, 3).next();
    expect(new StreamCursor(2, 42, 3).next()).not.toBe(x);
    expect(new StreamCursor(1, 43, 3).next()).not.toBe(x);
    expect(new StreamCursor(1, 42, 4).next()).not.toBe(x);
  });
  it('mix32 of 0..n has no collisions (it is a bijection)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i));
    expect(seen.size).toBe(100_000);
  });
  it('is uniform: chi-square over 20 bins of first draws of 200,000 streams', () => {
    const bins = new Float64Array(20);
    const n = 200_000;
    for (let i = 0; i < n; i++) bins[Math.floor(new StreamCursor(7, i, 1).next() * 20)]++;
    const e = n / 20;
    const chi2 = bins.reduce((s, o) => s + ((o - e) * (o - e)) / e, 0);
    // 19 degrees of freedom: the 99.9 % quantile is 43.8.
    expect(chi2).toBeLessThan(43.8);
  });
  it('successive draws are uncorrelated (|r| < 4/√n)', () => {
    const c = new StreamCursor(3, 9, 2);
    const n = 100_000;
    let sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
    let prev = c.next();
    for (let i = 0; i < n; i++) {
      const x = c.next();
      sx += prev; sy += x; sxy += prev * x; sxx += prev * prev; syy += x * x;
      prev = x;
    }
    const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
  });
  it('exponential draws have mean 1 and never infinity', () => {
    const c = new StreamCursor(5, 0, 0);
    let s = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const e = c.nextExp();
      expect(Number.isFinite(e)).toBe(true);
      s += e;
    }
    // Standard error of the mean is 1/√n ≈ 0.0032; allow 5σ.
    expect(Math.abs(s / n - 1)).toBeLessThan(0.016);
  });
});
