import { describe, expect, it } from 'vitest';
import { round } from '../../src/core/round.ts';

describe('round', () => {
  it('keeps the given decimals', () => {
    expect(round(1.23456, 4)).toBe(1.2346);
    expect(round(-2.5e-7, 6)).toBe(0);
    expect(round(1234.5678, 0)).toBe(1235);
    expect(round(0.1 + 0.2, 6)).toBe(0.3);
  });

  it('never gives −0', () => {
    expect(Object.is(round(-0.00004, 4), 0)).toBe(true);
    expect(Object.is(round(-0, 2), 0)).toBe(true);
  });

  it('prints a value that parses back to itself', () => {
    for (const x of [Math.PI, -Math.E * 1e3, 1 / 3, 123456.7890123]) {
      for (const d of [0, 1, 3, 6]) {
        const r = round(x, d);
        expect(Number(String(r))).toBe(r);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-9 * Math.abs(x));
      }
    }
  });
});
