/**
 * The registry of figures (Mesa's DataCollector "reporters"): every figure a run reports is declared
 * here once — its name, how it is tallied from one attempt's rounded row (attemptRow.ts), how two
 * partial tallies add (shards, repetitions), and how it is presented in summary.json, in a sweep's
 * rows and in the viewer's HUD. summary.json, sweep.json/sweep.csv, `watchline merge` and the
 * viewer's statistics all iterate REPORTERS; adding a figure is one entry in it.
 *
 * Statistics (docs/model.md §5): rates with Wilson 95 % intervals, per threat kind and per chainage
 * segment, time to first detection, detected before the barrier, interrupted (docs/model.md §7),
 * which link lost each attempt that was not interrupted, and the detection chain's settings with
 * their sources (docs/model.md §8). Tallies are order-independent: shards, workers and the viewer's
 * ticks reach the same bytes.
 */
import type { AttemptRow, Column } from './attemptRow.ts';
import type { ChainFacts } from './chainFacts.ts';
import type { ResponseInfo } from './interdiction.ts';
import { isInterrupted } from './interdiction.ts';
import { round, wilson } from './metrics.ts';
import { LOST_NAMES } from './outcome.ts';
import type { ThreatKind } from './spec.ts';
import { TimeMultiset } from './timeMultiset.ts';

/** Default width of the per-segment statistics, km. */
export const SEGMENT_KM = 10;

/** A border's length as summaries state it, km to 6 decimals; segments tile this length. */
export function frontierKmOf(lengthM: number): number {
  return round(lengthM / 1000, 6);
}

