/**
 * The detection-chain parameters of the analytic coverage (src/coverage/watch.ts): defaults, modes
 * and the attention share, by hand.
 */
import { describe, expect, it } from 'vitest';
import { attentionShare, coverageWatch, defaultOperators } from '../../src/coverage/watch.ts';
import * as core from '../../src/core/watch.ts';
import { idealCamera, spacedConfig } from '../core/fixtures.ts';

const config = spacedConfig(2000, [idealCamera(1000)]);

describe('attention share a(K) = 1 / (1 + 0.19·(K − 1))', () => {
  it('by hand at 1, 4 and 9 feeds; never above 1 for fewer than one feed', () => {
    expect(attentionShare(1)).toBe(1);
    expect(attentionShare(4)).toBeCloseTo(1 / 1.57, 15);
    expect(attentionShare(9)).toBeCloseTo(1 / 2.52, 15);
    expect(attentionShare(0.3)).toBe(1);
  });
  it('reproduces the PSDB monitor study’s shape for a fixed exposure (85 % at 1 monitor; 74, 58, 53 % at 4, 6, 9)', () => {
    // Exposure E fixed so that one monitor sees 85 %: 1 − e^(−E) = 0.85. With K monitors, 1 − e^(−a(K)·E).
    const E = -Math.log(0.15);
    const seen = (k: number) => 1 - Math.exp(-attentionShare(k) * E);
    expect(seen(1)).toBeCloseTo(0.85, 12);
    expect(Math.abs(seen(4) - 0.74)).toBeLessThan(0.05);
    expect(Math.abs(seen(6) - 0.58)).toBeLessThan(0.05);
    expect(Math.abs(seen(9) - 0.53)).toBeLessThan(0.05);
  });
});

describe('coverageWatch: defaults and modes', () => {
  it('are the simulation’s own: one definition of a(K) and of the default operators, in src/core/watch.ts', () => {
    expect(attentionShare).toBe(core.attentionShare);
    expect(defaultOperators).toBe(core.defaultOperators);
    const chain = core.detectionChain(config, 50);
    const w = coverageWatch(config, 50);
    expect([w.mode, w.availability, w.operators]).toEqual([chain.mode, chain.availability, chain.operators]);
  });
  it('defaults: operators mode, A = 0.95, ceil(N / 8) operators, K̄ = A·N / operators', () => {
    const w = coverageWatch(config, 50);
    expect(w.mode).toBe('operators');
    expect(w.availability).toBe(0.95);
    expect(w.operators).toBe(7);
    expect(defaultOperators(50)).toBe(7);
    expect(defaultOperators(0)).toBe(1);
    expect(w.feedsPerOperator).toBeCloseTo((0.95 * 50) / 7, 15);
    expect(w.attention).toBeCloseTo(1 / (1 + 0.19 * ((0.95 * 50) / 7 - 1)), 15);
    expect(w.analyticsN50).toBeNull();
  });
  it('K never below 1: more operators than feeds give full attention', () => {
    const w = coverageWatch({ ...config, watch: { operators: 12 } }, 10);
    expect(w.feedsPerOperator).toBe(1);
    expect(w.attention).toBe(1);
  });
  it('configured values win', () => {
    const w = coverageWatch({ ...config, availability: 0.7, watch: { mode: 'operators', operators: 2 } }, 20);
    expect(w.availability).toBe(0.7);
    expect(w.feedsPerOperator).toBeCloseTo(7, 12);
    expect(w.attention).toBeCloseTo(1 / (1 + 0.19 * 6), 12);
  });
  it('analytics: full attention and the analytics’ N50 (default 1.5, or the configured one); ideal: full attention, each camera’s own N50', () => {
    expect(coverageWatch({ ...config, watch: { mode: 'analytics' } }, 50)).toMatchObject({ attention: 1, analyticsN50: 1.5 });
    expect(coverageWatch({ ...config, watch: { mode: 'analytics', analytics: { n50: 2 } } }, 50).analyticsN50).toBe(2);
    expect(coverageWatch({ ...config, watch: { mode: 'ideal' } }, 50)).toMatchObject({ attention: 1, analyticsN50: null, availability: 0.95 });
  });
});
