import { describe, expect, it } from 'vitest';
import { nuisanceAlarms } from '../../../src/core/campaign/nuisance.ts';
import type { CampaignAttempt } from '../../../src/core/campaign/pass.ts';
import { runCampaign } from '../../../src/core/campaign/pass.ts';
import { StreamCursor } from '../../../src/core/rng.ts';
import { attemptOf, setup, walker } from './helpers.ts';

/** Attempts over two days with one to three alarms each, some with none. */
function attempts(n: number): CampaignAttempt[] {
  const u = new StreamCursor(9, 1);
  return Array.from({ length: n }, (_, id) => {
    const start = u.next() * 2 * 86_400;
    const alarms = Array.from({ length: Math.floor(u.next() * 4) }, () => 300 + u.next() * 1500).sort((a, b) => a - b);
    return attemptOf(walker(id, start, 1.2, 2000, 2500), alarms, Math.floor(u.next() * 40));
  });
}

describe('the campaign pass', () => {
  const nuisance = nuisanceAlarms(5, 40, 2, (k, d) => (k + d) % 7 !== 0, { perCameraHour: 4, dustFactor: 3, dusty: [[60_000, 100_000]] });
  const s = setup({ seed: 5, durationS: 2 * 86_400, nuisance, log: true, room: { mode: 'analytics', operators: 2, assessS: 40, maxWaitS: 200, recognizeP: 0.95 }, response: { bases: [{ x: 0, y: 0 }, { x: 500, y: 100 }], delayS: 120, speedMps: 8, busyS: 1200 } });
  const list = attempts(300);

  it('is the same whatever order the attempts come in (workers, shards)', () => {
    const whole = JSON.stringify(runCampaign(s, list));
    // Two "shards" gathered in the other order, each reversed.
    const shards = [...list.filter((a) => a.track.id % 2 === 1).reverse(), ...list.filter((a) => a.track.id % 2 === 0).reverse()];
    expect(JSON.stringify(runCampaign(s, shards))).toBe(whole);
  });

  it('loads one room with everything: every alarm is lost, dismissed or recognised, and fates add up', () => {
    const r = runCampaign(s, list);
    const real = list.reduce((k, a) => k + a.alarms.length, 0);
    expect(r.alarms).toMatchObject({ total: real + nuisance.count, real, nuisance: nuisance.count });
    expect(r.log!.alarms.length).toBe(r.alarms.total);
    expect(r.fates.map((f) => f.id)).toEqual(list.map((a) => a.track.id));
    for (const [i, f] of r.fates.entries()) {
      expect(f.alarmed).toBe(list[i].alarms.length > 0);
      if (!f.alarmed) expect(f.lost).toBe('unsensed');
      if (f.interdicted) expect(f.lost).toBe('');
      if (f.assessed) expect(['', 'response']).toContain(f.lost);
      if (f.alarmed && !f.assessed) expect(['queue', 'assessment']).toContain(f.lost);
      if (f.interdicted) expect(f.arrivalS).toBeLessThan(list[i].track.startS + list[i].track.tThroughS);
    }
    // Every dispatch is of a recognised attempt, and no team is out twice at once.
    const d = r.log!.dispatches;
    expect(d.length).toBe(r.fates.filter((f) => f.team >= 0).length);
    for (const team of [0, 1]) {
      const mine = d.filter((x) => x.team === team).sort((a, b) => a.dispatchS - b.dispatchS);
      for (let i = 1; i < mine.length; i++) expect(mine[i].dispatchS).toBeGreaterThanOrEqual(mine[i - 1].freeS);
    }
    expect(r.fates.some((f) => f.interdicted)).toBe(true);
    expect(r.fates.some((f) => f.lost === 'queue')).toBe(true);
  });

  it('in operators mode has no queue and no nuisance alarms: each noticed detection is assessed at once', () => {
    const r = runCampaign({ ...s, room: { ...s.room, mode: 'operators' } }, list);
    expect(r.alarms.nuisance).toBe(0);
    expect(r.alarms.lost).toBe(0);
    for (const f of r.fates) if (f.alarmed) expect(f.assessedS).toBe(f.alarmS);
  });

  it('has a timeline whose busy operators and teams add up to the busy time, in every mode', () => {
    for (const mode of ['analytics', 'operators'] as const) {
      const r = runCampaign({ ...s, log: false, room: { ...s.room, mode } }, list);
      const t = r.timeline;
      const integral = (xs: Float64Array) => xs.reduce((sum, x, b) => sum + x * Math.min(t.binS, r.durationS - b * t.binS), 0);
      expect(r.teamBusyS).toBeGreaterThan(0);
      expect(integral(t.teamsBusy)).toBeCloseTo(r.teamBusyS, 6);
      expect(integral(t.operatorsBusy)).toBeCloseTo(r.operatorBusyS, 6);
    }
  });
});
