import type { CampaignAttempt, CampaignSetup } from '../../../src/core/campaign/pass.ts';
import type { AttemptTrack } from '../../../src/core/campaign/track.ts';

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
