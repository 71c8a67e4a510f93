/** The paired difference of two detection rates on the same attempts (src/optimize/paired.ts), by hand. */
import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../../src/optimize/paired.ts';

describe('paired difference', () => {
  it('10 attempts: 3 only placed detects, 1 only uniform, 4 both, 2 neither', () => {
    const a = [1, 1, 1, 0, 1, 1, 1, 1, 0, 0];
    const b = [0, 0, 0, 1, 1, 1, 1, 1, 0, 0];
    // d = (3 − 1)/10 = 0.2; s² = (3 + 1 − 10 · 0.04)/9 = 0.4; s/√n = 0.2; 0.2 ± 1.959964 · 0.2.
    const p = pairedDifference(a, b);
    expect([p.attempts, p.placedOnly, p.uniformOnly]).toEqual([10, 3, 1]);
    expect(p.difference).toBeCloseTo(0.2, 12);
    expect(p.differenceCI95[0]).toBeCloseTo(0.2 - 1.959963984540054 * 0.2, 12);
    expect(p.differenceCI95[1]).toBeCloseTo(0.2 + 1.959963984540054 * 0.2, 12);
  });
  it('the same detections: a difference of 0 with an interval of zero width (common random numbers at their best)', () => {
    const a = [1, 0, 1, 1, 0];
    expect(pairedDifference(a, a)).toEqual({ attempts: 5, placedOnly: 0, uniformOnly: 0, difference: 0, differenceCI95: [0, 0] });
  });
  it('different lengths are a programming error', () => {
    expect(() => pairedDifference([1], [1, 0])).toThrow(/1 and 2 attempts/);
  });
});
