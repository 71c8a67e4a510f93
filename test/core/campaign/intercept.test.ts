import { describe, expect, it } from 'vitest';
import { interceptS, reachBoundS } from '../../../src/core/campaign/intercept.ts';
import { runCampaign } from '../../../src/core/campaign/pass.ts';
import { StreamCursor } from '../../../src/core/rng.ts';
import { attemptOf, randomTracks, setup, walker } from './helpers.ts';

// One team, one alarm, worked by hand. The intruder walks +y at 1 m/s and is on the line (y = 0) at
// local time 1000 s, when it raises its one alarm; it is noticed at once (ideal mode). The team waits
// at (0, −800), leaves 100 s later (ready at 1100 s, the intruder at y = 100, 900 m ahead) and closes
// at 10 − 1 = 9 m/s: it meets the intruder 100 s later, at 1200 s, at y = 200 (1000 m from the base in
// 100 s at 10 m/s). Through at 1200 s exactly: not interdicted (it arrives as the intruder steps out).
const base = { x: 0, y: -800 };
const run = (tThroughS: number) =>
  runCampaign(
    setup({ room: { mode: 'ideal', operators: 1, assessS: 30, maxWaitS: 300, recognizeP: 0.95 }, response: { bases: [base], delayS: 100, speedMps: 10, busyS: 600 } }),
    [attemptOf(walker(7, 0, 1, 1000, tThroughS), [1000])],
  ).fates[0];

describe('interceptS', () => {
  it('meets the walker where the hand calculation says', () => {
    expect(interceptS(walker(7, 0, 1, 1000, 1300), base.x, base.y, 1100, 10)).toBe(1200);
    // Started 500 s later in campaign time: everything shifts by 500 s.
    expect(interceptS(walker(7, 500, 1, 1000, 1300), base.x, base.y, 1600, 10)).toBe(1700);
    // Through at 1199.5 s: the meeting point is never reached in time.
    expect(interceptS(walker(7, 0, 1, 1000, 1199.5), base.x, base.y, 1100, 10)).toBe(Infinity);
  });

  it('catches a standing intruder (on the wall) after the plain drive', () => {
    // On the crest at y = 0 from 1000 s to 1600 s: 800 m at 10 m/s from a team ready at 1100 s is 1180 s.
    const track = { ...walker(1, 0, 1, 1000, 1700), halfWidthM: 0, delayS: 600, tCrossedS: 1600 };
    expect(interceptS(track, base.x, base.y, 1100, 10)).toBe(1180);
  });

  it('never catches an intruder faster than the team running away from it', () => {
    expect(interceptS(walker(1, 0, 12, 12_000, 5000), base.x, base.y, 1100, 10)).toBe(Infinity);
  });
});

describe('reachBoundS', () => {
  it('never comes after the meeting interceptS finds (it is a lower bound), and is tight for a base on the path ahead', () => {
    const u = new StreamCursor(8, 2);
    let met = 0;
    for (const t of randomTracks(4000, 8)) {
      const bx = t.px + (u.next() - 0.5) * 30_000;
      const by = t.py + (u.next() - 0.5) * 30_000;
      const ready = t.startS + u.next() * (t.tThroughS + 300);
      const speed = 2 + u.next() * 18;
      const meet = interceptS(t, bx, by, ready, speed);
      if (meet < Infinity) met++;
      expect(reachBoundS(t, bx, by, ready, speed)).toBeLessThanOrEqual(meet);
    }
    expect(met).toBeGreaterThan(500); // enough meetings for the check to mean something (899 here)
    // A base on the line ahead of a standing intruder (on the crest, d = 0, from 1000 s to 1600 s):
    // 800 m at 10 m/s from 1100 s is 1180 s, and the bound is the same drive.
    const crest = { ...walker(1, 0, 1, 1000, 1700), halfWidthM: 0, delayS: 600, tCrossedS: 1600 };
    expect(reachBoundS(crest, 0, -800, 1100, 10)).toBe(1180);
    expect(interceptS(crest, 0, -800, 1100, 10)).toBe(1180);
  });
});

describe('one team, one alarm', () => {
  it('is not interdicted when the team arrives exactly as the intruder is through', () => {
    const f = run(1200);
    expect(f).toMatchObject({ alarmed: true, assessed: true, assessedS: 1000, team: 0, interdicted: false, lost: 'response' });
  });

  it('is interdicted when the intruder needs a moment longer', () => {
    const f = run(1200 + 2 ** -20);
    expect(f).toMatchObject({ interdicted: true, arrivalS: 1200, team: 0, lost: '' });
  });

  it('sends the free team that gets there first, and queues the next attempt while it is out', () => {
    const far = { x: 0, y: -5000 };
    const r = runCampaign(
      setup({ room: { mode: 'ideal', operators: 1, assessS: 30, maxWaitS: 300, recognizeP: 1 }, response: { bases: [far, base], delayS: 100, speedMps: 10, busyS: 600 } }),
      [attemptOf(walker(1, 0, 1, 1000, 3000), [1000]), attemptOf(walker(2, 10, 1, 1000, 3000), [1000]), attemptOf(walker(3, 20, 1, 1000, 3000), [1000])],
    );
    // Attempt 1 (on the line at 1000 s): the near team, as worked above, meets it at 1200 s and is
    // busy until 1800 s. Attempt 2 (on the line at 1010 s): only the far team is free; ready at
    // 1110 s with the intruder at y = 100, 5100 m ahead, closing at 9 m/s: 1110 + 5100/9 s.
    // Attempt 3 (on the line at 1020 s) finds both teams out and waits; the near team is back at
    // 1800 s and leaves at 1900 s with the intruder at y = 880, 1680 m ahead: 1900 + 1680/9 s.
    expect(r.fates.map((f) => f.team)).toEqual([1, 0, 1]);
    expect(r.fates[0]).toMatchObject({ interdicted: true, arrivalS: 1200 });
    expect(r.fates[1].arrivalS).toBeCloseTo(1110 + 5100 / 9, 9);
    expect(r.fates[2].arrivalS).toBeCloseTo(1900 + 1680 / 9, 9);
    expect(r.fates.every((f) => f.interdicted)).toBe(true);
    expect(r.teams).toBe(2);
  });
});
