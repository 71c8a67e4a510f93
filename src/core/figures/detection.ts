/**
 * The detection figures (docs/model.md §5): attempts through, detected (rate and Wilson 95 %
 * interval), detected before the barrier, time to first detection, and the detection rate per threat
 * kind and per chainage segment.
 */
import type { ThreatKind } from '../spec.ts';
import { TimeMultiset } from '../timeMultiset.ts';
import { addBin, addBins, addCount, counting, newBins, newCount, rate, rateRow, share, type Bins, type Count, type RateRow, type ShareFields } from './counts.ts';
import type { Reporter } from './reporter.ts';

/** A chainage segment's rate row, from and to km along the border. */
export interface SegmentRow extends RateRow {
  fromKm: number;
  toKm: number;
}

/** Attempts through. */
export const attempts: Reporter<Count, { attempts: number }, { attempts: number }> = {
  key: 'attempts',
  create: newCount,
  add: (t) => void t.n++,
  merge: addCount,
  summary: (t) => ({ attempts: t.n }),
  sweep: {
    unit: (t) => ({ attempts: t.n }),
    fromUnit: (u) => ({ n: u.attempts as number, k: 0 }),
    columns: () => [{ name: 'attempts', cell: (u) => u.attempts }],
    csvRank: 10,
    pooledRank: 10,
  },
  hud: [{ id: 'attempts', label: 'Attempts through', value: (s) => s.attempts, text: (s) => String(s.attempts) }],
};

const detectionShare = share('detected', 'detectionRate', 'detectionRateCI95', ['ciLow', 'ciHigh'], { csvRank: 20, pooledRank: 20 });
type DetectionFields = ShareFields<'detected', 'detectionRate', 'detectionRateCI95'>;

/** Attempts detected: count, rate and Wilson interval. */
export const detection: Reporter<Count, DetectionFields, DetectionFields> = {
  key: 'detection',
  ...counting((r) => r.detected),
  summary: detectionShare.fields,
  sweep: detectionShare.view,
  hud: [
    { id: 'detected', label: 'Detected', value: (s) => s.detected, text: (s) => String(s.detected) },
    { id: 'undetected', label: 'Through undetected', value: (s, n) => n - s.detected, text: (s, n) => String(n - s.detected) },
  ],
};

/** Share of the attempts detected before they reached the barrier. */
export const beforeBarrier: Reporter<Count, { detectedBeforeBarrierRate: number }, { detectedBeforeBarrierRate: number }> = {
  key: 'beforeBarrier',
  ...counting((r) => r.detected && r.detectedBeforeBarrier),
  summary: (t) => ({ detectedBeforeBarrierRate: rate(t.k, t.n) }),
  sweep: {
    unit: (t) => ({ detectedBeforeBarrierRate: rate(t.k, t.n) }),
    columns: () => [{ name: 'detectedBeforeBarrierRate', cell: (u) => u.detectedBeforeBarrierRate }],
    csvRank: 60,
  },
  hud: [{ id: 'before-barrier', label: 'Detected before the wall', value: (s) => s.detectedBeforeBarrierRate, text: (s, n, f) => (n > 0 ? f.percent(s.detectedBeforeBarrierRate) : '—') }],
};

interface TimeToDetect {
  mean: number | null;
  p50: number | null;
  p90: number | null;
}

/** Mean and type-7 quantiles (as quantileSorted) of the detection times, summed in ascending order. */
function timeToDetectOf(times: TimeMultiset): TimeToDetect {
  const n = times.size;
  if (n === 0) return { mean: null, p50: null, p90: null };
  const h50 = (n - 1) * 0.5;
  const h90 = (n - 1) * 0.9;
  const ranks = [Math.floor(h50), Math.min(Math.floor(h50) + 1, n - 1), Math.floor(h90), Math.min(Math.floor(h90) + 1, n - 1)];
  const { sum, at } = times.sumAndRanks(ranks);
  const q = (h: number, lo: number, hi: number) => lo + (h - Math.floor(h)) * (hi - lo);
  return { mean: sum / n, p50: q(h50, at[0], at[1]), p90: q(h90, at[2], at[3]) };
}

