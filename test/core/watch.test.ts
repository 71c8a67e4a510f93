import { describe, expect, it } from 'vitest';
import type { ConfigSpec } from '../../src/core/spec.ts';
import { attemptDay, attentionShare, camerasInService, chainAssumptions, detectionChain, inService, noticeProbability, outageKey } from '../../src/core/watch.ts';
import { spacedConfig } from './fixtures.ts';

describe('attention share a(K) = 1 / (1 + 0.19·(K − 1))', () => {
  it('by hand: 1, 1/1.57, 1/1.95, 1/2.52, 1/2.33 (K = 8, the default feeds per operator)', () => {
    expect(attentionShare(1)).toBe(1);
    expect(attentionShare(4)).toBeCloseTo(1 / 1.57, 12);
    expect(attentionShare(6)).toBeCloseTo(1 / 1.95, 12);
    expect(attentionShare(9)).toBeCloseTo(1 / 2.52, 12);
    expect(attentionShare(8)).toBeCloseTo(1 / 2.33, 12);
    // Fewer feeds than operators: one feed each at most.
    expect(attentionShare(0.4)).toBe(1);
  });

  it('reproduces the PSDB monitor study for a fixed exposure (85 % at 1 monitor, 74 % at 4, 58 % at 6, 53 % at 9)', () => {
    // A fixed exposure E = ∫λ dt detected at rate λ·a(K): P(K) = 1 − exp(−E·a(K)). Anchored at one
    // monitor, E = −ln(1 − 0.85) = 1.897; then P(4) = 1 − e^(−1.208) = 0.701, P(6) = 1 − e^(−0.973)
    // = 0.622, P(9) = 1 − e^(−0.753) = 0.529: the study's fall within 4 points everywhere.
    const exposure = -Math.log(1 - 0.85);
    const psdb: [number, number][] = [
      [1, 0.85],
      [4, 0.74],
      [6, 0.58],
      [9, 0.53],
    ];
    const model = psdb.map(([k]) => 1 - Math.exp(-exposure * attentionShare(k)));
    expect(model[1]).toBeCloseTo(0.701, 3);
    expect(model[2]).toBeCloseTo(0.622, 3);
    expect(model[3]).toBeCloseTo(0.529, 3);
    psdb.forEach(([, p], i) => expect(Math.abs(model[i] - p)).toBeLessThan(0.045));
    // Falling, and flattening like the study's (the drop from 6 to 9 is less than from 1 to 4).
    for (let i = 1; i < model.length; i++) expect(model[i]).toBeLessThan(model[i - 1]);
    expect(model[2] - model[3]).toBeLessThan(model[0] - model[1]);
  });
});

describe('the detection chain of a config', () => {
  const base = spacedConfig(2000, [{ sensor: 'ideal', rangeM: 500, headingDeg: 0, fovDeg: 360 }]);

  it('fills every default and marks it as such', () => {
    const a = chainAssumptions(base, 50);
    expect(a.availability).toEqual({ value: 0.95, source: 'default' });
    expect(a.days).toEqual({ value: 30, source: 'default' });
    expect(a.mode).toEqual({ value: 'operators', source: 'default' });
    // ceil(50 / 8) = 7 people for 50 cameras.
    expect(a.operators).toEqual({ value: 7, source: 'default' });
    expect(a.analyticsN50).toEqual({ value: 1.5, source: 'default' });
  });

  it('takes what the config says, marked config', () => {
    const config: ConfigSpec = { ...base, availability: 0.7, watch: { mode: 'analytics', operators: 3, analytics: { n50: 2 } }, run: { ...base.run, days: 7 } };
    const a = chainAssumptions(config, 50);
    expect(a.availability).toEqual({ value: 0.7, source: 'config' });
    expect(a.mode).toEqual({ value: 'analytics', source: 'config' });
    expect(a.operators).toEqual({ value: 3, source: 'config' });
    expect(a.days).toEqual({ value: 7, source: 'config' });
    expect(a.analyticsN50).toEqual({ value: 2, source: 'config' });
    expect(a.assessS).toEqual({ value: 30, source: 'default' });
  });

  it('notices with a(cameras in service / operators) in operators mode, surely otherwise', () => {
    const chain = detectionChain({ ...base, watch: { operators: 2 } }, 20);
    for (const day of [0, 5, 29]) {
      const working = camerasInService(chain, 1, 20, day);
      const key = outageKey(1, day);
      let n = 0;
      for (let k = 0; k < 20; k++) if (inService(key, k, 0.95)) n++;
      expect(working).toBe(n);
      expect(noticeProbability(chain, 1, 20, day)).toBeCloseTo(1 / (1 + 0.19 * (n / 2 - 1)), 12);
    }
    expect(noticeProbability(detectionChain({ ...base, watch: { mode: 'ideal' } }, 20), 1, 20, 0)).toBe(1);
    expect(noticeProbability(detectionChain({ ...base, watch: { mode: 'analytics' } }, 20), 1, 20, 0)).toBe(1);
  });
});

describe('days and outage maps', () => {
  it('attempt days are uniform over run.days (chi-square) and a pure function of (seed, id)', () => {
    const days = 30;
    const counts = new Array(days).fill(0);
    const n = 30_000;
    for (let i = 0; i < n; i++) counts[attemptDay(7, i, days)]++;
    const e = n / days;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    // 29 degrees of freedom: the 99.9 % quantile is 58.3.
    expect(chi2).toBeLessThan(58.3);
    expect(attemptDay(7, 123, days)).toBe(attemptDay(7, 123, days));
  });

  it('a day keeps a share A of the cameras in service, the same for every attempt of that day', () => {
    let working = 0;
    const cameras = 2000;
    for (let day = 0; day < 10; day++) {
      const key = outageKey(3, day);
      for (let k = 0; k < cameras; k++) if (inService(key, k, 0.7)) working++;
      // The same map whoever asks: a pure function of (seed, day, camera).
      expect(inService(outageKey(3, day), 17, 0.7)).toBe(inService(key, 17, 0.7));
    }
    const share = working / (cameras * 10);
    // Binomial, 20,000 draws: sd = √(0.21 / 20,000) = 0.0032.
    expect(Math.abs(share - 0.7)).toBeLessThan(4 * 0.0032);
  });
});
