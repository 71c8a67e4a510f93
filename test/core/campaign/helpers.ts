import type { CampaignAttempt, CampaignSetup } from '../../../src/core/campaign/pass.ts';
import type { AttemptTrack } from '../../../src/core/campaign/track.ts';
import { StreamCursor } from '../../../src/core/rng.ts';

/**
 * A walker along +y through the origin (the line is y = 0, home side y > 0): approach from
 * y = −approachM, no barrier width, no wall time; through at local time tThroughS.
 */
export function walker(id: number, startS: number, speedMps: number, approachM: number, tThroughS: number): AttemptTrack {
  const tB = approachM / speedMps;
  return {
    id, startS, px: 0, py: 0, nx: 0, ny: 1, speedMps, approachM, halfWidthM: 0, delayS: 0,
    tBarrierS: tB, tCrossedS: tB, tThroughS,
  };
}

export function attemptOf(track: AttemptTrack, alarmTimesS: number[], camera = 0): CampaignAttempt {
  return { track, alarms: alarmTimesS.map((tS) => ({ tS, camera })), sensed: alarmTimesS.length > 0, lostBefore: 'unsensed' };
}

export function setup(over: Partial<CampaignSetup> = {}): CampaignSetup {
  return {
    seed: 1,
    durationS: 86_400,
    room: { mode: 'analytics', operators: 2, assessS: 30, maxWaitS: 300, recognizeP: 0.95 },
    response: { bases: [{ x: 0, y: 0 }], delayS: 300, speedMps: 10, busyS: 1800 },
    nuisance: null,
    ...over,
  };
}

/** Tracks along random normals: a walk through a gap (barrier 4 m wide) or a climb with time on the crest. */
export function randomTracks(n: number, seed: number): AttemptTrack[] {
  const u = new StreamCursor(seed, 1);
  return Array.from({ length: n }, (_, id) => {
    const v = 0.5 + u.next() * 9.5;
    const halfW = 2;
    const approach = 500 + u.next() * 8000;
    const tB = (approach - halfW) / v;
    const climb = u.next() < 0.5;
    const tC = climb ? tB + 60 + u.next() * 600 : tB + (2 * halfW) / v;
    const angle = u.next() * 2 * Math.PI;
    return {
      id, startS: u.next() * 300_000, px: u.next() * 50_000, py: u.next() * 50_000, nx: Math.cos(angle), ny: Math.sin(angle), speedMps: v,
      approachM: approach, halfWidthM: halfW, delayS: climb ? tC - tB : 0, tBarrierS: tB, tCrossedS: tC, tThroughS: tC + (50 + u.next() * 500) / v,
    };
  });
}
