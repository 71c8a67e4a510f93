import { describe, expect, it } from 'vitest';
import { nuisanceAlarms } from '../../../src/core/campaign/nuisance.ts';
import { runCampaign } from '../../../src/core/campaign/pass.ts';
import { setup } from './helpers.ts';

/** Erlang C: P(wait > 0) in an M/M/c queue with offered load a = λ/μ (a < c), from its formula. */
function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const tail = (term * c) / (c - a); // a^c / c! · c / (c − a)
  return tail / (sum + tail);
}

/** Mean and standard error of the mean of independent replications. */
function meanSe(xs: number[]): [number, number] {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  return [m, Math.sqrt(v / xs.length)];
}

describe('the control room with nuisance alarms only is an M/M/c queue', () => {
  // Cameras × rate give Poisson arrivals λ; exponential assessment of mean 1/μ; no patience limit.
  const cases = [
    { operators: 2, cameras: 84, perCameraHour: 2, assessS: 30 }, // λ = 168/h, a = 1.4, ρ = 0.7
    { operators: 4, cameras: 120, perCameraHour: 3, assessS: 36 }, // λ = 360/h, a = 3.6, ρ = 0.9
  ];
  for (const c of cases) {
    it(`matches Erlang C's P(wait > 0) and mean wait with ${c.operators} operators (ρ = ${(c.cameras * c.perCameraHour * c.assessS) / 3600 / c.operators})`, () => {
      const days = 3;
      const lambda = (c.cameras * c.perCameraHour) / 3600;
      const mu = 1 / c.assessS;
      const a = lambda / mu;
      const pWait = erlangC(c.operators, a);
      const meanWait = pWait / (c.operators * mu - lambda);
      const waits: number[] = [];
      const shares: number[] = [];
      // Independent replications (seeds): their means are independent, so a plain standard error holds.
      for (let seed = 1; seed <= 16; seed++) {
        const nuisance = nuisanceAlarms(seed, c.cameras, days, () => true, { perCameraHour: c.perCameraHour, dustFactor: 3, dusty: [] });
        const r = runCampaign(
          setup({ seed, durationS: days * 86_400, nuisance, room: { mode: 'analytics', operators: c.operators, assessS: c.assessS, maxWaitS: Infinity, recognizeP: 0.95 } }),
          [],
        );
        expect(r.alarms).toEqual({ total: nuisance.count, real: 0, nuisance: nuisance.count, lost: 0 });
        expect(r.waitsS.length).toBe(nuisance.count);
        waits.push(r.waitsS.reduce((s, w) => s + w, 0) / r.waitsS.length);
        shares.push(r.waitsS.filter((w) => w > 0).length / r.waitsS.length);
      }
      const [w, wSe] = meanSe(waits);
      const [p, pSe] = meanSe(shares);
      // Within the replications' 99.7 % interval (3 standard errors).
      expect(Math.abs(w - meanWait)).toBeLessThan(3 * wSe);
      expect(Math.abs(p - pWait)).toBeLessThan(3 * pSe);
      // And the interval is tight enough to mean something: a few per cent of the value.
      expect(wSe / meanWait).toBeLessThan(0.06);
    });
  }
});

describe('patience and FIFO', () => {
  it('takes alarms in arrival order, none after waiting more than maxWaitS, and loses only while everyone is busy', () => {
    const nuisance = nuisanceAlarms(3, 50, 1, () => true, { perCameraHour: 6, dustFactor: 3, dusty: [] });
    const maxWaitS = 60;
    const r = runCampaign(setup({ seed: 3, nuisance, log: true, room: { mode: 'analytics', operators: 2, assessS: 45, maxWaitS, recognizeP: 0.95 } }), []);
    const log = r.log!;
    expect(log.alarms.length).toBe(r.alarms.total);
    const taken = log.alarms.filter((a) => a.fate !== 'lost').sort((x, y) => x.takenS - y.takenS || x.timeS - y.timeS);
    const lost = log.alarms.filter((a) => a.fate === 'lost');
    expect(lost.length).toBe(r.alarms.lost);
    expect(lost.length).toBeGreaterThan(10); // λ = 300/h against 160/h of capacity: the queue overflows
    for (let i = 1; i < taken.length; i++) expect(taken[i].timeS).toBeGreaterThanOrEqual(taken[i - 1].timeS);
    for (const t of taken) expect(t.takenS - t.timeS).toBeLessThanOrEqual(maxWaitS);
    // A lost alarm: both operators busy over its whole wait.
    for (const l of lost) {
      const busy = (s: number) => taken.filter((t) => t.takenS <= s && t.doneS > s).length;
      expect(busy(l.timeS + 1e-6)).toBe(2);
      expect(busy(l.timeS + maxWaitS - 1e-6)).toBe(2);
    }
    expect(r.waitsS.length).toBe(taken.length);
    expect(r.timeline.queue.length).toBe(144);
  });
});
