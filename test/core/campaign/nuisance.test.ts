import { describe, expect, it } from 'vitest';
import { campaignAttemptCount } from '../../../src/core/campaign/arrivals.ts';
import { DAY_S, dustyIntervals, nuisanceAlarms, ratePieces } from '../../../src/core/campaign/nuisance.ts';

describe('nuisanceAlarms', () => {
  it('raises Poisson alarms at the clear-air rate, three times as many while dusty, none on a day out of service', () => {
    const days = 4;
    const dusty = dustyIntervals(days, false, [2]); // 18:00 day 2 → 06:00 day 3
    expect(dusty).toEqual([[DAY_S + 18 * 3600, 2 * DAY_S + 6 * 3600]]);
    const cameras = 200;
    const off = (k: number, d: number) => !(d === 3 && k < 100); // half the cameras out on day 4
    const a = nuisanceAlarms(11, cameras, days, off, { perCameraHour: 0.5, dustFactor: 3, dusty });
    let inDust = 0;
    let clear = 0;
    let offDay = 0;
    for (let i = 0; i < a.count; i++) {
      const t = a.timeS[i];
      if (t >= dusty[0][0] && t < dusty[0][1]) inDust++;
      else clear++;
      if (t >= 3 * DAY_S && a.camera[i] < 100) offDay++;
    }
    expect(offDay).toBe(0);
    // Expected counts: dusty 12 h × 200 cameras × 1.5/h = 3600; clear: (3 days − 12 h) × 200 × 0.5 + 1 day × 100 × 0.5.
    const eDust = 12 * 200 * 1.5;
    const eClear = (3 * 24 - 12) * 200 * 0.5 + 24 * 100 * 0.5;
    expect(Math.abs(inDust - eDust)).toBeLessThan(4 * Math.sqrt(eDust));
    expect(Math.abs(clear - eClear)).toBeLessThan(4 * Math.sqrt(eClear));
    // One list in time order (an alarm's number is its place in it).
    for (let i = 1; i < a.count; i++) expect(a.timeS[i]).toBeGreaterThan(a.timeS[i - 1]);
  });

  it('gives each alarm a camera drawn uniformly among those in service that day (the superposed process)', () => {
    // 50 cameras, every fifth out of service: 40 working at 6 per camera-hour over a day, about
    // 5,760 alarms. Each working camera's share is 1/40; Pearson's statistic over the 40 counts is
    // chi-square with 39 degrees of freedom, below 72.05 with probability 0.999.
    const cameras = 50;
    const on = (k: number) => k % 5 !== 0;
    const a = nuisanceAlarms(4, cameras, 1, on, { perCameraHour: 6, dustFactor: 3, dusty: [] });
    const counts = new Array<number>(cameras).fill(0);
    for (let i = 0; i < a.count; i++) counts[a.camera[i]]++;
    expect(counts.filter((_, k) => !on(k))).toEqual(new Array(10).fill(0));
    const e = a.count / 40;
    const chi2 = counts.filter((_, k) => on(k)).reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(72.05);
    // The total is Poisson with mean 40 × 6 × 24 = 5760.
    expect(Math.abs(a.count - 5760)).toBeLessThan(4 * Math.sqrt(5760));
    // And it is a pure function of its inputs.
    expect(nuisanceAlarms(4, cameras, 1, on, { perCameraHour: 6, dustFactor: 3, dusty: [] })).toEqual(a);
  });

  it('cuts the days at the dusty intervals, and a scene that is dusty throughout is dusty all campaign', () => {
    const p = ratePieces(2, { perCameraHour: 3.6, dustFactor: 3, dusty: dustyIntervals(2, false, [1]) });
    expect(p.map((x) => [x.fromS, x.toS, x.day, x.ratePerS])).toEqual([
      [0, 18 * 3600, 0, 0.001],
      [18 * 3600, DAY_S, 0, expect.closeTo(0.003, 12)],
      [DAY_S, DAY_S + 6 * 3600, 1, expect.closeTo(0.003, 12)],
      [DAY_S + 6 * 3600, 2 * DAY_S, 1, 0.001],
    ]);
    expect(dustyIntervals(3, true, [1])).toEqual([[0, 3 * DAY_S]]);
  });
});

describe('campaignAttemptCount', () => {
  it('is Poisson(attemptsPerDay × days): mean and variance over seeds', () => {
    const counts = Array.from({ length: 400 }, (_, s) => campaignAttemptCount(s, 7, 4)); // mean 28
    const m = counts.reduce((a, b) => a + b, 0) / counts.length;
    const v = counts.reduce((a, b) => a + (b - m) ** 2, 0) / (counts.length - 1);
    expect(Math.abs(m - 28)).toBeLessThan(4 * Math.sqrt(28 / 400));
    // Variance of a Poisson equals its mean; the sample variance's sd is about mean·√(2/n).
    expect(Math.abs(v - 28)).toBeLessThan(4 * 28 * Math.sqrt(2 / 400));
    expect(campaignAttemptCount(3, 7, 4)).toBe(counts[3]);
    expect(campaignAttemptCount(3, 7, 0)).toBe(0);
  });
});
