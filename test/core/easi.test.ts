import { describe, expect, it } from 'vitest';
import { easi, normalCdf } from '../../src/core/easi.ts';

describe('normalCdf', () => {
  it('matches printed tables of the standard normal', () => {
    // Tabulated values (e.g. Abramowitz & Stegun table 26.1).
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.5)).toBeCloseTo(0.0062097, 6);
    expect(normalCdf(3)).toBeCloseTo(0.9986501, 6);
  });
});

describe('easi', () => {
  // A path worked by hand, EASI style. Response force time 400 ± 120 s (σ² = 14 400).
  //   task 1  fence      P(D) 0.2  at B  delay 200 ± 60
  //   task 2  open zone  P(D) 0.5  at M  delay 300 ± 90
  //   task 3  wall       P(D) 0.6  at E  delay 400 ± 120
  //   task 4  to target  P(D) 0    —     delay 100 ± 30
  // Remaining delay after detection, with variances:
  //   at 1 (B): 200+300+400+100 = 1000 s, σ² 3600+8100+14400+900 = 27 000
  //   at 2 (M): 150+400+100 = 650 s,      σ² 45²+14400+900 = 17 325
  //   at 3 (E): 100 s,                    σ² 900
  // z = (T − 400)/√(σ² + 14 400): 600/√41 400 = 2.95, 250/√31 725 = 1.40, −300/√15 300 = −2.43
  // Φ from a table: 0.9984, 0.9192, 0.0075.
  // P(first detection): 0.2; 0.8·0.5 = 0.4; 0.8·0.5·0.6 = 0.24.
  // P(I) = 0.2·0.9984 + 0.4·0.9192 + 0.24·0.0075 = 0.19968 + 0.36768 + 0.00180 = 0.5692 → 0.57.
  const tasks = [
    { pDetect: 0.2, location: 'B', delayS: 200, sdS: 60 },
    { pDetect: 0.5, location: 'M', delayS: 300, sdS: 90 },
    { pDetect: 0.6, location: 'E', delayS: 400, sdS: 120 },
    { pDetect: 0, location: 'E', delayS: 100, sdS: 30 },
  ] as const;

  it('reproduces the hand-worked path to two decimals, term by term', () => {
    const r = easi(tasks, 400, 120);
    expect(r.pInterruption.toFixed(2)).toBe('0.57');
    expect(r.terms.map((t) => t.pFirst)).toEqual([0.2, 0.4, expect.closeTo(0.24, 12), 0]);
    // Table lookups are to z rounded to 2 decimals, so agree to about 1e-3.
    expect(r.terms[0].pResponse).toBeCloseTo(0.9984, 3);
    expect(r.terms[1].pResponse).toBeCloseTo(0.9192, 2);
    expect(r.terms[2].pResponse).toBeCloseTo(0.0075, 3);
    expect(r.pInterruption).toBeCloseTo(0.5692, 3);
  });

  it('scales with the probability of communicating the alarm, and with exact times is a step', () => {
    expect(easi(tasks, 400, 120, 0.9).pInterruption).toBeCloseTo(0.9 * easi(tasks, 400, 120).pInterruption, 12);
    // No spread: detection at task 2 (650 s left) beats a 600 s response, at task 3 (100 s) not.
    const exact = tasks.map((t) => ({ ...t, sdS: 0 }));
    expect(easi(exact, 600, 0).pInterruption).toBeCloseTo(0.2 + 0.4, 12);
  });
});
