/**
 * One camera's bounded-search detection probability (src/coverage/bounded.ts) against hand
 * calculations and against a direct numeric integration over the threshold u.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDetect, newBoundedScratch } from '../../src/coverage/bounded.ts';

const scratch = newBoundedScratch(2);

/** ∫₀¹ (1 − exp(−H(u))) du by the midpoint rule on n intervals, H(u) = Σ 1[p_i > u]·e_i. */
function integrateOverU(p: number[], e: number[], n = 100_000): number {
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const u = (k + 0.5) / n;
    let h = 0;
    for (let i = 0; i < p.length; i++) if (p[i] > u) h += e[i];
    sum += h === Infinity ? 1 : 1 - Math.exp(-h);
  }
  return sum / n;
}

describe('bounded search: P_c = ∫₀¹ (1 − e^(−H(u))) du', () => {
  it('a constant P∞ = p over a total exposure E gives p·(1 − e^(−E)), however the exposure is split', () => {
    expect(boundedDetect([0.6], [0.8], 1, scratch)).toBeCloseTo(0.6 * (1 - Math.exp(-0.8)), 15);
    expect(boundedDetect([0.6, 0.6, 0.6, 0.6], [0.1, 0.3, 0.2, 0.2], 4, scratch)).toBeCloseTo(0.6 * (1 - Math.exp(-0.8)), 15);
  });

  it('two levels by hand: (0.8 − 0.3)(1 − e^(−e₁)) + 0.3·(1 − e^(−e₁ − e₂)), in either order', () => {
    const byHand = 0.5 * (1 - Math.exp(-0.4)) + 0.3 * (1 - Math.exp(-0.4 - 1.1));
    expect(boundedDetect([0.8, 0.3], [0.4, 1.1], 2, scratch)).toBeCloseTo(byHand, 15);
    expect(boundedDetect([0.3, 0.8], [1.1, 0.4], 2, scratch)).toBeCloseTo(byHand, 15);
  });

  it('an ideal sensor (infinite exposure) detects with its P∞; with a lower thermal sample beside it, still the larger P∞', () => {
    expect(boundedDetect([0.7], [Infinity], 1, scratch)).toBe(0.7);
    // u < 0.4: H = ∞ + 2 → 1; 0.4 ≤ u < 0.7: H = ∞ → 1; so P = 0.7.
    expect(boundedDetect([0.4, 0.7], [2, Infinity], 2, scratch)).toBe(0.7);
    // The ideal sample below a thermal one: u < 0.5 detects surely; 0.5 ≤ u < 0.9 at exposure 0.3.
    expect(boundedDetect([0.9, 0.5], [0.3, Infinity], 2, scratch)).toBeCloseTo(0.5 + 0.4 * (1 - Math.exp(-0.3)), 15);
  });

  it('samples with P∞ = 0 or no exposure change nothing; no samples, no detection', () => {
    expect(boundedDetect([0.6, 0, 0.9], [0.8, 5, 0], 3, scratch)).toBeCloseTo(0.6 * (1 - Math.exp(-0.8)), 15);
    expect(boundedDetect([], [], 0, scratch)).toBe(0);
  });

  it('a P∞ that rises then falls along a track: equal to the direct integral over u', () => {
    // P∞ and exposure of 41 steps past a camera (a bell in P∞, exposure ∝ P∞ as λ = P∞/τ).
    const p = Array.from({ length: 41 }, (_, i) => 0.9 * Math.exp(-(((i - 20) / 8) ** 2)));
    const e = p.map((x) => (x / 3.4) * 4.2 * 0.5);
    expect(boundedDetect(p, e, p.length, scratch)).toBeCloseTo(integrateOverU(p, e), 4);
  });

  it('property: matches the direct integral, never exceeds the largest P∞ nor the unbounded 1 − e^(−Σe)', () => {
    const sample = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true })), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(sample, (pairs) => {
        const p = pairs.map(([x]) => x);
        const e = pairs.map(([, y]) => y);
        const got = boundedDetect(p, e, p.length, scratch);
        // The midpoint rule errs by at most 1/n in all (the integrand is monotone in u, total variation ≤ 1).
        expect(Math.abs(got - integrateOverU(p, e, 20_000))).toBeLessThanOrEqual(1 / 20_000 + 1e-12);
        expect(got).toBeLessThanOrEqual(Math.max(...p) + 1e-15);
        expect(got).toBeLessThanOrEqual(1 - Math.exp(-e.reduce((a, b) => a + b, 0)) + 1e-15);
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});
