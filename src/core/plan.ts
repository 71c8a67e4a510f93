/**
 * An attempt's plan (DOMAIN.md §4), drawn from the counter-based streams keyed by (seed, id), and its
 * position at any local time. Pure functions of (world, seed, id, t): no state survives a call.
 */
import { newStation, stationAt } from './border.ts';
import { isInGap } from './barrier.ts';
import { sampleChainage } from './crossing.ts';
import { sampleStartTimeS } from './environment.ts';
import { Stream, StreamCursor } from './rng.ts';
import { groundHeightAt } from './terrain/ground.ts';
import { sampleIndex } from './threats.ts';
import type { World } from './world.ts';

export interface AttemptPlan {
  id: number;
  /** Index into world.threats. */
  threat: number;
  size: number;
  crossingM: number;
  /** Time of day at the start, seconds after midnight. */
  startTimeS: number;
  /** The crossing point on the line and the home-side normal there. */
  px: number;
  py: number;
  nx: number;
  ny: number;
  speedMps: number;
  /** Where the attempt starts, metres beyond the barrier line: the strip's approachM, or a tunnel's entrance. */
  startOffsetM: number;
  inGap: boolean;
  /** Time spent on the wall (climbing or cutting), seconds; 0 at a gap or underground. */
  delayS: number;
  /** Local times (from the attempt's start), seconds. */
  tBarrierS: number;
  tCrossedS: number;
  tThroughS: number;
  /** Unseen interval of local time (a tunnel from its start to its exit); both −1 when always visible. */
  hiddenFromS: number;
  hiddenToS: number;
}

export function newPlan(): AttemptPlan {
  return {
    id: 0, threat: 0, size: 1, crossingM: 0, startTimeS: 0, px: 0, py: 0, nx: 0, ny: 1, speedMps: 1, startOffsetM: 0,
    inGap: false, delayS: 0, tBarrierS: 0, tCrossedS: 0, tThroughS: 0, hiddenFromS: -1, hiddenToS: -1,
  };
}

const cursor = new StreamCursor();
const planStation = newStation();

/** Draws attempt `id`'s plan from the streams keyed by (seed, id), seed = world.config.run.seed. Writes into `out`. */
export function planAttempt(world: World, id: number, out: AttemptPlan): AttemptPlan {
  const seed = world.config.run.seed;
  const threat = sampleIndex(world.threatCdf, cursor.reset(seed, id, Stream.threat).next());
  const profile = world.threats[threat];
  const density = profile.gapsOnly && world.crossingAtGaps ? world.crossingAtGaps : world.crossing;
  const crossingM = sampleChainage(density, cursor.reset(seed, id, Stream.crossing).next());
  cursor.reset(seed, id, Stream.startTime);
  const startTimeS = sampleStartTimeS(world.startHourCdf, cursor.next(), cursor.next());
  const size = profile.minSize + Math.floor(cursor.reset(seed, id, Stream.group).next() * (profile.maxSize - profile.minSize + 1));

  const st = stationAt(world.border, crossingM, planStation);
  const b = world.barrier;
  const halfW = b.widthM / 2;
  const v = profile.speedMps;
  const inGap = isInGap(b, crossingM);
  const delayS = profile.tunnels || inGap ? 0 : b.delayS[profile.kind];
  // A tunnel's walker starts at its hidden entrance (within the strip) and is unseen until the exit.
  const startOffsetM = profile.tunnels ? Math.min(profile.entryM, world.approachM) : world.approachM;
  const tBarrierS = (startOffsetM - halfW) / v;
  const tCrossedS = inGap || profile.tunnels ? tBarrierS + b.widthM / v : tBarrierS + delayS;
  const tThroughS = tCrossedS + (world.depthM - halfW) / v;
  let hiddenFromS = -1;
  let hiddenToS = -1;
  if (profile.tunnels) hiddenToS = (startOffsetM + Math.min(profile.exitM, world.depthM)) / v;
  out.id = id;
  out.threat = threat;
  out.size = size;
  out.crossingM = crossingM;
  out.startTimeS = startTimeS;
  out.px = st.x;
  out.py = st.y;
  out.nx = st.nx;
  out.ny = st.ny;
  out.speedMps = v;
  out.startOffsetM = startOffsetM;
  out.inGap = inGap;
  out.delayS = delayS;
  out.tBarrierS = tBarrierS;
  out.tCrossedS = tCrossedS;
  out.tThroughS = tThroughS;
  out.hiddenFromS = hiddenFromS;
  out.hiddenToS = hiddenToS;
  return out;
}

export interface AttemptPosition {
  x: number;
  y: number;
  /** Height of the target's top, metres (what cameras aim at). */
  zTop: number;
  /** Signed offset from the line, metres (far side < 0). */
  dM: number;
  onWall: boolean;
  hidden: boolean;
}

export function newPosition(): AttemptPosition {
  return { x: 0, y: 0, zTop: 0, dM: 0, onWall: false, hidden: false };
}

/** Where the attempt is at local time t (clamped to its path). Allocation-free. */
export function positionAt(world: World, plan: AttemptPlan, tS: number, out: AttemptPosition): AttemptPosition {
  const halfW = world.barrier.widthM / 2;
  const v = plan.speedMps;
  const profile = world.threats[plan.threat];
  let d: number;
  let onWall = false;
  if (tS <= plan.tBarrierS) d = -plan.startOffsetM + v * Math.max(tS, 0);
  else if (tS < plan.tCrossedS) {
    if (plan.delayS > 0) {
      d = 0;
      onWall = true;
    } else d = -halfW + v * (tS - plan.tBarrierS);
  } else d = halfW + v * (Math.min(tS, plan.tThroughS) - plan.tCrossedS);
  const x = plan.px + plan.nx * d;
  const y = plan.py + plan.ny * d;
  const ground = groundHeightAt(world.ground, x, y);
  out.x = x;
  out.y = y;
  out.dM = d;
  out.onWall = onWall;
  // On the crest a person crouches: their top is half their height above the wall (assumption).
  out.zTop = onWall ? ground + world.barrier.heightM + 0.5 * profile.heightM : ground + profile.heightM;
  out.hidden = tS > plan.hiddenFromS && tS < plan.hiddenToS;
  return out;
}
