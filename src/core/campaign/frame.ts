/**
 * A campaign as plain data (docs/model.md §8): everything the event pass needs besides the attempts'
 * rows — control room, teams and their bases, nuisance weather, the border's polyline — computed
 * once from the scene and config without the terrain. A run writes it (campaign.json) beside
 * attempts.csv, so a `merge` of shards re-runs the pass from files alone, exactly as the run did.
 *
 * The attempts enter the pass from their rounded rows (attemptRow.ts), like interruption (§7): the
 * track from the crossing chainage, the day and the rounded barrier and through times; the candidate
 * alarm is the attempt's first detection (in analytics mode its analytics alarm; with operators the
 * detection someone noticed). A run and a merge reading the rows back therefore decide alike.
 */
import type { AttemptRow } from '../attemptRow.ts';
import type { Border } from '../border.ts';
import { createBorder, newStation, stationAt } from '../border.ts';
import { responseInfo } from '../interdiction.ts';
import { round } from '../metrics.ts';
import type { ConfigSpec, SceneSpec, WatchMode } from '../spec.ts';
import { threatProfiles } from '../threats.ts';
import { placeTowers } from '../towers.ts';
import { detectionChain } from '../watch.ts';
import { campaignAttemptCount } from './arrivals.ts';
import { defaultTeamCount, teamBases } from './bases.ts';
import { DAY_S, dustyIntervals, type NuisanceSpec } from './nuisance.ts';
import type { AttemptFate, CampaignAttempt, ControlRoomSpec, ResponseTeamsSpec } from './pass.ts';
import type { AttemptTrack } from './track.ts';

/** Assumed defaults of the campaign (docs/model.md §8), each overridable. */
export const CAMPAIGN_DEFAULTS = Object.freeze({
  /** A team's busy time after meeting the intruder (arrest, hand-over, the way back), s. */
  busyS: 1800,
  /** Probability that an assessing operator recognises a real intruder. */
  recognizeP: 0.95,
  /** Nuisance alarms are this many times as frequent in dust or haze. */
  dustFactor: 3,
});

export interface CampaignFrame {
  seed: number;
  days: number;
  attemptsPerDay: number;
  /** Attempts of the campaign (Poisson; arrivals.ts). */
  attempts: number;
  durationS: number;
  /** Cameras deployed, and their daily availability (the outage maps of the sensor pass). */
  cameras: number;
  availability: number;
  room: ControlRoomSpec;
  response: ResponseTeamsSpec;
  nuisance: NuisanceSpec;
  /** Per threat (the rows' threat index): speed, m/s, and where it starts, metres out from the line. */
  threats: { speedMps: number; startOffsetM: number; tunnels: boolean }[];
  /** Strip depth and barrier width, metres: with the threats, what turns a row's times into a track. */
  depthM: number;
  widthM: number;
  /** The border's polyline (x, y pairs), metres. */
  borderXY: number[];
}

/** The campaign of a scene and config (null without a `campaign:` block); seed: the config's by default. */
export function campaignFrame(scene: SceneSpec, config: ConfigSpec, border: Border, seed = config.run.seed): CampaignFrame | null {
  const c = config.campaign;
  if (!c) return null;
  // Tower feet only: their heights (the ground) do not move a base.
  const towers = placeTowers(config.towers, border, () => 0);
  const cameras = towers.count * config.cameras.length;
  const chain = detectionChain(config, cameras);
  const st = newStation();
  const bases = teamBases(config.response?.teams ?? defaultTeamCount(border.lengthM), border.lengthM, (m) => {
    stationAt(border, m, st);
    return { x: st.x, y: st.y };
  }, towers.x, towers.y);
  const r = responseInfo(config);
  const env = scene.environment;
  return {
    seed,
    days: c.days,
    attemptsPerDay: c.attemptsPerDay,
    attempts: campaignAttemptCount(seed, c.days, c.attemptsPerDay),
    durationS: c.days * DAY_S,
    cameras,
    availability: chain.availability,
    room: { mode: chain.mode, operators: chain.operators, assessS: chain.assessS, maxWaitS: chain.maxWaitS, recognizeP: config.watch?.recognizeP ?? CAMPAIGN_DEFAULTS.recognizeP },
    response: { bases, delayS: r.delayS, speedMps: r.speedMps, busyS: config.response?.busyS ?? CAMPAIGN_DEFAULTS.busyS },
    nuisance: {
      perCameraHour: chain.nuisancePerCameraHour,
      dustFactor: CAMPAIGN_DEFAULTS.dustFactor,
      dusty: dustyIntervals(c.days, env.visibility === 'dust' || env.visibility === 'haze', c.dustNights ?? []),
    },
    threats: threatProfiles(scene.threats).map((t) => ({
      speedMps: t.speedMps,
      startOffsetM: t.tunnels ? Math.min(t.entryM, scene.strip.approachM) : scene.strip.approachM,
      tunnels: t.tunnels,
    })),
    depthM: scene.strip.depthM,
    widthM: scene.border.barrier.widthM,
    borderXY: Array.from(border.xy),
  };
}

/** The frame's border, rebuilt from its polyline. */
export function frameBorder(f: CampaignFrame): Border {
  return createBorder(f.borderXY);
}

const st = newStation();

/** The track of a row, from its chainage, day and rounded times (see the module comment). */
export function trackOfRow(row: AttemptRow, f: CampaignFrame, border: Border): AttemptTrack {
  stationAt(border, row.crossingKm * 1000, st);
  const halfW = f.widthM / 2;
  const threat = f.threats[row.threatIndex];
  const v = threat.speedMps;
  const tB = row.barrierTimeS;
  const tT = row.throughTimeS;
  const tC = tT - (f.depthM - halfW) / v;
  // On the wall's crest (climbing, cutting) the intruder stands still; through a gap or a tunnel it
  // walks the barrier's width. Rounded times tell the two apart by far more than their rounding.
  const onWall = !threat.tunnels && Math.abs(tC - tB - f.widthM / v) > 0.01;
  return {
    id: row.id, startS: (row.day as number) * DAY_S + row.startTimeS, px: st.x, py: st.y, nx: st.nx, ny: st.ny, speedMps: v,
    approachM: threat.startOffsetM, halfWidthM: halfW, delayS: onWall ? tC - tB : 0, tBarrierS: tB, tCrossedS: tC, tThroughS: tT,
  };
}

/** The pass's view of one row: its track, its candidate alarm, and the link that lost it otherwise. */
export function campaignAttemptOf(row: AttemptRow, f: CampaignFrame, border: Border): CampaignAttempt {
  const lostAt = (row.lostAt as string | null) ?? '';
  return {
    track: trackOfRow(row, f, border),
    alarms: row.detected && row.firstDetectTimeS !== null ? [{ tS: row.firstDetectTimeS, camera: row.firstDetectCamera ?? -1 }] : [],
    sensed: row.detected || (lostAt !== '' && lostAt !== 'unsensed'),
    lostBefore: row.detected ? '' : lostAt,
  };
}

/** Writes an attempt's fate into its row's campaign columns (rounded like every other column). */
export function applyFate(row: AttemptRow, fate: AttemptFate, startS: number): void {
  row.assessedTimeS = fate.assessed ? round(fate.assessedS - startS, 3) : null;
  row.interdicted = fate.interdicted;
  row.team = fate.team >= 0 ? fate.team : null;
  if (row.detected) row.lostAt = fate.lost;
}

/** Is a mode one that raises nuisance alarms (analytics)? */
export function hasNuisance(mode: WatchMode): boolean {
  return mode === 'analytics';
}
