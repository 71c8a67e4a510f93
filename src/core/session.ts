/**
 * A live session over one simulated day: attempts start at their drawn times of day, move, are detected
 * or get through. Advancing the clock yields one batch per call (events since the last call, the
 * positions of every active intruder, running totals). It is the pure heart of the viewer's stream;
 * its outcomes are the same `simulateAttempt` results the batch runs produce, so final counts match
 * `watchline run` for the same inputs exactly.
 */
import type { AttemptOutcome } from './attempt.ts';
import { newOutcome, newPlan, newPosition, newScratch, planAttempt, positionAt, simulateAttempt } from './attempt.ts';
import type { AttemptRow, DetectionEvent, RowContext } from './attemptRow.ts';
import { eventOf, rowContext, rowOf } from './attemptRow.ts';
import type { World } from './world.ts';

/** Positions of the active intruders, as typed arrays sized for all attempts (valid up to `count`). */
export interface IntruderFrame {
  count: number;
  id: Int32Array;
  x: Float32Array;
  y: Float32Array;
  z: Float32Array;
  /** Index into world.threats. */
  threat: Uint8Array;
  /** 1 once detected. */
  detected: Uint8Array;
}

/** An attempt that finished in this batch: through (undetected or detected) at its crossing point. */
export interface FinishedAttempt {
  attempt: number;
  detected: boolean;
  crossingKm: number;
  x: number;
  y: number;
  /** Its attempts.csv row: what the figures are tallied from, as in a batch run. */
  row: AttemptRow;
}

export interface SessionTotals {
  started: number;
  finished: number;
  detected: number;
  detectedBeforeBarrier: number;
  /** Per threat index: started and detected. */
  threatStarted: number[];
  threatDetected: number[];
  /** Per tower: detections it made. */
  towerDetections: number[];
}

export interface SessionBatch {
  tS: number;
  events: DetectionEvent[];
  finished: FinishedAttempt[];
  intruders: IntruderFrame;
  totals: SessionTotals;
  /** True once every attempt has finished. */
  done: boolean;
}

interface Active {
  id: number;
  startS: number;
  detectAbsS: number;
  throughAbsS: number;
  reported: boolean;
  outcome: AttemptOutcome;
  row: AttemptRow;
}

export interface Session {
  readonly world: World;
  /** The world's run seed and step (world.config.run), for display. */
  readonly seed: number;
  readonly attempts: number;
  readonly stepS: number;
  /** Attempt ids in order of start time (ties by id). */
  readonly order: Int32Array;
  readonly startS: Float64Array;
  /** Time of the first start, seconds: a natural clock origin for a viewer. */
  readonly firstStartS: number;
  /** Threat kinds and response, for the attempts' rows. */
  readonly rows: RowContext;
  clockS: number;
  next: number;
  active: Active[];
  totals: SessionTotals;
  frame: IntruderFrame;
}

/** A session over the world's run (seed, step; `attempts` defaults to the run's). */
export function createSession(world: World, attempts = world.config.run.attempts): Session {
  const { seed, stepS } = world.config.run;
  const plan = newPlan();
  const startS = new Float64Array(attempts);
  for (let i = 0; i < attempts; i++) startS[i] = planAttempt(world, i, plan).startTimeS;
  const order = Int32Array.from({ length: attempts }, (_, i) => i).sort((a, b) => startS[a] - startS[b] || a - b);
  const n = world.threats.length;
  return {
    world,
    seed,
    attempts,
    stepS,
    order,
    startS,
    firstStartS: attempts > 0 ? startS[order[0]] : 0,
    rows: rowContext(world),
    clockS: attempts > 0 ? startS[order[0]] : 0,
    next: 0,
    active: [],
    totals: {
      started: 0,
      finished: 0,
      detected: 0,
      detectedBeforeBarrier: 0,
      threatStarted: new Array(n).fill(0),
      threatDetected: new Array(n).fill(0),
      towerDetections: new Array(world.towers.count).fill(0),
    },
    frame: {
      count: 0,
      id: new Int32Array(attempts),
      x: new Float32Array(attempts),
      y: new Float32Array(attempts),
      z: new Float32Array(attempts),
      threat: new Uint8Array(attempts),
      detected: new Uint8Array(attempts),
    },
  };
}

const scratchByWorld = new WeakMap<World, ReturnType<typeof newScratch>>();
const posScratch = newPosition();
const planScratch = newPlan();

/**
 * Advances the session's clock to `toS` (absolute seconds) and returns what happened since the last
 * call. The frame's typed arrays are reused between calls; copy them to keep them.
 */
export function advanceSession(s: Session, toS: number): SessionBatch {
  const world = s.world;
  let scratch = scratchByWorld.get(world);
  if (!scratch) scratchByWorld.set(world, (scratch = newScratch(world)));
  const events: DetectionEvent[] = [];
  const finished: FinishedAttempt[] = [];
  s.clockS = Math.max(s.clockS, toS);
  const now = s.clockS;
  while (s.next < s.attempts && s.startS[s.order[s.next]] <= now) {
    const id = s.order[s.next++];
    const outcome = simulateAttempt(world, id, scratch, newOutcome());
    s.active.push({
      id,
      startS: outcome.startTimeS,
      detectAbsS: outcome.detected ? outcome.startTimeS + outcome.detectTimeS : Infinity,
      throughAbsS: outcome.startTimeS + outcome.tThroughS,
      reported: false,
      outcome,
      row: rowOf(outcome, s.rows),
    });
    s.totals.started++;
    s.totals.threatStarted[outcome.threat]++;
  }
  const frame = s.frame;
  frame.count = 0;
  const still: Active[] = [];
  for (const a of s.active) {
    const o = a.outcome;
    if (!a.reported && a.detectAbsS <= now) {
      a.reported = true;
      events.push(eventOf(a.row));
      s.totals.detected++;
      s.totals.threatDetected[o.threat]++;
      s.totals.towerDetections[o.tower]++;
      if (o.beforeBarrier) s.totals.detectedBeforeBarrier++;
    }
    if (a.throughAbsS <= now) {
      s.totals.finished++;
      const plan = planAttempt(world, a.id, planScratch);
      positionAt(world, plan, plan.tBarrierS, posScratch);
      finished.push({ attempt: a.id, detected: o.detected, crossingKm: o.crossingM / 1000, x: posScratch.x, y: posScratch.y, row: a.row });
      continue;
    }
    still.push(a);
    const plan = planAttempt(world, a.id, planScratch);
    positionAt(world, plan, now - a.startS, posScratch);
    if (posScratch.hidden) continue;
    const i = frame.count++;
    frame.id[i] = a.id;
    frame.x[i] = posScratch.x;
    frame.y[i] = posScratch.y;
    frame.z[i] = posScratch.zTop;
    frame.threat[i] = o.threat;
    frame.detected[i] = a.reported ? 1 : 0;
  }
  s.active = still;
  // Events in time order, ties by attempt id, whatever order the actives were in.
  events.sort((a, b) => a.t - b.t || a.attempt - b.attempt);
  return { tS: now, events, finished, intruders: frame, totals: s.totals, done: s.next >= s.attempts && s.active.length === 0 };
}
