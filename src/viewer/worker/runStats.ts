/**
 * The viewer's statistics, kept in the worker with the core's own StatsAccumulator — the code the CLI's
 * summary comes from — fed with each attempt as it finishes. When the session is done the figures are
 * exactly those of `watchline run` for the same inputs (the per-segment bins may be narrower).
 */
import type { AttemptPlan } from '../../core/attempt.ts';
import { newPlan, planAttempt } from '../../core/attempt.ts';
import { StatsAccumulator } from '../../core/metrics.ts';
import type { RunStats } from '../../core/metrics.ts';
import type { DetectionEvent, FinishedAttempt } from '../../core/session.ts';
import type { World } from '../../core/world.ts';

export class LiveStats {
  private readonly acc: StatsAccumulator;
  /** Per attempt: local time of the first detection (NaN until detected) and before-barrier flag. */
  private readonly detectTimeS: Float64Array;
  private readonly beforeBarrier: Uint8Array;
  private readonly plan: AttemptPlan = newPlan();
  private readonly outcome = { threat: 0, crossingM: 0, detected: false, detectTimeS: NaN, beforeBarrier: false };
  finished = 0;
  /** Absolute time the last attempt given to onFinished was through, seconds. */
  lastThroughS = 0;

  constructor(
    private readonly world: World,
    private readonly seed: number,
    attempts: number,
    segmentKm: number,
  ) {
    this.acc = new StatsAccumulator(world.threats.map((t) => t.kind), world.border.lengthM, segmentKm);
    this.detectTimeS = new Float64Array(attempts).fill(NaN);
    this.beforeBarrier = new Uint8Array(attempts);
  }

  onEvent(e: DetectionEvent): void {
    this.detectTimeS[e.attempt] = e.tAttemptS;
    this.beforeBarrier[e.attempt] = e.beforeBarrier ? 1 : 0;
  }

  /** Adds a finished attempt; returns its threat index. Its detection event must have come first. */
  onFinished(f: FinishedAttempt): number {
    const plan = planAttempt(this.world, f.attempt, this.plan);
    const o = this.outcome;
    o.threat = plan.threat;
    o.crossingM = plan.crossingM;
    o.detected = f.detected;
    o.detectTimeS = this.detectTimeS[f.attempt];
    o.beforeBarrier = this.beforeBarrier[f.attempt] === 1;
    this.acc.add(o);
    this.finished++;
    this.lastThroughS = plan.startTimeS + plan.tThroughS;
    return plan.threat;
  }

  result(): RunStats {
    return this.acc.result();
  }
}
