/**
 * The viewer's campaign: decided in the worker as a run decides it, and its log played back. The
 * played levels are checked against the pass's own timeline (a separate integrator inside the pass):
 * between two consecutive times of the log nothing changes, so the level at the midpoint times the
 * width, summed over a bin, must be the bin's mean the pass recorded.
 */
import { describe, expect, it } from 'vitest';
import { newPlan, planAttempt } from '../../../src/core/attempt.ts';
import { advanceSession, createSession } from '../../../src/core/session.ts';
import type { ConfigSpec } from '../../../src/core/spec.ts';
import { CampaignPlayback, MAX_NEW_ALARMS } from '../../../src/viewer/worker/campaignPlayback.ts';
import { runViewerCampaign } from '../../../src/viewer/worker/campaignRun.ts';
import { testConfig, testScene, testWorld } from '../fixtures.ts';

const DAY_S = 86_400;

function campaignConfig(over: Partial<ConfigSpec> = {}): ConfigSpec {
  return testConfig(undefined, {
    run: { attempts: 10, seed: 11, stepS: 1 },
    // One operator and frequent nuisance alarms: the queue forms; two teams for 4 km: they are busy.
    watch: { mode: 'analytics', operators: 1, assessS: 30, maxWaitS: 120, analytics: { nuisancePerCameraHour: 12 } },
    response: { delayS: 60, speedMps: 8, teams: 2, busyS: 900 },
    campaign: { days: 2, attemptsPerDay: 25 },
    ...over,
  });
}

const world = testWorld(testScene({ environment: { visibility: 'clear', timeOfDay: 'night' } }), campaignConfig());
const campaign = runViewerCampaign(world)!;

/** Every time at which a played level may change, ascending, within the campaign. */
function changeTimes(): number[] {
  const log = campaign.result.log!;
  const ts = new Set<number>([0, campaign.frame.durationS]);
  for (let b = 0; b * 600 < campaign.frame.durationS; b++) ts.add(b * 600);
  for (const a of log.alarms) for (const t of [a.timeS, a.takenS, a.doneS, a.timeS + campaign.frame.room.maxWaitS]) if (Number.isFinite(t)) ts.add(t);
  for (const d of log.dispatches) for (const t of [d.dispatchS, d.freeS]) ts.add(t);
  return [...ts].filter((t) => t >= 0 && t <= campaign.frame.durationS).sort((a, b) => a - b);
}

