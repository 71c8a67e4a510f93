/**
 * Run statistics (DOMAIN.md §5, CONTRACT.md "Output of run"): detection rate with a Wilson 95 %
 * interval, per threat kind, per chainage segment, time to first detection, detected before the
 * barrier. The accumulator is order-independent: shards and workers merge to the same bytes.
 */
import type { AttemptOutcome } from './attempt.ts';
import type { ThreatKind } from './spec.ts';
import { TimeMultiset } from './timeMultiset.ts';

export const Z95 = 1.959963984540054;

/** Wilson score interval for k successes in n trials. [0, 1] when n = 0 (nothing is known). */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Quantile of ascending-sorted values, linear interpolation between closest ranks (R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface RateRow {
  attempts: number;
  detected: number;
  detectionRate: number;
}

export interface SegmentRow extends RateRow {
  fromKm: number;
  toKm: number;
}

export interface RunStats {
  attempts: number;
  detected: number;
  detectionRate: number;
  detectionRateCI95: [number, number];
  detectedBeforeBarrierRate: number;
  timeToDetectS: { mean: number | null; p50: number | null; p90: number | null };
  byThreat: Partial<Record<ThreatKind, RateRow>>;
  bySegment: SegmentRow[];
}

/** Default width of the per-segment statistics, km (CONTRACT.md). */
export const SEGMENT_KM = 10;

/** The part of an outcome the statistics read; attempts.csv rows carry exactly these. */
export type OutcomeForStats = Pick<AttemptOutcome, 'threat' | 'crossingM' | 'detected' | 'detectTimeS' | 'beforeBarrier'>;

export class StatsAccumulator {
  private attempts = 0;
  private detected = 0;
  private beforeBarrier = 0;
  private readonly threatAttempts: Float64Array;
  private readonly threatDetected: Float64Array;
  private readonly segAttempts: Float64Array;
  private readonly segDetected: Float64Array;
  /** Detection times: exact, in memory bounded by their span, not by the number of attempts (timeMultiset.ts). */
  private readonly times = new TimeMultiset();

  /**
   * @param threatKinds kinds in the order of outcome.threat indexes
   * @param lengthM border length; segments of segmentKm tile it, the last one shorter
   */
  constructor(
    private readonly threatKinds: readonly ThreatKind[],
    private readonly lengthM: number,
    private readonly segmentKm = SEGMENT_KM,
  ) {
    this.threatAttempts = new Float64Array(threatKinds.length);
    this.threatDetected = new Float64Array(threatKinds.length);
    const nSeg = Math.max(1, Math.ceil(lengthM / (segmentKm * 1000) - 1e-9));
    this.segAttempts = new Float64Array(nSeg);
    this.segDetected = new Float64Array(nSeg);
  }

  add(o: OutcomeForStats): void {
    this.attempts++;
    this.threatAttempts[o.threat]++;
    const seg = Math.min(this.segAttempts.length - 1, Math.max(0, Math.floor(o.crossingM / (this.segmentKm * 1000))));
    this.segAttempts[seg]++;
    if (o.detected) {
      this.detected++;
      this.threatDetected[o.threat]++;
      this.segDetected[seg]++;
      this.times.add(o.detectTimeS);
      if (o.beforeBarrier) this.beforeBarrier++;
    }
  }

  result(): RunStats {
    const rate = (k: number, n: number) => (n > 0 ? k / n : 0);
    // Summing in ascending order makes the mean independent of the order attempts arrived in; the
    // quantiles read the values at their ranks (type 7, as quantileSorted).
    const n = this.times.size;
    const h50 = (n - 1) * 0.5;
    const h90 = (n - 1) * 0.9;
    const ranks = [Math.floor(h50), Math.min(Math.floor(h50) + 1, n - 1), Math.floor(h90), Math.min(Math.floor(h90) + 1, n - 1)];
    const { sum, at } = this.times.sumAndRanks(ranks);
    const q = (h: number, lo: number, hi: number) => lo + (h - Math.floor(h)) * (hi - lo);
    const byThreat: Partial<Record<ThreatKind, RateRow>> = {};
    this.threatKinds.forEach((kind, i) => {
      byThreat[kind] = { attempts: this.threatAttempts[i], detected: this.threatDetected[i], detectionRate: rate(this.threatDetected[i], this.threatAttempts[i]) };
    });
    const bySegment: SegmentRow[] = [];
    for (let i = 0; i < this.segAttempts.length; i++) {
      bySegment.push({
        fromKm: i * this.segmentKm,
        toKm: Math.min((i + 1) * this.segmentKm, this.lengthM / 1000),
        attempts: this.segAttempts[i],
        detected: this.segDetected[i],
        detectionRate: rate(this.segDetected[i], this.segAttempts[i]),
      });
    }
    return {
      attempts: this.attempts,
      detected: this.detected,
      detectionRate: rate(this.detected, this.attempts),
      detectionRateCI95: wilson(this.detected, this.attempts),
      detectedBeforeBarrierRate: rate(this.beforeBarrier, this.attempts),
      timeToDetectS: {
        mean: n > 0 ? sum / n : null,
        p50: n > 0 ? q(h50, at[0], at[1]) : null,
        p90: n > 0 ? q(h90, at[2], at[3]) : null,
      },
      byThreat,
      bySegment,
    };
  }
}