/** Time to first detection: mean, p50 and p90 of the detected attempts. */
export const timeToDetect: Reporter<TimeMultiset, { timeToDetectS: TimeToDetect }, { meanTimeToDetectS: number | null }> = {
  key: 'timeToDetect',
  // Exact, in memory bounded by the times' span, not by the number of attempts (timeMultiset.ts).
  create: () => new TimeMultiset(),
  add: (t, r) => {
    if (r.detected) t.add(r.firstDetectTimeS ?? NaN);
  },
  merge: (into, from) => into.merge(from),
  summary: (t) => ({ timeToDetectS: timeToDetectOf(t) }),
  sweep: {
    unit: (t) => ({ meanTimeToDetectS: timeToDetectOf(t).mean }),
    columns: () => [{ name: 'meanTimeToDetectS', cell: (u) => u.meanTimeToDetectS }],
    csvRank: 70,
  },
  hud: [{ id: 'ttd', label: 'Time to detect', small: true, value: (s) => s.timeToDetectS.mean, text: (s, _n, f) => (s.timeToDetectS.mean === null ? '—' : `mean ${f.minSec(s.timeToDetectS.mean)} · p90 ${f.minSec(s.timeToDetectS.p90)}`) }],
};

type ByThreat = Partial<Record<ThreatKind, RateRow>>;
interface ThreatBins extends Bins {
  kinds: readonly ThreatKind[];
}
const byThreatFields = (t: ThreatBins) => {
  const byThreat: ByThreat = {};
  t.kinds.forEach((kind, i) => (byThreat[kind] = rateRow(t, i)));
  return { byThreat };
};

/** The detection rate per threat kind. */
export const byThreat: Reporter<ThreatBins, { byThreat: ByThreat }, { byThreat: ByThreat }> = {
  key: 'byThreat',
  create: (ctx) => ({ kinds: ctx.kinds, ...newBins(ctx.kinds.length) }),
  add: (t, r) => addBin(t, r.threatIndex, r.detected),
  merge: addBins,
  summary: byThreatFields,
  sweep: {
    unit: byThreatFields,
    fromUnit: (u, ctx) => {
      const t = { kinds: ctx.kinds, ...newBins(ctx.kinds.length) };
      const rows = u.byThreat as ByThreat;
      ctx.kinds.forEach((k, i) => {
        t.attempts[i] = rows[k]?.attempts ?? 0;
        t.detected[i] = rows[k]?.detected ?? 0;
      });
      return t;
    },
    columns: (kinds) => kinds.map((k) => ({ name: `rate_${k}`, cell: (u: { byThreat: ByThreat }) => u.byThreat[k]?.detectionRate ?? null })),
    csvRank: 30,
    pooledRank: 40,
  },
};

interface SegmentBins extends Bins {
  segmentKm: number;
  lengthM: number;
}

/** The detection rate per chainage segment of segmentKm (the last one shorter). */
export const bySegment: Reporter<SegmentBins, { bySegment: SegmentRow[] }> = {
  key: 'bySegment',
  create: (ctx) => ({ segmentKm: ctx.segmentKm, lengthM: ctx.lengthM, ...newBins(Math.max(1, Math.ceil(ctx.lengthM / (ctx.segmentKm * 1000) - 1e-9))) }),
  add: (t, r) => {
    const seg = Math.min(t.attempts.length - 1, Math.max(0, Math.floor((r.crossingKm * 1000) / (t.segmentKm * 1000))));
    addBin(t, seg, r.detected);
  },
  merge: addBins,
  summary: (t) => ({
    bySegment: Array.from(t.attempts, (_, i) => ({ fromKm: i * t.segmentKm, toKm: Math.min((i + 1) * t.segmentKm, t.lengthM / 1000), ...rateRow(t, i) })),
  }),
};