describe('the viewer campaign', () => {
  it('is a campaign: attempts over its days, alarms queued, teams sent', () => {
    const r = campaign.result;
    expect(campaign.frame.attempts).toBeGreaterThan(20);
    expect(campaign.rows.map((r) => r.id)).toEqual(Array.from({ length: campaign.frame.attempts }, (_, i) => i));
    expect(new Set(campaign.days)).toEqual(new Set([0, 1]));
    expect(r.alarms.nuisance).toBeGreaterThan(500);
    expect(r.waitsS[r.waitsS.length - 1]).toBeGreaterThan(0);
    expect(r.log!.dispatches.length).toBeGreaterThan(0);
    // The figures are the campaign's: its alarms and teams, its interdictions from the decided rows.
    expect(campaign.figures.attempts).toBe(campaign.frame.attempts);
    expect(campaign.figures.alarms?.total).toBe(r.alarms.total);
    expect(campaign.figures.interdicted).toBe(r.fates.filter((f) => f.interdicted).length);
  });

  it('the session starts each attempt on its day', () => {
    const s = createSession(world, campaign.frame.attempts, campaign.days);
    const plan = newPlan();
    for (let id = 0; id < s.attempts; id++) expect(s.startS[id]).toBe(planAttempt(world, id, plan).startTimeS + campaign.days[id] * DAY_S);
    const b = advanceSession(s, 3 * DAY_S);
    expect(b.done).toBe(true);
    expect(b.finished).toHaveLength(campaign.frame.attempts);
  });

  it('queue, operators busy and teams out integrate to the pass timeline, bin by bin', () => {
    const p = new CampaignPlayback(campaign.frame, campaign.rows, campaign.result);
    const tl = campaign.result.timeline;
    const bins = tl.queue.length;
    const q = new Float64Array(bins);
    const o = new Float64Array(bins);
    const k = new Float64Array(bins);
    const ts = changeTimes();
    let maxQueue = 0;
    for (let i = 0; i + 1 < ts.length; i++) {
      const w = ts[i + 1] - ts[i];
      if (w <= 0) continue;
      const tick = p.look((ts[i] + ts[i + 1]) / 2);
      const b = Math.floor(ts[i] / tl.binS);
      q[b] += tick.queue * w;
      o[b] += tick.operatorsBusy * w;
      k[b] += tick.teamsOut * w;
      maxQueue = Math.max(maxQueue, tick.queue);
      expect(tick.operatorsBusy).toBeLessThanOrEqual(1);
      expect(tick.teamsOut).toBeLessThanOrEqual(2);
    }
    expect(maxQueue).toBeGreaterThan(1);
    for (let b = 0; b < bins; b++) {
      expect(q[b] / tl.binS, `queue bin ${b}`).toBeCloseTo(tl.queue[b], 9);
      expect(o[b] / tl.binS, `operators bin ${b}`).toBeCloseTo(tl.operatorsBusy[b], 9);
      expect(k[b] / tl.binS, `teams bin ${b}`).toBeCloseTo(tl.teamsBusy[b], 9);
    }
  });

  it('a team drives from its base to the meeting point and back', () => {
    const p = new CampaignPlayback(campaign.frame, campaign.rows, campaign.result);
    const bases = campaign.frame.response.bases;
    for (const d of campaign.result.log!.dispatches) {
      if (d.endS <= d.departS) continue;
      const mid = p.look((d.departS + d.endS) / 2).teams;
      expect(mid[3 * d.team + 2]).toBe(1);
      expect(mid[3 * d.team]).toBeCloseTo((d.fromX + d.toX) / 2, 1);
      expect(mid[3 * d.team + 1]).toBeCloseTo((d.fromY + d.toY) / 2, 1);
      const before = p.look((d.dispatchS + d.departS) / 2).teams;
      expect([before[3 * d.team], before[3 * d.team + 1]]).toEqual([Math.fround(bases[d.team].x), Math.fround(bases[d.team].y)]);
      const back = p.look((d.endS + d.freeS) / 2).teams;
      expect(back[3 * d.team + 2]).toBe(2);
    }
    // Once everything is over every team is home.
    const end = p.look(10 * DAY_S);
    expect(end.teamsOut).toBe(0);
    bases.forEach((b, i) => expect([end.teams[3 * i], end.teams[3 * i + 1]]).toEqual([Math.fround(b.x), Math.fround(b.y)]));
  });

  it('fates arrive in time and add up to the decided rows', () => {
    const p = new CampaignPlayback(campaign.frame, campaign.rows, campaign.result);
    let seenFates = 0;
    let alarms = 0;
    let last = { stopped: 0, seen: 0, unseen: 0 };
    const meet = new Map(campaign.result.log!.dispatches.filter((d) => d.interdicted).map((d) => [d.attempt, d]));
    for (let t = 0; t <= 3 * DAY_S; t += 1800) {
      const tick = p.look(t);
      expect(tick.stopped).toBeGreaterThanOrEqual(last.stopped);
      expect(tick.seen).toBeGreaterThanOrEqual(last.seen);
      expect(tick.unseen).toBeGreaterThanOrEqual(last.unseen);
      last = tick;
      seenFates += tick.newFates.length / 3;
      alarms += Math.min(tick.newAlarms.length / 2, MAX_NEW_ALARMS);
      for (let i = 0; i < tick.newFates.length; i += 3) {
        if (tick.newFates[i + 2] !== 0) continue;
        // A stopped attempt is marked where its team met it.
        const hit = [...meet.values()].some((d) => Math.abs(d.toX - tick.newFates[i]) < 0.01 && Math.abs(d.toY - tick.newFates[i + 1]) < 0.01);
        expect(hit).toBe(true);
      }
    }
    const rows = campaign.rows;
    expect(last.stopped).toBe(rows.filter((r) => r.interdicted === true).length);
    expect(last.seen).toBe(rows.filter((r) => r.detected && r.interdicted !== true).length);
    expect(last.unseen).toBe(rows.filter((r) => !r.detected).length);
    expect(seenFates).toBe(rows.length);
    expect(last.stopped).toBeGreaterThan(0);
    const end = p.look(3 * DAY_S);
    expect(end.alarms).toBe(campaign.result.alarms.total);
    expect(end.nuisance).toBe(campaign.result.alarms.nuisance);
    expect(alarms).toBeLessThanOrEqual(campaign.result.alarms.total);
    // A stopped intruder is gone from the moment it was met, not before.
    for (const f of campaign.result.fates.filter((f) => f.interdicted)) {
      expect(p.stoppedBy(f.id, f.arrivalS - 1)).toBe(false);
      expect(p.stoppedBy(f.id, f.arrivalS)).toBe(true);
    }
  });
});