/** What tallies need besides the rows. */
export interface FigureContext {
  /** Threat kinds in the order of the rows' threatIndex. */
  kinds: readonly ThreatKind[];
  /** Border length, metres: segments of segmentKm tile it, the last one shorter. */
  lengthM: number;
  segmentKm: number;
  /** The response interdiction assumed (null: rows carry no interruption, e.g. old shards). */
  response: ResponseInfo | null;
  /** The detection chain's settings and their sources (chainFacts.ts); null: not stated (sweep pooling). */
  chain: ChainFacts | null;
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

/** How the HUD writes numbers (the viewer supplies them: src/viewer/hud/format.ts). */
export interface HudFormat {
  percent(x: number): string;
  interval(ci: readonly [number, number]): string;
  minSec(s: number | null): string;
}

/** One line of the HUD's figure list. */
export interface HudLine<S> {
  /** data-testid `hud-<id>` of the value (scripts and browser tests read it). */
  id: string;
  label: string;
  /** A long text, set smaller. */
  small?: boolean;
  /** Consecutive lines of one group are set together, compactly, under this heading (e.g. the lost links). */
  group?: string;
  /** A note: set in small muted type across the panel, after its label (e.g. the assumed defaults). */
  note?: boolean;
  /** The exact number behind the text (data-value); null when there is none yet. */
  value(s: S, attempts: number): number | null;
  text(s: S, attempts: number, f: HudFormat): string;
}

/** A sweep's view of a figure: per repetition (sweep.json, points/*.json) and as sweep.csv cells. */
export interface SweepView<T, U> {
  unit(t: T): U;
  /**
   * The tally back from a repetition's fields, for figures that are counts: pooling the repetitions
   * of a point is adding these tallies. Figures without it are not pooled.
   */
  fromUnit?(u: UnitRecord, ctx: FigureContext): T;
  /** sweep.csv columns of this figure: names and cells of a repetition. */
  columns(kinds: readonly ThreatKind[]): { name: string; cell(u: U): unknown }[];
  /**
   * Where the figure's fields sit in sweep.csv and in a point's `pooled` block (ascending; point
   * facts — towers, cameras — sit at 40 in sweep.csv). Kept as the files have always had them.
   */
  csvRank: number;
  pooledRank?: number;
}

export interface Reporter<T, S extends object, U extends object = object> {
  /** The figure's name. */
  key: string;
  /**
   * Columns this figure decides per attempt, appended to attempts.csv (and to detection events)
   * after the attempt's own columns (attemptRow.ts).
   */
  columns?: readonly Column[];
  create(ctx: FigureContext): T;
  /** Tallies one attempt. */
  add(t: T, row: AttemptRow): void;
  /** Adds the tally `from` into `into` (shards of one run, repetitions of one point). */
  merge(into: T, from: T): void;
  /** Fields of summary.json (and of the viewer's statistics), in file order. */
  summary(t: T, ctx: FigureContext): S;
  sweep?: SweepView<T, U>;
  hud?: HudLine<S>[];
}

const rate = (k: number, n: number) => (n > 0 ? k / n : 0);

/** A count of attempts and of those that have some property: the shape of most figures. */
interface Count {
  n: number;
  k: number;
}
const newCount = (): Count => ({ n: 0, k: 0 });
const addCount = (into: Count, from: Count) => {
  into.n += from.n;
  into.k += from.k;
};
/** Tallying of a Count: every attempt, and those for which `has(row)`. */
const counting = (has: (r: AttemptRow) => boolean) => ({
  create: newCount,
  add: (t: Count, r: AttemptRow) => {
    t.n++;
    if (has(r)) t.k++;
  },
  merge: addCount,
});

/** A share of the attempts, its count and its Wilson interval: `detected`, `detectionRate`, `detectionRateCI95`. */
type ShareFields<C extends string, R extends string, I extends string> = Record<C, number> & Record<R, number> & Record<I, [number, number]>;

/**
 * The fields of a share of the attempts (counted in a Count), and its sweep view: the tally back
 * from a repetition's count, and the sweep.csv cells count, rate, interval low and high.
 */
function share<C extends string, R extends string, I extends string>(count: C, rateKey: R, ci: I, csvLowHigh: [string, string], ranks: { csvRank: number; pooledRank: number }) {
  type F = ShareFields<C, R, I>;
  const fields = (t: Count) => ({ [count]: t.k, [rateKey]: rate(t.k, t.n), [ci]: wilson(t.k, t.n) }) as F;
  const view: SweepView<Count, F> = {
    unit: fields,
    fromUnit: (u) => ({ n: u.attempts as number, k: u[count] as number }),
    columns: () => [
      { name: count, cell: (u) => u[count] },
      { name: rateKey, cell: (u) => u[rateKey] },
      { name: csvLowHigh[0], cell: (u) => u[ci][0] },
      { name: csvLowHigh[1], cell: (u) => u[ci][1] },
    ],
    ...ranks,
  };
  return { fields, view };
}

const attempts: Reporter<Count, { attempts: number }, { attempts: number }> = {
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

const detection: Reporter<Count, DetectionFields, DetectionFields> = {
  key: 'detection',
  ...counting((r) => r.detected),
  summary: detectionShare.fields,
  sweep: detectionShare.view,
  hud: [
    { id: 'detected', label: 'Detected', value: (s) => s.detected, text: (s) => String(s.detected) },
    { id: 'undetected', label: 'Through undetected', value: (s, n) => n - s.detected, text: (s, n) => String(n - s.detected) },
  ],
};

const beforeBarrier: Reporter<Count, { detectedBeforeBarrierRate: number }, { detectedBeforeBarrierRate: number }> = {
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

const timeToDetect: Reporter<TimeMultiset, { timeToDetectS: TimeToDetect }, { meanTimeToDetectS: number | null }> = {
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

/** Attempts and detections per bin (threat kind or segment). */
interface Bins {
  attempts: Float64Array;
  detected: Float64Array;
}
const newBins = (n: number): Bins => ({ attempts: new Float64Array(n), detected: new Float64Array(n) });
const addBin = (b: Bins, i: number, detected: boolean) => {
  b.attempts[i]++;
  if (detected) b.detected[i]++;
};
const addBins = (into: Bins, from: Bins) => {
  for (let i = 0; i < into.attempts.length; i++) {
    into.attempts[i] += from.attempts[i];
    into.detected[i] += from.detected[i];
  }
};
const rateRow = (b: Bins, i: number): RateRow => ({ attempts: b.attempts[i], detected: b.detected[i], detectionRate: rate(b.detected[i], b.attempts[i]) });

type ByThreat = Partial<Record<ThreatKind, RateRow>>;
interface ThreatBins extends Bins {
  kinds: readonly ThreatKind[];
}
const byThreatFields = (t: ThreatBins) => {
  const byThreat: ByThreat = {};
  t.kinds.forEach((kind, i) => (byThreat[kind] = rateRow(t, i)));
  return { byThreat };
};

const byThreat: Reporter<ThreatBins, { byThreat: ByThreat }, { byThreat: ByThreat }> = {
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

const bySegment: Reporter<SegmentBins, { bySegment: SegmentRow[] }> = {
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

const interruptionShare = share('interrupted', 'interruptionRate', 'interruptionRateCI95', ['interruptionCiLow', 'interruptionCiHigh'], { csvRank: 50, pooledRank: 30 });
type InterruptionFields = ShareFields<'interrupted', 'interruptionRate', 'interruptionRateCI95'>;

const interruption: Reporter<Count, Partial<{ response: ResponseInfo } & InterruptionFields>, InterruptionFields> = {
  key: 'interruption',
  // Decided from the rounded columns before it, so that a row read back from a file decides alike.
  columns: [{ name: 'interrupted', type: 'flag?', of: (_o, c, row) => (c.response ? isInterrupted(c.response, row) : null) }],
  ...counting((r) => r.interrupted === true),
  summary: (t, ctx) => {
    if (!ctx.response) return {};
    const { delayS, speedMps, source } = ctx.response;
    return { response: { delayS, speedMps, source }, ...interruptionShare.fields(t) };
  },
  sweep: interruptionShare.view,
  hud: [
    {
      id: 'interrupted',
      label: 'Interrupted in time',
      small: true,
      value: (s) => s.interruptionRate ?? null,
      text: (s, n, f) => (n > 0 && s.interruptionRate !== undefined && s.interruptionRateCI95 ? `${f.percent(s.interruptionRate)} (${f.interval(s.interruptionRateCI95)})` : '—'),
    },
  ],
};

/**
 * Which link lost an attempt that was not interrupted (docs/model.md §8): never sensed, sensed only by
 * cameras out of service that day, sensed but not noticed (missed), or detected too late for the
 * response (detected, not interrupted).
 */
export const LOST_LINKS = ['unsensed', 'outage', 'unnoticed', 'late'] as const;
export type LostLink = (typeof LOST_LINKS)[number];
export type LostCounts = Record<LostLink, number>;
/** attempts.csv `lostAt` words; '' for an interrupted attempt (or a detected one when interruption is not decided). */
const LOST_AT_CODES: readonly string[] = ['', ...LOST_LINKS];

const newLost = (): LostCounts => ({ unsensed: 0, outage: 0, unnoticed: 0, late: 0 });
const lostOfUnit = (u: UnitRecord): LostCounts => ({ ...newLost(), ...(u.lost as Partial<LostCounts> | undefined) });

/** One HUD line per link, set together under 'Lost at': the count of attempts it lost. */
const lostLine = (link: LostLink, label: string): HudLine<{ lost: LostCounts }> => ({
  id: `lost-${link}`,
  label,
  small: true,
  group: 'Lost at',
  value: (s) => s.lost[link],
  text: (s, n) => (n > 0 ? String(s.lost[link]) : '—'),
});

const lost: Reporter<LostCounts, { lost: LostCounts }, { lost: LostCounts }> = {
  key: 'lost',
  columns: [
    // The attempt's day: which outage map it met.
    { name: 'day', type: 'number', of: (o) => o.day },
    // Decided after `interrupted`: a detection the response cannot meet is lost late.
    { name: 'lostAt', type: 'code', codes: LOST_AT_CODES, of: (o, _c, row) => (o.detected ? (row.interrupted === false ? 'late' : '') : LOST_NAMES[o.lost]) },
    // Analytics mode: the first alarm's local time; empty otherwise.
    { name: 'alarmTimeS', type: 'number?', of: (o) => (Number.isNaN(o.alarmTimeS) ? null : round(o.alarmTimeS, 3)) },
  ],
  create: newLost,
  add: (t, r) => {
    if (r.lostAt) t[r.lostAt as LostLink]++;
  },
  merge: (into, from) => {
    for (const k of LOST_LINKS) into[k] += from[k];
  },
  summary: (t) => ({ lost: { ...t } }),
  sweep: {
    unit: (t) => ({ lost: { ...t } }),
    fromUnit: lostOfUnit,
    columns: () => LOST_LINKS.map((k) => ({ name: `lost_${k}`, cell: (u: { lost: LostCounts }) => u.lost[k] })),
    csvRank: 80,
    pooledRank: 50,
  },
  hud: [lostLine('unsensed', 'never sensed'), lostLine('outage', 'out of service'), lostLine('unnoticed', 'not noticed'), lostLine('late', 'detected too late')],
};

/** The detection chain's settings, stated once per run from the figure context (no tally). */
const chain: Reporter<null, Partial<ChainFacts>> = {
  key: 'chain',
  create: () => null,
  add: () => {},
  merge: () => {},
  summary: (_t, ctx) => (ctx.chain ? { availability: ctx.chain.availability, watch: ctx.chain.watch, assumptions: ctx.chain.assumptions } : {}),
  hud: [
    {
      id: 'assumed',
      label: 'assumed:',
      small: true,
      note: true,
      value: () => null,
      text: (s) => {
        const assumed = (s.assumptions ?? []).filter((a) => a.source === 'default');
        // A no-break space inside each item: a wrapped note breaks only between items.
        return assumed.length ? assumed.map((a) => `${a.name}\u00a0${a.value}`).join(' · ') : 'none';
      },
    },
  ],
};

/** Every figure, in the order of summary.json (and of a sweep repetition's fields). */
export const REPORTERS = [attempts, detection, beforeBarrier, timeToDetect, byThreat, bySegment, interruption, lost, chain] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flat<T> = { [K in keyof T]: T[K] };
type Reporters = (typeof REPORTERS)[number];
type SummaryOf<R> = R extends Reporter<infer _T, infer S, infer _U> ? S : never;
type UnitOf<R> = R extends { sweep?: SweepView<infer _T, infer U> } ? U : never;

/** The figures of a run: what summary.json holds after its metadata, and what the HUD shows. */
export type RunFigures = Flat<UnionToIntersection<SummaryOf<Reporters>>>;
/** The figures of one sweep repetition. */
export type UnitFigures = Flat<UnionToIntersection<UnitOf<Reporters>>>;
/** A repetition's fields as read back from a file. */
export type UnitRecord = Record<string, unknown>;

// The registry seen as one type, for loops over it (each entry keeps its own tally type).
type AnyReporter = Reporter<unknown, object, object>;
const ALL = REPORTERS as unknown as readonly AnyReporter[];

/** The tallies of every figure over a set of attempts. */
export class FigureTally {
  private readonly parts: unknown[];

  constructor(readonly ctx: FigureContext) {
    this.parts = ALL.map((r) => r.create(ctx));
  }

  add(row: AttemptRow): void {
    for (let i = 0; i < ALL.length; i++) ALL[i].add(this.parts[i], row);
  }

  /** Adds another tally of the same context (a shard, a repetition). */
  merge(other: FigureTally): void {
    for (let i = 0; i < ALL.length; i++) ALL[i].merge(this.parts[i], other.parts[i]);
  }

  /** The figures as summary.json holds them. */
  summary(): RunFigures {
    return Object.assign({}, ...ALL.map((r, i) => r.summary(this.parts[i], this.ctx))) as RunFigures;
  }

  /** The figures of a sweep repetition. */
  unit(): UnitFigures {
    return Object.assign({}, ...ALL.map((r, i) => r.sweep?.unit(this.parts[i]) ?? {})) as UnitFigures;
  }

  /** The tally of a repetition read back from its fields: only figures that are counts (fromUnit). */
  static fromUnit(u: UnitRecord, ctx: FigureContext): FigureTally {
    const t = new FigureTally(ctx);
    ALL.forEach((r, i) => {
      if (r.sweep?.fromUnit) t.parts[i] = r.sweep.fromUnit(u, ctx);
    });
    return t;
  }

  /**
   * The pooled figures of repetitions (counts add up; rates and intervals from the sums), in the
   * `pooled` order of sweep.json.
   */
  pooled(): PooledFigures {
    const order = ALL.map((r, i) => ({ r, i })).filter(({ r }) => r.sweep?.fromUnit && r.sweep.pooledRank !== undefined);
    order.sort((a, b) => a.r.sweep!.pooledRank! - b.r.sweep!.pooledRank!);
    return Object.assign({}, ...order.map(({ r, i }) => r.sweep!.unit(this.parts[i]))) as PooledFigures;
  }
}

/** The pooled block of a sweep point. */
export type PooledFigures = Pick<UnitFigures, 'attempts' | 'detected' | 'detectionRate' | 'detectionRateCI95' | 'interrupted' | 'interruptionRate' | 'interruptionRateCI95' | 'byThreat' | 'lost'>;

/** Pools repetitions of one point: their count tallies added. Threat kinds: those the repetitions name. */
export function poolUnits(units: readonly UnitRecord[]): PooledFigures {
  const kinds: ThreatKind[] = [];
  for (const u of units) for (const k of Object.keys((u.byThreat ?? {}) as object) as ThreatKind[]) if (!kinds.includes(k)) kinds.push(k);
  const ctx: FigureContext = { kinds, lengthM: 0, segmentKm: SEGMENT_KM, response: null, chain: null };
  const total = new FigureTally(ctx);
  for (const u of units) total.merge(FigureTally.fromUnit(u, ctx));
  return total.pooled();
}

/** A sweep.csv column of a repetition, with its place among the others. */
export interface RankedColumn {
  rank: number;
  name: string;
  cell(u: UnitFigures): unknown;
}

/** The figures' sweep.csv columns for these threat kinds, each with its rank. */
export function sweepColumns(kinds: readonly ThreatKind[]): RankedColumn[] {
  return ALL.flatMap((r) => (r.sweep ? r.sweep.columns(kinds).map((c) => ({ rank: r.sweep!.csvRank, name: c.name, cell: c.cell as (u: UnitFigures) => unknown })) : []));
}

/** The HUD's figure lines, in registry order, each reading the full figures. */
export interface HudFigure {
  id: string;
  label: string;
  small: boolean;
  /** Heading of the group the line is set in; null for a line of its own. */
  group: string | null;
  note: boolean;
  value(s: RunFigures): number | null;
  text(s: RunFigures, f: HudFormat): string;
}

export const HUD_FIGURES: readonly HudFigure[] = ALL.flatMap((r) =>
  (r.hud ?? []).map((h) => ({
    id: h.id,
    label: h.label,
    small: h.small ?? false,
    group: h.group ?? null,
    note: h.note ?? false,
    value: (s: RunFigures) => h.value(s, s.attempts),
    text: (s: RunFigures, f: HudFormat) => h.text(s, s.attempts, f),
  })),
);
