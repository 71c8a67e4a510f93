import { describe, expect, it } from 'vitest';
import {
  contrastLimitedFrequency,
  geometricCycles,
  mrtdK,
  opticsGeometry,
  pInfinity,
  rangeForProbability,
  resolvableCycles,
  thermalParams,
  transmission,
  ttpf,
} from '../../../src/core/sensors/thermal.ts';
import { CAMERA_PRESETS, MAKER_JOHNSON } from '../../../src/core/sensors/presets.ts';

// The lens of the model's check (docs/model.md §3): 17 µm pitch, 75 mm focal length.
const ref = { cols: 640, rows: 480, pitchUm: 17, focalMm: 75, netdK: 0.05 };

describe('optics', () => {
  it('IFOV = p / f: 17 µm / 75 mm = 0.2267 mrad', () => {
    expect(opticsGeometry(ref).ifovRad * 1e3).toBeCloseTo(17 / 75, 6); // 0.226667 mrad
  });
  it('HFOV = 2·atan(cols·p / 2f)', () => {
    // 640 × 17 µm = 10.88 mm sensor width; atan(5.44 / 75) = 4.1486°, doubled = 8.297°.
    expect((opticsGeometry(ref).hfovRad * 180) / Math.PI).toBeCloseTo(8.297, 2);
  });
  it('mid-range 640 / 12 µm / 50 mm: IFOV 0.24 mrad, HFOV 8.78°', () => {
    const g = opticsGeometry(CAMERA_PRESETS['mid-range-640'].optics);
    expect(g.ifovRad).toBeCloseTo(0.24e-3, 9);
    // 640 × 12 µm = 7.68 mm; 2·atan(3.84 / 50) = 8.783°.
    expect((g.hfovRad * 180) / Math.PI).toBeCloseTo(8.783, 2);
  });
  it('cycles on target N = Dc / (2·R·IFOV)', () => {
    // 0.75 m at 1000 m with 0.2 mrad: 0.75 / 0.4 = 1.875 cycles.
    expect(geometricCycles(0.75, 1000, 0.2e-3)).toBeCloseTo(1.875, 12);
  });
});

describe('TTPF', () => {
  it('is 0.5 at N = N50', () => {
    expect(ttpf(0.75, 0.75)).toBeCloseTo(0.5, 12);
  });
  it('is 0.80 at 1.452·N50 and 0.95 at 2.041·N50 (docs/model.md §3)', () => {
    expect(ttpf(1.452, 1)).toBeCloseTo(0.8, 3);
    expect(ttpf(2.041, 1)).toBeCloseTo(0.95, 3);
  });
  it('by hand at N/N50 = 0.5: E = 3.05, 0.5^3.05 = 0.12074, P = 0.10773', () => {
    expect(ttpf(0.5, 1)).toBeCloseTo(0.12074 / 1.12074, 4);
  });
  it('is 0 without cycles and tends to 1 for many', () => {
    expect(ttpf(0, 1)).toBe(0);
    expect(ttpf(-1, 1)).toBe(0);
    expect(ttpf(1e6, 1)).toBe(1);
  });
  it('is monotone increasing', () => {
    let prev = 0;
    for (let n = 0.01; n < 10; n += 0.01) {
      const p = ttpf(n, 1);
      expect(p).toBeGreaterThan(prev);
      prev = p;
    }
  });
});

describe('geometric range table (makers’ criteria)', () => {
  const p = thermalParams(ref, MAKER_JOHNSON);
  const geometric = -1; // sigma < 0: pure pixel criterion
  it('person (0.75 m) detection at P∞ = 0.5: 0.75 / (2 · 0.75 · 0.22667 mrad) = 2205.9 m', () => {
    expect(rangeForProbability(p, 0.75, 0.75, 3, geometric, 0.5)).toBeCloseTo(2205.88, 0);
  });
  it('person recognition (3 cycles, 6 px): 551.5 m', () => {
    expect(rangeForProbability(p, 3, 0.75, 3, geometric, 0.5)).toBeCloseTo(551.47, 0);
  });
  it('person identification (6 cycles, 12 px): 275.7 m', () => {
    expect(rangeForProbability(p, 6, 0.75, 3, geometric, 0.5)).toBeCloseTo(275.74, 0);
  });
  it('vehicle (2.3 m) detection: 2.3 / (1.5 · 0.22667 mrad) = 6764.7 m', () => {
    expect(rangeForProbability(p, 0.75, 2.3, 6, geometric, 0.5)).toBeCloseTo(6764.7, 0);
  });
});

describe('atmosphere and contrast limit', () => {
  const p = thermalParams(ref, MAKER_JOHNSON);
  it('Beer–Lambert: τ = exp(−σR), 0.5/km over 2 km = e^−1', () => {
    expect(transmission(0.5, 2000)).toBeCloseTo(Math.exp(-1), 12);
  });
  it('MRTD rises from 0.5·NETD at ξ = 0 to 10·NETD at Nyquist', () => {
    expect(mrtdK(0, 0.05, p.nyquistPerRad)).toBeCloseTo(0.025, 12);
    expect(mrtdK(p.nyquistPerRad, 0.05, p.nyquistPerRad)).toBeCloseTo(0.5, 12);
  });
  it('contrast-limited frequency inverts MRTD', () => {
    const xi = 0.6 * p.nyquistPerRad;
    const dt = mrtdK(xi, 0.05, p.nyquistPerRad);
    expect(contrastLimitedFrequency(dt, 0.05, p.nyquistPerRad)).toBeCloseTo(xi, 6);
    expect(contrastLimitedFrequency(0.01, 0.05, p.nyquistPerRad)).toBeLessThan(0); // below 0.5·NETD: nothing resolved
  });
  it('strong contrast at short range is geometry-limited', () => {
    // 3 K through 0.15/km over 500 m is 2.78 K ≫ MRTD at Nyquist (0.5 K): N is geometric.
    expect(resolvableCycles(p, 0.75, 3, 0.15, 500)).toBeCloseTo(geometricCycles(0.75, 500, p.ifovRad), 9);
  });
  it('in fog the contrast limit shortens the range', () => {
    // σ = 5/km: at 1 km the apparent ΔT is 3·e^−5 = 0.0202 K < 0.025 K: no cycles at all.
    expect(resolvableCycles(p, 0.75, 3, 5, 1000)).toBe(0);
    expect(pInfinity(p, 0.75, 0.75, 3, 5, 1000)).toBe(0);
  });
  it('detection range falls with extinction: clear ≥ haze > dust > fog', () => {
    const r = [0.15, 0.5, 1.5, 5].map((s) => rangeForProbability(p, 0.75, 0.75, 3, s, 0.5));
    // In haze a 3 K target at 2.2 km still shows 1.0 K > MRTD(Nyquist) = 0.5 K: geometry limits, not contrast.
    expect(r[1]).toBeLessThanOrEqual(r[0]);
    expect(r[2]).toBeLessThan(r[1]);
    expect(r[3]).toBeLessThan(r[2]);
    expect(r[0]).toBeLessThanOrEqual(2206);
  });
  it('haze does shorten the range where the contrast is weak (P∞ = 0.1 at ~4 km)', () => {
    expect(rangeForProbability(p, 0.75, 0.75, 3, 0.5, 0.1)).toBeLessThan(rangeForProbability(p, 0.75, 0.75, 3, 0.15, 0.1));
  });
  it('range falls with ΔT (thermal crossover)', () => {
    expect(rangeForProbability(p, 0.75, 0.75, 0.2, 0.5, 0.5)).toBeLessThan(rangeForProbability(p, 0.75, 0.75, 3, 0.5, 0.5));
  });
});
